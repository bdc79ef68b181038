//! Scenario files: a competition, its scores and decisions, and the expected ranking of each
//! stage. The same files drive the core's tests and the `juri` command's tests, so both front
//! ends are held to one expectation. Format: `docs/scenarios.md`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::decimal::Fixed;
use crate::definition::{Definition, Method, StageKind};
use crate::model::{Cell, Decision, Entry, Juror, Role, Screening};
use crate::notation;
use crate::pipeline;
use crate::results::{self, Cut, RankedEntry, StageInput, StageResults, TieState};
use crate::templates;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// A template name, or
    #[serde(default)]
    pub template: Option<String>,
    /// an inline TOML definition.
    #[serde(default)]
    pub definition: Option<String>,
    pub entries: Vec<ScenarioEntry>,
    pub jurors: Vec<ScenarioJuror>,
    /// Screening failures per screening stage: `{ administrasi = ["E9:A1"] }` (entry:reason).
    #[serde(default)]
    pub fail: BTreeMap<String, Vec<String>>,
    /// `"STAGE JUROR ENTRY = v1 v2 …"` in rubric order, `-` for an empty cell, ` draft` at the end
    /// for a sheet not yet submitted.
    #[serde(default)]
    pub sheets: Vec<String>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Expected rows per stage (and optionally per method: key `STAGE/METHOD`).
    pub expect: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioEntry {
    pub code: String,
    pub category: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub rintisan: bool,
    #[serde(default)]
    pub withdrawn: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioJuror {
    pub id: String,
    #[serde(default)]
    pub name: String,
    /// Assignment notation (see [`notation`]).
    pub assign: String,
    #[serde(default)]
    pub conflicts: String,
    #[serde(default)]
    pub active: Option<bool>,
}

/// A parsed sheet line.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub stage: String,
    pub juror: String,
    pub entry: String,
    /// (criterion id, value) for the non-empty cells.
    pub values: Vec<(String, Fixed)>,
    pub submitted: bool,
}

impl Scenario {
    pub fn parse(text: &str) -> Result<Scenario, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    pub fn definition_text(&self) -> Result<String, String> {
        match (&self.template, &self.definition) {
            (Some(t), None) => templates::template(t)
                .map(str::to_string)
                .ok_or_else(|| format!("unknown template {t}")),
            (None, Some(d)) => Ok(d.clone()),
            _ => Err("give exactly one of `template` and `definition`".into()),
        }
    }

    pub fn entries(&self) -> Vec<Entry> {
        self.entries
            .iter()
            .map(|e| Entry {
                code: e.code.clone(),
                title: if e.title.is_empty() {
                    format!("Inovasi {}", e.code)
                } else {
                    e.title.clone()
                },
                institution: if e.institution.is_empty() {
                    format!("Instansi {}", e.code)
                } else {
                    e.institution.clone()
                },
                category: e.category.clone(),
                rintisan: e.rintisan,
                description: String::new(),
                withdrawn: e.withdrawn,
            })
            .collect()
    }

    pub fn jurors(&self, def: &Definition, entries: &[Entry]) -> Result<Vec<Juror>, String> {
        self.jurors
            .iter()
            .map(|j| {
                Ok(Juror {
                    id: j.id.clone(),
                    name: if j.name.is_empty() {
                        format!("Juri {}", j.id)
                    } else {
                        j.name.clone()
                    },
                    affiliation: String::new(),
                    role: Role::Anggota,
                    assignments: notation::parse_assignments(&j.assign, def, entries)
                        .map_err(|e| format!("juror {}: {e}", j.id))?,
                    conflicts: notation::parse_conflicts(&j.conflicts, entries)
                        .map_err(|e| format!("juror {}: {e}", j.id))?,
                    active: j.active.unwrap_or(true),
                })
            })
            .collect()
    }

    pub fn sheets(&self, def: &Definition) -> Result<Vec<Sheet>, String> {
        self.sheets
            .iter()
            .map(|line| {
                let (head, vals) = line
                    .split_once('=')
                    .ok_or_else(|| format!("sheet '{line}' has no '='"))?;
                let h: Vec<&str> = head.split_whitespace().collect();
                let [stage, juror, entry] = h[..] else {
                    return Err(format!(
                        "sheet '{line}' should start with STAGE JUROR ENTRY"
                    ));
                };
                let st = def
                    .stage(stage)
                    .ok_or_else(|| format!("unknown stage {stage}"))?;
                let mut toks: Vec<&str> = vals.split_whitespace().collect();
                let submitted = toks.last() != Some(&"draft");
                if !submitted {
                    toks.pop();
                }
                if toks.len() != st.criteria().len() {
                    return Err(format!(
                        "sheet '{line}' has {} values for {} criteria",
                        toks.len(),
                        st.criteria().len()
                    ));
                }
                let mut values = Vec::new();
                for (c, t) in st.criteria().iter().zip(toks) {
                    if t != "-" {
                        values.push((c.id.clone(), Fixed::parse(t).map_err(|e| e.to_string())?));
                    }
                }
                Ok(Sheet {
                    stage: stage.into(),
                    juror: juror.into(),
                    entry: entry.into(),
                    values,
                    submitted,
                })
            })
            .collect()
    }

