//! The chair's decisions on a stage: screening records, tie orders, exceptions and
//! disqualifications, and finalisation.

use juri_core::definition::StageKind;
use juri_core::model::{Decision, Screening};
use juri_core::StageDef;
use rust_i18n::t;
use serde::Serialize;

use super::competition::Chair;
use crate::error::{AppError, Blocker, Hint};
use crate::refusal::Refusal;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finalized {
    pub stage: String,
    pub at: String,
    pub advancing: Vec<String>,
    /// The snapshot version of the frozen results: 1, or N + 1 for a stage re-opened N times.
    pub version: i64,
}

impl Chair {
    /// Records pass or fail for an entry in a screening stage.
    pub fn screen(&mut self, stage: &str, records: &[Screening]) -> Result<(), AppError> {
        let snap = self.snapshot()?;
        let st = snap.stage(stage)?;
        if st.kind != StageKind::Screening {
            return Err(Refusal::NotScreening {
                stage: stage.into(),
            }
            .into());
        }
        self.ensure_open(stage)?;
        let mut problems = Vec::new();
        // Each record's entry, resolved once: its row id in the database.
        let mut rows = Vec::with_capacity(records.len());
        for r in records {
            match snap.entry_index(&r.entry) {
                Some(i) => {
                    rows.push(snap.entry_ids[i]);
                    let e = &snap.entries[i];
                    problems.extend(st.checklist_problems(r, &e.category, e.rintisan));
                }
                None => problems.push(t!("error.unknown_entry", entry = r.entry).into_owned()),
            }
            if !r.passed && r.reasons.is_empty() {
                problems.push(
                    t!(
                        "screening.fails_without_reason",
                        entry = r.entry,
                        codes = codes(st)
                    )
                    .into_owned(),
                );
            }
            for reason in &r.reasons {
                if !st.reasons.iter().any(|x| x.code == *reason) {
                    problems.push(
                        t!(
                            "screening.unknown_reason",
                            entry = r.entry,
                            reason = reason,
                            codes = codes(st)
                        )
                        .into_owned(),
                    );
                }
            }
            if r.passed && !r.reasons.is_empty() {
                problems.push(t!("screening.passes_with_reasons", entry = r.entry).into_owned());
            }
        }
        if !problems.is_empty() {
            return Err(Refusal::ScreeningRefused { problems }.into());
        }
        let sid = snap.row(snap.stage_ref(stage)?);
        let now = crate::now();
        self.db.write(|tx| -> Result<(), AppError> {
            for (r, &eid) in records.iter().zip(&rows) {
                tx.set_screening(
                    sid,
                    eid,
                    r.passed,
                    &r.reasons,
                    &r.note,
                    r.met.as_deref(),
                    &now,
                )?;
                let mut verdict = if r.passed {
                    "pass".to_string()
                } else {
                    format!("fail ({})", r.reasons.join(", "))
                };
                if let Some(met) = &r.met {
                    let met = if met.is_empty() {
                        "none".to_string()
                    } else {
                        met.join(", ")
                    };
                    verdict.push_str(&format!("; items met: {met}"));
                }
                tx.audit(&now, "screen", &format!("{stage}: {} {verdict}", r.entry))?;
            }
            Ok(())
        })
    }

    /// Records a chair decision after checking it makes sense.
    pub fn decide(&mut self, decision: Decision) -> Result<i64, AppError> {
        self.check_decision(&decision)?;
        let now = crate::now();
        self.db.write(|tx| -> Result<i64, AppError> {
            let id = tx.add_decision(&decision, &now)?;
            tx.audit(&now, "decide", &describe(&decision))?;
            Ok(id)
        })
    }

