//! A stage's results, the method comparison, completeness and the overview: the core's stage
//! pipeline evaluated over a [`Snapshot`], each stage once.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use juri_core::definition::{Method, StageKind};
use juri_core::model::{Cell, Juror, Screening};
use juri_core::pipeline::{self, Competition, StageRecords, StageSource};
use juri_core::results::{RankedEntry, StageInput, StageResults};
use juri_core::StageDef;
use juri_core::{comparison, Completeness, MethodComparison};
use juri_store::Tx;
use serde::Serialize;

use super::competition::{Chair, Snapshot, StageRef};
use crate::error::AppError;
use crate::refusal::Refusal;

/// A stage's place in the competition, for overviews.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageSummary {
    pub id: String,
    pub name: String,
    pub kind: StageKind,
    pub finalized_at: Option<String>,
    pub pool: usize,
    pub assigned: usize,
    pub submitted: usize,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Overview {
    pub competition_id: String,
    pub name: String,
    pub definition_version: i64,
    pub entries: usize,
    pub jurors: usize,
    pub current_stage: Option<String>,
    pub stages: Vec<StageSummary>,
    /// The categories, with the names the screens show instead of their ids.
    pub categories: Vec<juri_core::definition::Category>,
    /// When the competition was archived (RFC 3339): its record can be read and printed, not
    /// corrected.
    pub archived_at: Option<String>,
}

