//! Use cases only the desktop app needs: the juror prints blank score sheets of the entries
//! assigned in a stage, from the installed package, to score on paper during a field visit.

use std::str::FromStr;

use juri_core::{Fixed, StageDef};
use juri_report::{
    render_pdf, BlankSheets, Criterion, Decimal, Document, EntryInfo, Lang, Level, Scale,
};

use crate::error::AppError;
use crate::juror::JurorWorkspace;

fn decimal(value: Fixed) -> Decimal {
    Decimal::from_str(&value.to_plain()).unwrap_or_else(|_| Decimal::from_scaled(value.raw(), 3))
}

/// The rubric of a scored stage as the sheet prints it.
fn sheet_criteria(stage: &StageDef) -> Vec<Criterion> {
    let Some(rubric) = &stage.rubric else {
        return Vec::new();
    };
    rubric
        .criteria
        .iter()
        .map(|c| Criterion {
            name: c.name.clone(),
            description: (!c.description.is_empty()).then(|| c.description.clone()),
            weight: decimal(c.weight),
            scale: Scale {
                min: decimal(rubric.scale.min),
                max: decimal(rubric.scale.max),
            },
            levels: c
                .levels
                .iter()
                .map(|l| Level {
                    value: match l.to {
                        Some(to) => format!("{}–{}", l.score, to),
                        None => l.score.to_string(),
                    },
                    description: l.label.clone(),
                })
                .collect(),
        })
        .collect()
}

impl JurorWorkspace {
    /// Blank score sheets (PDF) for the entries assigned to this juror in `stage`, or for one
    /// `entry`, with the juror's name on them. `year` is printed on the place/date line.
    pub fn print_blank_sheets(
        &self,
        stage: &str,
        entry: Option<&str>,
        english: bool,
        year: i32,
    ) -> Result<Vec<u8>, AppError> {
        let installed = self.installed()?;
        let st = installed
            .definition
            .stage(stage)
            .filter(|s| s.is_scored_by_jurors())
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        let assigned = installed.assigned.get(stage).cloned().unwrap_or_default();
        let entries: Vec<EntryInfo> = assigned
            .iter()
            .filter(|code| entry.is_none_or(|wanted| wanted == code.as_str()))
            .filter_map(|code| installed.entries.iter().find(|e| &e.code == code))
            .map(|e| EntryInfo {
                code: e.code.clone(),
                title: e.title.clone(),
                institution: e.institution.clone(),
                category: installed
                    .definition
                    .category(&e.category)
                    .map(|c| c.name.clone()),
            })
            .collect();
        if entries.is_empty() {
            return Err(AppError::Invalid(match entry {
                Some(code) => format!("entry '{code}' is not assigned to you in stage '{stage}'"),
                None => format!("no entry is assigned to you in stage '{stage}'"),
            }));
        }
        let competition = &installed.definition.competition;
        let sheets = BlankSheets {
            competition: competition.name.clone(),
            stage: st.name.clone(),
            juror: Some(juri_report::Juror {
                code: installed.pin.juror_id.clone(),
                name: installed.juror_name.clone(),
            }),
            blind_review: competition.blind_review,
            place: competition.place.clone(),
            year: competition.year.unwrap_or(year),
            criteria: sheet_criteria(st),
            scoring_note: None,
            entries,
        };
        let lang = if english { Lang::En } else { Lang::Id };
        render_pdf(&Document::BlankSheets(sheets), lang)
            .map_err(|e| AppError::Invalid(format!("the blank sheets cannot be printed: {e}")))
    }
}
