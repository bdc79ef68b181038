//! Corrections with a reason: re-opening a finalised stage and finalising it again as a new
//! snapshot version, with its correction minutes; revoking a decision; withdrawing, restoring and
//! editing an entry; correcting a paper score. Each is audited, and each refusal leaves the
//! database byte for byte as it was.
//!
//! Needs poppler-utils (`pdftotext`).

use std::path::PathBuf;
use std::process::Command;

use chrono::NaiveDate;
use juri_app::{
    AppError, AuditFilter, Chair, DocumentKind, EntryEdit, PrintRequest, Refusal, ScoreCorrection,
};
use juri_core::model::Decision;

mod support;
use support::{bytes, write};

const DEFINITION: &str = r#"
[competition]
id = "uji-koreksi"
name = "Uji koreksi"
place = "Kupang"
[[categories]]
id = "x"
name = "X"
[[categories]]
id = "y"
name = "Y"
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

struct Comp {
    dir: tempfile::TempDir,
    chair: Chair,
}

impl Comp {
    /// Entries E1–E4 in category x, jurors J1 (the chair) and J2; stage p scored and finalised,
    /// stage s scored and finalised (E1 first, E2 second, E3 third).
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
        let jurors = "id,name,role,assign\nJ1,Dr. Maria Lado,ketua,\"p=*;s=*;f=*\"\nJ2,Yohanes Bria,anggota,\"p=*;s=*;f=*\"\n";
        chair
            .import_jurors(&write(dir.path(), "jurors.csv", jurors))
            .unwrap();
        let mut c = Comp { dir, chair };
        c.scores(
            "p",
            &[
                ("E1", 90, 88),
                ("E2", 80, 82),
                ("E3", 70, 72),
                ("E4", 60, 62),
            ],
        );
        c.chair.finalize("p").unwrap();
        c.scores(
            "s",
            &[
                ("E1", 95, 93),
                ("E2", 85, 83),
                ("E3", 84, 82),
                ("E4", 50, 52),
            ],
        );
        c.chair.finalize("s").unwrap();
        c
    }

    /// Paper sheets of stage `stage`: (entry, J1's score, J2's score).
    fn scores(&mut self, stage: &str, sheets: &[(&str, u32, u32)]) {
        let mut text = String::from("stage,entry,juror,criterion,score\n");
        for (e, a, b) in sheets {
            text += &format!("{stage},{e},J1,nilai,{a}\n{stage},{e},J2,nilai,{b}\n");
        }
        let file = write(self.dir.path(), &format!("scores-{stage}.csv"), &text);
        self.chair.import_scores(&file).unwrap();
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("l.db")
    }

    fn print(&mut self, doc: DocumentKind, stage: &str, version: Option<i64>) -> Vec<u8> {
        self.chair
            .print_document(doc, &request(stage, version))
            .unwrap()
            .bytes
    }
}

fn request(stage: &str, version: Option<i64>) -> PrintRequest {
    PrintRequest {
        stage: Some(stage.into()),
        date: NaiveDate::from_ymd_opt(2025, 12, 15),
        number: Some("001/BA/2025".into()),
        version,
        ..PrintRequest::default()
    }
}

fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn refused(e: AppError) -> Refusal {
    match e {
        AppError::Refused(r) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn log(chair: &Chair, kind: &str) -> Vec<String> {
    chair
        .log_where(&AuditFilter {
            action: Some(kind.into()),
            ..AuditFilter::default()
        })
        .unwrap()
        .into_iter()
        .map(|r| r.detail)
        .collect()
}

fn score(stage: &str, entry: &str, juror: &str, value: &str) -> ScoreCorrection {
    ScoreCorrection {
        stage: stage.into(),
        entry: entry.into(),
        juror: juror.into(),
        criterion: "nilai".into(),
        score: value.into(),
    }
}

#[test]
fn a_reopened_stage_is_finalised_again_as_version_two_with_correction_minutes() {
    let mut c = Comp::new();
    // A later stage already holds scores: it will need review.
    c.scores("f", &[("E1", 90, 90), ("E2", 80, 80)]);
    let p_docs = [
        c.print(DocumentKind::Minutes, "p", None),
        c.print(DocumentKind::Recap, "p", None),
    ];
    let v1_minutes = c.print(DocumentKind::Minutes, "s", None);
    assert!(!text_of(&v1_minutes).contains("PERUBAHAN"));

    // Without a reason: refused, nothing written.
    let before = bytes(&c.db());
    let e = c.chair.reopen("s", "  ").unwrap_err();
    assert_eq!(refused(e), Refusal::CorrectionWithoutReason);
    assert!(matches!(
        refused(c.chair.reopen("f", "salah").unwrap_err()),
        Refusal::StageNotFinalized { .. }
    ));
    assert_eq!(bytes(&c.db()), before, "a refused re-opening wrote");

    let r = c
        .chair
        .reopen("s", "Salah ketik nilai J2 untuk E2")
        .unwrap();
    assert_eq!((r.version, r.to_review.clone()), (1, vec!["f".to_string()]));
    assert_eq!(c.chair.stage_version("s").unwrap(), None);
    let line = log(&c.chair, "reopen");
    assert_eq!(line.len(), 1);
    assert!(
        line[0].starts_with("s re-opened by ketua (Dr. Maria Lado): version 1")
            && line[0].contains("advancing E1, E2")
            && line[0].contains("to review before finalising: f")
            && line[0].ends_with("reason: Salah ketik nilai J2 untuk E2"),
        "{}",
        line[0]
    );

    // The typing error: J2 gave E3 92, not 82 — E3 overtakes E2.
    c.chair
        .correct_score(&score("s", "E3", "J2", "92"), "Lembar asli J2: 92")
        .unwrap();
    let line = log(&c.chair, "correct-score");
    assert!(
        line[0].contains("paper score of J2/E3/nilai corrected by ketua (Dr. Maria Lado): 82 → 92 (revision 1 → 2; the original is kept)"),
        "{}",
        line[0]
    );

    // The later stage cannot be finalised until reviewed, and not reviewed before s is final.
    let e = c.chair.finalize("f").unwrap_err();
    assert!(
        matches!(&e, AppError::CannotFinalize { reasons, .. }
            if reasons.iter().any(|r| r.message.contains("needs review"))),
        "{e}"
    );
    let before = bytes(&c.db());
    assert!(matches!(
        refused(c.chair.review("f", "dicek").unwrap_err()),
        Refusal::ReviewTooEarly { .. }
    ));
    assert_eq!(bytes(&c.db()), before, "a refused review wrote");

    let f = c.chair.finalize("s").unwrap();
    assert_eq!(
        (f.version, f.advancing.clone()),
        (2, vec!["E1".into(), "E3".into()])
    );
    assert_eq!(c.chair.stage_version("s").unwrap(), Some(2));

    // Version 2's minutes: the correction number, its reason, what changed.
    let v2_minutes = c.print(DocumentKind::Minutes, "s", None);
    let text = text_of(&v2_minutes);
    assert!(text.contains("PERUBAHAN KE-1"), "{text}");
    assert!(
        text.contains("Catatan perubahan (Perubahan ke-1)"),
        "{text}"
    );
    assert!(text.contains("Alasan perubahan: Salah"), "{text}");
    assert!(
        text.contains("E3: peringkat 3 → 2; nilai 83,00 → 88,00; hasil: tidak lolos → lolos"),
        "{text}"
    );
    assert!(
        text.contains("E2: peringkat 2 → 3; hasil: lolos → tidak lolos"),
        "{text}"
    );
    let official = c
        .chair
        .print_document(DocumentKind::Minutes, &request("s", None))
        .unwrap()
        .official
        .unwrap();
    assert_eq!(official.version, 2);
    // Version 1's official copy is still retrievable as version 1, byte for byte.
    assert_eq!(c.print(DocumentKind::Minutes, "s", Some(1)), v1_minutes);
    // Version 1's recap was never printed: it prints from version 1's snapshot, with version
    // 1's results, and is kept as an official copy of version 1.
    let v1_recap = c
        .chair
        .print_document(DocumentKind::Recap, &request("s", Some(1)))
        .unwrap();
    assert!(v1_recap.first_print);
    assert_eq!(v1_recap.official.as_ref().map(|o| o.version), Some(1));
    let text = text_of(&v1_recap.bytes);
    assert!(text.contains("83,00") && !text.contains("88,00"), "{text}");
    assert_eq!(c.print(DocumentKind::Recap, "s", Some(1)), v1_recap.bytes);
    // A version that never was has neither a kept copy nor a snapshot.
    assert!(matches!(
        refused(
            c.chair
                .print_document(DocumentKind::Recap, &request("s", Some(7)))
                .unwrap_err()
        ),
        Refusal::NoKeptVersion { version: 7, .. }
    ));
    // English words too.
    let en = PrintRequest {
        lang: Some("en".into()),
        ..request("s", None)
    };
    let text = text_of(
        &c.chair
            .print_document(DocumentKind::Minutes, &en)
            .unwrap()
            .bytes,
    );
    assert!(text.contains("CORRECTION NO. 1"), "{text}");
    assert!(
        text.contains("E3: rank 3 → 2; score 83.00 → 88.00; outcome: does not advance → advances"),
        "{text}"
    );

    // The untouched stage prints as before.
    assert_eq!(c.print(DocumentKind::Minutes, "p", None), p_docs[0]);
    assert_eq!(c.print(DocumentKind::Recap, "p", None), p_docs[1]);

    // Reviewed, the later stage may be finalised.
    c.chair.review("f", "Peserta final dicek ulang").unwrap();
    assert!(c.chair.needs_review("f").unwrap().is_none());
    let line = log(&c.chair, "review");
    assert!(
        line[0].contains(
            "f reviewed by ketua (Dr. Maria Lado) after stage s was corrected (now version 2)"
        ),
        "{}",
        line[0]
    );
    let before = bytes(&c.db());
    assert!(matches!(
        refused(c.chair.review("f", "lagi").unwrap_err()),
        Refusal::NothingToReview { .. }
    ));
    assert_eq!(bytes(&c.db()), before);
    // The log filters by stage.
    let of_s = c
        .chair
        .log_where(&AuditFilter {
            stage: Some("s".into()),
            ..AuditFilter::default()
        })
        .unwrap();
    assert!(of_s.iter().any(|r| r.action == "reopen"));
    assert!(of_s.iter().all(|r| r.action != "review"));
    // The rebuild replays the corrected score: identical.
    let report = c.chair.rebuild(true).unwrap();
    assert!(report.identical);
}

#[test]
fn a_paper_score_is_corrected_in_an_open_stage_and_a_bundle_score_is_refused() {
    let mut c = Comp::new();
    c.scores("f", &[("E1", 90, 90), ("E2", 80, 80)]);
    let before = bytes(&c.db());
    // A finalised stage is re-opened first.
    let e = c
        .chair
        .correct_score(&score("s", "E3", "J2", "92"), "salah ketik")
        .unwrap_err();
    assert!(matches!(e, AppError::StageFinalized(_)), "{e}");
    for (cell, reason, want) in [
        (score("f", "E1", "J2", "90"), "salah", "already 90"),
        (score("f", "E1", "J2", "101"), "salah", "outside the scale"),
        (score("f", "E1", "J2", "88"), " ", "needs a reason"),
        (
            score("f", "E4", "J2", "88"),
            "salah",
            "no score of J2/E4/nilai",
        ),
    ] {
        let e = c.chair.correct_score(&cell, reason).unwrap_err();
        assert!(e.to_string().contains(want), "{e}");
    }
    assert_eq!(bytes(&c.db()), before, "a refused correction wrote");

    // A cell the juror's bundle brought is the juror's.
    c.chair
        .db_mut()
        .write(|tx| -> Result<(), juri_store::StoreError> {
            let f = tx.stage_id("f")?;
            let mut cell = tx
                .cells(f, None, None)?
                .into_iter()
                .find(|r| r.value == Some(80_000))
                .unwrap();
            cell.source = "a".repeat(64);
            tx.put_cell(&cell)
        })
        .unwrap();
    let before = bytes(&c.db());
    let e = c
        .chair
        .correct_score(&score("f", "E2", "J1", "85"), "salah")
        .unwrap_err();
    assert!(
        e.to_string().contains("came from the juror's bundle: a juror's bundle is the juror's — rule on conflicts instead"),
        "{e}"
    );
    assert_eq!(bytes(&c.db()), before);

    c.chair
        .correct_score(&score("f", "E1", "J2", "70"), "Lembar asli: 70")
        .unwrap();
    let f = c.chair.db().read().stage_id("f").unwrap();
    let cell = c
        .chair
        .db()
        .read()
        .cells(f, None, None)
        .unwrap()
        .into_iter()
        .find(|r| r.value == Some(70_000))
        .unwrap();
    assert_eq!((cell.revision, cell.source.as_str()), (2, "paper"));
    let line = &log(&c.chair, "correct-score")[0];
    assert!(
        line.starts_with(
            "f: paper score of J2/E1/nilai corrected by ketua (Dr. Maria Lado): 90 → 70"
        ),
        "{line}"
    );
    let of_e1 = c
        .chair
        .log_where(&AuditFilter {
            entry: Some("E1".into()),
            ..AuditFilter::default()
        })
        .unwrap();
    assert_eq!(of_e1.len(), 1);
}

#[test]
fn a_decision_is_revoked_or_replaced_and_one_that_does_not_exist_is_refused() {
    let mut c = Comp::new();
    // E1 and E2 tie in f.
    c.scores("f", &[("E1", 90, 80), ("E2", 80, 90)]);
    assert_eq!(
        c.chair.results("f", None).unwrap().unresolved_ties,
        vec![vec!["E1", "E2"]]
    );
    let tie = |order: [&str; 2]| Decision::TieOrder {
        stage: "f".into(),
        entries: order.iter().map(|e| e.to_string()).collect(),
        reason: "Rapat pleno".into(),
    };
    let id = c.chair.decide(tie(["E1", "E2"])).unwrap();
    let before = bytes(&c.db());
    assert_eq!(
        refused(c.chair.revoke(99, "salah", None).unwrap_err()),
        Refusal::NoSuchDecision {
            id: 99,
            revoked: false
        }
    );
    assert_eq!(
        refused(c.chair.revoke(id, "", None).unwrap_err()),
        Refusal::CorrectionWithoutReason
    );
    // A replacement that is no tie is refused, and the decision stays in force.
    assert!(matches!(
        refused(
            c.chair
                .revoke(id, "urutan terbalik", Some(tie(["E1", "E3"])))
                .unwrap_err()
        ),
        Refusal::EntryNotInStage { .. }
    ));
    assert_eq!(bytes(&c.db()), before, "a refused revocation wrote");

    let new = c
        .chair
        .revoke(id, "Urutan terbalik", Some(tie(["E2", "E1"])))
        .unwrap()
        .unwrap();
    let decisions = c.chair.decisions().unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].0, new);
    let line = &log(&c.chair, "replace")[0];
    assert!(
        line.contains(&format!(
            "decision {id} (f: tie ordered E1 > E2 — Rapat pleno"
        )) && line.contains(&format!(
            "replaced by ketua (Dr. Maria Lado) with decision {new} (f: tie ordered E2 > E1"
        )) && line.ends_with("reason: Urutan terbalik"),
        "{line}"
    );
    c.chair.revoke(new, "Dicabut", None).unwrap();
    assert!(c.chair.decisions().unwrap().is_empty());
    assert_eq!(
        refused(c.chair.revoke(new, "lagi", None).unwrap_err()),
        Refusal::NoSuchDecision {
            id: new,
            revoked: true
        }
    );
    assert_eq!(
        c.chair.results("f", None).unwrap().unresolved_ties,
        vec![vec!["E1", "E2"]]
    );
}

