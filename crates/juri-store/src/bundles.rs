//! The chair's side of the offline round trip: juror keys, issued packages, imported bundles,
//! conflicts between merged versions, and the journal that a rebuild replays.

use rusqlite::{params, OptionalExtension};

use crate::chair::{CellKey, CellRow, PairRow};
use crate::{Result, Tx};

/// One key a juror has had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorKeyRow {
    pub id: i64,
    pub juror_id: i64,
    pub public_key: Vec<u8>,
    pub sealed_secret: Vec<u8>,
    pub created_at: String,
    pub retired_at: Option<String>,
    /// Why it was retired, as the chair said (`None` when no reason was given).
    pub retired_reason: Option<String>,
}

/// An imported bundle as stored (its bytes are read separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleInfo {
    pub fingerprint: String,
    pub juror_id: i64,
    pub sequence: i64,
    pub package_version: i64,
    pub exported_at: String,
    pub cells: i64,
    pub file_name: String,
    pub journal_id: i64,
    /// When it was imported (the time of its merge).
    pub imported_at: String,
    /// For a bundle signed by a retired key, the chair's reason for accepting it.
    pub retired_key_accepted: Option<String>,
    /// The fingerprint of the signed content (`None` for a bundle imported before it was kept).
    pub content_fingerprint: Option<String>,
}

impl BundleInfo {
    /// The fingerprint score sheets name: the signed content's, else (a bundle imported before
    /// content fingerprints were kept) the file's.
    pub fn sheet_fingerprint(&self) -> &str {
        self.content_fingerprint
            .as_deref()
            .unwrap_or(&self.fingerprint)
    }
}

/// A bundle to store.
#[derive(Debug, Clone, Copy)]
pub struct NewBundle<'a> {
    pub fingerprint: &'a str,
    pub juror_id: i64,
    pub sequence: i64,
    pub package_version: i64,
    pub exported_at: &'a str,
    pub cells: i64,
    pub file_name: &'a str,
    pub journal_id: i64,
    pub bytes: &'a [u8],
    /// For a bundle signed by a retired key, the chair's reason for accepting it.
    pub retired_key_accepted: Option<&'a str>,
    /// The fingerprint of the signed content.
    pub content_fingerprint: &'a str,
}

/// One entry of the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalRow {
    pub id: i64,
    pub at: String,
    /// `merge`, `paper` or `resolve`.
    pub kind: String,
    pub body: String,
}

/// What kind of record a conflict row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Score,
    Note,
    Submission,
}

impl RecordKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Score => "score",
            RecordKind::Note => "note",
            RecordKind::Submission => "submission",
        }
    }

    fn parse(text: &str) -> Option<RecordKind> {
        match text {
            "score" => Some(RecordKind::Score),
            "note" => Some(RecordKind::Note),
            "submission" => Some(RecordKind::Submission),
            _ => None,
        }
    }
}

/// The other versions seen at a record's revision. `key.criterion_id` is 0 for notes and
/// submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRow {
    pub kind: RecordKind,
    pub key: CellKey,
    pub revision: i64,
    pub chosen_by_chair: bool,
    /// JSON list of `{content, updated_at, dismissed}`.
    pub rivals: String,
}

/// A score cell to write, borrowing its text.
#[derive(Debug, Clone, Copy)]
pub struct CellWrite<'a> {
    pub key: CellKey,
    /// Thousandths; `None` = cleared.
    pub value: Option<i64>,
    pub comment: &'a str,
    pub revision: i64,
    pub updated_at: &'a str,
    pub source: &'a str,
}

const UPSERT_CELL: &str = "INSERT INTO scores(stage_id, entry_id, juror_id, criterion_id, value, comment, revision, updated_at, source)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
     ON CONFLICT(stage_id, entry_id, juror_id, criterion_id) DO UPDATE SET value=excluded.value,
       comment=excluded.comment, revision=excluded.revision, updated_at=excluded.updated_at, source=excluded.source";

/// Writes score cells with one prepared statement.
pub struct CellWriter<'c> {
    st: rusqlite::CachedStatement<'c>,
}

