//! Reads the data sets of `../shared/bench/gen_bundles.py` and turns them into Juri's own model.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use juri_core::model::{Assignment, Entry, Juror, Role};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Competition {
    pub competition_id: String,
    pub stages: Vec<Named>,
    pub categories: Vec<Named>,
    pub criteria: Vec<Criterion>,
    pub jurors: Vec<Named>,
    pub entries: Vec<GenEntry>,
}

#[derive(Deserialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Deserialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub scale: String,
}

#[derive(Deserialize)]
pub struct GenEntry {
    pub id: String,
    pub category: String,
    pub title: String,
    pub jurors: Vec<String>,
}

#[derive(Deserialize)]
pub struct GenBundle<'a> {
    pub juror: String,
    #[serde(borrow)]
    pub scores: Vec<GenScore<'a>>,
}

#[derive(Deserialize)]
pub struct GenScore<'a> {
    pub stage: &'a str,
    pub entry: &'a str,
    pub criterion: &'a str,
    pub value: i64,
    #[serde(borrow)]
    pub comment: std::borrow::Cow<'a, str>,
    pub revision: u64,
    pub ts: &'a str,
}

pub fn competition(dir: &Path) -> Result<Competition> {
    let text = std::fs::read_to_string(dir.join("competition.json")).context("competition.json")?;
    Ok(serde_json::from_str(&text)?)
}

/// A definition with one scoring stage per generated stage, ranked per category. The generator's
/// 1–5 criteria are brought onto the 0–100 scale exactly as the baseline does, (v − 1) · 25.
pub fn definition(c: &Competition) -> String {
    let mut t = format!(
        "[competition]\nid = \"{}\"\nname = \"Benchmark {}\"\n\n",
        c.competition_id, c.competition_id
    );
    for cat in &c.categories {
        t += &format!(
            "[[categories]]\nid = \"{}\"\nname = \"{}\"\n\n",
            cat.id, cat.name
        );
    }
    for s in &c.stages {
        t += &format!(
            "[[stages]]\nid = \"{}\"\nname = \"{}\"\nkind = \"scoring\"\nscope = \"category\"\n",
            s.id, s.name
        );
        t += "[stages.rubric]\nscale = { min = 0, max = 100, step = 1 }\ncriteria = [\n";
        for k in &c.criteria {
            // weights are fractions with 4 decimals; Juri's are percentages with up to 3 decimals.
            let pct = (k.weight * 10_000.0).round() as i64;
            t += &format!(
                "  {{ id = \"{}\", name = \"{}\", weight = \"{}.{:02}\" }},\n",
                k.id,
                k.name,
                pct / 100,
                pct % 100
            );
        }
        t += "]\n\n";
    }
    t
}

pub fn normalise(c: &Competition, criterion: &str, v: i64) -> i64 {
    match c
        .criteria
        .iter()
        .find(|k| k.id == criterion)
        .map(|k| k.scale.as_str())
    {
        Some("1-5") => (v - 1) * 25,
        _ => v,
    }
}

pub fn entries(c: &Competition) -> Vec<Entry> {
    c.entries
        .iter()
        .map(|e| Entry {
            code: e.id.clone(),
            title: e.title.clone(),
            institution: format!("Instansi {}", e.id),
            category: e.category.clone(),
            rintisan: false,
            description: String::new(),
            withdrawn: false,
        })
        .collect()
}

pub fn jurors(c: &Competition) -> Vec<Juror> {
    let mut by_juror: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for e in &c.entries {
        for j in &e.jurors {
            by_juror.entry(j.as_str()).or_default().push(e.id.clone());
        }
    }
    c.jurors
        .iter()
        .map(|j| Juror {
            id: j.id.clone(),
            name: j.name.clone(),
            affiliation: String::new(),
            role: Role::Anggota,
            assignments: c
                .stages
                .iter()
                .map(|s| {
                    (
                        s.id.clone(),
                        Assignment::Entries(
                            by_juror.get(j.id.as_str()).cloned().unwrap_or_default(),
                        ),
                    )
                })
                .collect(),
            conflicts: vec![],
            active: true,
        })
        .collect()
}