impl Chair {
    /// The results of a stage: frozen when finalised (unless another method is asked for), else
    /// computed from the current scores.
    #[tracing::instrument(name = "results", skip(self))]
    pub fn results(&self, stage: &str, method: Option<Method>) -> Result<StageResults, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            self.results_in(&snap, stage, method)
        })
    }

    pub fn results_in(
        &self,
        snap: &Snapshot,
        stage: &str,
        method: Option<Method>,
    ) -> Result<StageResults, AppError> {
        let stage = snap.stage_ref(stage)?;
        let mut all = self.evaluate(snap, stage, method)?;
        all.pop()
            .ok_or_else(|| AppError::UnknownStage(snap.def(stage).id.clone()))
    }

    /// The results of every stage up to `upto`, each computed once (see
    /// [`juri_core::pipeline::evaluate`]).
    pub fn evaluate(
        &self,
        snap: &Snapshot,
        upto: StageRef,
        method: Option<Method>,
    ) -> Result<Vec<StageResults>, AppError> {
        // A finalised stage asked for another method is computed over the panel as it sat (every
        // stage before it is finalised too, so only `upto` is computed).
        let jurors = self.panel(snap, upto)?;
        let competition = Competition {
            definition: &snap.definition,
            entries: &snap.entries,
            jurors: &jurors,
            decisions: &snap.decisions,
        };
        let mut source = Stored {
            tx: self.db.read(),
            snap,
        };
        pipeline::evaluate(&competition, upto.index(), method, &mut source)
    }

    /// Ranks under every aggregation method, and which change.
    pub fn compare_methods(&self, stage: &str) -> Result<MethodComparison, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            let st = snap.stage(stage)?;
            if st.kind != StageKind::Scoring {
                return Err(Refusal::MethodsDoNotApply {
                    stage: stage.into(),
                }
                .into());
            }
            comparison::compare_methods(|m| self.results_in(&snap, stage, Some(m)))
        })
    }

    /// Who has scored what.
    pub fn status(&self, stage: &str) -> Result<Completeness, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            self.status_in(&snap, stage)
        })
    }

    pub fn status_in(&self, snap: &Snapshot, stage: &str) -> Result<Completeness, AppError> {
        let stage = snap.stage_ref(stage)?;
        let prev = match snap.previous(stage) {
            Some(p) => self.evaluate(snap, p, None)?.pop(),
            None => None,
        };
        self.completeness(snap, stage, prev.as_ref())
    }

    /// Who has scored what in `stage`, whose entry pool `prev` (the previous stage's results)
    /// decides.
    pub(crate) fn completeness(
        &self,
        snap: &Snapshot,
        stage: StageRef,
        prev: Option<&StageResults>,
    ) -> Result<Completeness, AppError> {
        let st = snap.def(stage);
        let pool = pipeline::pool(&snap.definition, stage.index(), &snap.entries, prev);
        let tx = self.db.read();
        let sid = snap.row(stage);
        if st.kind == StageKind::Screening {
            let screened: Vec<i64> = tx.screening(sid)?.iter().map(|r| r.entry_id).collect();
            let entries: Vec<String> = pool
                .iter()
                .map(|&i| snap.entries[i as usize].code.clone())
                .collect();
            let done = pool
                .iter()
                .filter(|&&i| screened.contains(&snap.entry_ids[i as usize]))
                .count();
            return Ok(Completeness {
                stage: st.id.clone(),
                jurors: vec![],
                matrix: vec![vec![]; entries.len()],
                entries,
                assigned: pool.len(),
                submitted: done,
                excepted: 0,
                recused: vec![],
                disqualified: vec![],
            });
        }
        let empty = BTreeMap::new();
        let (cells, submitted) = stage_cells(&tx, sid, snap, st)?;
        let jurors = self.panel(snap, stage)?;
        Ok(juri_core::completeness::completeness(&StageInput {
            definition: &snap.definition,
            stage: st,
            entries: &snap.entries,
            jurors: &jurors,
            pool: &pool,
            cells: &cells,
            submitted: &submitted,
            decisions: &snap.decisions,
            earlier: &empty,
            method: None,
        }))
    }

    /// The first stage that is not finalised.
    pub fn current_stage(&self) -> Result<Option<String>, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            Ok(snap.current_stage().map(|s| snap.def(s).id.clone()))
        })
    }

    pub fn overview(&self) -> Result<Overview, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            // Each stage's pool comes from its predecessor: every stage but the last is evaluated once.
            let last = snap.stage_refs().last();
            let earlier = match last.and_then(|s| snap.previous(s)) {
                Some(p) => self.evaluate(&snap, p, None)?,
                None => Vec::new(),
            };
            let mut stages = Vec::new();
            for s in snap.stage_refs() {
                let prev = snap.previous(s).map(|p| &earlier[p.index()]);
                let status = self.completeness(&snap, s, prev)?;
                let def = snap.def(s);
                stages.push(StageSummary {
                    id: def.id.clone(),
                    name: def.name.clone(),
                    kind: def.kind,
                    finalized_at: snap.finalized_at(s).map(str::to_string),
                    pool: status.entries.len(),
                    assigned: status.assigned,
                    submitted: status.submitted + status.excepted,
                });
            }
            Ok(Overview {
                competition_id: snap.definition.competition.id.clone(),
                name: snap.definition.competition.name.clone(),
                definition_version: snap.definition_version,
                entries: snap.entries.len(),
                jurors: snap.jurors.len(),
                current_stage: snap.current_stage().map(|s| snap.def(s).id.clone()),
                stages,
                categories: snap.definition.categories.clone(),
                archived_at: self.db.read().meta("archived_at")?,
            })
        })
    }
}

impl Chair {
    /// The jurors as they sat on `stage`. Once the stage is finalised, the jurors its frozen
    /// results name (their totals and the sheets they still owed) count as on the panel whatever
    /// their state today, and no one else does, so a juror who leaves the panel (or joins it)
    /// later does not change what the stage's status, results under another method or method
    /// comparison say. Otherwise, the jurors as they are.
    fn panel<'s>(&self, snap: &'s Snapshot, stage: StageRef) -> Result<Cow<'s, [Juror]>, AppError> {
        if snap.finalized_at(stage).is_none() {
            return Ok(Cow::Borrowed(&snap.jurors));
        }
        let Some((_, frozen)) = self.db.read().finalized(snap.row(stage))? else {
            return Ok(Cow::Borrowed(&snap.jurors));
        };
        let sat: HashSet<&str> = frozen.rows().flat_map(RankedEntry::jurors).collect();
        Ok(Cow::Owned(
            snap.jurors
                .iter()
                .map(|j| Juror {
                    active: sat.contains(j.id.as_str()),
                    ..j.clone()
                })
                .collect(),
        ))
    }
}

