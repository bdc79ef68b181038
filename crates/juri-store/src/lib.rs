//! Juri's databases, the chair's and each juror's: the only crate that speaks SQL.
//!
//! Owns the schema (migrations in `src/migrations/`, applied with `rusqlite_migration` in one
//! transaction), connection settings (WAL, foreign keys, synchronous writes) and every query.
//!
//! Architecture invariant: no scoring logic and no clock here — timestamps arrive as text from the
//! caller, results are computed by `juri-core`. A database written by a newer Juri is refused.

// Messages in Indonesian and English, from `locales/messages.yml`; the run's language is set once
// by the front end (`juri_app::use_message_language`), English when none is set.
rust_i18n::i18n!("locales", fallback = "en");

mod bundles;
mod chair;
mod corrections;
mod documents;
mod entry_documents;
pub mod frozen;
mod juror;
mod official;
mod snapshot;

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use rusqlite_migration::{Migrations, M};

pub use bundles::*;
pub use chair::*;
pub use corrections::*;
pub use documents::*;
pub use entry_documents::*;
pub use juror::*;
pub use official::*;
pub use rusqlite;
pub use snapshot::*;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", rust_i18n::t!("store.too_new", path = path, found = found, known = known))]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{}", rust_i18n::t!("store.not_chair_database", path = path))]
    NotChairDatabase { path: String },
    #[error("{}", rust_i18n::t!("store.not_juror_database", path = path))]
    NotJurorDatabase { path: String },
    #[error("{}", rust_i18n::t!("store.already_exists", path = path))]
    AlreadyExists { path: String },
    #[error("{}", rust_i18n::t!("store.missing", path = path))]
    Missing { path: String },
    #[error("{}", rust_i18n::t!("store.sql", detail = .0))]
    Sql(#[from] rusqlite::Error),
    #[error("{}", rust_i18n::t!("store.migration", detail = .0))]
    Migration(#[from] rusqlite_migration::Error),
    #[error("{}", rust_i18n::t!("store.damaged", detail = .0))]
    Damaged(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

fn chair_migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_chair.sql")),
        M::up(include_str!("migrations/002_roundtrip.sql")),
        M::up(include_str!("migrations/003_official_copies.sql")),
        M::up(include_str!("migrations/004_corrections.sql")),
        M::up(include_str!("migrations/005_document_settings.sql")),
        M::up(include_str!("migrations/006_stage_snapshots.sql")),
        M::up(include_str!("migrations/007_screening_checklist.sql")),
        M::up(include_str!("migrations/008_retired_keys.sql")),
        M::up(include_str!("migrations/009_content_fingerprints.sql")),
        M::up(include_str!("migrations/010_snapshot_journal.sql")),
        M::up(include_str!("migrations/011_entry_documents.sql")),
        M::up(include_str!("migrations/012_documents_sent.sql")),
        M::up(include_str!("migrations/013_note_photos.sql")),
    ])
}

const CHAIR_SCHEMA_VERSION: i64 = 13;

/// How a connection is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// WAL with `synchronous=FULL`: every acknowledged commit survives power loss.
    Full,
    /// WAL with `synchronous=NORMAL`: for bulk work that can be redone.
    Normal,
}

fn configure(conn: &Connection, durability: Durability) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(
        None,
        "synchronous",
        if durability == Durability::Full {
            "FULL"
        } else {
            "NORMAL"
        },
    )?;
    conn.pragma_update(None, "busy_timeout", 5000)?;
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

/// Makes a database file (and its write-ahead log and shared memory, when present) readable and
/// writable by its owner only (Unix mode 0600): it holds the competition's keys and records.
/// Nothing to do elsewhere (Windows keeps a user's files in their profile, closed to others).
pub(crate) fn restrict_to_owner(path: &Path) -> Result<()> {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm"] {
        use std::os::unix::fs::PermissionsExt;
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = std::path::PathBuf::from(name);
        match std::fs::metadata(&file) {
            Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| StoreError::Damaged(format!("{}: {e}", file.display())))?;
            }
            _ => {}
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// What kind of Juri database this is (`meta.kind`); `None` for any other file.
fn kind(conn: &Connection) -> Option<String> {
    conn.query_row("SELECT value FROM meta WHERE key='kind'", [], |r| r.get(0))
        .ok()
}

fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
        .optional()?)
}

fn put_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// Runs `f` in one transaction: committed when it returns `Ok`, rolled back otherwise.
fn in_transaction<T, E: From<StoreError>>(
    conn: &mut Connection,
    f: impl FnOnce(&Connection) -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let tx = conn.transaction().map_err(StoreError::from)?;
    let out = f(&tx)?;
    tx.commit().map_err(StoreError::from)?;
    Ok(out)
}

/// `PRAGMA integrity_check` says "ok".
fn integrity_ok(conn: &Connection) -> Result<bool> {
    let s: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    Ok(s == "ok")
}

/// A chair's database as [`ChairDb::peek`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peek {
    pub competition_id: Option<String>,
    /// When the competition was archived (RFC 3339), if it was.
    pub archived_at: Option<String>,
    /// The newest definition's text.
    pub definition: Option<String>,
}

/// The chair's database.
pub struct ChairDb {
    conn: Connection,
}

impl ChairDb {
    /// Creates a new database; refuses to overwrite an existing file.
    pub fn create(path: &Path) -> Result<ChairDb> {
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.display().to_string(),
            });
        }
        let mut conn = Connection::open(path)?;
        configure(&conn, Durability::Full)?;
        restrict_to_owner(path)?;
        chair_migrations().to_latest(&mut conn)?;
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('kind', 'juri-chair')",
            [],
        )?;
        Ok(ChairDb { conn })
    }

    /// Opens an existing database, applying pending migrations.
    pub fn open(path: &Path) -> Result<ChairDb> {
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.display().to_string(),
            });
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|_| StoreError::NotChairDatabase {
            path: path.display().to_string(),
        })?;
        let found = user_version(&conn).map_err(|_| StoreError::NotChairDatabase {
            path: path.display().to_string(),
        })?;
        // A juror's database (or any other) is refused before a chair migration could touch it.
        if found > 0 && kind(&conn).as_deref() != Some("juri-chair") {
            return Err(StoreError::NotChairDatabase {
                path: path.display().to_string(),
            });
        }
        if found > CHAIR_SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found,
                known: CHAIR_SCHEMA_VERSION,
            });
        }
        configure(&conn, Durability::Full)?;
        // A database an earlier Juri created with the process's umask is closed to others now
        // (best effort: a file on a volume without Unix permissions stays as it is).
        let _ = restrict_to_owner(path);
        chair_migrations().to_latest(&mut conn)?;
        if kind(&conn).as_deref() != Some("juri-chair") {
            return Err(StoreError::NotChairDatabase {
                path: path.display().to_string(),
            });
        }
        Ok(ChairDb { conn })
    }

    /// What a chair's database is, read without changing it (no migration, no write, read-only
    /// connection): for listing the competitions of a data folder. `None` for a file that is not a
    /// chair's database, or one this version of Juri cannot read.
    pub fn peek(path: &Path) -> Option<Peek> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        let schema = user_version(&conn).ok()?;
        if schema == 0
            || schema > CHAIR_SCHEMA_VERSION
            || kind(&conn).as_deref() != Some("juri-chair")
        {
            return None;
        }
        let definition = conn
            .query_row(
                "SELECT toml FROM definitions ORDER BY version DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .ok()?;
        Some(Peek {
            competition_id: get_meta(&conn, "competition_id").ok()?,
            archived_at: get_meta(&conn, "archived_at").ok()?,
            definition,
        })
    }

    /// An in-memory database, for tests.
    pub fn in_memory() -> Result<ChairDb> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        chair_migrations().to_latest(&mut conn)?;
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('kind', 'juri-chair')",
            [],
        )?;
        Ok(ChairDb { conn })
    }

    /// Read access.
    pub fn read(&self) -> Tx<'_> {
        Tx { conn: &self.conn }
    }

    /// Runs `f` inside one read transaction, so every read it makes through [`ChairDb::read`]
    /// sees the database as of one moment: a write committed meanwhile (by another connection,
    /// as a merge in another process) is seen entirely or not at all. A call inside another
    /// `reading` joins the outer transaction. `f` must not write.
    pub fn reading<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return f();
        }
        // Deferred: the snapshot is taken at the first read and held until the end; dropping
        // the transaction (an error, a panic) ends it too.
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(StoreError::from)?;
        let out = f()?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` in one transaction: everything or nothing.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        in_transaction(&mut self.conn, |conn| f(&Tx { conn }))
    }

    /// Runs `f` in one transaction that holds the write lock from its start: every read and
    /// write `f` makes through [`ChairDb::read`] is part of it, committed when `f` returns `Ok`
    /// and rolled back otherwise. A write committed by another connection (a merge in another
    /// process) comes entirely before it or after it. Must not be nested.
    pub fn atomically<T, E: From<StoreError>>(
        &self,
        f: impl FnOnce() -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(StoreError::from)?;
        let out = f()?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` in one transaction and commits only when it returns `(_, true)`; otherwise
    /// everything it wrote is rolled back.
    pub fn write_or_discard<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&Tx<'_>) -> std::result::Result<(T, bool), E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let (out, commit) = f(&Tx { conn: &tx })?;
        if commit {
            tx.commit().map_err(StoreError::from)?;
        } else {
            tx.rollback().map_err(StoreError::from)?;
        }
        Ok(out)
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool> {
        integrity_ok(&self.conn)
    }

    /// Writes a complete, consistent copy of the database (as of one moment; compacted, without
    /// its write-ahead log) to `path`, a file that must not exist yet (`VACUUM INTO`).
    pub fn copy_into(&self, path: &Path) -> Result<()> {
        self.conn
            .execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
        Ok(())
    }

    /// Opens a chair's database for reading only, as it is: no migration, no write (a copy
    /// being checked). Refuses a file that is not a chair's database.
    pub fn open_read_only(path: &Path) -> Result<ChairDb> {
        let not_chair = || StoreError::NotChairDatabase {
            path: path.display().to_string(),
        };
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|_| not_chair())?;
        let schema = user_version(&conn).map_err(|_| not_chair())?;
        if schema == 0 || kind(&conn).as_deref() != Some("juri-chair") {
            return Err(not_chair());
        }
        if schema > CHAIR_SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found: schema,
                known: CHAIR_SCHEMA_VERSION,
            });
        }
        Ok(ChairDb { conn })
    }

    /// How many imported bundles and official copies the database keeps.
    pub fn kept_counts(&self) -> Result<(usize, usize)> {
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or_default())
        };
        Ok((
            count("SELECT COUNT(*) FROM bundles")?,
            count("SELECT COUNT(*) FROM official_copies")?,
        ))
    }

    /// Moves the write-ahead log into the database file (after a secret was overwritten, so no
    /// older page keeps it in the log).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Moves everything from the write-ahead log into the database file and closes it, so the
    /// file alone holds the database (before it is renamed or copied).
    pub fn checkpoint_and_close(self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        self.conn.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }

    /// The schema version of the database (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        user_version(&self.conn)
    }

    /// Hands every file the database keeps — each imported bundle and each official copy — with
    /// the SHA-256 recorded for it to `check`, one at a time: what a restore verifies.
    pub fn each_kept_file(&self, mut check: impl FnMut(KeptFile<'_>)) -> Result<()> {
        for (kind, sql) in [
            (
                KeptKind::Bundle,
                "SELECT file_name, fingerprint, bytes FROM bundles ORDER BY rowid",
            ),
            (
                KeptKind::OfficialCopy,
                "SELECT document || ' ' || lang || ' #' || id, sha256, bytes FROM official_copies ORDER BY id",
            ),
        ] {
            let mut st = self.conn.prepare(sql)?;
            let mut rows = st.query([])?;
            while let Some(row) = rows.next()? {
                let name: String = row.get(0)?;
                let sha256: String = row.get(1)?;
                let bytes = row.get_ref(2)?.as_blob().unwrap_or_default();
                check(KeptFile {
                    kind,
                    name: &name,
                    sha256: &sha256,
                    bytes,
                });
            }
        }
        Ok(())
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// What kind of file a chair's database keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptKind {
    /// An imported score bundle, keyed by the SHA-256 of its bytes.
    Bundle,
    /// A printed official copy, with the SHA-256 of its bytes.
    OfficialCopy,
}

/// One file the database keeps, as [`ChairDb::each_kept_file`] hands it over.
#[derive(Debug, Clone, Copy)]
pub struct KeptFile<'a> {
    pub kind: KeptKind,
    /// The bundle's file name, or the official copy's document, language and number.
    pub name: &'a str,
    /// The SHA-256 recorded for it (64 hex digits).
    pub sha256: &'a str,
    pub bytes: &'a [u8],
}

