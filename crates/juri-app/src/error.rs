//! Errors of the use cases, in the words a chair or a juror would use.

use rust_i18n::t;
use serde::Serialize;

/// One bad row of an imported file. Rows are numbered as a spreadsheet shows them (header = 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowProblem {
    pub row: usize,
    pub message: String,
}

/// A small, stable set of codes the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    InvalidInput,
    InvalidFile,
    InvalidDefinition,
    NotAllowed,
    Database,
    Io,
    /// Juri could not produce what was asked although the input was acceptable (a document or
    /// export failed to render): a fault to report, not something the person can fix.
    Internal,
}

/// What the person can do about a refusal. Front ends say it in their own words: the `juri`
/// command names its flag or subcommand, the desktop app its field or button. Messages never do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Hint {
    /// Name the stage the action is for.
    ChooseStage,
    /// Name the juror whose sheets are meant.
    ChooseJuror,
    /// Give the access code the chair handed out with the package.
    GiveAccessCode,
    /// Give the chair's passphrase, which opens the chair's keys.
    GivePassphrase,
    /// Choose the chair's passphrase, which seals the chair's keys.
    ChoosePassphrase,
    /// Open the package from the chair first.
    OpenPackage,
    /// Issue the jurors' packages first (they make the chair's keys).
    IssuePackages,
    /// Import the missing bundles, or record an exception for each missing sheet.
    RecordException,
    /// Record a chair decision that orders the tied entries.
    DecideTie,
    /// Assign a juror to the entry, or record an exception for the entry (it stays unscored).
    ExceptEntry,
    /// Re-check the stage's entries after an earlier stage was corrected, and acknowledge it.
    ReviewStage,
    /// Re-open the finalised stage, with a reason, to correct it.
    ReopenStage,
}

/// One reason a stage cannot be finalised yet, with what the chair can do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Blocker {
    pub message: String,
    pub hint: Option<Hint>,
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Definition(#[from] juri_core::DefinitionError),
    #[error("{}", bad_rows(file, problems))]
    BadRows {
        file: String,
        problems: Vec<RowProblem>,
    },
    #[error("{file}: {message}")]
    BadFile { file: String, message: String },
    #[error("{}", t!("error.unknown_stage", stage = .0))]
    UnknownStage(String),
    #[error("{}", t!("error.unknown_entry", entry = .0))]
    UnknownEntry(String),
    #[error("{}", t!("error.unknown_juror", juror = .0))]
    UnknownJuror(String),
    #[error("{}", t!("error.cannot_finalize", stage = stage, reasons = reasons.iter().map(|r| format!("  - {r}")).collect::<Vec<_>>().join("\n")))]
    CannotFinalize {
        stage: String,
        reasons: Vec<Blocker>,
    },
    /// A well-formed request that a rule of the competition refuses.
    #[error(transparent)]
    Refused(#[from] crate::refusal::Refusal),
    /// The action needs something the person has not given yet.
    #[error("{message}")]
    Needs { message: String, hint: Hint },
    #[error("{}", t!("error.stage_finalized", stage = .0))]
    StageFinalized(String),
    /// Something the database holds cannot be read back (a damaged row, a foreign format).
    #[error("{}", t!("error.damaged", detail = .0))]
    Damaged(String),
    /// Something Juri itself could not do with data it made (encoding a journal entry).
    #[error("{0}")]
    Internal(String),
    /// A document or export could not be produced.
    #[error("{}", t!("error.render", what = what, reason = reason))]
    Render { what: String, reason: String },
    #[error("{0}")]
    Store(#[from] juri_store::StoreError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The message of a file refused for its bad rows: how many, then each row and its problem.
fn bad_rows(file: &str, problems: &[RowProblem]) -> String {
    let rows = problems
        .iter()
        .map(|p| {
            format!(
                "  {}",
                t!("error.row_problem", row = p.row, message = p.message)
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    if problems.len() == 1 {
        t!("error.bad_rows_one", file = file, rows = rows)
    } else {
        t!(
            "error.bad_rows_many",
            file = file,
            count = problems.len(),
            rows = rows
        )
    }
    .into_owned()
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Definition(_) => ErrorCode::InvalidDefinition,
            AppError::BadRows { .. } | AppError::BadFile { .. } => ErrorCode::InvalidFile,
            AppError::UnknownStage(_) | AppError::UnknownEntry(_) | AppError::UnknownJuror(_) => {
                ErrorCode::NotFound
            }
            AppError::Needs { .. } | AppError::Refused(_) => ErrorCode::InvalidInput,
            AppError::CannotFinalize { .. } | AppError::StageFinalized(_) => ErrorCode::NotAllowed,
            AppError::Store(juri_store::StoreError::Missing { .. }) => ErrorCode::NotFound,
            AppError::Store(_) | AppError::Damaged(_) => ErrorCode::Database,
            AppError::Io { .. } => ErrorCode::Io,
            AppError::Render { .. } | AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// What the person can do about this error, if the error says.
    pub fn hint(&self) -> Option<Hint> {
        match self {
            AppError::Needs { hint, .. } => Some(*hint),
            AppError::StageFinalized(_) => Some(Hint::ReopenStage),
            _ => None,
        }
    }

    pub(crate) fn render(what: impl Into<String>, reason: impl std::fmt::Display) -> AppError {
        AppError::Render {
            what: what.into(),
            reason: reason.to_string(),
        }
    }

    pub(crate) fn needs(message: impl Into<String>, hint: Hint) -> AppError {
        AppError::Needs {
            message: message.into(),
            hint,
        }
    }

    pub fn io(path: &std::path::Path, source: std::io::Error) -> AppError {
        AppError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
