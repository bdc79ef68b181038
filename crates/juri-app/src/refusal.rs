//! Why a use case refuses a request that is well formed but does not fit the competition as it
//! stands: one variant per rule, each with the words a chair or juror reads and a stable code.

use rust_i18n::t;

/// A request refused by a rule of the competition or of the juror's package.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    // ── the juror's laptop ────────────────────────────────────────────────────────────────────
    #[error("{}", t!("refusal.stage_not_scored", stage = stage))]
    StageNotScored { stage: String },
    #[error(
        "entry '{entry}' is not in your package: it does not exist, or you are recused from it"
    )]
    EntryNotInPackage { entry: String },
    #[error("you are not assigned to entry '{entry}' in stage '{stage}'")]
    NotYourEntry { stage: String, entry: String },
    #[error(
        "entry '{entry}' in stage '{stage}' is already submitted; reopen it first to change it"
    )]
    AlreadySubmitted { stage: String, entry: String },
    #[error("unknown criterion '{criterion}' in stage '{stage}' (one of: {})", choices.join(", "))]
    UnknownCriterion {
        stage: String,
        criterion: String,
        choices: Vec<String>,
    },
    #[error("score for '{criterion}': {reason}")]
    UnreadableScore { criterion: String, reason: String },
    #[error("score {text} for '{criterion}' is outside the scale {scale}")]
    ScoreOffScale {
        criterion: String,
        text: String,
        scale: String,
    },
    #[error("'{criterion}' of entry '{entry}' has no score to clear")]
    NothingToClear { criterion: String, entry: String },
    #[error("entry '{entry}' cannot be submitted: {} of {criteria} criteria are not scored yet ({})", missing.len(), missing.join(", "))]
    SheetIncomplete {
        entry: String,
        criteria: usize,
        missing: Vec<String>,
    },
    #[error("no entry is assigned to you in stage '{stage}'")]
    NothingAssigned { stage: String },
    #[error(
        "you have not scored entry '{entry}' in stage '{stage}' yet; print a blank sheet instead"
    )]
    EntryNotScored { stage: String, entry: String },
    #[error("you have not scored any entry in stage '{stage}' yet; print blank sheets instead")]
    StageNotScoredByYou { stage: String },

    #[error("this competition definition {needs}: install that Juri, then open it again")]
    NewerDefinition { needs: String },
    #[error("this package {needs}: install that Juri, then open the package again")]
    NewerPackage { needs: String },

    // ── the chair's competition, decisions and results ─────────────────────────────────────────────────────
    #[error("the new definition is for competition '{found}', this database holds '{expected}'")]
    OtherCompetition { found: String, expected: String },
    #[error("stage '{stage}' is not a screening stage")]
    NotScreening { stage: String },
    #[error("{}", problems.join("\n"))]
    ScreeningRefused { problems: Vec<String> },
    #[error("a decision needs a reason; it is printed in the minutes")]
    DecisionWithoutReason,
    #[error("a tie order names at least two entries, best first")]
    TieOrderTooShort,
    #[error("entry '{entry}' is not in stage '{stage}'")]
    EntryNotInStage { stage: String, entry: String },
    /// A tie order must name each entry of one unresolved tie once, and nothing else.
    #[error("{}; a tie order names exactly the entries of one unresolved tie: {}", not_one_tie(stage, entries, not_tied, repeated), if ties.is_empty() { "none".to_string() } else { ties.iter().map(|g| g.join(" = ")).collect::<Vec<_>>().join("; ") })]
    NotTied {
        stage: String,
        entries: Vec<String>,
        /// The named entries that are in no unresolved tie of the stage.
        not_tied: Vec<String>,
        /// The entries named more than once.
        repeated: Vec<String>,
        /// The stage's unresolved ties.
        ties: Vec<Vec<String>>,
    },
    #[error("juror '{juror}' is not assigned to '{entry}' in '{stage}'")]
    JurorNotAssigned {
        stage: String,
        juror: String,
        entry: String,
    },
    #[error("entry '{entry}' is scored in '{stage}' by {}; an exception for an entry is for one no counted juror scored", jurors.join(", "))]
    EntryIsScored {
        stage: String,
        entry: String,
        jurors: Vec<String>,
    },
    #[error("entry '{entry}' is disqualified in '{stage}'; it needs no exception")]
    EntryDisqualified { stage: String, entry: String },
    #[error("stage '{stage}' is not scored by jurors; methods do not apply")]
    MethodsDoNotApply { stage: String },

    // ── corrections ───────────────────────────────────────────────────────────────────────────
    #[error("a correction needs a reason; it is kept in the audit log and printed in the correction minutes")]
    CorrectionWithoutReason,
    #[error("this competition was archived on {at}; its record can no longer be corrected")]
    Archived { at: String },
    #[error("stage '{stage}' is not finalised; only a finalised stage is re-opened")]
    StageNotFinalized { stage: String },
    #[error("stage '{stage}' has nothing to review")]
    NothingToReview { stage: String },
    #[error("stage '{because}' was re-opened and is not finalised again yet; finalise it before reviewing stage '{stage}'")]
    ReviewTooEarly { stage: String, because: String },
    #[error("there is no decision {id} in force{}", if *revoked { " (it was revoked)" } else { "" })]
    NoSuchDecision { id: i64, revoked: bool },
    #[error("the replacement is for stage '{replacement}', decision {id} for stage '{stage}'; a decision is replaced in its own stage")]
    ReplacementElsewhere {
        id: i64,
        stage: String,
        replacement: String,
    },
    #[error("entry '{entry}' is already withdrawn")]
    AlreadyWithdrawn { entry: String },
    #[error("entry '{entry}' is not withdrawn")]
    NotWithdrawn { entry: String },
    #[error("there is no score of {juror}/{entry}/{criterion} in stage '{stage}' to correct; a paper score is entered by importing it")]
    NoScoreToCorrect {
        stage: String,
        entry: String,
        juror: String,
        criterion: String,
    },
    #[error("the score of {juror}/{entry}/{criterion} in stage '{stage}' came from the juror's bundle: a juror's bundle is the juror's — rule on conflicts instead")]
    ScoreFromBundle {
        stage: String,
        entry: String,
        juror: String,
        criterion: String,
    },
    #[error("{what} is already {value}; nothing to correct")]
    NothingToCorrect { what: String, value: String },
    #[error("unknown category '{category}' (one of: {})", choices.join(", "))]
    UnknownCategory {
        category: String,
        choices: Vec<String>,
    },
    #[error("{field} of an entry cannot be empty")]
    EmptyField { field: String },
    #[error("juror '{juror}' cannot replace themselves; name another juror to take over")]
    SameJuror { juror: String },
    #[error("juror '{juror}' does not sit on stage '{stage}' (not assigned in it, or removed from the panel); there is no one to replace")]
    JurorNotOnStage { juror: String, stage: String },
    #[error("juror '{juror}' has been removed from the panel and cannot take over; name an active juror")]
    ReplacementRemoved { juror: String },
    #[error("juror '{juror}' already sits on stage '{stage}'; the replacement must be a juror who does not")]
    ReplacementOnStage { juror: String, stage: String },

    // ── the paperwork ─────────────────────────────────────────────────────────────────────────
    #[error("stage '{stage}' is a screening: print its minutes instead of a recap")]
    ScreeningHasNoRecap { stage: String },
    #[error("stage '{stage}' has nothing to recap yet")]
    NothingToRecap { stage: String },
    #[error("stage '{stage}' has no score sheets: it is not scored by jurors")]
    NoScoreSheets { stage: String },
    #[error("entry '{entry}' is not on this sheet list for stage '{stage}'")]
    NotOnSheetList { stage: String, entry: String },
    #[error("juror '{juror}' has no scores in stage '{stage}' to print")]
    NoScoresToPrint { stage: String, juror: String },
    #[error("there are no results to export yet")]
    NothingToExport,
    #[error("no official copy of version {version} of the {document} of stage '{stage}' was kept for this request, and that version has no snapshot to print it from; a superseded version is never printed from today's data")]
    NoKeptVersion {
        stage: String,
        version: i64,
        document: String,
    },
    #[error("stage '{stage}' is not the final: the {document} names the winners of a finalised final stage")]
    NotAFinal { stage: String, document: String },
    #[error("final stage '{stage}' is not finalised: the {document} names its winners once they are decided; finalise it first")]
    FinalNotFinalized { stage: String, document: String },
    #[error("final stage '{stage}' is not finalised: its minutes record the winners once they are decided; finalise it first, or print its recap to see the standing so far")]
    FinalMinutesNotFinalized { stage: String },
    #[error("final stage '{stage}' has no winner: no entry holds an award, so there is no {document} to print")]
    NoWinners { stage: String, document: String },
    #[error("the panel of stage '{stage}' has no active chair (ketua) to sign the {document}")]
    NoChairToSign { stage: String, document: String },
    #[error("paper '{paper}' is not known: documents print on A4 or F4")]
    UnknownPaper { paper: String },
    #[error("{field}: {message}")]
    BadSetting { field: String, message: String },

    // ── the merge and its conflicts ──────────────────────────────────────────────────────────
    #[error("these files have not been previewed: preview the merge, then apply it")]
    NotPreviewed,
    #[error("this merge was planned for another competition; preview it again")]
    PlannedElsewhere,
    #[error("the chair's records changed since this merge was previewed (another merge, a paper import or a ruling); nothing was written: preview the merge again")]
    PreviewStale,
    #[error("a juror was replaced after this merge checked the files against the panel; nothing was written: merge the files again")]
    PanelChanged,
    #[error("unknown criterion '{criterion}' in stage '{stage}'")]
    NoSuchCriterion { stage: String, criterion: String },
    #[error("the {record} is not in conflict")]
    NotInConflict { record: String },
    #[error("there is no version v{asked}; the {record} has v1 to v{count}")]
    NoSuchVersion {
        record: String,
        asked: usize,
        count: usize,
    },
    #[error("'{chosen}' is none of the versions of the {record}: {}", versions.iter().enumerate().map(|(i, v)| format!("v{} {v}", i + 1)).collect::<Vec<_>>().join(", "))]
    NoMatchingVersion {
        record: String,
        chosen: String,
        versions: Vec<String>,
    },
    #[error("'{chosen}' matches several versions of the {record}; choose by label (v1, v2, …)")]
    AmbiguousVersion { record: String, chosen: String },
    #[error("'{chosen}' is not a version of the {record}")]
    NotAVersion { record: String, chosen: String },
    #[error("{reason}")]
    RulingRefused { reason: String },

    // ── packages ──────────────────────────────────────────────────────────────────────────────
    #[error("juror '{juror}' has been removed from the panel; no package can be issued")]
    JurorRemoved { juror: String },
}

/// What is wrong with a tie order that is not exactly one unresolved tie.
fn not_one_tie(
    stage: &str,
    entries: &[String],
    not_tied: &[String],
    repeated: &[String],
) -> String {
    if !repeated.is_empty() {
        format!(
            "{} {} named more than once",
            repeated.join(", "),
            if repeated.len() == 1 { "is" } else { "are" }
        )
    } else if !not_tied.is_empty() {
        format!(
            "{} {} not tied in stage '{stage}'",
            not_tied.join(", "),
            if not_tied.len() == 1 { "is" } else { "are" }
        )
    } else {
        format!(
            "{} are not one unresolved tie in stage '{stage}'",
            entries.join(", ")
        )
    }
}
