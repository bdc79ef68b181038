//! The chair's database is the competition's legal record and lives on one laptop: a backup saves
//! all of it (definition, panel, every imported bundle byte for byte, the journal, official copies,
//! snapshots, document settings, keys) to one file, and a restore checks that file whole before it
//! writes a database on another laptop. The file format is in `docs/formats.md` ("Backup file").

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use juri_store::{ChairDb, KeptKind};

use crate::chair::library::competition_path_for;
use crate::chair::{Chair, Library};
use crate::error::AppError;
use crate::files::{remove_database_files, sync_dir, write_private_atomically};

/// The first line of a backup file.
pub const BACKUP_HEADER: &str = "JURI-BACKUP v1";
/// The `format` field of a backup's description line.
const BACKUP_FORMAT: &str = "juri-backup";
/// The longest description line a reader accepts.
const MAX_META_LINE: u64 = 64 * 1024;
/// Audit actions after which the chair is reminded to save a backup.
const REMINDED_AFTER: [&str; 2] = ["merge", "finalize"];
/// Meta keys: when and where the last backup was saved (or the backup a database was restored
/// from).
const LAST_BACKUP_AT: &str = "last_backup_at";
const LAST_BACKUP_FILE: &str = "last_backup_file";

/// The description line of a backup file: canonical JSON (keys sorted, no spaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupMeta {
    competition_id: String,
    competition_name: String,
    created_at: String,
    database_bytes: u64,
    database_sha256: String,
    format: String,
    format_version: u32,
    juri_version: String,
    schema_version: i64,
}

/// What a backup saved.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupReport {
    pub file: String,
    pub created_at: String,
    pub competition_id: String,
    pub competition_name: String,
    /// The backup file's size in bytes.
    pub size: u64,
    /// SHA-256 of the database inside (64 hex digits), which a restore checks.
    pub database_sha256: String,
    /// Imported bundles and official copies kept in it.
    pub bundles: usize,
    pub official_copies: usize,
}

/// What a restore wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RestoreReport {
    /// The database written.
    pub database: String,
    /// The backup it came from.
    pub backup: String,
    /// When the backup was saved.
    pub created_at: String,
    pub competition_id: String,
    pub competition_name: String,
    /// Imported bundles and official copies, each checked against its SHA-256.
    pub bundles: usize,
    pub official_copies: usize,
    /// The schema the backup was saved with, when this Juri upgraded it.
    pub upgraded_from: Option<i64>,
}

/// Whether the chair should save a backup now.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupStatus {
    /// When the last backup was saved (or the database restored from one), RFC 3339.
    pub last_backup_at: Option<String>,
    /// Where it was saved.
    pub last_backup_file: Option<String>,
    /// A merge or a finalisation happened after the last backup (or there was never one): the
    /// app reminds the chair.
    pub due: bool,
    /// When the latest such change happened.
    pub changed_at: Option<String>,
}

fn bad(file: &Path, message: impl Into<String>) -> AppError {
    AppError::BadFile {
        file: file.display().to_string(),
        message: message.into(),
    }
}

fn hex_of(hasher: Sha256) -> String {
    hex::encode(hasher.finalize())
}

/// Hashes a file as it streams through, counting its bytes.
fn sha256_of_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        bytes += n as u64;
    }
    Ok((hex_of(hasher), bytes))
}

