//! Mappings every document shares: decimals, entries, the panel, a rubric's criteria, filled
//! sheet rows, and which stage a request prints.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use juri_core::definition::{Conversion, Rubric};
use juri_core::definition::{Method, StageKind};
use juri_core::model::{Entry, Juror, Role};
use juri_core::results::StageResults;
use juri_core::{Fixed, Score, StageDef, Weighting};
use juri_report::notes::Formula;
use juri_report::{
    AggregationMethod, Criterion, Decimal, EntryInfo, Kop, Lang, Level, PanelMember, PanelRole,
    Paper, Recusal, Scale, ScoredCriterion, Witness,
};

use super::request::PrintRequest;
use crate::chair::{recused, Chair, DocumentSettings, Snapshot};
use crate::error::{AppError, Hint};
use crate::refusal::Refusal;

pub(crate) fn dec(f: Fixed) -> Decimal {
    Decimal::from_str(&f.to_plain()).unwrap_or_else(|_| Decimal::from_scaled(f.raw(), 3))
}

pub(super) fn dec_score(s: Score) -> Decimal {
    dec_score_at(s, 2)
}

/// A score with `decimals` decimals (see `Score::decimals_to_tell_apart`).
pub(super) fn dec_score_at(s: Score, decimals: u32) -> Decimal {
    Decimal::from_str(&s.display(decimals)).unwrap_or_else(|_| Decimal::from_scaled(0, decimals))
}

pub(super) fn lang(req: &PrintRequest) -> Lang {
    if req.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Id
    }
}

/// The paper the chair chose; A4 when none was.
pub(super) fn paper(req: &PrintRequest) -> Result<Paper, AppError> {
    match req
        .paper
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => Ok(Paper::A4),
        Some(text) => Paper::parse(text).ok_or_else(|| {
            Refusal::UnknownPaper {
                paper: text.to_string(),
            }
            .into()
        }),
    }
}

/// The entry of a ranked row as the documents name it: from the sitting's data, or (an entry the
/// sitting does not hold) its code and title as the results recorded them.
pub(super) fn ranked_entry_info(
    sitting: &super::sitting::Sitting,
    r: &juri_core::results::RankedEntry,
    snap: &Snapshot,
) -> EntryInfo {
    sitting
        .entry(&r.entry)
        .map(|e| entry_info(e, false, snap))
        .unwrap_or(EntryInfo {
            code: r.entry.clone(),
            title: r.title.clone(),
            institution: None,
            category: None,
        })
}

pub(super) fn entry_info(e: &Entry, blind: bool, snap: &Snapshot) -> EntryInfo {
    EntryInfo {
        code: e.code.clone(),
        title: e.title.clone(),
        institution: (!blind && !e.institution.is_empty()).then(|| e.institution.clone()),
        category: snap
            .definition
            .category(&e.category)
            .map(|c| c.name.clone()),
    }
}

pub(super) fn report_juror(j: &Juror) -> juri_report::Juror {
    juri_report::Juror {
        code: j.id.clone(),
        name: j.name.clone(),
    }
}

/// A panel member as the minutes list and sign them, with their NIP (`nips`, by juror id: the
/// document settings', or a snapshot's).
pub(super) fn panel_member(j: &Juror, nips: &BTreeMap<String, String>) -> PanelMember {
    PanelMember {
        name: j.name.clone(),
        role: match j.role {
            Role::Ketua => PanelRole::Chair,
            Role::WakilKetua => PanelRole::ViceChair,
            Role::Sekretaris => PanelRole::Secretary,
            Role::Anggota => PanelRole::Member,
        },
        affiliation: (!j.affiliation.is_empty()).then(|| j.affiliation.clone()),
        id_number: nips.get(&j.id).cloned(),
    }
}

/// The "Mengetahui" signer of the settings, if one is set.
pub(super) fn witness(settings: &DocumentSettings) -> Option<Witness> {
    settings.has_witness().then(|| Witness {
        title: settings.witness_title.clone(),
        name: settings.witness_name.clone(),
        id_number: (!settings.witness_nip.is_empty()).then(|| settings.witness_nip.clone()),
    })
}

impl Chair {
    /// The organiser's kop of the settings, with the logo's bytes; none when no institution line
    /// is set.
    pub(crate) fn kop(&self, settings: &DocumentSettings) -> Result<Option<Kop>, AppError> {
        if settings.kop_lines.is_empty() {
            return Ok(None);
        }
        Ok(Some(Kop {
            lines: settings.kop_lines.clone(),
            address: settings.address_lines.clone(),
            logo: self.logo_bytes()?,
        }))
    }
}

