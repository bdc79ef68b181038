//! The minutes (berita acara) of a stage and the list of recusals.

use crate::refusal::Refusal;
use std::collections::HashSet;

use juri_core::definition::StageKind;
use juri_core::model::{Decision, Juror};
use juri_core::results::{Cut, TieState};
use juri_report::{
    Correction, Decimal, DecisionKind, EntryChange, ItemCheck, Minutes, Outcome, PanelMember,
    RankedEntry, RecordedDecision, RecusalList, ResultGroup, ScreenedEntry, ScreeningGroup,
    ScreeningItem, ScreeningResults,
};

use super::common::*;
use super::request::PrintRequest;
use super::sitting::Sitting;
use crate::chair::{Chair, Snapshot};
use crate::error::AppError;

impl Chair {
    pub(super) fn minutes(&self, snap: &Snapshot, req: &PrintRequest) -> Result<Minutes, AppError> {
        let stage = self.print_stage(snap, req, None)?;
        // A finalised stage prints from its snapshot: the panel, entries and decisions as
        // they were, under the definition it was finalised under.
        let sitting = self.sitting(snap, &stage, req.version)?;
        // A final's minutes name its winners: never before they are decided.
        if sitting.version.is_none() && snap.stage(&stage)?.kind == StageKind::Final {
            return Err(Refusal::FinalMinutesNotFinalized { stage }.into());
        }
        let snap = sitting.snap(snap);
        let st = snap.stage(&stage)?;
        let res = &sitting.results;
        // Enough decimals that two different exact scores never print alike.
        let decimals =
            juri_core::results::Score::decimals_to_tell_apart(res.rows().filter_map(|r| r.score));
        // A final's tiers are numbered within their pool (Top 10: 1–10), never by overall rank.
        let to_ranked = |r: &juri_core::results::RankedEntry| RankedEntry {
            rank: r.award_place.or(r.rank).unwrap_or(0),
            tied: r.tie == TieState::Unresolved,
            entry: ranked_entry_info(&sitting, r, snap),
            score: r
                .score
                .map(|s| dec_score_at(s, decimals))
                .unwrap_or_else(|| Decimal::from_scaled(0, 2)),
        };
        let mut results = Vec::new();
        let mut screening = None;
        // The scores printed are juror totals or combined scores: say how they are computed.
        let mut notes = formula_notes(snap, st, lang(req));
        notes.extend(rule_notes(snap, st, lang(req)));
        if decimals > 2 {
            notes.push(juri_report::notes::more_decimals(lang(req), decimals));
        }
        match st.kind {
            StageKind::Final => {
                for a in &st.awards {
                    let entries: Vec<RankedEntry> = res
                        .rows()
                        .filter(|r| r.award.as_deref() == Some(a.id.as_str()))
                        .map(to_ranked)
                        .collect();
                    if !entries.is_empty() {
                        results.push(ResultGroup {
                            title: a.name.clone(),
                            entries,
                        });
                    }
                }
            }
            StageKind::Scoring => {
                for g in &res.groups {
                    let entries: Vec<RankedEntry> = g
                        .rows
                        .iter()
                        .filter(|r| r.advance == Some(Cut::In))
                        .map(to_ranked)
                        .collect();
                    let title = if g.name.is_empty() {
                        st.name.clone()
                    } else {
                        g.name.clone()
                    };
                    results.push(ResultGroup { title, entries });
                }
            }
            StageKind::Screening => {
                let count = |cut| res.rows().filter(|r| r.advance == Some(cut)).count();
                notes.push(juri_report::notes::screening_summary(
                    lang(req),
                    count(Cut::In),
                    count(Cut::Out),
                    res.rows().count(),
                ));
                screening = Some(screening_results(&sitting, snap, st));
            }
        }
        let mut decisions = Vec::new();
        for d in &sitting.decisions {
            match d {
                Decision::TieOrder {
                    entries, reason, ..
                } => decisions.push(RecordedDecision {
                    kind: DecisionKind::Tie,
                    entries: entries.clone(),
                    decision: entries.join(" > "),
                    reason: reason.clone(),
                }),
                Decision::Exception {
                    juror,
                    entry,
                    reason,
                    ..
                } => decisions.push(RecordedDecision {
                    kind: DecisionKind::Exception,
                    entries: vec![entry.clone()],
                    decision: format!("{juror} / {entry}"),
                    reason: reason.clone(),
                }),
                Decision::Unscored { entry, reason, .. } => decisions.push(RecordedDecision {
                    kind: DecisionKind::Exception,
                    entries: vec![entry.clone()],
                    decision: entry.clone(),
                    reason: reason.clone(),
                }),
                Decision::Disqualify { entry, reason, .. } => {
                    notes.push(juri_report::notes::disqualified(lang(req), entry, reason))
                }
            }
        }
        let date = self.today(req);
        // The default number carries the competition's year, not the year it is printed in.
        let year = snap
            .definition
            .competition
            .year
            .unwrap_or_else(|| chrono::Datelike::year(&date));
        let settings = self.document_settings()?;
        // In rank order: Ketua, Wakil Ketua, Sekretaris, Anggota.
        let panel: Vec<PanelMember> = {
            let mut v: Vec<&Juror> = sitting.jurors.iter().filter(|j| j.active).collect();
            v.sort_by_key(|j| j.role);
            v.into_iter()
                .map(|j| panel_member(j, &sitting.nips))
                .collect()
        };
        Ok(Minutes {
            kop: self.kop(&settings)?,
            number: req
                .number
                .clone()
                .unwrap_or_else(|| format!("…/BA/{}/{year}", stage.to_uppercase())),
            competition: snap.definition.competition.name.clone(),
            stage: st.name.clone(),
            date,
            venue: req
                .venue
                .clone()
                .unwrap_or_else(|| snap.definition.competition.place.clone()),
            place: snap.definition.competition.place.clone(),
            // The decree is the chair's document setting; the definition's `decree` field is
            // deprecated and no longer printed. Not set: a dotted blank to fill in by hand.
            decree: (!settings.decree_number.is_empty()).then(|| settings.decree_number.clone()),
            decree_issuer: (!settings.decree_issuer.is_empty())
                .then(|| settings.decree_issuer.clone()),
            decree_date: settings.decree_date,
            panel,
            results,
            decisions,
            // A screening's minutes list no conflicts of interest: no juror scores in it, and
            // the list of recusals (`juri print recusals`) has them all.
            recusals: if st.kind == StageKind::Screening {
                Vec::new()
            } else {
                recusals(
                    snap,
                    &sitting.jurors,
                    &sitting.entries,
                    (st.kind == StageKind::Scoring).then_some(stage.as_str()),
                )
            },
            screening,
            notes,
            correction: self.correction(snap, &stage, res, sitting.version, &sitting.jurors)?,
            draft: sitting.version.is_none(),
            witness: witness(&settings),
        })
    }

