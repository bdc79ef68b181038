//! Replacing a juror mid-stage: the departing juror leaves the panel from an open stage on, another
//! juror takes over their assignments in that stage and the later stages not finalised, and the
//! chair chooses, with a reason, whether the departing juror's submitted sheets in that stage still
//! count. Who then sits where is `juri_core::replacement`'s rule; this use case checks the request
//! against the competition as it stands under the write lock, and records the replacement — a
//! row of `corrections` (its `after` keeps the replacement itself, from which the panel is seated)
//! and a line of the audit log — in the same transaction. Finalised stages, and their snapshots,
//! are untouched.

use std::collections::BTreeMap;

use juri_core::model::{Assignment, Juror};
use juri_core::replacement::{
    plan_replacement, seat, RecusedTakeover, ReplacementProblem, ReplacementRequest,
};
use juri_store::{replacement_to_value, NewCorrection, REPLACE_JUROR};
use serde::Serialize;
use serde_json::json;

use super::competition::Chair;
use crate::error::AppError;
use crate::refusal::Refusal;

/// A juror replaced.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReplacedJuror {
    pub stage: String,
    pub departing: String,
    pub replacement: String,
    /// Whether the departing juror's submitted sheets in `stage` still count.
    pub counts_departing: bool,
    /// The entries of `stage` whose submitted sheet of the departing juror still counts; the
    /// replacement scores the departing juror's other entries of the stage.
    pub kept: Vec<String>,
    /// The entries of `stage` the departing juror has scores of that no longer count.
    pub set_aside: Vec<String>,
    /// The stages the replacement takes over, in order.
    pub stages: Vec<String>,
    /// Entries the replacement takes over but is recused from: not seated on them.
    pub recused: Vec<RecusedTakeover>,
}

