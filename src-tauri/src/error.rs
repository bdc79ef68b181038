//! The error every command returns to the web UI.
//!
//! The UI branches on `code` (a small closed set), shows `message` as the detail line, and lists
//! `problems` (every bad row of an imported file, every problem of a definition) with their place.
//! The JSON shape `{"code": "...", "message": "...", "problems": [...]}` is a contract with
//! `ui/src/lib/api.ts`; the tests below pin it.

use juri_app::{AppError, Hint};
use serde::Serialize;
use std::fmt;

/// What kind of failure a command met, in words the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A file, folder or the data folder could not be read or written.
    Io,
    /// The operating system could not open a file or folder in its default application.
    OpenFailed,
    /// No competition (chair) or no package (juror) is open yet.
    NothingOpen,
    /// A stage, entry, juror or file that does not exist.
    NotFound,
    /// A value the user gave is not acceptable (a score out of range, a decision without reason).
    InvalidInput,
    /// An imported file is damaged or has bad rows.
    InvalidFile,
    /// The competition definition has problems.
    InvalidDefinition,
    /// The action is not allowed now (a finalised stage, a stage that cannot be finalised yet).
    NotAllowed,
    /// The database could not be read or written.
    Database,
    /// Juri could not produce what was asked (a document failed to render): a fault to report.
    Internal,
}

/// One problem with its place: `row 4` of an imported sheet, `stages[1].rubric` of a definition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Problem {
    pub place: String,
    pub message: String,
}

