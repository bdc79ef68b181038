//! The berita acara perubahan of version N lists every correction recorded on the stage between
//! its re-opening and its finalisation as version N — kind, what, before → after, its own reason
//! and when — not only the re-opening's reason; a correction made after that finalisation, or of
//! another stage, is not on it.
//!
//! Needs poppler-utils (`pdftotext`).

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use juri_app::{Chair, DocumentKind, EntryEdit, PrintRequest, ScoreCorrection};
use juri_core::model::Decision;

#[allow(dead_code)]
mod support;
use support::write;

const DEFINITION: &str = r#"
[competition]
id = "uji-ba-perubahan"
name = "Uji berita acara perubahan"
place = "Kupang"
time_zone = "Asia/Makassar"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "Proposal"
kind = "scoring"
advance = { top_per_category = 4 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
[[stages]]
id = "s"
name = "Presentasi"
kind = "scoring"
advance = { top_per_category = 2 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
[[stages]]
id = "f"
name = "Final"
kind = "scoring"
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
"#;

fn scores(chair: &mut Chair, dir: &Path, stage: &str, sheets: &[(&str, &str, u32)]) {
    let mut text = String::from("stage,entry,juror,criterion,score\n");
    for (j, e, v) in sheets {
        text += &format!("{stage},{e},{j},nilai,{v}\n");
    }
    let file = write(dir, &format!("scores-{stage}.csv"), &text);
    chair.import_scores(&file).unwrap();
}

fn request(stage: &str, lang: &str, version: Option<i64>) -> PrintRequest {
    PrintRequest {
        stage: Some(stage.into()),
        lang: Some(lang.into()),
        date: NaiveDate::from_ymd_opt(2025, 12, 15),
        number: Some("001/BA/2025".into()),
        version,
        ..PrintRequest::default()
    }
}

/// The minutes' text, every run of white space made one space.
fn minutes(chair: &mut Chair, stage: &str, lang: &str, version: Option<i64>) -> String {
    let pdf = chair
        .print_document(DocumentKind::Minutes, &request(stage, lang, version))
        .unwrap()
        .bytes;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
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

fn score(stage: &str, entry: &str, juror: &str, value: &str) -> ScoreCorrection {
    ScoreCorrection {
        stage: stage.into(),
        entry: entry.into(),
        juror: juror.into(),
        criterion: "nilai".into(),
        score: value.into(),
    }
}

#[test]
fn the_correction_minutes_list_every_correction_with_its_own_reason() {
    std::env::set_var("JURI_NOW", "2025-12-15T10:30:00+08:00");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut chair = Chair::init(&d.join("l.db"), DEFINITION).unwrap();
    let mut text = String::from("kode,judul,instansi,kategori\n");
    for e in ["E1", "E2", "E3", "E4"] {
        text += &format!("{e},Inovasi {e},Dinas {e},x\n");
    }
    chair
        .import_entries(&write(d, "entries.csv", &text))
        .unwrap();
    let jurors = "id,name,role,assign\n\
        J1,Dr. Maria Lado,ketua,\"p=*;s=*;f=*\"\n\
        J2,Yohanes Bria,anggota,\"p=*;s=*;f=*\"\n\
        J9,Agustina Kase,anggota,\n";
    chair
        .import_jurors(&write(d, "jurors.csv", jurors))
        .unwrap();
    let both = |a: u32, b: u32| [a, b];
    let mut p = Vec::new();
    for (e, [a, b]) in [
        ("E1", both(90, 88)),
        ("E2", both(80, 82)),
        ("E3", both(70, 72)),
        ("E4", both(60, 62)),
    ] {
        p.push(("J1", e, a));
        p.push(("J2", e, b));
    }
    scores(&mut chair, d, "p", &p);
    chair.finalize("p").unwrap();
    let mut s = Vec::new();
    for (e, [a, b]) in [
        ("E1", both(95, 93)),
        ("E2", both(85, 83)),
        ("E3", both(84, 82)),
        ("E4", both(50, 52)),
    ] {
        s.push(("J1", e, a));
        s.push(("J2", e, b));
    }
    scores(&mut chair, d, "s", &s);
    chair.finalize("s").unwrap();
    scores(&mut chair, d, "f", &[("J1", "E1", 90), ("J2", "E1", 90)]);

    // Re-opened: each correction with its own reason.
    chair.reopen("s", "Salah ketik nilai J2").unwrap();
    chair
        .correct_score(&score("s", "E3", "J2", "92"), "Lembar asli J2 menulis 92")
        .unwrap();
    let id = chair
        .decide(Decision::Disqualify {
            stage: "s".into(),
            entry: "E4".into(),
            reason: "Plagiarisme".into(),
        })
        .unwrap();
    chair
        .revoke(id, "Bukti plagiarisme tidak cukup", None)
        .unwrap();
    chair
        .edit_entry(
            "E1",
            &EntryEdit {
                title: Some("Air Bersih untuk Semua".into()),
                ..EntryEdit::default()
            },
            "Judul sesuai proposal",
        )
        .unwrap();
    chair
        .replace_juror("s", "J2", "J9", true, "J2 dimutasi; lembarnya tetap sah")
        .unwrap();
    // Of another stage: not on the minutes of s.
    chair
        .correct_score(&score("f", "E1", "J2", "91"), "Koreksi tahap final")
        .unwrap();
    chair.finalize("s").unwrap();
    // After the finalisation: not on the minutes of version 2.
    chair
        .edit_entry(
            "E2",
            &EntryEdit {
                title: Some("Pangan Lokal".into()),
                ..EntryEdit::default()
            },
            "Sesudah keputusan",
        )
        .unwrap();

    let id_text = minutes(&mut chair, "s", "id", None);
    let when = "15 Desember 2025 pukul 10.30 WITA";
    let lines = [
        "Alasan perubahan: Salah ketik nilai J2.".to_string(),
        "Koreksi yang dicatat sejak tahap ini dibuka kembali hingga diputuskan kembali:".into(),
        format!("1. {when}: nilai kertas J2 untuk E3, kriteria nilai: 82 → 92. Alasan: Lembar asli J2 menulis 92."),
        format!("2. {when}: keputusan no. {id} (diskualifikasi E4) dicabut. Alasan: Bukti plagiarisme tidak cukup."),
        format!("3. {when}: data peserta E1 diubah: judul \"Inovasi E1\" → \"Air Bersih untuk Semua\". Alasan: Judul sesuai proposal."),
        format!("4. {when}: juri J2 (Yohanes Bria) diganti oleh J9 (Agustina Kase); lembar penilaian J2 yang telah dikirim tetap dihitung: E1, E2, E3, E4. Alasan: J2 dimutasi; lembarnya tetap sah."),
    ];
    let mut at = 0;
    for line in &lines {
        let found = id_text[at..]
            .find(line.as_str())
            .unwrap_or_else(|| panic!("missing, or out of order: {line}\n{id_text}"));
        at += found + line.len();
    }
    assert!(!id_text.contains("5. 15 Desember"), "{id_text}");
    for other in ["Koreksi tahap final", "Sesudah keputusan"] {
        assert!(!id_text.contains(other), "{other}: {id_text}");
    }
    let en = minutes(&mut chair, "s", "en", None);
    assert!(
        en.contains("Corrections recorded between the re-opening of this stage and this decision:")
            && en.contains("1. 15 December 2025 at 10:30 WITA: paper score of J2 for E3, criterion nilai: 82 → 92. Reason: Lembar asli J2 menulis 92.")
            && en.contains(&format!("2. 15 December 2025 at 10:30 WITA: decision no. {id} (disqualification of E4) revoked. Reason: Bukti plagiarisme tidak cukup."))
            && !en.contains("Sesudah keputusan"),
        "{en}"
    );

    // Re-opened again: the minutes of version 3 list only what came after that re-opening.
    chair.reopen("s", "Nilai J9 belum masuk").unwrap();
    chair
        .set_withdrawn("E4", true, "Mengundurkan diri")
        .unwrap();
    chair.finalize("s").unwrap();
    let v3 = minutes(&mut chair, "s", "id", None);
    assert!(
        v3.contains("PERUBAHAN KE-2")
            && v3.contains("Alasan perubahan: Nilai J9 belum masuk.")
            && v3.contains(&format!(
                "1. {when}: peserta E4 ditarik: ikut serta → ditarik. Alasan: Mengundurkan diri."
            ))
            && !v3.contains("Lembar asli J2"),
        "{v3}"
    );
    // Version 2, printed again in the other language (its first print), lists what it did.
    let v2 = minutes(&mut chair, "s", "en", Some(2));
    assert!(
        v2.contains("CORRECTION NO. 1")
            && v2.contains("Reason: Lembar asli J2 menulis 92.")
            && !v2.contains("Mengundurkan diri"),
        "{v2}"
    );
    std::env::remove_var("JURI_NOW");
}
