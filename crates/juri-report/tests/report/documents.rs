//! Every document in both languages: the PDF parses, has the expected pages, and its text
//! holds the names, scores and totals it was given.

use juri_report::{
    render_pdf, BlankSheets, Document, Lang, Minutes, RecapTable, RecusalList, ScoreSheets,
    ScoreSource,
};

use crate::support::{fixture, Pdf};

const LONG_TITLE: &str = "Gerakan Bersama Masyarakat Desa Oelnasi dalam Penurunan Angka Stunting \
    melalui Pemberdayaan Kader Posyandu, Pemanfaatan Pangan Lokal Kelor dan Sorgum, serta Sistem \
    Informasi Pemantauan Tumbuh Kembang Anak Berbasis Aplikasi Seluler yang Terintegrasi dengan \
    Puskesmas Kecamatan Kupang Tengah";

struct Case {
    name: &'static str,
    document: Document,
    pages: usize,
    /// Text expected in both languages.
    common: &'static [&'static str],
    id: &'static [&'static str],
    en: &'static [&'static str],
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "blank sheets",
            document: Document::BlankSheets(fixture("blank_sheets.json")),
            pages: 2,
            common: &[
                LONG_TITLE,
                "Fr. Gérard Müller-Nuñez, SVD (J2)",
                "DES-007",
                "SKL-014",
                "Kebaharuan",
                "Penguasaan Materi / Kualitas Penyajian",
                "1–7",
                "7 — Gagasan baru di tingkat nasional",
                "Nilai terbobot = Bobot × Skor ÷ 7",
            ],
            id: &["LEMBAR PENILAIAN JURI", "Kode Inovasi", "Deskripsi tingkat", "Catatan:", "Halaman 1 dari 1"],
            en: &["JUROR SCORE SHEET", "Entry code", "Level descriptors", "Comments:", "Page 1 of 1"],
        },
        Case {
            name: "score sheets",
            document: Document::ScoreSheets(fixture("score_sheets.json")),
            pages: 3,
            common: &[
                LONG_TITLE,
                "Dr. José Ximenes da Costa, M.Si.",
                "Antónia Soares Bélo",
                "9f3a1c07be42d815",
                "04d2e6aa13c9b7f0",
                "Prevalensi stunting turun dari 31,2 % menjadi 18,4 %",
                "Kewenangan Daerah & Kolaborasi",
            ],
            id: &[
                "LEMBAR PENILAIAN JURI",
                "Total Nilai (0–100) 85,70",
                "Total Nilai (0–100) 66,43",
                "25,71",
                "17,14",
                "12 Desember 2025 pukul 14.35 WITA",
                "belum dikirim (draf)",
                "Kupang, 15 Desember 2025",
                "Sidik bundel: 9f3a1c07be42d815",
                "Sumber nilai: laptop juri (draf)",
                "diubah setelah bundel 04d2e6aa13c9b7f0",
                "Halaman 1 dari 1",
            ],
            en: &[
                "JUROR SCORE SHEET",
                "Total score (0–100) 85.70",
                "Total score (0–100) 66.43",
                "25.71",
                "12 December 2025 at 14:35 WITA",
                "not submitted (draft)",
                "Kupang, 15 December 2025",
                "Bundle fingerprint: 9f3a1c07be42d815",
                "Source: the juror's laptop (draft)",
                "changed after bundle 04d2e6aa13c9b7f0",
                "Page 1 of 1",
            ],
        },
        Case {
            name: "recap",
            document: Document::Recap(vec![fixture::<RecapTable>("recap.json")]),
            pages: 1,
            common: &[
                LONG_TITLE,
                "J1 = Prof. Dr. Maria Goreti Ndolu, M.Pd.",
                "J2 = Fr. Gérard Müller-Nuñez, SVD",
                "J5 = Antónia Soares Bélo",
                "DES-007",
                "2= KEL-002",
                "2= DES-015",
                "Penilaian Proposal — Desa/Kelurahan",
            ],
            id: &[
                "REKAPITULASI NILAI",
                "88,57 84,29 85,70 90,00 82,86 86,19 ✓",
                "80,00 78,57 R 81,43 79,29 79,29 ✓",
                "62,86 90,00 71,43 68,57 70,00 70,00 ✓ !",
                "rata-rata terpangkas (tanpa 1 nilai tertinggi dan 1 nilai terendah)",
                "α Krippendorff = 0,712; W Kendall = 0,654",
                "toleransi (15,00 poin)",
                "Kupang, 15 Desember 2025",
                "Halaman 1 dari 1",
            ],
            en: &[
                "SCORE RECAPITULATION",
                "88.57 84.29 85.70 90.00 82.86 86.19 ✓",
                "80.00 78.57 R 81.43 79.29 79.29 ✓",
                "trimmed mean (dropping the 1 highest and 1 lowest scores)",
                "Krippendorff's α = 0.712; Kendall's W = 0.654",
                "Kupang, 15 December 2025",
                "Page 1 of 1",
            ],
        },
        Case {
            name: "minutes",
            document: Document::Minutes(fixture("minutes.json")),
            pages: 2,
            common: &[
                LONG_TITLE,
                "003/BA/TP-KYB/XII/2025",
                "188.4/317/KEP/HK/2025",
                "Aula Fernandez, Kantor Gubernur Nusa Tenggara Timur",
                "Prof. Dr. Maria Goreti Ndolu, M.Pd.",
                "Dr. José Ximenes da Costa, M.Si.",
                "Fr. Gérard Müller-Nuñez, SVD",
                "Antónia Soares Bélo",
                "Ir. Siti Rahmawati Ba'i",
                "NIP. 196805121993032007",
                "Top 10 Inovasi Pelayanan Publik",
                "Inovasi Rintisan",
                "3= UPT-003",
                "3= SKL-014",
                "UPT-003, SKL-014",
            ],
            id: &[
                "BERITA ACARA",
                "Nomor: 003/BA/TP-KYB/XII/2025",
                "Pada hari ini Senin tanggal lima belas bulan Desember tahun dua ribu dua puluh lima",
                "Surat Keputusan Nomor 188.4/317/KEP/HK/2025",
                "87,35",
                "83,92",
                "Nilai seri (UPT-003, SKL-014)",
                "Pengecualian (UPT-003)",
                "Alasan:",
                "Konflik kepentingan",
                "Kupang, 15 Desember 2025",
                "1. Ketua",
                "2. Wakil Ketua",
                "7. Anggota",
                "Halaman 2 dari 2",
            ],
            en: &[
                "MINUTES",
                "Number: 003/BA/TP-KYB/XII/2025",
                "On this day, Monday the fifteenth of December in the year two thousand twenty-five",
                "decree number 188.4/317/KEP/HK/2025",
                "87.35",
                "Tie (UPT-003, SKL-014)",
                "Exception (UPT-003)",
                "Reason:",
                "Conflicts of interest",
                "Kupang, 15 December 2025",
                "1. Chair",
                "7. Member",
                "Page 2 of 2",
            ],
        },
        Case {
            name: "conflicts of interest",
            document: Document::Recusals(fixture("recusals.json")),
            pages: 1,
            common: &[
                "Dr. José Ximenes da Costa, M.Si.",
                "Antónia Soares Bélo",
                "PDK-021",
                "SKL-009",
                "Pernah menjadi konsultan pengembangan aplikasi pada instansi pengusul (2023–2024).",
                "Prof. Dr. Maria Goreti Ndolu, M.Pd.",
                "NIP. 196805121993032007",
            ],
            id: &["DAFTAR KONFLIK KEPENTINGAN", "Ketua Tim Penilai,", "Kupang, 15 Desember 2025", "Halaman 1 dari 1"],
            en: &["CONFLICTS OF INTEREST", "Chair of the jury panel,", "Kupang, 15 December 2025", "Page 1 of 1"],
        },
    ]
}

