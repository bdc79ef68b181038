//! `juri verify FILE`: what a package or bundle holds, who signed it, and whether it is intact.

use rust_i18n::t;
use std::path::Path;

use juri_bundle::{inspect, FileKind, Fingerprint, Summary, Verdict};
use serde::Serialize;

use crate::chair::Chair;
use crate::error::AppError;
use crate::files::read_juri_file;
use crate::roundtrip::BundleStatus;

/// What a file is and whether it can be trusted.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FileReport {
    pub file: String,
    /// `juror package` or `score bundle`; `None` when it is not a Juri file.
    pub kind: Option<String>,
    pub format_version: Option<u32>,
    pub size: u64,
    /// SHA-256 of the file (64 hex digits).
    pub fingerprint: String,
    /// For a bundle that could be opened: SHA-256 of its signed content, the same however often
    /// it was encrypted, and what score sheets and the merge preview show (64 hex digits).
    pub content_fingerprint: Option<String>,
    /// The signature matches and the content follows the format.
    pub intact: bool,
    /// One line: intact, locked (a bundle without the chair's key), or why it is refused.
    pub verdict: String,
    pub competition_id: Option<String>,
    pub juror: Option<String>,
    pub juror_name: Option<String>,
    pub package_version: Option<u32>,
    /// Issue time of a package, export time of a bundle.
    pub written_at: Option<String>,
    pub sequence: Option<u64>,
    /// Who signed it, with the short fingerprint of the key.
    pub signed_by: Option<String>,
    /// With the chair's database: whether the signing key is the one registered (the chair's own
    /// key for a package; one of the juror's keys for a bundle).
    pub signer_registered: Option<bool>,
    pub entries: Option<usize>,
    pub assigned: Option<usize>,
    pub scores: Option<usize>,
    pub notes: Option<usize>,
    /// Photos on the bundle's notes (format version 3).
    pub photos: Option<usize>,
    pub submitted: Option<usize>,
    /// With the chair's database, for an intact bundle: what the merge would do with it — every
    /// check the merge runs (the competition, each record against the scale, the panel, recusals).
    /// `accepted`, `already merged`, or `refused`; `None` without the database.
    pub merge: Option<String>,
    /// Why the merge would refuse it (empty otherwise).
    pub merge_problems: Vec<String>,
}

impl FileReport {
    /// The file can be trusted and, with the chair's database, the merge would take it (or already
    /// has): what `juri verify` exits 0 for.
    pub fn acceptable(&self) -> bool {
        self.intact && self.merge.as_deref() != Some("refused")
    }
}

/// Inspects a file. With the chair's database (`chair`) bundles are decrypted and the signer is
/// compared with the registered keys; without it a bundle can only be recognised, not opened.
pub fn verify_file(path: &Path, chair: Option<&Chair>) -> Result<FileReport, AppError> {
    let mut report = FileReport {
        file: path.display().to_string(),
        ..FileReport::default()
    };
    let bytes = match read_juri_file(path) {
        Ok(b) => b,
        Err(AppError::BadFile { message, .. }) => {
            report.size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            report.verdict = message;
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    let keys = match chair {
        Some(c) => c.stored_chair_keys()?,
        None => None,
    };
    let found = inspect(&bytes, keys.as_ref());
    // The merge's check below reads the file again: keep one copy at a time.
    drop(bytes);
    report.kind = found.kind.map(|k| k.to_string());
    report.format_version = found.format_version;
    report.size = found.size;
    report.fingerprint = found.fingerprint.to_hex();
    report.intact = found.verdict == Verdict::Intact;
    report.verdict = match &found.verdict {
        Verdict::Intact => t!("verify.intact").into_owned(),
        Verdict::Locked => t!("verify.locked").into_owned(),
        Verdict::Refused(e) => t!("verify.refused", reason = e).into_owned(),
    };
    match found.summary {
        Some(Summary::Package {
            competition_id,
            package_version,
            issued_at,
            juror_id,
            juror_name,
            chair_key,
            entries,
            assigned,
            ..
        }) => {
            report.competition_id = Some(competition_id);
            report.package_version = Some(package_version);
            report.written_at = Some(issued_at);
            report.juror = Some(juror_id);
            report.juror_name = Some(juror_name);
            report.entries = Some(entries);
            report.assigned = Some(assigned);
            report.signed_by =
                Some(t!("verify.signed_by_chair", key = chair_key.short()).into_owned());
            if let Some(k) = &keys {
                let ours = k.public().signing_key_bytes().map(|b| Fingerprint::of(&b));
                report.signer_registered = Some(ours.ok() == Some(chair_key));
            }
        }
        Some(Summary::Bundle {
            competition_id,
            juror_id,
            package_version,
            exported_at,
            sequence,
            signer_key,
            content_fingerprint,
            scores,
            notes,
            photos,
            submitted,
            ..
        }) => {
            report.content_fingerprint = Some(content_fingerprint.to_hex());
            report.signed_by = Some(
                t!(
                    "verify.signed_by_juror",
                    juror = juror_id,
                    key = signer_key.short()
                )
                .into_owned(),
            );
            if let Some(c) = chair {
                report.signer_registered = Some(juror_has_key(c, &juror_id, signer_key)?);
            }
            report.competition_id = Some(competition_id);
            report.juror = Some(juror_id);
            report.package_version = Some(package_version);
            report.written_at = Some(exported_at);
            report.sequence = Some(sequence);
            report.scores = Some(scores);
            report.notes = Some(notes);
            report.photos = Some(photos);
            report.submitted = Some(submitted);
        }
        None => {}
    }
    if found.kind == Some(FileKind::Bundle) && report.signer_registered == Some(false) {
        report.intact = false;
        report.verdict = t!(
            "verify.key_not_registered",
            juror = report.juror.as_deref().unwrap_or("?")
        )
        .into_owned();
    }
    if let (Some(chair), true) = (chair, found.kind == Some(FileKind::Bundle) && report.intact) {
        merge_check(chair, path, &mut report)?;
    }
    Ok(report)
}

/// Runs the merge's own checks on the bundle without writing anything (the plan of a dry run).
fn merge_check(chair: &Chair, path: &Path, report: &mut FileReport) -> Result<(), AppError> {
    let planned = chair.plan_merge(&[path.to_path_buf()], None)?;
    let Some(line) = planned.report().bundles.first() else {
        return Ok(());
    };
    report.merge = Some(
        match line.status {
            BundleStatus::Accepted | BundleStatus::Duplicate => "accepted",
            BundleStatus::AlreadyImported => "already merged",
            BundleStatus::Rejected => "refused",
        }
        .into(),
    );
    if line.status == BundleStatus::Rejected {
        report.merge_problems = line.problems.clone();
        report.verdict = t!(
            "verify.merge_would_refuse",
            problems = line.problems.join("; ")
        )
        .into_owned();
    }
    Ok(())
}

fn juror_has_key(chair: &Chair, juror: &str, key: Fingerprint) -> Result<bool, AppError> {
    let snap = chair.snapshot()?;
    let Some(j) = snap.juror_index(juror) else {
        return Ok(false);
    };
    let keys = chair.db().read().juror_keys(Some(snap.juror_ids[j]))?;
    Ok(keys.iter().any(|k| Fingerprint::of(&k.public_key) == key))
}
