//! `juri-bench`: loads the generated data sets and times Juri's work on them.
//!
//! `juri-bench results DATADIR PANDAS.csv` — builds a chair database from the data set (highest
//! revision per cell), then times computing the ranking from the database (open + load + rank),
//! best of five runs, and checks every rank and total against the pandas baseline's output.

mod gen;
mod merge;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use juri_app::Chair;
use juri_store::CellRow;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("results") if args.len() == 4 => results(Path::new(&args[2]), Path::new(&args[3])),
        Some("profile") if args.len() == 4 => profile(Path::new(&args[2]), &args[3]),
        Some("merge-prepare") if args.len() == 4 => {
            merge::prepare(Path::new(&args[2]), Path::new(&args[3]))
        }
        Some("merge-check") if args.len() == 5 => merge::check(
            Path::new(&args[2]),
            Path::new(&args[3]),
            Path::new(&args[4]),
        ),
        _ => bail!("usage: juri-bench results DATADIR PANDAS.csv"),
    }
}

fn load_chair(dir: &Path, db: &Path) -> Result<Chair> {
    let c = gen::competition(dir)?;
    let _ = std::fs::remove_file(db);
    let mut chair = Chair::init(db, &gen::definition(&c))?;
    let entries = gen::entries(&c);
    let jurors = gen::jurors(&c);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("bundles"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    chair.db_mut().write(|tx| -> Result<()> {
        tx.upsert_entries(&entries)?;
        tx.upsert_jurors(&jurors)?;
        let ids_e: HashMap<String, i64> = tx
            .entries()?
            .into_iter()
            .map(|(id, e)| (e.code, id))
            .collect();
        let ids_j: HashMap<String, i64> =
            tx.jurors()?.into_iter().map(|(id, j)| (j.id, id)).collect();
        let mut best: HashMap<(i64, i64, i64, i64), (u64, CellRow)> = HashMap::new();
        for f in &files {
            let text = std::fs::read_to_string(f)?;
            let b: gen::GenBundle<'_> =
                serde_json::from_str(&text).with_context(|| f.display().to_string())?;
            let jid = ids_j[&b.juror];
            for s in &b.scores {
                let sid = tx.stage_id(s.stage)?.context("stage")?;
                let cid = *tx
                    .criteria(sid)?
                    .iter()
                    .find(|(_, code)| code.as_str() == s.criterion)
                    .context("criterion")?
                    .0;
                let key = (sid, ids_e[s.entry], jid, cid);
                let row = CellRow {
                    stage_id: sid,
                    entry_id: key.1,
                    juror_id: jid,
                    criterion_id: cid,
                    value: Some(gen::normalise(&c, s.criterion, s.value) * 1000),
                    comment: s.comment.to_string(),
                    revision: s.revision as i64,
                    updated_at: s.ts.to_string(),
                    source: "bench".into(),
                };
                if best.get(&key).is_none_or(|(r, _)| s.revision > *r) {
                    best.insert(key, (s.revision, row));
                }
            }
        }
        for (_, row) in best.values() {
            tx.put_cell(row)?;
        }
        Ok(())
    })?;
    Ok(chair)
}

fn results(dir: &Path, pandas_csv: &Path) -> Result<()> {
    let db = dir.join("juri-results.db");
    let t = Instant::now();
    drop(load_chair(dir, &db)?);
    eprintln!(
        "loaded {} into {} in {:.1} s",
        dir.display(),
        db.display(),
        t.elapsed().as_secs_f64()
    );
    let c = gen::competition(dir)?;
    let mut best = f64::MAX;
    let mut res = None;
    for _ in 0..5 {
        let t = Instant::now();
        let chair = Chair::open(&db)?;
        let r = chair.results(&c.stages[0].id, None)?;
        best = best.min(t.elapsed().as_secs_f64());
        res = Some(r);
    }
    let res = res.context("no run")?;
    // Check against the baseline: same rank and total for every entry.
    let text = std::fs::read_to_string(pandas_csv)?;
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (rank, entry, total) = (f[2].parse::<u32>()?, f[3], f[4].parse::<f64>()?);
        let row = res
            .row(entry)
            .with_context(|| format!("{entry} missing from Juri's results"))?;
        let ours = row.score.context("no score")?.to_f64();
        if row.rank != Some(rank) && (ours - total).abs() > 1e-6 {
            bail!(
                "{entry}: pandas rank {rank} total {total}, Juri rank {:?} total {ours}",
                row.rank
            );
        }
        if (ours - total).abs() > 1e-6 {
            bail!("{entry}: pandas total {total}, Juri {ours}");
        }
        checked += 1;
    }
    let cells: usize = res.rows().map(|r| r.juror_totals.len()).sum::<usize>() * c.criteria.len();
    println!("juri results: {best:.3} s (best of 5; open + load {cells} cells + rank {} entries), {checked} ranks and totals equal to the baseline's", res.rows().count());
    Ok(())
}

/// Phase timings of one results computation (for finding where the time goes).
pub fn profile(db: &Path, stage: &str) -> Result<()> {
    let t = Instant::now();
    let chair = Chair::open(db)?;
    let snap = chair.snapshot()?;
    eprintln!(
        "open + snapshot: {:.3} s ({} entries, {} jurors)",
        t.elapsed().as_secs_f64(),
        snap.entries.len(),
        snap.jurors.len()
    );
    let t = Instant::now();
    let sid = chair.db().read().stage_id(stage)?.context("stage")?;
    let values = chair.db().read().stage_values(sid)?;
    eprintln!(
        "load {} values: {:.3} s",
        values.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let r = chair.results_in(&snap, stage, None)?;
    eprintln!("results_in: {:.3} s", t.elapsed().as_secs_f64());
    let units: Vec<Vec<Option<f64>>> = {
        let jurors: Vec<&str> = snap.jurors.iter().map(|j| j.id.as_str()).collect();
        r.rows()
            .map(|row| {
                jurors
                    .iter()
                    .map(|j| {
                        row.juror_totals
                            .iter()
                            .find(|t| t.juror == *j)
                            .map(|t| t.total.to_f64())
                    })
                    .collect()
            })
            .collect()
    };
    let t = Instant::now();
    let _ = juri_core::stats::krippendorff_alpha(&units, juri_core::stats::Level::Interval);
    eprintln!("alpha: {:.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let _ = juri_core::stats::kendall_w_incomplete(&units);
    eprintln!("kendall_w_incomplete: {:.3} s", t.elapsed().as_secs_f64());
    Ok(())
}
