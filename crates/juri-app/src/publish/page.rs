//! The archive's results page: `page.html` (self-contained: no network, no external script or
//! font) with the competition's results as JSON inside it. Bahasa Indonesia, with English.

use std::collections::BTreeMap;

use serde::Serialize;

use juri_core::model::Decision;
use juri_core::results::{RankedEntry, StageResults};
use juri_core::Cut;
use juri_core::{Definition, StageKind};
use juri_store::StageSnapshot;

use super::{CompetitionFile, Privacy};
use crate::error::AppError;
use crate::shown_time;

const TEMPLATE: &str = include_str!("page.html");
const PLACEHOLDER: &str = "__JURI_PAGE_DATA__";
/// The element that holds the page's data.
const DATA_ELEMENT: &str = r#"<script id="juri-data" type="application/json">"#;

/// Text in both of the page's languages.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Both {
    id: String,
    en: String,
}

fn both(id: impl Into<String>, en: impl Into<String>) -> Both {
    Both {
        id: id.into(),
        en: en.into(),
    }
}

/// What the page shows, as its script reads it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PageModel {
    #[serde(skip)]
    pub competition_id: String,
    competition: PageCompetition,
    published_at: String,
    manifest_sha256: String,
    chair_public_key: String,
    audit_command: String,
    privacy: Privacy,
    #[serde(rename = "final")]
    final_block: Option<FinalBlock>,
    stages: Vec<PageStage>,
}

#[derive(Debug, Clone, Serialize)]
struct PageCompetition {
    id: String,
    name: String,
    organiser: String,
}

#[derive(Debug, Clone, Serialize)]
struct FinalBlock {
    stage: String,
    name: String,
    groups: Vec<FinalGroup>,
}

#[derive(Debug, Clone, Serialize)]
struct FinalGroup {
    name: String,
    rows: Vec<FinalRow>,
}

