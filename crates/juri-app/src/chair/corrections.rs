//! Corrections with a reason: re-open a finalised stage (and acknowledge the review of the stages
//! after it), revoke or replace a decision, withdraw or restore an entry, correct a paper score,
//! edit an entry's data. Each is refused without a reason or in an archived competition, checks
//! what it corrects and writes in one transaction that holds the write lock (so a merge committed
//! meanwhile comes wholly before or after it), and is recorded with who, when, why and the exact
//! before and after — a row of `corrections` and a line of the audit log in plain words.

use juri_core::model::{Decision, Role};
use juri_store::{AuditFilter, AuditRow, CellKey, NewCorrection};
use serde::Serialize;
use serde_json::json;

use super::competition::Chair;
use super::decisions::describe;
use crate::error::AppError;
use crate::refusal::Refusal;

/// A stage re-opened.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reopened {
    pub stage: String,
    /// The snapshot version kept as history; finalising again makes version + 1.
    pub version: i64,
    /// The later stages marked to be reviewed before they are finalised.
    pub to_review: Vec<String>,
}

/// A paper score to correct: the cell and its new score as typed (empty clears it).
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScoreCorrection {
    pub stage: String,
    pub entry: String,
    pub juror: String,
    pub criterion: String,
    pub score: String,
}

/// New data for an entry: each field given replaces the old one.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryEdit {
    pub title: Option<String>,
    pub institution: Option<String>,
    pub category: Option<String>,
}

/// One field of an entry changed by an edit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

fn text(v: &serde_json::Value) -> String {
    v.to_string()
}

impl Chair {
    /// Who makes a correction: the chair's role, with the name of the panel's chair when the
    /// panel has one ("ketua (Dr. Maria Lado)").
    pub(super) fn acting(&self) -> Result<String, AppError> {
        let chair = self
            .db
            .read()
            .jurors()?
            .into_iter()
            .map(|(_, j)| j)
            .find(|j| j.role == Role::Ketua && j.active);
        Ok(match chair {
            Some(j) => format!("{} ({})", Role::Ketua.as_str(), j.name),
            None => Role::Ketua.as_str().to_string(),
        })
    }

    /// Refuses a correction without a reason, or of an archived competition.
    pub(super) fn correctable(&self, reason: &str) -> Result<(), AppError> {
        if let Some(at) = self.db.read().meta("archived_at")? {
            return Err(Refusal::Archived { at }.into());
        }
        if reason.trim().is_empty() {
            return Err(Refusal::CorrectionWithoutReason.into());
        }
        Ok(())
    }

