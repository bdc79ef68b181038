//! Corrections with a reason: re-open a finalised stage (and acknowledge the review of the stages
//! after it), revoke or replace a decision; an entry's record is corrected in
//! `entry_corrections.rs`, a juror replaced in `replace_juror.rs`. Each is refused without a reason
//! or in an archived competition, checks what it corrects and writes in one transaction that holds
//! the write lock (so a merge committed meanwhile comes wholly before or after it), and is recorded
//! with who, when, why and the exact before and after — a row of `corrections` and a line of the
//! audit log in plain words.

use juri_core::model::{Decision, Role};
use juri_store::{AuditFilter, AuditRow, NewCorrection};
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

pub(super) fn text(v: &serde_json::Value) -> String {
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
