//! Benchmark: 1,000 filled score sheets (one A4 page each) in one PDF.
//!
//! ```text
//! cargo run --release -p juri-report --example bench_sheets [-- DATADIR [OUT.pdf]]
//! ```
//!
//! Without `DATADIR` the sheets are generated in-process (10 jurors × 100 entries, one
//! stage; six criteria, two of them on a 1–5 scale). With `DATADIR` they are read from the
//! output of `gen_bundles.py` (records merged by highest revision, one sheet per juror, entry
//! and stage), the same input `pdf_reportlab.py` reads — `bench/run.sh` runs both on it.
//! Prints one JSON line: pages, seconds spent rendering and writing, pages/s, bytes/page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{NaiveDate, NaiveDateTime};
use juri_report::{
    render_pdf, Decimal, Document, EntryInfo, Juror, Lang, Scale, ScoreSheet, ScoreSheets,
    ScoreSource, ScoredCriterion,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Competition {
    competition_id: String,
    stages: Vec<Named>,
    categories: Vec<Named>,
    criteria: Vec<CriterionDef>,
    jurors: Vec<Named>,
    entries: Vec<EntryDef>,
}

#[derive(Deserialize)]
struct Named {
    id: String,
    name: String,
}

#[derive(Deserialize, Clone)]
struct CriterionDef {
    id: String,
    name: String,
    weight: f64,
    scale: String,
}

#[derive(Deserialize)]
struct EntryDef {
    id: String,
    category: String,
    title: String,
}

#[derive(Deserialize)]
struct Bundle {
    scores: Vec<Record>,
}

#[derive(Deserialize, Clone)]
struct Record {
    stage: String,
    entry: String,
    juror: String,
    criterion: String,
    value: i64,
    comment: String,
    revision: u32,
    ts: String,
}

/// One sheet's raw scores: criterion id → (value, comment, time).
type Cells = BTreeMap<String, (i64, String, NaiveDateTime)>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let data = args.next().map(PathBuf::from);
    let out = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("juri-bench-sheets.pdf"));
    let doc = match &data {
        Some(dir) => from_generator(dir)?,
        None => synthetic(),
    };
    let pages = doc.sheets.len();

    let started = Instant::now();
    let bytes = render_pdf(&Document::ScoreSheets(doc), Lang::Id)?;
    std::fs::write(&out, &bytes)?;
    let seconds = started.elapsed().as_secs_f64();

    println!(
        "{{\"tool\":\"juri-report\",\"pages\":{pages},\"build_write_s\":{seconds:.3},\
         \"pages_per_s\":{:.1},\"bytes\":{},\"bytes_per_page\":{},\"out\":{:?}}}",
        pages as f64 / seconds,
        bytes.len(),
        bytes.len() / pages.max(1),
        out.display().to_string()
    );
    Ok(())
}