impl CellWriter<'_> {
    pub fn put(&mut self, c: &CellWrite<'_>) -> Result<()> {
        self.st.execute(params![
            c.key.stage_id,
            c.key.entry_id,
            c.key.juror_id,
            c.key.criterion_id,
            c.value,
            c.comment,
            c.revision,
            c.updated_at,
            c.source
        ])?;
        Ok(())
    }
}

impl Tx<'_> {
    // ── juror keys and packages ─────────────────────────────────────────

    pub fn add_juror_key(
        &self,
        juror_id: i64,
        public_key: &[u8],
        sealed_secret: &[u8],
        now: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO juror_keys(juror_id, public_key, sealed_secret, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![juror_id, public_key, sealed_secret, now],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks every key of the juror retired, with the chair's reason (they stay in the history).
    pub fn retire_juror_keys(&self, juror_id: i64, now: &str, reason: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE juror_keys SET retired_at=?2, retired_reason=?3
             WHERE juror_id=?1 AND retired_at IS NULL",
            params![juror_id, now, reason],
        )?;
        Ok(())
    }

    /// Every key of every juror (or of one), oldest first.
    pub fn juror_keys(&self, juror_id: Option<i64>) -> Result<Vec<JurorKeyRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, juror_id, public_key, sealed_secret, created_at, retired_at, retired_reason
             FROM juror_keys
             WHERE (?1 IS NULL OR juror_id=?1) ORDER BY id",
        )?;
        let rows = st.query_map([juror_id], |r| {
            Ok(JurorKeyRow {
                id: r.get(0)?,
                juror_id: r.get(1)?,
                public_key: r.get(2)?,
                sealed_secret: r.get(3)?,
                created_at: r.get(4)?,
                retired_at: r.get(5)?,
                retired_reason: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The juror's current key, if any.
    pub fn current_juror_key(&self, juror_id: i64) -> Result<Option<JurorKeyRow>> {
        Ok(self
            .juror_keys(Some(juror_id))?
            .into_iter()
            .rev()
            .find(|k| k.retired_at.is_none()))
    }

    pub fn last_package_version(&self, juror_id: i64) -> Result<Option<i64>> {
        Ok(self.conn.query_row(
            "SELECT MAX(version) FROM packages WHERE juror_id=?1",
            [juror_id],
            |r| r.get(0),
        )?)
    }

    /// Every package issued: juror row, version and the row of the juror key it carries.
    pub fn package_keys(&self) -> Result<Vec<(i64, i64, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT juror_id, version, key_id FROM packages ORDER BY juror_id, version",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_package(
        &self,
        juror_id: i64,
        version: i64,
        fingerprint: &str,
        key_id: i64,
        now: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO packages(juror_id, version, fingerprint, key_id, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![juror_id, version, fingerprint, key_id, now],
        )?;
        Ok(())
    }

    // ── journal and bundles ─────────────────────────────────────────────

    pub fn add_journal(&self, at: &str, kind: &str, body: &str) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO journal(at, kind, body) VALUES (?1, ?2, ?3)",
            params![at, kind, body],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The id of the newest journal entry (0 when empty): what a plan was made against.
    pub fn last_journal_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM journal", [], |r| r.get(0))?)
    }

    pub fn journal(&self) -> Result<Vec<JournalRow>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, at, kind, body FROM journal ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(JournalRow {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                body: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether a bundle with this fingerprint was imported before.
    pub fn bundle_imported(&self, fingerprint: &str) -> Result<bool> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM bundles WHERE fingerprint=?1")?;
        Ok(st.exists([fingerprint])?)
    }

    pub fn add_bundle(&self, b: &NewBundle<'_>) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO bundles(fingerprint, juror_id, sequence, package_version, exported_at, cells, file_name, journal_id, bytes, retired_key_accepted, content_fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        st.execute(params![
            b.fingerprint,
            b.juror_id,
            b.sequence,
            b.package_version,
            b.exported_at,
            b.cells,
            b.file_name,
            b.journal_id,
            b.bytes,
            b.retired_key_accepted,
            b.content_fingerprint
        ])?;
        Ok(())
    }

    /// Every imported bundle, in import order.
    pub fn bundles(&self) -> Result<Vec<BundleInfo>> {
        let mut st = self.conn.prepare_cached(
            "SELECT b.fingerprint, b.juror_id, b.sequence, b.package_version, b.exported_at, b.cells,
                    b.file_name, b.journal_id, j.at, b.retired_key_accepted, b.content_fingerprint
             FROM bundles b JOIN journal j ON j.id = b.journal_id ORDER BY b.journal_id, b.rowid",
        )?;
        let rows = st.query_map([], |r| {
            Ok(BundleInfo {
                fingerprint: r.get(0)?,
                juror_id: r.get(1)?,
                sequence: r.get(2)?,
                package_version: r.get(3)?,
                exported_at: r.get(4)?,
                cells: r.get(5)?,
                file_name: r.get(6)?,
                journal_id: r.get(7)?,
                imported_at: r.get(8)?,
                retired_key_accepted: r.get(9)?,
                content_fingerprint: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (fingerprint, bytes) of the bundles a merge imported.
    pub fn bundles_of_merge(&self, journal_id: i64) -> Result<Vec<(String, Vec<u8>)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT fingerprint, bytes FROM bundles WHERE journal_id=?1 ORDER BY rowid",
        )?;
        let rows = st.query_map([journal_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn bundle_bytes(&self, fingerprint: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .query_row(
                "SELECT bytes FROM bundles WHERE fingerprint=?1",
                [fingerprint],
                |r| r.get(0),
            )
            .optional()?)
    }

    // ── merged records ──────────────────────────────────────────────────

    /// Whether any score cell, note or submission state is recorded.
    pub fn has_records(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM scores) OR EXISTS(SELECT 1 FROM notes) OR EXISTS(SELECT 1 FROM submissions)",
            [],
            |r| r.get(0),
        )?)
    }

    /// A prepared writer of score cells, for writing many one at a time.
    pub fn cell_writer(&self) -> Result<CellWriter<'_>> {
        Ok(CellWriter {
            st: self.conn.prepare_cached(UPSERT_CELL)?,
        })
    }

    /// Writes score cells exactly as given, with one prepared statement.
    pub fn upsert_cells<'a>(&self, cells: impl IntoIterator<Item = CellWrite<'a>>) -> Result<()> {
        let mut writer = self.cell_writer()?;
        for c in cells {
            writer.put(&c)?;
        }
        Ok(())
    }

    /// Score cells of some jurors (all when `jurors` is empty), visited in key order without
    /// collecting them.
    pub fn for_each_cell(
        &self,
        jurors: &[i64],
        mut f: impl FnMut(CellRow) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage_id, entry_id, juror_id, criterion_id, value, comment, revision, updated_at, source FROM scores",
        )?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let juror_id: i64 = r.get(2)?;
            if !jurors.is_empty() && !jurors.contains(&juror_id) {
                continue;
            }
            f(CellRow {
                stage_id: r.get(0)?,
                entry_id: r.get(1)?,
                juror_id,
                criterion_id: r.get(3)?,
                value: r.get(4)?,
                comment: r.get(5)?,
                revision: r.get(6)?,
                updated_at: r.get(7)?,
                source: r.get(8)?,
            })?;
        }
        Ok(())
    }

    /// One score cell, by its key (a merge looks up only the cells its bundles touch).
    pub fn cell(&self, key: CellKey) -> Result<Option<CellRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT value, comment, revision, updated_at, source FROM scores
             WHERE stage_id=?1 AND entry_id=?2 AND juror_id=?3 AND criterion_id=?4",
        )?;
        Ok(st
            .query_row(
                params![key.stage_id, key.entry_id, key.juror_id, key.criterion_id],
                |r| {
                    Ok(CellRow {
                        stage_id: key.stage_id,
                        entry_id: key.entry_id,
                        juror_id: key.juror_id,
                        criterion_id: key.criterion_id,
                        value: r.get(0)?,
                        comment: r.get(1)?,
                        revision: r.get(2)?,
                        updated_at: r.get(3)?,
                        source: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// One note, by its key (`criterion_id` is ignored).
    pub fn note(&self, key: CellKey) -> Result<Option<PairRow<String>>> {
        self.pair(
            "SELECT note, revision, updated_at FROM notes WHERE stage_id=?1 AND entry_id=?2 AND juror_id=?3",
            key,
        )
    }

    /// One submission state, by its key (`criterion_id` is ignored).
    pub fn submission(&self, key: CellKey) -> Result<Option<PairRow<bool>>> {
        self.pair(
            "SELECT submitted, revision, updated_at FROM submissions WHERE stage_id=?1 AND entry_id=?2 AND juror_id=?3",
            key,
        )
    }

    fn pair<T: rusqlite::types::FromSql>(
        &self,
        sql: &str,
        key: CellKey,
    ) -> Result<Option<PairRow<T>>> {
        let mut st = self.conn.prepare_cached(sql)?;
        Ok(st
            .query_row(params![key.stage_id, key.entry_id, key.juror_id], |r| {
                Ok(PairRow {
                    stage_id: key.stage_id,
                    entry_id: key.entry_id,
                    juror_id: key.juror_id,
                    value: r.get(0)?,
                    revision: r.get(1)?,
                    updated_at: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// The conflict row of one record, if it has one.
    pub fn conflict_row(&self, kind: RecordKind, key: CellKey) -> Result<Option<ConflictRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT revision, chosen_by_chair, rivals FROM record_conflicts
             WHERE kind=?1 AND stage_id=?2 AND entry_id=?3 AND juror_id=?4 AND criterion_id=?5",
        )?;
        Ok(st
            .query_row(
                params![
                    kind.as_str(),
                    key.stage_id,
                    key.entry_id,
                    key.juror_id,
                    key.criterion_id
                ],
                |r| {
                    Ok(ConflictRow {
                        kind,
                        key,
                        revision: r.get(0)?,
                        chosen_by_chair: r.get(1)?,
                        rivals: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    pub fn conflict_rows(&self) -> Result<Vec<ConflictRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT kind, stage_id, entry_id, juror_id, criterion_id, revision, chosen_by_chair, rivals
             FROM record_conflicts ORDER BY kind, stage_id, entry_id, juror_id, criterion_id",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                CellKey {
                    stage_id: r.get(1)?,
                    entry_id: r.get(2)?,
                    juror_id: r.get(3)?,
                    criterion_id: r.get(4)?,
                },
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, key, revision, chosen_by_chair, rivals) = row?;
            let kind = RecordKind::parse(&kind).ok_or_else(|| {
                crate::StoreError::Damaged(
                    rust_i18n::t!("store.unknown_record_kind", kind = kind).into_owned(),
                )
            })?;
            out.push(ConflictRow {
                kind,
                key,
                revision,
                chosen_by_chair,
                rivals,
            });
        }
        Ok(out)
    }

    pub fn put_conflict(&self, c: &ConflictRow) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO record_conflicts(kind, stage_id, entry_id, juror_id, criterion_id, revision, chosen_by_chair, rivals)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT(kind, stage_id, entry_id, juror_id, criterion_id) DO UPDATE SET revision=excluded.revision,
               chosen_by_chair=excluded.chosen_by_chair, rivals=excluded.rivals",
        )?;
        st.execute(params![
            c.kind.as_str(),
            c.key.stage_id,
            c.key.entry_id,
            c.key.juror_id,
            c.key.criterion_id,
            c.revision,
            c.chosen_by_chair,
            c.rivals
        ])?;
        Ok(())
    }

    pub fn delete_conflict(&self, kind: RecordKind, key: CellKey) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "DELETE FROM record_conflicts WHERE kind=?1 AND stage_id=?2 AND entry_id=?3 AND juror_id=?4 AND criterion_id=?5",
        )?;
        st.execute(params![
            kind.as_str(),
            key.stage_id,
            key.entry_id,
            key.juror_id,
            key.criterion_id
        ])?;
        Ok(())
    }

    /// Removes every merged record and conflict (a rebuild replays them from the journal).
    pub fn clear_merged(&self) -> Result<()> {
        self.clear_scores()?;
        self.conn.execute("DELETE FROM record_conflicts", [])?;
        Ok(())
    }

    /// Score cells written from paper at `at` (one paper import).
    pub fn paper_cells_at(&self, at: &str) -> Result<Vec<CellRow>> {
        Ok(self
            .cells(None, None, None)?
            .into_iter()
            .filter(|c| c.source == "paper" && c.updated_at == at)
            .collect())
    }

    /// Submission states written at `at`.
    pub fn submissions_at(&self, at: &str) -> Result<Vec<PairRow<bool>>> {
        Ok(self
            .submissions()?
            .into_iter()
            .filter(|s| s.updated_at == at)
            .collect())
    }
}
