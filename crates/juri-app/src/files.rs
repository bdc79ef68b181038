//! Reading the files people bring (bounded by size) and writing files atomically.

use rust_i18n::t;
use std::io::{Read, Write};
use std::path::Path;

use juri_bundle::MAX_FILE_SIZE;

use crate::error::AppError;

/// Reads a package or bundle file, refusing one above the format's size limit before reading it.
pub fn read_juri_file(path: &Path) -> Result<Vec<u8>, AppError> {
    let file = std::fs::File::open(path).map_err(|e| AppError::io(path, e))?;
    let size = file.metadata().map_err(|e| AppError::io(path, e))?.len();
    if size > MAX_FILE_SIZE {
        return Err(too_large(path));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(path));
    }
    Ok(bytes)
}

/// The two kinds of `.juri` file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum JuriFile {
    /// A juror's package, from the chair: opened in juror mode with the access code.
    Package,
    /// A juror's score bundle, for the chair: merged in chair mode.
    Bundle,
}

/// What a `.juri` file is, from its first line: a juror's package or a score bundle. Anything
/// else (another file, a damaged header) is refused with the reader's message.
pub fn juri_file_kind(path: &Path) -> Result<JuriFile, AppError> {
    let bytes = read_juri_file(path)?;
    let found = juri_bundle::inspect(&bytes, None);
    match (found.kind, found.verdict) {
        (Some(juri_bundle::FileKind::Package), _) => Ok(JuriFile::Package),
        (Some(juri_bundle::FileKind::Bundle), _) => Ok(JuriFile::Bundle),
        (Some(juri_bundle::FileKind::Archive), _) => Err(AppError::BadFile {
            file: path.display().to_string(),
            message: t!("files.archive_manifest").into_owned(),
        }),
        (None, juri_bundle::Verdict::Refused(e)) => Err(AppError::BadFile {
            file: path.display().to_string(),
            message: e.to_string(),
        }),
        (None, _) => Err(AppError::BadFile {
            file: path.display().to_string(),
            message: t!("files.not_juri_file").into_owned(),
        }),
    }
}

fn too_large(path: &Path) -> AppError {
    AppError::BadFile {
        file: path.display().to_string(),
        message: juri_bundle::BundleError::TooLarge {
            limit: MAX_FILE_SIZE,
        }
        .to_string(),
    }
}

/// Writes `bytes` to `path` so that the file is either the old one or the whole new one, even
/// if the power goes: a temporary file in the same folder, flushed to disk, renamed over the
/// target, and the folder flushed too.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    write_with(path, false, |file| file.write_all(bytes))
}

/// [`write_atomically`] for a file that only its owner may read on Unix (mode 0600: a package, a
/// bundle, a backup), its content written by `fill` (which may stream it).
pub(crate) fn write_private_atomically(
    path: &Path,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), AppError> {
    write_with(path, true, fill)
}

fn write_with(
    path: &Path,
    private: bool,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), AppError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        AppError::io(
            path,
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                t!("files.not_a_file_name").into_owned(),
            ),
        )
    })?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        let mut f = options.open(&tmp)?;
        #[cfg(unix)]
        if private {
            // A temporary file left by an earlier run keeps its mode: set it.
            use std::os::unix::fs::PermissionsExt;
            f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
        #[cfg(not(unix))]
        let _ = private;
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| AppError::io(path, e))
}

/// Removes a database file and its write-ahead log and shared-memory files, if any (a database
/// that was being built and is abandoned).
/// Writes `bytes` to a new file `path` and syncs it: an existing file is never overwritten (a copy
/// the user saves, e.g. a document or a photo).
pub(crate) fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    let mut f = options.open(path).map_err(|e| AppError::io(path, e))?;
    std::io::Write::write_all(&mut f, bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| AppError::io(path, e))
}

pub(crate) fn remove_database_files(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
}

#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    // Windows flushes the directory entry with the file; opening a folder needs special flags.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nilai.juri");
        write_atomically(&p, b"one").unwrap();
        write_atomically(&p, b"two, longer").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two, longer");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
        assert!(write_atomically(&dir.path().join("none/x.juri"), b"x").is_err());
    }
}
