//! Random sequences of what a chair does to a small competition — juror bundles merged, paper
//! scores imported and corrected, stages finalised (with the decisions and review that let them
//! be), re-opened, decisions made and revoked, entries withdrawn, restored and renamed, jurors
//! replaced — and after each sequence:
//!
//! - every request that was refused left the database byte for byte as it was;
//! - `rebuild --check` reproduces the records and re-derives every snapshot and correction;
//! - every version of every finalised stage prints its minutes and recap byte for byte as it did
//!   when it was finalised (a fixed date; printed on copies, so no official copy answers for it).
//!
//! `JURI_CORRECTION_CASES` sets the number of cases (32 by default).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::NaiveDate;
use juri_app::{Chair, DocumentKind, JurorWorkspace, PrintRequest, ScoreCorrection};
use juri_core::model::Decision;
use juri_core::PairState;
use proptest::prelude::*;

mod support;
use support::{bytes, write};

const DEFINITION: &str = r#"
[competition]
id = "uji-acak"
name = "Uji acak koreksi"
place = "Kupang"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "Proposal"
kind = "scoring"
advance = { top_per_category = 3 }
[stages.rubric]
scale = { min = 0, max = 10, step = 1 }
criteria = [{ id = "a", name = "A", weight = 60 }, { id = "b", name = "B", weight = 40 }]
[[stages]]
id = "f"
name = "Final"
kind = "scoring"
[stages.rubric]
scale = { min = 0, max = 10, step = 1 }
criteria = [{ id = "a", name = "A", weight = 60 }, { id = "b", name = "B", weight = 40 }]
"#;

const STAGES: [&str; 2] = ["p", "f"];
const ENTRIES: [&str; 4] = ["E1", "E2", "E3", "E4"];
/// J1 and J2 score from their laptops, J3 on paper; J4 sits nowhere until they replace someone.
const JURORS: [&str; 4] = ["J1", "J2", "J3", "J4"];

/// The competition before anything is scored, and the bundles J1 and J2 exported from it.
struct Base {
    _dir: tempfile::TempDir,
    db: PathBuf,
    bundles: Vec<PathBuf>,
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let db = d.join("base.db");
        let mut chair = Chair::init(&db, DEFINITION).unwrap();
        let mut entries = String::from("kode,judul,instansi,kategori\n");
        for e in ENTRIES {
            entries += &format!("{e},Inovasi {e},Dinas {e},x\n");
        }
        chair
            .import_entries(&write(d, "entries.csv", &entries))
            .unwrap();
        chair
            .import_jurors(&write(
                d,
                "jurors.csv",
                "id,name,role,assign\n\
                 J1,Dr. Maria Lado,ketua,\"p=*;f=*\"\n\
                 J2,Yohanes Bria,anggota,\"p=*;f=*\"\n\
                 J3,Sari Ndun,anggota,\"p=*;f=*\"\n\
                 J4,Agustina Kase,anggota,\n",
            ))
            .unwrap();
        let mut bundles = Vec::new();
        chair.unlock("kata sandi ketua uji").unwrap();
        for (juror, base) in [("J1", 6), ("J2", 4)] {
            let package = d.join(format!("{juror}.juri"));
            let code = chair
                .issue_package(juror, false, &package)
                .unwrap()
                .access_code
                .unwrap();
            let mut laptop = JurorWorkspace::open(&d.join(format!("{juror}-laptop.db"))).unwrap();
            laptop.install_package(&package, Some(&code)).unwrap();
            let mut export = |laptop: &mut JurorWorkspace, n: usize| {
                let file = d.join(format!("nilai-{juror}-{n}.juri"));
                laptop.export(&file, None).unwrap();
                bundles.push(file);
            };
            // Two sheets, one of them submitted.
            for (i, e) in ["E1", "E2"].iter().enumerate() {
                let v = (base + i).to_string();
                laptop.set_score("p", e, "a", Some(&v), None).unwrap();
                laptop.set_score("p", e, "b", Some(&v), None).unwrap();
            }
            laptop.submit("p", "E1").unwrap();
            export(&mut laptop, 0);
            // Every sheet, submitted.
            for (i, e) in ENTRIES.iter().enumerate() {
                let v = (base + 3 - i).to_string();
                if *e == "E1" {
                    laptop.reopen("p", e).unwrap();
                }
                laptop.set_score("p", e, "a", Some(&v), None).unwrap();
                laptop.set_score("p", e, "b", Some(&v), None).unwrap();
                laptop.submit("p", e).unwrap();
            }
            export(&mut laptop, 1);
            // A sheet re-opened on the laptop, changed and submitted again.
            laptop.reopen("p", "E3").unwrap();
            laptop.set_score("p", "E3", "a", Some("10"), None).unwrap();
            laptop.submit("p", "E3").unwrap();
            export(&mut laptop, 2);
        }
        Base {
            db,
            bundles,
            _dir: dir,
        }
    })
}

