//! Each entry's documents and links (migration `011_entry_documents.sql`). A document's bytes are
//! kept once by SHA-256; which files are acceptable and how large is the application's to check.

use rusqlite::{params, OptionalExtension};

use crate::{Result, Tx};

/// A document of an entry, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDocumentRow {
    pub entry_id: i64,
    /// The file's name as the chair gave it.
    pub name: String,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
    pub size: i64,
    /// What the application recognised it as (e.g. `pdf`, `image`, `office`).
    pub kind: String,
    /// When it was first recorded for the entry (RFC 3339).
    pub added_at: String,
}

/// A document to record: its name, its bytes' SHA-256 and kind, and the bytes — `None` for bytes
/// already kept under that SHA-256.
pub struct NewDocument<'a> {
    pub name: &'a str,
    pub sha256: &'a str,
    pub kind: &'a str,
    pub bytes: Option<&'a [u8]>,
}

impl Tx<'_> {
    /// The row id of the entry with code `code`.
    pub fn entry_row(&self, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM entries WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets entry `entry_id`'s documents to `documents`, in that order. A document the entry had
    /// already (the same name and bytes) keeps when it was added; bytes already kept (for any
    /// entry) are not stored twice. Bytes no entry names any more stay until
    /// [`Tx::drop_unnamed_documents`].
    pub fn set_entry_documents(
        &self,
        entry_id: i64,
        documents: &[NewDocument<'_>],
        now: &str,
    ) -> Result<()> {
        let before = self.entry_documents(Some(entry_id))?;
        self.conn
            .execute("DELETE FROM entry_documents WHERE entry_id=?1", [entry_id])?;
        for (position, d) in documents.iter().enumerate() {
            if let Some(bytes) = d.bytes {
                self.keep_document(d.sha256, d.kind, bytes)?;
            }
            let id: i64 = self.conn.query_row(
                "SELECT id FROM documents WHERE sha256=?1",
                [d.sha256],
                |r| r.get(0),
            )?;
            let added_at = before
                .iter()
                .find(|b| b.name == d.name && b.sha256 == d.sha256)
                .map_or(now, |b| b.added_at.as_str());
            self.conn.execute(
                "INSERT INTO entry_documents(entry_id, position, name, document_id, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![entry_id, position as i64, d.name, id, added_at],
            )?;
        }
        Ok(())
    }

    /// Keeps `bytes` (whose SHA-256 is `sha256`) as a document of kind `kind`, unless bytes with
    /// that SHA-256 are kept already.
    pub fn keep_document(&self, sha256: &str, kind: &str, bytes: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO documents(sha256, size, kind, bytes) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(sha256) DO NOTHING",
            params![sha256, bytes.len() as i64, kind, bytes],
        )?;
        Ok(())
    }

    /// Whether bytes with SHA-256 `sha256` are kept.
    pub fn has_document(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT 1 FROM documents WHERE sha256=?1", [sha256], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }

    /// Drops the bytes of every document no entry names any more (once after a batch of
    /// [`Tx::set_entry_documents`]).
    pub fn drop_unnamed_documents(&self) -> Result<()> {
        self.conn.execute(
            "DELETE FROM documents WHERE id NOT IN (SELECT document_id FROM entry_documents)",
            [],
        )?;
        Ok(())
    }

    /// Every entry's documents (or one entry's), by entry then in order.
    pub fn entry_documents(&self, entry_id: Option<i64>) -> Result<Vec<EntryDocumentRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.entry_id, e.name, d.sha256, d.size, d.kind, e.added_at
             FROM entry_documents e JOIN documents d ON d.id = e.document_id
             WHERE (?1 IS NULL OR e.entry_id=?1) ORDER BY e.entry_id, e.position",
        )?;
        let rows = st.query_map([entry_id], |r| {
            Ok(EntryDocumentRow {
                entry_id: r.get(0)?,
                name: r.get(1)?,
                sha256: r.get(2)?,
                size: r.get(3)?,
                kind: r.get(4)?,
                added_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bytes of the document whose SHA-256 is `sha256`, if one is kept.
    pub fn document_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM documents WHERE sha256=?1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Sets entry `entry_id`'s links, in order.
    pub fn set_entry_links(&self, entry_id: i64, links: &[String]) -> Result<()> {
        self.conn
            .execute("DELETE FROM entry_links WHERE entry_id=?1", [entry_id])?;
        for (position, url) in links.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO entry_links(entry_id, position, url) VALUES (?1, ?2, ?3)",
                params![entry_id, position as i64, url],
            )?;
        }
        Ok(())
    }

    /// Every entry's links (or one entry's): entry row and link, by entry then in order.
    pub fn entry_links(&self, entry_id: Option<i64>) -> Result<Vec<(i64, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT entry_id, url FROM entry_links
             WHERE (?1 IS NULL OR entry_id=?1) ORDER BY entry_id, position",
        )?;
        let rows = st.query_map([entry_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The documents juror `juror_id` was sent with key `key_id` (their SHA-256).
    pub fn documents_sent(&self, juror_id: i64, key_id: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT sha256 FROM documents_sent WHERE juror_id=?1 AND key_id=?2 ORDER BY sha256",
        )?;
        let rows = st.query_map([juror_id, key_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records that juror `juror_id`'s laptop with key `key_id` was sent document `sha256` with
    /// package version `package_version` (the first such record stays).
    pub fn add_document_sent(
        &self,
        juror_id: i64,
        key_id: i64,
        sha256: &str,
        package_version: i64,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO documents_sent(juror_id, key_id, sha256, package_version)
             VALUES (?1, ?2, ?3, ?4)",
            params![juror_id, key_id, sha256, package_version],
        )?;
        Ok(())
    }
}
