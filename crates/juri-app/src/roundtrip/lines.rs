//! What a merge says of each file, shared by the one-shot and the batched merge.

use std::path::Path;

use juri_bundle::Fingerprint;
use juri_core::model::Juror;
use serde::Serialize;

use crate::roundtrip::merge_engine::{Converted, Held, ReadResult, RetiredKey, StoreBundle};
use crate::roundtrip::merge_plan::OutcomeCounts;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BundleStatus {
    /// Verified and merged (or to be merged, in a dry run).
    Accepted,
    /// The same file was imported before; nothing to do.
    AlreadyImported,
    /// The same file appears twice in this import.
    Duplicate,
    /// Refused whole; `problems` says why.
    Rejected,
}

/// One file of a merge.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BundleLine {
    pub file: String,
    /// Short fingerprint of the signed content (the same however often the juror's export was
    /// encrypted; what score sheets print); of the file when its content could not be read.
    pub fingerprint: Option<String>,
    pub juror: Option<String>,
    pub sequence: Option<u64>,
    pub exported_at: Option<String>,
    /// Score cells in the file.
    pub cells: usize,
    /// Records in the file: score cells, notes and submission states.
    pub records: usize,
    /// Photos on the file's notes (each counted once).
    pub photos: usize,
    pub status: BundleStatus,
    /// How this file's versions compare with the chair's records before the merge.
    pub outcomes: OutcomeCounts,
    pub problems: Vec<String>,
    /// What the chair should know of an accepted file: another bundle of the same juror carries
    /// the same export number (a laptop that reused a number).
    pub notices: Vec<String>,
    /// For a file signed by a retired key of its juror: when and why the key was retired. Such a
    /// file is held back (status `rejected`) unless the chair accepts it with a reason.
    pub retired_key: Option<RetiredKey>,
    /// For a file signed by a retired key that the chair accepted: the chair's reason.
    pub retired_key_accepted: Option<String>,
    /// The problems as the audit log keeps them: in English, whoever merged.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub(crate) recorded_problems: Vec<String>,
}

pub(crate) fn empty_line(file: &Path) -> BundleLine {
    BundleLine {
        file: file.display().to_string(),
        fingerprint: None,
        juror: None,
        sequence: None,
        exported_at: None,
        cells: 0,
        records: 0,
        photos: 0,
        status: BundleStatus::Rejected,
        outcomes: OutcomeCounts::default(),
        problems: Vec::new(),
        notices: Vec::new(),
        retired_key: None,
        retired_key_accepted: None,
        recorded_problems: Vec::new(),
    }
}

/// A kept bundle's export number, as the check for reused numbers sees it.
pub(crate) struct ExportNumber {
    pub juror: String,
    /// The juror key (row id) of the package the bundle names: export numbers count per key,
    /// since a new key (a new laptop) starts again at 1.
    pub key: Option<i64>,
    pub sequence: u64,
    /// The short fingerprint shown for it.
    pub shown: String,
}

/// Notes on each accepted file whose juror, key and export number another bundle (another file)
/// already has, kept (`stored`) or in the same merge (`key_of` gives the key of a line's
/// package). Both are merged like any bundle (each record by its revision); the chair is told,
/// since a juror's laptop never gives one number to two exports.
pub(crate) fn notice_reused_numbers(
    lines: &mut [BundleLine],
    stored: &[ExportNumber],
    key_of: impl Fn(usize) -> Option<i64>,
) {
    use std::collections::BTreeMap;
    let mut seen: BTreeMap<(String, Option<i64>, u64), Vec<String>> = BTreeMap::new();
    for ExportNumber {
        juror,
        key,
        sequence,
        shown: fingerprint,
    } in stored
    {
        seen.entry((juror.clone(), *key, *sequence))
            .or_default()
            .push(fingerprint.clone());
    }
    for (i, line) in lines.iter_mut().enumerate() {
        let (BundleStatus::Accepted, Some(juror), Some(sequence), Some(fingerprint)) =
            (line.status, &line.juror, line.sequence, &line.fingerprint)
        else {
            continue;
        };
        let others = seen
            .entry((juror.clone(), key_of(i), sequence))
            .or_default();
        for other in others.iter().filter(|o| *o != fingerprint) {
            line.notices.push(
                rust_i18n::t!(
                    "merge.number_reused",
                    juror = juror,
                    sequence = sequence,
                    other = other
                )
                .into_owned(),
            );
        }
        others.push(fingerprint.clone());
    }
}

/// What is stored with an accepted file.
pub(crate) struct AcceptedFile {
    /// The fingerprint of the signed content: one content is merged once, whatever its file.
    pub content_fingerprint: Fingerprint,
    pub juror: usize,
    pub sequence: u64,
    pub package_version: u32,
    pub exported_at: String,
    /// For a file signed by a retired key: the chair's reason for accepting it.
    pub retired_key_accepted: Option<String>,
    /// The photos its notes name: (SHA-256, bytes), kept with the merge.
    pub photos: Vec<(String, Vec<u8>)>,
}

/// A file's line from what reading it found (not yet marked accepted or duplicate), and for a file
/// whose records can be merged: its fingerprint, its records and what is stored with it.
pub(crate) fn read_line(
    file: &Path,
    result: ReadResult,
    jurors: &[Juror],
) -> (BundleLine, Option<(Fingerprint, StoreBundle, AcceptedFile)>) {
    let mut line = empty_line(file);
    match result {
        ReadResult::Known(fp) => {
            line.fingerprint = Some(fp.short());
            line.status = BundleStatus::AlreadyImported;
            (line, None)
        }
        ReadResult::Rejected(fp, problems) => {
            line.fingerprint = fp.map(|f| f.short());
            line.problems = problems.shown;
            line.recorded_problems = problems.recorded;
            (line, None)
        }
        ReadResult::Held(held) => {
            let Held {
                content_fingerprint,
                juror,
                sequence,
                exported_at,
                retired,
                said,
            } = *held;
            line.fingerprint = Some(content_fingerprint.short());
            line.juror = Some(jurors[juror].id.clone());
            line.sequence = Some(sequence);
            line.exported_at = Some(exported_at);
            line.problems = said.shown;
            line.recorded_problems = said.recorded;
            line.retired_key = Some(retired);
            (line, None)
        }
        ReadResult::Accepted(converted) => {
            let Converted {
                fingerprint,
                content_fingerprint,
                juror,
                sequence,
                package_version,
                exported_at,
                records,
                retired,
                photos,
            } = *converted;
            let retired_key_accepted = retired.as_ref().map(|(_, reason)| reason.clone());
            line.retired_key = retired.map(|(key, _)| key);
            line.retired_key_accepted = retired_key_accepted.clone();
            line.fingerprint = Some(content_fingerprint.short());
            line.juror = Some(jurors[juror].id.clone());
            line.sequence = Some(sequence);
            line.exported_at = Some(exported_at.clone());
            line.cells = records.scores.len();
            line.records = records.len();
            line.photos = photos.len();
            let stored = AcceptedFile {
                content_fingerprint,
                juror,
                sequence,
                package_version,
                exported_at,
                retired_key_accepted,
                photos,
            };
            (line, Some((fingerprint, records, stored)))
        }
    }
}
