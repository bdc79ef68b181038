//! The juror's database, on the juror's own laptop: the installed package and the juror's work.
//!
//! Opened with WAL and `synchronous=FULL`, and every change is its own transaction, so a change
//! that was acknowledged survives a killed process or a power cut. The file is created complete or
//! not at all: a new database lives in memory until its first change, then is written beside its
//! final name and renamed into place.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};
use rusqlite_migration::{Migrations, M};

use crate::{
    configure, get_meta, in_transaction, integrity_ok, kind, put_meta, user_version, Durability,
    Result, StoreError,
};

fn juror_migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/juror/001_juror.sql")),
        M::up(include_str!("migrations/juror/002_export_sheets.sql")),
        M::up(include_str!("migrations/juror/003_export_content.sql")),
        M::up(include_str!("migrations/juror/004_documents.sql")),
        M::up(include_str!("migrations/juror/005_note_photos.sql")),
    ])
}

const JUROR_SCHEMA_VERSION: i64 = 5;
const KIND: &str = "juri-juror";

/// An entry as the juror sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorEntryRow {
    pub code: String,
    pub title: String,
    /// `None` under blind review.
    pub institution: Option<String>,
    pub category: String,
    pub rintisan: bool,
    pub description: Option<String>,
}

/// A document the installed package names for one of the juror's entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorDocumentRow {
    pub entry: String,
    pub name: String,
    /// `pdf`, `image` or `office`.
    pub kind: String,
    pub size: i64,
    /// Lowercase hex SHA-256, as the signed package names it.
    pub sha256: String,
    /// Whether its bytes are installed (from the chair's documents file).
    pub installed: bool,
}

/// One score cell of the juror, keyed by text ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorCell {
    pub stage: String,
    pub entry: String,
    pub criterion: String,
    /// Canonical decimal text; `None` when cleared.
    pub value: Option<String>,
    pub comment: String,
    pub revision: i64,
    pub updated_at: String,
}

/// A note or a submission state of the juror on an entry in a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorPair<T> {
    pub stage: String,
    pub entry: String,
    pub value: T,
    pub revision: i64,
    pub updated_at: String,
}

/// A photo attached to one of the juror's notes (its bytes apart: [`JurorTx::note_photo_bytes`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorPhotoRow {
    pub stage: String,
    pub entry: String,
    /// 0, 1, … in the juror's order within the note.
    pub position: i64,
    pub sha256: String,
    pub size: i64,
    pub width: i64,
    pub height: i64,
    pub taken_at: Option<String>,
    pub location: Option<String>,
}

/// One export the juror made, as recorded on the laptop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorExportRow {
    pub sequence: i64,
    pub exported_at: String,
    pub file: String,
    /// Full hex fingerprint of the bundle file.
    pub fingerprint: String,
    /// Full hex fingerprint of the signed content (`None` for an export made before it was
    /// recorded): what the juror's filled sheets print.
    pub content_fingerprint: Option<String>,
}

impl JurorExportRow {
    /// The fingerprint a filled sheet names: the signed content's, else the file's.
    pub fn sheet_fingerprint(&self) -> &str {
        self.content_fingerprint
            .as_deref()
            .unwrap_or(&self.fingerprint)
    }
}

/// The juror's database.
pub struct JurorDb {
    conn: Connection,
    /// Where a database still in memory goes at its first change.
    unsaved: Option<PathBuf>,
}

