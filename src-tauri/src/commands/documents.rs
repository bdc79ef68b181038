//! Printing and exporting: every document is a PDF written into the data folder's `dokumen`
//! folder (the UI then opens it in the system viewer); exports go where the chair chooses.

use crate::error::CommandError;
use crate::state::{with, AppState};
use juri_app::{AppError, Chair, DocumentKind, ExportFormat, PrintRequest};
use std::path::{Path, PathBuf};
use tauri::State;

const COMPETITION: &str = "competition";

/// Renders a document to a PDF in the documents folder; returns its path.
#[tauri::command]
pub async fn chair_print(
    state: State<'_, AppState>,
    document: DocumentKind,
    request: PrintRequest,
) -> Result<String, CommandError> {
    let folder = state.documents_dir();
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let bytes = chair.print(document, &request)?;
        std::fs::create_dir_all(&folder).map_err(|error| AppError::io(&folder, error))?;
        let path = document_path(&folder, document, &request, &juri_app::now());
        juri_app::write_atomically(&path, &bytes)?;
        Ok(path.display().to_string())
    })
    .await
}

/// Writes the results as XLSX, CSV or JSON to `file`, atomically; returns the path.
#[tauri::command]
pub async fn chair_export(
    state: State<'_, AppState>,
    format: ExportFormat,
    request: PrintRequest,
    file: String,
) -> Result<String, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let bytes = chair.export(format, &request)?;
        juri_app::write_atomically(Path::new(&file), &bytes)?;
        Ok(file)
    })
    .await
}

/// `rekap-proposal-pd-20251215-101500.pdf`: what, which stage and category, and when.
fn document_path(
    folder: &Path,
    document: DocumentKind,
    request: &PrintRequest,
    now: &str,
) -> PathBuf {
    let mut name = String::from(match document {
        DocumentKind::BlankSheet => "lembar-kosong",
        DocumentKind::ScoreSheet => "lembar-penilaian",
        DocumentKind::Recap => "rekapitulasi",
        DocumentKind::Minutes => "berita-acara",
        DocumentKind::Recusals => "konflik-kepentingan",
    });
    for part in [
        &request.stage,
        &request.category,
        &request.juror,
        &request.entry,
    ]
    .into_iter()
    .flatten()
    {
        name.push('-');
        name.extend(
            part.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-'),
        );
    }
    let stamp: String = now.chars().take(19).filter(char::is_ascii_digit).collect();
    name.push('-');
    name.push_str(&stamp);
    folder.join(format!("{name}.pdf"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_by_what_they_hold_and_when() {
        let request = PrintRequest {
            stage: Some("proposal".into()),
            category: Some("pd/kab".into()),
            ..PrintRequest::default()
        };
        let path = document_path(
            Path::new("/data/dokumen"),
            DocumentKind::Recap,
            &request,
            "2025-12-15T10:15:00+08:00",
        );
        assert_eq!(
            path,
            Path::new("/data/dokumen/rekapitulasi-proposal-pdkab-20251215101500.pdf")
        );
    }
}
