//! Official copies: the PDFs printed for a finalised stage, kept byte for byte with their SHA-256
//! (migration `003_official_copies.sql`). Written once, never changed or removed.
//!
//! The store compares the request as text and keeps the hash it is given; what a request is and
//! how the hash is computed are the application's.

use rusqlite::{params, OptionalExtension, Row};

use crate::{Result, StoreError, Tx};

/// What identifies an official copy: the document of which stage (and snapshot version), in
/// which language, for which request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialKey<'a> {
    pub stage_id: i64,
    /// The stage's snapshot version; 1 until a stage can be corrected and finalised again.
    pub version: i64,
    /// The document kind, as the application names it (`minutes`, `recap` …).
    pub document: &'a str,
    pub lang: &'a str,
    /// The rest of the request, in the application's canonical text form.
    pub request: &'a str,
}

/// A kept official copy, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialCopy {
    pub id: i64,
    pub stage_id: i64,
    pub version: i64,
    pub document: String,
    pub lang: String,
    pub request: String,
    /// SHA-256 of the bytes, 64 lowercase hex digits.
    pub sha256: String,
    /// When it was first printed (RFC 3339, from the caller's clock).
    pub printed_at: String,
    /// The version of Juri that printed it.
    pub printed_by: String,
}

const COLUMNS: &str =
    "id, stage_id, version, document, lang, request, sha256, printed_at, printed_by";

fn copy_row(r: &Row<'_>) -> rusqlite::Result<OfficialCopy> {
    Ok(OfficialCopy {
        id: r.get(0)?,
        stage_id: r.get(1)?,
        version: r.get(2)?,
        document: r.get(3)?,
        lang: r.get(4)?,
        request: r.get(5)?,
        sha256: r.get(6)?,
        printed_at: r.get(7)?,
        printed_by: r.get(8)?,
    })
}

impl Tx<'_> {
    /// The official copy kept for exactly this key, if any.
    pub fn official_copy(&self, key: &OfficialKey<'_>) -> Result<Option<OfficialCopy>> {
        Ok(self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM official_copies
                     WHERE stage_id=?1 AND version=?2 AND document=?3 AND lang=?4 AND request=?5"
                ),
                params![
                    key.stage_id,
                    key.version,
                    key.document,
                    key.lang,
                    key.request
                ],
                copy_row,
            )
            .optional()?)
    }

    /// Every official copy of one document of a stage's snapshot version in one language,
    /// whatever the rest of the request, first printed first.
    pub fn official_copies_of(
        &self,
        stage_id: i64,
        version: i64,
        document: &str,
        lang: &str,
    ) -> Result<Vec<OfficialCopy>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM official_copies
             WHERE stage_id=?1 AND version=?2 AND document=?3 AND lang=?4 ORDER BY id"
        ))?;
        let rows = st.query_map(params![stage_id, version, document, lang], copy_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The official copies whose bytes have this SHA-256 (lowercase hex), first printed first.
    pub fn official_copies_with_sha256(&self, sha256: &str) -> Result<Vec<OfficialCopy>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM official_copies WHERE sha256=?1 ORDER BY id"
        ))?;
        let rows = st.query_map([sha256], copy_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The kept bytes of an official copy.
    pub fn official_copy_bytes(&self, id: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT bytes FROM official_copies WHERE id=?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| {
                StoreError::Damaged(
                    rust_i18n::t!("store.official_copy_missing", id = id).into_owned(),
                )
            })
    }

    /// Keeps `bytes` as the official copy for `key`; returns its id. Refused (a constraint
    /// error) when a copy is already kept for that key: a kept copy is never replaced.
    pub fn keep_official_copy(
        &self,
        key: &OfficialKey<'_>,
        sha256: &str,
        printed_at: &str,
        printed_by: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO official_copies
               (stage_id, version, document, lang, request, sha256, printed_at, printed_by, bytes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                key.stage_id,
                key.version,
                key.document,
                key.lang,
                key.request,
                sha256,
                printed_at,
                printed_by,
                bytes
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChairDb;

    fn key<'a>(stage_id: i64, request: &'a str) -> OfficialKey<'a> {
        OfficialKey {
            stage_id,
            version: 1,
            document: "minutes",
            lang: "id",
            request,
        }
    }

    #[test]
    fn a_kept_copy_is_found_by_its_key_and_its_hash_and_never_changes() {
        let mut db = ChairDb::in_memory().unwrap();
        let sha = "ab".repeat(32);
        let id = db
            .write(|tx| -> Result<i64> {
                tx.conn
                    .execute("INSERT INTO stages(code) VALUES ('proposal')", [])?;
                let stage = tx.stage_id("proposal")?.unwrap_or_default();
                tx.keep_official_copy(
                    &key(stage, r#"{"date":"2025-12-15"}"#),
                    &sha,
                    "2025-12-15T10:00:00+08:00",
                    "0.1.0",
                    b"%PDF-1.3 kept",
                )
            })
            .unwrap();
        let tx = db.read();
        let stage = tx.stage_id("proposal").unwrap().unwrap();
        let kept = tx
            .official_copy(&key(stage, r#"{"date":"2025-12-15"}"#))
            .unwrap()
            .unwrap();
        assert_eq!(
            (kept.id, kept.version, kept.sha256.as_str()),
            (id, 1, &*sha)
        );
        assert_eq!(kept.printed_at, "2025-12-15T10:00:00+08:00");
        assert_eq!(tx.official_copy_bytes(id).unwrap(), b"%PDF-1.3 kept");
        assert!(tx
            .official_copy(&key(stage, r#"{"date":"2025-12-16"}"#))
            .unwrap()
            .is_none());
        assert_eq!(
            tx.official_copies_with_sha256(&sha).unwrap(),
            vec![kept.clone()]
        );
        assert_eq!(
            tx.official_copies_of(stage, 1, "minutes", "id").unwrap(),
            vec![kept]
        );
        // Not replaced, not changed, not removed.
        let again = tx.keep_official_copy(
            &key(stage, r#"{"date":"2025-12-15"}"#),
            &sha,
            "2026-01-01T00:00:00+08:00",
            "0.2.0",
            b"%PDF-1.3 other",
        );
        assert!(again.is_err());
        let conn = db.connection();
        assert!(conn
            .execute("UPDATE official_copies SET bytes=x'00'", [])
            .is_err());
        assert!(conn.execute("DELETE FROM official_copies", []).is_err());
        assert_eq!(db.read().official_copy_bytes(id).unwrap(), b"%PDF-1.3 kept");
    }
}
