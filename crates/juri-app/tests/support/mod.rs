//! Helpers the chair's integration tests share.

use std::path::{Path, PathBuf};

/// Writes `text` to `name` in `dir` (an import file) and returns its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// The database's files, byte for byte (the main file and its write-ahead log).
pub fn bytes(db: &Path) -> Vec<Vec<u8>> {
    let wal = PathBuf::from(format!("{}-wal", db.display()));
    vec![
        std::fs::read(db).unwrap(),
        std::fs::read(wal).unwrap_or_default(),
    ]
}
