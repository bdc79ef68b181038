//! A signature block is never left alone at the top of a page: whatever length the body has,
//! its last lines (or last table row) go to the next page with the signature.

use juri_report::{
    render_pdf_on, BlankSheets, Document, Lang, Minutes, Paper, RecusalList, ScoreSheets,
};

use crate::generated;
use crate::support::{fixture, Pdf};

/// The line a signature block starts with: "Kupang, 15 Desember 2025" or, on a blank sheet,
/// "Kupang, ________ 2025" (every fixture is signed in Kupang).
fn starts_signature(line: &str) -> bool {
    line.match_indices("Kupang, ").any(|(at, m)| {
        line[at + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '_')
    })
}

/// Panics when a page of `document` begins (after its running head) with a signature block.
fn assert_no_lone_signature(name: &str, document: &Document) {
    for paper in Paper::ALL {
        let pdf = Pdf::new(&render_pdf_on(document, Lang::Id, paper).unwrap());
        let pages = pdf.page_count();
        let mut signed = false;
        for page in 1..=pages {
            let lines = pdf.page_lines(page);
            signed |= lines.iter().any(|l| starts_signature(l));
            // The body starts after the running head of a continuation page.
            let head = lines
                .iter()
                .take(3)
                .position(|l| l.contains("(lanjutan)"))
                .map_or(0, |k| k + 1);
            let first = lines.get(head).map_or("", String::as_str);
            assert!(
                !starts_signature(first),
                "{name} ({paper:?}): page {page} of {pages} starts with the signature:\n{}",
                lines.join("\n")
            );
        }
        assert!(signed, "{name} ({paper:?}): no signature printed");
    }
}

#[test]
fn a_recap_keeps_its_explanations_with_the_signature() {
    for entries in 4..=34 {
        let recap = generated::recap(entries, 4);
        assert_no_lone_signature(
            &format!("recap of {entries}"),
            &Document::Recap(vec![recap]),
        );
    }
}

#[test]
fn a_score_sheet_keeps_its_declaration_with_the_signature() {
    let mut sheets: ScoreSheets = fixture("score_sheets.json");
    sheets.sheets.truncate(1);
    for lines in 0..40 {
        let mut doc = sheets.clone();
        doc.sheets[0].note = Some(
            (0..lines)
                .map(|k| format!("Catatan umum baris {k} tentang bukti dukung yang diperiksa."))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        assert_no_lone_signature(
            &format!("score sheet + {lines}"),
            &Document::ScoreSheets(doc),
        );
    }
}

#[test]
fn a_conflict_list_keeps_its_last_row_with_the_signature() {
    let base: RecusalList = fixture("recusals.json");
    for rows in 1..=40 {
        let mut list = base.clone();
        list.recusals = (0..rows)
            .map(|k| base.recusals[k % base.recusals.len()].clone())
            .collect();
        assert_no_lone_signature(
            &format!("conflicts of interest × {rows}"),
            &Document::Recusals(list),
        );
    }
}

#[test]
fn minutes_keep_their_closing_with_the_signatures() {
    let base: Minutes = fixture("minutes.json");
    for extra in 0..24 {
        let mut minutes = base.clone();
        minutes.notes.extend((0..extra).map(|k| {
            format!("Catatan tambahan nomor {k} untuk menggeser posisi blok tanda tangan.")
        }));
        assert_no_lone_signature(&format!("minutes + {extra}"), &Document::Minutes(minutes));
    }
}

#[test]
fn a_blank_sheet_too_long_for_a_page_keeps_its_last_row_with_the_signature() {
    let base: BlankSheets = fixture("blank_sheets.json");
    for criteria in 1..=16 {
        let mut sheets = base.clone();
        sheets.entries.truncate(1);
        sheets.criteria = (0..criteria)
            .map(|k| base.criteria[k % base.criteria.len()].clone())
            .collect();
        assert_no_lone_signature(
            &format!("blank sheet of {criteria} criteria"),
            &Document::BlankSheets(sheets),
        );
    }
}
