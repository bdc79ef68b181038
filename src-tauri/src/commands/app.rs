//! Commands about the installation itself.

use crate::error::CommandError;
use crate::state::{AppInfo, AppState};
use std::ffi::OsString;
use std::path::Path;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_opener::OpenerExt;

/// Version and data folder of this installation.
#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    state.info()
}

/// Says every later message of Juri's use cases (refusals, problems in a file) in the language the
/// window shows: `id` or `en`.
#[tauri::command]
pub fn set_language(lang: String) {
    juri_app::use_message_language(juri_app::language_named(&lang));
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

/// Opens an entry's link (`http` or `https`) in the system's browser.
#[tauri::command]
pub fn open_link(app: AppHandle, url: String) -> Result<(), CommandError> {
    if !juri_app::is_web_link(&url) {
        return Err(CommandError::new(
            crate::error::ErrorCode::NotFound,
            format!("{url} is not a web address"),
        ));
    }
    Ok(app.opener().open_url(url, None::<&str>)?)
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

/// The event that tells the window a file was handed over; it then asks `opened_file` for it.
pub const OPENED_EVENT: &str = "opened-file";

/// A second start of Juri while it is open (single instance): its window comes to the front and a
/// `.juri` file among the second start's arguments opens here, as if this window had been started
/// with it. `argv` is the second start's command line, program name first.
pub fn handed_over(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let args = argv.into_iter().skip(1).map(OsString::from);
    open_handed_over(app, crate::data_dir::opened_file(args, Path::new(&cwd)));
}

/// Brings the window to the front and, when a `.juri` file came with it, has the window open it
/// (the window is told with [`OPENED_EVENT`] and takes the file with `opened_file`).
pub fn open_handed_over(app: &AppHandle, file: Option<std::path::PathBuf>) {
    match &file {
        Some(file) => log::info!("a file was handed over: {}", file.display()),
        None => log::info!("Juri was started again without a file"),
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
    if let (Some(file), Some(state)) = (file, app.try_state::<AppState>()) {
        state.set_opened(file);
        if let Err(error) = app.emit(OPENED_EVENT, ()) {
            log::warn!("the window could not be told about the handed-over file: {error}");
        }
    }
}
