//! The juror prints from their own laptop: blank score sheets to fill in on paper during a field
//! visit, or their own filled sheets to sign. Filled sheets name where their scores stand: the
//! fingerprint of the latest exported bundle when the sheet is exactly what that bundle holds
//! (the chair's printout of the same sheet then carries the same fingerprint), otherwise a draft
//! mark. The desktop app and `juri juror print` call the same method.

use rust_i18n::t;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use juri_core::{Fixed, StageDef};
use juri_report::{
    render_pdf, BlankSheets, Document, EntryInfo, Lang, ScoreSheet, ScoreSheets, ScoreSource,
};
use juri_store::JurorEntryRow;
use serde::{Deserialize, Serialize};

use super::export::sheet_versions;
use super::workspace::{Installed, JurorWorkspace};
use crate::error::AppError;
use crate::files::write_atomically;
use crate::juror::NotePhotoView;
use crate::paperwork::{
    criteria, filled_criteria, printed_fingerprint, sheet_note, DocumentKind, FilledCell,
};
use crate::refusal::Refusal;

/// What the juror prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JurorPrint {
    pub stage: String,
    /// One entry, or every entry assigned in the stage (for filled sheets: every one scored).
    pub entry: Option<String>,
    /// The juror's own scores; otherwise blank sheets.
    pub filled: bool,
    pub english: bool,
}

fn entry_info(installed: &Installed, e: &JurorEntryRow) -> EntryInfo {
    EntryInfo {
        code: e.code.clone(),
        title: e.title.clone(),
        institution: e.institution.clone(),
        category: installed
            .definition
            .category(&e.category)
            .map(|c| c.name.clone()),
    }
}

