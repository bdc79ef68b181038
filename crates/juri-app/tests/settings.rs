//! The chair's document settings: kept in the chair's database, checked before anything is
//! written, audited, and printed on the minutes.

use std::path::Path;

use juri_app::{AppError, Chair, DocumentKind, DocumentSettings, LogoChange, PrintRequest};

/// A 2 × 2 grey PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x00, 0x00, 0x00, 0x00, 0x57, 0xdd, 0x52,
    0xf8, 0x00, 0x00, 0x00, 0x0e, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x68, 0x68, 0x60, 0x68,
    0x68, 0x00, 0x00, 0x06, 0x06, 0x02, 0x01, 0x2c, 0xc1, 0x50, 0xd7, 0x00, 0x00, 0x00, 0x00, 0x49,
    0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn demo(dir: &Path) -> Chair {
    juri_app::create_demo(&dir.join("demo.db")).unwrap()
}

fn settings_file(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("settings.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn db_bytes(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("demo.db")).unwrap()
}

#[test]
fn the_demo_has_a_kop_nips_and_a_mengetahui_signer_but_no_decree() {
    let dir = tempfile::tempdir().unwrap();
    let chair = demo(dir.path());
    let s = chair.document_settings().unwrap();
    assert_eq!(s.kop_lines[0], "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR");
    assert_eq!(s.logo.as_ref().map(|l| l.format.as_str()), Some("PNG"));
    assert!(s.has_witness());
    assert_eq!(s.nips.len(), 2);
    assert!(s.decree_number.is_empty() && s.decree_date.is_none());
}

#[test]
fn a_settings_file_replaces_the_settings_and_the_audit_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = demo(dir.path());
    std::fs::write(dir.path().join("logo.png"), PNG).unwrap();
    let file = settings_file(
        dir.path(),
        r#"
[kop]
lines = ["PEMERINTAH PROVINSI NUSA TENGGARA TIMUR", "BADAN RISET DAN INOVASI DAERAH"]
address = ["Jalan El Tari, Kupang"]
logo = "logo.png"

[decree]
issuer = "Gubernur Nusa Tenggara Timur"
number = "100.3.3.1/245/2025"
date = 2025-11-03

[mengetahui]
title = "Kepala Badan"
name = "Ir. Ana Bere"

[nip]
J3 = "198001012005012001"
"#,
    );
    let s = chair.set_document_settings_from_file(&file).unwrap();
    assert_eq!(s.decree_number, "100.3.3.1/245/2025");
    assert_eq!(s.decree_date.unwrap().to_string(), "2025-11-03");
    assert_eq!(s.logo.as_ref().map(|l| (l.width, l.height)), Some((2, 2)));
    // The file replaces every NIP: J1 and J2 lose theirs.
    assert_eq!(
        s.nips.into_iter().collect::<Vec<_>>(),
        vec![("J3".to_string(), "198001012005012001".to_string())]
    );
    assert_eq!(
        chair.document_settings().unwrap().decree_issuer,
        "Gubernur Nusa Tenggara Timur"
    );
    let log = chair.log().unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.action, "document-settings");
    assert!(
        last.detail
            .contains("decree number set to '100.3.3.1/245/2025'"),
        "{}",
        last.detail
    );
    assert!(last.detail.contains("NIP of J1 cleared"), "{}", last.detail);
    assert!(last.detail.contains("logo set from"), "{}", last.detail);

    // The minutes cite the decree; nothing else in the file is invented.
    let pdf = chair
        .print(
            DocumentKind::Minutes,
            &PrintRequest {
                stage: Some("presentasi".into()),
                ..PrintRequest::default()
            },
        )
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn bad_settings_are_refused_naming_the_field_or_file_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let before = db_bytes(dir.path());
    let mut chair = Chair::open(&dir.path().join("demo.db")).unwrap();
    let big = dir.path().join("big.png");
    let mut bytes = PNG.to_vec();
    bytes.resize(1024 * 1024 + 1, 0);
    std::fs::write(&big, bytes).unwrap();
    std::fs::write(dir.path().join("not.png"), b"GIF89a not a png").unwrap();
    let log_before = chair.log().unwrap().len();

    let cases: Vec<(&str, String)> = vec![
        (
            "[kop]\nlines = [\"A\"]\nlogo = \"missing.png\"\n",
            "missing.png".into(),
        ),
        (
            "[kop]\nlines = [\"A\"]\nlogo = \"not.png\"\n",
            "not a PNG or JPEG image".into(),
        ),
        (
            "[kop]\nlines = [\"A\"]\nlogo = \"big.png\"\n",
            "at most 1 MB".into(),
        ),
        (
            "[kop]\nlines = [\"A\"]\ncolour = \"red\"\n",
            "unknown field `colour`".into(),
        ),
        (
            "[decree]\nnumber = \"1\"\ndate = \"2025-13-01\"\n",
            "decree.date".into(),
        ),
        ("[nip]\nJ9 = \"1970\"\n", "nip.J9".into()),
        (
            "[mengetahui]\ntitle = \"Kepala Biro\"\n",
            "mengetahui.name".into(),
        ),
    ];
    for (text, expected) in cases {
        let file = settings_file(dir.path(), text);
        let e = chair.set_document_settings_from_file(&file).unwrap_err();
        let message = e.to_string();
        assert!(message.contains(&expected), "{text}: {message}");
        if !expected.contains("missing") {
            assert!(
                message.contains("settings.toml") || message.contains(".png"),
                "{message}"
            );
        }
    }
    // A logo given directly is checked the same way.
    let e = chair
        .set_document_settings(&DocumentSettings::default(), &LogoChange::File(big.clone()))
        .unwrap_err();
    assert!(matches!(e, AppError::BadFile { .. }), "{e}");
    assert_eq!(chair.log().unwrap().len(), log_before);
    drop(chair);
    assert!(
        db_bytes(dir.path()) == before,
        "the database is byte-identical"
    );
}

#[test]
fn a_jurors_file_with_a_nip_column_sets_their_nips() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = demo(dir.path());
    let file = dir.path().join("jurors.csv");
    std::fs::write(
        &file,
        "id,name,role,nip\nJ1,Dr. Maria Goreti Lénda,ketua,111\nJ4,Agustinus Mau,wakil-ketua,\n",
    )
    .unwrap();
    chair.import_jurors(&file).unwrap();
    let s = chair.document_settings().unwrap();
    assert_eq!(s.nips.get("J1").map(String::as_str), Some("111"));
    assert_eq!(
        s.nips.get("J2").map(String::as_str),
        Some("196811201994031005")
    );
    assert_eq!(s.nips.get("J4"), None);
    let snap = chair.snapshot().unwrap();
    let j4 = &snap.jurors[snap.juror_index("J4").unwrap()];
    assert_eq!(j4.role, juri_core::model::Role::WakilKetua);
}
