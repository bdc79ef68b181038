//! Queries on the chair's database.

use std::collections::BTreeMap;

use juri_core::model::{Entry, Juror, Role};
use rusqlite::{params, OptionalExtension};

use crate::{Result, StoreError, Tx};

/// A score cell with its history fields, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRow {
    pub stage_id: i64,
    pub entry_id: i64,
    pub juror_id: i64,
    pub criterion_id: i64,
    /// Thousandths; `None` = cleared.
    pub value: Option<i64>,
    pub comment: String,
    pub revision: i64,
    pub updated_at: String,
    pub source: String,
}

/// The identity of a score cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellKey {
    pub stage_id: i64,
    pub entry_id: i64,
    pub juror_id: i64,
    pub criterion_id: i64,
}

/// A note or a submission state of a juror on an entry in a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRow<T> {
    pub stage_id: i64,
    pub entry_id: i64,
    pub juror_id: i64,
    pub value: T,
    pub revision: i64,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningRow {
    pub entry_id: i64,
    pub passed: bool,
    pub reasons: Vec<String>,
    pub note: String,
    pub decided_at: String,
    /// The checklist items met; `None` when they were not recorded.
    pub met: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub action: String,
    pub detail: String,
}

fn damaged(e: serde_json::Error) -> StoreError {
    StoreError::Damaged(e.to_string())
}

