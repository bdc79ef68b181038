//! The chair's use cases over the chair's database.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use juri_core::definition::{Method, StageKind};
use juri_core::model::{Cell, Decision, Entry, Juror, Screening};
use juri_core::results::{self, Completeness, MethodComparison, StageInput, StageResults};
use juri_core::{pipeline, Definition, StageDef};
use juri_store::{AuditRow, ChairDb, Tx};
use serde::Serialize;

use crate::error::AppError;

/// An open competition, as the chair holds it.
pub struct Chair {
    pub(crate) db: ChairDb,
    pub(crate) path: PathBuf,
}

/// Everything loaded once per computation.
pub struct Snapshot {
    pub definition: Definition,
    pub definition_version: i64,
    pub entries: Vec<Entry>,
    pub entry_ids: Vec<i64>,
    pub jurors: Vec<Juror>,
    pub juror_ids: Vec<i64>,
    pub decisions: Vec<Decision>,
}

impl Snapshot {
    pub fn entry_index(&self, code: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.code == code)
    }
    pub fn juror_index(&self, id: &str) -> Option<usize> {
        self.jurors.iter().position(|j| j.id == id)
    }
    pub fn stage(&self, id: &str) -> Result<&StageDef, AppError> {
        self.definition
            .stage(id)
            .ok_or_else(|| AppError::UnknownStage(id.to_string()))
    }
}

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
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finalized {
    pub stage: String,
    pub at: String,
    pub advancing: Vec<String>,
}

impl Chair {
    /// Creates the chair's database from a definition file's text.
    pub fn init(path: &Path, definition_toml: &str) -> Result<Chair, AppError> {
        let def: Definition = toml_definition(definition_toml)?;
        let mut db = ChairDb::create(path)?;
        let now = crate::now();
        db.write(|tx| -> Result<(), AppError> {
            tx.add_definition(definition_toml, &def, &now)?;
            tx.set_meta("competition_id", &def.competition.id)?;
            tx.audit(
                &now,
                "init",
                &format!(
                    "competition {} created from definition version 1",
                    def.competition.id
                ),
            )?;
            Ok(())
        })?;
        Ok(Chair {
            db,
            path: path.to_path_buf(),
        })
    }

