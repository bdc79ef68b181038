//! The same view model prints the same bytes: within one process (printpdf's own file
//! identifier comes from a process-wide counter, which the composer replaces) and, since
//! nothing else varies, in every process.

use juri_report::{render_pdf, Document, Lang, RecapTable};
use sha2::{Digest, Sha256};

use crate::generated;
use crate::support::{fixture, Pdf};

fn documents() -> Vec<Document> {
    vec![
        Document::BlankSheets(fixture("blank_sheets.json")),
        Document::ScoreSheets(fixture("score_sheets.json")),
        Document::Recap(vec![fixture::<RecapTable>("recap.json")]),
        Document::Recap(vec![generated::recap(12, 5)]),
        Document::Minutes(fixture("minutes.json")),
        Document::Recusals(fixture("recusals.json")),
    ]
}

/// The two strings of the trailer's `/ID`, as written.
fn file_id(bytes: &[u8]) -> (String, String) {
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(400)..]).to_string();
    let at = tail.find("/ID").expect("the trailer has an /ID");
    let rest = &tail[at..];
    let strings: Vec<&str> = rest
        .split(['<', '>'])
        .filter(|s| s.len() == 32 && s.chars().all(|c| c.is_ascii_hexdigit()))
        .take(2)
        .collect();
    assert_eq!(strings.len(), 2, "two hex strings in {rest}");
    (strings[0].to_string(), strings[1].to_string())
}

#[test]
fn printing_twice_in_one_process_gives_the_same_bytes() {
    let documents = documents();
    for lang in [Lang::Id, Lang::En] {
        let first: Vec<Vec<u8>> = documents
            .iter()
            .map(|d| render_pdf(d, lang).unwrap())
            .collect();
        // Other prints in between move printpdf's counter on.
        for d in documents.iter().rev() {
            render_pdf(d, lang).unwrap();
        }
        for (d, bytes) in documents.iter().zip(&first) {
            let again = render_pdf(d, lang).unwrap();
            assert!(
                again == *bytes,
                "{lang}: a second print of {:?} differs",
                std::mem::discriminant(d)
            );
        }
    }
}

#[test]
fn the_file_identifier_is_the_start_of_the_content_hash() {
    let mut ids = Vec::new();
    for document in documents() {
        let bytes = render_pdf(&document, Lang::Id).unwrap();
        let (permanent, changing) = file_id(&bytes);
        assert_eq!(permanent, changing, "a first print: both parts the same");
        // Put the placeholder back: its hash is the identifier.
        let text = format!("<{permanent}>");
        let mut blank = bytes.clone();
        let zeros = format!("<{}>", "0".repeat(32));
        let mut from = 0;
        while let Some(i) = find(&blank[from..], text.as_bytes()) {
            blank[from + i..from + i + zeros.len()].copy_from_slice(zeros.as_bytes());
            from += i + zeros.len();
        }
        let digest = Sha256::digest(&blank);
        let expected: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(permanent, expected);
        // Still a well-formed PDF.
        assert!(Pdf::new(&bytes).page_count() >= 1);
        ids.push(permanent);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len(),
        documents().len(),
        "different documents, different ids"
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
