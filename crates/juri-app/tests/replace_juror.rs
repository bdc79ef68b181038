//! Replacing a juror mid-stage: the departing juror leaves the panel from an open stage on, the
//! replacement takes over their assignments there and in the later open stages, and the chair
//! chooses whether the departing juror's submitted sheets still count. Results and completeness
//! follow; a finalised stage, its snapshot and its documents do not move; every refusal leaves
//! the database byte for byte as it was.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use juri_app::{AppError, AuditFilter, Chair, DocumentKind, ExportFormat, PrintRequest, Refusal};
use juri_core::PairState;

mod support;
use support::{bytes, write};

const DEFINITION: &str = r#"
[competition]
id = "uji-ganti-juri"
name = "Uji ganti juri"
place = "Kupang"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "Proposal"
kind = "scoring"
advance = { top_per_category = 4 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
[[stages]]
id = "s"
name = "Presentasi"
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

/// J1 (the chair), J2 and J3 sit on every stage; J9 and J8 (recused from E3) on none; J7 was
/// removed.
const JURORS: &str = "id,name,role,assign,conflicts,active\n\
J1,Dr. Maria Lado,ketua,\"p=*;s=*;f=*\",,ya\n\
J2,Yohanes Bria,anggota,\"p=*;s=*;f=*\",,ya\n\
J3,Sari Ndun,anggota,\"p=*;s=*;f=*\",,ya\n\
J9,Agustina Kase,anggota,,,ya\n\
J8,Frans Tefa,anggota,,entry:E3 (kakak kandung pengusul),ya\n\
J7,Benediktus Nope,anggota,,,tidak\n";

struct Comp {
    dir: tempfile::TempDir,
    chair: Chair,
}

impl Comp {
    /// Stage p scored by J1–J3 and finalised; in stage s, J1 and J3 scored every entry and J2
    /// only E1 and E2 (submitted).
    fn new() -> Comp {
        let dir = tempfile::tempdir().unwrap();
        let mut chair = Chair::init(&dir.path().join("l.db"), DEFINITION).unwrap();
        let mut text = String::from("kode,judul,instansi,kategori\n");
        for e in ["E1", "E2", "E3", "E4"] {
            text += &format!("{e},Inovasi {e},Dinas {e},x\n");
        }
        chair
            .import_entries(&write(dir.path(), "entries.csv", &text))
            .unwrap();
        chair
            .import_jurors(&write(dir.path(), "jurors.csv", JURORS))
            .unwrap();
        let mut c = Comp { dir, chair };
        let all = |j: &str, base: u32| -> Vec<(String, String, u32)> {
            ["E1", "E2", "E3", "E4"]
                .iter()
                .enumerate()
                .map(|(i, e)| (j.to_string(), e.to_string(), base - 10 * i as u32))
                .collect()
        };
        let p: Vec<_> = [all("J1", 90), all("J2", 88), all("J3", 86)].concat();
        c.scores("p", &p);
        c.chair.finalize("p").unwrap();
        let mut s: Vec<_> = [all("J1", 95), all("J3", 91)].concat();
        s.extend([
            ("J2".to_string(), "E1".to_string(), 40),
            ("J2".to_string(), "E2".to_string(), 99),
        ]);
        c.scores("s", &s);
        c
    }

    /// Paper sheets (juror, entry, score) of `stage`.
    fn scores(&mut self, stage: &str, sheets: &[(String, String, u32)]) {
        let mut text = String::from("stage,entry,juror,criterion,score\n");
        for (j, e, v) in sheets {
            text += &format!("{stage},{e},{j},nilai,{v}\n");
        }
        let file = write(self.dir.path(), &format!("scores-{stage}.csv"), &text);
        self.chair.import_scores(&file).unwrap();
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("l.db")
    }

    fn log(&self) -> Vec<String> {
        self.chair
            .log_where(&AuditFilter {
                action: Some("replace-juror".into()),
                ..AuditFilter::default()
            })
            .unwrap()
            .into_iter()
            .map(|r| r.detail)
            .collect()
    }
}

fn sheets(juror: &str, entries: &[&str], score: u32) -> Vec<(String, String, u32)> {
    entries
        .iter()
        .map(|e| (juror.to_string(), e.to_string(), score))
        .collect()
}

/// The jurors whose totals count for `entry` in `stage`, and those still awaited.
fn counted(chair: &Chair, stage: &str, entry: &str) -> (Vec<String>, Vec<String>) {
    let res = chair.results(stage, None).unwrap();
    let row = res.row(entry).unwrap();
    (
        row.juror_totals.iter().map(|t| t.juror.clone()).collect(),
        row.missing_jurors.clone(),
    )
}

/// The state of `juror`'s sheet of every entry of `stage`, in entry order (`None`: not seated).
fn column(chair: &Chair, stage: &str, juror: &str) -> Vec<Option<PairState>> {
    let status = chair.status(stage).unwrap();
    match status.jurors.iter().position(|j| j == juror) {
        Some(col) => status.matrix.iter().map(|row| row[col]).collect(),
        None => vec![None; status.entries.len()],
    }
}

fn request(stage: &str, lang: &str) -> PrintRequest {
    PrintRequest {
        stage: Some(stage.into()),
        lang: Some(lang.into()),
        date: NaiveDate::from_ymd_opt(2025, 12, 20),
        number: Some("002/BA/2025".into()),
        ..PrintRequest::default()
    }
}

/// Every document of a finalised stage, printed for the first time, and its rows of the export.
fn documents(chair: &mut Chair, stage: &str) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for lang in ["id", "en"] {
        for (doc, juror) in [
            (DocumentKind::Minutes, None),
            (DocumentKind::Recap, None),
            (DocumentKind::Recusals, None),
            (DocumentKind::ScoreSheet, Some("J2")),
        ] {
            let req = PrintRequest {
                juror: juror.map(str::to_string),
                ..request(stage, lang)
            };
            let printed = chair.print_document(doc, &req).unwrap();
            assert!(printed.first_print, "{doc:?} printed before");
            out.push(printed.bytes);
        }
    }
    // The finalised stage's rows of the CSV export: the export is one table over every stage,
    // so the replacement on the open stage adds a juror column, empty on these rows.
    let csv = chair
        .export(ExportFormat::Csv, &PrintRequest::default())
        .unwrap();
    let rows: String = String::from_utf8(csv)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("Proposal,"))
        .map(|l| format!("{}\n", l.trim_end_matches(',')))
        .collect();
    out.push(rows.into_bytes());
    out
}

