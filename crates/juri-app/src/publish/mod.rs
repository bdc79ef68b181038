//! The public verification archive: what `juri publish` writes (`write.rs`), what `juri audit`
//! checks with no database and no secret (`audit.rs`), and the results page in it (`page.rs`).
//! Its files are specified in `docs/formats.md` ("Public verification archive"); the types here
//! are that format as written, version 1.
//!
//! ```text
//! manifest.juri                 every other file's SHA-256 and size, signed by the chair
//! index.html                    the results page (self-contained)
//! competition.json              the competition, privacy choices, jurors and their keys, stages
//! definitions/v<N>.toml         each definition version a stage snapshot names
//! stages/<stage>-v<N>.json      a finalised stage's snapshot and the results frozen with it
//! journal.json                  what made the records, in order: merges, paper imports, rulings
//! corrections.json              every correction recorded, with its reason, before and after
//! evidence/<fingerprint>.juri   a merged bundle's juror-signed envelope
//! evidence/<fingerprint>.texts.json   the texts of it published (format version 2)
//! ```

mod audit;
mod page;
mod write;

pub use audit::{audit_archive, AuditReport};
pub use write::{PublishChoices, PublishReport};

use serde::{Deserialize, Serialize};

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.juri";
/// The results page's file name.
pub const PAGE: &str = "index.html";
const COMPETITION: &str = "competition.json";
const JOURNAL: &str = "journal.json";
const CORRECTIONS: &str = "corrections.json";
const ARCHIVE_FORMAT: &str = "juri-archive";

/// The manifest's signed payload.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    format: String,
    format_version: u32,
    competition_id: String,
    published_at: String,
    privacy: Privacy,
    /// Every other file of the archive, sorted by path.
    files: Vec<Listed>,
}

/// What the chair chose to publish of personal data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    /// Jurors' names, institutions and NIPs (else each is named by panel role and number).
    pub juror_names: bool,
    /// Jurors' comments on their scores.
    pub comments: bool,
    /// Jurors' field notes.
    pub notes: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Listed {
    path: String,
    sha256: String,
    bytes: u64,
}

/// `competition.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CompetitionFile {
    competition_id: String,
    name: String,
    organizer: String,
    published_at: String,
    /// The definition in force when published (the page shows its names).
    definition_version: i64,
    definitions: Vec<DefinitionFile>,
    jurors: Vec<PublishedJuror>,
    /// In the order the snapshots were written (finalisation order).
    stages: Vec<StageListed>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionFile {
    version: i64,
    file: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedJuror {
    id: String,
    /// The name, or the panel role and number ("Anggota 2") when names are withheld.
    label: String,
    /// Every key the chair registered for the juror, oldest first.
    keys: Vec<PublishedKey>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedKey {
    /// Standard base64 of the 32-byte Ed25519 public key.
    public_key: String,
    created_at: String,
    retired_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageListed {
    stage: String,
    version: i64,
    file: String,
}

/// `stages/<stage>-v<N>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StageFile {
    stage: String,
    version: i64,
    finalized_at: String,
    /// Built from the data at an upgrade, not when the stage was decided.
    reconstructed: bool,
    /// How many of `journal.json`'s events came before the finalisation; absent for a snapshot
    /// written before Juri kept it (the events up to `finalized_at` then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    journal_events: Option<usize>,
    /// The stage snapshot as the chair's database keeps it (`StageSnapshotV1`), personal data
    /// withheld as the privacy choices say.
    snapshot: serde_json::Value,
    /// The results frozen for this version (the database's frozen row).
    results: serde_json::Value,
}

/// One correction of `corrections.json`, as the chair's database keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublishedCorrection {
    id: i64,
    at: String,
    /// `reopen`, `score`, `review`, `revoke`, `withdraw`, `restore`, `entry`, `replace-juror`.
    kind: String,
    stage: Option<String>,
    entry: Option<String>,
    reason: String,
    before: serde_json::Value,
    after: serde_json::Value,
}

/// One event of `journal.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum Event {
    /// Bundles merged together.
    Merge {
        at: String,
        bundles: Vec<MergedBundle>,
    },
    /// Scores typed from paper sheets (or the demo's), written as they are.
    Paper {
        at: String,
        file: String,
        cells: Vec<PaperCell>,
        submissions: Vec<PaperSubmission>,
        notes: Vec<PaperNote>,
    },
    /// The chair's ruling on versions of a record in conflict.
    Ruling {
        at: String,
        record: String,
        stage: String,
        entry: String,
        juror: String,
        criterion: Option<String>,
        revision: u64,
        chosen: serde_json::Value,
        considered: Vec<serde_json::Value>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MergedBundle {
    juror: String,
    /// Hex SHA-256 of the signed envelope.
    content_fingerprint: String,
    format_version: u32,
    /// `evidence/<fingerprint>.juri`, or `None` when it cannot be published (version 1 with
    /// texts the privacy choices withhold: its signature covers them).
    evidence: Option<String>,
    texts: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperCell {
    stage: String,
    entry: String,
    juror: String,
    criterion: String,
    /// Exact decimal text; `None` when cleared.
    value: Option<String>,
    comment: String,
    revision: u64,
    updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperSubmission {
    stage: String,
    entry: String,
    juror: String,
    submitted: bool,
    revision: u64,
    updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperNote {
    stage: String,
    entry: String,
    juror: String,
    note: String,
    revision: u64,
    updated_at: String,
}

/// Hex SHA-256 of `bytes`.
fn sha256_hex(bytes: &[u8]) -> String {
    juri_bundle::Fingerprint::of(bytes).to_hex()
}

/// A stage file's name: `stages/<stage>-v<N>.json`.
fn stage_file_name(stage: &str, version: i64) -> String {
    format!("stages/{stage}-v{version}.json")
}
