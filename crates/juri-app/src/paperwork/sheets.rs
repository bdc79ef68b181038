//! Score sheets: blank ones to fill by hand, and a juror's filled sheets from the chair's data.

use std::collections::BTreeMap;

use juri_core::definition::StageKind;
use juri_core::model::Entry;
use juri_report::{BlankSheets, ScoreSheet, ScoreSheets, ScoreSource};

use super::common::*;
use super::request::PrintRequest;
use crate::chair::{Chair, Snapshot};
use crate::error::{AppError, Hint};
use crate::refusal::Refusal;

impl Chair {
    pub(super) fn blank_sheets(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<BlankSheets, AppError> {
        let stage = self.print_stage(snap, req, Some(StageKind::Scoring))?;
        let st = snap.stage(&stage)?;
        let status = self.status_in(snap, &stage)?;
        let juror = match &req.juror {
            Some(j) => Some(
                &snap.jurors[snap
                    .juror_index(j)
                    .ok_or_else(|| AppError::UnknownJuror(j.clone()))?],
            ),
            None => None,
        };
        let mut entries: Vec<&Entry> = status
            .entries
            .iter()
            .filter_map(|c| snap.entry_index(c))
            .map(|i| &snap.entries[i])
            .collect();
        if let Some(j) = juror {
            entries.retain(|e| j.is_assigned(&stage, e));
        }
        if let Some(code) = &req.entry {
            entries.retain(|e| e.code == *code);
            if entries.is_empty() {
                return Err(Refusal::NotOnSheetList {
                    stage: stage.clone(),
                    entry: code.clone(),
                }
                .into());
            }
        }
        if let Some(cat) = &req.category {
            entries.retain(|e| e.category == *cat);
        }
        let blind = snap.definition.competition.blind_review;
        Ok(BlankSheets {
            competition: snap.definition.competition.name.clone(),
            stage: st.name.clone(),
            juror: juror.map(report_juror),
            blind_review: blind,
            place: snap.definition.competition.place.clone(),
            year: snap
                .definition
                .competition
                .year
                .unwrap_or_else(|| chrono::Datelike::year(&self.today(req))),
            criteria: criteria(st),
            scoring_note: st.rubric.as_ref().map(|r| sheet_note(r, lang(req), true)),
            entries: entries
                .into_iter()
                .map(|e| entry_info(e, blind, snap))
                .collect(),
        })
    }

    pub(super) fn score_sheets(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<ScoreSheets, AppError> {
        let stage = self.print_stage(snap, req, Some(StageKind::Scoring))?;
        let st = snap.stage(&stage)?;
        let zone = snap.definition.competition.zone();
        let jcode = req.juror.as_ref().ok_or_else(|| {
            AppError::needs("a filled score sheet is a juror's", Hint::ChooseJuror)
        })?;
        let ji = snap
            .juror_index(jcode)
            .ok_or_else(|| AppError::UnknownJuror(jcode.clone()))?;
        let juror = &snap.jurors[ji];
        let stage_ref = snap.stage_ref(&stage)?;
        let sid = snap.row(stage_ref);
        let crit_ids = snap.criterion_rows(stage_ref);
        let tx = self.db.read();
        let cells = tx.cells(Some(sid), Some(snap.juror_ids[ji]), None)?;
        let notes = tx.notes()?;
        let submissions = tx.submissions()?;
        let latest_bundle: Option<String> = tx
            .bundles()?
            .into_iter()
            .filter(|b| b.juror_id == snap.juror_ids[ji])
            .max_by_key(|b| (b.sequence, b.journal_id))
            .map(|b| printed_fingerprint(&b.fingerprint));
        let rubric = st.rubric.as_ref().ok_or_else(|| Refusal::NoScoreSheets {
            stage: stage.clone(),
        })?;
        let mut by_entry: BTreeMap<i64, Vec<&juri_store::CellRow>> = BTreeMap::new();
        for c in &cells {
            by_entry.entry(c.entry_id).or_default().push(c);
        }
        let mut sheets = Vec::new();
        for (eid, cs) in by_entry {
            let Some(ei) = snap.entry_ids.iter().position(|x| *x == eid) else {
                continue;
            };
            let e = &snap.entries[ei];
            if req.entry.as_ref().is_some_and(|c| *c != e.code)
                || req.category.as_ref().is_some_and(|c| *c != e.category)
            {
                continue;
            }
            let cells: Vec<FilledCell> = rubric
                .criteria
                .iter()
                .map(|c| {
                    let cell = cs
                        .iter()
                        .find(|x| crit_ids.get(&x.criterion_id) == Some(&c.id));
                    FilledCell {
                        value: cell.and_then(|x| x.value),
                        comment: cell.map(|x| x.comment.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            let (scored, total) = filled_criteria(rubric, &cells);
            let note = notes
                .iter()
                .find(|n| {
                    n.stage_id == sid && n.entry_id == eid && n.juror_id == snap.juror_ids[ji]
                })
                .map(|n| n.value.clone());
            let submitted_at = submissions
                .iter()
                .find(|s| {
                    s.stage_id == sid
                        && s.entry_id == eid
                        && s.juror_id == snap.juror_ids[ji]
                        && s.value
                })
                .and_then(|s| crate::local_time(&s.updated_at, zone));
            // Scores merged from bundles carry the fingerprint of the juror's latest imported
            // bundle (a bundle holds the juror's full state); paper scores have none.
            let from_bundle = cs.iter().any(|c| c.source == "bundle");
            let source = match from_bundle.then_some(latest_bundle.as_ref()).flatten() {
                Some(fingerprint) => ScoreSource::Bundle {
                    fingerprint: fingerprint.clone(),
                },
                None => ScoreSource::Paper,
            };
            sheets.push(ScoreSheet {
                stage: st.name.clone(),
                juror: report_juror(juror),
                entry: entry_info(e, false, snap),
                criteria: scored,
                total,
                scoring_note: Some(sheet_note(rubric, lang(req), false)),
                note: note.filter(|n| !n.is_empty()),
                submitted_at,
                source,
            });
        }
        if sheets.is_empty() {
            return Err(Refusal::NoScoresToPrint {
                stage: stage.clone(),
                juror: jcode.clone(),
            }
            .into());
        }
        Ok(ScoreSheets {
            competition: snap.definition.competition.name.clone(),
            place: snap.definition.competition.place.clone(),
            date: self.today(req),
            time_zone: juri_core::zone::zone_label(zone),
            sheets,
        })
    }
}

#[cfg(test)]
mod tests {
    use juri_core::definition::StageKind;
    use juri_core::templates::TEMPLATES;
    use juri_core::Definition;
    use juri_report::{render_pdf_on, BlankSheets, Document, EntryInfo, Juror, Lang, Paper};

    use super::super::common::{criteria, sheet_note};

    /// Pages of a PDF as `pdfinfo` (poppler-utils) counts them.
    fn pages(pdf: &[u8]) -> usize {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sheets.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdfinfo")
            .arg(&path)
            .output()
            .expect("pdfinfo (poppler-utils) is installed");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo prints Pages")
    }

    #[test]
    fn a_blank_sheet_of_every_shipped_rubric_takes_one_page_per_entry() {
        const ENTRIES: usize = 4;
        let long_title = "Gerakan Bersama Masyarakat Desa dalam Penurunan Angka Stunting melalui \
            Pemberdayaan Kader Posyandu dan Pemanfaatan Pangan Lokal Kelor dan Sorgum";
        for (name, _, text) in TEMPLATES {
            let def = Definition::from_toml(text).unwrap();
            let scored = def.stages.iter().filter(|s| s.kind == StageKind::Scoring);
            for stage in scored {
                let rubric = stage.rubric.as_ref().expect("a scoring stage has a rubric");
                for lang in [Lang::Id, Lang::En] {
                    let sheets = BlankSheets {
                        competition: def.competition.name.clone(),
                        stage: stage.name.clone(),
                        juror: Some(Juror {
                            code: "J12".into(),
                            name: "Prof. Dr. Maria Goreti Ndolu Lénda, M.Pd., M.Si.".into(),
                        }),
                        blind_review: false,
                        // A template may leave the place for the chair to fill in.
                        place: Some(def.competition.place.as_str())
                            .filter(|p| !p.trim().is_empty())
                            .unwrap_or("Kupang")
                            .to_string(),
                        year: 2025,
                        criteria: criteria(stage),
                        scoring_note: Some(sheet_note(rubric, lang, true)),
                        entries: (1..=ENTRIES)
                            .map(|i| EntryInfo {
                                code: format!("DES-{i:03}"),
                                title: long_title.into(),
                                institution: Some(
                                    "Pemerintah Desa Oelnasi, Kecamatan Kupang Tengah".into(),
                                ),
                                category: def.categories.first().map(|c| c.name.clone()),
                            })
                            .collect(),
                    };
                    for paper in Paper::ALL {
                        let pdf =
                            render_pdf_on(&Document::BlankSheets(sheets.clone()), lang, paper)
                                .unwrap();
                        assert_eq!(
                            pages(&pdf),
                            ENTRIES,
                            "template {name}, stage {} ({lang}, {}): one page per entry",
                            stage.id,
                            paper.as_str()
                        );
                    }
                }
            }
        }
    }
}
