//! What protects the record: a tie order names exactly one unresolved tie, an entry no counted
//! juror scored does not drop out silently, a disqualified entry waits for nobody, a juror leaving
//! the panel does not touch a finalised stage, and a read sees a merge whole or not at all.

use std::path::{Path, PathBuf};

use juri_app::{AppError, Chair, Hint, JurorWorkspace, Refusal};
use juri_core::model::Decision;
use juri_core::{Completeness, PairState, StageResults};

mod support;
use support::{bytes, write};

const DEFINITION: &str = r#"
[competition]
id = "uji-rekam"
name = "Uji rekam"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "s"
name = "Penilaian"
kind = "scoring"
advance = { top_per_category = 2 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
[[stages]]
id = "f"
name = "Final"
kind = "scoring"
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
"#;

/// A competition of one category: entries `(code, institution)` and jurors
/// `(id, assign, conflicts, active)` as the chair's import files give them.
struct Comp {
    dir: tempfile::TempDir,
    chair: Chair,
}

impl Comp {
    fn new(entries: &[(&str, &str)], jurors: &[(&str, &str, &str, bool)]) -> Comp {
        let dir = tempfile::tempdir().unwrap();
        let mut chair = Chair::init(&dir.path().join("l.db"), DEFINITION).unwrap();
        let mut text = String::from("kode,judul,instansi,kategori\n");
        for (code, inst) in entries {
            text += &format!("{code},Inovasi {code},{inst},x\n");
        }
        let file = write(dir.path(), "entries.csv", &text);
        chair.import_entries(&file).unwrap();
        let comp = Comp { dir, chair };
        let mut comp = comp;
        comp.jurors(jurors);
        comp
    }

    fn jurors(&mut self, jurors: &[(&str, &str, &str, bool)]) {
        let mut text = String::from("id,name,assign,conflicts,active\n");
        for (id, assign, conflicts, active) in jurors {
            let active = if *active { "ya" } else { "tidak" };
            text += &format!("{id},Juri {id},\"{assign}\",\"{conflicts}\",{active}\n");
        }
        let file = write(self.dir.path(), "jurors.csv", &text);
        self.chair.import_jurors(&file).unwrap();
    }

    /// Paper sheets `(juror, entry, score)` of stage `s`.
    fn scores(&mut self, sheets: &[(&str, &str, u32)]) {
        let mut text = String::from("stage,entry,juror,criterion,score\n");
        for (j, e, v) in sheets {
            text += &format!("s,{e},{j},nilai,{v}\n");
        }
        let file = write(self.dir.path(), "scores.csv", &text);
        self.chair.import_scores(&file).unwrap();
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("l.db")
    }
}

fn tie(order: &[&str]) -> Decision {
    Decision::TieOrder {
        stage: "s".into(),
        entries: order.iter().map(|e| e.to_string()).collect(),
        reason: "Rapat pleno".into(),
    }
}

/// E2 and E3 tie for second place, E4 is fourth alone, E5 fifth alone.
fn tied() -> Comp {
    let entries = [
        ("E1", "Dinas A"),
        ("E2", "Dinas B"),
        ("E3", "Dinas C"),
        ("E4", "Dinas D"),
        ("E5", "Dinas E"),
    ];
    let mut c = Comp::new(&entries, &[("J1", "s=*", "", true)]);
    c.scores(&[
        ("J1", "E1", 90),
        ("J1", "E2", 80),
        ("J1", "E3", 80),
        ("J1", "E4", 70),
        ("J1", "E5", 60),
    ]);
    c
}

#[test]
fn a_tie_order_names_exactly_the_entries_of_one_unresolved_tie() {
    let mut c = tied();
    let res = c.chair.results("s", None).unwrap();
    assert_eq!(res.unresolved_ties, vec![vec!["E2", "E3"]]);
    let before = bytes(&c.db());
    let refused: [(&[&str], &str); 5] = [
        // An entry ranked alone, added to the tie.
        (
            &["E4", "E3", "E2"],
            "E4 is not tied in stage 's'; a tie order names exactly the entries of one unresolved tie: E2 = E3",
        ),
        // Entries that are not tied at all.
        (
            &["E4", "E5"],
            "E4, E5 are not tied in stage 's'; a tie order names exactly the entries of one unresolved tie: E2 = E3",
        ),
        // Part of a tie is not the tie.
        (
            &["E3", "E1"],
            "E1 is not tied in stage 's'; a tie order names exactly the entries of one unresolved tie: E2 = E3",
        ),
        // An entry named twice.
        (
            &["E3", "E2", "E3"],
            "E3 is named more than once; a tie order names exactly the entries of one unresolved tie: E2 = E3",
        ),
        (&["E3", "E9"], "entry 'E9' is not in stage 's'"),
    ];
    for (order, message) in refused {
        let e = c.chair.decide(tie(order)).unwrap_err();
        assert!(
            matches!(e, AppError::Refused(Refusal::NotTied { .. }))
                || matches!(e, AppError::Refused(Refusal::EntryNotInStage { .. })),
            "{order:?}: {e:?}"
        );
        assert_eq!(e.to_string(), message, "{order:?}");
        assert_eq!(bytes(&c.db()), before, "{order:?} changed the database");
    }
    c.chair.decide(tie(&["E3", "E2"])).unwrap();
    let res = c.chair.results("s", None).unwrap();
    assert!(res.unresolved_ties.is_empty());
    // A tie already ordered is no longer an unresolved tie.
    let e = c.chair.decide(tie(&["E2", "E3"])).unwrap_err();
    assert_eq!(
        e.to_string(),
        "E2, E3 are not tied in stage 's'; a tie order names exactly the entries of one unresolved tie: none"
    );
}

#[test]
fn an_entry_no_counted_juror_scored_blocks_finalisation_until_an_exception_for_it() {
    let entries = [
        ("E1", "Dinas A"),
        ("E2", "Dinas B"),
        ("E3", "Dinas C"),
        ("E4", "Dinas D"),
        ("E5", "Dinas E"),
    ];
    // E3: nobody assigned. E4: its only juror is recused. E5: its only juror was removed.
    let mut c = Comp::new(
        &entries,
        &[
            ("J1", "s=E1,E2", "", true),
            (
                "J2",
                "s=E4",
                "institution:Dinas D (mantan kepala dinas)",
                true,
            ),
            ("J3", "s=E5", "", false),
        ],
    );
    c.scores(&[("J1", "E1", 90)]);
    let before = bytes(&c.db());
    let blockers = |c: &mut Comp| match c.chair.finalize("s").unwrap_err() {
        AppError::CannotFinalize { reasons, .. } => reasons,
        e => panic!("{e}"),
    };
    let reasons = blockers(&mut c);
    assert_eq!(
        reasons
            .iter()
            .map(|r| (r.message.as_str(), r.hint))
            .collect::<Vec<_>>(),
        vec![
            (
                "1 assigned sheet is not submitted (juror/entry): J1/E2",
                Some(Hint::RecordException)
            ),
            (
                "3 entries are scored by no counted juror (none assigned, or every assigned juror recused or removed): E3, E4, E5",
                Some(Hint::ExceptEntry)
            ),
        ]
    );
    assert_eq!(bytes(&c.db()), before, "a refused finalisation wrote");

    let unscored = |entry: &str| Decision::Unscored {
        stage: "s".into(),
        entry: entry.into(),
        reason: "Tidak ada juri yang dapat menilai".into(),
    };
    // Refused, writing nothing: an entry that is scored, disqualified or unknown.
    for (entry, message) in [
        (
            "E1",
            "entry 'E1' is scored in 's' by J1; an exception for an entry is for one no counted juror scored",
        ),
        ("E9", "unknown entry 'E9'"),
    ] {
        let e = c.chair.decide(unscored(entry)).unwrap_err();
        assert_eq!(e.to_string(), message);
    }
    assert_eq!(bytes(&c.db()), before, "a refused exception wrote");

    // A sheet exception for J1/E2 leaves E2 unscored too: it needs its own exception.
    c.chair
        .decide(Decision::Exception {
            stage: "s".into(),
            juror: "J1".into(),
            entry: "E2".into(),
            reason: "Juri sakit".into(),
        })
        .unwrap();
    let reasons = blockers(&mut c);
    assert_eq!(reasons.len(), 1);
    assert!(
        reasons[0].message.ends_with(": E2, E3, E4, E5"),
        "{reasons:?}"
    );
    for entry in ["E2", "E3", "E4", "E5"] {
        c.chair.decide(unscored(entry)).unwrap();
    }
    let done = c.chair.finalize("s").unwrap();
    assert_eq!(done.advancing, vec!["E1"]);
    let log = c.chair.log().unwrap();
    assert!(
        log.iter().any(|l| {
            l.detail
            == "s: exception for E4, scored by no counted juror — Tidak ada juri yang dapat menilai"
        }),
        "{log:?}"
    );
    // The exception reads back as it was recorded.
    let recorded: Vec<Decision> = c
        .chair
        .decisions()
        .unwrap()
        .into_iter()
        .map(|d| d.2)
        .collect();
    assert!(recorded.contains(&unscored("E3")));
}

#[test]
fn a_disqualified_entry_waits_for_nobody_in_results_status_and_overview() {
    let entries = [("E1", "Dinas A"), ("E2", "Dinas B"), ("E3", "Dinas C")];
    let mut c = Comp::new(
        &entries,
        &[("J1", "s=*", "", true), ("J2", "s=*", "", true)],
    );
    // J2 never scores E3; J1's sheet of E3 is submitted.
    c.scores(&[
        ("J1", "E1", 90),
        ("J2", "E1", 80),
        ("J1", "E2", 70),
        ("J2", "E2", 60),
        ("J1", "E3", 99),
    ]);
    c.chair
        .decide(Decision::Disqualify {
            stage: "s".into(),
            entry: "E3".into(),
            reason: "Plagiarisme".into(),
        })
        .unwrap();
    let res = c.chair.results("s", None).unwrap();
    let e3 = res.row("E3").unwrap();
    assert_eq!(e3.disqualified.as_deref(), Some("Plagiarisme"));
    assert!(e3.missing_jurors.is_empty(), "{:?}", e3.missing_jurors);
    assert!(e3.juror_totals.is_empty() && e3.score.is_none() && e3.rank.is_none());

    let status = c.chair.status("s").unwrap();
    assert_eq!(status.disqualified, vec!["E3"]);
    let at = status.entries.iter().position(|e| e == "E3").unwrap();
    assert!(status.matrix[at].iter().all(Option::is_none), "{status:?}");
    assert_eq!((status.assigned, status.submitted), (4, 4));
    assert!(status.is_complete());

    let overview = c.chair.overview().unwrap();
    let s = overview.stages.iter().find(|s| s.id == "s").unwrap();
    assert_eq!((s.assigned, s.submitted), (4, 4));

    // Nothing waits: the stage can be finalised, and its frozen results say the same.
    c.chair.finalize("s").unwrap();
    let frozen = c.chair.results("s", None).unwrap();
    assert!(frozen.row("E3").unwrap().missing_jurors.is_empty());
    assert_eq!(c.chair.status("s").unwrap().disqualified, vec!["E3"]);
}

fn roundtrip(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../juri-cli/tests/data/roundtrip")
        .join(name)
}

/// A chair's database with J1–J3 on the panel and J2's bundle holding a submitted sheet of every
/// entry, not merged yet.
fn unmerged(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("base.db");
    let def = std::fs::read_to_string(roundtrip("lomba.toml")).unwrap();
    let mut chair = Chair::init(&db, &def).unwrap();
    chair.import_entries(&roundtrip("entries.csv")).unwrap();
    chair.import_jurors(&roundtrip("jurors.csv")).unwrap();
    let package = dir.join("J2.juri");
    chair.unlock("kata sandi ketua uji").unwrap();
    let code = chair
        .issue_package("J2", false, &package)
        .unwrap()
        .access_code
        .unwrap();
    let mut laptop = JurorWorkspace::open(&dir.join("laptop.db")).unwrap();
    laptop.install_package(&package, Some(&code)).unwrap();
    for entry in ["A01", "A02", "A03", "A04"] {
        for (criterion, value) in [("kebaruan", "5"), ("manfaat", "6"), ("replikasi", "4")] {
            laptop
                .set_score("proposal", entry, criterion, Some(value), None)
                .unwrap();
        }
        laptop.submit("proposal", entry).unwrap();
    }
    let bundle = dir.join("nilai-J2.juri");
    laptop.export(&bundle, None).unwrap();
    (db, bundle)
}

/// How much of J2's submission a read saw: the submitted sheets in completeness, the juror
/// totals in the results. A consistent read sees 0 and 0, or 4 and 4.
fn seen_of_j2(status: &Completeness, results: &StageResults) -> (usize, usize) {
    let col = status.jurors.iter().position(|j| j == "J2").unwrap();
    let submitted = status
        .matrix
        .iter()
        .filter(|row| row[col] == Some(PairState::Submitted))
        .count();
    let totals = results
        .rows()
        .filter(|r| r.juror_totals.iter().any(|t| t.juror == "J2"))
        .count();
    (submitted, totals)
}

#[test]
fn a_read_sees_a_merge_committed_meanwhile_entirely_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let (db, bundle) = unmerged(dir.path());
    let reader = unlocked(&db);
    let mut writer = unlocked(&db);
    let (before, during) = reader
        .read(|| {
            let before = (
                reader.status("proposal")?,
                reader.results("proposal", None)?,
                reader.overview()?,
            );
            // Another connection merges J2's bundle and commits while this read is open.
            writer.merge(std::slice::from_ref(&bundle), false, None)?;
            let during = (
                reader.status("proposal")?,
                reader.results("proposal", None)?,
                reader.overview()?,
            );
            Ok((before, during))
        })
        .unwrap();
    assert_eq!(seen_of_j2(&before.0, &before.1), (0, 0));
    assert_eq!(seen_of_j2(&during.0, &during.1), (0, 0));
    assert_eq!(before.2.stages[0].submitted, during.2.stages[0].submitted);
    // The next read sees all of it.
    let status = reader.status("proposal").unwrap();
    let results = reader.results("proposal", None).unwrap();
    assert_eq!(seen_of_j2(&status, &results), (4, 4));
}

