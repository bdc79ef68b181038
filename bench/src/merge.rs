//! The merge benchmark's data: the generated per-juror JSON files turned into real Juri score
//! bundles (signed with each juror's key, encrypted to the chair), a chair database with the
//! competition and the jurors' registered keys, and a check of the merged results against the
//! pandas baseline.
//!
//! `juri-bench merge-prepare DATADIR OUTDIR` writes `OUTDIR/base.db` (no scores yet) and
//! `OUTDIR/bundles/*.juri`; `juri-bench merge-check DB PANDAS.csv` compares every rank and total.
//!
//! Jurors' keys are registered directly (public key and an empty sealed secret) instead of issuing
//! packages: sealing 1,000 keys with scrypt would dominate the set-up and measures nothing here.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{bail, Context, Result};
use juri_app::Chair;
use juri_bundle::rand_core::UnwrapErr;
use juri_bundle::{seal_bundle, BundleContent, ChairPublic, JurorSigningKey, ScoreCell};

use crate::gen;

pub fn prepare(data: &Path, out: &Path) -> Result<()> {
    let c = gen::competition(data)?;
    std::fs::create_dir_all(out.join("bundles"))?;
    let db = out.join("base.db");
    let _ = std::fs::remove_file(&db);
    let mut chair = Chair::init(&db, &gen::definition(&c))?;
    let chair_public = chair.chair_keys()?.public();
    let mut rng = UnwrapErr(getrandom::SysRng);
    let keys: Vec<(String, JurorSigningKey)> = c
        .jurors
        .iter()
        .map(|j| (j.id.clone(), JurorSigningKey::generate(&mut rng)))
        .collect();
    let now = "2026-03-14T18:00:00Z";
    chair.db_mut().write(|tx| -> Result<()> {
        tx.upsert_entries(&gen::entries(&c))?;
        tx.upsert_jurors(&gen::jurors(&c))?;
        let ids: std::collections::HashMap<String, i64> =
            tx.jurors()?.into_iter().map(|(id, j)| (j.id, id)).collect();
        for (juror, key) in &keys {
            tx.add_juror_key(ids[juror], &key.public_key(), &[], now)?;
        }
        Ok(())
    })?;
    drop(chair);
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(data.join("bundles"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let next = AtomicUsize::new(0);
    let failed = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(f) = files.get(i) else { break };
                if let Err(e) = convert(&c, f, &keys, &chair_public, out) {
                    failed
                        .lock()
                        .unwrap()
                        .push(format!("{}: {e:#}", f.display()));
                }
            });
        }
    });
    let failed = failed.into_inner().unwrap();
    if !failed.is_empty() {
        bail!("{}", failed.join("\n"));
    }
    eprintln!(
        "prepared {} bundles and {} for {} jurors",
        files.len(),
        db.display(),
        keys.len()
    );
    Ok(())
}

/// A generated score file, with the export fields a bundle carries.
#[derive(serde::Deserialize)]
struct ExportFile<'a> {
    juror: String,
    export_seq: u64,
    exported_at: &'a str,
    #[serde(borrow)]
    scores: Vec<gen::GenScore<'a>>,
}

/// One generated JSON file → one signed, encrypted Juri bundle. Values of the generator's 1–5
/// criteria are brought onto the definition's 0–100 scale as the baseline does.
fn convert(
    c: &gen::Competition,
    file: &Path,
    keys: &[(String, JurorSigningKey)],
    chair: &ChairPublic,
    out: &Path,
) -> Result<()> {
    let text = std::fs::read_to_string(file)?;
    let b: ExportFile<'_> = serde_json::from_str(&text)?;
    let key = &keys
        .iter()
        .find(|(j, _)| *j == b.juror)
        .context("unknown juror")?
        .1;
    let content = BundleContent {
        competition_id: c.competition_id.clone(),
        juror_id: b.juror.clone(),
        package_version: 1,
        exported_at: b.exported_at.to_string(),
        sequence: b.export_seq,
        scores: b
            .scores
            .iter()
            .map(|s| ScoreCell {
                stage: s.stage.to_string(),
                entry: s.entry.to_string(),
                criterion: s.criterion.to_string(),
                value: Some(gen::normalise(c, s.criterion, s.value).to_string()),
                comment: s.comment.to_string(),
                revision: s.revision,
                updated_at: s.ts.to_string(),
            })
            .collect(),
        notes: vec![],
        submissions: vec![],
    };
    let bytes = seal_bundle(&content, key, chair)?;
    let name = file
        .file_stem()
        .context("file name")?
        .to_string_lossy()
        .into_owned();
    std::fs::write(out.join("bundles").join(format!("{name}.juri")), bytes)?;
    Ok(())
}

/// Every entry's rank and total after the merge equal the pandas baseline's.
pub fn check(db: &Path, data: &Path, pandas_csv: &Path) -> Result<()> {
    let c = gen::competition(data)?;
    let chair = Chair::open(db)?;
    let res = chair.results(&c.stages[0].id, None)?;
    let text = std::fs::read_to_string(pandas_csv)?;
    let mut checked = 0;
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (rank, entry, total) = (f[2].parse::<u32>()?, f[3], f[4].parse::<f64>()?);
        let row = res
            .row(entry)
            .with_context(|| format!("{entry} missing from Juri's results"))?;
        let ours = row.score.context("no score")?.to_f64();
        // Ties share the lowest rank in pandas; Juri breaks them by its declared cascade.
        if (ours - total).abs() > 1e-6 {
            bail!(
                "{entry}: pandas rank {rank} total {total}, Juri rank {:?} total {ours}",
                row.rank
            );
        }
        checked += 1;
    }
    println!("check: {checked} ranks and totals after the merge equal the baseline's");
    Ok(())
}
