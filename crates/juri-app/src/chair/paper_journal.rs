//! The journal entry of a paper import: the cells and submission states exactly as written, so that
//! a rebuild replays it and a re-derivation can read what it wrote.

use std::collections::HashSet;

use juri_store::{CellWrite, PairRow, Tx};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A paper import as journaled: the cells and submission states exactly as written (and, in a demo
/// competition made by an earlier Juri, whose scores were journaled as a paper import, the jurors'
/// notes).
#[derive(Serialize, Deserialize)]
pub(crate) struct PaperBatch {
    pub file: String,
    pub cells: Vec<PaperCell>,
    pub submissions: Vec<PaperSubmission>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<PaperNote>,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct PaperNote {
    pub key: [i64; 3],
    pub note: String,
    pub revision: i64,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct PaperCell {
    pub key: [i64; 4],
    pub value: Option<i64>,
    pub comment: String,
    pub revision: i64,
    pub updated_at: String,
    pub source: String,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct PaperSubmission {
    pub key: [i64; 3],
    pub submitted: bool,
    pub revision: i64,
    pub updated_at: String,
}

/// A journaled paper import, read back.
pub(crate) fn read_paper(body: &str) -> Result<PaperBatch, AppError> {
    serde_json::from_str(body)
        .map_err(|e| AppError::Damaged(format!("a journaled paper import is damaged: {e}")))
}

/// Journals a paper import so a rebuild can replay it: the cells written from paper at `now`
/// and the submission states they set. Called inside the import's transaction.
pub(crate) fn record_paper_import(tx: &Tx<'_>, file: &str, now: &str) -> Result<(), AppError> {
    record_written(tx, file, now, tx.paper_cells_at(now)?)
}

fn record_written(
    tx: &Tx<'_>,
    file: &str,
    now: &str,
    cells: Vec<juri_store::CellRow>,
) -> Result<(), AppError> {
    if cells.is_empty() {
        return Ok(());
    }
    let pairs: HashSet<(i64, i64, i64)> = cells
        .iter()
        .map(|c| (c.stage_id, c.entry_id, c.juror_id))
        .collect();
    let batch = PaperBatch {
        file: file.to_string(),
        cells: cells
            .into_iter()
            .map(|c| PaperCell {
                key: [c.stage_id, c.entry_id, c.juror_id, c.criterion_id],
                value: c.value,
                comment: c.comment,
                revision: c.revision,
                updated_at: c.updated_at,
                source: c.source,
            })
            .collect(),
        submissions: tx
            .submissions_at(now)?
            .into_iter()
            .filter(|s| pairs.contains(&(s.stage_id, s.entry_id, s.juror_id)))
            .map(|s| PaperSubmission {
                key: [s.stage_id, s.entry_id, s.juror_id],
                submitted: s.value,
                revision: s.revision,
                updated_at: s.updated_at,
            })
            .collect(),
        notes: Vec::new(),
    };
    let body = serde_json::to_string(&batch).map_err(|e| AppError::Internal(e.to_string()))?;
    tx.add_journal(now, "paper", &body)?;
    Ok(())
}

/// The value and revision a journaled paper import wrote to the cell `key` (stage, entry,
/// juror, criterion ids), if it wrote that cell.
pub(crate) fn paper_cell(body: &str, key: [i64; 4]) -> Option<(Option<i64>, i64)> {
    let batch: PaperBatch = serde_json::from_str(body).ok()?;
    batch
        .cells
        .into_iter()
        .find(|c| c.key == key)
        .map(|c| (c.value, c.revision))
}

pub(crate) fn replay_paper(tx: &Tx<'_>, body: &str) -> Result<(), AppError> {
    let batch: PaperBatch = serde_json::from_str(body)
        .map_err(|e| AppError::Damaged(format!("a journaled paper import is damaged: {e}")))?;
    tx.upsert_cells(batch.cells.iter().map(|c| CellWrite {
        key: juri_store::CellKey {
            stage_id: c.key[0],
            entry_id: c.key[1],
            juror_id: c.key[2],
            criterion_id: c.key[3],
        },
        value: c.value,
        comment: &c.comment,
        revision: c.revision,
        updated_at: &c.updated_at,
        source: &c.source,
    }))?;
    for s in &batch.submissions {
        tx.put_submission(&PairRow {
            stage_id: s.key[0],
            entry_id: s.key[1],
            juror_id: s.key[2],
            value: s.submitted,
            revision: s.revision,
            updated_at: s.updated_at.clone(),
        })?;
    }
    for n in &batch.notes {
        tx.put_note(
            &PairRow {
                stage_id: n.key[0],
                entry_id: n.key[1],
                juror_id: n.key[2],
                value: n.note.clone(),
                revision: n.revision,
                updated_at: n.updated_at.clone(),
            },
            "",
        )?;
    }
    Ok(())
}
