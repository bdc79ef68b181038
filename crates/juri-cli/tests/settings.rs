//! `juri settings` and what the minutes print from it. Needs poppler-utils (`pdftotext`).

#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/run.rs"]
mod run;
use pdf::{collapse, pdf_text};

use run::Run;

#[test]
fn the_minutes_print_the_kop_nips_and_the_decree_from_the_settings() {
    let run = Run::new();
    run.ok(&["demo", "--db", &run.p("d.db")]);
    let shown = run.ok(&["settings", "--db", &run.p("d.db")]);
    assert!(
        shown.contains("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR"),
        "{shown}"
    );
    assert!(shown.contains("not set"), "{shown}");

    // Not set: a dotted blank and a warning.
    let out = run.juri(&[
        "print",
        "minutes",
        "--db",
        &run.p("d.db"),
        "--stage",
        "presentasi",
        "--out",
        &run.p("blank.pdf"),
    ]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the decree number is not set: `juri settings --decree-number …`"),
        "{stderr}"
    );
    let text = collapse(&pdf_text(&run.path("blank.pdf")));
    assert!(
        text.contains("Surat Keputusan Nomor .................... tanggal ...................."),
        "{text}"
    );
    assert!(text.contains("BIRO ORGANISASI"));
    assert!(text.contains("Wakil Ketua"));
    assert!(text.contains("NIP. 197203151998032001"));
    assert!(text.contains("Mengetahui,"));
    assert!(text.contains("NIP. 197007071995032002"));
    assert!(!text.contains("245/KEP"));

    // Set by flags: cited once, with its date, in both languages.
    run.ok(&[
        "settings",
        "--db",
        &run.p("d.db"),
        "--decree-number",
        "Nomor 100.3.3.1/245/2025",
        "--decree-date",
        "2025-11-03",
        "--decree-issuer",
        "Gubernur Nusa Tenggara Timur",
    ]);
    let out = run.juri(&[
        "print",
        "minutes",
        "--db",
        &run.p("d.db"),
        "--stage",
        "presentasi",
        "--out",
        &run.p("set.pdf"),
    ]);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    let text = collapse(&pdf_text(&run.path("set.pdf")));
    assert!(text.contains(
        "Keputusan Gubernur Nusa Tenggara Timur Nomor 100.3.3.1/245/2025 tanggal 3 November 2025"
    ), "{text}");
    assert!(!text.contains("Nomor Nomor"));
    run.ok(&[
        "print",
        "minutes",
        "--db",
        &run.p("d.db"),
        "--stage",
        "presentasi",
        "--lang",
        "en",
        "--out",
        &run.p("set-en.pdf"),
    ]);
    let text = collapse(&pdf_text(&run.path("set-en.pdf")));
    assert!(
        text.contains("number 100.3.3.1/245/2025 dated 3 November 2025"),
        "{text}"
    );
    assert!(text.contains("Acknowledged,"));
    assert!(text.contains("Vice-chair"));

    let log = run.ok(&["log", "--db", &run.p("d.db")]);
    assert!(log.contains("decree number set to"), "{log}");
}

#[test]
fn bad_settings_name_the_field_or_file_and_change_nothing() {
    let run = Run::new();
    run.ok(&["demo", "--db", &run.p("d.db")]);
    let before = std::fs::read(run.path("d.db")).unwrap();
    std::fs::write(run.path("fake.png"), b"not an image at all").unwrap();
    std::fs::write(run.path("big.png"), vec![0u8; 1024 * 1024 + 1]).unwrap();
    std::fs::write(
        run.path("unknown.toml"),
        "[kop]\nlines = [\"A\"]\nmotto = \"x\"\n",
    )
    .unwrap();
    let db = run.p("d.db");
    for (args, expected) in [
        (vec!["--logo", "missing.png"], "missing.png"),
        (
            vec!["--logo", "fake.png"],
            "fake.png: the logo is not a PNG or JPEG image",
        ),
        (vec!["--logo", "big.png"], "at most 1 MB"),
        (
            vec!["--decree-date", "3-11-2025"],
            "--decree-date: '3-11-2025' is not a date",
        ),
        (vec!["--file", "unknown.toml"], "unknown.toml"),
        (vec!["--file", "unknown.toml"], "motto"),
    ] {
        let mut all = vec!["settings", "--db", db.as_str()];
        all.extend(args.iter().copied());
        let message = run.fails(&all);
        assert!(message.contains(expected), "{args:?}: {message}");
    }
    assert!(
        std::fs::read(run.path("d.db")).unwrap() == before,
        "the database is unchanged"
    );
}