/// The rubric of a scored stage as a blank sheet prints it.
pub(crate) fn criteria(stage: &StageDef) -> Vec<Criterion> {
    let Some(r) = &stage.rubric else {
        return Vec::new();
    };
    r.criteria
        .iter()
        .map(|c| Criterion {
            name: c.name.clone(),
            description: (!c.description.is_empty()).then(|| c.description.clone()),
            weight: dec(c.weight),
            scale: Scale {
                min: dec(r.scale.min),
                max: dec(r.scale.max),
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

/// A bundle's fingerprint as score sheets print it: its first 24 hex digits in groups of four,
/// `908a-0c73-2321-a7bd-9dd7-f821`. The first three groups are the short form the app and `juri`
/// show after an export, so the two can be matched by eye.
pub(crate) fn printed_fingerprint(hex: &str) -> String {
    let digits: Vec<char> = hex.chars().take(24).collect();
    digits
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// One criterion's cell on a filled sheet, in the rubric's order.
pub(crate) struct FilledCell {
    /// The score in thousandths; `None` when not scored.
    pub value: Option<i64>,
    pub comment: String,
}

/// The rows of a filled sheet and its 0–100 total (only when every criterion is scored). Each
/// row's weighted value is the criterion's contribution to that total: weight × score ÷ max.
/// The chair's sheets and the juror's own printouts both come through here.
pub(crate) fn filled_criteria(
    rubric: &Rubric,
    cells: &[FilledCell],
) -> (Vec<ScoredCriterion>, Option<Decimal>) {
    let weighting = Weighting::of_rubric(rubric);
    let values: Vec<Option<i64>> = cells.iter().map(|cell| cell.value).collect();
    let rows = rubric
        .criteria
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(i, (c, cell))| ScoredCriterion {
            name: c.name.clone(),
            weight: dec(c.weight),
            scale: Scale {
                min: dec(rubric.scale.min),
                max: dec(rubric.scale.max),
            },
            score: cell.value.map(|v| dec(Fixed(v))),
            weighted: cell.value.map(|v| dec_score(weighting.weighted(i, v))),
            comment: (!cell.comment.is_empty()).then(|| cell.comment.clone()),
        })
        .collect();
    let total = weighting.total(&values).map(dec_score);
    (rows, total)
}

/// A rubric's conversion and scale, as documents word its formula.
pub(crate) fn formula(rubric: &Rubric) -> Formula {
    Formula {
        conversion: match rubric.conversion {
            Conversion::OfMax => juri_report::notes::Conversion::OfMax,
            Conversion::Range => juri_report::notes::Conversion::Range,
        },
        scale: Scale {
            min: dec(rubric.scale.min),
            max: dec(rubric.scale.max),
        },
    }
}

/// The note under a sheet's table: the rubric's formula and, on blank sheets, a worked line
/// for its first criterion at about two thirds of the scale.
pub(crate) fn sheet_note(rubric: &Rubric, lang: Lang, worked: bool) -> String {
    let f = formula(rubric);
    let mut note = juri_report::notes::formula(lang, &f);
    if let (true, Some(first)) = (worked, rubric.criteria.first()) {
        let sc = rubric.scale;
        let steps = (sc.max.raw() - sc.min.raw()) / sc.step.raw().max(1);
        let score = sc.min.raw() + steps * 2 / 3 * sc.step.raw();
        let weighted = Weighting::of_rubric(rubric).weighted(0, score);
        note.push('\n');
        note.push_str(&juri_report::notes::worked_example(
            lang,
            &f,
            &dec(first.weight),
            &dec(Fixed(score)),
            &dec_score(weighted),
        ));
    }
    note
}

/// The formula lines under a recap or minutes of `stage`: its rubric's formula, or for a final
/// the combination of its stages and each stage's formula.
pub(crate) fn formula_notes(snap: &Snapshot, stage: &StageDef, lang: Lang) -> Vec<String> {
    if let Some(rubric) = &stage.rubric {
        return vec![juri_report::notes::formula(lang, &formula(rubric))];
    }
    if stage.combine.is_empty() {
        return Vec::new();
    }
    let parts: Vec<(&StageDef, Fixed)> = stage
        .combine
        .iter()
        .filter_map(|c| snap.stage(&c.stage).ok().map(|s| (s, c.weight)))
        .collect();
    let mut notes = vec![juri_report::notes::combination(
        lang,
        &parts
            .iter()
            .map(|(s, w)| (s.name.clone(), dec(*w)))
            .collect::<Vec<_>>(),
    )];
    notes.extend(parts.iter().filter_map(|(s, _)| {
        s.rubric
            .as_ref()
            .map(|r| juri_report::notes::stage_formula(lang, &s.name, &formula(r)))
    }));
    notes
}

/// A stage's rules in words for readers: its tie-break cascade (criteria and stages by name) and
/// who advances.
pub(crate) fn rule_notes(snap: &Snapshot, stage: &StageDef, lang: Lang) -> Vec<String> {
    use juri_core::definition::TieBreak;
    use juri_report::notes::{self, TieStep};
    let mut out = Vec::new();
    let steps: Vec<TieStep> = stage
        .tie_breaks()
        .flatten()
        .map(|step| match step {
            TieBreak::Criterion(id) => TieStep::Criterion(
                stage
                    .criteria()
                    .iter()
                    .find(|c| c.id == id)
                    .map_or(id, |c| c.name.as_str())
                    .to_string(),
            ),
            TieBreak::Stage(id) => {
                TieStep::Stage(snap.stage(id).map_or(id, |s| s.name.as_str()).to_string())
            }
        })
        .collect();
    if !steps.is_empty() {
        out.push(notes::tie_break(lang, &steps));
    }
    if let Some(a) = &stage.advance {
        if let Some(n) = a.top_per_category {
            out.push(notes::top_per_category(lang, n));
        }
        if let Some(n) = a.top {
            out.push(notes::top(lang, n));
        }
        if let Some(t) = a.threshold {
            out.push(notes::threshold(lang, &dec(t)));
        }
    }
    out
}

pub(super) fn method(r: &StageResults) -> AggregationMethod {
    match r.method {
        Method::Mean => AggregationMethod::Mean,
        Method::Median => AggregationMethod::Median,
        Method::Trimmed => AggregationMethod::TrimmedMean { k: r.trim },
        Method::Zscore => AggregationMethod::ZScore,
    }
}

/// The panel's chair (ketua), who signs recaps and the list of recusals.
pub(super) fn chair_of(jurors: &[Juror], nips: &BTreeMap<String, String>) -> Option<PanelMember> {
    jurors
        .iter()
        .find(|j| j.active && j.role == Role::Ketua)
        .map(|j| panel_member(j, nips))
}

/// The recusals of the active `jurors` from `entries` in `stage` (a scored stage's assignments),
/// or in the whole competition when `stage` is `None`.
pub(super) fn recusals(
    snap: &Snapshot,
    jurors: &[Juror],
    entries: &[Entry],
    stage: Option<&str>,
) -> Vec<Recusal> {
    recused(jurors, entries, stage)
        .map(|(j, e, c)| Recusal {
            juror: j.name.clone(),
            entry: entry_info(e, false, snap),
            reason: c.reason.clone(),
        })
        .collect()
}

impl Chair {
    /// The date a document carries: the one asked for, or today in the competition's zone.
    pub(super) fn today(&self, req: &PrintRequest) -> NaiveDate {
        req.date.unwrap_or_else(|| {
            self.definition()
                .map(|(_, _, def)| crate::today_in(def.competition.zone()))
                .unwrap_or_else(|_| crate::today())
        })
    }

    pub(super) fn print_stage(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
        kind: Option<StageKind>,
    ) -> Result<String, AppError> {
        let stage = match &req.stage {
            Some(s) => s.clone(),
            None => snap
                .stage_refs()
                .find(|&s| {
                    snap.finalized_at(s).is_none() && kind.is_none_or(|k| snap.def(s).kind == k)
                })
                .map(|s| snap.def(s).id.clone())
                .ok_or_else(|| {
                    AppError::needs(rust_i18n::t!("print.no_open_stage"), Hint::ChooseStage)
                })?,
        };
        let st = snap.stage(&stage)?;
        if let Some(k) = kind {
            if st.kind != k {
                return Err(Refusal::NoScoreSheets { stage }.into());
            }
        }
        Ok(stage)
    }
}

/// One request per stage that has a recap (every stage but a screening), in the definition's
/// order, each otherwise as `req` asks.
pub(super) fn recap_requests<'a>(
    snap: &'a Snapshot,
    req: &'a PrintRequest,
) -> impl Iterator<Item = PrintRequest> + 'a {
    snap.definition
        .stages
        .iter()
        .filter(|s| s.kind != StageKind::Screening)
        .map(|s| PrintRequest {
            stage: Some(s.id.clone()),
            ..req.clone()
        })
}