/// A view of the database inside a read or a write transaction.
pub struct Tx<'c> {
    pub(crate) conn: &'c Connection,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_transaction_sees_one_moment() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.db");
        let db = ChairDb::create(&p).unwrap();
        let other = ChairDb::open(&p).unwrap();
        let seen = db
            .reading(|| -> Result<_> {
                let before = db.read().meta("x")?;
                other.read().set_meta("x", "1")?;
                let during = db.read().meta("x")?;
                // Nested: joins the outer transaction.
                let nested = db.reading(|| db.read().meta("x"))?;
                Ok((before, during, nested))
            })
            .unwrap();
        assert_eq!(seen, (None, None, None));
        assert_eq!(db.read().meta("x").unwrap().as_deref(), Some("1"));
        // A failed read ends its transaction too.
        let e = db.reading(|| -> Result<()> { Err(StoreError::Damaged("x".into())) });
        assert!(e.is_err());
        assert!(db.connection().is_autocommit());
    }

    #[test]
    fn peeking_reads_without_changing_anything() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.db");
        {
            let db = ChairDb::create(&p).unwrap();
            db.read().set_meta("competition_id", "lomba-2025").unwrap();
            db.connection()
                .execute(
                    "INSERT INTO definitions(version, toml, created_at) VALUES (1, 'a', 'x'), (2, 'b', 'y')",
                    [],
                )
                .unwrap();
        }
        let before = std::fs::read(&p).unwrap();
        let peek = ChairDb::peek(&p).unwrap();
        assert_eq!(peek.competition_id.as_deref(), Some("lomba-2025"));
        assert_eq!(peek.definition.as_deref(), Some("b"));
        assert_eq!(peek.archived_at, None);
        assert_eq!(std::fs::read(&p).unwrap(), before);
        // Not a chair's database: a juror's, a text file, nothing at all.
        let juror = dir.path().join("juri.db");
        JurorDb::open_or_create(&juror)
            .unwrap()
            .write(|tx| tx.install_package(1, "f", b"p", "t", &[], &[]))
            .unwrap();
        assert_eq!(ChairDb::peek(&juror), None);
        let text = dir.path().join("notes.db");
        std::fs::write(&text, "not a database").unwrap();
        assert_eq!(ChairDb::peek(&text), None);
        assert_eq!(ChairDb::peek(&dir.path().join("missing.db")), None);
    }

    #[test]
    fn refuses_newer_schema_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.db");
        ChairDb::create(&p).unwrap();
        assert!(matches!(
            ChairDb::create(&p),
            Err(StoreError::AlreadyExists { .. })
        ));
        {
            let c = Connection::open(&p).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
        }
        let e = ChairDb::open(&p).err().unwrap();
        assert!(matches!(e, StoreError::TooNew { found: 99, .. }), "{e}");
        let other = dir.path().join("b.txt");
        std::fs::write(
            &other,
            "hello, not a database at all, really not ........................................",
        )
        .unwrap();
        assert!(matches!(
            ChairDb::open(&other),
            Err(StoreError::NotChairDatabase { .. })
        ));
        assert!(matches!(
            ChairDb::open(&dir.path().join("none.db")),
            Err(StoreError::Missing { .. })
        ));
    }
}