#[test]
fn every_document_in_both_languages_holds_its_data() {
    for case in cases() {
        for lang in [Lang::Id, Lang::En] {
            let bytes = render_pdf(&case.document, lang)
                .unwrap_or_else(|e| panic!("{} ({lang}): {e}", case.name));
            let pdf = Pdf::new(&bytes);
            let sizes = pdf.page_sizes();
            assert_eq!(
                sizes.len(),
                case.pages,
                "{} ({lang}): page count",
                case.name
            );
            assert!(
                sizes.iter().all(|s| s.is_a4_portrait()),
                "{} ({lang}): A4 portrait, got {sizes:?}",
                case.name
            );
            let text = pdf.text();
            let (own, other, foreign) = match lang {
                Lang::Id => (case.id, case.en, "Page 1 of"),
                Lang::En => (case.en, case.id, "Halaman 1 dari"),
            };
            for expected in case.common.iter().chain(own) {
                let expected = expected.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(
                    text.contains(&expected),
                    "{} ({lang}): missing {expected:?} in\n{text}",
                    case.name
                );
            }
            assert!(
                !text.contains(foreign),
                "{} ({lang}): text of the other language",
                case.name
            );
            // Labels of the other language never leak in (numbers and names are shared).
            let leaked: Vec<&&str> = other
                .iter()
                .filter(|s| {
                    s.chars().any(char::is_alphabetic) && !own.contains(s) && text.contains(**s)
                })
                .collect();
            assert!(leaked.is_empty(), "{} ({lang}): {leaked:?}", case.name);
        }
    }
}

