//! A screening sheet (seleksi administrasi) read from CSV or XLSX: one row per entry with its
//! result, reason codes and note. Every row is checked before anything is recorded.

use std::path::Path;

use juri_core::model::Screening;

use super::table::Table;
use crate::error::{AppError, RowProblem};

/// Reads a screening sheet: entry (`entry`/`kode`/`code`), result (pass/fail, lulus/gugur, ya/tidak),
/// reasons (comma or semicolon separated), note. A result that is none of these is a row problem,
/// and then nothing is returned.
pub fn read_screening(path: &Path) -> Result<Vec<Screening>, AppError> {
    let t = Table::read(path)?;
    let ce = t.require(&["entry", "kode", "code"])?;
    let cr = t.require(&["result", "hasil"])?;
    let cs = t.column(&["reasons", "reason", "alasan"]);
    let cn = t.column(&["note", "catatan"]);
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (n, row) in &t.rows {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let passed = match cell(Some(cr)).to_lowercase().as_str() {
            "pass" | "lulus" | "ya" => true,
            "fail" | "gugur" | "tidak" => false,
            other => {
                problems.push(RowProblem {
                    row: *n,
                    message: format!("result '{other}' should be pass/fail (lulus/gugur)"),
                });
                continue;
            }
        };
        let reasons = cell(cs)
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.push(Screening {
            entry: cell(Some(ce)),
            passed,
            reasons,
            note: cell(cn),
        });
    }
    if !problems.is_empty() {
        return Err(AppError::BadRows {
            file: t.file.clone(),
            problems,
        });
    }
    Ok(out)
}