    /// Re-opens a finalised stage: its frozen results are kept as a superseded version, the
    /// stage is open again, and every later stage holding anything (scores, screening records,
    /// frozen results) is marked to be reviewed before it is finalised.
    pub fn reopen(&mut self, stage: &str, reason: &str) -> Result<Reopened, AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let snap = self.snapshot()?;
        let this = snap.stage_ref(stage)?;
        let sid = snap.row(this);
        let later: Vec<(i64, String)> = snap
            .stage_refs()
            .filter(|s| *s > this)
            .map(|s| (snap.row(s), snap.def(s).id.clone()))
            .collect();
        let by = self.acting()?;
        let now = crate::now();
        self.db.atomically(|| -> Result<Reopened, AppError> {
            let tx = self.db.read();
            let Some((at, frozen)) = tx.finalized(sid)? else {
                return Err(Refusal::StageNotFinalized {
                    stage: stage.into(),
                }
                .into());
            };
            let version = tx.reopen_stage(sid, &now, reason)?.unwrap_or(1);
            let mut to_review = Vec::new();
            for (row, code) in &later {
                if tx.stage_has_records(*row)? {
                    tx.mark_needs_review(*row, stage, &now)?;
                    to_review.push(code.clone());
                }
            }
            let advancing = frozen.advancing();
            let review = if to_review.is_empty() {
                String::new()
            } else {
                format!("; to review before finalising: {}", to_review.join(", "))
            };
            tx.add_correction(&NewCorrection {
                at: &now,
                kind: "reopen",
                stage: Some(stage),
                entry: None,
                by: &by,
                reason,
                before: &text(&json!({
                    "state": "finalised",
                    "version": version,
                    "finalized_at": at,
                    "advancing": advancing,
                })),
                after: &text(&json!({ "state": "open", "to_review": to_review })),
                action: "reopen",
                detail: &format!(
                    "{stage} re-opened by {by}: version {version} (finalised {at}; advancing {}) kept as history, the stage is open again{review} — reason: {reason}",
                    if advancing.is_empty() { "none".to_string() } else { advancing.join(", ") }
                ),
            })?;
            Ok(Reopened {
                stage: stage.into(),
                version,
                to_review,
            })
        })
    }

    /// Acknowledges that a stage marked for review (an earlier stage was re-opened) has been
    /// re-checked, once that earlier stage is finalised again: the stage may be finalised.
    pub fn review(&mut self, stage: &str, reason: &str) -> Result<(), AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let snap = self.snapshot()?;
        let sid = snap.row(snap.stage_ref(stage)?);
        let by = self.acting()?;
        let now = crate::now();
        self.db.atomically(|| -> Result<(), AppError> {
            let tx = self.db.read();
            let Some(review) = tx.needs_review(sid)? else {
                return Err(Refusal::NothingToReview {
                    stage: stage.into(),
                }
                .into());
            };
            let because = tx.stage_id(&review.because)?;
            let refinalised = match because {
                Some(b) => tx.finalized_version(b)?,
                None => Some(1),
            };
            let Some(version) = refinalised else {
                return Err(Refusal::ReviewTooEarly {
                    stage: stage.into(),
                    because: review.because,
                }
                .into());
            };
            tx.clear_needs_review(sid)?;
            tx.add_correction(&NewCorrection {
                at: &now,
                kind: "review",
                stage: Some(stage),
                entry: None,
                by: &by,
                reason,
                before: &text(&json!({ "needs_review": true, "because": review.because, "since": review.since })),
                after: &text(&json!({ "needs_review": false, "checked_against_version": version })),
                action: "review",
                detail: &format!(
                    "{stage} reviewed by {by} after stage {} was corrected (now version {version}); it may be finalised — reason: {reason}",
                    review.because
                ),
            })?;
            Ok(())
        })
    }

    /// Revokes a decision in force, or replaces it with `replacement` (of the same stage, checked
    /// as if the revoked one had never been made). Returns the replacement's id.
    pub fn revoke(
        &mut self,
        id: i64,
        reason: &str,
        replacement: Option<Decision>,
    ) -> Result<Option<i64>, AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let by = self.acting()?;
        let now = crate::now();
        self.db.atomically(|| -> Result<Option<i64>, AppError> {
            let tx = self.db.read();
            let Some((_, at, old)) = tx.decisions()?.into_iter().find(|(d, _, _)| *d == id) else {
                return Err(Refusal::NoSuchDecision {
                    id,
                    revoked: tx.decision_revoked(id)?,
                }
                .into());
            };
            let stage = old.stage().to_string();
            self.ensure_open(&stage)?;
            if let Some(new) = &replacement {
                if new.stage() != stage {
                    return Err(Refusal::ReplacementElsewhere {
                        id,
                        stage,
                        replacement: new.stage().to_string(),
                    }
                    .into());
                }
            }
            tx.revoke_decision(id, &now, reason, None)?;
            let new_id = match &replacement {
                Some(new) => {
                    // Checked with the revoked decision out of force (inside this transaction).
                    self.check_decision(new)?;
                    let new_id = tx.add_decision(new, &now)?;
                    Some(new_id)
                }
                None => None,
            };
            let entry = match &old {
                Decision::TieOrder { .. } => None,
                Decision::Exception { entry, .. }
                | Decision::Disqualify { entry, .. }
                | Decision::Unscored { entry, .. } => Some(entry.as_str()),
            };
            let (kind, words) = match (&replacement, new_id) {
                (Some(new), Some(n)) => (
                    "replace",
                    format!(
                        "decision {id} ({}, made {at}) replaced by {by} with decision {n} ({})",
                        describe(&old),
                        describe(new)
                    ),
                ),
                _ => (
                    "revoke",
                    format!(
                        "decision {id} ({}, made {at}) revoked by {by}",
                        describe(&old)
                    ),
                ),
            };
            tx.add_correction(&NewCorrection {
                at: &now,
                kind,
                stage: Some(&stage),
                entry,
                by: &by,
                reason,
                before: &text(&json!({ "decision": id, "in_force": describe(&old) })),
                after: &text(&json!({
                    "decision": new_id,
                    "in_force": replacement.as_ref().map(describe),
                })),
                action: kind,
                detail: &format!("{stage}: {words} — reason: {reason}"),
            })?;
            Ok(new_id)
        })
    }

    /// Withdraws an entry (`withdrawn`), or restores a withdrawn one. The frozen results of
    /// finalised stages are untouched; stages still open count it, or not, from now on.
    pub fn set_withdrawn(
        &mut self,
        entry: &str,
        withdrawn: bool,
        reason: &str,
    ) -> Result<(), AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let by = self.acting()?;
        let now = crate::now();
        self.db.atomically(|| -> Result<(), AppError> {
            let tx = self.db.read();
            let (eid, e) = tx
                .entries()?
                .into_iter()
                .find(|(_, e)| e.code == entry)
                .ok_or_else(|| AppError::UnknownEntry(entry.to_string()))?;
            match (e.withdrawn, withdrawn) {
                (true, true) => {
                    return Err(Refusal::AlreadyWithdrawn {
                        entry: entry.into(),
                    }
                    .into())
                }
                (false, false) => {
                    return Err(Refusal::NotWithdrawn {
                        entry: entry.into(),
                    }
                    .into())
                }
                _ => {}
            }
            tx.set_withdrawn(eid, withdrawn)?;
            let kind = if withdrawn { "withdraw" } else { "restore" };
            tx.add_correction(&NewCorrection {
                at: &now,
                kind,
                stage: None,
                entry: Some(entry),
                by: &by,
                reason,
                before: &text(&json!({ "withdrawn": e.withdrawn })),
                after: &text(&json!({ "withdrawn": withdrawn })),
                action: kind,
                detail: &format!(
                    "entry {entry} ({}) {} by {by}: {} — reason: {reason}",
                    e.title,
                    if withdrawn { "withdrawn" } else { "restored" },
                    if withdrawn {
                        "taking part → withdrawn"
                    } else {
                        "withdrawn → taking part"
                    }
                ),
            })?;
            Ok(())
        })
    }

    /// Corrects a score typed from paper: a new revision of the cell (the original is kept in
    /// the correction and the journal), in a stage that is open. A score from a juror's bundle
    /// is the juror's and is refused.
    pub fn correct_score(&mut self, c: &ScoreCorrection, reason: &str) -> Result<(), AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let snap = self.snapshot()?;
        let this = snap.stage_ref(&c.stage)?;
        let st = snap.def(this);
        let ei = snap
            .entry_index(&c.entry)
            .ok_or_else(|| AppError::UnknownEntry(c.entry.clone()))?;
        let ji = snap
            .juror_index(&c.juror)
            .ok_or_else(|| AppError::UnknownJuror(c.juror.clone()))?;
        let Some(crit) = st.criterion(&c.criterion) else {
            return Err(Refusal::UnknownCriterion {
                stage: c.stage.clone(),
                criterion: c.criterion.clone(),
                choices: st.criteria().iter().map(|c| c.id.clone()).collect(),
            }
            .into());
        };
        let raw = c.score.trim();
        let value = if raw.is_empty() {
            None
        } else {
            Some(match juri_core::read_score(st, raw) {
                Ok(v) => v,
                Err(juri_core::ScoreError::Unreadable(reason)) => {
                    return Err(Refusal::UnreadableScore {
                        criterion: crit.id.clone(),
                        reason: reason.to_string(),
                    }
                    .into())
                }
                Err(juri_core::ScoreError::OutsideScale { scale, .. }) => {
                    return Err(Refusal::ScoreOffScale {
                        criterion: crit.id.clone(),
                        text: raw.to_string(),
                        scale: scale.describe(),
                    }
                    .into())
                }
            })
        };
        let key = CellKey {
            stage_id: snap.row(this),
            entry_id: snap.entry_ids[ei],
            juror_id: snap.juror_ids[ji],
            criterion_id: snap.criterion_row(this, &crit.id)?,
        };
        let by = self.acting()?;
        let now = crate::now();
        let what = format!("{}/{}/{}", c.juror, c.entry, c.criterion);
        self.db.atomically(|| -> Result<(), AppError> {
            self.ensure_open(&c.stage)?;
            let tx = self.db.read();
            let Some(before) = tx.cell(key)? else {
                return Err(Refusal::NoScoreToCorrect {
                    stage: c.stage.clone(),
                    entry: c.entry.clone(),
                    juror: c.juror.clone(),
                    criterion: c.criterion.clone(),
                }
                .into());
            };
            if before.source != "paper" {
                return Err(Refusal::ScoreFromBundle {
                    stage: c.stage.clone(),
                    entry: c.entry.clone(),
                    juror: c.juror.clone(),
                    criterion: c.criterion.clone(),
                }
                .into());
            }
            let shown = |v: Option<i64>| {
                v.map_or("empty".to_string(), |v| juri_core::Fixed::from_raw(v).to_string())
            };
            let new = value.map(|v| v.raw());
            if before.value == new {
                return Err(Refusal::NothingToCorrect {
                    what: format!("the score of {what} in stage '{}'", c.stage),
                    value: shown(new),
                }
                .into());
            }
            tx.put_paper_score(key, new, &before.comment, &now)?;
            crate::roundtrip::paper_journal::record_paper_import(
                &tx,
                &format!("correction of {what} in stage {}", c.stage),
                &now,
            )?;
            tx.add_correction(&NewCorrection {
                at: &now,
                kind: "score",
                stage: Some(&c.stage),
                entry: Some(&c.entry),
                by: &by,
                reason,
                before: &text(&json!({
                    "juror": c.juror, "criterion": c.criterion,
                    "score": before.value.map(|v| juri_core::Fixed::from_raw(v).to_string()),
                    "revision": before.revision, "updated_at": before.updated_at,
                })),
                after: &text(&json!({
                    "juror": c.juror, "criterion": c.criterion,
                    "score": new.map(|v| juri_core::Fixed::from_raw(v).to_string()),
                    "revision": before.revision + 1, "updated_at": now,
                })),
                action: "correct-score",
                detail: &format!(
                    "{}: paper score of {what} corrected by {by}: {} → {} (revision {} → {}; the original is kept) — reason: {reason}",
                    c.stage,
                    shown(before.value),
                    shown(new),
                    before.revision,
                    before.revision + 1
                ),
            })?;
            Ok(())
        })
    }

    /// Edits an entry's title, institution or category; returns the fields that changed.
    pub fn edit_entry(
        &mut self,
        entry: &str,
        edit: &EntryEdit,
        reason: &str,
    ) -> Result<Vec<FieldChange>, AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let (_, _, def) = self.definition()?;
        for (field, value) in [
            ("title", &edit.title),
            ("institution", &edit.institution),
            ("category", &edit.category),
        ] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(Refusal::EmptyField {
                    field: field.into(),
                }
                .into());
            }
        }
        if let Some(cat) = &edit.category {
            if !def.categories.iter().any(|c| c.id == cat.trim()) {
                return Err(Refusal::UnknownCategory {
                    category: cat.clone(),
                    choices: def.categories.iter().map(|c| c.id.clone()).collect(),
                }
                .into());
            }
        }
        let by = self.acting()?;
        let now = crate::now();
        self.db
            .atomically(|| -> Result<Vec<FieldChange>, AppError> {
                let tx = self.db.read();
                let (eid, e) = tx
                    .entries()?
                    .into_iter()
                    .find(|(_, e)| e.code == entry)
                    .ok_or_else(|| AppError::UnknownEntry(entry.to_string()))?;
                let pick = |new: &Option<String>, old: &str| {
                    new.as_deref()
                        .map_or(old.to_string(), |v| v.trim().to_string())
                };
                let (title, institution, category) = (
                    pick(&edit.title, &e.title),
                    pick(&edit.institution, &e.institution),
                    pick(&edit.category, &e.category),
                );
                let changes: Vec<FieldChange> = [
                    ("title", &e.title, &title),
                    ("institution", &e.institution, &institution),
                    ("category", &e.category, &category),
                ]
                .into_iter()
                .filter(|(_, b, a)| b != a)
                .map(|(f, b, a)| FieldChange {
                    field: f.into(),
                    before: b.clone(),
                    after: a.clone(),
                })
                .collect();
                if changes.is_empty() {
                    return Err(Refusal::NothingToCorrect {
                        what: format!("the data of entry '{entry}'"),
                        value: "as given".into(),
                    }
                    .into());
                }
                tx.set_entry_data(eid, &title, &institution, &category)?;
                let side = |after: bool| {
                    let mut m = serde_json::Map::new();
                    for c in &changes {
                        let v = if after { &c.after } else { &c.before };
                        m.insert(c.field.clone(), json!(v));
                    }
                    serde_json::Value::Object(m)
                };
                let diff: Vec<String> = changes
                    .iter()
                    .map(|c| format!("{} \"{}\" → \"{}\"", c.field, c.before, c.after))
                    .collect();
                tx.add_correction(&NewCorrection {
                    at: &now,
                    kind: "entry",
                    stage: None,
                    entry: Some(entry),
                    by: &by,
                    reason,
                    before: &text(&side(false)),
                    after: &text(&side(true)),
                    action: "edit-entry",
                    detail: &format!(
                        "entry {entry} edited by {by}: {} — reason: {reason}",
                        diff.join("; ")
                    ),
                })?;
                Ok(changes)
            })
    }

    /// The audit log, narrowed to one kind of line (its action), a stage or an entry.
    pub fn log_where(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>, AppError> {
        Ok(self.db.read().audit_log_where(filter)?)
    }

    /// The snapshot version of a finalised stage's results (`None` while it is open).
    pub fn stage_version(&self, stage: &str) -> Result<Option<i64>, AppError> {
        let tx = self.db.read();
        let sid = tx
            .stage_id(stage)?
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        Ok(tx.finalized_version(sid)?)
    }

    /// Why a stage is to be reviewed before it is finalised, if it is: (stage re-opened, since).
    pub fn needs_review(&self, stage: &str) -> Result<Option<(String, String)>, AppError> {
        let tx = self.db.read();
        let sid = tx
            .stage_id(stage)?
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        Ok(tx.needs_review(sid)?.map(|r| (r.because, r.since)))
    }
}
