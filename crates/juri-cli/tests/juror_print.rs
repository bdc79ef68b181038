//! The juror prints from their own laptop through the real `juri` binary: blank sheets, and their
//! own filled sheets, which say whether they are exactly what the latest exported bundle holds
//! (then the chair's printout of the same sheet carries the same fingerprint) or a draft.

#[path = "support/run.rs"]
mod run;

use std::path::Path;
use std::process::Command;

use run::*;

/// The text of each page, in reading order.
fn pages(path: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "{} does not parse", path.display());
    let text = String::from_utf8(o.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    pages.retain(|p| !p.trim().is_empty());
    pages
}

/// The page of `entry` (its code appears on the "Kode Inovasi" line).
fn page_of<'a>(pages: &'a [String], entry: &str) -> &'a str {
    pages
        .iter()
        .find(|p| p.contains(&format!("Kode Inovasi : {entry}")))
        .unwrap_or_else(|| panic!("no page for {entry} in {pages:#?}"))
}

fn fingerprint_on(page: &str) -> Option<String> {
    page.lines()
        .find_map(|l| l.split("Sidik bundel: ").nth(1))
        .map(|rest| rest.split_whitespace().next().unwrap_or("").to_string())
}

fn print(run: &Run, args: &[&str]) -> Vec<String> {
    let mut all = vec!["juror", "--db", "j1.db", "print", "--stage", "proposal"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", "cetak.pdf"]);
    let out = run.ok(&all);
    assert!(out.contains("written: cetak.pdf"), "{out}");
    pages(&run.path("cetak.pdf"))
}

#[test]
fn a_juror_prints_blank_and_filled_sheets_that_say_where_the_scores_stand() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");

    // Nothing scored yet: a filled sheet would be empty, so the juror is pointed to blank ones.
    let none = run.fails(&[
        "juror", "--db", "j1.db", "print", "--stage", "proposal", "--out", "x.pdf",
    ]);
    assert!(
        none.contains(
            "you have not scored any entry in stage 'proposal' yet; print blank sheets instead"
        ),
        "{none}"
    );
    assert!(!run.path("x.pdf").exists());

    let blank = print(&run, &["--blank"]);
    assert_eq!(blank.len(), 4, "one blank sheet per assigned entry");
    for (page, entry) in blank.iter().zip(["A01", "A02", "A03", "A04"]) {
        assert!(page.contains("LEMBAR PENILAIAN JURI"), "{page}");
        assert!(page.contains(entry), "{page}");
        assert!(page.contains("Dr. Maria Kewa"), "{page}");
        // Blind review: the juror's package has no institutions.
        assert!(!page.contains("Dinas Kesehatan"), "{page}");
    }

    // One criterion of A01: a draft, never exported, with no total yet.
    run.score("j1.db", "A01", "kebaruan", "6");
    let draft = print(&run, &[]);
    assert_eq!(draft.len(), 1, "only scored entries print: {draft:#?}");
    let a01 = page_of(&draft, "A01");
    assert!(a01.contains("Sumber nilai: laptop juri (draf)"), "{a01}");
    assert!(a01.contains("belum dikirim sebagai bundel nilai"), "{a01}");
    assert!(a01.contains("belum dikirim (draf)"), "{a01}");
    // 40 % × 6 ÷ 7 = 34,29 points of 100.
    assert!(a01.contains("34,29"), "{a01}");
    assert!(fingerprint_on(a01).is_none(), "{a01}");

    // A01 complete and submitted, A02 complete but not submitted; then exported.
    run.sheet("j1.db", &["A01"], ["6", "5", "7"]);
    for (c, v) in [("kebaruan", "4"), ("manfaat", "5"), ("replikasi", "3")] {
        run.score("j1.db", "A02", c, v);
    }
    let export = run.ok(&["juror", "--db", "j1.db", "export", "--out", "nilai-J1.juri"]);
    let short = export
        .split('[')
        .nth(1)
        .and_then(|s| s.split(']').next())
        .unwrap()
        .to_string();
    let exported = print(&run, &[]);
    assert_eq!(exported.len(), 2);
    let a01 = page_of(&exported, "A01");
    let fingerprint = fingerprint_on(a01).expect("the exported sheet names its bundle");
    assert!(
        fingerprint.starts_with(&short),
        "{fingerprint} is the bundle {short}"
    );
    assert!(a01.contains("85,71"), "6, 5, 7 on 40/30/30 of 7: {a01}");
    assert!(a01.contains("15 Desember 2025 pukul 10.00"), "{a01}");
    let a02 = page_of(&exported, "A02");
    assert_eq!(fingerprint_on(a02).as_deref(), Some(fingerprint.as_str()));
    assert!(a02.contains("belum dikirim (draf)"), "{a02}");
    assert!(a02.contains("57,14"), "{a02}");

    // A change after the export makes that sheet a draft again; the other still is the bundle.
    run.ok(&[
        "juror", "--db", "j1.db", "reopen", "--stage", "proposal", "--entry", "A01",
    ]);
    let changed = print(&run, &["--entry", "A01"]);
    assert_eq!(changed.len(), 1);
    assert!(
        changed[0].contains(&format!("diubah setelah bundel {fingerprint}")),
        "{}",
        changed[0]
    );
    assert!(fingerprint_on(&changed[0]).is_none());
    let a02 = print(&run, &["--entry", "A02"]);
    assert_eq!(
        fingerprint_on(&a02[0]).as_deref(),
        Some(fingerprint.as_str())
    );

    // A note alone changes the sheet too.
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "note",
        "--stage",
        "proposal",
        "--entry",
        "A02",
        "--text",
        "Dikunjungi 14 Desember.",
    ]);
    let noted = print(&run, &["--entry", "A02"]);
    assert!(
        noted[0].contains(&format!("diubah setelah bundel {fingerprint}"))
            && noted[0].contains("Dikunjungi 14 Desember."),
        "{}",
        noted[0]
    );
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "export",
        "--out",
        "nilai-J1-2.juri",
    ]);
    let again = print(&run, &["--entry", "A02"]);
    let second = fingerprint_on(&again[0]).expect("the new bundle");
    assert_ne!(second, fingerprint, "a new export is a new bundle");

    // English, dated by hand.
    let en = print(
        &run,
        &["--entry", "A02", "--lang", "en", "--date", "2025-12-20"],
    );
    assert!(en[0].contains("JUROR SCORE SHEET"), "{}", en[0]);
    assert!(
        en[0].contains(&format!("Bundle fingerprint: {second}")),
        "{}",
        en[0]
    );
    assert!(en[0].contains("Kupang, 20 December 2025"), "{}", en[0]);
    assert!(en[0].contains("57.14"), "{}", en[0]);

    // The chair's printout of the merged bundle names the same fingerprint and the same totals.
    run.ok(&["merge", "--db", "lomba.db", "nilai-J1.juri"]);
    run.ok(&[
        "print",
        "--db",
        "lomba.db",
        "score-sheet",
        "--stage",
        "proposal",
        "--juror",
        "J1",
        "--out",
        "ketua.pdf",
    ]);
    let chair = pages(&run.path("ketua.pdf"));
    for (entry, total) in [("A01", "85,71"), ("A02", "57,14")] {
        let page = page_of(&chair, entry);
        assert_eq!(
            fingerprint_on(page).as_deref(),
            Some(fingerprint.as_str()),
            "{page}"
        );
        assert!(page.contains(total), "{page}");
    }
}

