//! The text of a printed PDF, as the tests read it (poppler-utils' `pdftotext`).

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// `pdftotext ARGS PATH -`: the text with the given options.
pub fn pdftotext(args: &[&str], path: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(args)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "{} does not parse", path.display());
    String::from_utf8(o.stdout).unwrap()
}

/// The text laid out as on the page (`-layout`, UTF-8).
pub fn pdf_text(path: &Path) -> String {
    pdftotext(&["-layout", "-enc", "UTF-8"], path)
}

/// White space collapsed to single spaces, for matching sentences that wrap.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
