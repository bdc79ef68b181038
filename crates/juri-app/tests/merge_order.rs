//! Merging through the application layer does not depend on the order or grouping in which
//! bundles arrive, importing one twice changes nothing, and a rebuild gives the same records.

use std::path::{Path, PathBuf};

use juri_app::{Chair, JurorWorkspace};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../juri-cli/tests/data/roundtrip")
        .join(name)
}

/// The digest of every merged record (what a rebuild compares).
fn digest(db: &Path) -> String {
    unlocked(db).rebuild(true).unwrap().digest_before
}

#[test]
fn any_order_any_grouping_and_duplicates_give_the_same_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = d.join("base.db");
    let def = std::fs::read_to_string(data("lomba.toml")).unwrap();
    let mut chair = Chair::init(&base, &def).unwrap();
    chair.import_entries(&data("entries.csv")).unwrap();
    chair.import_jurors(&data("jurors.csv")).unwrap();
    let mut laptops = Vec::new();
    chair.unlock("kata sandi ketua uji").unwrap();
    for (juror, laptop) in [("J1", "a"), ("J2", "b")] {
        let package = d.join(format!("{juror}.juri"));
        let issued = chair.issue_package(juror, false, &package).unwrap();
        let code = issued.access_code.unwrap();
        for copy in ["1", "2"] {
            let mut ws = JurorWorkspace::open(&d.join(format!("{laptop}{copy}.db"))).unwrap();
            ws.install_package(&package, Some(&code)).unwrap();
            laptops.push(ws);
        }
    }
    drop(chair);
    // Edit histories: two laptops per juror, so equal revisions with different content occur.
    let mut files = Vec::new();
    // Which juror exported each file (laptops 0 and 1 are J1's, 2 and 3 J2's).
    let mut owners = Vec::new();
    let plan: [(usize, &str, &str, &str); 10] = [
        (0, "A01", "kebaruan", "5"),
        (0, "A01", "manfaat", "6"),
        (1, "A01", "kebaruan", "3"),
        (0, "A01", "kebaruan", "6"),
        (2, "A02", "replikasi", "2"),
        (3, "A02", "replikasi", "2"),
        (2, "A03", "kebaruan", "7"),
        (3, "A03", "kebaruan", "1"),
        (1, "A04", "manfaat", "4"),
        (0, "A04", "manfaat", "5"),
    ];
    for (step, (laptop, entry, criterion, value)) in plan.iter().enumerate() {
        let ws = &mut laptops[*laptop];
        ws.set_score("proposal", entry, criterion, Some(value), None)
            .unwrap();
        if step % 3 == 2 || step == plan.len() - 1 {
            let file = d.join(format!("export-{step}.juri"));
            ws.export(&file, None).unwrap();
            files.push(file);
            owners.push(laptop / 2);
        }
    }
    for (i, ws) in laptops.iter_mut().enumerate() {
        let file = d.join(format!("final-{i}.juri"));
        ws.export(&file, None).unwrap();
        files.push(file);
        owners.push(i / 2);
    }
    let n = files.len();
    let orders: Vec<Vec<Vec<usize>>> = vec![
        vec![(0..n).collect()],
        vec![(0..n).rev().collect()],
        vec![(0..n).step_by(2).collect(), (1..n).step_by(2).collect()],
        (0..n).map(|i| vec![(i * 3) % n]).collect(),
        vec![(0..n).chain(0..n).collect()],
        vec![vec![n - 1, 0], (0..n).collect(), vec![2, 2, 1]],
    ];
    let mut digests = Vec::new();
    for (k, batches) in orders.iter().enumerate() {
        let db = d.join(format!("order-{k}.db"));
        std::fs::copy(&base, &db).unwrap();
        let mut chair = unlocked(&db);
        for batch in batches {
            let batch: Vec<PathBuf> = batch.iter().map(|&i| files[i].clone()).collect();
            let report = chair.merge(&batch, false, None).unwrap();
            assert_eq!(report.rejected, 0, "order {k}");
        }
        assert!(!chair.conflicts(false).unwrap().is_empty(), "order {k}");
        drop(chair);
        let rebuilt = unlocked(&db).rebuild(false).unwrap();
        assert!(rebuilt.identical, "order {k}: rebuild differs");
        digests.push(digest(&db));
    }
    assert!(digests.windows(2).all(|w| w[0] == w[1]), "{digests:?}");

    // The merge in batches of whole jurors (here one record a batch, so each juror's files are a
    // batch) reports and writes what one plan of every file does, in a dry run and for real.
    let mut by_juror: Vec<usize> = (0..n).collect();
    by_juror.sort_by_key(|&i| owners[i]);
    let files: Vec<PathBuf> = by_juror.iter().map(|&i| files[i].clone()).collect();
    let one_plan = d.join("one-plan.db");
    let tiny = d.join("tiny-batches.db");
    std::fs::copy(&base, &one_plan).unwrap();
    std::fs::copy(&base, &tiny).unwrap();
    let (mut a, mut b) = (unlocked(&one_plan), unlocked(&tiny));
    for dry_run in [true, false] {
        let whole = a
            .merge_in_batches_of(&files, dry_run, None, usize::MAX)
            .unwrap();
        let small = b.merge_in_batches_of(&files, dry_run, None, 1).unwrap();
        let json = |r: &juri_app::MergeReport| serde_json::to_value(r).unwrap();
        assert_eq!(json(&whole), json(&small), "dry run {dry_run}");
    }
    drop((a, b));
    assert_eq!(digest(&one_plan), digest(&tiny));
    assert_eq!(digest(&tiny), digests[0]);
}

/// The chair's database opened with its keys unlocked (the tests' passphrase).
fn unlocked(db: &std::path::Path) -> Chair {
    let mut chair = Chair::open(db).unwrap();
    chair.unlock("kata sandi ketua uji").unwrap();
    chair
}
