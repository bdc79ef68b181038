//! `juri print` and `juri export` on the demo competition: every document in both languages parses,
//! has the pages it should, and carries the same names and numbers as `juri results`.
//! Needs poppler-utils (`pdftotext`, `pdfinfo`, `pdftoppm`), which `make test` installs.

#[path = "support/pdf.rs"]
mod pdf;
use pdf::pdf_text;

use std::path::Path;
use std::process::Command;

use calamine::{open_workbook, Data, Reader, Xlsx};
use juri_core::StageResults;

fn juri(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "juri {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn pages(path: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(path).output().unwrap();
    let info = String::from_utf8(o.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// Every page renders to an image with ink on it.
fn pages_have_ink(path: &Path, dir: &Path) {
    let prefix = dir.join("page");
    let ok = Command::new("pdftoppm")
        .args(["-r", "20", "-gray"])
        .arg(path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(ok.success());
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().unwrap().to_string_lossy().starts_with("page") {
            let bytes = std::fs::read(&p).unwrap();
            // PGM: a short header, then one byte per pixel; a blank page is all 255.
            assert!(
                bytes.iter().skip(20).any(|&b| b < 128),
                "{} is blank",
                p.display()
            );
            std::fs::remove_file(p).unwrap();
            n += 1;
        }
    }
    assert_eq!(n, pages(path));
}

#[test]
fn every_document_in_both_languages_matches_the_results() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    juri(dir, &["demo", "--db", "d.db"]);
    let proposal: StageResults = serde_json::from_str(&juri(
        dir,
        &[
            "results", "--db", "d.db", "--stage", "proposal", "--format", "json",
        ],
    ))
    .unwrap();
    let presentasi: StageResults = serde_json::from_str(&juri(
        dir,
        &[
            "results",
            "--db",
            "d.db",
            "--stage",
            "presentasi",
            "--format",
            "json",
        ],
    ))
    .unwrap();
    let renders = tempfile::tempdir().unwrap();

    for lang in ["id", "en"] {
        // Recap of the proposal stage: one table per category, every aggregate as the results give it.
        let f = dir.join(format!("recap-{lang}.pdf"));
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                "recap",
                "--stage",
                "proposal",
                "--lang",
                lang,
                "--out",
                f.to_str().unwrap(),
            ],
        );
        let text = pdf_text(&f);
        for row in proposal.rows() {
            let shown = row.score.unwrap().display(2);
            let shown = if lang == "id" {
                shown.replace('.', ",")
            } else {
                shown
            };
            assert!(
                text.contains(&row.entry) && text.contains(&shown),
                "recap ({lang}) lacks {} {shown}",
                row.entry
            );
        }
        assert!(text.contains(if lang == "id" {
            "REKAPITULASI NILAI"
        } else {
            "SCORE RECAPITULATION"
        }));
        assert!(pages(&f) >= 5, "one recap per category");
        pages_have_ink(&f, renders.path());

        // A juror's filled sheets: every total equals the juror total in the results.
        let f = dir.join(format!("sheets-{lang}.pdf"));
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                "score-sheet",
                "--stage",
                "presentasi",
                "--juror",
                "J1",
                "--lang",
                lang,
                "--out",
                f.to_str().unwrap(),
            ],
        );
        let text = pdf_text(&f);
        assert!(
            text.contains("Dr. Maria Goreti Lénda, M.Si."),
            "names with diacritics survive"
        );
        let totals: Vec<String> = presentasi
            .rows()
            .filter_map(|r| r.juror_totals.iter().find(|t| t.juror == "J1"))
            .map(|t| t.total.display(2))
            .collect();
        assert_eq!(pages(&f), totals.len(), "one page per sheet");
        for t in totals {
            let t = if lang == "id" { t.replace('.', ",") } else { t };
            assert!(text.contains(&t), "sheet total {t} missing ({lang})");
        }

        // Blank sheets of one juror: one page per assigned entry, level descriptors included.
        let f = dir.join(format!("blank-{lang}.pdf"));
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                "blank-sheet",
                "--stage",
                "proposal",
                "--juror",
                "J3",
                "--lang",
                lang,
                "--out",
                f.to_str().unwrap(),
            ],
        );
        let text = pdf_text(&f);
        assert!(
            text.contains("Sangat baik: gagasan baru yang orisinal") && text.contains("Kebaruan"),
            "level descriptors"
        );
        assert!(
            !text.contains("UPT-02"),
            "J3 is recused from UPT-02 and gets no sheet for it"
        );
        // J3 scores upt (8), sekolah (7 after screening) and desa (7): 22 entries less the recusal,
        // each on one page of its own (the five-criterion rubric with level bands included).
        for code in ["UPT-01", "UPT-08", "SEK-07", "DES-07"] {
            assert!(text.contains(code), "no blank sheet for {code}");
        }
        assert!(
            !text.contains("SEK-08") && !text.contains("PROV-01"),
            "only J3's entries that passed screening"
        );
        assert_eq!(pages(&f), 21, "one page per entry");

        // Minutes of the proposal stage: the date in words, the panel, the advancing entries.
        let f = dir.join(format!("minutes-{lang}.pdf"));
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                "minutes",
                "--stage",
                "proposal",
                "--lang",
                lang,
                "--number",
                "012/BA/TPI/XII/2025",
                "--out",
                f.to_str().unwrap(),
            ],
        );
        let text = pdf_text(&f)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if lang == "id" {
            assert!(
                text.contains(
                    "Senin tanggal lima belas bulan Desember tahun dua ribu dua puluh lima"
                ),
                "{text}"
            );
        } else {
            assert!(
                text.contains("Monday") && text.contains("fifteenth"),
                "{text}"
            );
        }
        assert!(text.contains("012/BA/TPI/XII/2025") && text.contains("Theresia Kase, S.H."));
        for code in proposal.advancing() {
            assert!(text.contains(&code), "minutes lack advancing entry {code}");
        }
        assert!(
            text.contains("Suami bertugas"),
            "the recusal and its reason are recorded"
        );

        let f = dir.join(format!("recusals-{lang}.pdf"));
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                "recusals",
                "--lang",
                lang,
                "--out",
                f.to_str().unwrap(),
            ],
        );
        assert!(pdf_text(&f).contains("UPT-02"));
    }
}