impl Chair {
    /// Saves a complete backup of the competition to `out` (written whole or not at all, readable
    /// by its owner only; an existing file is replaced only once the new one is complete), then
    /// records when and where in the database and the audit log.
    pub fn backup(&mut self, out: &Path) -> Result<BackupReport, AppError> {
        let snap = self.snapshot()?;
        let competition = &snap.definition.competition;
        let dir = match out.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let work = tempfile::Builder::new()
            .prefix(".juri-backup-")
            .tempdir_in(&dir)
            .map_err(|e| AppError::io(&dir, e))?;
        let copy = work.path().join("lomba.db");
        self.db.copy_into(&copy)?;
        let (bundles, official_copies) = {
            let db = ChairDb::open_read_only(&copy)?;
            db.kept_counts()?
        };
        let (database_sha256, database_bytes) =
            sha256_of_file(&copy).map_err(|e| AppError::io(&copy, e))?;
        let created_at = crate::now();
        let meta = BackupMeta {
            competition_id: competition.id.clone(),
            competition_name: competition.name.clone(),
            created_at: created_at.clone(),
            database_bytes,
            database_sha256: database_sha256.clone(),
            format: BACKUP_FORMAT.into(),
            format_version: 1,
            juri_version: env!("CARGO_PKG_VERSION").into(),
            schema_version: self.db.schema_version()?,
        };
        let line = serde_json::to_string(&meta).map_err(|e| AppError::Internal(e.to_string()))?;
        write_private_atomically(out, |file| {
            file.write_all(BACKUP_HEADER.as_bytes())?;
            file.write_all(b"\n")?;
            file.write_all(line.as_bytes())?;
            file.write_all(b"\n")?;
            let mut database = std::fs::File::open(&copy)?;
            std::io::copy(&mut database, file)?;
            Ok(())
        })?;
        drop(work);
        let size = std::fs::metadata(out)
            .map_err(|e| AppError::io(out, e))?
            .len();
        let file = out.display().to_string();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.set_meta(LAST_BACKUP_AT, &created_at)?;
            tx.set_meta(LAST_BACKUP_FILE, &file)?;
            tx.audit(
                &created_at,
                "backup",
                &format!(
                    "backup saved to {file} ({size} bytes; database SHA-256 {database_sha256}; {bundles} bundles, {official_copies} official copies)"
                ),
            )?;
            Ok(())
        })?;
        Ok(BackupReport {
            file,
            created_at,
            competition_id: meta.competition_id,
            competition_name: meta.competition_name,
            size,
            database_sha256,
            bundles,
            official_copies,
        })
    }

    /// When the last backup was saved, and whether a merge or a finalisation came after it.
    pub fn backup_status(&self) -> Result<BackupStatus, AppError> {
        let tx = self.db.read();
        let last_backup_at = tx.meta(LAST_BACKUP_AT)?;
        let last_backup_file = tx.meta(LAST_BACKUP_FILE)?;
        let log = tx.audit_log()?;
        let since = log
            .iter()
            .rposition(|row| row.action == "backup" || row.action == "restore")
            .map_or(0, |i| i + 1);
        let changed_at = log[since..]
            .iter()
            .rev()
            .find(|row| REMINDED_AFTER.contains(&row.action.as_str()))
            .map(|row| row.at.clone());
        Ok(BackupStatus {
            last_backup_at,
            last_backup_file,
            due: changed_at.is_some(),
            changed_at,
        })
    }
}

/// The description of a backup file, read and checked without reading the database inside.
fn read_meta(file: &Path, reader: &mut impl BufRead) -> Result<BackupMeta, AppError> {
    let mut header = Vec::new();
    reader
        .by_ref()
        .take(BACKUP_HEADER.len() as u64 + 1)
        .read_until(b'\n', &mut header)
        .map_err(|e| AppError::io(file, e))?;
    if header != format!("{BACKUP_HEADER}\n").as_bytes() {
        let text = String::from_utf8_lossy(&header);
        return Err(match text.strip_prefix("JURI-BACKUP v") {
            Some(version) => bad(
                file,
                t!(
                    "backup.other_version",
                    version = version.trim(),
                    known = BACKUP_HEADER
                ),
            ),
            None => bad(file, t!("backup.not_a_backup")),
        });
    }
    let mut line = Vec::new();
    reader
        .by_ref()
        .take(MAX_META_LINE)
        .read_until(b'\n', &mut line)
        .map_err(|e| AppError::io(file, e))?;
    if line.last() != Some(&b'\n') {
        return Err(bad(
            file,
            t!("backup.meta_damaged", detail = "no end of line"),
        ));
    }
    let meta: BackupMeta = serde_json::from_slice(&line[..line.len() - 1])
        .map_err(|e| bad(file, t!("backup.meta_damaged", detail = e)))?;
    let canonical = serde_json::to_string(&meta).map_err(|e| AppError::Internal(e.to_string()))?;
    if meta.format != BACKUP_FORMAT
        || meta.format_version != 1
        || canonical.as_bytes() != &line[..line.len() - 1]
        || meta.database_sha256.len() != 64
    {
        return Err(bad(
            file,
            t!("backup.meta_damaged", detail = "not canonical"),
        ));
    }
    Ok(meta)
}

/// Restores the backup `file` as a new database at `target`, which must not exist: the backup's
/// length and SHA-256, the database's own integrity check, and the SHA-256 of every bundle and
/// official copy it keeps are checked before anything is written at `target` (the database is
/// built beside it and renamed into place). A backup from an earlier Juri is upgraded. The restored
/// database records the restore in its audit log and counts as backed up.
pub fn restore_backup(file: &Path, target: &Path) -> Result<(Chair, RestoreReport), AppError> {
    if target.exists() {
        return Err(bad(target, t!("backup.target_exists")));
    }
    let opened = std::fs::File::open(file).map_err(|e| AppError::io(file, e))?;
    let mut reader = BufReader::new(opened);
    let meta = read_meta(file, &mut reader)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| AppError::io(&dir, e))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "lomba.db".into());
    let partial = dir.join(format!(".{name}.restore-{}", std::process::id()));
    let result = restore_into(file, &mut reader, &meta, &partial).and_then(|report| {
        std::fs::rename(&partial, target).map_err(|e| AppError::io(target, e))?;
        sync_dir(&dir).map_err(|e| AppError::io(&dir, e))?;
        Ok(report)
    });
    if result.is_err() {
        remove_database_files(&partial);
    }
    let (bundles, official_copies, upgraded_from) = result?;
    let chair = Chair::open(target)?;
    Ok((
        chair,
        RestoreReport {
            database: target.display().to_string(),
            backup: file.display().to_string(),
            created_at: meta.created_at,
            competition_id: meta.competition_id,
            competition_name: meta.competition_name,
            bundles,
            official_copies,
            upgraded_from,
        },
    ))
}