#[test]
fn bad_print_requests_get_clear_messages_and_write_nothing() {
    let run = Run::new();
    run.with_laptop("j3.db", "J3");
    let print = |args: &[&str]| {
        let mut all = vec!["juror", "--db", "j3.db", "print"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--out", "x.pdf"]);
        run.fails(&all)
    };
    for (args, message) in [
        (vec!["--stage", "final", "--blank"], "unknown stage 'final'"),
        (
            vec!["--stage", "proposal", "--entry", "A02", "--blank"],
            "you are not assigned to entry 'A02' in stage 'proposal'",
        ),
        (
            vec!["--stage", "proposal", "--entry", "A09", "--blank"],
            "entry 'A09' is not in your package",
        ),
        (
            vec!["--stage", "proposal", "--entry", "A01"],
            "you have not scored entry 'A01' in stage 'proposal' yet; print a blank sheet instead",
        ),
        (
            vec!["--stage", "proposal", "--blank", "--date", "15/12/2025"],
            "--date 15/12/2025: use YYYY-MM-DD",
        ),
        (
            vec!["--stage", "proposal", "--lang", "fr"],
            "invalid value 'fr'",
        ),
    ] {
        let out = print(&args);
        assert!(out.contains(message), "{args:?}: {out}");
        assert!(!run.path("x.pdf").exists(), "{args:?} wrote a file");
    }
    // Without a package there is nothing to print.
    let empty = run.fails(&[
        "juror",
        "--db",
        "kosong.db",
        "print",
        "--stage",
        "proposal",
        "--blank",
        "--out",
        "x.pdf",
    ]);
    assert!(empty.contains("no package is installed yet"), "{empty}");
}
