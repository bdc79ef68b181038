//! The paperwork: the chair's data mapped onto `juri-report`'s view models, and the exports.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use juri_core::definition::Rubric;
use juri_core::definition::{Method, Scope, StageKind};
use juri_core::model::{Decision, Entry, Juror, Role};
use juri_core::results::{Cut, StageResults, TieState};
use juri_core::{Fixed, Score, StageDef, Weighting};
use juri_report::{
    AggregationMethod, BlankSheets, Criterion, Decimal, DecisionKind, Document, EntryInfo,
    JurorScore, Lang, Level, Minutes, PanelMember, PanelRole, RankedEntry, RecapRow, RecapTable,
    RecordedDecision, Recusal, RecusalList, ResultGroup, Scale, ScoreSheet, ScoreSheets,
    ScoreSource, ScoredCriterion,
};
use serde::{Deserialize, Serialize};

use crate::chair::{Chair, Snapshot};
use crate::error::AppError;

/// The documents Juri prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    BlankSheet,
    ScoreSheet,
    Recap,
    Minutes,
    Recusals,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 5] = [
        DocumentKind::BlankSheet,
        DocumentKind::ScoreSheet,
        DocumentKind::Recap,
        DocumentKind::Minutes,
        DocumentKind::Recusals,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::BlankSheet => "blank-sheet",
            DocumentKind::ScoreSheet => "score-sheet",
            DocumentKind::Recap => "recap",
            DocumentKind::Minutes => "minutes",
            DocumentKind::Recusals => "recusals",
        }
    }

    /// The start of a printed file's name, in the language of the paperwork.
    pub fn file_stem(self) -> &'static str {
        match self {
            DocumentKind::BlankSheet => "lembar-kosong",
            DocumentKind::ScoreSheet => "lembar-penilaian",
            DocumentKind::Recap => "rekapitulasi",
            DocumentKind::Minutes => "berita-acara",
            DocumentKind::Recusals => "konflik-kepentingan",
        }
    }

    /// Where a printed document goes in `folder`: what it is, what it covers (`parts`: stage,
    /// category, juror, entry — reduced to letters, digits and '-') and when (`now`, RFC 3339),
    /// e.g. `rekapitulasi-proposal-pd-20251215101500.pdf`.
    pub(crate) fn file_in(self, folder: &Path, parts: &[Option<&str>], now: &str) -> PathBuf {
        let mut name = String::from(self.file_stem());
        for part in parts.iter().flatten() {
            name.push('-');
            name.extend(
                part.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-'),
            );
        }
        let stamp: String = now.chars().take(19).filter(char::is_ascii_digit).collect();
        name.push('-');
        name.push_str(&stamp);
        folder.join(format!("{name}.pdf"))
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// What to print and for whom.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintRequest {
    /// Defaults to the current stage (the first that is not finalised).
    pub stage: Option<String>,
    pub category: Option<String>,
    pub juror: Option<String>,
    pub entry: Option<String>,
    /// `en` for English; Indonesian otherwise.
    pub lang: Option<String>,
    /// The date printed on the document; today when absent.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<NaiveDate>,
    /// Minutes: the document number ("001/BA/TPI/XII/2025").
    pub number: Option<String>,
    /// Minutes: where the plenary met.
    pub venue: Option<String>,
}

/// Export formats of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Json,
}

pub(crate) fn dec(f: Fixed) -> Decimal {
    Decimal::from_str(&f.to_plain()).unwrap_or_else(|_| Decimal::from_scaled(f.raw(), 3))
}

fn dec_score(s: Score) -> Decimal {
    Decimal::from_str(&s.display(2)).unwrap_or_else(|_| Decimal::from_scaled(0, 2))
}

fn lang(req: &PrintRequest) -> Lang {
    if req.lang.as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Id
    }
}