    /// Whether a decision makes sense in the competition as it stands: its stage open, a reason
    /// given, its entries and jurors where it says.
    pub(crate) fn check_decision(&self, decision: &Decision) -> Result<(), AppError> {
        let snap = self.snapshot()?;
        let stage = decision.stage().to_string();
        let st = snap.stage(&stage)?;
        self.ensure_open(&stage)?;
        if decision.reason().trim().is_empty() {
            return Err(Refusal::DecisionWithoutReason.into());
        }
        match decision {
            Decision::TieOrder { entries, .. } => {
                if entries.len() < 2 {
                    return Err(Refusal::TieOrderTooShort.into());
                }
                let res = self.results_in(&snap, &stage, None)?;
                for e in entries {
                    if res.row(e).is_none() {
                        return Err(Refusal::EntryNotInStage {
                            stage: stage.clone(),
                            entry: e.clone(),
                        }
                        .into());
                    }
                }
                let mut repeated: Vec<String> = Vec::new();
                for (i, e) in entries.iter().enumerate() {
                    if entries[..i].contains(e) && !repeated.contains(e) {
                        repeated.push(e.clone());
                    }
                }
                let not_tied: Vec<String> = entries
                    .iter()
                    .filter(|e| !res.unresolved_ties.iter().any(|g| g.contains(e)))
                    .cloned()
                    .collect();
                // Exactly one tie: each of its entries named once, and nothing else.
                let one_tie = repeated.is_empty()
                    && res
                        .unresolved_ties
                        .iter()
                        .any(|g| g.len() == entries.len() && g.iter().all(|c| entries.contains(c)));
                if !one_tie {
                    return Err(Refusal::NotTied {
                        stage: stage.clone(),
                        entries: entries.clone(),
                        not_tied,
                        repeated,
                        ties: res.unresolved_ties.clone(),
                    }
                    .into());
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
                    return Err(Refusal::JurorNotAssigned {
                        stage: stage.clone(),
                        juror: juror.clone(),
                        entry: entry.clone(),
                    }
                    .into());
                }
            }
            Decision::Disqualify { entry, .. } => {
                snap.entry_index(entry)
                    .ok_or_else(|| AppError::UnknownEntry(entry.clone()))?;
            }
            Decision::Unscored { entry, .. } => {
                snap.entry_index(entry)
                    .ok_or_else(|| AppError::UnknownEntry(entry.clone()))?;
                if st.kind != StageKind::Scoring {
                    return Err(Refusal::StageNotScored {
                        stage: stage.clone(),
                    }
                    .into());
                }
                let res = self.results_in(&snap, &stage, None)?;
                let row = res.row(entry).ok_or_else(|| Refusal::EntryNotInStage {
                    stage: stage.clone(),
                    entry: entry.clone(),
                })?;
                if row.disqualified.is_some() {
                    return Err(Refusal::EntryDisqualified {
                        stage: stage.clone(),
                        entry: entry.clone(),
                    }
                    .into());
                }
                if !row.juror_totals.is_empty() {
                    return Err(Refusal::EntryIsScored {
                        stage: stage.clone(),
                        entry: entry.clone(),
                        jurors: row.juror_totals.iter().map(|t| t.juror.clone()).collect(),
                    }
                    .into());
                }
            }
        }
        Ok(())
    }

    pub fn decisions(&self) -> Result<Vec<(i64, String, Decision)>, AppError> {
        Ok(self.db.read().decisions()?)
    }

