//! Spreadsheet exports of recaps and of every score.

mod csv;
mod scores;
mod xlsx;

pub use self::csv::export_csv;
pub use self::scores::{
    export_nominees_csv, export_nominees_xlsx, export_scores_csv, export_scores_xlsx,
};
pub use self::xlsx::{export_workbook, export_xlsx};
