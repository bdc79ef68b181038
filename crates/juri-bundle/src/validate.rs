//! Content rules shared by writing and reading. Every problem is reported,
//! not just the first.

use std::collections::BTreeSet;

use rust_i18n::t;

use crate::content::{BundleContent, NotePhoto, PackageContent};
use crate::error::BundleError;
use crate::framing::{
    DOCUMENT_KINDS, MAX_BUNDLE_PHOTO_BYTES, MAX_COMMENT_BYTES, MAX_DOCUMENTS_PER_ENTRY,
    MAX_DOCUMENT_BYTES, MAX_LINKS_PER_ENTRY, MAX_LINK_BYTES, MAX_NOTE_BYTES, MAX_PHOTOS_PER_NOTE,
    MAX_PHOTO_BYTES, MAX_PHOTO_SIDE,
};
use crate::keys::ChairPublic;

const MAX_DECIMAL_LEN: usize = 32;

#[derive(Default)]
pub(crate) struct Problems(Vec<String>);

impl Problems {
    pub(crate) fn push(&mut self, problem: String) {
        self.0.push(problem);
    }

    /// Identifiers (competition, juror, stage, entry, criterion, category)
    /// are non-empty, carry no surrounding spaces and no control characters.
    pub(crate) fn id(&mut self, what: &str, value: &str) {
        if value.is_empty() {
            self.push(t!("bundle.field_empty", what = what).into_owned());
        } else if value.trim() != value {
            self.push(t!("bundle.field_spaces", what = what, value = value).into_owned());
        } else if value.chars().any(char::is_control) {
            self.push(
                t!(
                    "bundle.field_control",
                    what = what,
                    value = value.escape_debug()
                )
                .into_owned(),
            );
        }
    }

    pub(crate) fn time(&mut self, what: &str, value: &str) {
        match chrono::DateTime::parse_from_rfc3339(value) {
            Err(_) => {
                self.push(t!("bundle.field_not_time", what = what, value = value).into_owned())
            }
            Ok(time) if !plausible_time(&time) => self.push(
                t!(
                    "bundle.field_time_too_late",
                    what = what,
                    value = value,
                    year = LAST_YEAR
                )
                .into_owned(),
            ),
            Ok(_) => {}
        }
    }

    /// An RFC 3339 time, however far ahead: what readers accepted before erratum 2 of
    /// `docs/formats.md`, for bundles merged then.
    pub(crate) fn time_as_before(&mut self, what: &str, value: &str) {
        if chrono::DateTime::parse_from_rfc3339(value).is_err() {
            self.push(t!("bundle.field_not_time", what = what, value = value).into_owned());
        }
    }

    /// The numbers of a bundle: its package version and export number count from 1.
    pub(crate) fn numbers(&mut self, package_version: u32, sequence: u64) {
        if package_version == 0 {
            self.push(t!("bundle.package_version_zero").into_owned());
        }
        if sequence == 0 {
            self.push(t!("bundle.sequence_zero").into_owned());
        }
    }

    /// A record's revision fits a signed 64-bit number, as the chair's database stores it.
    pub(crate) fn revision(&mut self, what: &dyn Fn() -> String, revision: u64) {
        if revision > i64::MAX as u64 {
            self.push(
                t!(
                    "bundle.revision_too_large",
                    name = what(),
                    revision = revision,
                    max = i64::MAX
                )
                .into_owned(),
            );
        }
    }

    /// A list is sorted by key (erratum 4): reports the first key that comes after a greater
    /// one. (Equal keys are reported as repeated, not here.)
    pub(crate) fn order<K: Ord + Copy>(
        &mut self,
        list: &str,
        keys: impl Iterator<Item = K>,
        name: impl Fn(K) -> String,
    ) {
        let mut previous: Option<K> = None;
        for key in keys {
            if let Some(before) = previous {
                if before > key {
                    self.push(
                        t!(
                            "bundle.out_of_order",
                            list = list,
                            later = name(before),
                            earlier = name(key)
                        )
                        .into_owned(),
                    );
                    return;
                }
            }
            previous = Some(key);
        }
    }

    /// A text field is no longer than `limit` bytes (erratum 4).
    pub(crate) fn length(
        &mut self,
        name: &dyn Fn() -> String,
        what: &str,
        text: &str,
        limit: usize,
    ) {
        if text.len() > limit {
            self.push(
                t!(
                    "bundle.text_too_long",
                    name = name(),
                    what = what,
                    length = text.len(),
                    limit = limit
                )
                .into_owned(),
            );
        }
    }