impl JurorDb {
    /// Opens the database at `path`. When there is no file yet (or only what an interrupted first
    /// open of an earlier Juri left: an empty database), the database starts in memory and reaches
    /// `path` at its first change, complete; reading it writes nothing.
    pub fn open_or_create(path: &Path) -> Result<JurorDb> {
        let not_juror = || StoreError::NotJurorDatabase {
            path: path.display().to_string(),
        };
        if !path.exists() || is_empty_database(path) {
            let mut conn = Connection::open_in_memory()?;
            configure_juror(&conn)?;
            juror_migrations().to_latest(&mut conn)?;
            conn.execute("INSERT INTO meta(key, value) VALUES ('kind', ?1)", [KIND])?;
            return Ok(JurorDb {
                conn,
                unsaved: Some(path.to_path_buf()),
            });
        }
        let mut conn = Connection::open(path).map_err(|_| not_juror())?;
        let found = user_version(&conn).map_err(|_| not_juror())?;
        if found == 0 {
            return Err(not_juror());
        }
        // An earlier Juri killed between its migrations and naming the file a juror's: the schema
        // is Juri's and nothing was stored yet, so the first open finishes now.
        let unnamed = match kind(&conn).as_deref() {
            Some(KIND) => false,
            None if meta_is_empty(&conn) => true,
            _ => return Err(not_juror()),
        };
        if found > JUROR_SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found,
                known: JUROR_SCHEMA_VERSION,
            });
        }
        if unnamed {
            conn.execute("INSERT INTO meta(key, value) VALUES ('kind', ?1)", [KIND])?;
        }
        configure_juror(&conn)?;
        let _ = crate::restrict_to_owner(path);
        juror_migrations().to_latest(&mut conn)?;
        Ok(JurorDb {
            conn,
            unsaved: None,
        })
    }

    /// Whether the database is on disk (it is not before its first change).
    pub fn is_saved(&self) -> bool {
        self.unsaved.is_none()
    }

    /// Writes a database still in memory to its file: complete in a file beside it, synced,
    /// then renamed into place, so a process killed at any moment leaves either no database or
    /// the whole one. Then works on the file.
    fn save(&mut self) -> Result<()> {
        let Some(path) = self.unsaved.clone() else {
            return Ok(());
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "juri.db".into());
        let partial = path.with_file_name(format!(".{name}.partial"));
        let _ = std::fs::remove_file(&partial);
        self.conn
            .execute("VACUUM INTO ?1", [partial.to_string_lossy().into_owned()])?;
        crate::restrict_to_owner(&partial)?;
        let synced = std::fs::File::open(&partial).and_then(|f| f.sync_all());
        synced.map_err(|e| StoreError::Damaged(format!("{}: {e}", partial.display())))?;
        std::fs::rename(&partial, &path)
            .map_err(|e| StoreError::Damaged(format!("{}: {e}", path.display())))?;
        #[cfg(unix)]
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        let conn = Connection::open(&path)?;
        configure_juror(&conn)?;
        self.conn = conn;
        self.unsaved = None;
        Ok(())
    }

    /// Moves the write-ahead log into the database file (after a secret was overwritten, so no
    /// older page keeps it in the log).
    pub fn checkpoint(&self) -> Result<()> {
        if self.unsaved.is_none() {
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    pub fn read(&self) -> JurorTx<'_> {
        JurorTx { conn: &self.conn }
    }

    /// Runs `f` in one transaction, committed durably before returning (the first change of a
    /// new database also creates its file).
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&JurorTx<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let out = in_transaction(&mut self.conn, |conn| f(&JurorTx { conn }))?;
        self.save()?;
        Ok(out)
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        integrity_ok(&self.conn)
    }
}

/// An SQLite file without a single table: what an interrupted first open of an earlier Juri could
/// leave, or an empty file.
fn is_empty_database(path: &Path) -> bool {
    if std::fs::metadata(path).is_ok_and(|m| m.len() == 0) {
        return true;
    }
    let Ok(conn) = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return false;
    };
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok_and(|n| n == 0)
}

/// Whether the `meta` table exists and holds nothing.
fn meta_is_empty(conn: &Connection) -> bool {
    conn.query_row("SELECT count(*) FROM meta", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|n| n == 0)
}

/// A view of the juror's database inside a read or a write transaction.
pub struct JurorTx<'c> {
    conn: &'c Connection,
}

fn cell(r: &rusqlite::Row<'_>) -> rusqlite::Result<JurorCell> {
    Ok(JurorCell {
        stage: r.get(0)?,
        entry: r.get(1)?,
        criterion: r.get(2)?,
        value: r.get(3)?,
        comment: r.get(4)?,
        revision: r.get(5)?,
        updated_at: r.get(6)?,
    })
}

