//! What the running app holds between commands.

use crate::error::{CommandError, ErrorCode};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Facts about this installation, shown on the About screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    /// The app's version, e.g. `0.1.0`.
    pub version: String,
    /// The absolute path of the data folder in use.
    pub data_dir: String,
}

/// State shared by every command.
#[derive(Debug)]
pub struct AppState {
    data_dir: PathBuf,
}

impl AppState {
    pub fn new(data_dir: PathBuf) -> Self {
        Self { data_dir }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Version and data folder; fails when the data folder has gone away since start-up.
    pub fn info(&self) -> Result<AppInfo, CommandError> {
        let data_dir = std::fs::canonicalize(&self.data_dir).map_err(|error| {
            CommandError::new(
                ErrorCode::Io,
                format!("data folder {}: {error}", self.data_dir.display()),
            )
        })?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_dir: data_dir.display().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn info_reports_version_and_absolute_data_folder() {
        let temp = tempfile::tempdir().unwrap();
        let state = AppState::new(temp.path().join("."));
        let info = state.info().unwrap();
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        let expected = std::fs::canonicalize(temp.path()).unwrap();
        assert_eq!(info.data_dir, expected.display().to_string());
        assert_eq!(
            serde_json::to_value(&info).unwrap(),
            json!({"version": info.version, "dataDir": info.data_dir})
        );
    }

    #[test]
    fn info_fails_with_io_when_the_data_folder_is_gone() {
        let temp = tempfile::tempdir().unwrap();
        let gone = temp.path().join("removed");
        let state = AppState::new(gone.clone());
        let error = state.info().unwrap_err();
        assert_eq!(error.code, ErrorCode::Io);
        assert!(error.message.contains("removed"), "{}", error.message);
    }
}
