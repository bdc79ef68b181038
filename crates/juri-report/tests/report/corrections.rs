//! The berita acara perubahan: the minutes of a stage decided again list every correction
//! recorded since the re-opening — when, what, before → after and its own reason — in both
//! languages, or say there was none.

use chrono::NaiveDate;
use juri_report::{
    render_pdf, Corrected, Correction, CorrectionMade, DecisionMade, Document, EntryField,
    FieldChange, JurorRef, Lang, Minutes,
};

use crate::support::{fixture, Pdf};

fn at(hour: u32, minute: u32) -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 12, 15)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

fn made(minute: u32, what: Corrected, reason: &str) -> CorrectionMade {
    CorrectionMade {
        at: at(10, minute),
        time_zone: "WITA".into(),
        what,
        reason: reason.into(),
    }
}

fn corrected(made: Vec<CorrectionMade>) -> Minutes {
    let mut m: Minutes = fixture("minutes.json");
    m.correction = Some(Correction {
        number: 2,
        reason: "Salah ketik nilai".into(),
        changes: vec![],
        made,
    });
    m
}

/// The text of the minutes with every run of spaces made one, so a line reads as a sentence.
fn text(m: &Minutes, lang: Lang) -> String {
    let pdf = Pdf::new(&render_pdf(&Document::Minutes(m.clone()), lang).unwrap());
    pdf.text().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_correction_since_the_reopening_is_listed_with_its_own_reason() {
    let m = corrected(vec![
        made(
            5,
            Corrected::Score {
                juror: "J2".into(),
                entry: "E3".into(),
                criterion: "kebaruan".into(),
                before: Some("82".parse().unwrap()),
                after: Some("92.5".parse().unwrap()),
            },
            "Lembar asli J2: 92,5",
        ),
        made(
            6,
            Corrected::DecisionReplaced {
                number: 3,
                decision: DecisionMade::Tie {
                    entries: vec!["E1".into(), "E2".into()],
                },
                new_number: 5,
                new_decision: DecisionMade::Tie {
                    entries: vec!["E2".into(), "E1".into()],
                },
            },
            "Urutan terbalik",
        ),
        made(
            7,
            Corrected::DecisionRevoked {
                number: 4,
                decision: DecisionMade::Disqualification { entry: "E4".into() },
            },
            "Bukti plagiarisme tidak cukup",
        ),
        made(
            8,
            Corrected::Withdrawn { entry: "E6".into() },
            "Mengundurkan diri",
        ),
        made(
            9,
            Corrected::Restored { entry: "E6".into() },
            "Surat ditarik",
        ),
        made(
            10,
            Corrected::EntryEdited {
                entry: "E1".into(),
                changes: vec![FieldChange {
                    field: EntryField::Title,
                    before: "Air".into(),
                    after: "Air Bersih".into(),
                }],
            },
            "Judul resmi",
        ),
        made(
            11,
            Corrected::JurorReplaced {
                departing: JurorRef {
                    id: "J2".into(),
                    name: "Yohanes Bria".into(),
                },
                replacement: JurorRef {
                    id: "J9".into(),
                    name: "Agustina Kase".into(),
                },
                kept: Some(vec!["E1".into(), "E2".into()]),
            },
            "Sakit",
        ),
        made(
            12,
            Corrected::Score {
                juror: "J3".into(),
                entry: "E2".into(),
                criterion: "manfaat".into(),
                before: Some("70".parse().unwrap()),
                after: None,
            },
            "Dihapus.",
        ),
    ]);
    let id = text(&m, Lang::Id);
    for want in [
        "PERUBAHAN KE-2",
        "Alasan perubahan: Salah ketik nilai.",
        "Koreksi yang dicatat sejak tahap ini dibuka kembali hingga diputuskan kembali:",
        "1. 15 Desember 2025 pukul 10.05 WITA: nilai kertas J2 untuk E3, kriteria kebaruan: 82 → 92,5. Alasan: Lembar asli J2: 92,5.",
        "2. 15 Desember 2025 pukul 10.06 WITA: keputusan no. 3 (urutan nilai sama E1 > E2) diganti dengan keputusan no. 5 (urutan nilai sama E2 > E1). Alasan: Urutan terbalik.",
        "3. 15 Desember 2025 pukul 10.07 WITA: keputusan no. 4 (diskualifikasi E4) dicabut. Alasan: Bukti plagiarisme tidak cukup.",
        "4. 15 Desember 2025 pukul 10.08 WITA: peserta E6 ditarik: ikut serta → ditarik. Alasan: Mengundurkan diri.",
        "5. 15 Desember 2025 pukul 10.09 WITA: peserta E6 dipulihkan: ditarik → ikut serta. Alasan: Surat ditarik.",
        "6. 15 Desember 2025 pukul 10.10 WITA: data peserta E1 diubah: judul \"Air\" → \"Air Bersih\". Alasan: Judul resmi.",
        "7. 15 Desember 2025 pukul 10.11 WITA: juri J2 (Yohanes Bria) diganti oleh J9 (Agustina Kase); lembar penilaian J2 yang telah dikirim tetap dihitung: E1, E2. Alasan: Sakit.",
        "8. 15 Desember 2025 pukul 10.12 WITA: nilai kertas J3 untuk E2, kriteria manfaat: 70 → kosong. Alasan: Dihapus.",
    ] {
        assert!(id.contains(want), "missing: {want}\n{id}");
    }
    let en = text(&m, Lang::En);
    for want in [
        "CORRECTION NO. 2",
        "Corrections recorded between the re-opening of this stage and this decision:",
        "1. 15 December 2025 at 10:05 WITA: paper score of J2 for E3, criterion kebaruan: 82 → 92.5. Reason: Lembar asli J2: 92,5.",
        "2. 15 December 2025 at 10:06 WITA: decision no. 3 (tie order E1 > E2) replaced with decision no. 5 (tie order E2 > E1). Reason: Urutan terbalik.",
        "3. 15 December 2025 at 10:07 WITA: decision no. 4 (disqualification of E4) revoked. Reason: Bukti plagiarisme tidak cukup.",
        "4. 15 December 2025 at 10:08 WITA: entry E6 withdrawn: taking part → withdrawn. Reason: Mengundurkan diri.",
        "6. 15 December 2025 at 10:10 WITA: data of entry E1 edited: title \"Air\" → \"Air Bersih\". Reason: Judul resmi.",
        "7. 15 December 2025 at 10:11 WITA: juror J2 (Yohanes Bria) replaced by J9 (Agustina Kase); J2's submitted sheets still count: E1, E2. Reason: Sakit.",
        "8. 15 December 2025 at 10:12 WITA: paper score of J3 for E2, criterion manfaat: 70 → empty. Reason: Dihapus.",
    ] {
        assert!(en.contains(want), "missing: {want}\n{en}");
    }
}

#[test]
fn minutes_corrected_without_any_other_correction_say_so() {
    let m = corrected(vec![]);
    assert!(text(&m, Lang::Id).contains(
        "Tidak ada koreksi lain yang dicatat sejak tahap ini dibuka kembali hingga diputuskan kembali."
    ));
    assert!(text(&m, Lang::En).contains(
        "No other correction was recorded between the re-opening of this stage and this decision."
    ));
    let replaced = corrected(vec![made(
        1,
        Corrected::JurorReplaced {
            departing: JurorRef {
                id: "J2".into(),
                name: "Yohanes Bria".into(),
            },
            replacement: JurorRef {
                id: "J9".into(),
                name: String::new(),
            },
            kept: None,
        },
        "Sakit",
    )]);
    assert!(text(&replaced, Lang::Id).contains(
        "juri J2 (Yohanes Bria) diganti oleh J9; lembar penilaian J2 tidak lagi dihitung."
    ));
    assert!(text(&replaced, Lang::En)
        .contains("juror J2 (Yohanes Bria) replaced by J9; J2's sheets no longer count."));
}
