//! Official copies: a document of a finalised stage is kept the first time it is printed, and
//! every later print of the same request gives exactly those bytes; a draft is never kept.

use chrono::NaiveDate;
use juri_app::{create_demo, AppError, Chair, DocumentKind, PrintRequest};

fn demo() -> (tempfile::TempDir, Chair) {
    let dir = tempfile::tempdir().unwrap();
    let chair = create_demo(&dir.path().join("demo.db")).unwrap();
    (dir, chair)
}

fn request(stage: &str, date: Option<(i32, u32, u32)>) -> PrintRequest {
    PrintRequest {
        stage: Some(stage.into()),
        date: date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
        number: Some("001/BA/TPI/XII/2025".into()),
        venue: Some("Kupang".into()),
        ..PrintRequest::default()
    }
}

fn kept_rows(chair: &Chair) -> i64 {
    chair
        .db()
        .connection()
        .query_row("SELECT count(*) FROM official_copies", [], |r| r.get(0))
        .unwrap()
}

fn official_log_lines(chair: &Chair) -> Vec<String> {
    chair
        .log()
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "official-copy")
        .map(|r| r.detail)
        .collect()
}

#[test]
fn a_finalised_stage_prints_its_official_copy_whatever_changed_since() {
    let (_dir, mut chair) = demo();
    let req = request("proposal", Some((2025, 12, 15)));
    let first = chair.print_document(DocumentKind::Minutes, &req).unwrap();
    assert!(first.first_print);
    let copy = first.official.clone().expect("an official copy");
    assert_eq!(
        (
            copy.stage.as_str(),
            copy.version,
            copy.document,
            copy.lang.as_str()
        ),
        ("proposal", 1, DocumentKind::Minutes, "id")
    );
    assert_eq!(copy.date, NaiveDate::from_ymd_opt(2025, 12, 15).unwrap());
    assert_eq!(
        copy.sha256,
        juri_bundle::Fingerprint::of(&first.bytes).to_hex()
    );
    let log = official_log_lines(&chair);
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(
        log[0].starts_with("minutes of stage proposal (id, dated 2025-12-15"),
        "{}",
        log[0]
    );
    assert!(log[0].ends_with(&copy.sha256), "{}", log[0]);

    // The panel changes after the minutes were signed: a juror's name is corrected.
    chair
        .db_mut()
        .write(|tx| -> Result<(), AppError> {
            let mut jurors: Vec<_> = tx.jurors()?.into_iter().map(|(_, j)| j).collect();
            jurors[0].name = format!("{} (renamed)", jurors[0].name);
            tx.upsert_jurors(&jurors)?;
            Ok(())
        })
        .unwrap();

    let again = chair.print_document(DocumentKind::Minutes, &req).unwrap();
    assert!(!again.first_print);
    assert!(
        again.bytes == first.bytes,
        "the kept bytes, not a new rendering"
    );
    assert_eq!(again.official.as_ref(), Some(&copy));
    // Without a date: the official copy of the same request, whatever its date.
    let undated = chair
        .print(DocumentKind::Minutes, &request("proposal", None))
        .unwrap();
    assert!(undated == first.bytes);
    // Another request is another document, rendered from today's data and kept in its turn.
    let other = PrintRequest {
        number: Some("002/BA/TPI/XII/2025".into()),
        ..req.clone()
    };
    let second = chair.print_document(DocumentKind::Minutes, &other).unwrap();
    assert!(second.first_print && second.bytes != first.bytes);
    assert_eq!(kept_rows(&chair), 2);
    assert_eq!(
        official_log_lines(&chair).len(),
        2,
        "one line per first print"
    );

    // Every official document of a finalised stage; in English too.
    let juror = chair.snapshot().unwrap().jurors[0].id.clone();
    for doc in [
        DocumentKind::Recap,
        DocumentKind::Recusals,
        DocumentKind::ScoreSheet,
    ] {
        for lang in ["id", "en"] {
            let req = PrintRequest {
                lang: Some(lang.into()),
                juror: (doc == DocumentKind::ScoreSheet).then(|| juror.clone()),
                ..request("proposal", Some((2025, 12, 15)))
            };
            let a = chair.print_document(doc, &req).unwrap();
            let b = chair.print_document(doc, &req).unwrap();
            assert!(a.first_print && !b.first_print, "{doc:?} {lang}");
            assert!(a.bytes == b.bytes);
            assert_eq!(a.official.unwrap().lang, lang);
        }
    }
    assert_eq!(kept_rows(&chair), 8);
}

