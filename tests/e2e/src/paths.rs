//! Where the programs under test are.

use crate::HarnessError;
use std::path::{Path, PathBuf};

/// The debug build of the desktop app: `JURI_DESKTOP_BIN`, else `src-tauri/target/debug/juri-desktop`.
pub fn desktop_binary() -> Result<PathBuf, HarnessError> {
    let path = match std::env::var_os("JURI_DESKTOP_BIN") {
        Some(path) => PathBuf::from(path),
        None => {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src-tauri/target/debug/juri-desktop")
        }
    };
    std::fs::canonicalize(&path).map_err(|_| HarnessError::MissingProgram {
        program: "juri-desktop",
        path,
        hint: "build it first with `make desktop-build`",
    })
}

/// `tauri-driver`: `TAURI_DRIVER`, else the first one on `PATH`, else `~/.cargo/bin/tauri-driver`.
pub fn tauri_driver_binary() -> Result<PathBuf, HarnessError> {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return Ok(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .map(|dir| dir.join("tauri-driver"));
    let in_cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .map(|home| home.join("bin/tauri-driver"));
    on_path
        .chain(in_cargo_home)
        .find(|candidate| candidate.is_file())
        .ok_or(HarnessError::MissingProgram {
            program: "tauri-driver",
            path: PathBuf::from("tauri-driver"),
            hint: "install it with `make desktop-deps`",
        })
}