    pub(crate) fn finish(self) -> Result<(), BundleError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(BundleError::InvalidContent { problems: self.0 })
        }
    }
}

/// The last year a time in a bundle may name.
pub(crate) const LAST_YEAR: i32 = 2099;

/// How a problem names a score cell, a note and a submission state.
pub(crate) fn score_name(stage: &str, entry: &str, criterion: &str) -> String {
    t!(
        "bundle.name_score",
        stage = stage,
        entry = entry,
        criterion = criterion
    )
    .into_owned()
}

pub(crate) fn note_name(stage: &str, entry: &str) -> String {
    t!("bundle.name_note", stage = stage, entry = entry).into_owned()
}

pub(crate) fn submission_name(stage: &str, entry: &str) -> String {
    t!("bundle.name_submission", stage = stage, entry = entry).into_owned()
}

/// A time no juror's clock could show by mistake is refused: the years after [`LAST_YEAR`]. (Times
/// long past are accepted: a laptop whose clock was reset shows 1970 or 2000.)
pub(crate) fn plausible_time(t: &chrono::DateTime<chrono::FixedOffset>) -> bool {
    use chrono::Datelike;
    t.year() <= LAST_YEAR
}

/// The canonical text of a decimal number: no sign on zero, no leading
/// zeros, no trailing zeros after the point, no point without decimals.
/// `None` when `text` is not a plain decimal (`-?digits(.digits)?`).
pub(crate) fn canonical_decimal(text: &str) -> Option<String> {
    if text.len() > MAX_DECIMAL_LEN {
        return None;
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (unsigned, ""),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (unsigned.contains('.') && !digits(frac)) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    if negative && (int != "0" || !frac.is_empty()) {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    Some(out)
}

/// Checks a package's content and the chair keys that will sign it.
pub(crate) fn check_package(
    content: &PackageContent,
    chair: &ChairPublic,
) -> Result<(), BundleError> {
    let mut p = Problems::default();
    p.id(&t!("bundle.what_competition_id"), &content.competition_id);
    p.time(&t!("bundle.what_issue_time"), &content.issued_at);
    p.id(&t!("bundle.what_juror_id"), &content.juror.id);
    if content.juror.name.trim().is_empty() {
        p.push(t!("bundle.juror_name_empty").into_owned());
    }
    for problem in chair.problems() {
        p.push(problem);
    }
    if content.credential.sealed_secret.is_empty() {
        p.push(t!("bundle.sealed_key_empty").into_owned());
    }
    let mut codes = BTreeSet::new();
    for (i, entry) in content.entries.iter().enumerate() {
        let n = i + 1;
        p.id(&t!("bundle.what_entry_code", n = n), &entry.code);
        p.id(&t!("bundle.what_entry_category", n = n), &entry.category);
        if entry.title.trim().is_empty() {
            p.push(t!("bundle.entry_title_empty", n = n, code = entry.code).into_owned());
        }
        if !codes.insert(entry.code.as_str()) {
            p.push(t!("bundle.entry_code_twice", code = entry.code).into_owned());
        }
        check_documents(&mut p, entry);
    }
    let mut stages = BTreeSet::new();
    for assignment in &content.assignments {
        p.id(&t!("bundle.what_assigned_stage"), &assignment.stage);
        if !stages.insert(assignment.stage.as_str()) {
            p.push(t!("bundle.stage_assigned_twice", stage = assignment.stage).into_owned());
        }
        let mut seen = BTreeSet::new();
        for code in &assignment.entries {
            if !codes.contains(code.as_str()) {
                p.push(
                    t!(
                        "bundle.assigned_entry_unknown",
                        stage = assignment.stage,
                        code = code
                    )
                    .into_owned(),
                );
            }
            if !seen.insert(code.as_str()) {
                p.push(
                    t!(
                        "bundle.assigned_entry_twice",
                        stage = assignment.stage,
                        code = code
                    )
                    .into_owned(),
                );
            }
        }
    }
    p.finish()
}

/// An entry's documents: at most [`MAX_DOCUMENTS_PER_ENTRY`], each with a plain file name (no
/// folder, distinct within the entry), a known kind, a size of at most [`MAX_DOCUMENT_BYTES`] and
/// a SHA-256 in lowercase hex; and at most [`MAX_LINKS_PER_ENTRY`] `http` or `https` links.
fn check_documents(p: &mut Problems, entry: &crate::content::PackageEntry) {
    let code = &entry.code;
    if entry.documents.len() > MAX_DOCUMENTS_PER_ENTRY {
        p.push(
            t!(
                "bundle.too_many_documents",
                code = code,
                count = entry.documents.len(),
                max = MAX_DOCUMENTS_PER_ENTRY
            )
            .into_owned(),
        );
    }
    let mut names = BTreeSet::new();
    for d in &entry.documents {
        if !is_file_name(&d.name) {
            p.push(
                t!(
                    "bundle.document_name_bad",
                    code = code,
                    name = d.name.escape_debug()
                )
                .into_owned(),
            );
        } else if !names.insert(d.name.to_lowercase()) {
            p.push(t!("bundle.document_name_twice", code = code, name = d.name).into_owned());
        }
        if !DOCUMENT_KINDS.contains(&d.kind.as_str()) {
            p.push(
                t!(
                    "bundle.document_kind_bad",
                    code = code,
                    name = d.name,
                    kind = d.kind
                )
                .into_owned(),
            );
        }
        if d.size == 0 || d.size > MAX_DOCUMENT_BYTES {
            p.push(
                t!(
                    "bundle.document_size_bad",
                    code = code,
                    name = d.name,
                    size = d.size,
                    max = MAX_DOCUMENT_BYTES
                )
                .into_owned(),
            );
        }
        if !is_sha256_hex(&d.sha256) {
            p.push(t!("bundle.document_hash_bad", code = code, name = d.name).into_owned());
        }
    }
    if entry.links.len() > MAX_LINKS_PER_ENTRY {
        p.push(
            t!(
                "bundle.too_many_links",
                code = code,
                count = entry.links.len(),
                max = MAX_LINKS_PER_ENTRY
            )
            .into_owned(),
        );
    }
    for link in &entry.links {
        if !is_web_link(link) {
            p.push(t!("bundle.link_bad", code = code, link = link.escape_debug()).into_owned());
        }
    }
}

/// A file name with no folder part: not empty, not `.` or `..`, no `/`, `\\`, `:` or control
/// characters, no surrounding spaces, at most 255 bytes.
pub fn is_file_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name.trim() == name
        && name != "."
        && name != ".."
        && !name
            .chars()
            .any(|c| c.is_control() || matches!(c, '/' | '\\' | ':'))
}

/// 64 lowercase hexadecimal digits.
pub fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// An `http://` or `https://` link (the scheme in any case) with a host, no spaces or control
/// characters, at most 2,000 bytes.
pub fn is_web_link(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        link.get(8..)
    } else if lower.starts_with("http://") {
        link.get(7..)
    } else {
        None
    };
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && link.len() <= MAX_LINK_BYTES
        && !link.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Checks a bundle's content. With `normalize`, decimal values are rewritten
/// in canonical form and the lists sorted by key (for writing); without it,
/// a value that is not canonical is a problem (for reading).
pub(crate) fn check_bundle(
    content: &mut BundleContent,
    normalize: bool,
) -> Result<(), BundleError> {
    let mut p = Problems::default();
    p.id(&t!("bundle.what_competition_id"), &content.competition_id);
    p.id(&t!("bundle.what_juror_id"), &content.juror_id);
    p.time(&t!("bundle.what_export_time"), &content.exported_at);
    p.numbers(content.package_version, content.sequence);
    if normalize {
        content.scores.sort_by(|a, b| {
            (&a.stage, &a.entry, &a.criterion).cmp(&(&b.stage, &b.entry, &b.criterion))
        });
        content
            .notes
            .sort_by(|a, b| (&a.stage, &a.entry).cmp(&(&b.stage, &b.entry)));
        content
            .submissions
            .sort_by(|a, b| (&a.stage, &a.entry).cmp(&(&b.stage, &b.entry)));
    }
    if !normalize {
        p.order(
            &t!("bundle.list_scores"),
            content
                .scores
                .iter()
                .map(|c| (c.stage.as_str(), c.entry.as_str(), c.criterion.as_str())),
            |(s, e, c)| score_name(s, e, c),
        );
        p.order(
            &t!("bundle.list_notes"),
            content
                .notes
                .iter()
                .map(|n| (n.stage.as_str(), n.entry.as_str())),
            |(s, e)| note_name(s, e),
        );
        p.order(
            &t!("bundle.list_submissions"),
            content
                .submissions
                .iter()
                .map(|n| (n.stage.as_str(), n.entry.as_str())),
            |(s, e)| submission_name(s, e),
        );
    }
    let mut keys = BTreeSet::new();
    for cell in &mut content.scores {
        let name = score_name(&cell.stage, &cell.entry, &cell.criterion);
        p.id(&t!("bundle.what_stage", name = name), &cell.stage);
        p.id(&t!("bundle.what_entry", name = name), &cell.entry);
        p.id(&t!("bundle.what_criterion", name = name), &cell.criterion);
        p.time(&t!("bundle.what_time", name = name), &cell.updated_at);
        p.revision(&|| name.clone(), cell.revision);
        p.length(
            &|| name.clone(),
            &t!("bundle.what_comment"),
            &cell.comment,
            MAX_COMMENT_BYTES,
        );
        if let Some(value) = &cell.value {
            match canonical_decimal(value) {
                None => p.push(t!("bundle.not_decimal", name = name, value = value).into_owned()),
                Some(canonical) if normalize => cell.value = Some(canonical),
                Some(canonical) if &canonical != value => p.push(
                    t!(
                        "bundle.not_canonical_decimal",
                        name = name,
                        value = value,
                        canonical = canonical
                    )
                    .into_owned(),
                ),
                Some(_) => {}
            }
        }
        if !keys.insert((
            cell.stage.as_str(),
            cell.entry.as_str(),
            cell.criterion.as_str(),
        )) {
            p.push(t!("bundle.appears_more_than_once", name = name).into_owned());
        }
    }
    let mut keys = BTreeSet::new();
    for note in &content.notes {
        let name = note_name(&note.stage, &note.entry);
        p.id(&t!("bundle.what_stage", name = name), &note.stage);
        p.id(&t!("bundle.what_entry", name = name), &note.entry);
        p.time(&t!("bundle.what_time", name = name), &note.updated_at);
        p.revision(&|| name.clone(), note.revision);
        p.length(
            &|| name.clone(),
            &t!("bundle.what_note"),
            &note.note,
            MAX_NOTE_BYTES,
        );
        for problem in photo_problems(&name, &note.photos) {
            p.push(problem);
        }
        if !keys.insert((note.stage.as_str(), note.entry.as_str())) {
            p.push(t!("bundle.appears_more_than_once", name = name).into_owned());
        }
    }
    if let Some(problem) = photos_total_problem(content.notes.iter().map(|n| &n.photos[..])) {
        p.push(problem);
    }
    let mut keys = BTreeSet::new();
    for submission in &content.submissions {
        let name = submission_name(&submission.stage, &submission.entry);
        p.id(&t!("bundle.what_stage", name = name), &submission.stage);
        p.id(&t!("bundle.what_entry", name = name), &submission.entry);
        p.time(&t!("bundle.what_time", name = name), &submission.updated_at);
        p.revision(&|| name.clone(), submission.revision);
        if !keys.insert((submission.stage.as_str(), submission.entry.as_str())) {
            p.push(t!("bundle.appears_more_than_once", name = name).into_owned());
        }
    }
    p.finish()
}

/// What is wrong with the photos a note names (`name` names the note): too many, the same one
/// twice, a hash that is not one, an empty or oversized photo, a size in pixels beyond
/// [`MAX_PHOTO_SIDE`], a time or location not in the documented form.
pub(crate) fn photo_problems(name: &str, photos: &[NotePhoto]) -> Vec<String> {
    let mut problems = Vec::new();
    if photos.len() > MAX_PHOTOS_PER_NOTE {
        problems.push(
            t!(
                "bundle.photos_too_many",
                name = name,
                count = photos.len(),
                limit = MAX_PHOTOS_PER_NOTE
            )
            .into_owned(),
        );
    }
    let mut seen = BTreeSet::new();
    for photo in photos {
        let short = photo.sha256.get(..12).unwrap_or(&photo.sha256);
        if !is_sha256_hex(&photo.sha256) {
            problems.push(t!("bundle.photo_hash", name = name, sha256 = photo.sha256).into_owned());
        } else if !seen.insert(photo.sha256.as_str()) {
            problems.push(t!("bundle.photo_twice", name = name, sha256 = short).into_owned());
        }
        if photo.size == 0 || photo.size > MAX_PHOTO_BYTES {
            problems.push(
                t!(
                    "bundle.photo_too_large",
                    name = name,
                    sha256 = short,
                    size = photo.size,
                    limit = MAX_PHOTO_BYTES
                )
                .into_owned(),
            );
        }
        let sides = [photo.width, photo.height];
        if sides.iter().any(|&s| s == 0 || s > MAX_PHOTO_SIDE) {
            problems.push(
                t!(
                    "bundle.photo_pixels",
                    name = name,
                    sha256 = short,
                    width = photo.width,
                    height = photo.height,
                    limit = MAX_PHOTO_SIDE
                )
                .into_owned(),
            );
        }
        if let Some(taken) = &photo.taken_at {
            if chrono::NaiveDateTime::parse_from_str(taken, "%Y-%m-%dT%H:%M:%S").is_err()
                || taken.len() != 19
            {
                problems.push(
                    t!(
                        "bundle.photo_time",
                        name = name,
                        sha256 = short,
                        value = taken
                    )
                    .into_owned(),
                );
            }
        }
        if let Some(location) = &photo.location {
            if !is_location(location) {
                problems.push(
                    t!(
                        "bundle.photo_location",
                        name = name,
                        sha256 = short,
                        value = location
                    )
                    .into_owned(),
                );
            }
        }
    }
    problems
}

/// The problem with the photos of a whole bundle, if their distinct bytes exceed
/// [`MAX_BUNDLE_PHOTO_BYTES`].
pub(crate) fn photos_total_problem<'a>(
    notes: impl Iterator<Item = &'a [NotePhoto]>,
) -> Option<String> {
    let mut seen = BTreeSet::new();
    let total: u64 = notes
        .flatten()
        .filter(|p| seen.insert(p.sha256.as_str()))
        .map(|p| p.size)
        .sum();
    (total > MAX_BUNDLE_PHOTO_BYTES).then(|| {
        t!(
            "bundle.photos_total",
            size = total,
            limit = MAX_BUNDLE_PHOTO_BYTES
        )
        .into_owned()
    })
}