/// The chair's database as the core's stage pipeline reads it.
struct Stored<'a> {
    tx: Tx<'a>,
    snap: &'a Snapshot,
}

impl StageSource for Stored<'_> {
    type Error = AppError;

    fn frozen(&mut self, index: usize) -> Result<Option<StageResults>, AppError> {
        let stage = &self.snap.definition.stages[index];
        let row = self.snap.row(self.snap.stage_ref(&stage.id)?);
        Ok(self.tx.finalized(row)?.map(|(at, frozen)| StageResults {
            finalized_at: Some(at),
            ..frozen
        }))
    }

    fn records(&mut self, index: usize) -> Result<StageRecords, AppError> {
        let stage = &self.snap.definition.stages[index];
        let row = self.snap.row(self.snap.stage_ref(&stage.id)?);
        Ok(match stage.kind {
            StageKind::Screening => {
                StageRecords::Screening(screening_records(&self.tx, row, self.snap)?)
            }
            _ => {
                let (cells, submitted) = stage_cells(&self.tx, row, self.snap, stage)?;
                StageRecords::Scores { cells, submitted }
            }
        })
    }
}

pub(super) fn screening_records(
    tx: &Tx<'_>,
    sid: i64,
    snap: &Snapshot,
) -> Result<Vec<Screening>, AppError> {
    let by_id: HashMap<i64, usize> = snap
        .entry_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i))
        .collect();
    Ok(tx
        .screening(sid)?
        .into_iter()
        .filter_map(|r| {
            by_id.get(&r.entry_id).map(|&i| Screening {
                entry: snap.entries[i].code.clone(),
                passed: r.passed,
                reasons: r.reasons,
                note: r.note,
                met: r.met,
            })
        })
        .collect())
}

/// A stage's counted score values and its submitted (entry, juror) pairs, as dense indexes.
pub(crate) type StageCells = (Vec<Cell>, Vec<(u32, u32)>);

/// Loads a stage's score values and submissions as core cells (dense indexes).
pub(crate) fn stage_cells(
    tx: &Tx<'_>,
    sid: i64,
    snap: &Snapshot,
    stage: &StageDef,
) -> Result<StageCells, AppError> {
    let dense = |ids: &[i64]| {
        let max = ids.iter().copied().max().unwrap_or(0).max(0) as usize;
        let mut v = vec![u32::MAX; max + 1];
        for (i, &id) in ids.iter().enumerate() {
            if id >= 0 {
                v[id as usize] = i as u32;
            }
        }
        v
    };
    let eidx = dense(&snap.entry_ids);
    let jidx = dense(&snap.juror_ids);
    let crit: HashMap<i64, u16> = tx
        .criteria(sid)?
        .into_iter()
        .map(|(id, code)| {
            (
                id,
                stage
                    .criteria()
                    .iter()
                    .position(|c| c.id == code)
                    .map(|p| p as u16)
                    .unwrap_or(u16::MAX),
            )
        })
        .collect();
    let look = |v: &[u32], id: i64| v.get(id as usize).copied().unwrap_or(u32::MAX);
    let mut cells = Vec::new();
    for (e, j, c, value) in tx.stage_values(sid)? {
        let (e, j) = (look(&eidx, e), look(&jidx, j));
        if e == u32::MAX || j == u32::MAX {
            continue;
        }
        cells.push(Cell {
            entry: e,
            juror: j,
            criterion: crit.get(&c).copied().unwrap_or(u16::MAX),
            value: juri_core::Fixed(value),
        });
    }
    let submitted = tx
        .submitted(sid)?
        .into_iter()
        .map(|(e, j)| (look(&eidx, e), look(&jidx, j)))
        .filter(|(e, j)| *e != u32::MAX && *j != u32::MAX)
        .collect();
    Ok((cells, submitted))
}