/// Sheets from `gen_bundles.py` output, scored the way `pdf_reportlab.py` scores them.
fn from_generator(dir: &Path) -> Result<ScoreSheets, Box<dyn std::error::Error>> {
    let comp: Competition =
        serde_json::from_str(&std::fs::read_to_string(dir.join("competition.json"))?)?;
    let mut best: BTreeMap<(String, String, String, String), Record> = BTreeMap::new();
    let mut fingerprints: BTreeMap<String, String> = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("bundles"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    for path in files {
        let raw = std::fs::read(&path)?;
        let bundle: Bundle = serde_json::from_slice(&raw)?;
        let fingerprint = format!("{:016x}", fnv1a(&raw));
        for r in bundle.scores {
            let key = (
                r.stage.clone(),
                r.entry.clone(),
                r.juror.clone(),
                r.criterion.clone(),
            );
            if best.get(&key).is_none_or(|old| r.revision > old.revision) {
                fingerprints.insert(r.juror.clone(), fingerprint.clone());
                best.insert(key, r);
            }
        }
    }
    let mut sheets: BTreeMap<(String, String, String), Cells> = BTreeMap::new();
    for ((stage, entry, juror, criterion), r) in best {
        let ts = NaiveDateTime::parse_from_str(&r.ts, "%Y-%m-%dT%H:%M:%SZ")?;
        sheets
            .entry((juror, entry, stage))
            .or_default()
            .insert(criterion, (r.value, r.comment, ts));
    }
    let name = |list: &[Named], id: &str| {
        list.iter()
            .find(|n| n.id == id)
            .map_or(id.to_string(), |n| n.name.clone())
    };
    let entries: BTreeMap<&str, &EntryDef> =
        comp.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    let sheets = sheets
        .into_iter()
        .map(|((juror, entry, stage), cells)| {
            let e = entries[entry.as_str()];
            sheet(
                &comp.criteria,
                &cells,
                name(&comp.stages, &stage),
                Juror {
                    code: juror.clone(),
                    name: name(&comp.jurors, &juror),
                },
                EntryInfo {
                    code: entry.clone(),
                    title: e.title.clone(),
                    institution: None,
                    category: Some(format!(
                        "{} – {}",
                        e.category,
                        name(&comp.categories, &e.category)
                    )),
                },
                fingerprints.get(&juror).cloned().unwrap_or_default(),
            )
        })
        .collect();
    Ok(ScoreSheets {
        competition: comp.competition_id,
        place: "Kupang".into(),
        date: NaiveDate::from_ymd_opt(2026, 3, 14).expect("date"),
        time_zone: "UTC".into(),
        sheets,
    })
}

/// One filled sheet: weights in percent, 1–5 values rescaled to 0–100 (×25 after −1),
/// weighted scores and the total in exact hundredths.
fn sheet(
    criteria: &[CriterionDef],
    cells: &Cells,
    stage: String,
    juror: Juror,
    entry: EntryInfo,
    fingerprint: String,
) -> ScoreSheet {
    let mut total_ten_thousandths = 0i64;
    let mut submitted = None;
    let rows = criteria
        .iter()
        .map(|k| {
            let weight = (k.weight * 10_000.0).round() as i64; // 4 decimals
            let (min, max) = if k.scale == "1-5" { (1, 5) } else { (0, 100) };
            let cell = cells.get(&k.id);
            let (score, weighted) = match cell {
                Some((v, _, ts)) => {
                    submitted = submitted.max(Some(*ts));
                    let norm = if k.scale == "1-5" { (v - 1) * 25 } else { *v };
                    total_ten_thousandths += weight * norm;
                    let hundredths = (weight * norm + 50) / 100;
                    (
                        Some(Decimal::from(*v)),
                        Some(Decimal::from_scaled(hundredths, 2)),
                    )
                }
                None => (None, None),
            };
            ScoredCriterion {
                name: k.name.clone(),
                weight: Decimal::from_scaled(weight, 2),
                scale: Scale {
                    min: Decimal::from(min),
                    max: Decimal::from(max),
                },
                score,
                weighted,
                comment: cell.map(|(_, c, _)| c.clone()).filter(|c| !c.is_empty()),
            }
        })
        .collect();
    ScoreSheet {
        stage,
        juror,
        entry,
        criteria: rows,
        total: Some(Decimal::from_scaled((total_ten_thousandths + 50) / 100, 2)),
        note: None,
        scoring_note: None,
        submitted_at: submitted,
        source: if fingerprint.is_empty() {
            ScoreSource::Paper
        } else {
            ScoreSource::Bundle { fingerprint }
        },
        photos: Vec::new(),
    }
}

/// 1,000 sheets without any input file: 10 jurors × 100 entries.
fn synthetic() -> ScoreSheets {
    const NAMES: [&str; 6] = [
        "Orisinalitas",
        "Kreativitas",
        "Teknik",
        "Komposisi",
        "Relevansi Tema",
        "Presentasi",
    ];
    const COMMENTS: [&str; 5] = [
        "Sangat baik",
        "Perlu perbaikan",
        "Naskah “kuat”, visual lemah",
        "Café-style layout, menarik",
        "",
    ];
    let weights = [0.2022, 0.2135, 0.1461, 0.1685, 0.1124, 0.1573];
    let criteria: Vec<CriterionDef> = NAMES
        .iter()
        .zip(weights)
        .enumerate()
        .map(|(i, (name, weight))| CriterionDef {
            id: format!("K{}", i + 1),
            name: name.to_string(),
            weight,
            scale: if i >= 4 { "1-5".into() } else { "0-100".into() },
        })
        .collect();
    let mut seed = 20_260_314u64;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as i64
    };
    let base = NaiveDate::from_ymd_opt(2026, 3, 10)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .expect("time");
    let mut sheets = Vec::with_capacity(1000);
    for j in 1..=10 {
        for e in 1..=100 {
            let cells: Cells = criteria
                .iter()
                .map(|k| {
                    let v = if k.scale == "1-5" {
                        1 + next() % 5
                    } else {
                        40 + next() % 61
                    };
                    let comment = COMMENTS[(next() % 5) as usize].to_string();
                    let ts = base + chrono::Duration::seconds(next() % 345_600);
                    (k.id.clone(), (v, comment, ts))
                })
                .collect();
            sheets.push(sheet(
                &criteria,
                &cells,
                "Penilaian Tahap 1".into(),
                Juror {
                    code: format!("J{j:04}"),
                    name: format!("Juri {j}"),
                },
                EntryInfo {
                    code: format!("E{e:06}"),
                    title: format!("Karya {e}"),
                    institution: None,
                    category: Some(format!("C{:03} – Kategori {}", e % 4 + 1, e % 4 + 1)),
                },
                format!("{:016x}", fnv1a(format!("J{j}").as_bytes())),
            ));
        }
    }
    ScoreSheets {
        competition: "COMP-small-20260314".into(),
        place: "Kupang".into(),
        date: NaiveDate::from_ymd_opt(2026, 3, 14).expect("date"),
        time_zone: "UTC".into(),
        sheets,
    }
}

/// FNV-1a, enough for a short bundle fingerprint in a benchmark.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
