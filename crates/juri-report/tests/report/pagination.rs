//! Tables that do not fit one page: rows break across pages under a repeated header, and a
//! recap too wide for a page splits its juror columns.

use juri_report::{render_pdf, Document, JurorScore, Lang, ScoreSheets};

use crate::generated::{self, code};
use crate::support::{fixture, Pdf};

#[test]
fn recap_of_40_entries_and_9_jurors_breaks_across_landscape_pages() {
    let recap = generated::recap(40, 9);
    for (lang, header, continued) in [
        (
            Lang::Id,
            ["Peringkat", "Kode", "Inovasi", "Nilai Akhir"],
            "(lanjutan)",
        ),
        (
            Lang::En,
            ["Rank", "Code", "Innovation", "Final score"],
            "(continued)",
        ),
    ] {
        let pdf = Pdf::new(&render_pdf(&Document::Recap(vec![recap.clone()]), lang).unwrap());
        let sizes = pdf.page_sizes();
        let pages = sizes.len();
        assert!(
            pages >= 3,
            "{lang}: 40 rows with long titles fill {pages} page(s)"
        );
        assert!(
            sizes.iter().all(|s| s.is_a4_landscape()),
            "{lang}: 9 jurors need landscape"
        );

        let mut seen = vec![0usize; 41];
        let mut last_position = (0, 0);
        let words = pdf.words();
        for page in 1..=pages {
            let text = pdf.page_text(page);
            for label in header {
                assert!(
                    text.contains(label),
                    "{lang} page {page}: header {label:?} missing"
                );
            }
            let juror_heads: Vec<String> = words
                .iter()
                .filter(|w| {
                    w.page == page && w.text.starts_with('J') && w.text[1..].parse::<u32>().is_ok()
                })
                .map(|w| w.text.clone())
                .collect();
            for j in 1..=9 {
                assert!(
                    juror_heads.contains(&format!("J{j}")),
                    "{lang} page {page}: column J{j}"
                );
            }
            if page > 1 {
                assert!(text.contains(continued), "{lang} page {page}: running head");
            }
            assert!(
                text.contains(&lang_page(lang, page, pages)),
                "{lang} page {page}: footer"
            );
            for (i, count) in seen.iter_mut().enumerate().skip(1) {
                let n = text.matches(&format!("{} ", code(i))).count();
                *count += n;
                if n > 0 {
                    let position = (page, text.find(&code(i)).unwrap());
                    assert!(position > last_position, "{lang}: {} out of order", code(i));
                    last_position = position;
                }
            }
        }
        for (i, n) in seen.iter().enumerate().skip(1) {
            assert_eq!(*n, 1, "{lang}: {} printed {n} times", code(i));
        }
        let text = pdf.text();
        for (i, row) in recap.rows.iter().enumerate() {
            for score in &row.scores {
                if let JurorScore::Score(d) = score {
                    let shown = d.display(lang);
                    assert!(
                        text.contains(&shown),
                        "{lang}: score {shown} of {}",
                        code(i + 1)
                    );
                }
            }
        }
    }
}

fn lang_page(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Id => format!("Halaman {page} dari {pages}"),
        Lang::En => format!("Page {page} of {pages}"),
    }
}

#[test]
fn a_recap_too_wide_for_one_page_splits_its_juror_columns() {
    let recap = generated::recap(30, 25);
    let pdf = Pdf::new(&render_pdf(&Document::Recap(vec![recap]), Lang::Id).unwrap());
    let text = pdf.text();
    let groups: Vec<(usize, usize)> = text
        .match_indices("Kolom juri ")
        .map(|(at, _)| {
            let rest = &text[at + "Kolom juri ".len()..];
            let range = rest.split_whitespace().next().unwrap();
            let (a, b) = range.split_once('–').unwrap();
            (a.parse().unwrap(), b.parse().unwrap())
        })
        .collect();
    assert!(
        groups.len() >= 2,
        "25 jurors need more than one group: {groups:?}"
    );
    // The groups cover J1..J25 once, in order.
    let mut next = 1;
    for (a, b) in &groups {
        assert_eq!(*a, next, "{groups:?}");
        assert!(b >= a);
        next = b + 1;
    }
    assert_eq!(next, 26, "{groups:?}");
    // Every entry is printed once per group.
    for i in 1..=30 {
        assert_eq!(
            text.matches(&format!("{} ", code(i))).count(),
            groups.len(),
            "{}",
            code(i)
        );
    }
    assert!(pdf.page_sizes().iter().all(|s| s.is_a4_landscape()));
}

