//! What travels between the chair and the jurors: packages out, score bundles back, the merge
//! with its conflicts, the rebuild from every bundle ever imported, and checking a file.

mod batches;
pub(crate) mod conflicts;
pub(crate) mod documents_file;
mod lines;
mod merge;
mod merge_engine;
mod merge_plan;
mod package;
pub(crate) mod rebuild;
pub(crate) mod records;
pub(crate) mod rederive;
#[cfg(test)]
mod store_props;
mod verify;

pub use conflicts::{ConflictVersion, ConflictView, RecordRef};
pub use documents_file::{documents_file_beside, DOCUMENTS_MANIFEST};
pub use lines::{BundleLine, BundleStatus};
pub use merge::{MergeReport, PendingMerge, PlannedMerge};
pub use merge_engine::{Progress, RetiredAcceptances, RetiredKey};
pub use merge_plan::OutcomeCounts;
pub use package::{
    CodeChoice, DocumentsChoice, IssuedPackage, PassphraseNeeded, MIN_PASSPHRASE_CHARS,
};
pub use rebuild::RebuildReport;
pub use verify::{verify_file, FileReport};
