//! What the two files carry, as plain domain types. The frozen wire types
//! of each format version live in `wire_v1` and convert to and from these.

use crate::keys::JurorCredential;

/// An entry (innovation) as a juror may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageEntry {
    pub code: String,
    pub title: String,
    /// `None` under blind review.
    pub institution: Option<String>,
    pub category: String,
    pub rintisan: bool,
    pub description: Option<String>,
    /// The entry's documents, each named by its SHA-256 (their bytes travel in the documents
    /// file beside the package). Only for entries assigned to the juror; a package whose entries
    /// name no documents and no links is written in format version 1.
    pub documents: Vec<PackageDocument>,
    /// The entry's links (`http` or `https`), e.g. a video.
    pub links: Vec<String>,
}

/// A document of an entry, as a package names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageDocument {
    /// The file name the juror sees, e.g. `proposal.pdf`; distinct within the entry.
    pub name: String,
    /// `pdf`, `image` or `office`.
    pub kind: String,
    /// Bytes.
    pub size: u64,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
}

/// The entry codes assigned to this juror in one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageAssignment {
    pub stage: String,
    pub entries: Vec<String>,
}

/// Who the juror is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorIdentity {
    pub id: String,
    pub name: String,
    pub affiliation: String,
    pub role: String,
}

/// Everything a juror package carries besides the chair's public keys,
/// which are added from the signing [`crate::ChairKeys`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageContent {
    pub competition_id: String,
    /// Increases each time the chair re-issues this juror's package.
    pub package_version: u32,
    /// RFC 3339, e.g. `2025-12-15T09:00:00+08:00`.
    pub issued_at: String,
    /// The competition definition as TOML text; this crate does not read it.
    pub definition_toml: String,
    pub entries: Vec<PackageEntry>,
    pub assignments: Vec<StageAssignment>,
    pub juror: JurorIdentity,
    /// The juror's public key and sealed secret key.
    pub credential: JurorCredential,
}

/// One score cell of a juror: a criterion of an entry in a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreCell {
    pub stage: String,
    pub entry: String,
    pub criterion: String,
    /// Exact decimal text such as `"8.5"`; `None` when the juror cleared it.
    pub value: Option<String>,
    pub comment: String,
    pub revision: u64,
    /// RFC 3339.
    pub updated_at: String,
}

/// A juror's note on an entry in a stage (e.g. from a field visit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryNote {
    pub stage: String,
    pub entry: String,
    pub note: String,
    /// The photos attached to the note, in the juror's order (their bytes travel after the
    /// disclosures of a format version 3 bundle). A bundle whose notes have none is written in
    /// version 2.
    pub photos: Vec<NotePhoto>,
    pub revision: u64,
    /// RFC 3339.
    pub updated_at: String,
}

/// A photo attached to a field note, as the juror's signed payload names it: a JPEG of at most
/// [`crate::MAX_PHOTO_BYTES`], named by its SHA-256.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(deny_unknown_fields)]
pub struct NotePhoto {
    /// Lowercase hex SHA-256 of the JPEG bytes.
    pub sha256: String,
    /// Bytes.
    pub size: u64,
    /// Pixels.
    pub width: u32,
    pub height: u32,
    /// When the photo was taken, as the camera recorded it (`2026-11-30T10:15:00`, local time,
    /// no offset); only when the juror kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<String>,
    /// Where it was taken, `latitude,longitude` in degrees with six decimals
    /// (`-10.177200,123.607000`); only when the juror kept it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// The bytes of a photo, named by their SHA-256.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoBytes {
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
    pub bytes: Vec<u8>,
}

impl PhotoBytes {
    /// The photo `bytes`, named by their hash.
    pub fn new(bytes: Vec<u8>) -> Self {
        let sha256 = crate::Fingerprint::of(&bytes).to_hex();
        Self { sha256, bytes }
    }
}

/// Whether a juror has submitted an entry's scores in a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub stage: String,
    pub entry: String,
    pub submitted: bool,
    pub revision: u64,
    /// RFC 3339.
    pub updated_at: String,
}

/// A juror's full current state, as exported in a score bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleContent {
    pub competition_id: String,
    pub juror_id: String,
    /// The package version the juror was working from.
    pub package_version: u32,
    /// RFC 3339.
    pub exported_at: String,
    /// Counts this juror's exports: 1, 2, 3, …
    pub sequence: u64,
    pub scores: Vec<ScoreCell>,
    pub notes: Vec<EntryNote>,
    pub submissions: Vec<Submission>,
}
