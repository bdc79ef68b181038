//! Why a use case refuses a request that is well formed but does not fit the competition as it
//! stands: one variant per rule, each with the words a chair or juror reads and a stable code.

use rust_i18n::t;

/// A request refused by a rule of the competition or of the juror's package.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    // ── the juror's laptop ────────────────────────────────────────────────────────────────────
    #[error("{}", t!("refusal.stage_not_scored", stage = stage))]
    StageNotScored { stage: String },
    #[error("{}", t!("refusal.entry_not_in_package", entry = entry))]
    EntryNotInPackage { entry: String },
    #[error("{}", t!("refusal.not_your_entry", entry = entry, stage = stage))]
    NotYourEntry { stage: String, entry: String },
    #[error("{}", t!("refusal.already_submitted", entry = entry, stage = stage))]
    AlreadySubmitted { stage: String, entry: String },
    #[error("{}", t!("refusal.unknown_criterion", criterion = criterion, stage = stage, choices = choices.join(", ")))]
    UnknownCriterion {
        stage: String,
        criterion: String,
        choices: Vec<String>,
    },
    #[error("{}", t!("refusal.unreadable_score", criterion = criterion, reason = reason))]
    UnreadableScore { criterion: String, reason: String },
    #[error("{}", t!("refusal.score_off_scale", text = text, criterion = criterion, scale = scale))]
    ScoreOffScale {
        criterion: String,
        text: String,
        scale: String,
    },
    #[error("{}", t!("refusal.comment_too_long", criterion = criterion, length = length, limit = limit))]
    CommentTooLong {
        criterion: String,
        length: usize,
        limit: usize,
    },
    /// The access code given does not open the juror's key (wrong, or not a code at all).
    #[error("{0}")]
    AccessCode(String),
    /// The passphrase given does not open the chair's keys.
    #[error("{0}")]
    Passphrase(String),
    #[error("{}", t!("refusal.passphrase_too_short", chars = chars, min = min))]
    PassphraseTooShort { chars: usize, min: usize },
    #[error("{}", t!("refusal.photo_not_image", name = name))]
    PhotoNotImage { name: String },
    #[error("{}", t!("refusal.photo_heic", name = name))]
    PhotoHeic { name: String },
    #[error("{}", t!("refusal.photo_unreadable", name = name, reason = reason))]
    PhotoUnreadable { name: String, reason: String },
    #[error("{}", t!("refusal.photo_too_large", name = name, size = size, limit = limit))]
    PhotoTooLarge { name: String, size: u64, limit: u64 },
    #[error("{}", t!("refusal.photos_per_note", entry = entry, limit = limit))]
    PhotosPerNote { entry: String, limit: usize },
    #[error("{}", t!("refusal.photos_per_bundle", size = size, limit = limit))]
    PhotosPerBundle { size: u64, limit: u64 },
    #[error("{}", t!("refusal.photo_not_merged", sha256 = sha256))]
    PhotoNotMerged { sha256: String },
    #[error("{}", t!("refusal.photo_ambiguous", sha256 = sha256, count = count))]
    PhotoAmbiguous { sha256: String, count: usize },
    #[error("{}", t!("refusal.photo_not_on_note", sha256 = sha256))]
    PhotoNotOnNote { sha256: String },
    #[error("{}", t!("refusal.note_too_long", entry = entry, length = length, limit = limit))]
    NoteTooLong {
        entry: String,
        length: usize,
        limit: usize,
    },
    #[error("{}", t!("refusal.nothing_to_clear", criterion = criterion, entry = entry))]
    NothingToClear { criterion: String, entry: String },
    #[error("{}", t!("refusal.sheet_incomplete", entry = entry, missing = missing.len(), criteria = criteria, list = missing.join(", ")))]
    SheetIncomplete {
        entry: String,
        criteria: usize,
        missing: Vec<String>,
    },
    #[error("{}", t!("refusal.nothing_assigned", stage = stage))]
    NothingAssigned { stage: String },
    #[error("{}", t!("refusal.entry_not_scored", entry = entry, stage = stage))]
    EntryNotScored { stage: String, entry: String },
    #[error("{}", t!("refusal.stage_not_scored_by_you", stage = stage))]
    StageNotScoredByYou { stage: String },

    #[error("{}", t!("refusal.newer_definition", needs = needs))]
    NewerDefinition { needs: String },
    #[error("{}", t!("refusal.newer_package", needs = needs))]
    NewerPackage { needs: String },

    // ── the chair's competition, decisions and results ─────────────────────────────────────────────────────
    #[error("{}", t!("refusal.other_competition", found = found, expected = expected))]
    OtherCompetition { found: String, expected: String },
    /// `publish` of a competition none of whose stages is finalised.
    #[error("{}", t!("refusal.nothing_to_publish"))]
    NothingToPublish,
    /// `publish` to a folder that holds files already, or to a zip that exists.
    #[error("{}", t!("refusal.publish_target_exists", path = path))]
    PublishTargetExists { path: String },
    #[error("{}", t!("refusal.not_screening", stage = stage))]
    NotScreening { stage: String },
    #[error("{}", problems.join("\n"))]
    ScreeningRefused { problems: Vec<String> },
    #[error("{}", t!("refusal.decision_without_reason"))]
    DecisionWithoutReason,
    #[error("{}", t!("refusal.tie_order_too_short"))]
    TieOrderTooShort,
    #[error("{}", t!("refusal.entry_not_in_stage", entry = entry, stage = stage))]
    EntryNotInStage { stage: String, entry: String },
    /// A tie order must name each entry of one unresolved tie once, and nothing else.
    #[error("{}", t!("refusal.not_tied", problem = not_one_tie(stage, entries, not_tied, repeated), ties = if ties.is_empty() { t!("refusal.no_unresolved_tie").into_owned() } else { ties.iter().map(|g| g.join(" = ")).collect::<Vec<_>>().join("; ") }))]
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
    #[error("{}", t!("refusal.juror_not_assigned", juror = juror, entry = entry, stage = stage))]
    JurorNotAssigned {
        stage: String,
        juror: String,
        entry: String,
    },
    #[error("{}", t!("refusal.entry_is_scored", entry = entry, stage = stage, jurors = jurors.join(", ")))]
    EntryIsScored {
        stage: String,
        entry: String,
        jurors: Vec<String>,
    },
    #[error("{}", t!("refusal.entry_disqualified", entry = entry, stage = stage))]
    EntryDisqualified { stage: String, entry: String },
    #[error("{}", t!("refusal.methods_do_not_apply", stage = stage))]
    MethodsDoNotApply { stage: String },

    // ── corrections ───────────────────────────────────────────────────────────────────────────
    #[error("{}", t!("refusal.correction_without_reason"))]
    CorrectionWithoutReason,
    #[error("{}", t!("refusal.archived", at = at))]
    Archived { at: String },
    #[error("{}", t!("refusal.stage_not_finalized", stage = stage))]
    StageNotFinalized { stage: String },
    #[error("{}", t!("refusal.nothing_to_review", stage = stage))]
    NothingToReview { stage: String },
    #[error("{}", t!("refusal.review_too_early", because = because, stage = stage))]
    ReviewTooEarly { stage: String, because: String },
    #[error("{}", if *revoked { t!("refusal.no_such_decision_revoked", id = id) } else { t!("refusal.no_such_decision", id = id) })]
    NoSuchDecision { id: i64, revoked: bool },
    #[error("{}", t!("refusal.replacement_elsewhere", replacement = replacement, id = id, stage = stage))]
    ReplacementElsewhere {
        id: i64,
        stage: String,
        replacement: String,
    },
    #[error("{}", t!("refusal.already_withdrawn", entry = entry))]
    AlreadyWithdrawn { entry: String },
    #[error("{}", t!("refusal.not_withdrawn", entry = entry))]
    NotWithdrawn { entry: String },
    #[error("{}", t!("refusal.no_score_to_correct", juror = juror, entry = entry, criterion = criterion, stage = stage))]
    NoScoreToCorrect {
        stage: String,
        entry: String,
        juror: String,
        criterion: String,
    },
    #[error("{}", t!("refusal.score_from_bundle", juror = juror, entry = entry, criterion = criterion, stage = stage))]
    ScoreFromBundle {
        stage: String,
        entry: String,
        juror: String,
        criterion: String,
    },
    #[error("{}", t!("refusal.nothing_to_correct", what = what, value = value))]
    NothingToCorrect { what: String, value: String },
    #[error("{}", t!("refusal.unknown_category", category = category, choices = choices.join(", ")))]
    UnknownCategory {
        category: String,
        choices: Vec<String>,
    },
    #[error("{}", t!("refusal.empty_field", field = field))]
    EmptyField { field: String },
    #[error("{}", t!("refusal.same_juror", juror = juror))]
    SameJuror { juror: String },
    #[error("{}", t!("refusal.juror_not_on_stage", juror = juror, stage = stage))]
    JurorNotOnStage { juror: String, stage: String },
    #[error("{}", t!("refusal.replacement_removed", juror = juror))]
    ReplacementRemoved { juror: String },
    #[error("{}", t!("refusal.replacement_on_stage", juror = juror, stage = stage))]
    ReplacementOnStage { juror: String, stage: String },

    // ── the paperwork ─────────────────────────────────────────────────────────────────────────
    #[error("{}", t!("refusal.screening_has_no_recap", stage = stage))]
    ScreeningHasNoRecap { stage: String },
    #[error("{}", t!("refusal.nothing_to_recap", stage = stage))]
    NothingToRecap { stage: String },
    #[error("{}", t!("refusal.no_score_sheets", stage = stage))]
    NoScoreSheets { stage: String },
    #[error("{}", t!("refusal.not_on_sheet_list", entry = entry, stage = stage))]
    NotOnSheetList { stage: String, entry: String },
    #[error("{}", t!("refusal.no_scores_to_print", juror = juror, stage = stage))]
    NoScoresToPrint { stage: String, juror: String },
    #[error("{}", t!("refusal.nothing_to_export"))]
    NothingToExport,
    #[error("{}", t!("refusal.no_kept_version", version = version, document = document, stage = stage))]
    NoKeptVersion {
        stage: String,
        version: i64,
        document: String,
    },
    #[error("{}", t!("refusal.not_a_final", stage = stage, document = document))]
    NotAFinal { stage: String, document: String },
    #[error("{}", t!("refusal.final_not_finalized", stage = stage, document = document))]
    FinalNotFinalized { stage: String, document: String },
    #[error("{}", t!("refusal.final_minutes_not_finalized", stage = stage))]
    FinalMinutesNotFinalized { stage: String },
    #[error("{}", t!("refusal.no_winners", stage = stage, document = document))]
    NoWinners { stage: String, document: String },
    #[error("{}", t!("refusal.no_chair_to_sign", stage = stage, document = document))]
    NoChairToSign { stage: String, document: String },
    #[error("{}", t!("refusal.unknown_paper", paper = paper))]
    UnknownPaper { paper: String },
    #[error("{field}: {message}")]
    BadSetting { field: String, message: String },

    // ── the merge and its conflicts ──────────────────────────────────────────────────────────
    #[error("{}", t!("refusal.not_previewed"))]
    NotPreviewed,
    #[error("{}", t!("refusal.planned_elsewhere"))]
    PlannedElsewhere,
    #[error("{}", t!("refusal.preview_stale"))]
    PreviewStale,
    #[error("{}", t!("refusal.panel_changed"))]
    PanelChanged,
    #[error("{}", t!("refusal.no_such_criterion", criterion = criterion, stage = stage))]
    NoSuchCriterion { stage: String, criterion: String },
    #[error("{}", t!("refusal.not_in_conflict", record = record))]
    NotInConflict { record: String },
    #[error("{}", t!("refusal.no_such_version", asked = asked, record = record, count = count))]
    NoSuchVersion {
        record: String,
        asked: usize,
        count: usize,
    },
    #[error("{}", t!("refusal.no_matching_version", chosen = chosen, record = record, versions = versions.iter().enumerate().map(|(i, v)| format!("v{} {v}", i + 1)).collect::<Vec<_>>().join(", ")))]
    NoMatchingVersion {
        record: String,
        chosen: String,
        versions: Vec<String>,
    },
    #[error("{}", t!("refusal.ambiguous_version", chosen = chosen, record = record))]
    AmbiguousVersion { record: String, chosen: String },
    #[error("{}", t!("refusal.not_a_version", chosen = chosen, record = record))]
    NotAVersion { record: String, chosen: String },
    #[error("{reason}")]
    RulingRefused { reason: String },

    // ── packages ──────────────────────────────────────────────────────────────────────────────
    #[error("{}", t!("refusal.juror_removed", juror = juror))]
    JurorRemoved { juror: String },

    // ── entries' documents ────────────────────────────────────────────────────────────────────
    /// A document that is missing, too large or of a kind an entry cannot carry, in words.
    #[error("{problem}")]
    Document { problem: String },
    #[error("{}", t!("refusal.no_such_document", entry = entry, name = name))]
    NoSuchDocument { entry: String, name: String },
    #[error("{}", t!("refusal.document_name_taken", entry = entry, name = name))]
    DocumentNameTaken { entry: String, name: String },
    #[error("{}", t!("refusal.too_many_documents", entry = entry, max = max))]
    TooManyDocuments { entry: String, max: usize },
    /// On the juror's laptop: the installed package names no such document for the entry.
    #[error("{}", t!("refusal.document_not_named", entry = entry, name = name))]
    DocumentNotNamed { entry: String, name: String },
    /// On the juror's laptop: the package names the document, but its bytes are not installed.
    #[error("{}", t!("refusal.document_not_installed", entry = entry, name = name))]
    DocumentNotInstalled { entry: String, name: String },
}

/// What is wrong with a tie order that is not exactly one unresolved tie.
fn not_one_tie(
    stage: &str,
    entries: &[String],
    not_tied: &[String],
    repeated: &[String],
) -> String {
    if !repeated.is_empty() {
        let entries = repeated.join(", ");
        if repeated.len() == 1 {
            t!("refusal.named_more_than_once_one", entries = entries)
        } else {
            t!("refusal.named_more_than_once_many", entries = entries)
        }
        .into_owned()
    } else if !not_tied.is_empty() {
        let entries = not_tied.join(", ");
        if not_tied.len() == 1 {
            t!(
                "refusal.not_tied_in_stage_one",
                entries = entries,
                stage = stage
            )
        } else {
            t!(
                "refusal.not_tied_in_stage_many",
                entries = entries,
                stage = stage
            )
        }
        .into_owned()
    } else {
        t!(
            "refusal.not_one_tie",
            entries = entries.join(", "),
            stage = stage
        )
        .into_owned()
    }
}