impl JurorWorkspace {
    /// The sheets as a PDF, dated `date` (the place/date line above the signature), today when
    /// `None`.
    pub fn print_sheets(
        &self,
        req: &JurorPrint,
        date: Option<NaiveDate>,
    ) -> Result<Vec<u8>, AppError> {
        let installed = self.installed()?;
        let date = date.unwrap_or_else(|| crate::today_in(installed.definition.competition.zone()));
        let stage = installed
            .definition
            .stage(&req.stage)
            .filter(|s| s.is_scored_by_jurors())
            .ok_or_else(|| AppError::UnknownStage(req.stage.clone()))?;
        if let Some(code) = &req.entry {
            Self::scoring_stage(&installed, &req.stage, code)?;
        }
        let entries: Vec<&JurorEntryRow> = installed
            .assigned
            .get(&req.stage)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|code| req.entry.as_ref().is_none_or(|wanted| wanted == *code))
            .filter_map(|code| installed.entries.iter().find(|e| &e.code == code))
            .collect();
        if entries.is_empty() {
            return Err(Refusal::NothingAssigned {
                stage: req.stage.clone(),
            }
            .into());
        }
        let lang = if req.english { Lang::En } else { Lang::Id };
        let document = if req.filled {
            Document::ScoreSheets(self.filled_sheets(&installed, stage, &entries, req, date)?)
        } else {
            Document::BlankSheets(Self::blank_sheets(&installed, stage, &entries, date, lang))
        };
        render_pdf(&document, lang).map_err(|e| AppError::render(t!("render.sheets"), e))
    }

    /// Prints into `folder` under a name that says what the sheets hold and when (as the chair's
    /// documents are named); returns the path.
    pub fn print_sheets_into(&self, req: &JurorPrint, folder: &Path) -> Result<PathBuf, AppError> {
        let bytes = self.print_sheets(req, None)?;
        std::fs::create_dir_all(folder).map_err(|error| AppError::io(folder, error))?;
        let kind = if req.filled {
            DocumentKind::ScoreSheet
        } else {
            DocumentKind::BlankSheet
        };
        let path = kind.file_in(
            folder,
            &[Some(req.stage.as_str()), req.entry.as_deref()],
            &crate::now(),
        );
        write_atomically(&path, &bytes)?;
        Ok(path)
    }

    fn blank_sheets(
        installed: &Installed,
        stage: &StageDef,
        entries: &[&JurorEntryRow],
        date: NaiveDate,
        lang: Lang,
    ) -> BlankSheets {
        let competition = &installed.definition.competition;
        BlankSheets {
            competition: competition.name.clone(),
            stage: stage.name.clone(),
            juror: Some(juri_report::Juror {
                code: installed.pin.juror_id.clone(),
                name: installed.juror_name.clone(),
            }),
            blind_review: competition.blind_review,
            place: competition.place.clone(),
            year: competition.year.unwrap_or_else(|| date.year()),
            criteria: criteria(stage),
            scoring_note: stage.rubric.as_ref().map(|r| sheet_note(r, lang, true)),
            entries: entries.iter().map(|e| entry_info(installed, e)).collect(),
        }
    }

    fn filled_sheets(
        &self,
        installed: &Installed,
        stage: &StageDef,
        entries: &[&JurorEntryRow],
        req: &JurorPrint,
        date: NaiveDate,
    ) -> Result<ScoreSheets, AppError> {
        let rubric = stage
            .rubric
            .as_ref()
            .ok_or_else(|| AppError::UnknownStage(req.stage.clone()))?;
        let tx = self.db.read();
        let cells = tx.cells()?;
        let notes = tx.notes()?;
        let photo_rows = tx.note_photos()?;
        let submissions = tx.submissions()?;
        let latest = tx.latest_export()?;
        let versions = sheet_versions(&cells, &notes, &submissions);
        let mut sheets = Vec::new();
        for e in entries {
            let of = |s: &str, en: &str| s == stage.id && en == e.code;
            let mine: Vec<_> = cells.iter().filter(|c| of(&c.stage, &c.entry)).collect();
            let note = notes.iter().find(|n| of(&n.stage, &n.entry));
            let submission = submissions.iter().find(|s| of(&s.stage, &s.entry));
            if !mine.iter().any(|c| c.value.is_some()) {
                continue;
            }
            let filled: Vec<FilledCell> = rubric
                .criteria
                .iter()
                .map(|k| {
                    let cell = mine.iter().find(|c| c.criterion == k.id);
                    FilledCell {
                        value: cell
                            .and_then(|c| c.value.as_deref())
                            .and_then(|v| Fixed::parse(v).ok())
                            .map(Fixed::raw),
                        comment: cell.map(|c| c.comment.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            let (criteria, total) = filled_criteria(rubric, &filled);
            let version = versions
                .get(&(stage.id.clone(), e.code.clone()))
                .copied()
                .unwrap_or_default();
            let source = match &latest {
                None => ScoreSource::Draft { last_bundle: None },
                Some(export) => {
                    let fingerprint = printed_fingerprint(export.sheet_fingerprint());
                    if tx.exported_sheet_version(export.sequence, &stage.id, &e.code)?
                        == Some(version)
                    {
                        ScoreSource::Bundle { fingerprint }
                    } else {
                        ScoreSource::Draft {
                            last_bundle: Some(fingerprint),
                        }
                    }
                }
            };
            sheets.push(ScoreSheet {
                stage: stage.name.clone(),
                juror: juri_report::Juror {
                    code: installed.pin.juror_id.clone(),
                    name: installed.juror_name.clone(),
                },
                entry: entry_info(installed, e),
                criteria,
                total,
                scoring_note: Some(sheet_note(
                    rubric,
                    if req.english { Lang::En } else { Lang::Id },
                    false,
                )),
                note: note
                    .map(|n| n.value.clone())
                    .filter(|n| !n.trim().is_empty()),
                submitted_at: submission.filter(|s| s.value).and_then(|s| {
                    crate::local_time(&s.updated_at, installed.definition.competition.zone())
                }),
                source,
                photos: photo_rows
                    .iter()
                    .filter(|p| of(&p.stage, &p.entry))
                    .enumerate()
                    .filter_map(|(i, p)| {
                        let jpeg = tx.note_photo_bytes(&p.sha256).ok().flatten()?;
                        Some(juri_report::SheetPhoto {
                            jpeg: super::photos::thumbnail(&jpeg)?,
                            caption: super::photos::caption(i + 1, &NotePhotoView::from(p)),
                        })
                    })
                    .collect(),
            });
        }
        if sheets.is_empty() {
            return Err(match &req.entry {
                Some(code) => Refusal::EntryNotScored {
                    stage: req.stage.clone(),
                    entry: code.clone(),
                },
                None => Refusal::StageNotScoredByYou {
                    stage: req.stage.clone(),
                },
            }
            .into());
        }
        let competition = &installed.definition.competition;
        Ok(ScoreSheets {
            competition: competition.name.clone(),
            place: competition.place.clone(),
            date,
            time_zone: juri_core::zone::zone_label(installed.definition.competition.zone()),
            sheets,
        })
    }
}