/// A copy of the competition as it is now, opened beside it.
fn copy_of(chair: &Chair, dir: &Path, name: &str) -> Chair {
    let path = dir.join(name);
    chair
        .db()
        .connection()
        .execute("VACUUM INTO ?1", [path.display().to_string()])
        .unwrap();
    Chair::open(&path).unwrap()
}

/// Every stage snapshot kept, as stored.
fn snapshot_rows(chair: &Chair) -> Vec<(i64, i64, String, String)> {
    let conn = chair.db().connection();
    let mut st = conn
        .prepare(
            "SELECT stage_id, version, finalized_at, content FROM stage_snapshots ORDER BY 1, 2",
        )
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_replacement_takes_over_and_the_departing_sheets_no_longer_count() {
    let mut c = Comp::new();
    let before_copy = copy_of(&c.chair, c.dir.path(), "before.db");
    let snapshots = snapshot_rows(&c.chair);
    assert_eq!(
        counted(&c.chair, "s", "E1"),
        (vec!["J1".into(), "J2".into(), "J3".into()], vec![])
    );
    assert_eq!(counted(&c.chair, "s", "E3").1, vec!["J2"]);

    let r = c
        .chair
        .replace_juror(
            "s",
            "J2",
            "J9",
            false,
            "J2 sakit, diganti sesuai SK perubahan",
        )
        .unwrap();
    assert_eq!(r.stages, vec!["s", "f"]);
    assert!(r.kept.is_empty() && r.recused.is_empty());
    assert_eq!(r.set_aside, vec!["E1", "E2"]);

    // J2 no longer counts in s, and nothing waits for J2: J9 is awaited on every entry.
    for e in ["E1", "E2", "E3", "E4"] {
        assert_eq!(
            counted(&c.chair, "s", e),
            (vec!["J1".into(), "J3".into()], vec!["J9".into()]),
            "{e}"
        );
    }
    let status = c.chair.status("s").unwrap();
    assert_eq!(status.jurors, vec!["J1", "J3", "J9"]);
    assert_eq!(column(&c.chair, "s", "J9"), vec![Some(PairState::Empty); 4]);
    assert_eq!((status.assigned, status.submitted), (12, 8));
    // J2's scores are kept for the record, not counted.
    assert_eq!(c.chair.results("s", None).unwrap().excluded_cells, 2);

    // The correction and its line in the log, with before and after.
    let line = c.log();
    assert_eq!(
        line,
        vec!["s: juror J2 (Yohanes Bria) replaced with J9 (Agustina Kase) by ketua (Dr. Maria Lado) in stages s, f; J2's sheets in s no longer count; set aside: E1, E2 — reason: J2 sakit, diganti sesuai SK perubahan"]
    );
    let row = &c
        .chair
        .db()
        .read()
        .corrections(Some("replace-juror"), None)
        .unwrap()[0];
    assert_eq!(row.stage.as_deref(), Some("s"));
    let before: serde_json::Value = serde_json::from_str(&row.before).unwrap();
    let after: serde_json::Value = serde_json::from_str(&row.after).unwrap();
    assert_eq!(
        before["departing"]["assignments"],
        serde_json::json!({ "s": { "by": "all" }, "f": { "by": "all" } })
    );
    assert_eq!(before["replacement"]["assignments"], serde_json::json!({}));
    assert_eq!(after["departing"]["assignments"], serde_json::json!({}));
    assert_eq!(
        after["replacement"]["assignments"],
        serde_json::json!({ "s": { "by": "all" }, "f": { "by": "all" } })
    );
    assert_eq!(after["replaced"]["counts_departing"], false);

    // The finalised stage is untouched: its snapshot, its documents, its results.
    assert_eq!(snapshot_rows(&c.chair), snapshots);
    let mut then = before_copy;
    let (now_docs, then_docs) = (documents(&mut c.chair, "p"), documents(&mut then, "p"));
    assert_eq!(now_docs.len(), then_docs.len());
    for (i, (a, b)) in now_docs.iter().zip(&then_docs).enumerate() {
        assert!(
            a == b,
            "document {i} of the finalised stage changed:\n{}\n---\n{}",
            String::from_utf8_lossy(&a[..a.len().min(600)]),
            String::from_utf8_lossy(&b[..b.len().min(600)])
        );
    }
    assert_eq!(
        serde_json::to_string(&c.chair.results("p", None).unwrap()).unwrap(),
        serde_json::to_string(&then.results("p", None).unwrap()).unwrap()
    );
    assert_eq!(
        serde_json::to_string(&c.chair.status("p").unwrap()).unwrap(),
        serde_json::to_string(&then.status("p").unwrap()).unwrap()
    );

    // The jurors file imported again does not undo the replacement.
    let report = c
        .chair
        .import_jurors(&write(c.dir.path(), "jurors.csv", JURORS))
        .unwrap();
    assert_eq!((report.updated, report.unchanged), (0, 6));
    assert_eq!(c.chair.status("s").unwrap().jurors, vec!["J1", "J3", "J9"]);

    // J9 scores, the stage is finalised without J2, and the final's panel is J1, J3, J9.
    c.scores("s", &sheets("J9", &["E1", "E2", "E3", "E4"], 80));
    let done = c.chair.finalize("s").unwrap();
    assert_eq!(done.advancing, vec!["E1", "E2"]);
    assert_eq!(
        counted(&c.chair, "s", "E2").0,
        vec!["J1".to_string(), "J3".into(), "J9".into()]
    );
    assert_eq!(c.chair.status("f").unwrap().jurors, vec!["J1", "J3", "J9"]);
    // The records rebuild identically, and the snapshots and corrections re-derive.
    let report = c.chair.rebuild(true).unwrap();
    assert!(report.identical, "{report:?}");
}

#[test]
fn kept_sheets_still_count_and_the_replacement_scores_the_rest() {
    let mut c = Comp::new();
    let r = c
        .chair
        .replace_juror(
            "s",
            "J2",
            "J9",
            true,
            "J2 pindah tugas; lembar yang sudah dikirim tetap sah",
        )
        .unwrap();
    assert_eq!(r.kept, vec!["E1", "E2"]);
    assert!(r.set_aside.is_empty());
    assert_eq!(
        counted(&c.chair, "s", "E1"),
        (vec!["J1".into(), "J2".into(), "J3".into()], vec![])
    );
    assert_eq!(
        counted(&c.chair, "s", "E3"),
        (vec!["J1".into(), "J3".into()], vec!["J9".into()])
    );
    use PairState::{Empty, Submitted};
    assert_eq!(
        column(&c.chair, "s", "J2"),
        vec![Some(Submitted), Some(Submitted), None, None]
    );
    assert_eq!(
        column(&c.chair, "s", "J9"),
        vec![None, None, Some(Empty), Some(Empty)]
    );
    assert!(c.log()[0]
        .contains("J2's submitted sheets in s still count: E1, E2 — reason: J2 pindah tugas"));
    // A paper sheet of J2 in s is no longer accepted for the entries J9 took over.
    let file = write(
        c.dir.path(),
        "late.csv",
        "stage,entry,juror,criterion,score\ns,E3,J2,nilai,50\n",
    );
    let e = c.chair.import_scores(&file).unwrap_err();
    assert!(e.to_string().contains("not assigned"), "{e}");

    c.scores("s", &sheets("J9", &["E3", "E4"], 70));
    c.chair.finalize("s").unwrap();
    for e in ["E1", "E2"] {
        assert_eq!(counted(&c.chair, "s", e).0, vec!["J1", "J2", "J3"], "{e}");
    }
    // In the final, J9 sits and J2 does not.
    assert_eq!(c.chair.status("f").unwrap().jurors, vec!["J1", "J3", "J9"]);
    assert!(c.chair.rebuild(true).unwrap().identical);
}

#[test]
fn a_replacement_recused_from_an_entry_is_not_seated_on_it() {
    let mut c = Comp::new();
    let r = c
        .chair
        .replace_juror("s", "J2", "J8", false, "J2 sakit")
        .unwrap();
    let recused: Vec<(&str, &str, &str)> = r
        .recused
        .iter()
        .map(|x| (x.stage.as_str(), x.entry.as_str(), x.reason.as_str()))
        .collect();
    assert_eq!(
        recused,
        vec![
            ("s", "E3", "kakak kandung pengusul"),
            ("f", "E3", "kakak kandung pengusul")
        ]
    );
    assert_eq!(
        column(&c.chair, "s", "J8"),
        vec![
            Some(PairState::Empty),
            Some(PairState::Empty),
            None,
            Some(PairState::Empty)
        ]
    );
    assert_eq!(counted(&c.chair, "s", "E3").1, Vec::<String>::new());
    let status = c.chair.status("s").unwrap();
    assert!(status.recused.contains(&("J8".into(), "E3".into())));
    assert!(c.log()[0].contains(
        "J8 is recused from, so not seated on: s/E3 (kakak kandung pengusul), f/E3 (kakak kandung pengusul)"
    ));
}

#[test]
fn refusals_say_why_and_write_nothing() {
    let mut c = Comp::new();
    let before = bytes(&c.db());
    let cases: [(&str, &str, &str, &str, &str); 9] = [
        ("s", "J2", "J99", "Sakit", "unknown juror 'J99'"),
        ("s", "J42", "J9", "Sakit", "unknown juror 'J42'"),
        ("x", "J2", "J9", "Sakit", "unknown stage 'x'"),
        (
            "s",
            "J2",
            "J2",
            "Sakit",
            "juror 'J2' cannot replace themselves; name another juror to take over",
        ),
        (
            "p",
            "J2",
            "J9",
            "Sakit",
            "stage 'p' is finalised; its results are frozen",
        ),
        (
            "s",
            "J2",
            "J7",
            "Sakit",
            "juror 'J7' has been removed from the panel and cannot take over; name an active juror",
        ),
        (
            "s",
            "J2",
            "J3",
            "Sakit",
            "juror 'J3' already sits on stage 's'; the replacement must be a juror who does not",
        ),
        (
            "s",
            "J9",
            "J8",
            "Sakit",
            "juror 'J9' does not sit on stage 's' (not assigned in it, or removed from the panel); there is no one to replace",
        ),
        (
            "s",
            "J2",
            "J9",
            "  ",
            "a correction needs a reason; it is kept in the audit log and printed in the correction minutes",
        ),
    ];
    for (stage, departing, replacement, reason, message) in cases {
        let e = c
            .chair
            .replace_juror(stage, departing, replacement, false, reason)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            message,
            "{stage} {departing} → {replacement}"
        );
        assert_eq!(bytes(&c.db()), before, "{message}: the database changed");
    }
    assert!(matches!(
        c.chair
            .replace_juror("s", "J2", "J2", true, "x")
            .unwrap_err(),
        AppError::Refused(Refusal::SameJuror { .. })
    ));
    // Once replaced, the departing juror no longer sits on the stage.
    c.chair
        .replace_juror("s", "J2", "J9", false, "Sakit")
        .unwrap();
    let before = bytes(&c.db());
    let e = c
        .chair
        .replace_juror("s", "J2", "J8", false, "lagi")
        .unwrap_err();
    assert!(
        matches!(e, AppError::Refused(Refusal::JurorNotOnStage { .. })),
        "{e}"
    );
    assert_eq!(bytes(&c.db()), before);
}
