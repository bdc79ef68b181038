//! Commands about the installation itself.

use crate::error::CommandError;
use crate::state::{AppInfo, AppState};
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

/// Version and data folder of this installation.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    state.info()
}

/// Opens the data folder in the system's file manager.
#[tauri::command]
pub fn open_data_dir(app: AppHandle, state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(app
        .opener()
        .open_path(state.data_dir().to_string_lossy(), None::<&str>)?)
}

/// Opens the folder of the log file and crash reports in the system's file manager.
#[tauri::command]
pub fn open_log_dir(app: AppHandle, state: State<'_, AppState>) -> Result<(), CommandError> {
    std::fs::create_dir_all(state.log_dir()).map_err(|error| {
        CommandError::new(
            crate::error::ErrorCode::Io,
            format!("log folder {}: {error}", state.log_dir().display()),
        )
    })?;
    Ok(app
        .opener()
        .open_path(state.log_dir().to_string_lossy(), None::<&str>)?)
}

/// Opens a file the app wrote (a printed document) in the system's default application.
/// Only files inside the data folder may be opened this way.
#[tauri::command]
pub fn open_document(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), CommandError> {
    let inside = std::fs::canonicalize(&path)
        .ok()
        .zip(std::fs::canonicalize(state.data_dir()).ok())
        .is_some_and(|(file, dir)| file.starts_with(dir));
    if !inside {
        return Err(CommandError::new(
            crate::error::ErrorCode::NotFound,
            format!("{path} is not a document of this app"),
        ));
    }
    Ok(app.opener().open_path(path, None::<&str>)?)
}

/// A `.juri` file the app was started with, and what it is.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct OpenedFile {
    pub path: String,
    pub kind: juri_app::JuriFile,
}

/// The `.juri` file the app was started with (opened from the file manager), once; `None` when
/// there is none or it was taken already. A file that is not a Juri package or bundle is refused
/// with the reader's message.
#[tauri::command]
pub fn opened_file(state: State<'_, AppState>) -> Result<Option<OpenedFile>, CommandError> {
    let Some(path) = state.take_opened() else {
        return Ok(None);
    };
    let kind = juri_app::juri_file_kind(&path)?;
    Ok(Some(OpenedFile {
        path: path.display().to_string(),
        kind,
    }))
}
