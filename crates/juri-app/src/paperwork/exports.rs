//! Spreadsheet and data exports of the results (XLSX, CSV, JSON).

use juri_core::results::StageResults;

use super::common::*;
use super::request::{ExportFormat, PrintRequest};
use crate::chair::Chair;
use crate::error::AppError;
use crate::refusal::Refusal;

impl Chair {
    /// Every recap (XLSX: one sheet per stage and category; CSV: one table with stage and category
    /// columns) or the full results of every stage (JSON).
    pub fn export(&self, format: ExportFormat, req: &PrintRequest) -> Result<Vec<u8>, AppError> {
        self.read(|| {
            match format {
                ExportFormat::Json => {
                    let snap = self.snapshot()?;
                    let all: Vec<StageResults> = snap
                        .definition
                        .stages
                        .iter()
                        .map(|s| self.results_in(&snap, &s.id, None))
                        .collect::<Result<_, _>>()?;
                    serde_json::to_vec_pretty(&serde_json::json!({
                        "competition": snap.definition.competition,
                        "definition_version": snap.definition_version,
                        "stages": all,
                    }))
                    .map_err(|e| AppError::render("the JSON export", e))
                }
                ExportFormat::Xlsx | ExportFormat::Csv => {
                    let snap = self.snapshot()?;
                    let mut tables = Vec::new();
                    for r in recap_requests(&snap, req) {
                        // A stage with no entry yet has no recap; the others are exported.
                        if let Ok(t) = self.recaps(&snap, &r) {
                            tables.extend(t);
                        }
                    }
                    if tables.is_empty() {
                        return Err(Refusal::NothingToExport.into());
                    }
                    let out = if format == ExportFormat::Xlsx {
                        juri_report::export_xlsx(&tables, lang(req))
                    } else {
                        juri_report::export_csv(&tables)
                    };
                    out.map_err(|e| AppError::render("the export", e))
                }
            }
        })
    }
}
