//! The chair's merged records as `juri-bundle` [`Record`]s keyed by the store's integer ids:
//! looked up one key at a time ([`StoreRecords`], what the merge planner asks), and written back
//! with their conflict state. Used by the merge, the rulings on conflicts and the rebuild.

use juri_bundle::{ChairRecords, NoteContent, NotePhoto, Record, Rival, Version};
use juri_store::{CellKey, CellWrite, ConflictRow, PairRow, RecordKind, Tx};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::error::AppError;

/// The source written in the `scores` table for cells that came from bundles.
pub(crate) const BUNDLE_SOURCE: &str = "bundle";

/// What a score cell holds (value in thousandths).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct CellContent {
    pub value: Option<i64>,
    pub comment: String,
}

/// The chair's records in the database, read only for the keys asked (a merge asks for the keys
/// its bundles touch, once each).
pub(crate) struct StoreRecords<'t, 'c> {
    tx: &'t Tx<'c>,
    /// No record at all: every lookup is answered without a query.
    empty: bool,
}

impl<'t, 'c> StoreRecords<'t, 'c> {
    pub fn new(tx: &'t Tx<'c>) -> Result<Self, AppError> {
        Ok(Self {
            tx,
            empty: !tx.has_records()?,
        })
    }
}

impl ChairRecords<CellKey, CellKey, CellContent> for StoreRecords<'_, '_> {
    type Error = AppError;

    fn score(&self, key: &CellKey) -> Result<Option<Record<CellContent>>, AppError> {
        if self.empty {
            return Ok(None);
        }
        let Some(c) = self.tx.cell(*key)? else {
            return Ok(None);
        };
        let content = CellContent {
            value: c.value,
            comment: c.comment,
        };
        let conflict = self.tx.conflict_row(RecordKind::Score, *key)?;
        with_conflict(c.revision as u64, content, c.updated_at, conflict.as_ref()).map(Some)
    }

    fn note(&self, key: &CellKey) -> Result<Option<Record<NoteContent>>, AppError> {
        if self.empty {
            return Ok(None);
        }
        let row = match self.tx.note(*key)? {
            Some(row) => Some(PairRow {
                value: note_content(row.value, &self.tx.note_photos(*key)?)?,
                stage_id: row.stage_id,
                entry_id: row.entry_id,
                juror_id: row.juror_id,
                revision: row.revision,
                updated_at: row.updated_at,
            }),
            None => None,
        };
        pair_record(self.tx, RecordKind::Note, *key, row)
    }

    fn submission(&self, key: &CellKey) -> Result<Option<Record<bool>>, AppError> {
        if self.empty {
            return Ok(None);
        }
        pair_record(
            self.tx,
            RecordKind::Submission,
            *key,
            self.tx.submission(*key)?,
        )
    }
}

fn pair_record<T: DeserializeOwned>(
    tx: &Tx<'_>,
    kind: RecordKind,
    key: CellKey,
    row: Option<PairRow<T>>,
) -> Result<Option<Record<T>>, AppError> {
    let Some(row) = row else {
        return Ok(None);
    };
    let conflict = tx.conflict_row(kind, key)?;
    with_conflict(
        row.revision as u64,
        row.value,
        row.updated_at,
        conflict.as_ref(),
    )
    .map(Some)
}

/// One record of the chair's, with its conflict state; `None` when it does not exist.
pub(crate) fn load_record<C: DeserializeOwned>(
    tx: &Tx<'_>,
    kind: RecordKind,
    key: CellKey,
) -> Result<Option<Record<C>>, AppError> {
    let found: Option<(u64, serde_json::Value, String)> = match kind {
        RecordKind::Score => tx.cell(key)?.map(|c| {
            let content = serde_json::json!({"value": c.value, "comment": c.comment});
            (c.revision as u64, content, c.updated_at)
        }),
        RecordKind::Note => match tx.note(key)? {
            Some(n) => {
                let content = note_content(n.value, &tx.note_photos(key)?)?;
                let json = serde_json::to_value(&content).map_err(damaged)?;
                Some((n.revision as u64, json, n.updated_at))
            }
            None => None,
        },
        RecordKind::Submission => tx
            .submission(key)?
            .map(|s| (s.revision as u64, s.value.into(), s.updated_at)),
    };
    let Some((revision, content, updated_at)) = found else {
        return Ok(None);
    };
    let content: C = serde_json::from_value(content).map_err(damaged)?;
    let conflict = tx.conflict_row(kind, key)?;
    with_conflict(revision, content, updated_at, conflict.as_ref()).map(Some)
}

#[derive(Serialize, Deserialize)]
struct RivalJson<C> {
    content: C,
    updated_at: String,
    dismissed: bool,
}