#[test]
fn status_and_results_racing_a_merge_see_all_or_nothing_of_a_submission() {
    let dir = tempfile::tempdir().unwrap();
    let (base, bundle) = unmerged(dir.path());
    let mut reads = 0;
    for round in 0..12 {
        let db = dir.path().join(format!("round-{round}.db"));
        std::fs::copy(&base, &db).unwrap();
        let reader = unlocked(&db);
        let done = std::sync::atomic::AtomicBool::new(false);
        let start = std::sync::Barrier::new(2);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let mut writer = unlocked(&db);
                start.wait();
                writer
                    .merge(std::slice::from_ref(&bundle), false, None)
                    .unwrap();
                done.store(true, std::sync::atomic::Ordering::SeqCst);
            });
            start.wait();
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                // One status, and status with the results in one read.
                let status = reader.status("proposal").unwrap();
                let (status_too, results) = reader
                    .read(|| {
                        Ok((
                            reader.status("proposal")?,
                            reader.results("proposal", None)?,
                        ))
                    })
                    .unwrap();
                let col = status.jurors.iter().position(|j| j == "J2").unwrap();
                let states: Vec<_> = status.matrix.iter().map(|row| row[col]).collect();
                assert!(
                    states.iter().all(|s| *s == Some(PairState::Empty))
                        || states.iter().all(|s| *s == Some(PairState::Submitted)),
                    "round {round}: a status saw part of J2's submission: {states:?}"
                );
                let seen = seen_of_j2(&status_too, &results);
                assert!(
                    seen == (0, 0) || seen == (4, 4),
                    "round {round}: a read saw part of J2's submission: {seen:?}"
                );
                reads += 1;
                if finished {
                    assert_eq!(seen, (4, 4));
                    break;
                }
            }
        });
    }
    assert!(reads >= 12);
}