#[test]
fn every_score_source_is_named_under_its_sheet() {
    let mut sheets: ScoreSheets = fixture("score_sheets.json");
    sheets.sheets[1].source = ScoreSource::Paper;
    sheets.sheets[2].source = ScoreSource::Draft { last_bundle: None };
    for (lang, expected) in [
        (
            Lang::Id,
            [
                "Sidik bundel: 9f3a1c07be42d815",
                "Sumber nilai: lembar penilaian kertas",
                "Sumber nilai: laptop juri (draf)\nbelum dikirim sebagai bundel nilai",
            ],
        ),
        (
            Lang::En,
            [
                "Bundle fingerprint: 9f3a1c07be42d815",
                "Source: paper score sheet",
                "Source: the juror's laptop (draft)\nnot yet exported as a score bundle",
            ],
        ),
    ] {
        let pdf = Pdf::new(&render_pdf(&Document::ScoreSheets(sheets.clone()), lang).unwrap());
        assert_eq!(pdf.page_count(), 3);
        for (page, line) in expected.iter().enumerate() {
            let text = pdf.page_text(page + 1);
            for part in line.split('\n') {
                assert!(
                    text.contains(part),
                    "page {}: missing {part:?} in\n{text}",
                    page + 1
                );
            }
        }
        // A draft never claims a fingerprint, and a paper sheet names none.
        assert!(!pdf.page_text(2).contains("9f3a1c07be42d815"));
        assert!(!pdf.page_text(3).contains("9f3a1c07be42d815"));
    }
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let bytes = render_pdf(&Document::Recusals(fixture("recusals.json")), Lang::Id).unwrap();
    // The two DejaVu faces are 1.4 MB; embedding them whole would make this page that big.
    assert!(bytes.len() < 60_000, "one page takes {} bytes", bytes.len());
    let pdf = Pdf::new(&bytes);
    let fonts = pdf.fonts();
    for face in ["DejaVuSans", "DejaVuSans-Bold"] {
        let line = fonts
            .iter()
            .find(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|n| n.ends_with(&format!("+{face}")))
            })
            .unwrap_or_else(|| panic!("{face} missing in {fonts:?}"));
        let columns: Vec<&str> = line.split_whitespace().collect();
        // name, type (two words), encoding, emb, sub, uni, object id, generation
        assert_eq!(columns[4], "yes", "{face} embedded: {line}");
        assert_eq!(columns[6], "yes", "{face} has a ToUnicode map: {line}");
    }
    assert!(
        pdf.text().contains("Antónia Soares Bélo"),
        "searchable text with diacritics"
    );
}

#[test]
fn signature_grid_stays_on_one_page_whatever_precedes_it() {
    let base: Minutes = fixture("minutes.json");
    let names: Vec<String> = base.panel.iter().map(|m| m.name.clone()).collect();
    // Push the grid down the page a line at a time: it must move as a whole.
    for extra in 0..14 {
        let mut minutes = base.clone();
        minutes.notes.extend((0..extra).map(|k| {
            format!("Catatan tambahan nomor {k} untuk menggeser posisi blok tanda tangan ke bawah halaman.")
        }));
        let pdf = Pdf::new(&render_pdf(&Document::Minutes(minutes), Lang::Id).unwrap());
        let last = pdf.page_count();
        let words = pdf.words();
        let page_of_date = words
            .iter()
            .filter(|w| w.text == "Desember")
            .map(|w| w.page)
            .max()
            .expect("date line");
        let grid_page = pdf.page_text(page_of_date);
        let tail = grid_page
            .rsplit("Tim Penilai:")
            .next()
            .expect("grid heading");
        for name in &names {
            assert!(
                tail.contains(name.as_str()),
                "{extra} notes: {name} not in the grid on page {page_of_date} of {last}"
            );
        }
        assert!(tail.contains("7. Anggota"), "{extra} notes: last block");
    }
}

#[test]
fn blind_review_never_prints_institutions() {
    let mut sheets: BlankSheets = fixture("blank_sheets.json");
    sheets.blind_review = true;
    sheets.juror = None;
    for lang in [Lang::Id, Lang::En] {
        let pdf = Pdf::new(&render_pdf(&Document::BlankSheets(sheets.clone()), lang).unwrap());
        let text = pdf.text();
        assert!(
            !text.contains("Pemerintah Desa Oelnasi"),
            "{lang}: institution printed"
        );
        assert!(
            !text.contains("SMA Negeri 1 Soe SMA"),
            "{lang}: institution printed"
        );
        let notice = match lang {
            Lang::Id => "Penilaian tertutup: identitas instansi tidak ditampilkan.",
            Lang::En => "Blind review: the institution is not shown.",
        };
        assert_eq!(
            text.matches(notice).count(),
            2,
            "{lang}: one notice per sheet"
        );
        assert!(!text.contains("Gérard"), "{lang}: no juror was given");
    }
}

#[test]
fn an_empty_conflict_list_says_so() {
    let mut list: RecusalList = fixture("recusals.json");
    list.recusals.clear();
    let pdf = Pdf::new(&render_pdf(&Document::Recusals(list), Lang::Id).unwrap());
    assert_eq!(pdf.page_count(), 1);
    assert!(pdf
        .text()
        .contains("Tidak ada konflik kepentingan yang tercatat."));
}
