//! Printing and exporting: every document is a PDF written into the data folder's `dokumen`
//! folder (the UI then opens it in the system viewer); exports go where the chair chooses.

use crate::error::CommandError;
use crate::state::{with, AppState};
use juri_app::{Chair, DocumentKind, DocumentSettings, ExportFormat, LogoChange, PrintRequest};
use std::path::Path;
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
        Ok(chair
            .print_into(document, &request, &folder)?
            .display()
            .to_string())
    })
    .await
}

/// Writes the results (or, with `what: scores`, every score) as XLSX, CSV or JSON to `file`,
/// atomically; returns the path.
#[tauri::command]
pub async fn chair_export(
    state: State<'_, AppState>,
    format: ExportFormat,
    request: PrintRequest,
    file: String,
    what: Option<juri_app::ExportContent>,
) -> Result<String, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let bytes = chair.export_content(what.unwrap_or_default(), format, &request)?;
        juri_app::write_atomically(Path::new(&file), &bytes)?;
        Ok(file)
    })
    .await
}

/// The chair's document settings: kop, logo, decree, Mengetahui signer, NIPs.
#[tauri::command]
pub async fn chair_document_settings(
    state: State<'_, AppState>,
) -> Result<DocumentSettings, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.document_settings()
    })
    .await
}

/// Replaces the document settings (the logo as `logo` says); returns them as stored.
#[tauri::command]
pub async fn chair_save_document_settings(
    state: State<'_, AppState>,
    settings: DocumentSettings,
    logo: LogoChange,
) -> Result<DocumentSettings, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.set_document_settings(&settings, &logo)
    })
    .await
}