/// `latitude,longitude` in degrees, each with exactly six decimals, within range.
pub fn is_location(text: &str) -> bool {
    let Some((lat, lon)) = text.split_once(',') else {
        return false;
    };
    let degrees = |part: &str, limit: f64| {
        let digits = part.strip_prefix('-').unwrap_or(part);
        let Some((whole, fraction)) = digits.split_once('.') else {
            return false;
        };
        let plain = !whole.is_empty()
            && whole.len() <= 3
            && whole.bytes().all(|b| b.is_ascii_digit())
            && (whole == "0" || !whole.starts_with('0'))
            && fraction.len() == 6
            && fraction.bytes().all(|b| b.is_ascii_digit());
        plain && part.parse::<f64>().is_ok_and(|v| v.abs() <= limit) && part != "-0.000000"
    };
    degrees(lat, 90.0) && degrees(lon, 180.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_have_one_form() {
        for good in [
            "-10.177200,123.607000",
            "0.000000,0.000000",
            "90.000000,-180.000000",
        ] {
            assert!(is_location(good), "{good}");
        }
        for bad in [
            "-10.1772,123.607",
            "91.000000,0.000000",
            "1.000000",
            "01.000000,2.000000",
            "-0.000000,1.000000",
            " 1.000000,2.000000",
            "1.000000,2.000000,",
        ] {
            assert!(!is_location(bad), "{bad}");
        }
    }

    #[test]
    fn decimals_have_one_canonical_text() {
        let cases = [
            ("8.5", Some("8.5")),
            ("08.50", Some("8.5")),
            ("10", Some("10")),
            ("10.000", Some("10")),
            ("0", Some("0")),
            ("-0.0", Some("0")),
            ("-3.25", Some("-3.25")),
            ("000", Some("0")),
            ("", None),
            ("-", None),
            (".5", None),
            ("5.", None),
            ("+5", None),
            ("5e2", None),
            ("1,5", None),
            (" 5", None),
            ("123456789012345678901234567890123", None),
        ];
        for (input, expected) in cases {
            assert_eq!(canonical_decimal(input).as_deref(), expected, "{input:?}");
        }
    }
}
