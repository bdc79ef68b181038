//! Spreadsheet and data exports of the results (XLSX, CSV, JSON).

use juri_core::definition::StageKind;
use juri_core::model::{Entry, Juror};
use juri_core::results::StageResults;
use juri_report::{NomineeRecord, ScoreRecord, ScreeningTable};
use rust_i18n::t;

use super::common::*;
use super::request::{ExportFormat, PrintRequest};
use crate::chair::{Chair, Snapshot, StageRef};
use crate::error::AppError;
use crate::refusal::Refusal;

impl Chair {
    /// Every recap (XLSX: one sheet per stage and category; CSV: one table with stage and category
    /// columns) or the full results of every stage (JSON).
    pub fn export(&self, format: ExportFormat, req: &PrintRequest) -> Result<Vec<u8>, AppError> {
        self.read(|| {
            match format {
                ExportFormat::Json => {
                    let snap = self.snapshot()?;
                    let all: Vec<StageResults> = snap
                        .definition
                        .stages
                        .iter()
                        .map(|s| self.results_in(&snap, &s.id, None))
                        .collect::<Result<_, _>>()?;
                    serde_json::to_vec_pretty(&serde_json::json!({
                        "competition": snap.definition.competition,
                        "definition_version": snap.definition_version,
                        "stages": all,
                    }))
                    .map_err(|e| AppError::render(t!("render.json_export"), e))
                }
                ExportFormat::Xlsx | ExportFormat::Csv => {
                    let snap = self.snapshot()?;
                    let mut tables = Vec::new();
                    for r in recap_requests(&snap, req) {
                        // A stage with no entry yet has no recap; the others are exported.
                        if let Ok(t) = self.recaps(&snap, &r) {
                            tables.extend(t);
                        }
                    }
                    // The workbook's first sheets: each screening stage's checklist per entry.
                    let screenings = if format == ExportFormat::Xlsx {
                        self.screening_tables(&snap, req)?
                    } else {
                        Vec::new()
                    };
                    if tables.is_empty() && screenings.is_empty() {
                        return Err(Refusal::NothingToExport.into());
                    }
                    let out = if format == ExportFormat::Xlsx {
                        juri_report::export_workbook(&screenings, &tables, lang(req))
                    } else {
                        juri_report::export_csv(&tables)
                    };
                    out.map_err(|e| AppError::render(t!("render.export"), e))
                }
            }
        })
    }
}

impl Chair {
    /// Every screening stage that has entries, as the recap workbook's sheet shows it: printed
    /// like its minutes (from its snapshot once finalised).
    fn screening_tables(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<Vec<ScreeningTable>, AppError> {
        let mut out = Vec::new();
        for st in &snap.definition.stages {
            if st.kind != StageKind::Screening {
                continue;
            }
            let sitting = self.sitting(snap, &st.id, None)?;
            let under = sitting.snap(snap);
            let results = super::minutes::screening_results(&sitting, under, under.stage(&st.id)?);
            if results.groups.iter().all(|g| g.entries.is_empty()) {
                continue;
            }
            out.push(ScreeningTable {
                competition: under.definition.competition.name.clone(),
                stage: under.stage(&st.id)?.name.clone(),
                date: self.today(req),
                results,
            });
        }
        Ok(out)
    }
}

/// What an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportContent {
    /// Every recap (XLSX, CSV), or the full results of every stage (JSON).
    #[default]
    Recaps,
    /// Every score cell with its revision, source and whether it counts.
    Scores,
    /// The entries put forward from a stage: the final's winners (or the entries that advance from
    /// a scoring stage), with rank, award, place, institution and category.
    Nominees,
}

impl Chair {
    /// The export `what` names: [`Chair::export`] or [`Chair::export_scores`].
    pub fn export_content(
        &self,
        what: ExportContent,
        format: ExportFormat,
        req: &PrintRequest,
    ) -> Result<Vec<u8>, AppError> {
        match what {
            ExportContent::Recaps => self.export(format, req),
            ExportContent::Scores => self.export_scores(format, req),
            ExportContent::Nominees => self.export_nominees(format, req, None),
        }
    }

    /// The entries put forward from `req.stage` (the definition's final when none is named): with
    /// `top`, every entry ranked 1..=`top` (within its category when the stage ranks per category);
    /// otherwise the final's winners in the order of the award tiers and their places, or the
    /// entries that advance from any other stage. CSV, XLSX (headers in `req.lang`) or JSON.
    pub fn export_nominees(
        &self,
        format: ExportFormat,
        req: &PrintRequest,
        top: Option<u32>,
    ) -> Result<Vec<u8>, AppError> {
        let records = self.read(|| self.nominee_records(req, top))?;
        if records.is_empty() {
            return Err(Refusal::NothingToExport.into());
        }
        match format {
            ExportFormat::Csv => juri_report::export_nominees_csv(&records),
            ExportFormat::Xlsx => juri_report::export_nominees_xlsx(&records, lang(req)),
            ExportFormat::Json => {
                return serde_json::to_vec_pretty(&records)
                    .map_err(|e| AppError::render(t!("render.nominees_export"), e))
            }
        }
        .map_err(|e| AppError::render(t!("render.nominees_export"), e))
    }