#[test]
fn exports_hold_the_same_numbers_as_the_results() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    juri(dir, &["demo", "--db", "d.db"]);
    let proposal: StageResults = serde_json::from_str(&juri(
        dir,
        &[
            "results", "--db", "d.db", "--stage", "proposal", "--format", "json",
        ],
    ))
    .unwrap();
    juri(
        dir,
        &[
            "export", "--db", "d.db", "--format", "xlsx", "--out", "r.xlsx",
        ],
    );
    let mut wb: Xlsx<_> = open_workbook(dir.join("r.xlsx")).unwrap();
    let mut found = 0;
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        // The stage is named in full under the table (the sheet name may abbreviate it).
        let of_proposal = range.rows().any(|row| {
            row.iter()
                .any(|c| matches!(c, Data::String(s) if s == "Penilaian Proposal"))
        });
        for row in range.rows() {
            let code = row.iter().find_map(|c| match c {
                Data::String(s) if proposal.row(s).is_some() => Some(s.clone()),
                _ => None,
            });
            let Some(code) = code else { continue };
            if !of_proposal {
                continue;
            }
            let expected = proposal.row(&code).unwrap().score.unwrap().to_f64();
            let has = row
                .iter()
                .any(|c| matches!(c, Data::Float(f) if (f - expected).abs() < 0.006));
            assert!(has, "{name}: {code} should show {expected}");
            found += 1;
        }
    }
    assert_eq!(
        found,
        proposal.rows().count(),
        "every proposal entry appears in the workbook"
    );

    juri(
        dir,
        &[
            "export", "--db", "d.db", "--format", "csv", "--out", "r.csv",
        ],
    );
    let mut rdr = csv::Reader::from_path(dir.join("r.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let (ic, ia) = (
        headers.iter().position(|h| h == "entry_code").unwrap(),
        headers.iter().position(|h| h == "aggregate").unwrap(),
    );
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        if let Some(row) = proposal.row(&rec[ic]) {
            if rec.iter().any(|f| f.contains("Proposal")) {
                assert_eq!(rec[ia].to_string(), row.score.unwrap().display(2));
                n += 1;
            }
        }
    }
    assert_eq!(n, proposal.rows().count());

    juri(
        dir,
        &[
            "export", "--db", "d.db", "--format", "json", "--out", "r.json",
        ],
    );
    let all: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("r.json")).unwrap()).unwrap();
    assert_eq!(all["stages"].as_array().unwrap().len(), 4);
}