/// A command failure as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    /// Every problem found, when the failure has several (empty otherwise).
    pub problems: Vec<Problem>,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            problems: Vec::new(),
        }
    }

    /// Nothing is open in this mode yet.
    pub fn nothing_open(what: &str) -> Self {
        Self::new(ErrorCode::NothingOpen, format!("no {what} is open"))
    }

    /// A background task that could not finish (it panicked or was cancelled).
    pub fn task(error: impl fmt::Display) -> Self {
        Self::new(ErrorCode::Io, format!("the task stopped: {error}"))
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<tauri_plugin_opener::Error> for CommandError {
    fn from(error: tauri_plugin_opener::Error) -> Self {
        Self::new(ErrorCode::OpenFailed, error.to_string())
    }
}

impl From<juri_app::ErrorCode> for ErrorCode {
    fn from(code: juri_app::ErrorCode) -> Self {
        match code {
            juri_app::ErrorCode::NotFound => ErrorCode::NotFound,
            juri_app::ErrorCode::InvalidInput => ErrorCode::InvalidInput,
            juri_app::ErrorCode::InvalidFile => ErrorCode::InvalidFile,
            juri_app::ErrorCode::InvalidDefinition => ErrorCode::InvalidDefinition,
            juri_app::ErrorCode::NotAllowed => ErrorCode::NotAllowed,
            juri_app::ErrorCode::Database => ErrorCode::Database,
            juri_app::ErrorCode::Io => ErrorCode::Io,
            juri_app::ErrorCode::Internal => ErrorCode::Internal,
        }
    }
}

impl From<AppError> for CommandError {
    fn from(error: AppError) -> Self {
        let problems = match &error {
            AppError::BadRows { problems, .. } => problems
                .iter()
                .map(|p| Problem {
                    place: format!("row {}", p.row),
                    message: p.message.clone(),
                })
                .collect(),
            AppError::Definition(definition) => definition
                .problems
                .iter()
                .map(|p| Problem {
                    place: p.place.clone(),
                    message: p.message.clone(),
                })
                .collect(),
            AppError::CannotFinalize { stage, reasons } => reasons
                .iter()
                .map(|reason| Problem {
                    place: stage.clone(),
                    message: match reason.hint {
                        Some(hint) => format!("{} — {}", reason.message, in_app_words(hint)),
                        None => reason.message.clone(),
                    },
                })
                .collect(),
            _ => Vec::new(),
        };
        let message = match &error {
            AppError::BadRows { file, problems } => {
                format!(
                    "{file}: {} bad row(s); nothing was imported",
                    problems.len()
                )
            }
            AppError::Definition(definition) => {
                format!(
                    "the definition has {} problem(s)",
                    definition.problems.len()
                )
            }
            AppError::CannotFinalize { stage, .. } => {
                format!("stage '{stage}' cannot be finalised yet")
            }
            AppError::Needs { message, hint } => format!("{message} — {}", in_app_words(*hint)),
            other => other.to_string(),
        };
        Self {
            code: error.code().into(),
            message,
            problems,
        }
    }
}

/// What to do next, in the words of the app's screens (its fields and buttons).
fn in_app_words(hint: Hint) -> &'static str {
    match hint {
        Hint::ChooseStage => "choose a stage",
        Hint::ChooseJuror => "choose a juror",
        Hint::GiveAccessCode => "type the access code the chair gave you",
        Hint::GivePassphrase => "type the chair's passphrase when asked",
        Hint::ChoosePassphrase => "choose the chair's passphrase when asked",
        Hint::OpenPackage => "open your juror package on the Home screen",
        Hint::IssuePackages => "issue the juror packages on the Packages screen first",
        Hint::RecordException => "import the bundles, or record a sheet exception under Decisions",
        Hint::DecideTie => "record the order of the tie under Decisions",
        Hint::ExceptEntry => {
            "assign a juror to the innovation, or record an exception for the innovation under Decisions"
        }
        // The desktop's correction screens come later; until then the `juri` command does it.
        Hint::ReviewStage => {
            "re-check the stage's innovations, then acknowledge the review (juri correct review)"
        }
        Hint::ReopenStage => "re-open the stage with a reason to correct it (juri correct reopen)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use juri_app::RowProblem;
    use serde_json::json;

    #[test]
    fn serializes_as_code_message_and_problems() {
        let cases = [
            (
                CommandError::new(ErrorCode::Io, "folder data tidak dapat dibaca"),
                json!({"code": "io", "message": "folder data tidak dapat dibaca", "problems": []}),
            ),
            (
                CommandError::new(ErrorCode::OpenFailed, "no viewer for PDF"),
                json!({"code": "open_failed", "message": "no viewer for PDF", "problems": []}),
            ),
            (
                CommandError::nothing_open("competition"),
                json!({"code": "nothing_open", "message": "no competition is open", "problems": []}),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(serde_json::to_value(&error).unwrap(), expected);
        }
    }

    #[test]
    fn opener_failures_become_open_failed() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "missing.pdf");
        let error = CommandError::from(tauri_plugin_opener::Error::Io(io));
        assert_eq!(error.code, ErrorCode::OpenFailed);
        assert!(error.message.contains("missing.pdf"), "{}", error.message);
    }

    #[test]
    fn bad_rows_arrive_one_problem_per_row() {
        let error = CommandError::from(AppError::BadRows {
            file: "peserta.csv".into(),
            problems: vec![
                RowProblem {
                    row: 3,
                    message: "unknown category 'x'".into(),
                },
                RowProblem {
                    row: 7,
                    message: "code is empty".into(),
                },
            ],
        });
        assert_eq!(error.code, ErrorCode::InvalidFile);
        assert_eq!(
            serde_json::to_value(&error.problems).unwrap(),
            json!([
                {"place": "row 3", "message": "unknown category 'x'"},
                {"place": "row 7", "message": "code is empty"},
            ])
        );
        assert!(error.message.contains("2 bad row(s)"), "{}", error.message);
    }

    #[test]
    fn definition_problems_keep_their_place() {
        let text = "[competition]\nid = \"x\"\nname = \"X\"\n[[stages]]\nid = \"a\"\nname = \"A\"\nkind = \"scoring\"\n";
        let error = juri_app::Chair::init(&std::env::temp_dir().join("never-created.db"), text)
            .err()
            .expect("a scoring stage without rubric is refused");
        let error = CommandError::from(error);
        assert_eq!(error.code, ErrorCode::InvalidDefinition);
        assert!(!error.problems.is_empty());
        assert!(
            error.problems.iter().any(|p| p.place.contains("stages[0]")),
            "{:?}",
            error.problems
        );
    }

    #[test]
    fn codes_map_one_to_one() {
        let cases = [
            (AppError::UnknownStage("x".into()), ErrorCode::NotFound),
            (
                AppError::Refused(juri_app::Refusal::DecisionWithoutReason),
                ErrorCode::InvalidInput,
            ),
            (AppError::StageFinalized("x".into()), ErrorCode::NotAllowed),
        ];
        for (error, code) in cases {
            assert_eq!(CommandError::from(error).code, code);
        }
    }
}