impl Tx<'_> {
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        crate::get_meta(self.conn, key)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        crate::put_meta(self.conn, key, value)
    }

    /// Stores a new version of the definition and interns its stage and criterion ids.
    pub fn add_definition(
        &self,
        toml: &str,
        def: &juri_core::Definition,
        now: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO definitions(toml, created_at) VALUES (?1, ?2)",
            params![toml, now],
        )?;
        let version = self.conn.last_insert_rowid();
        for stage in &def.stages {
            self.conn.execute(
                "INSERT OR IGNORE INTO stages(code) VALUES (?1)",
                [&stage.id],
            )?;
            let sid = self.stage_id(&stage.id)?.unwrap_or_default();
            for c in stage.criteria() {
                self.conn.execute(
                    "INSERT OR IGNORE INTO criteria(stage_id, code) VALUES (?1, ?2)",
                    params![sid, c.id],
                )?;
            }
        }
        Ok(version)
    }

    /// The current definition: (version, TOML text).
    pub fn definition(&self) -> Result<Option<(i64, String)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version, toml FROM definitions ORDER BY version DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// The TOML text of one version of the definition.
    pub fn definition_at(&self, version: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT toml FROM definitions WHERE version=?1",
                [version],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn stage_id(&self, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM stages WHERE code=?1", [code], |r| r.get(0))
            .optional()?)
    }

    pub fn stage_codes(&self) -> Result<BTreeMap<i64, String>> {
        let mut st = self.conn.prepare_cached("SELECT id, code FROM stages")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Criterion ids of a stage: id → code.
    pub fn criteria(&self, stage_id: i64) -> Result<BTreeMap<i64, String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, code FROM criteria WHERE stage_id=?1")?;
        let rows = st.query_map([stage_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ── entries ──────────────────────────────────────────────────────────

    /// Inserts or updates entries by code.
    pub fn upsert_entries(&self, entries: &[Entry]) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO entries(code, title, institution, category, rintisan, description, withdrawn)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(code) DO UPDATE SET title=excluded.title, institution=excluded.institution,
               category=excluded.category, rintisan=excluded.rintisan, description=excluded.description,
               withdrawn=excluded.withdrawn",
        )?;
        for e in entries {
            st.execute(params![
                e.code,
                e.title,
                e.institution,
                e.category,
                e.rintisan,
                e.description,
                e.withdrawn
            ])?;
        }
        Ok(())
    }

    /// Every entry with its row id, in id order.
    pub fn entries(&self) -> Result<Vec<(i64, Entry)>> {
        let mut st = self.conn.prepare_cached("SELECT id, code, title, institution, category, rintisan, description, withdrawn FROM entries ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                Entry {
                    code: r.get(1)?,
                    title: r.get(2)?,
                    institution: r.get(3)?,
                    category: r.get(4)?,
                    rintisan: r.get(5)?,
                    description: r.get(6)?,
                    withdrawn: r.get(7)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ── jurors ───────────────────────────────────────────────────────────

    pub fn upsert_jurors(&self, jurors: &[Juror]) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO jurors(code, name, affiliation, role, assignments, conflicts, active)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(code) DO UPDATE SET name=excluded.name, affiliation=excluded.affiliation, role=excluded.role,
               assignments=excluded.assignments, conflicts=excluded.conflicts, active=excluded.active",
        )?;
        for j in jurors {
            let a = serde_json::to_string(&j.assignments).map_err(damaged)?;
            let c = serde_json::to_string(&j.conflicts).map_err(damaged)?;
            st.execute(params![
                j.id,
                j.name,
                j.affiliation,
                j.role.as_str(),
                a,
                c,
                j.active
            ])?;
        }
        Ok(())
    }

    pub fn jurors(&self) -> Result<Vec<(i64, Juror)>> {
        let mut st = self.conn.prepare_cached("SELECT id, code, name, affiliation, role, assignments, conflicts, active FROM jurors ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, bool>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, code, name, affiliation, role, a, c, active) = row?;
            out.push((
                id,
                Juror {
                    id: code,
                    name,
                    affiliation,
                    role: Role::parse(&role).unwrap_or_default(),
                    assignments: serde_json::from_str(&a).map_err(damaged)?,
                    conflicts: serde_json::from_str(&c).map_err(damaged)?,
                    active,
                },
            ));
        }
        Ok(out)
    }

    // ── scores ───────────────────────────────────────────────────────────

    /// The counted inputs of a stage: (entry id, juror id, criterion id, value) of non-empty cells.
    pub fn stage_values(&self, stage_id: i64) -> Result<Vec<(i64, i64, i64, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT entry_id, juror_id, criterion_id, value FROM scores WHERE stage_id=?1 AND value IS NOT NULL",
        )?;
        let mut rows = st.query([stage_id])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            // Borrowed access: no per-row conversion through `FromSql`.
            let int = |i: usize| -> Result<i64> {
                r.get_ref(i)?
                    .as_i64()
                    .map_err(|e| StoreError::Damaged(e.to_string()))
            };
            out.push((int(0)?, int(1)?, int(2)?, int(3)?));
        }
        Ok(out)
    }

    /// Full cell rows, optionally narrowed to a stage, a juror and an entry.
    pub fn cells(
        &self,
        stage_id: Option<i64>,
        juror_id: Option<i64>,
        entry_id: Option<i64>,
    ) -> Result<Vec<CellRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage_id, entry_id, juror_id, criterion_id, value, comment, revision, updated_at, source FROM scores
             WHERE (?1 IS NULL OR stage_id=?1) AND (?2 IS NULL OR juror_id=?2) AND (?3 IS NULL OR entry_id=?3)
             ORDER BY stage_id, entry_id, juror_id, criterion_id",
        )?;
        let rows = st.query_map(params![stage_id, juror_id, entry_id], |r| {
            Ok(CellRow {
                stage_id: r.get(0)?,
                entry_id: r.get(1)?,
                juror_id: r.get(2)?,
                criterion_id: r.get(3)?,
                value: r.get(4)?,
                comment: r.get(5)?,
                revision: r.get(6)?,
                updated_at: r.get(7)?,
                source: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Enters a score typed from paper: a new revision of the cell.
    pub fn put_paper_score(
        &self,
        key: CellKey,
        value: Option<i64>,
        comment: &str,
        now: &str,
    ) -> Result<()> {
        let CellKey {
            stage_id,
            entry_id,
            juror_id,
            criterion_id,
        } = key;
        let mut st = self.conn.prepare_cached(
            "INSERT INTO scores(stage_id, entry_id, juror_id, criterion_id, value, comment, revision, updated_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, 'paper')
             ON CONFLICT(stage_id, entry_id, juror_id, criterion_id) DO UPDATE SET value=excluded.value,
               comment=excluded.comment, revision=scores.revision + 1, updated_at=excluded.updated_at, source='paper'",
        )?;
        st.execute(params![
            stage_id,
            entry_id,
            juror_id,
            criterion_id,
            value,
            comment,
            now
        ])?;
        Ok(())
    }

    /// Writes a cell exactly as given (used when applying a merge plan).
    pub fn put_cell(&self, c: &CellRow) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO scores(stage_id, entry_id, juror_id, criterion_id, value, comment, revision, updated_at, source)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(stage_id, entry_id, juror_id, criterion_id) DO UPDATE SET value=excluded.value,
               comment=excluded.comment, revision=excluded.revision, updated_at=excluded.updated_at, source=excluded.source",
        )?;
        st.execute(params![
            c.stage_id,
            c.entry_id,
            c.juror_id,
            c.criterion_id,
            c.value,
            c.comment,
            c.revision,
            c.updated_at,
            c.source
        ])?;
        Ok(())
    }

    /// Marks a (stage, entry, juror) pair submitted or not, as a new revision.
    pub fn set_submitted(
        &self,
        stage_id: i64,
        entry_id: i64,
        juror_id: i64,
        submitted: bool,
        now: &str,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO submissions(stage_id, entry_id, juror_id, submitted, revision, updated_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)
             ON CONFLICT(stage_id, entry_id, juror_id) DO UPDATE SET submitted=excluded.submitted,
               revision=submissions.revision + 1, updated_at=excluded.updated_at",
        )?;
        st.execute(params![stage_id, entry_id, juror_id, submitted, now])?;
        Ok(())
    }

    pub fn put_submission(&self, r: &PairRow<bool>) -> Result<()> {
        self.put_pair(
            "INSERT INTO submissions(stage_id, entry_id, juror_id, submitted, revision, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(stage_id, entry_id, juror_id) DO UPDATE SET submitted=excluded.submitted,
               revision=excluded.revision, updated_at=excluded.updated_at",
            r,
        )
    }

    /// (entry id, juror id) pairs submitted in a stage.
    pub fn submitted(&self, stage_id: i64) -> Result<Vec<(i64, i64)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT entry_id, juror_id FROM submissions WHERE stage_id=?1 AND submitted=1",
        )?;
        let rows = st.query_map([stage_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn submissions(&self) -> Result<Vec<PairRow<bool>>> {
        self.pairs("SELECT stage_id, entry_id, juror_id, submitted, revision, updated_at FROM submissions ORDER BY 1, 2, 3")
    }

    /// Writes one note with its photos (their JSON, empty for none).
    pub fn put_note(&self, r: &PairRow<String>, photos: &str) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO notes(stage_id, entry_id, juror_id, note, revision, updated_at, photos)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(stage_id, entry_id, juror_id) DO UPDATE SET note=excluded.note,
               revision=excluded.revision, updated_at=excluded.updated_at, photos=excluded.photos",
        )?;
        st.execute(params![
            r.stage_id,
            r.entry_id,
            r.juror_id,
            r.value,
            r.revision,
            r.updated_at,
            photos
        ])?;
        Ok(())
    }

    /// The photos of one note, as JSON (empty for none or no note).
    pub fn note_photos(&self, key: CellKey) -> Result<String> {
        let mut st = self.conn.prepare_cached(
            "SELECT photos FROM notes WHERE stage_id=?1 AND entry_id=?2 AND juror_id=?3",
        )?;
        Ok(st
            .query_row(params![key.stage_id, key.entry_id, key.juror_id], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default())
    }

    /// (stage id, entry id, juror id, photos' JSON) of every note with photos.
    pub fn notes_with_photos(&self) -> Result<Vec<(i64, i64, i64, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage_id, entry_id, juror_id, photos FROM notes WHERE photos <> '' ORDER BY 1, 2, 3",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a photo's bytes (once per SHA-256).
    pub fn put_photo(&self, sha256: &str, bytes: &[u8]) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "INSERT INTO photos(sha256, size, bytes) VALUES (?1, ?2, ?3) ON CONFLICT(sha256) DO NOTHING",
        )?;
        st.execute(params![sha256, bytes.len() as i64, bytes])?;
        Ok(())
    }

    /// A photo's bytes, by SHA-256.
    pub fn photo_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT bytes FROM photos WHERE sha256=?1")?;
        Ok(st.query_row([sha256], |r| r.get(0)).optional()?)
    }

    pub fn notes(&self) -> Result<Vec<PairRow<String>>> {
        self.pairs("SELECT stage_id, entry_id, juror_id, note, revision, updated_at FROM notes ORDER BY 1, 2, 3")
    }

    /// Writes one note or submission row, as the upsert `sql` says.
    fn put_pair<T: rusqlite::ToSql>(&self, sql: &str, r: &PairRow<T>) -> Result<()> {
        let mut st = self.conn.prepare_cached(sql)?;
        st.execute(params![
            r.stage_id,
            r.entry_id,
            r.juror_id,
            r.value,
            r.revision,
            r.updated_at
        ])?;
        Ok(())
    }

    /// Note or submission rows, selected as (stage, entry, juror, value, revision, updated_at).
    fn pairs<T: rusqlite::types::FromSql>(&self, sql: &str) -> Result<Vec<PairRow<T>>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let rows = st.query_map([], |r| {
            Ok(PairRow {
                stage_id: r.get(0)?,
                entry_id: r.get(1)?,
                juror_id: r.get(2)?,
                value: r.get(3)?,
                revision: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    // ── screening, decisions, finalisation, audit ───────────────────────

    /// Records an entry's screening: pass or fail, reason codes, note and, when recorded, the
    /// checklist items met.
    #[allow(clippy::too_many_arguments)]
    pub fn set_screening(
        &self,
        stage_id: i64,
        entry_id: i64,
        passed: bool,
        reasons: &[String],
        note: &str,
        met: Option<&[String]>,
        now: &str,
    ) -> Result<()> {
        let reasons = serde_json::to_string(reasons).map_err(damaged)?;
        let met = met
            .map(serde_json::to_string)
            .transpose()
            .map_err(damaged)?;
        self.conn.execute(
            "INSERT INTO screening(stage_id, entry_id, passed, reasons, note, decided_at, met) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(stage_id, entry_id) DO UPDATE SET passed=excluded.passed, reasons=excluded.reasons,
               note=excluded.note, decided_at=excluded.decided_at, met=excluded.met",
            params![stage_id, entry_id, passed, reasons, note, now, met],
        )?;
        Ok(())
    }

    pub fn screening(&self, stage_id: i64) -> Result<Vec<ScreeningRow>> {
        let mut st = self.conn.prepare_cached("SELECT entry_id, passed, reasons, note, decided_at, met FROM screening WHERE stage_id=?1 ORDER BY entry_id")?;
        let rows = st.query_map([stage_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (entry_id, passed, reasons, note, decided_at, met) = row?;
            out.push(ScreeningRow {
                entry_id,
                passed,
                reasons: serde_json::from_str(&reasons).map_err(damaged)?,
                note,
                decided_at,
                met: met
                    .map(|m| serde_json::from_str(&m))
                    .transpose()
                    .map_err(damaged)?,
            });
        }
        Ok(out)
    }

    /// Records a chair decision (as a frozen row, see [`crate::frozen`]).
    pub fn add_decision(&self, decision: &juri_core::model::Decision, now: &str) -> Result<i64> {
        let body = crate::frozen::decision_to_row(decision)?;
        self.conn.execute(
            "INSERT INTO decisions(at, body) VALUES (?1, ?2)",
            params![now, body],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// (id, at, decision) of the decisions in force (not revoked), in the order made.
    pub fn decisions(&self) -> Result<Vec<(i64, String, juri_core::model::Decision)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, at, body FROM decisions WHERE id NOT IN (SELECT decision_id FROM revoked_decisions) ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        rows.map(|row| {
            let (id, at, body) = row?;
            let decision = crate::frozen::decision_from_row(&body).map_err(|e| {
                StoreError::Damaged(
                    rust_i18n::t!("store.damaged_decision", id = id, detail = e).into_owned(),
                )
            })?;
            Ok((id, at, decision))
        })
        .collect()
    }

    /// Freezes a stage's results (as a frozen row, see [`crate::frozen`]) as the snapshot version
    /// after the last superseded one (1 for a stage finalised for the first time).
    pub fn set_finalized(
        &self,
        stage_id: i64,
        now: &str,
        results: &juri_core::results::StageResults,
    ) -> Result<()> {
        let text = crate::frozen::results_to_row(results)?;
        self.conn.execute(
            "INSERT INTO finalized(stage_id, at, results, version) VALUES (?1, ?2, ?3,
               1 + COALESCE((SELECT MAX(version) FROM superseded_results WHERE stage_id=?1), 0))",
            params![stage_id, now, text],
        )?;
        Ok(())
    }

    /// When a stage was finalised, if it was.
    pub fn finalized_at(&self, stage_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at FROM finalized WHERE stage_id=?1",
                [stage_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Frozen results of a finalised stage: (finalised at, results).
    pub fn finalized(
        &self,
        stage_id: i64,
    ) -> Result<Option<(String, juri_core::results::StageResults)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT at, results FROM finalized WHERE stage_id=?1",
                [stage_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(at, text)| {
            let results = crate::frozen::results_from_row(&text).map_err(|e| {
                StoreError::Damaged(
                    rust_i18n::t!("store.damaged_results", stage = stage_id, detail = e)
                        .into_owned(),
                )
            })?;
            Ok((at, results))
        })
        .transpose()
    }

    /// Removes a meta value and overwrites its bytes in the file (`secure_delete` for this
    /// statement): for a secret an earlier Juri kept in clear.
    pub fn delete_meta_securely(&self, key: &str) -> Result<()> {
        self.conn.pragma_update(None, "secure_delete", "ON")?;
        let deleted = self.conn.execute("DELETE FROM meta WHERE key = ?1", [key]);
        self.conn.pragma_update(None, "secure_delete", "OFF")?;
        deleted?;
        Ok(())
    }

    pub fn audit(&self, at: &str, action: &str, detail: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audit(at, action, detail) VALUES (?1, ?2, ?3)",
            params![at, action, detail],
        )?;
        Ok(())
    }

    pub fn audit_log(&self) -> Result<Vec<AuditRow>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, at, action, detail FROM audit ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                action: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes every score, note and submission (used by a rebuild before replaying bundles).
    pub fn clear_scores(&self) -> Result<()> {
        self.conn
            .execute_batch("DELETE FROM scores; DELETE FROM notes; DELETE FROM submissions;")?;
        Ok(())
    }
}