#[derive(Debug, Clone)]
enum Op {
    /// Merge one of the bundles.
    Merge(usize),
    /// A paper sheet (both criteria) of a stage.
    Paper {
        stage: usize,
        entry: usize,
        juror: usize,
        a: u32,
        b: u32,
    },
    /// Correct the `k`-th paper cell kept (any stage).
    Correct {
        k: usize,
        a: u32,
    },
    /// Finalise the stage the competition is at, after the decisions that let it be (and the
    /// review it may need).
    Finalize,
    /// Re-open the `k`-th finalised stage.
    Reopen(usize),
    Disqualify {
        stage: usize,
        entry: usize,
    },
    /// Revoke the `k`-th decision in force.
    Revoke(usize),
    Withdraw(usize),
    Restore(usize),
    /// Give an entry a new title.
    Edit(usize, u8),
    /// Replace a juror from the stage the competition is at (or the last stage).
    Replace {
        last: bool,
        departing: usize,
        replacement: usize,
        keep: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let stage = 0..STAGES.len();
    let entry = 0..ENTRIES.len();
    let juror = 0..JURORS.len();
    prop_oneof![
        3 => (0..6usize).prop_map(Op::Merge),
        3 => (stage.clone(), entry.clone(), prop_oneof![3 => Just(2usize), 1 => juror.clone()], 0..11u32, 0..11u32)
            .prop_map(|(stage, entry, juror, a, b)| Op::Paper { stage, entry, juror, a, b }),
        2 => (0..8usize, 0..11u32).prop_map(|(k, a)| Op::Correct { k, a }),
        3 => Just(Op::Finalize),
        2 => (0..2usize).prop_map(Op::Reopen),
        1 => (stage, entry.clone()).prop_map(|(stage, entry)| Op::Disqualify { stage, entry }),
        1 => (0..4usize).prop_map(Op::Revoke),
        1 => entry.clone().prop_map(Op::Withdraw),
        1 => entry.clone().prop_map(Op::Restore),
        1 => (entry, any::<u8>()).prop_map(|(e, n)| Op::Edit(e, n)),
        2 => (any::<bool>(), 0..3usize, juror, any::<bool>()).prop_map(
            |(last, departing, replacement, keep)| Op::Replace { last, departing, replacement, keep }
        ),
    ]
}

/// The stage the competition is at: the first not finalised.
fn current(chair: &Chair) -> Option<String> {
    chair.current_stage().unwrap()
}

/// Records the decisions that let `stage` be finalised as it stands — the review it may need, an
/// exception for every sheet still awaited and every entry no counted juror scored, an order for
/// every tie at the cut — then finalises it. Returns the version finalised.
fn settle_and_finalize(chair: &mut Chair, stage: &str) -> Option<i64> {
    if chair.needs_review(stage).unwrap().is_some() {
        chair.review(stage, "Diperiksa ulang").ok()?;
    }
    if let Ok(status) = chair.status(stage) {
        for (e, row) in status.matrix.iter().enumerate() {
            for (j, state) in row.iter().enumerate() {
                if matches!(
                    state,
                    Some(PairState::Empty | PairState::Partial | PairState::Complete)
                ) {
                    let _ = chair.decide(Decision::Exception {
                        stage: stage.into(),
                        juror: status.jurors[j].clone(),
                        entry: status.entries[e].clone(),
                        reason: "Lembar tidak masuk".into(),
                    });
                }
            }
        }
    }
    if let Ok(res) = chair.results(stage, None) {
        for r in res.rows() {
            if r.juror_totals.is_empty() && r.disqualified.is_none() {
                let _ = chair.decide(Decision::Unscored {
                    stage: stage.into(),
                    entry: r.entry.clone(),
                    reason: "Tidak dinilai".into(),
                });
            }
        }
        for tie in &res.unresolved_ties {
            let _ = chair.decide(Decision::TieOrder {
                stage: stage.into(),
                entries: tie.clone(),
                reason: "Rapat pleno".into(),
            });
        }
    }
    chair.finalize(stage).ok().map(|f| f.version)
}

/// Applies one operation; a refused one must leave the database as it was.
fn apply(chair: &mut Chair, db: &Path, dir: &Path, op: &Op) -> Option<(String, i64)> {
    let before = bytes(db);
    let refused = match op {
        Op::Merge(i) => chair
            .merge(&[base().bundles[*i].clone()], false, None)
            .err(),
        Op::Paper {
            stage,
            entry,
            juror,
            a,
            b,
        } => {
            let (s, e, j) = (STAGES[*stage], ENTRIES[*entry], JURORS[*juror]);
            let file = write(
                dir,
                "kertas.csv",
                &format!(
                    "stage,entry,juror,criterion,score\n{s},{e},{j},a,{a}\n{s},{e},{j},b,{b}\n"
                ),
            );
            chair.import_scores(&file).err()
        }
        Op::Correct { k, a } => {
            // The paper cells kept, as (stage, entry, juror, criterion) codes.
            let snap = chair.snapshot().unwrap();
            let code = |ids: &[i64], items: &[String], id: i64| {
                ids.iter().position(|&x| x == id).map(|i| items[i].clone())
            };
            let entries: Vec<String> = snap.entries.iter().map(|e| e.code.clone()).collect();
            let jurors: Vec<String> = snap.jurors.iter().map(|j| j.id.clone()).collect();
            let stages = chair.db().read().stage_codes().unwrap();
            let cells: Vec<ScoreCorrection> = chair
                .db()
                .read()
                .cells(None, None, None)
                .unwrap()
                .into_iter()
                .filter(|c| c.source == "paper")
                .filter_map(|c| {
                    let stage = stages.get(&c.stage_id)?.clone();
                    let criteria = chair.db().read().criteria(c.stage_id).ok()?;
                    Some(ScoreCorrection {
                        stage,
                        entry: code(&snap.entry_ids, &entries, c.entry_id)?,
                        juror: code(&snap.juror_ids, &jurors, c.juror_id)?,
                        criterion: criteria.get(&c.criterion_id)?.clone(),
                        score: a.to_string(),
                    })
                })
                .collect();
            match cells.get(k % cells.len().max(1)) {
                Some(cell) => chair.correct_score(cell, "Lembar asli").err(),
                None => None,
            }
        }
        Op::Finalize => {
            let stage = current(chair)?;
            return settle_and_finalize(chair, &stage).map(|v| (stage, v));
        }
        Op::Reopen(k) => {
            let finalised: Vec<&str> = STAGES
                .iter()
                .copied()
                .filter(|s| chair.stage_version(s).unwrap().is_some())
                .collect();
            match finalised.get(k % finalised.len().max(1)) {
                Some(stage) => chair.reopen(stage, "Salah ketik").err(),
                None => None,
            }
        }
        Op::Disqualify { stage, entry } => chair
            .decide(Decision::Disqualify {
                stage: STAGES[*stage].into(),
                entry: ENTRIES[*entry].into(),
                reason: "Plagiarisme".into(),
            })
            .err(),
        Op::Revoke(k) => {
            let decisions = chair.decisions().unwrap();
            match decisions.get(k % decisions.len().max(1)) {
                Some((id, _, _)) => chair.revoke(*id, "Dicabut", None).err(),
                None => None,
            }
        }
        Op::Withdraw(entry) => chair.set_withdrawn(ENTRIES[*entry], true, "Mundur").err(),
        Op::Restore(entry) => chair
            .set_withdrawn(ENTRIES[*entry], false, "Batal mundur")
            .err(),
        Op::Edit(entry, n) => chair
            .edit_entry(
                ENTRIES[*entry],
                &juri_app::EntryEdit {
                    title: Some(format!("Judul baru {n}")),
                    ..juri_app::EntryEdit::default()
                },
                "Judul resmi",
            )
            .err(),
        Op::Replace {
            last,
            departing,
            replacement,
            keep,
        } => {
            let stage = if *last {
                STAGES[STAGES.len() - 1].to_string()
            } else {
                current(chair).unwrap_or_else(|| STAGES[0].to_string())
            };
            chair
                .replace_juror(
                    &stage,
                    JURORS[*departing],
                    JURORS[*replacement],
                    *keep,
                    "Diganti",
                )
                .err()
        }
    };
    if let Some(e) = refused {
        assert!(bytes(db) == before, "{op:?} was refused ({e}) but wrote");
    }
    None
}

fn request(stage: &str, version: i64) -> PrintRequest {
    PrintRequest {
        stage: Some(stage.into()),
        date: NaiveDate::from_ymd_opt(2025, 12, 20),
        number: Some("007/BA/2025".into()),
        version: Some(version),
        ..PrintRequest::default()
    }
}

/// The minutes and recap of a version of a stage, printed on a copy of the database.
fn documents(chair: &Chair, dir: &Path, stage: &str, version: i64) -> Vec<Vec<u8>> {
    let copy = dir.join(format!("copy-{stage}-{version}-{}.db", rand_name()));
    chair
        .db()
        .connection()
        .execute("VACUUM INTO ?1", [copy.display().to_string()])
        .unwrap();
    let mut chair = Chair::open(&copy).unwrap();
    [DocumentKind::Minutes, DocumentKind::Recap]
        .into_iter()
        .map(|doc| {
            chair
                .print_document(doc, &request(stage, version))
                .unwrap_or_else(|e| panic!("{doc:?} of {stage} version {version}: {e}"))
                .bytes
        })
        .collect()
}

/// A name no other copy in the folder has.
fn rand_name() -> usize {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
}

fn cases() -> u32 {
    std::env::var("JURI_CORRECTION_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn corrections_and_merges_rebuild_and_reprint(ops in proptest::collection::vec(op(), 1..16)) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("l.db");
        std::fs::copy(&base().db, &db).unwrap();
        let mut chair = Chair::open(&db).unwrap();
        chair.unlock("kata sandi ketua uji").unwrap();
        let mut printed: Vec<(String, i64, Vec<Vec<u8>>)> = Vec::new();
        for op in &ops {
            if let Some((stage, version)) = apply(&mut chair, &db, dir.path(), op) {
                let docs = documents(&chair, dir.path(), &stage, version);
                printed.push((stage, version, docs));
            }
        }
        let report = chair.rebuild(true).unwrap();
        prop_assert!(
            report.identical,
            "{ops:?}: rebuild differs: {:?} (records {} → {})",
            report.differences, report.digest_before, report.digest_after
        );
        for (stage, version, then) in &printed {
            let now = documents(&chair, dir.path(), stage, *version);
            for (doc, (a, b)) in ["minutes", "recap"].iter().zip(then.iter().zip(&now)) {
                prop_assert!(a == b, "{ops:?}: the {doc} of {stage} version {version} changed");
            }
        }
    }
}
