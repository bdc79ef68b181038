//! A decided final's announcement, decree attachment and certificates: refused for a stage that
//! is not a finalised final, kept as official copies once printed, and printed from the final's
//! snapshot, so an entry edited afterwards prints as it was decided.
//! Needs poppler-utils (`pdftotext`).

use std::process::Command;

use chrono::NaiveDate;
use juri_app::core::completeness::PairState;
use juri_app::{create_demo, AppError, Chair, DocumentKind, EntryEdit, PrintRequest, Refusal};

const DOCUMENTS: [DocumentKind; 3] = [
    DocumentKind::Announcement,
    DocumentKind::DecreeAttachment,
    DocumentKind::Certificate,
];

fn kept_rows(chair: &Chair) -> i64 {
    chair
        .db()
        .connection()
        .query_row("SELECT count(*) FROM official_copies", [], |r| r.get(0))
        .unwrap()
}

fn refused(e: AppError) -> Refusal {
    match e {
        AppError::Refused(r) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-raw"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The demo's presentation stage completed from paper sheets and finalised.
fn presented(dir: &std::path::Path) -> Chair {
    let mut chair = create_demo(&dir.join("demo.db")).unwrap();
    let status = chair.status("presentasi").unwrap();
    let mut csv = String::from("stage,entry,juror,criterion,score\n");
    for (entry, row) in status.entries.iter().zip(&status.matrix) {
        for (n, (juror, cell)) in status.jurors.iter().zip(row).enumerate() {
            if cell.is_some() && *cell != Some(PairState::Submitted) {
                for (i, c) in [
                    "kebaharuan",
                    "kemanfaatan",
                    "kolaborasi",
                    "replikasi",
                    "penyajian",
                ]
                .iter()
                .enumerate()
                {
                    let score = (entry.len() + i + n) % 4 + 3;
                    csv.push_str(&format!("presentasi,{entry},{juror},{c},{score}\n"));
                }
            }
        }
    }
    let file = dir.join("paper.csv");
    std::fs::write(&file, csv).unwrap();
    chair.import_scores(&file).unwrap();
    chair.finalize("presentasi").unwrap();
    chair
}

#[test]
fn only_a_finalised_final_prints_its_winners() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = presented(dir.path());
    let before = kept_rows(&chair);
    for doc in DOCUMENTS {
        let proposal = PrintRequest {
            stage: Some("proposal".into()),
            ..PrintRequest::default()
        };
        match refused(chair.print_document(doc, &proposal).unwrap_err()) {
            Refusal::NotAFinal { stage, document } => {
                assert_eq!(
                    (stage.as_str(), document.as_str()),
                    ("proposal", doc.as_str())
                )
            }
            other => panic!("{other:?}"),
        }
        // Named or not, the final is not finalised yet.
        for stage in [Some("final".to_string()), None] {
            let req = PrintRequest {
                stage,
                ..PrintRequest::default()
            };
            let e = refused(chair.print_document(doc, &req).unwrap_err());
            assert!(
                matches!(&e, Refusal::FinalNotFinalized { stage, .. } if stage == "final"),
                "{e:?}"
            );
            assert!(e
                .to_string()
                .contains("final stage 'final' is not finalised"));
        }
    }
    assert_eq!(kept_rows(&chair), before, "a refusal keeps nothing");
}

#[test]
fn a_final_prints_as_it_was_decided_and_keeps_its_official_copies() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = presented(dir.path());
    chair.finalize("final").unwrap();
    let results = chair.results("final", None).unwrap();
    let first = results
        .rows()
        .find(|r| r.award_place == Some(1) && r.award.as_deref() == Some("top10"))
        .unwrap()
        .clone();
    let date = NaiveDate::from_ymd_opt(2025, 12, 20);
    for doc in DOCUMENTS {
        let named = PrintRequest {
            stage: Some("final".into()),
            date,
            ..PrintRequest::default()
        };
        let printed = chair.print_document(doc, &named).unwrap();
        assert!(printed.first_print, "{}", doc.as_str());
        let copy = printed.official.clone().expect("an official copy");
        assert_eq!(
            (copy.stage.as_str(), copy.version, copy.document),
            ("final", 1, doc)
        );
        // Without a stage: the definition's final, the same copy.
        let unnamed = PrintRequest {
            stage: None,
            ..named.clone()
        };
        let again = chair.print_document(doc, &unnamed).unwrap();
        assert!(!again.first_print);
        assert_eq!(again.bytes, printed.bytes);
        assert!(text_of(&printed.bytes).contains(&first.title));
    }

    // An entry edited after the final was decided: a new request prints it as it was decided.
    chair
        .edit_entry(
            &first.entry,
            &EntryEdit {
                title: Some("Judul Baru Setelah Penetapan".into()),
                institution: None,
                category: None,
            },
            "Salah ketik pada judul",
        )
        .unwrap();
    for doc in DOCUMENTS {
        let req = PrintRequest {
            stage: Some("final".into()),
            lang: Some("en".into()),
            paper: Some("f4".into()),
            date,
            ..PrintRequest::default()
        };
        let text = text_of(&chair.print_document(doc, &req).unwrap().bytes);
        assert!(text.contains(&first.title), "{}: {text}", doc.as_str());
        assert!(!text.contains("Judul Baru Setelah Penetapan"));
    }
}
