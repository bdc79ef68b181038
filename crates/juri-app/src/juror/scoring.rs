//! Scoring on the juror's laptop: a score cell, a note, submitting and reopening a sheet. Every
//! change is durable when the call returns.

use juri_core::ScoreError;

use super::sheets::{SavedCell, Sheet};
use super::workspace::JurorWorkspace;
use crate::error::AppError;
use crate::refusal::Refusal;

impl JurorWorkspace {
    /// Sets one score cell (and its comment; `None` keeps the comment). `value` is typed as a
    /// person would ("8,5" works); an empty value clears the cell. Returns the saved cell, durable
    /// on disk. Setting the same value and comment again changes nothing.
    pub fn set_score(
        &mut self,
        stage: &str,
        entry: &str,
        criterion: &str,
        value: Option<&str>,
        comment: Option<&str>,
    ) -> Result<SavedCell, AppError> {
        let installed = self.installed()?;
        let st = Self::scoring_stage(&installed, stage, entry)?;
        let crit = st.criterion(criterion).ok_or_else(|| {
            AppError::from(Refusal::UnknownCriterion {
                stage: stage.into(),
                criterion: criterion.into(),
                choices: st.criteria().iter().map(|c| c.id.clone()).collect(),
            })
        })?;
        let value = match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(text) => match juri_core::read_score(st, text) {
                Ok(v) => Some(v.to_plain()),
                Err(ScoreError::Unreadable(e)) => {
                    return Err(Refusal::UnreadableScore {
                        criterion: criterion.into(),
                        reason: e.to_string(),
                    }
                    .into())
                }
                Err(ScoreError::OutsideScale { text, scale }) => {
                    return Err(Refusal::ScoreOffScale {
                        criterion: criterion.into(),
                        text,
                        scale: scale.describe(),
                    }
                    .into())
                }
            },
        };
        if let Some(text) = comment.filter(|c| c.len() > juri_bundle::MAX_COMMENT_BYTES) {
            return Err(Refusal::CommentTooLong {
                criterion: criterion.into(),
                length: text.len(),
                limit: juri_bundle::MAX_COMMENT_BYTES,
            }
            .into());
        }
        self.ensure_not_submitted(stage, entry)?;
        let before = self.db.read().cell(stage, entry, &crit.id)?;
        let comment = comment
            .map(str::to_string)
            .or_else(|| before.as_ref().map(|c| c.comment.clone()))
            .unwrap_or_default();
        let unchanged = before
            .as_ref()
            .is_some_and(|b| b.value == value && b.comment == comment);
        if !unchanged && before.is_none() && value.is_none() && comment.is_empty() {
            return Err(Refusal::NothingToClear {
                criterion: criterion.into(),
                entry: entry.into(),
            }
            .into());
        }
        if !unchanged {
            let now = crate::now();
            self.db.write(|tx| {
                tx.put_cell(stage, entry, &crit.id, value.as_deref(), &comment, &now)
            })?;
        }
        let cell = self
            .db
            .read()
            .cell(stage, entry, &crit.id)?
            .ok_or_else(|| AppError::Damaged("the saved cell cannot be read back".into()))?;
        let sheet = self.sheet(stage, entry)?;
        Ok(SavedCell {
            stage: stage.to_string(),
            entry: entry.to_string(),
            criterion: crit.id.clone(),
            value: cell.value,
            comment: cell.comment,
            revision: cell.revision as u64,
            updated_at: cell.updated_at,
            changed: !unchanged,
            filled: sheet.filled,
            criteria: sheet.criteria.len(),
            total: sheet.total,
        })
    }

    /// Writes the juror's note on an entry (e.g. from a field visit). Durable when it returns.
    pub fn set_note(&mut self, stage: &str, entry: &str, text: &str) -> Result<u64, AppError> {
        let installed = self.installed()?;
        Self::scoring_stage(&installed, stage, entry)?;
        if text.len() > juri_bundle::MAX_NOTE_BYTES {
            return Err(Refusal::NoteTooLong {
                entry: entry.into(),
                length: text.len(),
                limit: juri_bundle::MAX_NOTE_BYTES,
            }
            .into());
        }
        let same = self
            .db
            .read()
            .notes()?
            .into_iter()
            .find(|n| n.stage == stage && n.entry == entry);
        if let Some(n) = same.filter(|n| n.value == text) {
            return Ok(n.revision as u64);
        }
        let now = crate::now();
        let revision = self.db.write(|tx| tx.put_note(stage, entry, text, &now))?;
        Ok(revision as u64)
    }

    /// Marks an entry's sheet submitted; refused unless every criterion is scored.
    pub fn submit(&mut self, stage: &str, entry: &str) -> Result<Sheet, AppError> {
        let sheet = self.sheet(stage, entry)?;
        if sheet.submitted {
            return Ok(sheet);
        }
        let missing: Vec<&str> = sheet
            .criteria
            .iter()
            .filter(|c| c.value.is_none())
            .map(|c| c.id.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Refusal::SheetIncomplete {
                entry: entry.into(),
                criteria: sheet.criteria.len(),
                missing: missing.iter().map(|c| c.to_string()).collect(),
            }
            .into());
        }
        let now = crate::now();
        self.db
            .write(|tx| tx.put_submission(stage, entry, true, &now))?;
        self.sheet(stage, entry)
    }

    /// Submits every finished sheet of a stage at once, in one transaction; with `dry_run`, only
    /// says what that would do. Sheets not finished yet are listed and left as they are.
    pub fn submit_all(&mut self, stage: &str, dry_run: bool) -> Result<SubmitAll, AppError> {
        let entries = self.entries(stage)?;
        let mut report = SubmitAll {
            stage: stage.to_string(),
            ..SubmitAll::default()
        };
        for e in entries {
            if e.submitted {
                report.already += 1;
            } else if e.filled == e.criteria && e.criteria > 0 {
                report.submitted.push(e.code);
            } else {
                report.unfinished.push(Unfinished {
                    entry: e.code,
                    filled: e.filled,
                    criteria: e.criteria,
                });
            }
        }
        if !dry_run && !report.submitted.is_empty() {
            let now = crate::now();
            self.db.write(|tx| -> Result<(), AppError> {
                for entry in &report.submitted {
                    tx.put_submission(stage, entry, true, &now)?;
                }
                Ok(())
            })?;
        }
        Ok(report)
    }

    /// Withdraws a submission so the sheet can be changed again.
    pub fn reopen(&mut self, stage: &str, entry: &str) -> Result<Sheet, AppError> {
        let sheet = self.sheet(stage, entry)?;
        if !sheet.submitted {
            return Ok(sheet);
        }
        let now = crate::now();
        self.db
            .write(|tx| tx.put_submission(stage, entry, false, &now))?;
        self.sheet(stage, entry)
    }
}

/// What submitting every finished sheet of a stage does.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SubmitAll {
    pub stage: String,
    /// Entries whose finished sheet is (or, in a dry run, would be) submitted now.
    pub submitted: Vec<String>,
    /// Sheets submitted before.
    pub already: usize,
    /// Sheets not finished: left as they are.
    pub unfinished: Vec<Unfinished>,
}

/// A sheet that is not finished yet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Unfinished {
    pub entry: String,
    pub filled: usize,
    pub criteria: usize,
}