impl Chair {
    /// Replaces `departing` with `replacement` from `stage` (open) on. With `counts_departing`,
    /// the sheets the departing juror has submitted in `stage` still count and the replacement
    /// scores the rest of their entries there; without, none of the departing juror's sheets in
    /// `stage` count and the replacement scores all of them. Checked and written in one
    /// transaction that holds the write lock.
    pub fn replace_juror(
        &mut self,
        stage: &str,
        departing: &str,
        replacement: &str,
        counts_departing: bool,
        reason: &str,
    ) -> Result<ReplacedJuror, AppError> {
        self.correctable(reason)?;
        let reason = reason.trim();
        let by = self.acting()?;
        let now = crate::now();
        self.db.atomically(|| -> Result<ReplacedJuror, AppError> {
            // Read under the write lock: a merge committed before it is seen, none can come after.
            let snap = self.snapshot()?;
            let this = snap.stage_ref(stage)?;
            let di = snap
                .juror_index(departing)
                .ok_or_else(|| AppError::UnknownJuror(departing.to_string()))?;
            let ri = snap
                .juror_index(replacement)
                .ok_or_else(|| AppError::UnknownJuror(replacement.to_string()))?;
            if di == ri {
                return Err(Refusal::SameJuror {
                    juror: departing.into(),
                }
                .into());
            }
            if snap.finalized_at(this).is_some() {
                return Err(AppError::StageFinalized(stage.to_string()));
            }
            if !snap.def(this).is_scored_by_jurors() {
                return Err(Refusal::StageNotScored {
                    stage: stage.into(),
                }
                .into());
            }
            let tx = self.db.read();
            let sid = snap.row(this);
            let d_row = snap.juror_ids[di];
            let entry_of = |row: i64| {
                snap.entry_ids
                    .iter()
                    .position(|&id| id == row)
                    .map(|i| snap.entries[i].code.clone())
            };
            let submitted: Vec<String> = tx
                .submitted(sid)?
                .into_iter()
                .filter(|(_, j)| *j == d_row)
                .filter_map(|(e, _)| entry_of(e))
                .collect();
            let finalized: Vec<String> = snap
                .stage_refs()
                .filter(|&s| snap.finalized_at(s).is_some())
                .map(|s| snap.def(s).id.clone())
                .collect();
            let plan = plan_replacement(&ReplacementRequest {
                definition: &snap.definition,
                entries: &snap.entries,
                stage,
                departing: &snap.jurors[di],
                replacement: &snap.jurors[ri],
                counts_departing,
                submitted: &submitted,
                finalized: &finalized,
            })
            .map_err(|p| match p {
                ReplacementProblem::SameJuror { juror } => Refusal::SameJuror { juror },
                ReplacementProblem::DepartingNotOnStage { juror, stage } => {
                    Refusal::JurorNotOnStage { juror, stage }
                }
                ReplacementProblem::ReplacementRemoved { juror } => {
                    Refusal::ReplacementRemoved { juror }
                }
                ReplacementProblem::ReplacementOnStage { juror, stage } => {
                    Refusal::ReplacementOnStage { juror, stage }
                }
            })?;
            let r = plan.replacement;
            // The departing juror's scores in the stage that stop counting.
            let mut set_aside: Vec<String> = Vec::new();
            for c in tx.cells(Some(sid), Some(d_row), None)? {
                if let Some(code) = entry_of(c.entry_id) {
                    if c.value.is_some() && !r.kept.contains(&code) && !set_aside.contains(&code)
                    {
                        set_aside.push(code);
                    }
                }
            }
            set_aside.sort_by_key(|code| snap.entry_index(code));
            let mut seated = vec![snap.jurors[di].clone(), snap.jurors[ri].clone()];
            seat(&mut seated, &snap.entries, std::slice::from_ref(&r));
            let held = |j: &Juror| -> BTreeMap<String, Assignment> {
                j.assignments
                    .iter()
                    .filter(|(s, _)| r.stages.contains(s))
                    .map(|(s, a)| (s.clone(), a.clone()))
                    .collect()
            };
            let side = |d: &Juror, n: &Juror| {
                json!({
                    "departing": { "juror": d.id, "assignments": held(d) },
                    "replacement": { "juror": n.id, "assignments": held(n) },
                })
            };
            let mut after = side(&seated[0], &seated[1]);
            after["replaced"] = replacement_to_value(&r);
            after["set_aside"] = json!(set_aside);
            after["recused"] = json!(plan.recused);
            let name = |i: usize| &snap.jurors[i].name;
            let sheets = if !counts_departing {
                format!("{departing}'s sheets in {stage} no longer count")
            } else if r.kept.is_empty() {
                format!("{departing}'s submitted sheets in {stage} still count: none was submitted")
            } else {
                format!(
                    "{departing}'s submitted sheets in {stage} still count: {}",
                    r.kept.join(", ")
                )
            };
            let aside = if set_aside.is_empty() {
                String::new()
            } else {
                format!("; set aside: {}", set_aside.join(", "))
            };
            let recused = if plan.recused.is_empty() {
                String::new()
            } else {
                format!(
                    "; {replacement} is recused from, so not seated on: {}",
                    plan.recused
                        .iter()
                        .map(|x| format!("{}/{} ({})", x.stage, x.entry, x.reason))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            tx.add_correction(&NewCorrection {
                at: &now,
                kind: REPLACE_JUROR,
                stage: Some(stage),
                entry: None,
                by: &by,
                reason,
                before: &side(&snap.jurors[di], &snap.jurors[ri]).to_string(),
                after: &after.to_string(),
                action: REPLACE_JUROR,
                detail: &format!(
                    "{stage}: juror {departing} ({}) replaced with {replacement} ({}) by {by} in stages {}; {sheets}{aside}{recused} — reason: {reason}",
                    name(di),
                    name(ri),
                    r.stages.join(", ")
                ),
            })?;
            Ok(ReplacedJuror {
                stage: stage.into(),
                departing: departing.into(),
                replacement: replacement.into(),
                counts_departing,
                kept: r.kept,
                set_aside,
                stages: r.stages,
                recused: plan.recused,
            })
        })
    }
}