    /// For a stage re-opened and decided again (or being decided again): which correction this
    /// is, why, and what changed since the version it corrects. `None` for a stage never
    /// re-opened, whose minutes print as they always did. `version` is the snapshot version
    /// printed (the versions before it are the ones it corrects); `None` for the stage being
    /// decided again. `panel` names the jurors (as they sat, for a finalised stage).
    fn correction(
        &self,
        snap: &Snapshot,
        stage: &str,
        res: &juri_core::StageResults,
        version: Option<i64>,
        panel: &[Juror],
    ) -> Result<Option<Correction>, AppError> {
        let st = snap.stage(stage)?;
        let sid = snap.row(snap.stage_ref(stage)?);
        let mut superseded = self.db.read().superseded(sid)?;
        superseded.retain(|s| version.is_none_or(|v| s.version < v));
        let Some(last) = superseded.last() else {
            return Ok(None);
        };
        let before = &last.results;
        let decimals = juri_core::results::Score::decimals_to_tell_apart(
            before.rows().chain(res.rows()).filter_map(|r| r.score),
        )
        .max(2);
        let outcome = |r: Option<&juri_core::results::RankedEntry>| -> Outcome {
            let Some(r) = r else {
                return Outcome::Absent;
            };
            if st.kind == StageKind::Final {
                return match &r.award {
                    Some(a) => Outcome::Award(
                        st.awards
                            .iter()
                            .find(|x| x.id == *a)
                            .map_or(a.clone(), |x| x.name.clone()),
                    ),
                    None => Outcome::Stays,
                };
            }
            match r.advance {
                Some(Cut::In) => Outcome::Advances,
                Some(Cut::Undecided) => Outcome::Undecided,
                Some(Cut::Out) | None => Outcome::Stays,
            }
        };
        let mut order: Vec<&str> = res.rows().map(|r| r.entry.as_str()).collect();
        for r in before.rows() {
            if !order.contains(&r.entry.as_str()) {
                order.push(&r.entry);
            }
        }
        let mut changes = Vec::new();
        for code in order {
            let (b, a) = (before.row(code), res.row(code));
            let rank = (b.and_then(|r| r.rank), a.and_then(|r| r.rank));
            let score = (b.and_then(|r| r.score), a.and_then(|r| r.score));
            let out = (outcome(b), outcome(a));
            let change = EntryChange {
                entry: code.to_string(),
                rank: (rank.0 != rank.1).then_some(rank),
                score: (score.0 != score.1).then(|| {
                    (
                        score.0.map(|s| dec_score_at(s, decimals)),
                        score.1.map(|s| dec_score_at(s, decimals)),
                    )
                }),
                outcome: (out.0 != out.1).then_some(out),
            };
            if change.rank.is_some() || change.score.is_some() || change.outcome.is_some() {
                changes.push(change);
            }
        }
        // Every correction recorded since the re-opening, each with its own reason: up to the
        // finalisation of the version printed, or until now for a stage being decided again.
        let decided = match version {
            Some(v) => Some(v),
            None => self.db.read().finalized_version(sid)?,
        };
        let ranked: HashSet<&str> = before
            .rows()
            .chain(res.rows())
            .map(|r| r.entry.as_str())
            .collect();
        let made = self.corrections_made(snap, panel, stage, last.version, decided, &ranked)?;
        Ok(Some(Correction {
            number: u32::try_from(superseded.len()).unwrap_or(u32::MAX),
            reason: last.reason.clone(),
            changes,
            made,
        }))
    }

