//! What the juror's screens show: progress per stage, the assigned entries of a stage, and one
//! entry's score sheet with its running total.

use std::collections::HashMap;

use juri_core::{Fixed, StageDef, Weighting};
use juri_store::JurorCell;
use serde::Serialize;

use super::workspace::{Installed, JurorWorkspace};
use crate::error::AppError;

/// Who and what this workspace is for.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkspaceInfo {
    pub competition_id: String,
    pub competition_name: String,
    pub juror: String,
    pub juror_name: String,
    pub package_version: u32,
    /// Short fingerprint of the chair's signing key this laptop trusts.
    pub chair_key: String,
    pub exports: u64,
    /// The juror's key was opened with the access code in this session (at install or an
    /// earlier export): an export needs no code.
    pub unlocked: bool,
}

/// Progress in one stage.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageProgress {
    pub stage: String,
    pub name: String,
    pub assigned: usize,
    /// Entries with every criterion scored.
    pub scored: usize,
    pub submitted: usize,
}

/// One assigned entry in a stage, for the list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryProgress {
    pub code: String,
    pub title: String,
    /// `None` under blind review.
    pub institution: Option<String>,
    pub category: String,
    /// The category's name from the definition (its id when the definition has no such category).
    pub category_name: String,
    pub rintisan: bool,
    pub filled: usize,
    pub criteria: usize,
    pub submitted: bool,
    /// The juror's total so far on 0–100, two decimals.
    pub total: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelView {
    pub score: String,
    pub to: Option<String>,
    pub label: String,
}

/// One criterion row of a score sheet.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetRow {
    pub id: String,
    pub name: String,
    /// Weight in percent.
    pub weight: String,
    pub description: String,
    pub levels: Vec<LevelView>,
    pub value: Option<String>,
    pub comment: String,
    /// 0 when never scored.
    pub revision: u64,
    pub updated_at: Option<String>,
}

/// One entry's score sheet in a stage.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Sheet {
    pub stage: String,
    pub stage_name: String,
    pub entry: String,
    pub title: String,
    pub institution: Option<String>,
    pub category: String,
    /// The category's name from the definition.
    pub category_name: String,
    pub description: Option<String>,
    /// The scale, e.g. min 1, max 7, step 1.
    pub scale_min: String,
    pub scale_max: String,
    pub scale_step: String,
    pub criteria: Vec<SheetRow>,
    pub note: String,
    /// The photos on the note, in order.
    pub photos: Vec<crate::juror::NotePhotoView>,
    pub submitted: bool,
    pub filled: usize,
    /// Σ weight · score · 100 / (Σ weight · max) over the scored criteria, two decimals.
    pub total: Option<String>,
}

/// A score cell as saved.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedCell {
    pub stage: String,
    pub entry: String,
    pub criterion: String,
    pub value: Option<String>,
    pub comment: String,
    pub revision: u64,
    pub updated_at: String,
    /// False when the same value and comment were already saved.
    pub changed: bool,
    pub filled: usize,
    pub criteria: usize,
    pub total: Option<String>,
}

/// The running total of a sheet: the chair's juror-total formula over the criteria scored.
fn running_total(stage: &StageDef, values: &[Option<Fixed>]) -> Option<String> {
    let values: Vec<Option<i64>> = values.iter().map(|v| v.map(Fixed::raw)).collect();
    Weighting::of(stage)
        .running_total(&values)
        .map(|total| total.display(2))
}

impl JurorWorkspace {
    /// Who and what this workspace is for; `None` before a package is installed.
    pub fn info(&self) -> Result<Option<WorkspaceInfo>, AppError> {
        if !self.is_set_up()? {
            return Ok(None);
        }
        let installed = self.installed()?;
        let chair_key = juri_bundle::ChairPublic {
            signing_key: installed.pin.chair_signing_key.clone(),
            age_recipient: String::new(),
        }
        .signing_key_bytes()
        .map(|k| juri_bundle::Fingerprint::of(&k).short())
        .unwrap_or_default();
        Ok(Some(WorkspaceInfo {
            competition_id: installed.pin.competition_id.clone(),
            competition_name: installed.definition.competition.name.clone(),
            juror: installed.pin.juror_id.clone(),
            juror_name: installed.juror_name.clone(),
            package_version: installed.pin.package_version,
            chair_key,
            exports: (self.db.read().next_export_sequence()? - 1) as u64,
            unlocked: self.is_unlocked(),
        }))
    }

    /// Progress in every stage the juror is assigned to, in the competition's order.
    pub fn stages(&self) -> Result<Vec<StageProgress>, AppError> {
        let installed = self.installed()?;
        let mut out = Vec::new();
        for st in &installed.definition.stages {
            let Some(codes) = installed.assigned.get(&st.id) else {
                continue;
            };
            let list = self.entries_in(&installed, st, codes)?;
            out.push(StageProgress {
                stage: st.id.clone(),
                name: st.name.clone(),
                assigned: list.len(),
                scored: list.iter().filter(|e| e.filled == e.criteria).count(),
                submitted: list.iter().filter(|e| e.submitted).count(),
            });
        }
        Ok(out)
    }