    /// Computes every stage in order, each stage's pool fed by the previous one as if finalised.
    pub fn run(&self) -> Result<BTreeMap<String, StageResults>, String> {
        let def = Definition::from_toml(&self.definition_text()?).map_err(|e| e.to_string())?;
        self.run_with(&def, None)
    }

    pub fn run_with(
        &self,
        def: &Definition,
        method: Option<Method>,
    ) -> Result<BTreeMap<String, StageResults>, String> {
        let entries = self.entries();
        let jurors = self.jurors(def, &entries)?;
        let sheets = self.sheets(def)?;
        let eidx = |c: &str| entries.iter().position(|e| e.code == c).map(|i| i as u32);
        let jidx = |c: &str| jurors.iter().position(|j| j.id == c).map(|i| i as u32);
        let mut out: BTreeMap<String, StageResults> = BTreeMap::new();
        let mut prev: Option<StageResults> = None;
        for (k, stage) in def.stages.iter().enumerate() {
            let pool = pipeline::pool(def, k, &entries, prev.as_ref());
            let res = if stage.kind == StageKind::Screening {
                let records: Vec<Screening> = entries
                    .iter()
                    .map(|e| {
                        let failed = self.fail.get(&stage.id).and_then(|v| {
                            v.iter()
                                .find(|f| f.split(':').next() == Some(e.code.as_str()))
                        });
                        Screening {
                            entry: e.code.clone(),
                            passed: failed.is_none(),
                            reasons: failed
                                .and_then(|f| f.split_once(':'))
                                .map(|(_, r)| vec![r.to_string()])
                                .unwrap_or_default(),
                            note: String::new(),
                            met: None,
                        }
                    })
                    .collect();
                pipeline::screening_results(def, stage, &entries, &pool, &records)
            } else {
                let mut cells = Vec::new();
                let mut submitted = Vec::new();
                for s in sheets.iter().filter(|s| s.stage == stage.id) {
                    let (e, j) = (
                        eidx(&s.entry).ok_or(format!("unknown entry {}", s.entry))?,
                        jidx(&s.juror).ok_or(format!("unknown juror {}", s.juror))?,
                    );
                    for (c, v) in &s.values {
                        let ci = stage
                            .criteria()
                            .iter()
                            .position(|x| x.id == *c)
                            .unwrap_or(0) as u16;
                        cells.push(Cell {
                            entry: e,
                            juror: j,
                            criterion: ci,
                            value: *v,
                        });
                    }
                    if s.submitted {
                        submitted.push((e, j));
                    }
                }
                let input = StageInput {
                    definition: def,
                    stage,
                    entries: &entries,
                    jurors: &jurors,
                    pool: &pool,
                    cells: &cells,
                    submitted: &submitted,
                    decisions: &self.decisions,
                    earlier: &out,
                    method,
                };
                results::compute(&input)
            };
            prev = Some(res.clone());
            out.insert(stage.id.clone(), res);
        }
        Ok(out)
    }
}

/// One row as a line: `RANK CODE SCORE MARKS…`, e.g. `1 E1 85.50 in`, `2= E3 80.00 undecided`,
/// `- E9 - out missing:J2`. Marks: advancement (`in`, `out`, `undecided`), `by:KEY` (tie broken
/// by that key), `decided` (tie ordered by the chair), `award:ID`, `award:undecided`, `dq`,
/// `flag` (jurors disagree).
pub fn row_line(r: &RankedEntry) -> String {
    let rank = match (r.rank, &r.tie) {
        (Some(n), TieState::Unresolved) => format!("{n}="),
        (Some(n), _) => n.to_string(),
        (None, _) => "-".into(),
    };
    let mut parts = vec![
        rank,
        r.entry.clone(),
        r.score.map(|s| s.display(2)).unwrap_or_else(|| "-".into()),
    ];
    match r.advance {
        Some(Cut::In) => parts.push("in".into()),
        Some(Cut::Out) => parts.push("out".into()),
        Some(Cut::Undecided) => parts.push("undecided".into()),
        None => {}
    }
    match &r.tie {
        TieState::BrokenBy(k) => parts.push(format!("by:{k}")),
        TieState::Decided(_) => parts.push("decided".into()),
        _ => {}
    }
    if let Some(a) = &r.award {
        parts.push(format!("award:{a}"));
    }
    if r.award_undecided {
        parts.push("award:undecided".into());
    }
    if r.disqualified.is_some() {
        parts.push("dq".into());
    }
    if r.disagreement {
        parts.push("flag".into());
    }
    parts.join(" ")
}

pub fn result_lines(res: &StageResults) -> Vec<String> {
    res.rows().map(row_line).collect()
}
