//! The chair's use cases over the chair's database: the competition and its definition, entries
//! and jurors brought from spreadsheets, screening, results, decisions and finalisation.

mod competition;
mod imports;
mod table;

pub use competition::*;
pub use imports::ImportReport;
pub use table::Table;