#[derive(Debug, Clone, Serialize)]
struct FinalRow {
    award: Option<String>,
    entry: String,
    title: String,
    institution: String,
    score: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct PageStage {
    id: String,
    name: String,
    kind: &'static str,
    version: i64,
    finalized_at: String,
    groups: Vec<PageGroup>,
    decisions: Vec<PageDecision>,
}

#[derive(Debug, Clone, Serialize)]
struct PageGroup {
    name: String,
    rows: Vec<PageRow>,
}

#[derive(Debug, Clone, Serialize)]
struct PageRow {
    rank: Option<u32>,
    entry: String,
    title: String,
    institution: String,
    score: Option<String>,
    outcome: Option<Both>,
    juror_totals: Vec<PageTotal>,
}

#[derive(Debug, Clone, Serialize)]
struct PageTotal {
    juror: String,
    total: String,
}

#[derive(Debug, Clone, Serialize)]
struct PageDecision {
    at: String,
    what: Both,
    reason: String,
}

/// Scores on the page: two decimals, as the recaps print them.
const DECIMALS: u32 = 2;

/// An award as the page names it: the award's name, and the place within it ("Top 10 · 3").
fn award_text(stage: &juri_core::StageDef, row: &RankedEntry) -> Option<String> {
    let id = row.award.as_deref()?;
    let name = stage
        .awards
        .iter()
        .find(|a| a.id == id)
        .map_or(id, |a| a.name.as_str());
    Some(match row.award_place.or(row.rank) {
        Some(place) => format!("{name} · {place}"),
        None => name.to_string(),
    })
}

fn outcome(stage: &juri_core::StageDef, row: &RankedEntry) -> Option<Both> {
    let kind = stage.kind;
    if let Some(reason) = &row.disqualified {
        return Some(match kind {
            StageKind::Screening => both(
                format!("Tidak lolos: {reason}"),
                format!("Does not pass: {reason}"),
            ),
            _ => both(
                format!("Didiskualifikasi: {reason}"),
                format!("Disqualified: {reason}"),
            ),
        });
    }
    if kind == StageKind::Screening {
        return Some(both("Lolos", "Passes"));
    }
    if let Some(award) = award_text(stage, row) {
        return Some(both(award.clone(), award));
    }
    match row.advance {
        Some(Cut::In) => Some(both("Lolos ke tahap berikutnya", "Advances")),
        Some(Cut::Out) => Some(both("Tidak lolos", "Does not advance")),
        Some(Cut::Undecided) => Some(both("Menunggu keputusan", "Awaiting a decision")),
        None => None,
    }
}

fn decision_text(d: &Decision, label: &dyn Fn(&str) -> String) -> Both {
    match d {
        Decision::TieOrder { entries, .. } => both(
            format!("Urutan inovasi yang bernilai sama: {}", entries.join(", ")),
            format!("Order of tied entries: {}", entries.join(", ")),
        ),
        Decision::Exception { juror, entry, .. } => both(
            format!(
                "Pengecualian: lembar {} untuk {entry} tidak diserahkan",
                label(juror)
            ),
            format!(
                "Exception: {}'s sheet for {entry} not submitted",
                label(juror)
            ),
        ),
        Decision::Disqualify { entry, .. } => both(
            format!("{entry} didiskualifikasi"),
            format!("{entry} disqualified"),
        ),
        Decision::Unscored { entry, .. } => both(
            format!("{entry} tidak dinilai"),
            format!("{entry} left unscored"),
        ),
    }
}

impl PageModel {
    /// The page of the latest finalised version of each stage, in the definition's order.
    pub(super) fn new(
        def: &Definition,
        competition: &CompetitionFile,
        stages: &[(String, StageSnapshot, StageResults)],
        privacy: Privacy,
    ) -> Self {
        let zone = def.competition.zone();
        let labels: BTreeMap<&str, &str> = competition
            .jurors
            .iter()
            .map(|j| (j.id.as_str(), j.label.as_str()))
            .collect();
        let label = |id: &str| labels.get(id).map_or(id.to_string(), |l| l.to_string());
        // The latest version of each stage: the last written.
        let mut latest: BTreeMap<&str, (usize, &String, &StageSnapshot, &StageResults)> =
            BTreeMap::new();
        for (at, (finalized_at, s, r)) in stages.iter().enumerate() {
            latest.insert(s.stage.as_str(), (at, finalized_at, s, r));
        }
        let versions: BTreeMap<&str, i64> = competition
            .stages
            .iter()
            .map(|s| (s.stage.as_str(), s.version))
            .collect();
        let mut page_stages = Vec::new();
        let mut final_block = None;
        for st in &def.stages {
            let Some((_, finalized_at, s, results)) = latest.get(st.id.as_str()) else {
                continue;
            };
            let kind = st.kind;
            let groups = results
                .groups
                .iter()
                .map(|g| PageGroup {
                    name: g.name.clone(),
                    rows: g
                        .rows
                        .iter()
                        .map(|r| PageRow {
                            rank: r.rank,
                            entry: r.entry.clone(),
                            title: r.title.clone(),
                            institution: r.institution.clone(),
                            score: r.score.map(|v| v.display(DECIMALS)),
                            outcome: outcome(st, r),
                            juror_totals: r
                                .juror_totals
                                .iter()
                                .map(|t| PageTotal {
                                    juror: label(&t.juror),
                                    total: t.total.display(DECIMALS),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect();
            if kind == StageKind::Final {
                final_block = Some(FinalBlock {
                    stage: st.id.clone(),
                    name: st.name.clone(),
                    groups: results
                        .groups
                        .iter()
                        .map(|g| {
                            let tier = |r: &RankedEntry| {
                                st.awards
                                    .iter()
                                    .position(|a| Some(&a.id) == r.award.as_ref())
                            };
                            let mut awarded: Vec<&RankedEntry> =
                                g.rows.iter().filter(|r| r.award.is_some()).collect();
                            awarded.sort_by_key(|r| (tier(r), r.award_place.or(r.rank)));
                            let rows = if awarded.is_empty() {
                                g.rows.iter().collect()
                            } else {
                                awarded
                            };
                            FinalGroup {
                                name: g.name.clone(),
                                rows: rows
                                    .into_iter()
                                    .map(|r| FinalRow {
                                        award: award_text(st, r),
                                        entry: r.entry.clone(),
                                        title: r.title.clone(),
                                        institution: r.institution.clone(),
                                        score: r.score.map(|v| v.display(DECIMALS)),
                                    })
                                    .collect(),
                            }
                        })
                        .collect(),
                });
            }
            page_stages.push(PageStage {
                id: st.id.clone(),
                name: st.name.clone(),
                kind: match kind {
                    StageKind::Screening => "screening",
                    StageKind::Scoring => "scored",
                    StageKind::Final => "final",
                },
                version: versions.get(st.id.as_str()).copied().unwrap_or(1),
                finalized_at: shown_time(finalized_at, zone),
                groups,
                decisions: s
                    .decisions
                    .iter()
                    .map(|d| PageDecision {
                        at: shown_time(&d.at, zone),
                        what: decision_text(&d.decision, &label),
                        reason: d.decision.reason().to_string(),
                    })
                    .collect(),
            });
        }
        PageModel {
            competition_id: def.competition.id.clone(),
            competition: PageCompetition {
                id: def.competition.id.clone(),
                name: def.competition.name.clone(),
                organiser: def.competition.organizer.clone(),
            },
            published_at: shown_time(&competition.published_at, zone),
            manifest_sha256: String::new(),
            chair_public_key: String::new(),
            audit_command: AUDIT_COMMAND.to_string(),
            privacy,
            final_block,
            stages: page_stages,
        }
    }
}

impl PageModel {
    /// Names the signed manifest (its SHA-256) and the chair's key (the SHA-256 of the public
    /// signing key) the page's "how to verify" shows.
    pub(super) fn signed(mut self, manifest_sha256: String, chair_key: String) -> Self {
        self.manifest_sha256 = manifest_sha256;
        self.chair_public_key = chair_key;
        self
    }
}

/// The command the page shows for checking the archive.
const AUDIT_COMMAND: &str = "juri audit transparansi/";

/// The JSON the page carries for `model`.
pub(super) fn page_json(model: &PageModel) -> Result<String, AppError> {
    serde_json::to_string(model).map_err(|e| AppError::Internal(e.to_string()))
}

/// The page's data as written in `html` (escaped for the script element), if it is there.
pub(super) fn data_in_page(html: &str) -> Option<&str> {
    let start = html.find(DATA_ELEMENT)? + DATA_ELEMENT.len();
    let end = start + html[start..].find("</script>")?;
    Some(&html[start..end])
}

/// `json` made safe inside a script element: no "</script>", no HTML comment opener, no entity.
pub(super) fn escaped(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The page, with `model` inside it. The manifest does not list the page (the page names the
/// manifest's fingerprint); `juri audit` checks that it shows exactly what the archive holds.
pub(super) fn render(model: &PageModel) -> Result<String, AppError> {
    Ok(TEMPLATE.replacen(PLACEHOLDER, &escaped(&page_json(model)?), 1))
}
