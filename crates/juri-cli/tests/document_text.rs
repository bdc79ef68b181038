//! The text of every document of the demo, as `pdftotext -layout` reads it, in both languages:
//! pinned as snapshots in `tests/snapshots/` (reviewed by eye when made; a change to a document's
//! wording, numbers or layout shows there as a diff to review with `cargo insta review`, or to
//! accept with `INSTA_UPDATE=always`). The clock is pinned with `JURI_NOW`, so the dates printed
//! are those of the snapshots. First the demo as `juri demo` leaves it (screening and proposals
//! finalised, presentations half scored, the final open), then carried to a decided final, whose
//! recap, minutes, announcement, decree attachment and certificates follow. Every page of every
//! document is also checked for a signature block left alone at its top, without the end of the
//! body it closes. Needs poppler-utils (`pdftotext`).

use std::path::Path;
use std::process::Command;

#[path = "support/demo.rs"]
mod demo;
#[path = "support/signature.rs"]
mod signature;

const NOW: &str = "2025-12-15T10:00:00+08:00";

fn juri(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("JURI_NOW", NOW)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "juri {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The pages of a PDF as `pdftotext -layout` lays them out.
fn pages(path: &Path) -> Vec<String> {
    let o = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "{} does not parse", path.display());
    let text = String::from_utf8(o.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    // pdftotext ends the last page with a form feed too.
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The snapshot of a document: each page under a line naming it, every line without the spaces
/// that pad it on the right, no blank lines at a page's end.
fn snapshot_text(pages: &[String]) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        out.push_str(&format!("──── page {} ────\n", i + 1));
        let lines: Vec<&str> = page.lines().map(str::trim_end).collect();
        let end = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |k| k + 1);
        for line in &lines[..end] {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Prints `args` in both languages into `dir`, checks the signatures of every page and compares
/// the text with the snapshot `{name}-{lang}`.
fn pin(dir: &Path, name: &str, args: &[&str]) {
    for lang in ["id", "en"] {
        let out = dir.join(format!("{name}-{lang}.pdf"));
        let mut all = vec!["print", "--db", "d.db"];
        all.extend_from_slice(args);
        all.extend(["--lang", lang, "--out", out.to_str().unwrap()]);
        juri(dir, &all);
        let pages = pages(&out);
        let snapshot = format!("{name}-{lang}");
        signature::check_signatures(&snapshot, &pages);
        insta::with_settings!({
            description => format!("juri {} (JURI_NOW={NOW})", all[..all.len() - 2].join(" ")),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(snapshot, snapshot_text(&pages));
        });
    }
}

#[test]
fn every_document_of_the_demo_reads_as_pinned() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    juri(dir, &["demo", "--db", "d.db"]);

    for stage in ["proposal", "presentasi"] {
        pin(
            dir,
            &format!("blank-sheet-{stage}"),
            &["blank-sheet", "--stage", stage],
        );
    }
    for juror in ["J1", "J2", "J3", "J4", "J5"] {
        pin(
            dir,
            &format!("score-sheet-proposal-{juror}"),
            &["score-sheet", "--stage", "proposal", "--juror", juror],
        );
    }
    // J1's presentation sheets are submitted, J3's are drafts.
    for juror in ["J1", "J3"] {
        pin(
            dir,
            &format!("score-sheet-presentasi-{juror}"),
            &["score-sheet", "--stage", "presentasi", "--juror", juror],
        );
    }
    for stage in ["proposal", "presentasi", "final"] {
        pin(dir, &format!("recap-{stage}"), &["recap", "--stage", stage]);
    }
    // The demo's final is not decided: its minutes come after it is (below).
    for stage in ["administrasi", "proposal", "presentasi"] {
        pin(
            dir,
            &format!("minutes-{stage}"),
            &["minutes", "--stage", stage],
        );
    }
    pin(dir, "recusals", &["recusals"]);
    for stage in ["administrasi", "proposal", "presentasi"] {
        pin(
            dir,
            &format!("recusals-{stage}"),
            &["recusals", "--stage", stage],
        );
    }

    // The final decided: its documents as the winners are announced.
    demo::finalise_presentations(dir, |args| juri(dir, args));
    juri(dir, &["finalize", "--db", "d.db", "--stage", "final"]);
    pin(dir, "decided-recap-final", &["recap", "--stage", "final"]);
    pin(
        dir,
        "decided-minutes-final",
        &["minutes", "--stage", "final"],
    );
    for document in ["announcement", "decree-attachment", "certificate"] {
        pin(
            dir,
            &format!("decided-{document}"),
            &[document, "--stage", "final"],
        );
    }
}

#[test]
fn a_page_opening_on_a_signature_block_is_seen() {
    let alone = "REKAPITULASI NILAI · Lomba · Final (lanjutan)\n\n      Kupang, 15 Desember 2025\n  Ketua Tim Penilai,\n";
    let first = signature::first_body_line(alone).unwrap();
    assert!(signature::opens_signature(first), "{first:?}");
    for line in [
        "Kupang, ________________ 2025",
        "Comments:                 Kupang, ________________ 2025",
        "                    Mengetahui,",
        "   Acknowledged,",
        "Tim Penilai:",
        "The jury panel:          Kupang, 15 December 2025",
    ] {
        assert!(signature::opens_signature(line), "{line:?}");
    }
    for line in [
        "Top 10 Inovasi Terbaik",
        "Jalan Polisi Militer No. 2, Kupang 85111 — Telepon (0380) 833 000",
        "UPTD Laboratorium Kesehatan Kupang, Provinsi NTT",
        "These minutes were drawn up truthfully, to be used as appropriate.",
    ] {
        assert!(!signature::opens_signature(line), "{line:?}");
    }
    let body = "MINUTES · Final (continued)\nThese minutes were drawn up truthfully.\n   Kupang, 15 December 2025\n";
    assert_eq!(
        signature::first_body_line(body),
        Some("These minutes were drawn up truthfully.")
    );
}
