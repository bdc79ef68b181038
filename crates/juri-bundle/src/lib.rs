//! juri-bundle
mod bundle;
mod content;
mod error;
mod fingerprint;
mod framing;
mod inspect;
mod keys;
mod merge;
mod package;
mod validate;
mod wire_v1;

pub use bundle::{decrypt_bundle, open_bundle, seal_bundle, VerifiedBundle};
pub use content::{
    BundleContent, EntryNote, JurorIdentity, PackageContent, PackageEntry, ScoreCell,
    StageAssignment, Submission,
};
pub use error::{BundleError, FileKind};
pub use fingerprint::Fingerprint;
pub use framing::{FORMAT_VERSION, MAX_FILE_SIZE};
pub use inspect::{inspect, Inspection, Summary, Verdict};
pub use keys::{AccessCode, ChairKeys, ChairPublic, JurorCredential, JurorSigningKey};
pub use merge::{
    plan_merge, plan_merge_many, ChairDecision, Change, EntryKey, MergePlan, MergeState,
    OpenConflicts, Outcome, PlanCounts, Record, Rival, ScoreContent, ScoreKey, Version,
};
pub use package::{issue_package, open_package, PackagePin, VerifiedPackage};
pub use rand_core;
