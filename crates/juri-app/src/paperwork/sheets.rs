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
        let jcode = req.juror.as_ref().ok_or_else(|| {
            AppError::needs(
                rust_i18n::t!("print.score_sheet_needs_juror"),
                Hint::ChooseJuror,
            )
        })?;
        // A finalised stage prints its snapshot's sheets, as the juror and entries were.
        let sitting = self.sitting(snap, &stage, req.version)?;
        let today = snap;
        let snap = sitting.snap(today);
        let st = snap.stage(&stage)?;
        let zone = snap.definition.competition.zone();
        let juror = &sitting.jurors[sitting
            .juror_index(jcode)
            .ok_or_else(|| AppError::UnknownJuror(jcode.clone()))?];
        let rubric = st.rubric.as_ref().ok_or_else(|| Refusal::NoScoreSheets {
            stage: stage.clone(),
        })?;
        let filled = match &sitting.sheets {
            Some(kept) => kept
                .iter()
                .filter(|s| s.juror == *jcode)
                .filter_map(|s| {
                    let entry = sitting.entry(&s.entry)?;
                    Some(Filled {
                        entry,
                        cells: rubric
                            .criteria
                            .iter()
                            .map(|c| FilledCell {
                                value: s.scores.get(&c.id).copied(),
                                comment: s.comments.get(&c.id).cloned().unwrap_or_default(),
                            })
                            .collect(),
                        note: s.note.clone(),
                        submitted_at: s.submitted_at.clone(),
                        fingerprint: is_fingerprint(&s.source).then(|| s.source.clone()),
                    })
                })
                .collect(),
            None => self.filled_today(today, &stage, jcode, rubric)?,
        };
        let mut sheets = Vec::new();
        for f in filled {
            let e = f.entry;
            if req.entry.as_ref().is_some_and(|c| *c != e.code)
                || req.category.as_ref().is_some_and(|c| *c != e.category)
            {
                continue;
            }
            let (scored, total) = filled_criteria(rubric, &f.cells);
            let source = match f.fingerprint {
                Some(fingerprint) => ScoreSource::Bundle {
                    fingerprint: printed_fingerprint(&fingerprint),
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
                note: f.note.filter(|n| !n.is_empty()),
                submitted_at: f.submitted_at.and_then(|at| crate::local_time(&at, zone)),
                source,
                photos: Vec::new(),
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

    /// A juror's sheets of a stage from today's data, one per entry with a score cell, in the
    /// entries' order.
    fn filled_today<'s>(
        &self,
        snap: &'s Snapshot,
        stage: &str,
        jcode: &str,
        rubric: &juri_core::definition::Rubric,
    ) -> Result<Vec<Filled<'s>>, AppError> {
        let ji = snap
            .juror_index(jcode)
            .ok_or_else(|| AppError::UnknownJuror(jcode.to_string()))?;
        let jid = snap.juror_ids[ji];
        let stage_ref = snap.stage_ref(stage)?;
        let sid = snap.row(stage_ref);
        let crit_ids = snap.criterion_rows(stage_ref);
        let tx = self.db.read();
        let cells = tx.cells(Some(sid), Some(jid), None)?;
        let notes = tx.notes()?;
        let submissions = tx.submissions()?;
        let latest_bundle: Option<String> = tx
            .bundles()?
            .into_iter()
            .filter(|b| b.juror_id == jid)
            .max_by_key(|b| (b.sequence, b.journal_id))
            .map(|b| b.sheet_fingerprint().to_string());
        let mut by_entry: BTreeMap<i64, Vec<&juri_store::CellRow>> = BTreeMap::new();
        for c in &cells {
            by_entry.entry(c.entry_id).or_default().push(c);
        }
        let mut out = Vec::new();
        for (eid, cs) in by_entry {
            let Some(ei) = snap.entry_ids.iter().position(|x| *x == eid) else {
                continue;
            };
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
            let note = notes
                .iter()
                .find(|n| n.stage_id == sid && n.entry_id == eid && n.juror_id == jid)
                .map(|n| n.value.clone());
            let submitted_at = submissions
                .iter()
                .find(|s| s.stage_id == sid && s.entry_id == eid && s.juror_id == jid && s.value)
                .map(|s| s.updated_at.clone());
            // Scores merged from bundles carry the fingerprint of the juror's latest imported
            // bundle (a bundle holds the juror's full state); paper scores have none.
            let from_bundle = cs.iter().any(|c| c.source == "bundle");
            out.push(Filled {
                entry: &snap.entries[ei],
                cells,
                note,
                submitted_at,
                fingerprint: from_bundle.then(|| latest_bundle.clone()).flatten(),
            });
        }
        Ok(out)
    }
}

/// One filled sheet before it is laid out.
struct Filled<'a> {
    entry: &'a Entry,
    cells: Vec<FilledCell>,
    note: Option<String>,
    /// As stored (RFC 3339).
    submitted_at: Option<String>,
    /// The bundle the scores came from (64 hex digits); `None` for paper.
    fingerprint: Option<String>,
}

/// A snapshot's sheet source that names a bundle: its fingerprint, 64 hex digits.
fn is_fingerprint(source: &str) -> bool {
    source.len() == 64 && source.bytes().all(|b| b.is_ascii_hexdigit())
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
