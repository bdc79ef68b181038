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

/// Whether `line` opens a signature block: the place and date ("Kupang, 15 Desember 2025",
/// "Kupang, ________ 2025"), the panel's signatures or the acknowledging official's.
fn opens_signature(line: &str) -> bool {
    let dated = line.match_indices("Kupang, ").any(|(at, m)| {
        line[at + m.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '_')
    });
    let trimmed = line.trim_start();
    dated
        || [
            "Mengetahui,",
            "Acknowledged,",
            "Tim Penilai:",
            "The jury panel:",
        ]
        .iter()
        .any(|s| trimmed.starts_with(s))
}

/// No page begins its body with a signature block: the last lines of the body it closes go to
/// the next page with it, so no signature ever stands on a page of its own.
fn check_signatures(name: &str, pages: &[String]) {
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        // A continuation page's running head comes first.
        let head = lines
            .iter()
            .take(3)
            .position(|l| l.contains("(lanjutan)") || l.contains("(continued)"))
            .map_or(0, |k| k + 1);
        if let Some(first) = lines.get(head) {
            assert!(
                !opens_signature(first),
                "{name} page {}: the signature block stands alone: {first:?}",
                i + 1
            );
        }
    }
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
        check_signatures(&snapshot, &pages);
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
    for stage in ["administrasi", "proposal", "presentasi", "final"] {
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
