//! What the running app holds between commands: the data folder and the open workspaces.
//!
//! The chair's competitions live in the data folder (`lomba.db`, `kompetisi/*.db`; the one open is
//! named in `kompetisi-terbuka`: `juri_app::Library`). Each workspace sits behind its own
//! mutex and is only touched from blocking worker threads (`spawn_blocking`), never from the
//! window's main thread, so slow work (imports, merges, documents) never freezes the window.

use crate::error::{CommandError, ErrorCode};
use juri_app::{AppError, Chair, JurorWorkspace};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The juror's database inside the data folder.
pub const JUROR_DB: &str = "juri.db";

/// Facts about this installation, shown on the About screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's version, e.g. `0.1.0`.
    pub version: String,
    /// The absolute path of the data folder in use.
    pub data_dir: String,
    /// The folder of the log file and crash reports.
    pub log_dir: String,
}

/// A workspace that at most one command uses at a time.
pub type Slot<T> = Arc<Mutex<Option<T>>>;

/// State shared by every command.
pub struct AppState {
    data_dir: PathBuf,
    chair: Slot<Chair>,
    juror: Slot<JurorWorkspace>,
    /// `--demo`: the start screen opens the demo competition without asking.
    demo_requested: bool,
    /// The `.juri` file the app was started with, until the UI takes it.
    opened: Mutex<Option<PathBuf>>,
    /// The log file's and crash reports' folder.
    log_dir: PathBuf,
}

impl AppState {
    pub fn new(data_dir: PathBuf, demo_requested: bool) -> Self {
        Self {
            log_dir: data_dir.join(crate::diagnostics::LOG_SUBDIR),
            data_dir,
            chair: Arc::default(),
            juror: Arc::default(),
            demo_requested,
            opened: Mutex::new(None),
        }
    }

    /// Remembers the `.juri` file the app was started with.
    pub fn with_opened(self, file: Option<PathBuf>) -> Self {
        *self.opened.lock().unwrap_or_else(|p| p.into_inner()) = file;
        self
    }

    /// Where the log file and crash reports are written (by default `log` in the data folder).
    pub fn with_log_dir(mut self, dir: PathBuf) -> Self {
        self.log_dir = dir;
        self
    }

    pub fn log_dir(&self) -> &Path {
        &self.log_dir
    }

    /// A `.juri` file handed over by a second start of the app (a double-click while Juri is open).
    pub fn set_opened(&self, file: PathBuf) {
        *self.opened.lock().unwrap_or_else(|p| p.into_inner()) = Some(file);
    }

    /// The `.juri` file the app was started with, once.
    pub fn take_opened(&self) -> Option<PathBuf> {
        self.opened.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn demo_requested(&self) -> bool {
        self.demo_requested
    }

    /// The competitions of the data folder and which is open (`juri_app::Library`).
    pub fn library(&self) -> juri_app::Library {
        juri_app::Library::new(&self.data_dir)
    }

    /// The database of the competition that is open, or was open last.
    pub fn chair_path(&self) -> PathBuf {
        self.library().open_path()
    }

    pub fn chair_slot(&self) -> Slot<Chair> {
        Arc::clone(&self.chair)
    }

    pub fn juror_path(&self) -> PathBuf {
        self.data_dir.join(JUROR_DB)
    }

    pub fn juror_slot(&self) -> Slot<JurorWorkspace> {
        Arc::clone(&self.juror)
    }

    /// Where printed documents and exports are written before they open in the system viewer.
    pub fn documents_dir(&self) -> PathBuf {
        self.data_dir.join("dokumen")
    }

    /// Version, data folder and log folder; fails when the data folder has gone away since
    /// start-up.
    pub fn info(&self) -> Result<AppInfo, CommandError> {
        let data_dir = std::fs::canonicalize(&self.data_dir).map_err(|error| {
            CommandError::new(
                ErrorCode::Io,
                format!("data folder {}: {error}", self.data_dir.display()),
            )
        })?;
        let log_dir = std::fs::canonicalize(&self.log_dir).unwrap_or_else(|_| self.log_dir.clone());
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: data_dir.display().to_string(),
            log_dir: log_dir.display().to_string(),
        })
    }
}

/// Locks a slot; a slot poisoned by a panicking command is still usable (SQLite rolled back).
pub fn lock<T>(slot: &Slot<T>) -> MutexGuard<'_, Option<T>> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `work` on a blocking worker thread with the open workspace of `slot`.
pub async fn with<T, R>(
    slot: Slot<T>,
    what: &'static str,
    work: impl FnOnce(&mut T) -> Result<R, AppError> + Send + 'static,
) -> Result<R, CommandError>
where
    T: Send + 'static,
    R: Send + 'static,
{
    blocking(move || {
        let mut guard = lock(&slot);
        let open = guard
            .as_mut()
            .ok_or_else(|| CommandError::nothing_open(what))?;
        work(open).map_err(CommandError::from)
    })
    .await
}

/// Runs `work` on a blocking worker thread.
pub async fn blocking<R: Send + 'static>(
    work: impl FnOnce() -> Result<R, CommandError> + Send + 'static,
) -> Result<R, CommandError> {
    let result = tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(CommandError::task)?;
    if let Err(error) = &result {
        // Refusals and bad input are the person's business; faults of the files, the database or
        // Juri itself go into the log for whoever has to find out what happened.
        if !matches!(
            error.code,
            ErrorCode::InvalidInput | ErrorCode::NotAllowed | ErrorCode::NothingOpen
        ) {
            log::warn!("{:?}: {}", error.code, error.message);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn info_reports_version_and_absolute_data_folder() {
        let temp = tempfile::tempdir().unwrap();
        std::fs::create_dir(temp.path().join("log")).unwrap();
        let state = AppState::new(temp.path().join("."), false);
        let info = state.info().unwrap();
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        let expected = std::fs::canonicalize(temp.path()).unwrap();
        assert_eq!(info.data_dir, expected.display().to_string());
        assert_eq!(info.log_dir, expected.join("log").display().to_string());
        assert_eq!(
            serde_json::to_value(&info).unwrap(),
            json!({"version": info.version, "dataDir": info.data_dir, "logDir": info.log_dir})
        );
    }

    #[test]
    fn info_fails_with_io_when_the_data_folder_is_gone() {
        let temp = tempfile::tempdir().unwrap();
        let gone = temp.path().join("removed");
        let state = AppState::new(gone.clone(), false);
        let error = state.info().unwrap_err();
        assert_eq!(error.code, ErrorCode::Io);
        assert!(error.message.contains("removed"), "{}", error.message);
    }

    #[test]
    fn a_closed_workspace_answers_nothing_open() {
        let temp = tempfile::tempdir().unwrap();
        let state = AppState::new(temp.path().to_path_buf(), false);
        let result = tauri::async_runtime::block_on(with(
            state.chair_slot(),
            "competition",
            |chair: &mut Chair| chair.overview(),
        ));
        assert_eq!(result.unwrap_err().code, ErrorCode::NothingOpen);
    }
}