    /// The entries assigned in `stage`, with progress and running totals.
    pub fn entries(&self, stage: &str) -> Result<Vec<EntryProgress>, AppError> {
        let installed = self.installed()?;
        let st = installed
            .definition
            .stage(stage)
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        let codes = installed.assigned.get(stage).cloned().unwrap_or_default();
        self.entries_in(&installed, st, &codes)
    }

    fn entries_in(
        &self,
        installed: &Installed,
        st: &StageDef,
        codes: &[String],
    ) -> Result<Vec<EntryProgress>, AppError> {
        let tx = self.db.read();
        let mut cells: HashMap<&str, Vec<JurorCell>> = HashMap::new();
        let all = tx.cells()?;
        for c in all.iter().filter(|c| c.stage == st.id) {
            cells.entry(c.entry.as_str()).or_default().push(c.clone());
        }
        let submitted: Vec<String> = tx
            .submissions()?
            .into_iter()
            .filter(|s| s.stage == st.id && s.value)
            .map(|s| s.entry)
            .collect();
        let mut out = Vec::new();
        for code in codes {
            let Some(e) = installed.entries.iter().find(|e| &e.code == code) else {
                continue;
            };
            let values = values_of(st, cells.get(code.as_str()).map(Vec::as_slice));
            out.push(EntryProgress {
                code: e.code.clone(),
                title: e.title.clone(),
                institution: e.institution.clone(),
                category: e.category.clone(),
                category_name: category_name(&installed.definition, &e.category),
                rintisan: e.rintisan,
                filled: values.iter().filter(|v| v.is_some()).count(),
                criteria: st.criteria().len(),
                submitted: submitted.contains(code),
                total: running_total(st, &values),
            });
        }
        Ok(out)
    }

    /// One entry's score sheet: criteria with weights, scale and level descriptors, the juror's
    /// values and comments, the note, and the running total.
    pub fn sheet(&self, stage: &str, entry: &str) -> Result<Sheet, AppError> {
        let installed = self.installed()?;
        let st = Self::scoring_stage(&installed, stage, entry)?;
        let e = installed
            .entries
            .iter()
            .find(|e| e.code == entry)
            .ok_or_else(|| AppError::UnknownEntry(entry.to_string()))?;
        let tx = self.db.read();
        let cells: Vec<JurorCell> = tx
            .cells()?
            .into_iter()
            .filter(|c| c.stage == stage && c.entry == entry)
            .collect();
        let values = values_of(st, Some(&cells));
        let note = tx
            .notes()?
            .into_iter()
            .find(|n| n.stage == stage && n.entry == entry)
            .map(|n| n.value)
            .unwrap_or_default();
        let photos = tx
            .note_photos()?
            .iter()
            .filter(|p| p.stage == stage && p.entry == entry)
            .map(crate::juror::NotePhotoView::from)
            .collect();
        let submitted = tx
            .submissions()?
            .into_iter()
            .any(|s| s.stage == stage && s.entry == entry && s.value);
        let scale = st.rubric.as_ref().map(|r| r.scale);
        let criteria = st
            .criteria()
            .iter()
            .map(|c| {
                let cell = cells.iter().find(|x| x.criterion == c.id);
                SheetRow {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    weight: c.weight.to_plain(),
                    description: c.description.clone(),
                    levels: c
                        .levels
                        .iter()
                        .map(|l| LevelView {
                            score: l.score.to_plain(),
                            to: l.to.map(Fixed::to_plain),
                            label: l.label.clone(),
                        })
                        .collect(),
                    value: cell.and_then(|x| x.value.clone()),
                    comment: cell.map(|x| x.comment.clone()).unwrap_or_default(),
                    revision: cell.map_or(0, |x| x.revision as u64),
                    updated_at: cell.map(|x| x.updated_at.clone()),
                }
            })
            .collect();
        Ok(Sheet {
            stage: st.id.clone(),
            stage_name: st.name.clone(),
            entry: e.code.clone(),
            title: e.title.clone(),
            institution: e.institution.clone(),
            category: e.category.clone(),
            category_name: category_name(&installed.definition, &e.category),
            description: e.description.clone(),
            scale_min: scale.map(|s| s.min.to_plain()).unwrap_or_default(),
            scale_max: scale.map(|s| s.max.to_plain()).unwrap_or_default(),
            scale_step: scale.map(|s| s.step.to_plain()).unwrap_or_default(),
            criteria,
            note,
            photos,
            submitted,
            filled: values.iter().filter(|v| v.is_some()).count(),
            total: running_total(st, &values),
        })
    }
}

/// The values of a sheet's cells in the rubric's criterion order.
fn values_of(st: &StageDef, cells: Option<&[JurorCell]>) -> Vec<Option<Fixed>> {
    st.criteria()
        .iter()
        .map(|c| {
            cells
                .and_then(|cs| cs.iter().find(|x| x.criterion == c.id))
                .and_then(|x| x.value.as_deref())
                .and_then(|v| Fixed::parse(v).ok())
        })
        .collect()
}

/// A category's name from the definition; its id when the definition does not name it.
fn category_name(def: &juri_core::Definition, id: &str) -> String {
    def.categories
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| id.to_string(), |c| c.name.clone())
}
