//! A decided final's announcement, decree attachment and certificates: each tier numbered as
//! the caller numbered it (within its pool), the decree left blank when it is not set, one
//! landscape page per certificate, and English copies free of Indonesian labels.

use juri_report::{
    render_pdf, render_pdf_on, Announcement, Certificates, DecreeAttachment, Document, Lang, Paper,
};

use crate::support::{fixture, Pdf};

/// Indonesian labels that an English copy must not print.
const INDONESIAN: &[&str] = &[
    "PENGUMUMAN",
    "Nomor",
    "NOMOR",
    "TENTANG",
    "PENETAPAN",
    "LAMPIRAN",
    "KEPUTUSAN",
    "TANGGAL",
    "DAFTAR PEMENANG",
    "PIAGAM",
    "diberikan kepada",
    "atas inovasi",
    "sebagai",
    "Mengetahui",
    "Ketua Tim Penilai",
    "Judul Inovasi",
    "Instansi",
    "Kategori",
    "kategori",
    "Halaman",
    "Demikian",
    "Desember",
    "Tidak ada",
];

#[test]
fn the_announcement_lists_each_tier_numbered_within_it() {
    let doc: Announcement = fixture("announcement.json");
    let pdf = Pdf::new(&render_pdf(&Document::Announcement(doc.clone()), Lang::Id).unwrap());
    let first = pdf.page_text(1);
    assert!(
        first.contains("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR"),
        "{first}"
    );
    assert!(first.contains("PENGUMUMAN"));
    assert!(first.contains("Nomor: …/PENG/FINAL/2025"));
    assert!(first.contains("Berdasarkan hasil penilaian dan keputusan Tim Penilai Kompetisi"));
    let text = pdf.text();
    assert!(
        text.contains("No. Judul Inovasi Instansi Kategori"),
        "{text}"
    );
    // Top 10 as 1–10, Top 20 after it as 11–20, the rintisan award from 1 again.
    assert!(text.contains("1 Gerakan Bersama Masyarakat Desa Oelnasi"));
    assert!(text.contains("10 Kartu Tani Cerdas Dinas Pertanian Kabupaten"));
    assert!(text
        .contains("Top 20 Inovasi No. Judul Inovasi Instansi Kategori 11 Klinik Hukum Keliling"));
    assert!(text.contains(
        "Inovasi Rintisan Terbaik No. Judul Inovasi Instansi Kategori 1 Rintisan Kebun Gizi Sekolah SD Inpres Oesapa"
    ));
    assert!(text.contains("Demikian pengumuman ini disampaikan"));
    assert!(text.contains("Mengetahui,"));
    assert!(text.contains("Kupang, 15 Desember 2025"));
    assert!(text.contains("Ketua Tim Penilai,"));
    assert!(text.contains("NIP. 196805121993032007"));
    assert!(text.contains("NIP. 197007071995032002"));
    // The signatures never stand alone at the top of a page.
    let last = pdf.page_text(pdf.page_count());
    assert!(last.contains("Demikian pengumuman"), "{last}");

    // A tier without winners says so.
    let mut empty = doc;
    empty.tiers[2].winners.clear();
    let text = Pdf::new(&render_pdf(&Document::Announcement(empty), Lang::Id).unwrap()).text();
    assert!(
        text.contains("Inovasi Rintisan Terbaik Tidak ada."),
        "{text}"
    );
}

#[test]
fn the_decree_attachment_cites_the_decree_or_leaves_it_blank() {
    let doc: DecreeAttachment = fixture("decree_attachment.json");
    let pdf = Pdf::new(&render_pdf(&Document::DecreeAttachment(doc.clone()), Lang::Id).unwrap());
    let text = pdf.text();
    assert!(
        text.contains("LAMPIRAN KEPUTUSAN GUBERNUR NUSA TENGGARA TIMUR NOMOR : 100.3.3.1/245/2025 TANGGAL : 3 November 2025 TENTANG : PENETAPAN PEMENANG KOMPETISI"),
        "{text}"
    );
    assert!(text.contains("DAFTAR PEMENANG"));
    assert!(text
        .contains("Top 20 Inovasi No. Judul Inovasi Instansi Kategori 11 Klinik Hukum Keliling"));
    assert!(text.contains("Ketua Tim Penilai,"));

    let mut unset = doc;
    unset.decree = None;
    unset.decree_date = None;
    unset.decree_issuer = None;
    let text = Pdf::new(&render_pdf(&Document::DecreeAttachment(unset), Lang::Id).unwrap()).text();
    let blank = "....................";
    assert!(
        text.contains(&format!(
            "LAMPIRAN SURAT KEPUTUSAN NOMOR : {blank} TANGGAL : {blank} TENTANG"
        )),
        "{text}"
    );
    assert!(!text.contains("100.3.3.1"));
    assert!(!text.contains("3 November 2025"));
}

#[test]
fn a_certificate_takes_one_landscape_page_per_winner() {
    let doc: Certificates = fixture("certificates.json");
    for (paper, landscape) in [(Paper::A4, (841.89, 595.28)), (Paper::F4, (935.43, 609.45))] {
        let pdf = Pdf::new(
            &render_pdf_on(&Document::Certificates(doc.clone()), Lang::Id, paper).unwrap(),
        );
        let sizes = pdf.page_sizes();
        assert_eq!(sizes.len(), doc.certificates.len(), "one page per winner");
        for size in &sizes {
            assert!(
                (size.width - landscape.0).abs() < 0.5 && (size.height - landscape.1).abs() < 0.5,
                "{paper:?} landscape: {size:?}"
            );
        }
        for (i, k) in doc.certificates.iter().enumerate() {
            let page = pdf.page_text(i + 1);
            assert!(page.contains("PIAGAM PENGHARGAAN"), "{page}");
            assert!(page.contains("diberikan kepada"));
            assert!(
                page.contains(k.entry.institution.as_deref().unwrap()),
                "{page}"
            );
            assert!(page.contains(&format!("sebagai {}", k.tier)), "{page}");
            assert!(page.contains("Kupang, 15 Desember 2025"));
            assert!(page.contains("NIP. 196805121993032007"));
            assert!(
                page.contains("Halaman 1 dari 1"),
                "each certificate stands alone"
            );
        }
    }
    let mut none = doc;
    none.certificates.clear();
    assert!(render_pdf(&Document::Certificates(none), Lang::Id).is_err());
}

#[test]
fn english_copies_print_no_indonesian_label() {
    let documents = [
        Document::Announcement(fixture("announcement.json")),
        Document::DecreeAttachment(fixture("decree_attachment.json")),
        Document::Certificates(fixture("certificates.json")),
    ];
    for document in documents {
        let mut document = document;
        // Without the Mengetahui office, whose wording is the organiser's own.
        match &mut document {
            Document::Announcement(d) => {
                d.witness.as_mut().unwrap().title = "Head of Bureau".into()
            }
            Document::DecreeAttachment(d) => {
                d.witness.as_mut().unwrap().title = "Head of Bureau".into()
            }
            Document::Certificates(d) => {
                d.witness.as_mut().unwrap().title = "Head of Bureau".into()
            }
            _ => unreachable!(),
        }
        let text = Pdf::new(&render_pdf(&document, Lang::En).unwrap()).text();
        for word in INDONESIAN {
            assert!(!text.contains(word), "English copy prints {word:?}: {text}");
        }
        assert!(text.contains("Acknowledged,") && text.contains("Chair of the jury panel,"));
        assert!(text.contains("Kupang, 15 December 2025"));
    }
}
