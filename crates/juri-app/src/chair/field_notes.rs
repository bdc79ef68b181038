//! The jurors' field notes as merged, with their photos: what the chair reads on an entry's page,
//! and each photo's bytes (kept once by SHA-256, checked against the juror's signed bundle when
//! merged).

use std::path::Path;

use serde::Serialize;

use crate::chair::Chair;
use crate::error::AppError;
use crate::juror::NotePhotoView;
use crate::refusal::Refusal;
use crate::roundtrip::records::note_content;

/// A juror's note on an entry in a stage, as merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldNote {
    pub stage: String,
    pub stage_name: String,
    pub entry: String,
    pub juror: String,
    pub juror_name: String,
    pub text: String,
    pub photos: Vec<NotePhotoView>,
    pub revision: u64,
    pub updated_at: String,
}

impl Chair {
    /// The jurors' notes that say something or carry photos, on every entry (or on `entry`), by
    /// entry, stage and juror in the competition's order.
    pub fn field_notes(&self, entry: Option<&str>) -> Result<Vec<FieldNote>, AppError> {
        let snap = self.snapshot()?;
        if let Some(code) = entry {
            if snap.entry_index(code).is_none() {
                return Err(AppError::UnknownEntry(code.to_string()));
            }
        }
        let tx = self.db.read();
        let stages = tx.stage_codes()?;
        let photos: std::collections::HashMap<(i64, i64, i64), String> = tx
            .notes_with_photos()?
            .into_iter()
            .map(|(s, e, j, p)| ((s, e, j), p))
            .collect();
        let stage_order = |code: &str| {
            snap.definition
                .stages
                .iter()
                .position(|s| s.id == code)
                .unwrap_or(usize::MAX)
        };
        let mut out = Vec::new();
        for row in tx.notes()? {
            let Some(e) = snap.entry_ids.iter().position(|id| *id == row.entry_id) else {
                continue;
            };
            let Some(j) = snap.juror_ids.iter().position(|id| *id == row.juror_id) else {
                continue;
            };
            let code = &snap.entries[e].code;
            if entry.is_some_and(|c| c != code) {
                continue;
            }
            let stage = stages.get(&row.stage_id).cloned().unwrap_or_default();
            let key = (row.stage_id, row.entry_id, row.juror_id);
            let content = note_content(
                row.value,
                photos.get(&key).map(String::as_str).unwrap_or_default(),
            )?;
            if content.text.trim().is_empty() && content.photos.is_empty() {
                continue;
            }
            out.push((
                (e, stage_order(&stage), j),
                FieldNote {
                    stage_name: snap
                        .definition
                        .stage(&stage)
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| stage.clone()),
                    stage,
                    entry: code.clone(),
                    juror: snap.jurors[j].id.clone(),
                    juror_name: snap.jurors[j].name.clone(),
                    text: content.text,
                    photos: content.photos.iter().map(NotePhotoView::from).collect(),
                    revision: row.revision as u64,
                    updated_at: row.updated_at,
                },
            ));
        }
        out.sort_by_key(|(order, _)| *order);
        Ok(out.into_iter().map(|(_, n)| n).collect())
    }

    /// The JPEG of a photo on a merged note, by its SHA-256 (or the first 12 or more of its hex
    /// digits, as lists show it).
    pub fn photo(&self, sha256: &str) -> Result<Vec<u8>, AppError> {
        let wanted = sha256.trim().to_ascii_lowercase();
        let not_found = || -> AppError {
            Refusal::PhotoNotMerged {
                sha256: wanted.clone(),
            }
            .into()
        };
        if wanted.len() < 12 {
            return Err(not_found());
        }
        let full = self
            .field_notes(None)?
            .into_iter()
            .flat_map(|n| n.photos)
            .map(|p| p.sha256)
            .find(|s| s.starts_with(&wanted))
            .ok_or_else(not_found)?;
        self.db.read().photo_bytes(&full)?.ok_or_else(not_found)
    }

    /// Saves a copy of a merged photo to a new file `out` (an existing file is not overwritten).
    pub fn save_photo(&self, sha256: &str, out: &Path) -> Result<u64, AppError> {
        let bytes = self.photo(sha256)?;
        crate::files::write_new_file(out, &bytes)?;
        Ok(bytes.len() as u64)
    }
}