#[test]
fn a_juror_leaving_the_panel_does_not_alter_a_finalised_stage() {
    let entries = [
        ("E1", "Dinas A"),
        ("E2", "Dinas B"),
        ("E3", "Dinas C"),
        ("E4", "Dinas D"),
    ];
    let panel = |j2_active: bool| {
        [
            ("J1", "s=*;f=*", "", true),
            ("J2", "s=*;f=*", "", j2_active),
            ("J3", "s=*;f=*", "", true),
        ]
    };
    let mut c = Comp::new(&entries, &panel(true));
    c.scores(&[
        ("J1", "E1", 90),
        ("J2", "E1", 40),
        ("J3", "E1", 80),
        ("J1", "E2", 70),
        ("J2", "E2", 95),
        ("J3", "E2", 72),
        ("J1", "E3", 60),
        ("J2", "E3", 90),
        ("J3", "E3", 65),
        ("J1", "E4", 50),
        ("J2", "E4", 30),
        ("J3", "E4", 55),
    ]);
    c.chair.finalize("s").unwrap();
    // Everything a chair reads of the finalised stage, as text.
    let reads = |chair: &Chair| -> Vec<String> {
        let json = |v: &dyn erased::Json| v.text();
        let overview = chair.overview().unwrap();
        vec![
            json(&chair.status("s").unwrap()),
            json(&chair.results("s", None).unwrap()),
            json(
                &chair
                    .results("s", Some(juri_core::definition::Method::Median))
                    .unwrap(),
            ),
            json(&chair.compare_methods("s").unwrap()),
            json(&overview.stages[0]),
            // The next stage's pool: the entries the finalised stage advanced.
            json(
                &chair
                    .results("f", None)
                    .unwrap()
                    .rows()
                    .map(|r| r.entry.clone())
                    .collect::<Vec<_>>(),
            ),
        ]
    };
    let before = reads(&c.chair);
    // J2 leaves the panel after the stage was finalised.
    c.jurors(&panel(false));
    let after = reads(&c.chair);
    let names = [
        "status",
        "results",
        "results by median",
        "method comparison",
        "overview",
        "next stage's pool",
    ];
    for ((name, b), a) in names.iter().zip(&before).zip(&after) {
        assert_eq!(b, a, "{name} of the finalised stage changed");
    }
    // The next stage, not finalised, goes on without J2.
    let status = c.chair.status("f").unwrap();
    assert_eq!(status.jurors, vec!["J1", "J3"]);
}

/// Anything serialisable, as JSON text.
mod erased {
    pub trait Json {
        fn text(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn text(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }
}

/// The chair's database opened with its keys unlocked (the tests' passphrase).
fn unlocked(db: &std::path::Path) -> Chair {
    let mut chair = Chair::open(db).unwrap();
    chair.unlock("kata sandi ketua uji").unwrap();
    chair
}