#[test]
fn documents_of_an_open_stage_are_drafts_and_never_kept() {
    let (dir, mut chair) = demo();
    let open = request("presentasi", Some((2025, 12, 15)));
    for doc in [
        DocumentKind::Recap,
        DocumentKind::Minutes,
        DocumentKind::BlankSheet,
    ] {
        let printed = chair.print_document(doc, &open).unwrap();
        assert!(printed.official.is_none() && !printed.first_print);
        // A draft renders the same bytes twice, too.
        assert!(chair.print(doc, &open).unwrap() == printed.bytes, "{doc:?}");
    }
    // Blank sheets of a finalised stage are forms, not records; without a stage, the recusal
    // list covers the whole competition.
    let blank = chair
        .print_document(
            DocumentKind::BlankSheet,
            &request("proposal", Some((2025, 12, 15))),
        )
        .unwrap();
    assert!(blank.official.is_none());
    let all = PrintRequest {
        stage: None,
        ..request("proposal", Some((2025, 12, 15)))
    };
    assert!(chair
        .print_document(DocumentKind::Recusals, &all)
        .unwrap()
        .official
        .is_none());
    assert_eq!(kept_rows(&chair), 0);
    assert!(official_log_lines(&chair).is_empty());

    // --check: a draft is not an official copy.
    let draft = dir.path().join("draft.pdf");
    std::fs::write(&draft, chair.print(DocumentKind::Recap, &open).unwrap()).unwrap();
    assert!(chair.check_official_copy(&draft).unwrap().is_empty());
}

#[test]
fn a_pdf_on_disk_is_recognised_as_an_official_copy_and_nothing_changes() {
    let (dir, mut chair) = demo();
    let req = request("proposal", Some((2025, 12, 15)));
    let path = chair
        .print_into(DocumentKind::Recap, &req, &dir.path().join("dokumen"))
        .unwrap();
    let log = chair.log().unwrap().len();
    let found = chair.check_official_copy(&path).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].stage.as_str(),
            found[0].document,
            found[0].lang.as_str()
        ),
        ("proposal", DocumentKind::Recap, "id")
    );
    assert_eq!(found[0].number.as_deref(), Some("001/BA/TPI/XII/2025"));
    assert_eq!(
        found[0].sha256,
        juri_bundle::Fingerprint::of(&std::fs::read(&path).unwrap()).to_hex()
    );

    // One byte changed: not an official copy.
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let altered = dir.path().join("altered.pdf");
    std::fs::write(&altered, &bytes).unwrap();
    assert!(chair.check_official_copy(&altered).unwrap().is_empty());

    // A missing file, a file that is not a PDF: clear errors.
    let missing = chair
        .check_official_copy(&dir.path().join("none.pdf"))
        .unwrap_err();
    assert!(matches!(missing, AppError::Io { .. }), "{missing}");
    let text = dir.path().join("notes.pdf");
    std::fs::write(&text, "not a pdf at all").unwrap();
    let e = chair.check_official_copy(&text).unwrap_err();
    assert!(matches!(e, AppError::BadFile { .. }), "{e}");
    assert!(e.to_string().ends_with("not a PDF file"), "{e}");
    assert_eq!(chair.log().unwrap().len(), log, "checking changes nothing");
    assert_eq!(kept_rows(&chair), 1);
}
