//! Reads the spreadsheets people bring: CSV (comma or semicolon separated, UTF-8 with or without
//! BOM) and XLSX/XLS/ODS (first sheet), into rows of text under a header.

use rust_i18n::t;
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use crate::error::AppError;

/// A sheet with a header row. Row numbers are as a spreadsheet shows them (header = 1).
#[derive(Debug, Clone)]
pub struct Table {
    pub file: String,
    pub headers: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Table {
    pub fn read(path: &Path) -> Result<Table, AppError> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let file = path.display().to_string();
        let bad = |m: String| AppError::BadFile {
            file: file.clone(),
            message: m,
        };
        let mut cells: Vec<Vec<String>> = match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => {
                let mut wb = open_workbook_auto(path)
                    .map_err(|e| bad(t!("table.not_a_spreadsheet", error = e).into_owned()))?;
                let range = wb
                    .worksheet_range_at(0)
                    .ok_or_else(|| bad(t!("table.no_sheet").into_owned()))?
                    .map_err(|e| bad(t!("table.first_sheet_unreadable", error = e).into_owned()))?;
                range
                    .rows()
                    .map(|r| r.iter().map(cell_text).collect())
                    .collect()
            }
            "csv" | "txt" | "tsv" => {
                let bytes = std::fs::read(path).map_err(|e| AppError::io(path, e))?;
                let text =
                    String::from_utf8(bytes).map_err(|_| bad(t!("table.not_utf8").into_owned()))?;
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                let first = text.lines().next().unwrap_or("");
                let delim = if ext == "tsv" || first.contains('\t') {
                    b'\t'
                } else if first.matches(';').count() > first.matches(',').count() {
                    b';'
                } else {
                    b','
                };
                let mut rdr = csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .delimiter(delim)
                    .from_reader(text.as_bytes());
                let mut out = Vec::new();
                for rec in rdr.records() {
                    let rec = rec.map_err(|e| bad(t!("table.not_csv", error = e).into_owned()))?;
                    out.push(rec.iter().map(|s| s.trim().to_string()).collect());
                }
                out
            }
            _ => return Err(bad(t!("table.unsupported_type").into_owned())),
        };
        if cells.is_empty() {
            return Err(bad(t!("table.empty").into_owned()));
        }
        let headers: Vec<String> = cells
            .remove(0)
            .into_iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        let rows = cells
            .into_iter()
            .enumerate()
            .map(|(i, r)| (i + 2, r))
            .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
            .collect();
        Ok(Table {
            file,
            headers,
            rows,
        })
    }

    /// Index of the first column named one of `names` (lower case).
    pub fn column(&self, names: &[&str]) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| names.contains(&h.as_str()))
    }

    /// Requires a column, with a message naming the accepted headers.
    pub fn require(&self, names: &[&str]) -> Result<usize, AppError> {
        self.column(names).ok_or_else(|| AppError::BadFile {
            file: self.file.clone(),
            message: t!(
                "table.missing_column",
                names = names.join(&*t!("table.column_or")),
                found = self.headers.join(", ")
            )
            .into_owned(),
        })
    }
}

pub(crate) fn get(row: &[String], col: Option<usize>) -> &str {
    col.and_then(|c| row.get(c)).map(|s| s.trim()).unwrap_or("")
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                // Shortest text that reads back as the same float: 8.5 stays "8.5".
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
