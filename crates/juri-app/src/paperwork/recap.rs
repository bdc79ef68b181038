//! The recap (rekapitulasi nilai): per stage and category, entries × jurors, aggregate and rank.

use juri_core::definition::{Scope, StageKind};
use juri_core::model::Juror;
use juri_core::results::{Cut, RankedEntry, Score, TieState};
use juri_report::{
    Decimal, EntryInfo, JurorScore, RecapAward, RecapComponent, RecapRow, RecapTable,
};

use super::common::*;
use super::request::PrintRequest;
use crate::chair::{Chair, Snapshot};
use crate::error::AppError;
use crate::refusal::Refusal;

impl Chair {
    /// One recap table per ranking group of a stage (or of every scored stage when `stage` is `None`).
    pub fn recap_tables(
        &self,
        stage: Option<&str>,
        req: &PrintRequest,
    ) -> Result<Vec<RecapTable>, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            let req = PrintRequest {
                stage: stage.map(str::to_string),
                ..req.clone()
            };
            match stage {
                Some(_) => self.recaps(&snap, &req),
                None => {
                    let mut out = Vec::new();
                    for r in recap_requests(&snap, &req) {
                        out.extend(self.recaps(&snap, &r)?);
                    }
                    Ok(out)
                }
            }
        })
    }

    pub(super) fn recaps(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<Vec<RecapTable>, AppError> {
        let stage = match &req.stage {
            Some(s) => s.clone(),
            None => self.print_stage(snap, req, None)?,
        };
        if snap.stage(&stage)?.kind == StageKind::Screening {
            return Err(Refusal::ScreeningHasNoRecap { stage }.into());
        }
        // A finalised stage prints from its snapshot: the jurors and entries as they were.
        let sitting = self.sitting(snap, &stage, req.version)?;
        let snap = sitting.snap(snap);
        let st = snap.stage(&stage)?;
        let res = &sitting.results;
        let settings = self.document_settings()?;
        let kop = self.kop(&settings)?;
        let mut tables = Vec::new();
        let mut notes = Vec::new();
        let lang = lang(req);
        notes.extend(formula_notes(snap, st, lang));
        notes.extend(rule_notes(snap, st, lang));
        for g in &res.groups {
            if req
                .category
                .as_ref()
                .is_some_and(|c| g.category.as_ref() != Some(c))
            {
                continue;
            }
            let mut juror_ids: Vec<&str> = g
                .rows
                .iter()
                .flat_map(juri_core::results::RankedEntry::jurors)
                .collect();
            juror_ids.sort_by_key(|j| sitting.juror_index(j));
            juror_ids.dedup();
            let jurors: Vec<&Juror> = juror_ids
                .iter()
                .filter_map(|j| sitting.juror_index(j))
                .map(|i| &sitting.jurors[i])
                .collect();
            // Enough decimals that two different exact scores never print alike.
            let decimals = Score::decimals_to_tell_apart(g.rows.iter().filter_map(|r| r.score));
            // A final's components: each earlier stage's score, told apart within its column.
            let components: Vec<RecapComponent> = st
                .combine
                .iter()
                .map(|c| RecapComponent {
                    name: snap
                        .stage(&c.stage)
                        .map_or_else(|_| c.stage.clone(), |s| s.name.clone()),
                    weight: dec(c.weight),
                })
                .collect();
            let component_decimals: Vec<u32> = st
                .combine
                .iter()
                .map(|c| {
                    Score::decimals_to_tell_apart(
                        g.rows.iter().filter_map(|r| component_score(r, &c.stage)),
                    )
                })
                .collect();
            let mut notes = notes.clone();
            if decimals > 2 {
                notes.push(juri_report::notes::more_decimals(lang, decimals));
            }
            let rows = g
                .rows
                .iter()
                .map(|r| {
                    let entry = sitting.entry(&r.entry);
                    RecapRow {
                        rank: r.rank,
                        tied: r.tie == TieState::Unresolved,
                        entry: entry
                            .map(|e| entry_info(e, false, snap))
                            .unwrap_or(EntryInfo {
                                code: r.entry.clone(),
                                title: r.title.clone(),
                                institution: None,
                                category: None,
                            }),
                        scores: jurors
                            .iter()
                            .map(|j| {
                                if let Some(t) = r.juror_totals.iter().find(|t| t.juror == j.id) {
                                    JurorScore::Score(dec_score(t.total))
                                } else if r.missing_jurors.contains(&j.id) {
                                    JurorScore::NotScored
                                } else if entry.is_some_and(|e| j.recusal(e).is_some()) {
                                    JurorScore::Recused
                                } else {
                                    JurorScore::NotAssigned
                                }
                            })
                            .collect(),
                        aggregate: r.score.map(|s| dec_score_at(s, decimals)),
                        advances: r.advance == Some(Cut::In) || r.award.is_some(),
                        disagreement: r.disagreement,
                        components: st
                            .combine
                            .iter()
                            .zip(&component_decimals)
                            .map(|(c, &d)| component_score(r, &c.stage).map(|s| dec_score_at(s, d)))
                            .collect(),
                        award: r.award.as_deref().map(|id| RecapAward {
                            name: st
                                .awards
                                .iter()
                                .find(|a| a.id == id)
                                .map_or_else(|| id.to_string(), |a| a.name.clone()),
                            place: r.award_place,
                        }),
                    }
                })
                .collect();
            tables.push(RecapTable {
                kop: kop.clone(),
                competition: snap.definition.competition.name.clone(),
                stage: st.name.clone(),
                category: if st.scope == Scope::All {
                    None
                } else {
                    Some(g.name.clone())
                },
                method: method(res),
                awards: st.kind == StageKind::Final,
                jurors: jurors.into_iter().map(report_juror).collect(),
                components,
                rows,
                krippendorff_alpha: res
                    .agreement
                    .alpha
                    .map(|a| Decimal::from_scaled((a * 1000.0).round() as i64, 3)),
                kendall_w: res
                    .agreement
                    .kendall_w
                    .map(|k| Decimal::from_scaled((k.w * 1000.0).round() as i64, 3)),
                disagreement_tolerance: (st.kind == StageKind::Scoring)
                    .then(|| dec(st.disagreement_tolerance)),
                notes,
                place: snap.definition.competition.place.clone(),
                date: self.today(req),
                signatory: chair_of(&sitting.jurors, &sitting.nips),
                provisional: sitting.version.is_none(),
            });
        }
        if tables.is_empty() {
            return Err(Refusal::NothingToRecap {
                stage: stage.to_string(),
            }
            .into());
        }
        Ok(tables)
    }
}

/// A final's row: its score in the earlier stage `stage`, as the final combined it.
fn component_score(r: &RankedEntry, stage: &str) -> Option<Score> {
    r.components
        .iter()
        .find(|c| c.stage == stage)
        .and_then(|c| c.score)
}
