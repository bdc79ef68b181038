//! Corrections with a reason (migration `004_corrections.sql`): the earlier versions of a
//! re-opened stage's frozen results, the corrections recorded beside the audit log, the stages to
//! review after an earlier stage was re-opened, revoked decisions, and the few writes a
//! correction makes to entries.
//!
//! What a correction is, who may make it and how it is worded are the application's; the store
//! keeps the rows it is given. A juror replaced mid-stage is kept in its correction's `after`, as
//! the frozen row type `ReplacementV1` (converted here and nowhere else).

use juri_core::replacement::Replacement;
use rusqlite::{params, OptionalExtension};

use crate::{Result, StoreError, Tx};

/// An earlier version of a stage's frozen results, kept when the stage was re-opened.
#[derive(Debug, Clone)]
pub struct SupersededRow {
    pub version: i64,
    /// When this version was finalised.
    pub at: String,
    pub results: juri_core::results::StageResults,
    pub reopened_at: String,
    pub reason: String,
}

/// A correction as recorded: `before` and `after` are the application's JSON.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CorrectionRow {
    pub id: i64,
    pub at: String,
    pub kind: String,
    pub stage: Option<String>,
    pub entry: Option<String>,
    pub by: String,
    pub reason: String,
    pub before: String,
    pub after: String,
    pub audit_id: i64,
}

/// A correction to record, with the audit line that says it in words.
#[derive(Debug, Clone, Copy)]
pub struct NewCorrection<'a> {
    pub at: &'a str,
    pub kind: &'a str,
    pub stage: Option<&'a str>,
    pub entry: Option<&'a str>,
    pub by: &'a str,
    pub reason: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    /// The audit line: its action and its words.
    pub action: &'a str,
    pub detail: &'a str,
}

/// Which audit lines to show: by action, and by the stage or entry a line is about.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    /// A correction of this stage, or a line whose words begin with the stage's code.
    pub stage: Option<String>,
    /// A correction of this entry.
    pub entry: Option<String>,
}

/// Why a stage is to be reviewed: the earlier stage re-opened (its code) and since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub because: String,
    pub since: String,
}