fn juri_fails(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .output()
        .unwrap();
    assert!(!o.status.success(), "juri {args:?} succeeded");
    assert!(o.stdout.is_empty(), "juri {args:?} printed to stdout");
    String::from_utf8(o.stderr).unwrap()
}

#[test]
fn two_processes_print_the_same_bytes_and_a_finalised_stage_keeps_its_official_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    juri(dir, &["demo", "--db", "d.db"]);
    let print = |document: &str, stage: &str, out: &str| {
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                document,
                "--stage",
                stage,
                "--date",
                "2025-12-15",
                "--out",
                out,
            ],
        )
    };
    // A draft (the presentation stage is open), printed by two processes: the same bytes.
    print("recap", "presentasi", "draft-1.pdf");
    print("recap", "presentasi", "draft-2.pdf");
    let draft = std::fs::read(dir.join("draft-1.pdf")).unwrap();
    assert!(draft == std::fs::read(dir.join("draft-2.pdf")).unwrap());

    // The proposal stage is finalised: its minutes are kept on the first print.
    let first = print("minutes", "proposal", "minutes-1.pdf");
    assert!(
        first.contains("official copy kept: minutes of stage proposal"),
        "{first}"
    );
    let again = print("minutes", "proposal", "minutes-2.pdf");
    assert!(
        again.contains("official copy: minutes of stage proposal"),
        "{again}"
    );
    let minutes = std::fs::read(dir.join("minutes-1.pdf")).unwrap();
    assert!(minutes == std::fs::read(dir.join("minutes-2.pdf")).unwrap());
    let log = juri(dir, &["log", "--db", "d.db"]);
    assert_eq!(log.matches("official-copy").count(), 1, "{log}");

    // --check: what the file is, or that it is not one.
    let said = juri(dir, &["print", "--db", "d.db", "--check", "minutes-2.pdf"]);
    assert!(
        said.starts_with("minutes-2.pdf is an official copy: minutes of stage proposal (lang id, date 2025-12-15)"),
        "{said}"
    );
    assert!(
        said.contains("first printed 2025-12-15 10:00 WITA"),
        "{said}"
    );
    let sha = said.trim().rsplit(' ').next().unwrap();
    assert_eq!(sha.len(), 64);
    assert!(log.contains(sha), "the audit line names the SHA-256");
    let said = juri(
        dir,
        &[
            "print",
            "--db",
            "d.db",
            "minutes",
            "--check",
            "minutes-1.pdf",
        ],
    );
    assert!(said.contains("is an official copy"), "{said}");

    let before = std::fs::read(dir.join("d.db")).unwrap();
    let e = juri_fails(dir, &["print", "--db", "d.db", "--check", "draft-1.pdf"]);
    assert!(
        e.contains("draft-1.pdf is not an official copy of this competition"),
        "{e}"
    );
    let e = juri_fails(
        dir,
        &["print", "--db", "d.db", "recap", "--check", "minutes-1.pdf"],
    );
    assert!(
        e.contains("is not an official copy of recap: it is minutes of stage proposal"),
        "{e}"
    );
    let e = juri_fails(dir, &["print", "--db", "d.db", "--check", "none.pdf"]);
    assert!(
        e.contains("none.pdf") && e.matches("No such file").count() == 1,
        "{e}"
    );
    std::fs::write(dir.join("notes.pdf"), "a text file").unwrap();
    let e = juri_fails(dir, &["print", "--db", "d.db", "--check", "notes.pdf"]);
    assert!(e.contains("notes.pdf: not a PDF file"), "{e}");
    let e = juri_fails(
        dir,
        &[
            "print",
            "--db",
            "d.db",
            "--check",
            "minutes-1.pdf",
            "--out",
            "x.pdf",
        ],
    );
    assert!(e.contains("cannot be used with"), "{e}");
    assert!(
        before == std::fs::read(dir.join("d.db")).unwrap(),
        "checking changed the database"
    );
    assert!(!dir.join("x.pdf").exists());
}
