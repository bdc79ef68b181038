//! The chair's use cases over the chair's database: the competition and its definition, entries
//! and jurors brought from spreadsheets, screening, results, decisions and finalisation.

mod audit;
mod backup;
mod competition;
mod corrections;
mod decisions;
mod entry_corrections;
mod entry_documents;
mod field_notes;
mod imports;
mod library;
pub(crate) mod paper_journal;
mod paper_scores;
mod replace_juror;
mod results;
mod screening_file;
mod settings;
pub(crate) mod snapshots;
mod table;

pub use audit::{Change, Correction, LogLine};
pub use backup::{restore_backup, BackupReport, BackupStatus, RestoreReport, BACKUP_HEADER};
pub use competition::{Chair, Snapshot, StageRef};
pub use corrections::Reopened;
pub(crate) use decisions::finalised_again;
pub use decisions::{describe, Finalized};
pub use entry_corrections::{EntryEdit, FieldChange, ScoreCorrection};
pub use entry_documents::human_size;
pub use entry_documents::{
    document_kind, DocumentInfo, EntryEvidence, MAX_DOCUMENTS_PER_ENTRY, MAX_DOCUMENT_BYTES,
    MAX_LINKS_PER_ENTRY,
};
pub use field_notes::FieldNote;
pub use imports::ImportReport;
pub use library::{
    competitions_in, new_competition_path, CompetitionFile, Library, COMPETITIONS_DIR,
    FIRST_COMPETITION, OPEN_COMPETITION,
};
pub use replace_juror::ReplacedJuror;
pub use results::{Overview, StageSummary};
pub use screening_file::{read_screening, EntryScreening};
pub use settings::{
    parse_settings_date, read_logo, read_settings_file, DocumentSettings, LogoChange, LogoInfo,
    LOGO_MAX_BYTES,
};
pub(crate) use snapshots::{recused, seated_juror, snapshot_entry};
pub use table::Table;