fn damaged(e: impl std::fmt::Display) -> AppError {
    AppError::Damaged(format!("a stored conflict is damaged: {e}"))
}

fn rivals_json<C: Serialize + Clone>(record: &Record<C>) -> Result<String, AppError> {
    let list: Vec<RivalJson<C>> = record
        .rivals
        .iter()
        .map(|r| RivalJson {
            content: r.version.content.clone(),
            updated_at: r.version.updated_at.clone(),
            dismissed: r.dismissed,
        })
        .collect();
    serde_json::to_string(&list).map_err(damaged)
}

/// A record from its row and its conflict row (ignored when a higher revision left it behind).
fn with_conflict<C: DeserializeOwned>(
    revision: u64,
    content: C,
    updated_at: String,
    conflict: Option<&ConflictRow>,
) -> Result<Record<C>, AppError> {
    let mut record = Record {
        revision,
        current: Version {
            content,
            updated_at,
        },
        rivals: Vec::new(),
        chosen_by_chair: false,
    };
    if let Some(c) = conflict.filter(|c| c.revision as u64 == revision) {
        let list: Vec<RivalJson<C>> = serde_json::from_str(&c.rivals).map_err(damaged)?;
        record.rivals = list
            .into_iter()
            .map(|r| Rival {
                version: Version {
                    content: r.content,
                    updated_at: r.updated_at,
                },
                dismissed: r.dismissed,
            })
            .collect();
        record.chosen_by_chair = c.chosen_by_chair;
    }
    Ok(record)
}

/// Keeps the conflict row of a changed record in step with its rivals.
pub(crate) fn write_record_conflict<C: Serialize + Clone + Ord>(
    tx: &Tx<'_>,
    kind: RecordKind,
    key: CellKey,
    before: Option<&Record<C>>,
    after: &Record<C>,
) -> Result<(), AppError> {
    if !after.rivals.is_empty() {
        tx.put_conflict(&ConflictRow {
            kind,
            key,
            revision: after.revision as i64,
            chosen_by_chair: after.chosen_by_chair,
            rivals: rivals_json(after)?,
        })?;
    } else if before.is_some_and(|b| !b.rivals.is_empty()) {
        tx.delete_conflict(kind, key)?;
    }
    Ok(())
}

/// Writes a record (its version in force and its conflict row).
pub(crate) fn write_record<C: Serialize + Clone + Ord>(
    tx: &Tx<'_>,
    kind: RecordKind,
    key: CellKey,
    before: &Record<C>,
    after: &Record<C>,
) -> Result<(), AppError> {
    let json = serde_json::to_value(&after.current.content)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let at = &after.current.updated_at;
    match kind {
        RecordKind::Score => {
            let content: CellContent =
                serde_json::from_value(json).map_err(|e| AppError::Internal(e.to_string()))?;
            tx.upsert_cells([CellWrite {
                key,
                value: content.value,
                comment: &content.comment,
                revision: after.revision as i64,
                updated_at: at,
                source: BUNDLE_SOURCE,
            }])?;
        }
        RecordKind::Note => {
            let note: NoteContent =
                serde_json::from_value(json).map_err(|e| AppError::Internal(e.to_string()))?;
            let photos = photos_json(&note.photos);
            tx.put_note(&pair_row(key, note.text, after.revision, at), &photos)?;
        }
        RecordKind::Submission => {
            let submitted = json.as_bool().unwrap_or_default();
            tx.put_submission(&pair_row(key, submitted, after.revision, at))?;
        }
    }
    write_record_conflict(tx, kind, key, Some(before), after)
}

/// A note's photos as the store keeps them: JSON, empty for none.
pub(crate) fn photos_json(photos: &[NotePhoto]) -> String {
    if photos.is_empty() {
        String::new()
    } else {
        serde_json::to_string(photos).unwrap_or_default()
    }
}

/// A stored note's content: its text and its photos' JSON.
pub(crate) fn note_content(text: String, photos: &str) -> Result<NoteContent, AppError> {
    let photos = if photos.is_empty() {
        Vec::new()
    } else {
        serde_json::from_str(photos)
            .map_err(|e| AppError::Damaged(format!("a stored note's photos are damaged: {e}")))?
    };
    Ok(NoteContent { text, photos })
}

/// The row of a note or submission state.
pub(crate) fn pair_row<T>(key: CellKey, value: T, revision: u64, at: &str) -> PairRow<T> {
    PairRow {
        stage_id: key.stage_id,
        entry_id: key.entry_id,
        juror_id: key.juror_id,
        value,
        revision: revision as i64,
        updated_at: at.to_string(),
    }
}
