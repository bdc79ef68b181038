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
}

impl FileKind {
    /// The word used in the first line of the file.
    pub fn header_word(self) -> &'static str {
        match self {
            FileKind::Package => "PACKAGE",
            FileKind::Bundle => "BUNDLE",
        }
    }
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Package => "juror package",
            FileKind::Bundle => "score bundle",
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
    #[error("this is not a Juri file: it does not start with a Juri header")]
    NotJuriFile,
    /// A package was given where a bundle was expected, or the other way round.
    #[error("this is a {found}, but a {expected} was expected")]
    WrongKind { expected: FileKind, found: FileKind },
    /// The file ends before its content is complete.
    #[error("the file is truncated: it ends before its content is complete")]
    Truncated,
    /// The file is larger than the limit; it was refused before being read further.
    #[error("the file is too large: files above {limit} bytes are refused")]
    TooLarge { limit: u64 },
    /// The file is of a format version this build does not read.
    #[error(
        "format version {found} is not supported: this version of Juri reads format version \
         {supported} (an older file needs a migration, a newer file needs a newer Juri)"
    )]
    UnsupportedVersion { found: u32, supported: u32 },
    /// The file is damaged: its encoding is not what the format prescribes.
    #[error("the file is damaged: {0}")]
    Corrupt(String),
    /// The signature does not match the signed bytes.
    #[error("the signature does not match the content: the file was altered after it was signed")]
    SignatureInvalid,
    /// The file belongs to another competition.
    #[error("the file belongs to competition `{found}`, not to competition `{expected}`")]
    WrongCompetition { expected: String, found: String },
    /// The bundle names a juror who is not registered in this competition.
    #[error("the bundle is signed as juror `{0}`, who is not registered in this competition")]
    UnknownJuror(String),
    /// The bundle is validly signed, but not by the key registered for that juror.
    #[error(
        "the bundle of juror `{juror}` is signed with a key that is not the juror's registered key"
    )]
    KeyMismatch { juror: String },
    /// The bundle cannot be decrypted with this chair's key.
    #[error(
        "this bundle was not encrypted for this chair's key \
         (it was made for another chair or competition, or its header is damaged)"
    )]
    NotForThisChair,
    /// The access code does not open the juror key in this package.
    #[error("the access code is not correct for this package")]
    WrongAccessCode,
    /// The text given as an access code cannot be one.
    #[error("an access code has 16 letters and digits, like 7K3M-Q9TX-2BWD-R5HN")]
    AccessCodeMalformed,
    /// A later package is signed by a different chair key than the pinned one.
    #[error("the package is signed by a different chair key than the one this laptop trusts")]
    ChairKeyChanged,
    /// A later package is addressed to another juror than the installed one.
    #[error("the package is for juror `{found}`, but this laptop belongs to juror `{expected}`")]
    OtherJuror { expected: String, found: String },
    /// A package older than the installed one.
    #[error("package version {found} is older than the installed package version {installed}")]
    PackageOutdated { installed: u32, found: u32 },
    /// A key or key string is malformed.
    #[error("invalid key: {0}")]
    InvalidKey(String),
    /// The content to be written (or read) breaks the rules of the format.
    /// Every problem found is listed.
    #[error("the content is not valid: {}", problems.join("; "))]
    InvalidContent { problems: Vec<String> },
    /// A merge plan was to be applied to records other than those it was made against.
    #[error("the merge plan no longer matches the current records; plan the merge again")]
    PlanOutdated,
    /// A conflict decision names a record that has no open conflict at that revision.
    #[error("there is no conflict to resolve for {record} at revision {revision}")]
    NoSuchConflict { record: String, revision: u64 },
    /// A conflict decision was made for a revision that a newer one has since replaced.
    #[error("the decision for {record} was made at revision {decided}, but the record is now at revision {current}")]
    DecisionSuperseded {
        record: String,
        decided: u64,
        current: u64,
    },
    /// A conflict decision chooses a version that is not one of the candidates.
    #[error("the chosen version is not one of the versions in conflict for {record}")]
    NotACandidate { record: String },
}
