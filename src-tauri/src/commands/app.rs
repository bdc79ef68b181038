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
