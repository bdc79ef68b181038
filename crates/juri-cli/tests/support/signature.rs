//! A signature block standing alone at the top of a page, as `pdftotext -layout` reads it.

#![allow(dead_code)]

/// Whether `line` opens a signature block: the place and date ("Kupang, 15 Desember 2025",
/// "Kupang, ________ 2025"; a blank sheet's comment lines sit beside it), the panel's signatures
/// or the acknowledging official's ("Mengetahui,").
pub fn opens_signature(line: &str) -> bool {
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

/// The first line of a page's body, after the running head of a continuation page.
pub fn first_body_line(page: &str) -> Option<&str> {
    let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
    let head = lines
        .iter()
        .take(3)
        .position(|l| l.contains("(lanjutan)") || l.contains("(continued)"))
        .map_or(0, |k| k + 1);
    lines.get(head).copied()
}

/// No page begins its body with a signature block: the last lines of the body it closes go to
/// the next page with it, so no signature ever stands on a page of its own.
pub fn check_signatures<S: AsRef<str>>(name: &str, pages: &[S]) {
    for (i, page) in pages.iter().enumerate() {
        if let Some(first) = first_body_line(page.as_ref()) {
            assert!(
                !opens_signature(first),
                "{name} page {}: the signature block stands alone: {first:?}",
                i + 1
            );
        }
    }
}
