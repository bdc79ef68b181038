//! The one error type of this crate. Messages name the problem in the
//! chair's and the juror's words; the caller adds the file name.

use std::fmt;

/// What kind of Juri file a file is, read from its first line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    /// A juror package (chair → one juror), first line `JURI-PACKAGE v<N>`.
    Package,
    /// A score bundle (juror → chair), first line `JURI-BUNDLE v<N>`.
    Bundle,
    /// A public verification archive's manifest (signed by the chair), first line
    /// `JURI-ARCHIVE v<N>`.
    Archive,
}

impl FileKind {
    /// The word used in the first line of the file.
    pub fn header_word(self) -> &'static str {
        match self {
            FileKind::Package => "PACKAGE",
            FileKind::Bundle => "BUNDLE",
            FileKind::Archive => "ARCHIVE",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            FileKind::Package => rust_i18n::t!("bundle.kind_package"),
            FileKind::Bundle => rust_i18n::t!("bundle.kind_bundle"),
            FileKind::Archive => rust_i18n::t!("bundle.kind_archive"),
        })
    }
}

/// Everything that can go wrong when making, opening or merging Juri files.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BundleError {
    /// The file is empty (zero bytes), e.g. a download that did not finish.
    #[error("{}", rust_i18n::t!("bundle.empty"))]
    Empty,
    /// The file does not start with a Juri header line.
    #[error("{}", rust_i18n::t!("bundle.not_juri_file"))]
    NotJuriFile,
    /// A package was given where a bundle was expected, or the other way round.
    #[error("{}", rust_i18n::t!("bundle.wrong_kind", found = found, expected = expected))]
    WrongKind { expected: FileKind, found: FileKind },
    /// The file ends before its content is complete.
    #[error("{}", rust_i18n::t!("bundle.truncated"))]
    Truncated,
    /// The file is larger than the limit; it was refused before being read further.
    #[error("{}", rust_i18n::t!("bundle.too_large", limit = limit))]
    TooLarge { limit: u64 },
    /// The file is of a format version this build does not read.
    #[error("{}", if *supported > 1 {
        rust_i18n::t!("bundle.unsupported_versions", found = found, supported = supported)
    } else {
        rust_i18n::t!("bundle.unsupported_version", found = found, supported = supported)
    })]
    UnsupportedVersion { found: u32, supported: u32 },
    /// The file is damaged: its encoding is not what the format prescribes.
    #[error("{}", rust_i18n::t!("bundle.corrupt", detail = .0))]
    Corrupt(String),
    /// The signature does not match the signed bytes.
    #[error("{}", rust_i18n::t!("bundle.signature_invalid"))]
    SignatureInvalid,
    /// The file belongs to another competition.
    #[error("{}", rust_i18n::t!("bundle.wrong_competition", found = found, expected = expected))]
    WrongCompetition { expected: String, found: String },
    /// The bundle names a juror who is not registered in this competition.
    #[error("{}", rust_i18n::t!("bundle.unknown_juror", juror = .0))]
    UnknownJuror(String),
    /// The bundle is validly signed, but not by the key registered for that juror.
    #[error("{}", rust_i18n::t!("bundle.key_mismatch", juror = juror))]
    KeyMismatch { juror: String },
    /// The bundle cannot be decrypted with this chair's key.
    #[error("{}", rust_i18n::t!("bundle.not_for_this_chair"))]
    NotForThisChair,
    /// The bundle is encrypted to more readers than the chair: its age header names other
    /// recipient stanzas (`stanzas` lists what it names).
    #[error("{}", rust_i18n::t!("bundle.other_readers", stanzas = stanzas))]
    OtherReaders { stanzas: String },
    /// The access code does not open the juror key in this package.
    #[error("{}", rust_i18n::t!("bundle.wrong_access_code"))]
    WrongAccessCode,
    /// The passphrase does not open the chair's sealed keys.
    #[error("{}", rust_i18n::t!("bundle.wrong_passphrase"))]
    WrongPassphrase,
    /// The text given as an access code cannot be one.
    #[error("{}", rust_i18n::t!("bundle.access_code_malformed"))]
    AccessCodeMalformed,
    /// A later package is signed by a different chair key than the pinned one.
    #[error("{}", rust_i18n::t!("bundle.chair_key_changed"))]
    ChairKeyChanged,
    /// A later package is addressed to another juror than the installed one.
    #[error("{}", rust_i18n::t!("bundle.other_juror", found = found, expected = expected))]
    OtherJuror { expected: String, found: String },
    /// A package older than the installed one.
    #[error("{}", rust_i18n::t!("bundle.package_outdated", found = found, installed = installed))]
    PackageOutdated { installed: u32, found: u32 },
    /// A package of the installed version with other content than the installed one.
    #[error(
        "{}",
        rust_i18n::t!(
            "bundle.package_same_version_changed",
            version = version,
            installed = installed,
            found = found
        )
    )]
    PackageChanged {
        version: u32,
        installed: String,
        found: String,
    },
    /// A key or key string is malformed.
    #[error("{}", rust_i18n::t!("bundle.invalid_key", detail = .0))]
    InvalidKey(String),
    /// The content to be written (or read) breaks the rules of the format.
    /// Every problem found is listed.
    #[error("{}", rust_i18n::t!("bundle.invalid_content", problems = problems.join("; ")))]
    InvalidContent { problems: Vec<String> },
    /// A merge plan was to be applied to records other than those it was made against.
    #[error("{}", rust_i18n::t!("bundle.plan_outdated"))]
    PlanOutdated,
    /// A conflict decision names a record that has no open conflict at that revision.
    #[error("{}", rust_i18n::t!("bundle.no_such_conflict", record = record, revision = revision))]
    NoSuchConflict { record: String, revision: u64 },
    /// A conflict decision was made for a revision that a newer one has since replaced.
    #[error(
        "{}",
        rust_i18n::t!(
            "bundle.decision_superseded",
            record = record,
            decided = decided,
            current = current
        )
    )]
    DecisionSuperseded {
        record: String,
        decided: u64,
        current: u64,
    },
    /// A conflict decision chooses a version that is not one of the candidates.
    #[error("{}", rust_i18n::t!("bundle.not_a_candidate", record = record))]
    NotACandidate { record: String },
}