/// The chair's settings, plus `secure_delete`: a value removed from the juror's database (a key
/// an earlier Juri kept in clear) is overwritten, not left in a free page.
fn configure_juror(conn: &Connection) -> Result<()> {
    configure(conn, Durability::Full)?;
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

impl JurorTx<'_> {
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        get_meta(self.conn, key)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        put_meta(self.conn, key, value)
    }

    /// Removes a meta value; its bytes are overwritten in the file (`secure_delete` is on for the
    /// juror's database).
    pub fn delete_meta(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", [key])?;
        Ok(())
    }

    /// Records an installed package and replaces the entries and assignments with its own. The
    /// juror's scores, notes and submissions are not touched.
    pub fn install_package(
        &self,
        version: i64,
        fingerprint: &str,
        bytes: &[u8],
        now: &str,
        entries: &[JurorEntryRow],
        assignments: &[(String, Vec<String>)],
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO packages(version, fingerprint, installed_at, bytes) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(version) DO UPDATE SET fingerprint=excluded.fingerprint,
               installed_at=excluded.installed_at, bytes=excluded.bytes",
            params![version, fingerprint, now, bytes],
        )?;
        self.conn
            .execute_batch("DELETE FROM entries; DELETE FROM assignments;")?;
        let mut st = self.conn.prepare(
            "INSERT INTO entries(code, position, title, institution, category, rintisan, description)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, e) in entries.iter().enumerate() {
            st.execute(params![
                e.code,
                i as i64,
                e.title,
                e.institution,
                e.category,
                e.rintisan,
                e.description
            ])?;
        }
        let mut st = self
            .conn
            .prepare("INSERT INTO assignments(stage, entry, position) VALUES (?1, ?2, ?3)")?;
        for (stage, codes) in assignments {
            for (i, code) in codes.iter().enumerate() {
                st.execute(params![stage, code, i as i64])?;
            }
        }
        Ok(())
    }

    /// The entries, in the chair's order.
    pub fn entries(&self) -> Result<Vec<JurorEntryRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT code, title, institution, category, rintisan, description FROM entries ORDER BY position",
        )?;
        let rows = st.query_map([], |r| {
            Ok(JurorEntryRow {
                code: r.get(0)?,
                title: r.get(1)?,
                institution: r.get(2)?,
                category: r.get(3)?,
                rintisan: r.get(4)?,
                description: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Assigned entry codes per stage, in the chair's order.
    pub fn assignments(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT stage, entry FROM assignments ORDER BY stage, position")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn cells(&self) -> Result<Vec<JurorCell>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage, entry, criterion, value, comment, revision, updated_at FROM scores ORDER BY 1, 2, 3",
        )?;
        let rows = st.query_map([], cell)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn cell(&self, stage: &str, entry: &str, criterion: &str) -> Result<Option<JurorCell>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage, entry, criterion, value, comment, revision, updated_at FROM scores
             WHERE stage=?1 AND entry=?2 AND criterion=?3",
        )?;
        Ok(st.query_row([stage, entry, criterion], cell).optional()?)
    }

    /// Writes a new revision of a cell (one more than the stored one) and returns it.
    pub fn put_cell(
        &self,
        stage: &str,
        entry: &str,
        criterion: &str,
        value: Option<&str>,
        comment: &str,
        now: &str,
    ) -> Result<i64> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO scores(stage, entry, criterion, value, comment, revision, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)
             ON CONFLICT(stage, entry, criterion) DO UPDATE SET value=excluded.value, comment=excluded.comment,
               revision=scores.revision + 1, updated_at=excluded.updated_at
             RETURNING revision",
        )?;
        Ok(
            st.query_row(params![stage, entry, criterion, value, comment, now], |r| {
                r.get(0)
            })?,
        )
    }

    pub fn notes(&self) -> Result<Vec<JurorPair<String>>> {
        self.pairs("SELECT stage, entry, note, revision, updated_at FROM notes ORDER BY 1, 2")
    }

    pub fn submissions(&self) -> Result<Vec<JurorPair<bool>>> {
        self.pairs(
            "SELECT stage, entry, submitted, revision, updated_at FROM submissions ORDER BY 1, 2",
        )
    }

    fn pairs<T: rusqlite::types::FromSql>(&self, sql: &str) -> Result<Vec<JurorPair<T>>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map([], |r| {
            Ok(JurorPair {
                stage: r.get(0)?,
                entry: r.get(1)?,
                value: r.get(2)?,
                revision: r.get(3)?,
                updated_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a new revision of a note and returns it.
    pub fn put_note(&self, stage: &str, entry: &str, note: &str, now: &str) -> Result<i64> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO notes(stage, entry, note, revision, updated_at) VALUES (?1, ?2, ?3, 1, ?4)
             ON CONFLICT(stage, entry) DO UPDATE SET note=excluded.note, revision=notes.revision + 1,
               updated_at=excluded.updated_at
             RETURNING revision",
        )?;
        Ok(st.query_row(params![stage, entry, note, now], |r| r.get(0))?)
    }

    /// Every photo on the juror's notes, by (stage, entry, position).
    pub fn note_photos(&self) -> Result<Vec<JurorPhotoRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage, entry, position, sha256, size, width, height, taken_at, location
             FROM note_photos ORDER BY stage, entry, position",
        )?;
        let rows = st.query_map([], |r| {
            Ok(JurorPhotoRow {
                stage: r.get(0)?,
                entry: r.get(1)?,
                position: r.get(2)?,
                sha256: r.get(3)?,
                size: r.get(4)?,
                width: r.get(5)?,
                height: r.get(6)?,
                taken_at: r.get(7)?,
                location: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bytes of a photo on a note, by its SHA-256.
    pub fn note_photo_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT bytes FROM note_photos WHERE sha256=?1 LIMIT 1")?;
        Ok(st.query_row([sha256], |r| r.get(0)).optional()?)
    }

    /// Attaches a photo after the note's others (a photo already on the note is left where it
    /// is) and raises the note's revision, creating an empty note if there was none. Returns the
    /// note's new revision, or `None` when the photo was already there.
    pub fn add_note_photo(
        &self,
        photo: &JurorPhotoRow,
        bytes: &[u8],
        now: &str,
    ) -> Result<Option<i64>> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO note_photos(stage, entry, position, sha256, size, width, height, taken_at,
               location, added_at, bytes)
             SELECT ?1, ?2, COALESCE(MAX(position) + 1, 0), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
             FROM note_photos WHERE stage=?1 AND entry=?2
             ON CONFLICT(stage, entry, sha256) DO NOTHING",
        )?;
        let added = st.execute(params![
            photo.stage,
            photo.entry,
            photo.sha256,
            photo.size,
            photo.width,
            photo.height,
            photo.taken_at,
            photo.location,
            now,
            bytes
        ])?;
        if added == 0 {
            return Ok(None);
        }
        self.touch_note(&photo.stage, &photo.entry, now).map(Some)
    }

    /// Removes a photo from a note and raises the note's revision; `None` when the note has no
    /// such photo.
    pub fn remove_note_photo(
        &self,
        stage: &str,
        entry: &str,
        sha256: &str,
        now: &str,
    ) -> Result<Option<i64>> {
        let removed = self.conn.execute(
            "DELETE FROM note_photos WHERE stage=?1 AND entry=?2 AND sha256=?3",
            params![stage, entry, sha256],
        )?;
        if removed == 0 {
            return Ok(None);
        }
        // The photos after it move up, so positions stay 0, 1, …
        let mut st = self.conn.prepare_cached(
            "SELECT sha256 FROM note_photos WHERE stage=?1 AND entry=?2 ORDER BY position",
        )?;
        let left = st
            .query_map(params![stage, entry], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut renumber = self.conn.prepare_cached(
            "UPDATE note_photos SET position=?4 WHERE stage=?1 AND entry=?2 AND sha256=?3",
        )?;
        for (position, sha256) in left.iter().enumerate() {
            renumber.execute(params![stage, entry, sha256, -1 - position as i64])?;
        }
        for (position, sha256) in left.iter().enumerate() {
            renumber.execute(params![stage, entry, sha256, position as i64])?;
        }
        self.touch_note(stage, entry, now).map(Some)
    }

    /// A new revision of a note with the same text (its photos changed).
    fn touch_note(&self, stage: &str, entry: &str, now: &str) -> Result<i64> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO notes(stage, entry, note, revision, updated_at) VALUES (?1, ?2, '', 1, ?3)
             ON CONFLICT(stage, entry) DO UPDATE SET revision=notes.revision + 1,
               updated_at=excluded.updated_at
             RETURNING revision",
        )?;
        Ok(st.query_row(params![stage, entry, now], |r| r.get(0))?)
    }

    /// Writes a new revision of a submission state and returns it.
    pub fn put_submission(
        &self,
        stage: &str,
        entry: &str,
        submitted: bool,
        now: &str,
    ) -> Result<i64> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO submissions(stage, entry, submitted, revision, updated_at) VALUES (?1, ?2, ?3, 1, ?4)
             ON CONFLICT(stage, entry) DO UPDATE SET submitted=excluded.submitted,
               revision=submissions.revision + 1, updated_at=excluded.updated_at
             RETURNING revision",
        )?;
        Ok(st.query_row(params![stage, entry, submitted, now], |r| r.get(0))?)
    }

    /// The next export sequence number (1, 2, 3, …).
    /// The number the next export takes: after every recorded export and every number taken
    /// by an export that was interrupted before it was recorded.
    pub fn next_export_sequence(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT MAX(
                 (SELECT COALESCE(MAX(sequence), 0) FROM exports),
                 COALESCE((SELECT CAST(value AS INTEGER) FROM meta
                           WHERE key = 'export_sequence_taken'), 0)
             ) + 1",
            [],
            |r| r.get(0),
        )?)
    }

    /// Takes the next export number for good (commit before the bundle is written).
    pub fn reserve_export_sequence(&self) -> Result<i64> {
        let next = self.next_export_sequence()?;
        put_meta(self.conn, "export_sequence_taken", &next.to_string())?;
        Ok(next)
    }

    /// Records an export and the version of every sheet it carried (`(stage, entry, version)`).
    pub fn add_export(
        &self,
        export: &JurorExportRow,
        sheets: &[(String, String, i64)],
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO exports(sequence, exported_at, file, fingerprint, content_fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                export.sequence,
                export.exported_at,
                export.file,
                export.fingerprint,
                export.content_fingerprint
            ],
        )?;
        let mut st = self.conn.prepare_cached(
            "INSERT INTO export_sheets(sequence, stage, entry, version) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (stage, entry, version) in sheets {
            st.execute(params![export.sequence, stage, entry, version])?;
        }
        Ok(())
    }

    /// The latest export, if the juror made one.
    pub fn latest_export(&self) -> Result<Option<JurorExportRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sequence, exported_at, file, fingerprint, content_fingerprint FROM exports
                 ORDER BY sequence DESC LIMIT 1",
                [],
                |r| {
                    Ok(JurorExportRow {
                        sequence: r.get(0)?,
                        exported_at: r.get(1)?,
                        file: r.get(2)?,
                        fingerprint: r.get(3)?,
                        content_fingerprint: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// The version of `(stage, entry)`'s sheet that export `sequence` carried; `None` when the
    /// export held nothing of that sheet (or was made before versions were recorded).
    pub fn exported_sheet_version(
        &self,
        sequence: i64,
        stage: &str,
        entry: &str,
    ) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM export_sheets WHERE sequence=?1 AND stage=?2 AND entry=?3",
                params![sequence, stage, entry],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The fingerprint of the package installed at `version`, if one was.
    pub fn package_fingerprint(&self, version: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT fingerprint FROM packages WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The bytes of the newest installed package, if one was installed.
    pub fn newest_package_bytes(&self) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM packages ORDER BY version DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// How many packages were installed.
    pub fn installed_packages(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM packages", [], |r| r.get(0))?)
    }

    /// Replaces the documents and links the installed package names (`installed` is ignored) and
    /// drops the bytes of documents it no longer names.
    pub fn set_package_documents(
        &self,
        documents: &[JurorDocumentRow],
        links: &[(String, String)],
    ) -> Result<()> {
        self.conn
            .execute_batch("DELETE FROM entry_documents; DELETE FROM entry_links;")?;
        let mut st = self.conn.prepare(
            "INSERT INTO entry_documents(entry, position, name, kind, size, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, d) in documents.iter().enumerate() {
            st.execute(params![d.entry, i as i64, d.name, d.kind, d.size, d.sha256])?;
        }
        let mut st = self
            .conn
            .prepare("INSERT INTO entry_links(entry, position, url) VALUES (?1, ?2, ?3)")?;
        for (i, (entry, url)) in links.iter().enumerate() {
            st.execute(params![entry, i as i64, url])?;
        }
        self.conn.execute(
            "DELETE FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM entry_documents)",
            [],
        )?;
        Ok(())
    }

    /// The documents the installed package names (one entry's, or every entry's), in its order.
    pub fn entry_documents(&self, entry: Option<&str>) -> Result<Vec<JurorDocumentRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.entry, e.name, e.kind, e.size, e.sha256, d.sha256 IS NOT NULL
             FROM entry_documents e LEFT JOIN documents d ON d.sha256 = e.sha256
             WHERE (?1 IS NULL OR e.entry = ?1) ORDER BY e.position",
        )?;
        let rows = st.query_map([entry], |r| {
            Ok(JurorDocumentRow {
                entry: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                size: r.get(3)?,
                sha256: r.get(4)?,
                installed: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The links the installed package names (one entry's, or every entry's): entry and link.
    pub fn entry_links(&self, entry: Option<&str>) -> Result<Vec<(String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT entry, url FROM entry_links WHERE (?1 IS NULL OR entry = ?1) ORDER BY position",
        )?;
        let rows = st.query_map([entry], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the bytes of document `sha256` are installed.
    pub fn has_document(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM documents WHERE sha256 = ?1",
                [sha256],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Installs the bytes of document `sha256` (checked by the caller).
    pub fn put_document(&self, sha256: &str, bytes: &[u8], now: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO documents(sha256, size, installed_at, bytes) VALUES (?1, ?2, ?3, ?4)",
            params![sha256, bytes.len() as i64, now, bytes],
        )?;
        Ok(())
    }

    /// The installed bytes of document `sha256`.
    pub fn document_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM documents WHERE sha256 = ?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_bumps_the_revision_and_a_package_never_touches_scores() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("juri.db");
        let mut db = JurorDb::open_or_create(&path).unwrap();
        let sync: i64 = db
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        let entry = |code: &str| JurorEntryRow {
            code: code.into(),
            title: format!("Inovasi {code}"),
            institution: None,
            category: "pd".into(),
            rintisan: false,
            description: None,
        };
        let revisions = db
            .write(|tx| -> Result<Vec<i64>> {
                tx.install_package(1, "f1", b"p1", "t0", &[entry("A1")], &[])?;
                Ok(vec![
                    tx.put_cell("s", "A1", "k", Some("7"), "", "t1")?,
                    tx.put_cell("s", "A1", "k", Some("8"), "baik", "t2")?,
                    tx.put_note("s", "A1", "catatan", "t3")?,
                    tx.put_submission("s", "A1", true, "t4")?,
                    tx.put_submission("s", "A1", false, "t5")?,
                ])
            })
            .unwrap();
        assert_eq!(revisions, [1, 2, 1, 1, 2]);
        db.write(|tx| {
            tx.install_package(
                2,
                "f2",
                b"p2",
                "t6",
                &[entry("A1"), entry("A2")],
                &[("s".into(), vec!["A2".into(), "A1".into()])],
            )
        })
        .unwrap();
        drop(db);
        let db = JurorDb::open_or_create(&path).unwrap();
        let tx = db.read();
        let cell = tx.cell("s", "A1", "k").unwrap().unwrap();
        assert_eq!((cell.value.as_deref(), cell.revision), (Some("8"), 2));
        assert_eq!(tx.entries().unwrap().len(), 2);
        assert_eq!(
            tx.assignments().unwrap(),
            [
                ("s".to_string(), "A2".to_string()),
                ("s".into(), "A1".into())
            ]
        );
        assert_eq!(tx.installed_packages().unwrap(), 2);
        assert!(db.integrity_ok().unwrap());
        let other = dir.path().join("other.db");
        crate::ChairDb::create(&other).unwrap();
        assert!(matches!(
            JurorDb::open_or_create(&other),
            Err(StoreError::NotJurorDatabase { .. })
        ));
    }

    #[test]
    fn a_new_database_reaches_its_file_whole_at_its_first_change() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("juri.db");
        let mut db = JurorDb::open_or_create(&path).unwrap();
        assert_eq!(db.read().installed_packages().unwrap(), 0);
        assert!(!path.exists() && !db.is_saved(), "reading writes nothing");
        // A partial file a killed save left is replaced.
        std::fs::write(dir.path().join(".juri.db.partial"), b"half").unwrap();
        db.write(|tx| tx.install_package(1, "f1", b"p1", "t0", &[], &[]))
            .unwrap();
        assert!(path.exists() && db.is_saved());
        assert!(!dir.path().join(".juri.db.partial").exists());
        db.write(|tx| tx.put_note("s", "A1", "catatan", "t1"))
            .unwrap();
        drop(db);
        let db = JurorDb::open_or_create(&path).unwrap();
        assert_eq!(db.read().installed_packages().unwrap(), 1);
        assert_eq!(db.read().notes().unwrap().len(), 1);
        let journal: String = db
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(journal, "wal");
    }

    #[test]
    fn what_an_interrupted_first_open_left_opens_again() {
        let dir = tempfile::tempdir().unwrap();
        // Migrated, then killed before the file was named a juror's.
        let path = dir.path().join("setengah.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            juror_migrations().to_latest(&mut conn).unwrap();
        }
        let mut db = JurorDb::open_or_create(&path).unwrap();
        assert!(db.is_saved());
        db.write(|tx| tx.install_package(1, "f1", b"p1", "t0", &[], &[]))
            .unwrap();
        drop(db);
        assert_eq!(
            JurorDb::open_or_create(&path)
                .unwrap()
                .read()
                .installed_packages()
                .unwrap(),
            1
        );
        // An empty file, as a failed first open left it.
        let empty = dir.path().join("kosong.db");
        std::fs::write(&empty, b"").unwrap();
        let db = JurorDb::open_or_create(&empty).unwrap();
        assert!(!db.is_saved());
        // Anything else is not a juror's database.
        let text = dir.path().join("teks.db");
        std::fs::write(&text, "bukan basis data").unwrap();
        assert!(matches!(
            JurorDb::open_or_create(&text),
            Err(StoreError::NotJurorDatabase { .. })
        ));
    }

    #[test]
    fn a_version_1_database_upgrades_and_keeps_its_work() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lama.db");
        {
            // A laptop database as the first release made it, with a score and an export.
            let mut conn = Connection::open(&path).unwrap();
            Migrations::new(vec![M::up(include_str!("migrations/juror/001_juror.sql"))])
                .to_latest(&mut conn)
                .unwrap();
            conn.execute_batch(
                "INSERT INTO meta(key, value) VALUES ('kind', 'juri-juror');
                 INSERT INTO scores VALUES ('s', 'A1', 'k', '7', '', 3, 't1');
                 INSERT INTO exports VALUES (1, 't2', 'nilai.juri', 'abcd');",
            )
            .unwrap();
        }
        let mut db = JurorDb::open_or_create(&path).unwrap();
        assert_eq!(user_version(&db.conn).unwrap(), JUROR_SCHEMA_VERSION);
        let latest = db.read().latest_export().unwrap().unwrap();
        assert_eq!((latest.sequence, latest.fingerprint.as_str()), (1, "abcd"));
        // The old export recorded no sheet versions: nothing claims to be in it.
        assert_eq!(
            db.read().exported_sheet_version(1, "s", "A1").unwrap(),
            None
        );
        assert_eq!(db.read().cell("s", "A1", "k").unwrap().unwrap().revision, 3);
        let export = JurorExportRow {
            sequence: db.read().next_export_sequence().unwrap(),
            exported_at: "t3".into(),
            file: "nilai-2.juri".into(),
            fingerprint: "ef01".into(),
            content_fingerprint: None,
        };
        db.write(|tx| tx.add_export(&export, &[("s".into(), "A1".into(), 3)]))
            .unwrap();
        assert_eq!(db.read().latest_export().unwrap().unwrap(), export);
        assert_eq!(
            db.read().exported_sheet_version(2, "s", "A1").unwrap(),
            Some(3)
        );
        assert_eq!(
            db.read().exported_sheet_version(2, "s", "A2").unwrap(),
            None
        );
    }
}