#[test]
fn an_entry_is_withdrawn_restored_and_edited_and_an_archived_competition_refuses() {
    let mut c = Comp::new();
    let p_minutes = c.print(DocumentKind::Minutes, "p", None);
    c.chair
        .set_withdrawn("E2", true, "Mengundurkan diri")
        .unwrap();
    assert!(!c
        .chair
        .results("f", None)
        .unwrap()
        .rows()
        .any(|r| r.entry == "E2"));
    let before = bytes(&c.db());
    assert_eq!(
        refused(c.chair.set_withdrawn("E2", true, "lagi").unwrap_err()),
        Refusal::AlreadyWithdrawn { entry: "E2".into() }
    );
    assert_eq!(
        refused(c.chair.set_withdrawn("E1", false, "salah").unwrap_err()),
        Refusal::NotWithdrawn { entry: "E1".into() }
    );
    assert_eq!(bytes(&c.db()), before);
    c.chair.set_withdrawn("E2", false, "Surat ditarik").unwrap();
    let lines = [log(&c.chair, "withdraw"), log(&c.chair, "restore")];
    assert_eq!(
        lines[0],
        vec!["entry E2 (Inovasi E2) withdrawn by ketua (Dr. Maria Lado): taking part → withdrawn — reason: Mengundurkan diri"]
    );
    assert_eq!(
        lines[1],
        vec!["entry E2 (Inovasi E2) restored by ketua (Dr. Maria Lado): withdrawn → taking part — reason: Surat ditarik"]
    );

    let edit = EntryEdit {
        title: Some("Inovasi Air Bersih".into()),
        category: Some("y".into()),
        institution: Some("Dinas E1".into()),
    };
    let changes = c.chair.edit_entry("E1", &edit, "Judul resmi").unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(
        log(&c.chair, "edit-entry"),
        vec!["entry E1 edited by ketua (Dr. Maria Lado): title \"Inovasi E1\" → \"Inovasi Air Bersih\"; category \"x\" → \"y\" — reason: Judul resmi"]
    );
    let before = bytes(&c.db());
    for (edit, want) in [
        (
            EntryEdit {
                category: Some("z".into()),
                ..EntryEdit::default()
            },
            "unknown category 'z'",
        ),
        (
            EntryEdit {
                title: Some(" ".into()),
                ..EntryEdit::default()
            },
            "title of an entry cannot be empty",
        ),
        (
            EntryEdit {
                title: Some("Inovasi Air Bersih".into()),
                ..EntryEdit::default()
            },
            "nothing to correct",
        ),
    ] {
        let e = c.chair.edit_entry("E1", &edit, "x").unwrap_err();
        assert!(e.to_string().contains(want), "{e}");
    }
    assert_eq!(bytes(&c.db()), before);
    // The finalised stage's official minutes are untouched by the edit.
    assert_eq!(c.print(DocumentKind::Minutes, "p", None), p_minutes);

    // An archived competition's record can no longer be corrected.
    let path = c.db();
    let Comp { dir, chair } = c;
    drop(chair);
    let archived = Chair::archive(&path).unwrap();
    let mut chair = Chair::open(&archived).unwrap();
    let before = bytes(&archived);
    let e = chair.set_withdrawn("E3", true, "Mundur").unwrap_err();
    assert!(matches!(refused(e), Refusal::Archived { .. }));
    let e = chair.reopen("s", "Mundur").unwrap_err();
    assert!(e.to_string().contains("archived"), "{e}");
    assert_eq!(bytes(&archived), before);
    drop(dir);
}