impl Tx<'_> {
    /// The snapshot version of a finalised stage's frozen results (`None` when it is open).
    pub fn finalized_version(&self, stage_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM finalized WHERE stage_id=?1",
                [stage_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Re-opens a finalised stage: its frozen results become a superseded version (kept for
    /// ever) and the stage is open again. Returns the version superseded; `None` when the stage
    /// is not finalised (nothing written).
    pub fn reopen_stage(&self, stage_id: i64, now: &str, reason: &str) -> Result<Option<i64>> {
        let row: Option<(String, String, i64)> = self
            .conn
            .query_row(
                "SELECT at, results, version FROM finalized WHERE stage_id=?1",
                [stage_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((at, results, version)) = row else {
            return Ok(None);
        };
        self.conn.execute(
            "INSERT INTO superseded_results(stage_id, version, at, results, reopened_at, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![stage_id, version, at, results, now, reason],
        )?;
        self.conn
            .execute("DELETE FROM finalized WHERE stage_id=?1", [stage_id])?;
        Ok(Some(version))
    }

    /// The superseded versions of a stage's results, oldest first.
    pub fn superseded(&self, stage_id: i64) -> Result<Vec<SupersededRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT version, at, results, reopened_at, reason FROM superseded_results
             WHERE stage_id=?1 ORDER BY version",
        )?;
        let rows = st.query_map([stage_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (version, at, text, reopened_at, reason) = row?;
            let results = crate::frozen::results_from_row(&text).map_err(|e| {
                StoreError::Damaged(
                    rust_i18n::t!(
                        "store.damaged_results_version",
                        version = version,
                        stage = stage_id,
                        detail = e
                    )
                    .into_owned(),
                )
            })?;
            Ok(SupersededRow {
                version,
                at,
                results,
                reopened_at,
                reason,
            })
        })
        .collect()
    }

    /// Records a correction and its audit line; returns the correction's id.
    pub fn add_correction(&self, c: &NewCorrection<'_>) -> Result<i64> {
        self.audit(c.at, c.action, c.detail)?;
        let audit_id = self.conn.last_insert_rowid();
        self.conn.execute(
            "INSERT INTO corrections(at, kind, stage, entry, by, reason, before, after, audit_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![c.at, c.kind, c.stage, c.entry, c.by, c.reason, c.before, c.after, audit_id],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every correction of one kind (every kind with `None`) of a stage, in the order made.
    pub fn corrections(
        &self,
        kind: Option<&str>,
        stage: Option<&str>,
    ) -> Result<Vec<CorrectionRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, at, kind, stage, entry, by, reason, before, after, audit_id FROM corrections
             WHERE (?1 IS NULL OR kind=?1) AND (?2 IS NULL OR stage=?2) ORDER BY id",
        )?;
        let rows = st.query_map(params![kind, stage], |r| {
            Ok(CorrectionRow {
                id: r.get(0)?,
                at: r.get(1)?,
                kind: r.get(2)?,
                stage: r.get(3)?,
                entry: r.get(4)?,
                by: r.get(5)?,
                reason: r.get(6)?,
                before: r.get(7)?,
                after: r.get(8)?,
                audit_id: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The audit log narrowed by `filter`, in order.
    pub fn audit_log_where(&self, filter: &AuditFilter) -> Result<Vec<crate::AuditRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT a.id, a.at, a.action, a.detail FROM audit a
             WHERE (?1 IS NULL OR a.action=?1)
               AND (?2 IS NULL
                    OR EXISTS (SELECT 1 FROM corrections c WHERE c.audit_id=a.id AND c.stage=?2)
                    OR substr(a.detail, 1, length(?2) + 1) IN (?2 || ':', ?2 || ' '))
               AND (?3 IS NULL
                    OR EXISTS (SELECT 1 FROM corrections c WHERE c.audit_id=a.id AND c.entry=?3))
             ORDER BY a.id",
        )?;
        let rows = st.query_map(params![filter.action, filter.stage, filter.entry], |r| {
            Ok(crate::AuditRow {
                id: r.get(0)?,
                at: r.get(1)?,
                action: r.get(2)?,
                detail: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Marks a stage to be reviewed because the stage `because` was re-opened (a mark already
    /// there is kept with its date).
    pub fn mark_needs_review(&self, stage_id: i64, because: &str, since: &str) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO needs_review(stage_id, because, since) VALUES (?1, ?2, ?3)",
            params![stage_id, because, since],
        )?;
        Ok(())
    }

    /// Why a stage is to be reviewed, if it is.
    pub fn needs_review(&self, stage_id: i64) -> Result<Option<ReviewRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT because, since FROM needs_review WHERE stage_id=?1",
                [stage_id],
                |r| {
                    Ok(ReviewRow {
                        because: r.get(0)?,
                        since: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// The chair has reviewed the stage: it may be finalised again.
    pub fn clear_needs_review(&self, stage_id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM needs_review WHERE stage_id=?1", [stage_id])?;
        Ok(())
    }

    /// Whether a stage holds anything taken from the stage before it: a score cell, a screening
    /// record, or frozen results.
    pub fn stage_has_records(&self, stage_id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM scores WHERE stage_id=?1)
                 OR EXISTS (SELECT 1 FROM screening WHERE stage_id=?1)
                 OR EXISTS (SELECT 1 FROM finalized WHERE stage_id=?1)",
            [stage_id],
            |r| r.get(0),
        )?)
    }

    /// Revokes a decision (replaced by `replaced_by`, when a new one takes its place).
    pub fn revoke_decision(
        &self,
        id: i64,
        now: &str,
        reason: &str,
        replaced_by: Option<i64>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO revoked_decisions(decision_id, at, reason, replaced_by) VALUES (?1, ?2, ?3, ?4)",
            params![id, now, reason, replaced_by],
        )?;
        Ok(())
    }

    /// Whether a decision was revoked.
    pub fn decision_revoked(&self, id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM revoked_decisions WHERE decision_id=?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// A decision by its id, in force or revoked: (made at, decision).
    pub fn decision(&self, id: i64) -> Result<Option<(String, juri_core::model::Decision)>> {
        let row: Option<(String, String)> = self
            .conn
            .query_row("SELECT at, body FROM decisions WHERE id=?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        row.map(|(at, body)| {
            let decision = crate::frozen::decision_from_row(&body).map_err(|e| {
                StoreError::Damaged(
                    rust_i18n::t!("store.damaged_decision", id = id, detail = e).into_owned(),
                )
            })?;
            Ok((at, decision))
        })
        .transpose()
    }

    /// A revoked decision's revocation: (when, why, the decision that replaced it).
    pub fn revocation(&self, id: i64) -> Result<Option<(String, String, Option<i64>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT at, reason, replaced_by FROM revoked_decisions WHERE decision_id=?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    /// One line of the audit log.
    pub fn audit_line(&self, id: i64) -> Result<Option<crate::AuditRow>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, at, action, detail FROM audit WHERE id=?1",
                [id],
                |r| {
                    Ok(crate::AuditRow {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        action: r.get(2)?,
                        detail: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// The first line of the audit log after line `after` with this action whose words begin
    /// with `prefix`, if any.
    pub fn audit_line_after(&self, after: i64, action: &str, prefix: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM audit WHERE id > ?1 AND action = ?2
                   AND substr(detail, 1, length(?3)) = ?3 ORDER BY id LIMIT 1",
                params![after, action, prefix],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Marks an entry withdrawn or not.
    pub fn set_withdrawn(&self, entry_id: i64, withdrawn: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET withdrawn=?2 WHERE id=?1",
            params![entry_id, withdrawn],
        )?;
        Ok(())
    }

    /// Replaces an entry's title, institution and category.
    pub fn set_entry_data(
        &self,
        entry_id: i64,
        title: &str,
        institution: &str,
        category: &str,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE entries SET title=?2, institution=?3, category=?4 WHERE id=?1",
            params![entry_id, title, institution, category],
        )?;
        Ok(())
    }
}

/// A juror replaced mid-stage, as kept in the `after` of its correction (kind `replace-juror`,
/// under `replaced`): the frozen row type (version 1). The panel is seated from these rows, in
/// the order recorded.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct ReplacementV1 {
    stage: String,
    departing: String,
    replacement: String,
    counts_departing: bool,
    kept: Vec<String>,
    stages: Vec<String>,
}

/// The stored form of a replacement, for the `replaced` field of its correction's `after`.
pub fn replacement_to_value(r: &Replacement) -> serde_json::Value {
    serde_json::to_value(ReplacementV1 {
        stage: r.stage.clone(),
        departing: r.departing.clone(),
        replacement: r.replacement.clone(),
        counts_departing: r.counts_departing,
        kept: r.kept.clone(),
        stages: r.stages.clone(),
    })
    .unwrap_or(serde_json::Value::Null)
}

/// A replacement read back from the `after` of its correction.
pub fn replacement_from_after(after: &str) -> Result<Replacement> {
    #[derive(serde::Deserialize)]
    struct After {
        replaced: ReplacementV1,
    }
    let r = serde_json::from_str::<After>(after)
        .map_err(|e| {
            StoreError::Damaged(rust_i18n::t!("store.damaged_replacement", detail = e).into_owned())
        })?
        .replaced;
    Ok(Replacement {
        stage: r.stage,
        departing: r.departing,
        replacement: r.replacement,
        counts_departing: r.counts_departing,
        kept: r.kept,
        stages: r.stages,
    })
}

impl Tx<'_> {
    /// Every juror replacement, in the order recorded.
    pub fn juror_replacements(&self) -> Result<Vec<Replacement>> {
        self.corrections(Some(REPLACE_JUROR), None)?
            .iter()
            .map(|c| replacement_from_after(&c.after))
            .collect()
    }
}

/// The kind of correction that records a juror replaced mid-stage.
pub const REPLACE_JUROR: &str = "replace-juror";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChairDb;

    #[test]
    fn a_replacement_is_kept_in_its_correction_as_canonical_json_and_read_back() {
        let r = Replacement {
            stage: "presentasi".into(),
            departing: "J2".into(),
            replacement: "J9".into(),
            counts_departing: true,
            kept: vec!["PD-01".into()],
            stages: vec!["presentasi".into(), "final".into()],
        };
        assert_eq!(
            replacement_to_value(&r).to_string(),
            r#"{"counts_departing":true,"departing":"J2","kept":["PD-01"],"replacement":"J9","stage":"presentasi","stages":["presentasi","final"]}"#
        );
        let after =
            serde_json::json!({ "replaced": replacement_to_value(&r), "recused": [] }).to_string();
        let mut db = ChairDb::in_memory().unwrap();
        db.write(|tx| {
            tx.add_correction(&NewCorrection {
                at: "2025-12-15T10:00:00+08:00",
                kind: REPLACE_JUROR,
                stage: Some("presentasi"),
                entry: None,
                by: "ketua",
                reason: "Sakit",
                before: "{}",
                after: &after,
                action: REPLACE_JUROR,
                detail: "presentasi: J2 replaced with J9",
            })
        })
        .unwrap();
        assert_eq!(db.read().juror_replacements().unwrap(), vec![r]);
        assert!(replacement_from_after(r#"{"replaced":{"stage":1}}"#)
            .unwrap_err()
            .to_string()
            .starts_with("stored data is damaged"));
    }
}
