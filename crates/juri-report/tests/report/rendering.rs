//! Rendered pages are not blank and nothing is drawn outside the printable area, on A4 and F4.

use juri_report::{render_pdf_on, Document, Lang, Paper, RecapTable};

use crate::generated;
use crate::support::{fixture, Pdf};

const PT_PER_MM: f32 = 72.0 / 25.4;
/// Side margins are 18 mm; nothing may come closer to an edge than this.
const SIDE_MM: f32 = 17.0;
/// Running heads start 16 mm from the top; footers end about 10 mm from the bottom.
const TOP_MM: f32 = 15.0;
const BOTTOM_MM: f32 = 9.0;

fn documents() -> Vec<(&'static str, Document)> {
    vec![
        (
            "blank sheets",
            Document::BlankSheets(fixture("blank_sheets.json")),
        ),
        (
            "score sheets",
            Document::ScoreSheets(fixture("score_sheets.json")),
        ),
        (
            "recap",
            Document::Recap(vec![fixture::<RecapTable>("recap.json")]),
        ),
        ("recap 40×9", Document::Recap(vec![generated::recap(40, 9)])),
        (
            "recap 30×25",
            Document::Recap(vec![generated::recap(30, 25)]),
        ),
        (
            "final recap 30",
            Document::Recap(vec![generated::final_recap(30)]),
        ),
        ("minutes", Document::Minutes(fixture("minutes.json"))),
        (
            "conflicts of interest",
            Document::Recusals(fixture("recusals.json")),
        ),
        (
            "announcement",
            Document::Announcement(fixture("announcement.json")),
        ),
        (
            "decree attachment",
            Document::DecreeAttachment(fixture("decree_attachment.json")),
        ),
        (
            "certificates",
            Document::Certificates(fixture("certificates.json")),
        ),
    ]
}

#[test]
fn every_page_has_ink_and_clean_margins() {
    for (name, document) in documents() {
        for (lang, paper) in [Lang::Id, Lang::En]
            .into_iter()
            .flat_map(|lang| Paper::ALL.map(|paper| (lang, paper)))
        {
            let pdf = Pdf::new(&render_pdf_on(&document, lang, paper).unwrap());
            let pages = pdf.render(40);
            let name = format!("{name} on {}", paper.as_str());
            assert_eq!(pages.len(), pdf.page_count(), "{name} ({lang})");
            for (i, page) in pages.iter().enumerate() {
                let (w, h) = (page.width_mm(), page.height_mm());
                let body = page.ink_in_mm(SIDE_MM, TOP_MM, w - SIDE_MM, h - BOTTOM_MM, 128);
                assert!(
                    body > 200,
                    "{name} ({lang}) page {}: looks blank ({body} dark pixels)",
                    i + 1
                );
                let margins = [
                    ("left", page.ink_in_mm(0.0, 0.0, SIDE_MM - 2.0, h, 250)),
                    ("right", page.ink_in_mm(w - SIDE_MM + 2.0, 0.0, w, h, 250)),
                    ("top", page.ink_in_mm(0.0, 0.0, w, TOP_MM - 2.0, 250)),
                    (
                        "bottom",
                        page.ink_in_mm(0.0, h - BOTTOM_MM + 1.0, w, h, 250),
                    ),
                ];
                for (side, ink) in margins {
                    assert_eq!(
                        ink,
                        0,
                        "{name} ({lang}) page {}: ink in the {side} margin",
                        i + 1
                    );
                }
            }
        }
    }
}

#[test]
fn every_word_lies_inside_the_printable_area() {
    for (name, document) in documents() {
        for (lang, paper) in [Lang::Id, Lang::En]
            .into_iter()
            .flat_map(|lang| Paper::ALL.map(|paper| (lang, paper)))
        {
            let pdf = Pdf::new(&render_pdf_on(&document, lang, paper).unwrap());
            let name = format!("{name} on {}", paper.as_str());
            let sizes = pdf.page_sizes();
            let words = pdf.words();
            assert!(words.len() > 50, "{name} ({lang}): {} words", words.len());
            for word in words {
                let size = sizes[word.page - 1];
                let inside = word.x_min >= SIDE_MM * PT_PER_MM
                    && word.x_max <= size.width - SIDE_MM * PT_PER_MM
                    && word.y_min >= TOP_MM * PT_PER_MM
                    && word.y_max <= size.height - BOTTOM_MM * PT_PER_MM;
                assert!(
                    inside,
                    "{name} ({lang}): {word:?} outside the printable area of {size:?}"
                );
            }
        }
    }
}
