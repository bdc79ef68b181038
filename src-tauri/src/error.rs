//! The error every command returns to the web UI.
//!
//! The UI branches on `code` (a small closed set) and shows `message` as the detail line. The JSON
//! shape `{"code": "...", "message": "..."}` is a contract with `ui/src/lib/api.ts`; the tests below
//! pin it.

use serde::Serialize;
use std::fmt;

/// What kind of failure a command met, in words the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The data folder or a file in it could not be read or written.
    Io,
    /// The operating system could not open a file or folder in its default application.
    OpenFailed,
}

/// A command failure as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<tauri_plugin_opener::Error> for CommandError {
    fn from(error: tauri_plugin_opener::Error) -> Self {
        Self::new(ErrorCode::OpenFailed, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serializes_as_code_and_message() {
        let cases = [
            (
                CommandError::new(ErrorCode::Io, "folder data tidak dapat dibaca"),
                json!({"code": "io", "message": "folder data tidak dapat dibaca"}),
            ),
            (
                CommandError::new(ErrorCode::OpenFailed, "no viewer for PDF"),
                json!({"code": "open_failed", "message": "no viewer for PDF"}),
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(serde_json::to_value(&error).unwrap(), expected);
        }
    }

    #[test]
    fn opener_failures_become_open_failed() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "missing.pdf");
        let error = CommandError::from(tauri_plugin_opener::Error::Io(io));
        assert_eq!(error.code, ErrorCode::OpenFailed);
        assert!(error.message.contains("missing.pdf"), "{}", error.message);
    }
}
