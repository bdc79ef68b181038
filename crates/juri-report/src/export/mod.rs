//! Spreadsheet exports of recaps.

mod csv;
mod xlsx;

pub use self::csv::export_csv;
pub use self::xlsx::export_xlsx;
