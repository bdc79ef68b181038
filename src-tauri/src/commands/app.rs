//! The commands the web UI may invoke: one-line adapters from IPC to the state and the use cases.
//!
//! Every command returns `Result<T, CommandError>` so the UI always receives `{code, message}`.
//! Commands that touch the disk at length must be `async` so the window stays responsive.

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
