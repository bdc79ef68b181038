//! Corrections of an entry's record, each with a reason and in one transaction that holds the write
//! lock, recorded like every correction (`corrections.rs`): withdraw or restore an entry, correct a
//! score typed from paper, edit an entry's data.

use juri_store::{CellKey, NewCorrection};
use rust_i18n::t;
use serde::Serialize;
use serde_json::json;

use super::competition::Chair;
use super::corrections::text;
use crate::error::AppError;
use crate::refusal::Refusal;

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

impl Chair {
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
                    what: t!("correct.score_of", cell = what, stage = c.stage).into_owned(),
                    value: new.map_or_else(
                        || t!("correct.empty").into_owned(),
                        |v| juri_core::Fixed::from_raw(v).to_string(),
                    ),
                }
                .into());
            }
            tx.put_paper_score(key, new, &before.comment, &now)?;
            crate::chair::paper_journal::record_paper_import(
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
                    field: match field {
                        "title" => t!("correct.field_title"),
                        "institution" => t!("correct.field_institution"),
                        _ => t!("correct.field_category"),
                    }
                    .into_owned(),
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
                        what: t!("correct.entry_data", entry = entry).into_owned(),
                        value: t!("correct.as_given").into_owned(),
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
}