    pub fn open(path: &Path) -> Result<Chair, AppError> {
        Ok(Chair {
            db: ChairDb::open(path)?,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn db(&self) -> &ChairDb {
        &self.db
    }

    pub fn db_mut(&mut self) -> &mut ChairDb {
        &mut self.db
    }

    pub fn definition(&self) -> Result<(i64, String, Definition), AppError> {
        let (v, text) = self
            .db
            .read()
            .definition()?
            .ok_or_else(|| AppError::Invalid("the database holds no definition".into()))?;
        let def = toml_definition(&text)?;
        Ok((v, text, def))
    }

    /// Replaces the definition with a new version. Scores are untouched; finalised stages stay frozen.
    pub fn update_definition(&mut self, toml: &str) -> Result<i64, AppError> {
        let def = toml_definition(toml)?;
        let (_, _, old) = self.definition()?;
        if def.competition.id != old.competition.id {
            return Err(AppError::Invalid(format!(
                "the new definition is for competition '{}', this database holds '{}'",
                def.competition.id, old.competition.id
            )));
        }
        let now = crate::now();
        self.db.write(|tx| -> Result<i64, AppError> {
            let v = tx.add_definition(toml, &def, &now)?;
            tx.audit(
                &now,
                "definition",
                &format!("definition version {v} recorded"),
            )?;
            Ok(v)
        })
    }

    pub fn snapshot(&self) -> Result<Snapshot, AppError> {
        let (version, _, definition) = self.definition()?;
        let tx = self.db.read();
        let (entry_ids, entries): (Vec<i64>, Vec<Entry>) = tx.entries()?.into_iter().unzip();
        let (juror_ids, jurors): (Vec<i64>, Vec<Juror>) = tx.jurors()?.into_iter().unzip();
        let decisions = decisions(&tx)?;
        Ok(Snapshot {
            definition,
            definition_version: version,
            entries,
            entry_ids,
            jurors,
            juror_ids,
            decisions,
        })
    }

    /// The results of a stage: frozen when finalised (unless another method is asked for), else
    /// computed from the current scores.
    pub fn results(&self, stage: &str, method: Option<Method>) -> Result<StageResults, AppError> {
        let snap = self.snapshot()?;
        self.results_in(&snap, stage, method)
    }

    pub fn results_in(
        &self,
        snap: &Snapshot,
        stage: &str,
        method: Option<Method>,
    ) -> Result<StageResults, AppError> {
        let k = snap
            .definition
            .stage_index(stage)
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        let mut earlier: BTreeMap<String, StageResults> = BTreeMap::new();
        let mut last = None;
        for i in 0..=k {
            let m = if i == k { method } else { None };
            let r = self.stage_results(snap, i, last.as_ref(), &earlier, m)?;
            earlier.insert(r.stage.clone(), r.clone());
            last = Some(r);
        }
        last.ok_or_else(|| AppError::UnknownStage(stage.to_string()))
    }

    fn stage_results(
        &self,
        snap: &Snapshot,
        k: usize,
        prev: Option<&StageResults>,
        earlier: &BTreeMap<String, StageResults>,
        method: Option<Method>,
    ) -> Result<StageResults, AppError> {
        let stage = &snap.definition.stages[k];
        let tx = self.db.read();
        let sid = tx.stage_id(&stage.id)?.unwrap_or(-1);
        if let Some((at, json)) = tx.finalized(sid)? {
            let frozen: StageResults = serde_json::from_str(&json).map_err(|e| {
                AppError::Invalid(format!("frozen results of {} are damaged: {e}", stage.id))
            })?;
            if method.is_none() || method == Some(frozen.method) {
                return Ok(StageResults {
                    finalized_at: Some(at),
                    ..frozen
                });
            }
        }
        let pool = pipeline::pool(&snap.definition, k, &snap.entries, prev);
        let provisional = prev.is_some_and(|p| p.finalized_at.is_none());
        let mut res = match stage.kind {
            StageKind::Screening => {
                let records = screening_records(&tx, sid, snap)?;
                pipeline::screening_results(&snap.definition, stage, &snap.entries, &pool, &records)
            }
            _ => {
                let (cells, submitted) = stage_cells(&tx, sid, snap, stage)?;
                results::compute(&StageInput {
                    definition: &snap.definition,
                    stage,
                    entries: &snap.entries,
                    jurors: &snap.jurors,
                    pool: &pool,
                    cells: &cells,
                    submitted: &submitted,
                    decisions: &snap.decisions,
                    earlier,
                    method,
                })
            }
        };
        res.provisional = provisional;
        Ok(res)
    }

    /// Ranks under every aggregation method, and which change.
    pub fn compare_methods(&self, stage: &str) -> Result<MethodComparison, AppError> {
        let snap = self.snapshot()?;
        let st = snap.stage(stage)?;
        if st.kind != StageKind::Scoring {
            return Err(AppError::Invalid(format!(
                "stage '{stage}' is not scored by jurors; methods do not apply"
            )));
        }
        results::compare_methods(|m| self.results_in(&snap, stage, Some(m)))
    }

    /// Who has scored what.
    pub fn status(&self, stage: &str) -> Result<Completeness, AppError> {
        let snap = self.snapshot()?;
        self.status_in(&snap, stage)
    }

    pub fn status_in(&self, snap: &Snapshot, stage: &str) -> Result<Completeness, AppError> {
        let k = snap
            .definition
            .stage_index(stage)
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        let st = &snap.definition.stages[k];
        let prev = if k == 0 {
            None
        } else {
            Some(self.results_in(snap, &snap.definition.stages[k - 1].id, None)?)
        };
        let pool = pipeline::pool(&snap.definition, k, &snap.entries, prev.as_ref());
        let tx = self.db.read();
        let sid = tx.stage_id(stage)?.unwrap_or(-1);
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
                stage: stage.into(),
                jurors: vec![],
                matrix: vec![vec![]; entries.len()],
                entries,
                assigned: pool.len(),
                submitted: done,
                excepted: 0,
                recused: vec![],
            });
        }
        let empty = BTreeMap::new();
        let (cells, submitted) = stage_cells(&tx, sid, snap, st)?;
        Ok(results::completeness(&StageInput {
            definition: &snap.definition,
            stage: st,
            entries: &snap.entries,
            jurors: &snap.jurors,
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
        let (_, _, def) = self.definition()?;
        let tx = self.db.read();
        for s in &def.stages {
            let sid = tx.stage_id(&s.id)?.unwrap_or(-1);
            if tx.finalized(sid)?.is_none() {
                return Ok(Some(s.id.clone()));
            }
        }
        Ok(None)
    }

    pub fn overview(&self) -> Result<Overview, AppError> {
        let snap = self.snapshot()?;
        let mut stages = Vec::new();
        for s in &snap.definition.stages {
            let status = self.status_in(&snap, &s.id)?;
            let sid = self.db.read().stage_id(&s.id)?.unwrap_or(-1);
            stages.push(StageSummary {
                id: s.id.clone(),
                name: s.name.clone(),
                kind: s.kind,
                finalized_at: self.db.read().finalized(sid)?.map(|f| f.0),
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
            current_stage: self.current_stage()?,
            stages,
        })
    }

    /// Records pass or fail for an entry in a screening stage.
    pub fn screen(&mut self, stage: &str, records: &[Screening]) -> Result<(), AppError> {
        let snap = self.snapshot()?;
        let st = snap.stage(stage)?;
        if st.kind != StageKind::Screening {
            return Err(AppError::Invalid(format!(
                "stage '{stage}' is not a screening stage"
            )));
        }
        self.ensure_open(stage)?;
        let mut problems = Vec::new();
        for r in records {
            if snap.entry_index(&r.entry).is_none() {
                problems.push(format!("unknown entry '{}'", r.entry));
            }
            if !r.passed && r.reasons.is_empty() {
                problems.push(format!(
                    "entry '{}' fails without a reason code (one of: {})",
                    r.entry,
                    codes(st)
                ));
            }
            for reason in &r.reasons {
                if !st.reasons.iter().any(|x| x.code == *reason) {
                    problems.push(format!(
                        "entry '{}': unknown reason code '{reason}' (one of: {})",
                        r.entry,
                        codes(st)
                    ));
                }
            }
            if r.passed && !r.reasons.is_empty() {
                problems.push(format!("entry '{}' passes but has reason codes", r.entry));
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Invalid(problems.join("\n")));
        }
        let now = crate::now();
        self.db.write(|tx| -> Result<(), AppError> {
            let sid = tx.stage_id(stage)?.unwrap_or(-1);
            for r in records {
                let eid = snap.entry_ids[snap.entry_index(&r.entry).unwrap_or(0)];
                tx.set_screening(sid, eid, r.passed, &r.reasons, &r.note, &now)?;
                let verdict = if r.passed {
                    "pass".to_string()
                } else {
                    format!("fail ({})", r.reasons.join(", "))
                };
                tx.audit(&now, "screen", &format!("{stage}: {} {verdict}", r.entry))?;
            }
            Ok(())
        })
    }

    /// Records a chair decision after checking it makes sense.
    pub fn decide(&mut self, decision: Decision) -> Result<i64, AppError> {
        let snap = self.snapshot()?;
        let stage = decision.stage().to_string();
        let st = snap.stage(&stage)?;
        self.ensure_open(&stage)?;
        if decision.reason().trim().is_empty() {
            return Err(AppError::Invalid(
                "a decision needs a reason; it is printed in the minutes".into(),
            ));
        }
        match &decision {
            Decision::TieOrder { entries, .. } => {
                if entries.len() < 2 {
                    return Err(AppError::Invalid(
                        "a tie order names at least two entries, best first".into(),
                    ));
                }
                let res = self.results_in(&snap, &stage, None)?;
                for e in entries {
                    if res.row(e).is_none() {
                        return Err(AppError::Invalid(format!(
                            "entry '{e}' is not in stage '{stage}'"
                        )));
                    }
                }
                let covered = res
                    .unresolved_ties
                    .iter()
                    .any(|g| g.iter().all(|c| entries.contains(c)));
                if !covered {
                    return Err(AppError::Invalid(format!(
                        "{} are not tied after the tie-break cascade in '{stage}'; unresolved ties: {}",
                        entries.join(", "),
                        if res.unresolved_ties.is_empty() { "none".to_string() } else { res.unresolved_ties.iter().map(|g| g.join(" = ")).collect::<Vec<_>>().join("; ") }
                    )));
                }
            }
            Decision::Exception { juror, entry, .. } => {
                let j = snap
                    .juror_index(juror)
                    .ok_or_else(|| AppError::UnknownJuror(juror.clone()))?;
                let e = snap
                    .entry_index(entry)
                    .ok_or_else(|| AppError::UnknownEntry(entry.clone()))?;
                if st.kind != StageKind::Scoring
                    || !snap.jurors[j].is_assigned(&stage, &snap.entries[e])
                {
                    return Err(AppError::Invalid(format!(
                        "juror '{juror}' is not assigned to '{entry}' in '{stage}'"
                    )));
                }
            }
            Decision::Disqualify { entry, .. } => {
                snap.entry_index(entry)
                    .ok_or_else(|| AppError::UnknownEntry(entry.clone()))?;
            }
        }
        let body =
            serde_json::to_string(&decision).map_err(|e| AppError::Invalid(e.to_string()))?;
        let now = crate::now();
        self.db.write(|tx| -> Result<i64, AppError> {
            let id = tx.add_decision(&body, &now)?;
            tx.audit(&now, "decide", &describe(&decision))?;
            Ok(id)
        })
    }

    pub fn decisions(&self) -> Result<Vec<(i64, String, Decision)>, AppError> {
        let tx = self.db.read();
        tx.decisions()?
            .into_iter()
            .map(|(id, at, body)| {
                Ok((
                    id,
                    at,
                    serde_json::from_str(&body)
                        .map_err(|e| AppError::Invalid(format!("decision {id} is damaged: {e}")))?,
                ))
            })
            .collect()
    }

    /// Freezes a stage's results and hands its advancing entries to the next stage.
    pub fn finalize(&mut self, stage: &str) -> Result<Finalized, AppError> {
        let snap = self.snapshot()?;
        let k = snap
            .definition
            .stage_index(stage)
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        self.ensure_open(stage)?;
        let mut reasons = Vec::new();
        if k > 0 {
            let prev = &snap.definition.stages[k - 1].id;
            let sid = self.db.read().stage_id(prev)?.unwrap_or(-1);
            if self.db.read().finalized(sid)?.is_none() {
                reasons.push(format!("the previous stage '{prev}' is not finalised"));
            }
        }
        let res = self.results_in(&snap, stage, None)?;
        let status = self.status_in(&snap, stage)?;
        if status.entries.is_empty() {
            reasons.push("no entry takes part in this stage".into());
        }
        match snap.definition.stages[k].kind {
            StageKind::Screening => {
                let pending: Vec<&str> = res
                    .rows()
                    .filter(|r| r.advance.is_none())
                    .map(|r| r.entry.as_str())
                    .collect();
                if !pending.is_empty() {
                    reasons.push(format!(
                        "{} entr{} not screened yet: {}",
                        pending.len(),
                        if pending.len() == 1 {
                            "y is"
                        } else {
                            "ies are"
                        },
                        list(&pending)
                    ));
                }
            }
            StageKind::Scoring => {
                let missing: Vec<String> = status
                    .matrix
                    .iter()
                    .enumerate()
                    .flat_map(|(e, row)| {
                        row.iter().enumerate().filter_map(move |(j, s)| match s {
                            Some(results::PairState::Submitted | results::PairState::Excepted)
                            | None => None,
                            Some(_) => Some((e, j)),
                        })
                    })
                    .map(|(e, j)| format!("{}/{}", status.jurors[j], status.entries[e]))
                    .collect();
                if !missing.is_empty() {
                    reasons.push(format!(
                        "{} assigned sheet{} not submitted (juror/entry): {} — import the bundles or record an exception with `juri decide exception`",
                        missing.len(),
                        if missing.len() == 1 { " is" } else { "s are" },
                        list(&missing.iter().map(String::as_str).collect::<Vec<_>>())
                    ));
                }
            }
            StageKind::Final => {
                let unscored: Vec<&str> = res
                    .rows()
                    .filter(|r| r.score.is_none() && r.disqualified.is_none())
                    .map(|r| r.entry.as_str())
                    .collect();
                if !unscored.is_empty() {
                    reasons.push(format!(
                        "entries without a final score: {}",
                        list(&unscored)
                    ));
                }
            }
        }
        if !res.undecided.is_empty() {
            reasons.push(format!(
                "a tie at the cut needs a chair decision (`juri decide tie`): {}",
                res.unresolved_ties
                    .iter()
                    .filter(|g| g.iter().any(|c| res.undecided.contains(c)))
                    .map(|g| g.join(" = "))
                    .collect::<Vec<_>>()
                    .join("; ")
            ));
        }
        if !reasons.is_empty() {
            return Err(AppError::CannotFinalize {
                stage: stage.into(),
                reasons,
            });
        }
        let now = crate::now();
        let json = serde_json::to_string(&res).map_err(|e| AppError::Invalid(e.to_string()))?;
        let advancing = res.advancing();
        self.db.write(|tx| -> Result<(), AppError> {
            let sid = tx.stage_id(stage)?.unwrap_or(-1);
            tx.set_finalized(sid, &now, &json)?;
            tx.audit(
                &now,
                "finalize",
                &format!(
                    "{stage} finalised; {} entries advance: {}",
                    advancing.len(),
                    advancing.join(", ")
                ),
            )?;
            Ok(())
        })?;
        Ok(Finalized {
            stage: stage.into(),
            at: now,
            advancing,
        })
    }

    pub fn log(&self) -> Result<Vec<AuditRow>, AppError> {
        Ok(self.db.read().audit_log()?)
    }

    pub(crate) fn ensure_open(&self, stage: &str) -> Result<(), AppError> {
        let tx = self.db.read();
        let sid = tx
            .stage_id(stage)?
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        if tx.finalized(sid)?.is_some() {
            return Err(AppError::StageFinalized(stage.to_string()));
        }
        Ok(())
    }
}

fn list(items: &[&str]) -> String {
    if items.len() > 12 {
        format!("{} … and {} more", items[..12].join(", "), items.len() - 12)
    } else {
        items.join(", ")
    }
}

fn codes(st: &StageDef) -> String {
    st.reasons
        .iter()
        .map(|r| r.code.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn describe(d: &Decision) -> String {
    match d {
        Decision::TieOrder {
            stage,
            entries,
            reason,
        } => format!("{stage}: tie ordered {} — {reason}", entries.join(" > ")),
        Decision::Exception {
            stage,
            juror,
            entry,
            reason,
        } => format!("{stage}: exception for {juror}/{entry} — {reason}"),
        Decision::Disqualify {
            stage,
            entry,
            reason,
        } => format!("{stage}: {entry} disqualified — {reason}"),
    }
}

pub(crate) fn toml_definition(text: &str) -> Result<Definition, AppError> {
    let def: Definition = toml::from_str(text)
        .map_err(|e| juri_core::DefinitionError::from_toml_with_source(e, text))?;
    def.validate()?;
    Ok(def)
}

fn decisions(tx: &Tx<'_>) -> Result<Vec<Decision>, AppError> {
    tx.decisions()?
        .into_iter()
        .map(|(id, _, body)| {
            serde_json::from_str(&body)
                .map_err(|e| AppError::Invalid(format!("decision {id} is damaged: {e}")))
        })
        .collect()
}

fn screening_records(tx: &Tx<'_>, sid: i64, snap: &Snapshot) -> Result<Vec<Screening>, AppError> {
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
