//! The juror's side, on the juror's laptop: install a package, score offline, export a bundle,
//! print the juror's own sheets.

mod documents;
mod export;
mod photos;
mod print;
mod scoring;
mod sheets;
mod workspace;

pub use documents::{InstalledDocuments, JurorDocument, JurorEntryEvidence};
pub use export::ExportReport;
pub use photos::{prepare_photo, AddedPhoto, NotePhotoView, PreparedPhoto, MAX_PHOTO_INPUT_BYTES};
pub use print::JurorPrint;
pub use scoring::{SubmitAll, Unfinished};
pub use sheets::{
    EntryProgress, LevelView, SavedCell, Sheet, SheetRow, StageProgress, WorkspaceInfo,
};
pub use workspace::{InstalledPackage, JurorWorkspace};