    /// Freezes a stage's results and hands its advancing entries to the next stage; keeps the
    /// stage's snapshot (see `snapshots.rs`) in the same transaction, under the same version.
    #[tracing::instrument(name = "finalize", skip(self))]
    pub fn finalize(&mut self, stage: &str) -> Result<Finalized, AppError> {
        // Everything the stage is judged and frozen on is read as of one moment.
        let (res, sid, content) = self.read(|| {
            let snap = self.snapshot()?;
            let this = snap.stage_ref(stage)?;
            self.ensure_open(stage)?;
            let mut reasons: Vec<Blocker> = Vec::new();
            let blocker = |message: String, hint: Option<Hint>| Blocker { message, hint };
            if let Some(prev) = snap.previous(this) {
                if snap.finalized_at(prev).is_none() {
                    reasons.push(blocker(
                        t!("finalize.previous_not_finalized", stage = snap.def(prev).id)
                            .into_owned(),
                        None,
                    ));
                }
            }
            if let Some(review) = self.db.read().needs_review(snap.row(this))? {
                reasons.push(blocker(
                    t!(
                        "finalize.needs_review",
                        because = review.because,
                        since = review.since
                    )
                    .into_owned(),
                    Some(Hint::ReviewStage),
                ));
            }
            let mut all = self.evaluate(&snap, this, None)?;
            let res = all
                .pop()
                .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
            let status = self.completeness(&snap, this, all.last())?;
            if status.entries.is_empty() {
                reasons.push(blocker(t!("finalize.no_entries").into_owned(), None));
            }
            match snap.def(this).kind {
                StageKind::Screening => {
                    let pending: Vec<&str> = res
                        .rows()
                        .filter(|r| r.advance.is_none())
                        .map(|r| r.entry.as_str())
                        .collect();
                    if !pending.is_empty() {
                        reasons.push(blocker(
                            if pending.len() == 1 {
                                t!("finalize.not_screened_one", entries = list(&pending))
                            } else {
                                t!(
                                    "finalize.not_screened_many",
                                    count = pending.len(),
                                    entries = list(&pending)
                                )
                            }
                            .into_owned(),
                            None,
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
                                Some(
                                    juri_core::PairState::Submitted
                                    | juri_core::PairState::Excepted,
                                )
                                | None => None,
                                Some(_) => Some((e, j)),
                            })
                        })
                        .map(|(e, j)| format!("{}/{}", status.jurors[j], status.entries[e]))
                        .collect();
                    if !missing.is_empty() {
                        reasons.push(blocker(
                            {
                                let sheets =
                                    list(&missing.iter().map(String::as_str).collect::<Vec<_>>());
                                if missing.len() == 1 {
                                    t!("finalize.not_submitted_one", sheets = sheets)
                                } else {
                                    t!(
                                        "finalize.not_submitted_many",
                                        count = missing.len(),
                                        sheets = sheets
                                    )
                                }
                                .into_owned()
                            },
                            Some(Hint::RecordException),
                        ));
                    }
                    // An entry no counted juror scored, with no sheet left to wait for, would drop
                    // out unscored: only an exception for it lets the stage be finalised.
                    let waiting: Vec<&str> = status
                        .matrix
                        .iter()
                        .zip(&status.entries)
                        .filter(|(row, _)| {
                            row.iter().any(|s| {
                                !matches!(
                                    s,
                                    None | Some(
                                        juri_core::PairState::Submitted
                                            | juri_core::PairState::Excepted
                                    )
                                )
                            })
                        })
                        .map(|(_, e)| e.as_str())
                        .collect();
                    let unscored: Vec<&str> = res
                        .rows()
                        .filter(|r| {
                            r.juror_totals.is_empty()
                                && r.disqualified.is_none()
                                && !waiting.contains(&r.entry.as_str())
                                && !snap.decisions.iter().any(|d| {
                                    matches!(d, Decision::Unscored { stage: s, entry, .. }
                                    if s == stage && *entry == r.entry)
                                })
                        })
                        .map(|r| r.entry.as_str())
                        .collect();
                    if !unscored.is_empty() {
                        reasons.push(blocker(
                            if unscored.len() == 1 {
                                t!("finalize.unscored_one", entries = list(&unscored))
                            } else {
                                t!(
                                    "finalize.unscored_many",
                                    count = unscored.len(),
                                    entries = list(&unscored)
                                )
                            }
                            .into_owned(),
                            Some(Hint::ExceptEntry),
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
                        reasons.push(blocker(
                            t!("finalize.no_final_score", entries = list(&unscored)).into_owned(),
                            None,
                        ));
                    }
                }
            }
            if !res.undecided.is_empty() {
                reasons.push(blocker(
                    t!(
                        "finalize.tie_at_cut",
                        ties = res
                            .unresolved_ties
                            .iter()
                            .filter(|g| g.iter().any(|c| res.undecided.contains(c)))
                            .map(|g| g.join(" = "))
                            .collect::<Vec<_>>()
                            .join("; ")
                    )
                    .into_owned(),
                    Some(Hint::DecideTie),
                ));
            }
            if !reasons.is_empty() {
                return Err(AppError::CannotFinalize {
                    stage: stage.into(),
                    reasons,
                });
            }
            // What the stage's documents will be printed from, as of the same moment.
            let content = self.stage_snapshot(&snap, this, &res)?;
            Ok((res, snap.row(this), content))
        })?;
        let now = crate::now();
        let advancing = res.advancing();
        let version = self.db.write(|tx| -> Result<i64, AppError> {
            tx.set_finalized(sid, &now, &res)?;
            let version = tx.finalized_version(sid)?.unwrap_or(1);
            tx.put_stage_snapshot(sid, version, &now, false, &content)?;
            let finalised = if version > 1 {
                format!(
                    "{}{version}, correction no. {})",
                    finalised_again(stage),
                    version - 1
                )
            } else {
                format!("{stage} finalised")
            };
            tx.audit(
                &now,
                "finalize",
                &format!(
                    "{finalised}; {} entries advance: {}",
                    advancing.len(),
                    advancing.join(", ")
                ),
            )?;
            Ok(version)
        })?;
        Ok(Finalized {
            stage: stage.into(),
            at: now,
            advancing,
            version,
        })
    }
}

/// How the audit line of a stage finalised again begins, up to its version: "s finalised again
/// (version ". The correction minutes find the end of a correction with it.
pub(crate) fn finalised_again(stage: &str) -> String {
    format!("{stage} finalised again (version ")
}

fn list(items: &[&str]) -> String {
    if items.len() > 12 {
        t!(
            "finalize.list_and_more",
            items = items[..12].join(", "),
            more = items.len() - 12
        )
        .into_owned()
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
        Decision::Unscored {
            stage,
            entry,
            reason,
        } => format!("{stage}: exception for {entry}, scored by no counted juror — {reason}"),
    }
}
