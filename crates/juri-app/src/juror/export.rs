//! Exporting the juror's full current state as a signed, encrypted score bundle, and the sheet
//! versions an export records.

use rust_i18n::t;
use std::collections::BTreeMap;
use std::path::Path;

use juri_bundle::{
    seal_bundle_with_photos, BundleContent, ChairPublic, EntryNote, Fingerprint, PhotoBytes,
    ScoreCell, Submission,
};
use juri_store::{JurorCell, JurorExportRow, JurorPair};
use serde::Serialize;

use super::workspace::{meta, JurorWorkspace};
use crate::error::AppError;
use crate::files::write_private_atomically;
use crate::juror::NotePhotoView;

/// What exporting wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReport {
    pub file: String,
    pub sequence: u64,
    /// Short fingerprint of the signed content, as the chair's merge and both sides' filled
    /// sheets show it.
    pub fingerprint: String,
    pub cells: usize,
    pub notes: usize,
    /// Photos on the notes (each counted once).
    pub photos: usize,
    pub submitted: usize,
}

/// Each sheet's version, by (stage, entry): the sum of the revisions of its score cells, note and
/// submission state. Every change adds one to one record's revision (or makes a record at
/// revision 1), so a sheet whose version is unchanged is unchanged. The export records these for
/// what it sealed; a printout compares them with the ones now.
pub(crate) fn sheet_versions(
    cells: &[JurorCell],
    notes: &[JurorPair<String>],
    submissions: &[JurorPair<bool>],
) -> BTreeMap<(String, String), i64> {
    let records = cells
        .iter()
        .map(|c| (&c.stage, &c.entry, c.revision))
        .chain(notes.iter().map(|n| (&n.stage, &n.entry, n.revision)))
        .chain(submissions.iter().map(|s| (&s.stage, &s.entry, s.revision)));
    let mut out: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (stage, entry, revision) in records {
        *out.entry((stage.clone(), entry.clone())).or_default() += revision;
    }
    out
}

impl JurorWorkspace {
    /// Writes the juror's full current state as a signed score bundle encrypted to the chair,
    /// atomically (a temporary file, flushed, renamed, the folder flushed).
    ///
    /// The juror's key is opened with `access_code`, or is the one opened earlier in this session
    /// (at install or an earlier export); without either the export is refused and nothing is
    /// written.
    pub fn export(
        &mut self,
        out: &Path,
        access_code: Option<&str>,
    ) -> Result<ExportReport, AppError> {
        let installed = self.installed()?;
        let key = self.signing_key(access_code)?;
        let chair = ChairPublic {
            signing_key: meta(&self.db, "chair_signing_key")?,
            age_recipient: meta(&self.db, "chair_age_recipient")?,
        };
        // The number is taken for good before the file is written: an export killed after its
        // file reached the disk but before it was recorded leaves a gap, never two different
        // bundles with one number.
        let sequence = self.db.write(|tx| tx.reserve_export_sequence())?;
        let tx = self.db.read();
        let (cells, notes, submissions) = (tx.cells()?, tx.notes()?, tx.submissions()?);
        let photo_rows = tx.note_photos()?;
        let mut photos = Vec::new();
        for row in &photo_rows {
            if !photos.iter().any(|p: &PhotoBytes| p.sha256 == row.sha256) {
                let bytes = tx.note_photo_bytes(&row.sha256)?.unwrap_or_default();
                photos.push(PhotoBytes {
                    sha256: row.sha256.clone(),
                    bytes,
                });
            }
        }
        let versions = sheet_versions(&cells, &notes, &submissions);
        let now = crate::now();
        let content = BundleContent {
            competition_id: installed.pin.competition_id.clone(),
            juror_id: installed.pin.juror_id.clone(),
            package_version: installed.pin.package_version,
            exported_at: now.clone(),
            sequence: sequence as u64,
            scores: cells
                .into_iter()
                .map(|c| ScoreCell {
                    stage: c.stage,
                    entry: c.entry,
                    criterion: c.criterion,
                    value: c.value,
                    comment: c.comment,
                    revision: c.revision as u64,
                    updated_at: c.updated_at,
                })
                .collect(),
            notes: notes
                .into_iter()
                .map(|n| EntryNote {
                    photos: photo_rows
                        .iter()
                        .filter(|p| p.stage == n.stage && p.entry == n.entry)
                        .map(|p| NotePhotoView::from(p).to_bundle())
                        .collect(),
                    stage: n.stage,
                    entry: n.entry,
                    note: n.value,
                    revision: n.revision as u64,
                    updated_at: n.updated_at,
                })
                .collect(),
            submissions: submissions
                .into_iter()
                .map(|s| Submission {
                    stage: s.stage,
                    entry: s.entry,
                    submitted: s.value,
                    revision: s.revision as u64,
                    updated_at: s.updated_at,
                })
                .collect(),
        };
        // Format version 2: comments and notes signed by their digests, so a published record can
        // withhold them and keep the juror's signature checkable (docs/formats.md); version 3 when
        // a note carries photos (their bytes after the texts).
        let (bytes, content_fingerprint) = seal_bundle_with_photos(&content, &photos, &key, &chair)
            .map_err(|e| AppError::render(t!("render.bundle"), e))?;
        write_private_atomically(out, |file| std::io::Write::write_all(file, &bytes))?;
        let fingerprint = Fingerprint::of(&bytes);
        let file = out.display().to_string();
        let versions: Vec<(String, String, i64)> = versions
            .into_iter()
            .map(|((stage, entry), version)| (stage, entry, version))
            .collect();
        let row = JurorExportRow {
            sequence,
            exported_at: now.clone(),
            file: file.clone(),
            fingerprint: fingerprint.to_hex(),
            content_fingerprint: Some(content_fingerprint.to_hex()),
        };
        self.db.write(|tx| tx.add_export(&row, &versions))?;
        Ok(ExportReport {
            file,
            sequence: sequence as u64,
            fingerprint: content_fingerprint.short(),
            cells: content.scores.len(),
            notes: content.notes.len(),
            photos: photos.len(),
            submitted: content.submissions.iter().filter(|s| s.submitted).count(),
        })
    }
}