#[test]
fn a_small_recap_stays_portrait() {
    let recap = generated::recap(6, 4);
    let pdf = Pdf::new(&render_pdf(&Document::Recap(vec![recap]), Lang::Id).unwrap());
    assert_eq!(pdf.page_count(), 1);
    assert!(pdf.page_sizes()[0].is_a4_portrait());
}

#[test]
fn several_recaps_each_start_a_page_with_their_own_numbering() {
    let first = generated::recap(40, 9);
    let mut second = generated::recap(3, 3);
    second.category = Some("Sekolah".into());
    let pdf = Pdf::new(&render_pdf(&Document::Recap(vec![first, second]), Lang::Id).unwrap());
    let pages = pdf.page_count();
    let last = pdf.page_text(pages);
    assert!(last.contains("Penilaian Proposal — Sekolah"), "{last}");
    assert!(
        last.contains("Halaman 1 dari 1"),
        "the second recap is numbered on its own"
    );
    assert!(pdf.page_sizes()[pages - 1].is_a4_portrait());
    assert!(pdf.page_sizes()[0].is_a4_landscape());
}

#[test]
fn a_comment_longer_than_a_page_splits_its_row_without_losing_words() {
    let mut sheets: ScoreSheets = fixture("score_sheets.json");
    sheets.sheets.truncate(1);
    let words: Vec<String> = (0..1500).map(|k| format!("w{k}")).collect();
    sheets.sheets[0].criteria[1].comment = Some(words.join(" "));
    let pdf = Pdf::new(&render_pdf(&Document::ScoreSheets(sheets), Lang::Id).unwrap());
    let pages = pdf.page_count();
    assert!(pages >= 2, "{pages} page(s)");
    let found: Vec<String> = pdf
        .words()
        .into_iter()
        .filter(|w| w.text.starts_with('w') && w.text[1..].parse::<u32>().is_ok())
        .map(|w| w.text)
        .collect();
    assert_eq!(found, words, "every word once, in order");
    for page in 2..=pages {
        let text = pdf.page_text(page);
        assert!(
            text.contains("Kriteria") && text.contains("Catatan"),
            "page {page}: header repeated"
        );
        assert!(text.contains(&format!("Halaman {page} dari {pages}")));
    }
}

#[test]
fn footers_name_their_section_in_full_and_never_cut_a_word() {
    let mut recap = generated::recap(30, 4);
    recap.competition = "Kompetisi Inovasi Pelayanan Publik Koin Yanlik Berdasi Provinsi Nusa \
        Tenggara Timur Tahun Anggaran 2025"
        .into();
    recap.stage = "Penilaian Proposal dan Verifikasi Dokumen Pendukung".into();
    recap.category = Some("Perangkat Daerah Kabupaten/Kota se-Provinsi Nusa Tenggara Timur".into());
    let bytes = render_pdf(&Document::Recap(vec![recap.clone()]), Lang::Id).unwrap();
    let pdf = Pdf::new(&bytes);
    let pages = pdf.page_count();
    assert!(pages >= 2, "{pages} page(s)");
    for page in 1..=pages {
        let text = pdf.page_text(page);
        assert!(!text.contains('…'), "page {page}: something is cut: {text}");
        let footer = text
            .rsplit("Desember 2025")
            .next()
            .expect("the footer follows the signature date or the table");
        assert!(
            text.contains(&format!(
                "{} — {}",
                recap.stage,
                recap.category.clone().unwrap()
            )),
            "page {page}: the footer names the category in full"
        );
        assert!(
            footer.contains(&lang_page(Lang::Id, page, pages)),
            "page {page}: {footer}"
        );
    }
}