    pub(super) fn recusal_list(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<RecusalList, AppError> {
        // Of a stage: the panel and entries of its sitting (its snapshot once finalised); of the
        // whole competition: today's.
        let sitting = match &req.stage {
            Some(s) => Some(self.sitting(snap, s, req.version)?),
            None => None,
        };
        let (snap, jurors, entries, nips) = match &sitting {
            Some(s) => (s.snap(snap), &s.jurors, &s.entries, s.nips.clone()),
            None => (
                snap,
                &snap.jurors,
                &snap.entries,
                self.document_settings()?.nips,
            ),
        };
        Ok(RecusalList {
            competition: snap.definition.competition.name.clone(),
            stage: req
                .stage
                .as_ref()
                .and_then(|s| snap.definition.stage(s))
                .map(|s| s.name.clone()),
            place: snap.definition.competition.place.clone(),
            date: self.today(req),
            recusals: recusals(snap, jurors, entries, req.stage.as_deref()),
            signatory: chair_of(jurors, &nips),
        })
    }
}

/// A screening stage's decision: the checklist's labels, then per group of the results (a
/// category, or the whole stage) every entry with its items, result and reasons.
pub(super) fn screening_results(
    sitting: &Sitting,
    snap: &Snapshot,
    st: &juri_core::StageDef,
) -> ScreeningResults {
    let res = &sitting.results;
    let groups = res
        .groups
        .iter()
        .map(|g| ScreeningGroup {
            title: if g.name.is_empty() {
                st.name.clone()
            } else {
                g.name.clone()
            },
            entries: g
                .rows
                .iter()
                .map(|r| {
                    let met = sitting.met.get(&r.entry);
                    let applies = |item: &juri_core::definition::ChecklistItem| {
                        sitting
                            .entry(&r.entry)
                            .is_none_or(|e| item.applies(&e.category, e.rintisan))
                    };
                    ScreenedEntry {
                        entry: ranked_entry_info(sitting, r, snap),
                        checks: st
                            .checklist
                            .iter()
                            .map(|item| match met {
                                _ if !applies(item) => ItemCheck::NotApplicable,
                                None => ItemCheck::NotRecorded,
                                Some(m) if m.contains(&item.id) => ItemCheck::Met,
                                Some(_) => ItemCheck::NotMet,
                            })
                            .collect(),
                        passed: match r.advance {
                            Some(Cut::In) => Some(true),
                            Some(Cut::Out) => Some(false),
                            _ => None,
                        },
                        reasons: if r.advance == Some(Cut::Out) {
                            reason_labels(st, r.disqualified.as_deref().unwrap_or(""))
                        } else {
                            Vec::new()
                        },
                    }
                })
                .collect(),
        })
        .collect::<Vec<_>>();
    ScreeningResults {
        items: st
            .checklist
            .iter()
            .map(|i| ScreeningItem {
                id: i.id.clone(),
                label: i.label.clone(),
            })
            .collect(),
        groups,
    }
}

/// Reason codes as the results keep them ("ADM-1, ADM-4"), each with its label.
fn reason_labels(st: &juri_core::StageDef, codes: &str) -> Vec<String> {
    codes
        .split(", ")
        .filter(|c| !c.is_empty())
        .map(|code| {
            st.reasons
                .iter()
                .find(|x| x.code == code)
                .map(|x| format!("{code} {}", x.label))
                .unwrap_or(code.to_string())
        })
        .collect()
}
