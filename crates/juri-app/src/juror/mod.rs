//! The juror's side, on the juror's laptop: install a package, score offline, export a bundle,
//! print the juror's own sheets.

mod print;
mod sheets;
mod workspace;

pub use print::JurorPrint;
pub use sheets::{
    EntryProgress, LevelView, SavedCell, Sheet, SheetRow, StageProgress, WorkspaceInfo,
};
pub use workspace::{ExportReport, InstalledPackage, JurorWorkspace};
