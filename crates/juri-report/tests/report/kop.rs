//! The letterhead, the decree and the acknowledging official on the minutes and recaps.

use juri_report::{render_pdf, Document, Kop, Lang, Minutes, RecapTable, ReportError, Witness};

use crate::support::{fixture, Pdf};

/// A black square, `side` pixels wide, as PNG bytes.
fn square_png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, side, side);
    e.set_color(png::ColorType::Grayscale);
    e.set_depth(png::BitDepth::Eight);
    let mut w = e.write_header().unwrap();
    w.write_image_data(&vec![0; (side * side) as usize])
        .unwrap();
    w.finish().unwrap();
    out
}

fn kop() -> Kop {
    Kop {
        lines: vec![
            "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR".into(),
            "BIRO ORGANISASI SEKRETARIAT DAERAH".into(),
        ],
        address: vec!["Jalan El Tari No. 52, Kupang 85111".into()],
        logo: Some(square_png(40)),
    }
}

fn minutes() -> Minutes {
    let mut m: Minutes = fixture("minutes.json");
    m.kop = Some(kop());
    m.witness = Some(Witness {
        title: "Kepala Biro Organisasi Setda Provinsi NTT".into(),
        name: "Dra. Theresia Nona Lein".into(),
        id_number: Some("196905121994032004".into()),
    });
    m
}

#[test]
fn the_minutes_carry_the_kop_the_decree_and_the_acknowledging_official() {
    let mut m = minutes();
    m.decree = Some("Nomor 100.3.3.1/245/2025".into());
    m.decree_issuer = Some("Gubernur Nusa Tenggara Timur".into());
    m.decree_date = chrono::NaiveDate::from_ymd_opt(2025, 11, 3);
    let pdf = Pdf::new(&render_pdf(&Document::Minutes(m.clone()), Lang::Id).unwrap());
    let first = pdf.page_text(1);
    assert!(
        first.contains("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR"),
        "{first}"
    );
    assert!(first.contains("Jalan El Tari No. 52, Kupang 85111"));
    assert!(first.contains(
        "Keputusan Gubernur Nusa Tenggara Timur Nomor 100.3.3.1/245/2025 tanggal 3 November 2025"
    ));
    assert_eq!(pdf.text().matches("Nomor 100.3.3.1").count(), 1);
    let text = pdf.text();
    assert!(text.contains("Mengetahui,"));
    assert!(text.contains("Kepala Biro Organisasi Setda Provinsi NTT,"));
    assert!(text.contains("NIP. 196905121994032004"));
    // The logo is drawn at the top left, beside the kop's lines.
    let page = &pdf.render(50)[0];
    assert!(page.ink_in_mm(18.0, 16.0, 40.0, 40.0, 100) > 100);

    let pdf = Pdf::new(&render_pdf(&Document::Minutes(m), Lang::En).unwrap());
    let text = pdf.text();
    assert!(
        text.contains("number 100.3.3.1/245/2025 dated 3 November 2025"),
        "{text}"
    );
    assert!(text.contains("Acknowledged,"));
}

#[test]
fn a_decree_not_given_prints_a_blank_to_fill_in() {
    let mut m = minutes();
    m.decree = None;
    m.decree_date = None;
    let pdf = Pdf::new(&render_pdf(&Document::Minutes(m.clone()), Lang::Id).unwrap());
    let dots = "....................";
    assert!(pdf
        .text()
        .contains(&format!("Surat Keputusan Nomor {dots} tanggal {dots}")));
    let pdf = Pdf::new(&render_pdf(&Document::Minutes(m), Lang::En).unwrap());
    assert!(pdf
        .text()
        .contains(&format!("decree number {dots} dated {dots}")));
}

#[test]
fn a_recap_carries_the_kop_and_a_bad_logo_is_refused() {
    let mut recap: RecapTable = fixture("recap.json");
    recap.kop = Some(kop());
    let pdf = Pdf::new(&render_pdf(&Document::Recap(vec![recap.clone()]), Lang::Id).unwrap());
    assert!(pdf
        .page_text(1)
        .contains("BIRO ORGANISASI SEKRETARIAT DAERAH"));

    recap.kop = Some(Kop {
        logo: Some(b"not a picture".to_vec()),
        ..kop()
    });
    match render_pdf(&Document::Recap(vec![recap]), Lang::Id) {
        Err(ReportError::InvalidInput(problems)) => {
            assert_eq!(problems[0].location, "recaps[0].kop.logo");
            assert!(problems[0].message.contains("not a PNG or JPEG image"));
        }
        other => panic!("expected the logo refused, got {other:?}"),
    }
}

#[test]
fn the_same_kop_gives_the_same_bytes() {
    let doc = Document::Minutes(minutes());
    assert_eq!(
        render_pdf(&doc, Lang::Id).unwrap(),
        render_pdf(&doc, Lang::Id).unwrap()
    );
}