    fn nominee_records(
        &self,
        req: &PrintRequest,
        top: Option<u32>,
    ) -> Result<Vec<NomineeRecord>, AppError> {
        let snap = self.snapshot()?;
        let def = &snap.definition;
        let stage = super::awards::final_stage(def, req).ok_or_else(|| {
            AppError::needs(t!("export.no_final_stage"), crate::error::Hint::ChooseStage)
        })?;
        let st = snap.stage(&stage)?;
        let res = self.results_in(&snap, &stage, None)?;
        let decimals =
            juri_core::results::Score::decimals_to_tell_apart(res.rows().filter_map(|r| r.score));
        let award_order = |id: &str| st.awards.iter().position(|a| a.id == id);
        let mut rows: Vec<&juri_core::results::RankedEntry> = match top {
            Some(n) => res
                .rows()
                .filter(|r| r.rank.is_some_and(|k| k <= n))
                .collect(),
            None if st.kind == juri_core::StageKind::Final => {
                let mut won: Vec<_> = res.rows().filter(|r| r.award.is_some()).collect();
                won.sort_by_key(|r| (r.award.as_deref().and_then(award_order), r.award_place));
                won
            }
            None => res
                .rows()
                .filter(|r| r.advance == Some(juri_core::results::Cut::In))
                .collect(),
        };
        rows.dedup_by(|a, b| a.entry == b.entry);
        let category = |id: &str| {
            def.categories
                .iter()
                .find(|c| c.id == id)
                .map_or_else(|| id.to_string(), |c| c.name.clone())
        };
        Ok(rows
            .into_iter()
            .map(|r| NomineeRecord {
                rank: r.rank,
                award: r
                    .award
                    .as_deref()
                    .and_then(|id| st.awards.iter().find(|a| a.id == id))
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                place: r.award_place,
                entry: r.entry.clone(),
                title: r.title.clone(),
                institution: r.institution.clone(),
                category: category(&r.category),
                score: r.score.map(|s| dec_score_at(s, decimals)),
            })
            .collect())
    }

    /// Every score cell (one row per juror × entry × criterion) of every scoring stage, or of
    /// `req.stage`: the value, its revision, where it came from (`paper`, or the fingerprint of the
    /// juror's bundle) and whether it counts in the stage's results. CSV, XLSX (headers in
    /// `req.lang`) or JSON.
    pub fn export_scores(
        &self,
        format: ExportFormat,
        req: &PrintRequest,
    ) -> Result<Vec<u8>, AppError> {
        let records = self.read(|| self.score_records(req))?;
        if records.is_empty() {
            return Err(Refusal::NothingToExport.into());
        }
        match format {
            ExportFormat::Csv => juri_report::export_scores_csv(&records),
            ExportFormat::Xlsx => juri_report::export_scores_xlsx(&records, lang(req)),
            ExportFormat::Json => {
                return serde_json::to_vec_pretty(&records)
                    .map_err(|e| AppError::render(t!("render.score_export"), e))
            }
        }
        .map_err(|e| AppError::render(t!("render.score_export"), e))
    }

    fn score_records(&self, req: &PrintRequest) -> Result<Vec<ScoreRecord>, AppError> {
        use std::collections::{HashMap, HashSet};
        let snap = self.snapshot()?;
        let def = &snap.definition;
        let zone = def.competition.zone();
        let stages: Vec<StageRef> = match &req.stage {
            Some(code) => vec![snap.stage_ref(code)?],
            None => snap.stage_refs().collect(),
        };
        let entries: HashMap<i64, &Entry> =
            snap.entry_ids.iter().copied().zip(&snap.entries).collect();
        let jurors: HashMap<i64, &Juror> =
            snap.juror_ids.iter().copied().zip(&snap.jurors).collect();
        let category = |id: &str| {
            def.categories
                .iter()
                .find(|c| c.id == id)
                .map_or_else(|| id.to_string(), |c| c.name.clone())
        };
        let tx = self.db.read();
        let bundles = crate::chair::snapshots::latest_bundles(&tx)?;
        let mut out = Vec::new();
        for stage in stages {
            let st = snap.def(stage);
            if st.kind != juri_core::StageKind::Scoring {
                if req.stage.is_some() {
                    return Err(Refusal::StageNotScored {
                        stage: st.id.clone(),
                    }
                    .into());
                }
                continue;
            }
            let results = self.results_in(&snap, &st.id, None)?;
            let counted: HashSet<(&str, &str)> = results
                .rows()
                .flat_map(|r| {
                    r.juror_totals
                        .iter()
                        .map(move |t| (r.entry.as_str(), t.juror.as_str()))
                })
                .collect();
            let criteria = snap.criterion_rows(stage);
            for c in tx.cells(Some(snap.row(stage)), None, None)? {
                let (Some(e), Some(j), Some(code)) = (
                    entries.get(&c.entry_id),
                    jurors.get(&c.juror_id),
                    criteria.get(&c.criterion_id),
                ) else {
                    continue;
                };
                out.push(ScoreRecord {
                    stage: st.id.clone(),
                    stage_name: st.name.clone(),
                    entry: e.code.clone(),
                    title: e.title.clone(),
                    category: category(&e.category),
                    juror: j.id.clone(),
                    juror_name: j.name.clone(),
                    criterion: code.clone(),
                    criterion_name: st
                        .criterion(code)
                        .map_or_else(|| code.clone(), |k| k.name.clone()),
                    value: c.value.map(|v| dec(juri_core::Fixed(v))),
                    revision: c.revision,
                    source: if c.source == "bundle" {
                        bundles.get(&c.juror_id).cloned().unwrap_or(c.source)
                    } else {
                        c.source
                    },
                    updated_at: chrono::DateTime::parse_from_rfc3339(&c.updated_at)
                        .map(|t| t.with_timezone(&zone).to_rfc3339())
                        .unwrap_or(c.updated_at),
                    comment: c.comment,
                    counted: counted.contains(&(e.code.as_str(), j.id.as_str())),
                });
            }
        }
        Ok(out)
    }
}