fn entry_info(e: &Entry, blind: bool, snap: &Snapshot) -> EntryInfo {
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

fn report_juror(j: &Juror) -> juri_report::Juror {
    juri_report::Juror {
        code: j.id.clone(),
        name: j.name.clone(),
    }
}

fn panel_member(j: &Juror) -> PanelMember {
    PanelMember {
        name: j.name.clone(),
        role: match j.role {
            Role::Ketua => PanelRole::Chair,
            Role::Sekretaris => PanelRole::Secretary,
            Role::Anggota => PanelRole::Member,
        },
        affiliation: (!j.affiliation.is_empty()).then(|| j.affiliation.clone()),
        id_number: None,
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

fn method(r: &StageResults) -> AggregationMethod {
    match r.method {
        Method::Mean => AggregationMethod::Mean,
        Method::Median => AggregationMethod::Median,
        Method::Trimmed => AggregationMethod::TrimmedMean { k: r.trim },
        Method::Zscore => AggregationMethod::ZScore,
    }
}

fn chair_of(snap: &Snapshot) -> Option<PanelMember> {
    snap.jurors
        .iter()
        .find(|j| j.active && j.role == Role::Ketua)
        .map(panel_member)
}

impl Chair {
    fn today(&self, req: &PrintRequest) -> NaiveDate {
        req.date.unwrap_or_else(crate::today)
    }

    fn print_stage(
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
                    AppError::Invalid("no open stage of that kind; name one with --stage".into())
                })?,
        };
        let st = snap.stage(&stage)?;
        if let Some(k) = kind {
            if st.kind != k {
                return Err(AppError::Invalid(format!(
                    "stage '{stage}' has no score sheets: it is not scored by jurors"
                )));
            }
        }
        Ok(stage)
    }

    /// Renders a document as PDF bytes.
    pub fn print(&self, doc: DocumentKind, req: &PrintRequest) -> Result<Vec<u8>, AppError> {
        let snap = self.snapshot()?;
        let document = match doc {
            DocumentKind::BlankSheet => Document::BlankSheets(self.blank_sheets(&snap, req)?),
            DocumentKind::ScoreSheet => Document::ScoreSheets(self.score_sheets(&snap, req)?),
            DocumentKind::Recap => Document::Recap(self.recaps(&snap, req)?),
            DocumentKind::Minutes => Document::Minutes(self.minutes(&snap, req)?),
            DocumentKind::Recusals => Document::Recusals(self.recusal_list(&snap, req)?),
        };
        juri_report::render_pdf(&document, lang(req))
            .map_err(|e| AppError::Invalid(format!("{} cannot be printed: {e}", doc.as_str())))
    }

    /// Prints into `folder` under a name that says what the document holds and when (see
    /// [`DocumentKind::file_in`]); returns the path.
    pub fn print_into(
        &self,
        doc: DocumentKind,
        req: &PrintRequest,
        folder: &Path,
    ) -> Result<PathBuf, AppError> {
        let bytes = self.print(doc, req)?;
        std::fs::create_dir_all(folder).map_err(|error| AppError::io(folder, error))?;
        let parts = [&req.stage, &req.category, &req.juror, &req.entry].map(|p| p.as_deref());
        let path = doc.file_in(folder, &parts, &crate::now());
        crate::files::write_atomically(&path, &bytes)?;
        Ok(path)
    }

    fn blank_sheets(&self, snap: &Snapshot, req: &PrintRequest) -> Result<BlankSheets, AppError> {
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
                return Err(AppError::Invalid(format!(
                    "entry '{code}' is not on this sheet list for stage '{stage}'"
                )));
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
            scoring_note: None,
            entries: entries
                .into_iter()
                .map(|e| entry_info(e, blind, snap))
                .collect(),
        })
    }

    fn score_sheets(&self, snap: &Snapshot, req: &PrintRequest) -> Result<ScoreSheets, AppError> {
        let stage = self.print_stage(snap, req, Some(StageKind::Scoring))?;
        let st = snap.stage(&stage)?;
        let jcode = req.juror.as_ref().ok_or_else(|| {
            AppError::Invalid("a filled score sheet is a juror's: give --juror".into())
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
        let rubric = st
            .rubric
            .as_ref()
            .ok_or_else(|| AppError::Invalid("no rubric".into()))?;
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
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(&s.updated_at).ok())
                .map(|d| d.naive_local());
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
                note: note.filter(|n| !n.is_empty()),
                submitted_at,
                source,
            });
        }
        if sheets.is_empty() {
            return Err(AppError::Invalid(format!(
                "juror '{jcode}' has no scores in stage '{stage}' to print"
            )));
        }
        Ok(ScoreSheets {
            competition: snap.definition.competition.name.clone(),
            place: snap.definition.competition.place.clone(),
            date: self.today(req),
            time_zone: String::new(),
            sheets,
        })
    }

    /// One recap table per ranking group of a stage (or of every scored stage when `stage` is `None`).
    pub fn recap_tables(
        &self,
        stage: Option<&str>,
        req: &PrintRequest,
    ) -> Result<Vec<RecapTable>, AppError> {
        let snap = self.snapshot()?;
        let req = PrintRequest {
            stage: stage.map(str::to_string),
            ..req.clone()
        };
        match stage {
            Some(_) => self.recaps(&snap, &req),
            None => {
                let mut out = Vec::new();
                for s in snap
                    .definition
                    .stages
                    .iter()
                    .filter(|s| s.kind != StageKind::Screening)
                {
                    let r = PrintRequest {
                        stage: Some(s.id.clone()),
                        ..req.clone()
                    };
                    out.extend(self.recaps(&snap, &r)?);
                }
                Ok(out)
            }
        }
    }

    fn recaps(&self, snap: &Snapshot, req: &PrintRequest) -> Result<Vec<RecapTable>, AppError> {
        let stage = match &req.stage {
            Some(s) => s.clone(),
            None => self.print_stage(snap, req, None)?,
        };
        let st = snap.stage(&stage)?;
        if st.kind == StageKind::Screening {
            return Err(AppError::Invalid(format!(
                "stage '{stage}' is a screening: print its minutes instead of a recap"
            )));
        }
        let res = self.results_in(snap, &stage, None)?;
        let mut tables = Vec::new();
        let mut notes = Vec::new();
        if !st.tie_break.is_empty() {
            notes.push(format!("Tie-break: {}", st.tie_break.join(" → ")));
        }
        if let Some(a) = &st.advance {
            if let Some(n) = a.top_per_category {
                notes.push(format!("Top {n} / kategori"));
            }
            if let Some(n) = a.top {
                notes.push(format!("Top {n}"));
            }
            if let Some(t) = a.threshold {
                notes.push(format!("≥ {t}"));
            }
        }
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
                .flat_map(|r| {
                    r.juror_totals
                        .iter()
                        .map(|t| t.juror.as_str())
                        .chain(r.missing_jurors.iter().map(String::as_str))
                })
                .collect();
            juror_ids.sort_by_key(|j| snap.juror_index(j));
            juror_ids.dedup();
            let jurors: Vec<&Juror> = juror_ids
                .iter()
                .filter_map(|j| snap.juror_index(j))
                .map(|i| &snap.jurors[i])
                .collect();
            let rows = g
                .rows
                .iter()
                .map(|r| {
                    let entry = snap.entry_index(&r.entry).map(|i| &snap.entries[i]);
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
                        aggregate: r.score.map(dec_score),
                        advances: r.advance == Some(Cut::In) || r.award.is_some(),
                        disagreement: r.disagreement,
                    }
                })
                .collect();
            tables.push(RecapTable {
                competition: snap.definition.competition.name.clone(),
                stage: st.name.clone(),
                category: if st.scope == Scope::All {
                    None
                } else {
                    Some(g.name.clone())
                },
                method: method(&res),
                jurors: jurors.into_iter().map(report_juror).collect(),
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
                notes: notes.clone(),
                place: snap.definition.competition.place.clone(),
                date: self.today(req),
                signatory: chair_of(snap),
            });
        }
        if tables.is_empty() {
            return Err(AppError::Invalid(format!(
                "stage '{stage}' has nothing to recap yet"
            )));
        }
        Ok(tables)
    }

    fn recusals(&self, snap: &Snapshot, stage: Option<&str>) -> Vec<Recusal> {
        let mut out = Vec::new();
        for j in snap.jurors.iter().filter(|j| j.active) {
            for e in &snap.entries {
                if stage.is_some_and(|s| !j.assignments.get(s).is_some_and(|a| a.covers(e))) {
                    continue;
                }
                if let Some(c) = j.recusal(e) {
                    out.push(Recusal {
                        juror: j.name.clone(),
                        entry: entry_info(e, false, snap),
                        reason: c.reason.clone(),
                    });
                }
            }
        }
        out
    }

    fn minutes(&self, snap: &Snapshot, req: &PrintRequest) -> Result<Minutes, AppError> {
        let stage = self.print_stage(snap, req, None)?;
        let st = snap.stage(&stage)?;
        let res = self.results_in(snap, &stage, None)?;
        let to_ranked = |r: &juri_core::results::RankedEntry| RankedEntry {
            rank: r.rank.unwrap_or(0),
            tied: r.tie == TieState::Unresolved,
            entry: snap
                .entry_index(&r.entry)
                .map(|i| entry_info(&snap.entries[i], false, snap))
                .unwrap_or(EntryInfo {
                    code: r.entry.clone(),
                    title: r.title.clone(),
                    institution: None,
                    category: None,
                }),
            score: r
                .score
                .map(dec_score)
                .unwrap_or_else(|| Decimal::from_scaled(0, 2)),
        };
        let mut results = Vec::new();
        let mut notes = Vec::new();
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
                let passed = res.rows().filter(|r| r.advance == Some(Cut::In)).count();
                notes.push(format!("{passed} / {} lolos", res.rows().count()));
                for r in res.rows().filter(|r| r.advance == Some(Cut::Out)) {
                    let reasons: Vec<String> = r
                        .disqualified
                        .as_deref()
                        .unwrap_or("")
                        .split(", ")
                        .map(|code| {
                            st.reasons
                                .iter()
                                .find(|x| x.code == code)
                                .map(|x| format!("{code} {}", x.label))
                                .unwrap_or(code.to_string())
                        })
                        .collect();
                    notes.push(format!("{} — {}: {}", r.entry, r.title, reasons.join("; ")));
                }
            }
        }
        let mut decisions = Vec::new();
        for (_, _, d) in self.decisions()? {
            if d.stage() != stage {
                continue;
            }
            match &d {
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
                Decision::Disqualify { entry, reason, .. } => {
                    notes.push(format!("{entry}: didiskualifikasi — {reason}"))
                }
            }
        }
        let date = self.today(req);
        let year = chrono::Datelike::year(&date);
        let panel: Vec<PanelMember> = {
            let mut v: Vec<&Juror> = snap.jurors.iter().filter(|j| j.active).collect();
            v.sort_by_key(|j| j.role);
            v.into_iter().map(panel_member).collect()
        };
        Ok(Minutes {
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
            decree: (!snap.definition.competition.decree.is_empty())
                .then(|| snap.definition.competition.decree.clone()),
            panel,
            results,
            decisions,
            recusals: self.recusals(
                snap,
                (st.kind == StageKind::Scoring).then_some(stage.as_str()),
            ),
            notes,
        })
    }

    fn recusal_list(&self, snap: &Snapshot, req: &PrintRequest) -> Result<RecusalList, AppError> {
        if let Some(s) = &req.stage {
            snap.stage(s)?;
        }
        Ok(RecusalList {
            competition: snap.definition.competition.name.clone(),
            stage: req
                .stage
                .as_ref()
                .and_then(|s| snap.definition.stage(s))
                .map(|s| s.name.clone()),
            place: snap.definition.competition.place.clone(),
            date: self.today(req),
            recusals: self.recusals(snap, req.stage.as_deref()),
            signatory: chair_of(snap),
        })
    }

    /// Every recap (XLSX: one sheet per stage and category; CSV: one table with stage and category
    /// columns) or the full results of every stage (JSON).
    pub fn export(&self, format: ExportFormat, req: &PrintRequest) -> Result<Vec<u8>, AppError> {
        match format {
            ExportFormat::Json => {
                let snap = self.snapshot()?;
                let all: Vec<StageResults> = snap
                    .definition
                    .stages
                    .iter()
                    .map(|s| self.results_in(&snap, &s.id, None))
                    .collect::<Result<_, _>>()?;
                serde_json::to_vec_pretty(&serde_json::json!({
                    "competition": snap.definition.competition,
                    "definition_version": snap.definition_version,
                    "stages": all,
                }))
                .map_err(|e| AppError::Invalid(e.to_string()))
            }
            ExportFormat::Xlsx | ExportFormat::Csv => {
                let snap = self.snapshot()?;
                let mut tables = Vec::new();
                for s in snap
                    .definition
                    .stages
                    .iter()
                    .filter(|s| s.kind != StageKind::Screening)
                {
                    let r = PrintRequest {
                        stage: Some(s.id.clone()),
                        ..req.clone()
                    };
                    // A stage with no entry yet has no recap; the others are exported.
                    if let Ok(t) = self.recaps(&snap, &r) {
                        tables.extend(t);
                    }
                }
                if tables.is_empty() {
                    return Err(AppError::Invalid(
                        "there are no results to export yet".into(),
                    ));
                }
                let out = if format == ExportFormat::Xlsx {
                    juri_report::export_xlsx(&tables, lang(req))
                } else {
                    juri_report::export_csv(&tables)
                };
                out.map_err(|e| AppError::Invalid(format!("export failed: {e}")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_by_what_they_hold_and_when() {
        let path = DocumentKind::Recap.file_in(
            Path::new("/data/dokumen"),
            &[Some("proposal"), Some("pd/kab"), None, None],
            "2025-12-15T10:15:00+08:00",
        );
        assert_eq!(
            path,
            Path::new("/data/dokumen/rekapitulasi-proposal-pdkab-20251215101500.pdf")
        );
    }
}
