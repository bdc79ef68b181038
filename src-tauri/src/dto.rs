//! Shapes the shell sends to the web UI beside the `juri-app` types themselves.

use juri_app::core::{Decision, Definition};
use juri_app::Overview;
use serde::Serialize;

/// What the start screen needs to know: the competition open in chair mode, if any.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ChairStart {
    /// The competition in the data folder, opened; `None` on a first launch.
    pub competition: Option<Overview>,
    /// The app was started with `--demo` (and the demo competition is open).
    pub demo_requested: bool,
}

/// The competitions of the data folder and which of them is open.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Competitions {
    /// The open competition's database path; `None` when none is open.
    pub open: Option<String>,
    pub competitions: Vec<juri_app::CompetitionFile>,
}

/// A competition template shipped with Juri.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub name: String,
    pub description: String,
}

/// The definition in force, as a model for the forms and as the text of its file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DefinitionView {
    pub version: i64,
    pub toml: String,
    pub definition: Definition,
}

/// A recorded chair decision.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DecisionRecord {
    pub id: i64,
    pub at: String,
    pub decision: Decision,
}

/// Which lines of the audit log to show: one kind of line, a stage, an entry (each optional).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct LogFilter {
    pub action: Option<String>,
    pub stage: Option<String>,
    pub entry: Option<String>,
}

/// Which sheet an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Entries,
    Jurors,
    Scores,
}

/// What the juror's start screen needs: the installed package, if any, and progress per stage.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct JurorStart {
    pub info: Option<juri_app::WorkspaceInfo>,
    pub stages: Vec<juri_app::StageProgress>,
}

/// Progress of a merge: files read so far, of how many.
#[derive(Debug, Clone, Copy, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct MergeProgress {
    pub done: usize,
    pub total: usize,
}
