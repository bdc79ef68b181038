//! The paperwork: the chair's data mapped onto `juri-report`'s documents and exports, one file
//! per document. All wording is `juri-report`'s; this module only chooses what goes where.

mod awards;
mod common;
mod corrections_made;
mod exports;
mod minutes;
mod official;
mod print;
mod recap;
mod request;
mod sheets;
mod sitting;

pub(crate) use common::{criteria, filled_criteria, printed_fingerprint, sheet_note, FilledCell};
pub use exports::ExportContent;
pub use official::{OfficialCopy, Printed};
pub use request::{DocumentKind, ExportFormat, PrintRequest};