/// Writes the database inside the backup to `partial` and checks it; records the restore in it.
fn restore_into(
    file: &Path,
    reader: &mut impl Read,
    meta: &BackupMeta,
    partial: &Path,
) -> Result<(usize, usize, Option<i64>), AppError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options
        .open(partial)
        .map_err(|e| AppError::io(partial, e))?;
    // The database streams through the hash: one bytes more than announced is enough to know.
    let mut hasher = Sha256::new();
    let mut limited = reader.take(meta.database_bytes + 1);
    let mut buffer = vec![0u8; 64 * 1024];
    let mut copied: u64 = 0;
    loop {
        let n = limited
            .read(&mut buffer)
            .map_err(|e| AppError::io(file, e))?;
        if n == 0 {
            break;
        }
        copied += n as u64;
        if copied > meta.database_bytes {
            return Err(bad(
                file,
                t!("backup.too_long", bytes = meta.database_bytes),
            ));
        }
        hasher.update(&buffer[..n]);
        out.write_all(&buffer[..n])
            .map_err(|e| AppError::io(partial, e))?;
    }
    if copied < meta.database_bytes {
        return Err(bad(
            file,
            t!(
                "backup.cut_short",
                found = copied,
                bytes = meta.database_bytes
            ),
        ));
    }
    let found = hex_of(hasher);
    if found != meta.database_sha256 {
        return Err(bad(
            file,
            t!(
                "backup.hash_differs",
                found = found,
                expected = meta.database_sha256
            ),
        ));
    }
    out.sync_all().map_err(|e| AppError::io(partial, e))?;
    drop(out);

    let damaged = |detail: String| bad(file, t!("backup.database_damaged", detail = detail));
    {
        let check = ChairDb::open_read_only(partial).map_err(|e| damaged(e.to_string()))?;
        if !check.integrity_ok().map_err(|e| damaged(e.to_string()))? {
            return Err(damaged("PRAGMA integrity_check".into()));
        }
    }
    let mut db = ChairDb::open(partial).map_err(|e| damaged(e.to_string()))?;
    let upgraded_from =
        (meta.schema_version != db.schema_version()?).then_some(meta.schema_version);
    let mut problems = Vec::new();
    let (mut bundles, mut official_copies) = (0, 0);
    db.each_kept_file(|kept| {
        match kept.kind {
            KeptKind::Bundle => bundles += 1,
            KeptKind::OfficialCopy => official_copies += 1,
        }
        if hex::encode(Sha256::digest(kept.bytes)) != kept.sha256 {
            problems.push(kept.name.to_owned());
        }
    })?;
    if !problems.is_empty() {
        return Err(damaged(
            t!("backup.kept_files_differ", files = problems.join(", ")).into_owned(),
        ));
    }
    let id = db.read().meta("competition_id")?;
    if id.as_deref() != Some(meta.competition_id.as_str()) {
        return Err(damaged(
            t!(
                "backup.other_competition",
                found = id.unwrap_or_default(),
                expected = meta.competition_id
            )
            .into_owned(),
        ));
    }
    let now = crate::now();
    db.write(|tx| -> Result<(), AppError> {
        tx.set_meta(LAST_BACKUP_AT, &meta.created_at)?;
        tx.set_meta(LAST_BACKUP_FILE, &file.display().to_string())?;
        tx.audit(
            &now,
            "restore",
            &format!(
                "restored from the backup {} saved at {} (database SHA-256 {}; {bundles} bundles, {official_copies} official copies checked)",
                file.display(),
                meta.created_at,
                meta.database_sha256
            ),
        )?;
        Ok(())
    })?;
    db.checkpoint_and_close()?;
    Ok((bundles, official_copies, upgraded_from))
}

impl Library {
    /// Restores the backup `file` as a new competition of the data folder (`lomba.db` when free,
    /// else `kompetisi/<id>.db`) and remembers it as the open one.
    pub fn restore(&self, file: &Path) -> Result<(Chair, RestoreReport), AppError> {
        let opened = std::fs::File::open(file).map_err(|e| AppError::io(file, e))?;
        let meta = read_meta(file, &mut BufReader::new(opened))?;
        let first = self.dir().join(crate::chair::FIRST_COMPETITION);
        let target = if first.exists() {
            competition_path_for(self.dir(), &meta.competition_id)
        } else {
            first
        };
        let restored = restore_backup(file, &target)?;
        self.remember(&target)?;
        Ok(restored)
    }
}
