//! Planning a merge over the chair's records and writing the plan: the records are
//! `juri-bundle` [`Record`]s keyed by the store's integer ids, so the rules (higher revision
//! wins, conflicts kept, order does not matter) are the bundle crate's own.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use juri_bundle::{Change, KeyedPlan, Outcome, Record, Rival, Version};
use juri_store::{CellKey, CellWrite, ConflictRow, PairRow, RecordKind, Tx};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::error::AppError;
use crate::roundtrip::conflicts::{ConflictView, Names};
use crate::roundtrip::merge_engine::{CellContent, InRecord, Incoming};

/// The source written in the `scores` table for cells that came from bundles.
pub(crate) const BUNDLE_SOURCE: &str = "bundle";

/// A fast hash for the store's small integer keys (not exposed to untrusted input: the ids
/// are the chair's own).
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type Ids = BuildHasherDefault<IdHasher>;
pub(crate) type IdMap<V> = HashMap<CellKey, V, Ids>;

/// The chair's current records, for the keys a merge may touch.
#[derive(Default)]
pub(crate) struct Current {
    pub cells: IdMap<Record<CellContent>>,
    pub notes: IdMap<Record<String>>,
    pub submissions: IdMap<Record<bool>>,
}

#[derive(Serialize, Deserialize)]
struct RivalJson<C> {
    content: C,
    updated_at: String,
    dismissed: bool,
}

fn damaged(e: impl std::fmt::Display) -> AppError {
    AppError::Invalid(format!("a stored conflict is damaged: {e}"))
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

impl Current {
    /// Loads the records of `jurors` (all when empty). Skips the scan when there are no records.
    pub fn load(tx: &Tx<'_>, jurors: &[i64]) -> Result<Current, AppError> {
        let mut current = Current::default();
        let conflicts: HashMap<(RecordKind, CellKey), ConflictRow> = tx
            .conflict_rows()?
            .into_iter()
            .map(|c| ((c.kind, c.key), c))
            .collect();
        let wanted = |j: i64| jurors.is_empty() || jurors.contains(&j);
        tx.for_each_cell(jurors, |c| {
            let key = CellKey {
                stage_id: c.stage_id,
                entry_id: c.entry_id,
                juror_id: c.juror_id,
                criterion_id: c.criterion_id,
            };
            let record = with_conflict(
                c.revision as u64,
                CellContent {
                    value: c.value,
                    comment: c.comment,
                },
                c.updated_at,
                conflicts.get(&(RecordKind::Score, key)),
            )
            .map_err(|e| juri_store::StoreError::Damaged(e.to_string()))?;
            current.cells.insert(key, record);
            Ok(())
        })?;
        for n in tx.notes()?.into_iter().filter(|n| wanted(n.juror_id)) {
            let key = pair_key(&n);
            let c = conflicts.get(&(RecordKind::Note, key));
            let record = with_conflict(n.revision as u64, n.value, n.updated_at, c)?;
            current.notes.insert(key, record);
        }
        for s in tx.submissions()?.into_iter().filter(|s| wanted(s.juror_id)) {
            let key = pair_key(&s);
            let c = conflicts.get(&(RecordKind::Submission, key));
            let record = with_conflict(s.revision as u64, s.value, s.updated_at, c)?;
            current.submissions.insert(key, record);
        }
        Ok(current)
    }
}

fn pair_key<T>(r: &PairRow<T>) -> CellKey {
    CellKey {
        stage_id: r.stage_id,
        entry_id: r.entry_id,
        juror_id: r.juror_id,
        criterion_id: 0,
    }
}

/// How one bundle's versions compare with the chair's records before the merge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutcomeCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub stale: usize,
    pub conflicts: usize,
}

impl OutcomeCounts {
    pub(crate) fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Stale => self.stale += 1,
            Outcome::Conflict => self.conflicts += 1,
        }
    }
}

/// The merge plan over the store's ids.
pub(crate) struct Plan {
    pub cells: KeyedPlan<CellKey, CellContent, Ids>,
    pub notes: KeyedPlan<CellKey, String, Ids>,
    pub submissions: KeyedPlan<CellKey, bool, Ids>,
}

fn versus<C: Ord + Clone>(before: Option<&Record<C>>, revision: u64, content: &C) -> Outcome {
    match before {
        None => Outcome::New,
        Some(r) if revision > r.revision => Outcome::Updated,
        Some(r) if revision < r.revision => Outcome::Stale,
        Some(r) if r.versions().any(|v| &v.content == content) => Outcome::Unchanged,
        Some(_) => Outcome::Conflict,
    }
}

fn absorb_all<C: Ord + Clone>(
    plan: &mut KeyedPlan<CellKey, C, Ids>,
    current: &IdMap<Record<C>>,
    records: Vec<InRecord<C>>,
    counts: &mut OutcomeCounts,
) {
    for r in records {
        counts.add(versus(current.get(&r.key), r.revision, &r.content));
        plan.absorb(r.key, r.revision, r.content, r.updated_at, |k| {
            current.get(k).cloned()
        });
    }
}

impl Plan {
    pub fn new(capacity: usize) -> Plan {
        Plan {
            cells: KeyedPlan::with_capacity_and_hasher(capacity, Ids::default()),
            notes: KeyedPlan::with_capacity_and_hasher(0, Ids::default()),
            submissions: KeyedPlan::with_capacity_and_hasher(0, Ids::default()),
        }
    }

    /// Absorbs one bundle; returns how its versions compare with the records before the merge.
    /// The first bundle makes room for about as many cells per file as it has.
    pub fn absorb(&mut self, current: &Current, bundle: Incoming, files: usize) -> OutcomeCounts {
        if self.cells.is_empty() {
            self.cells.reserve(bundle.cells.len() * files);
        }
        let mut counts = OutcomeCounts::default();
        absorb_all(&mut self.cells, &current.cells, bundle.cells, &mut counts);
        absorb_all(&mut self.notes, &current.notes, bundle.notes, &mut counts);
        absorb_all(
            &mut self.submissions,
            &current.submissions,
            bundle.submissions,
            &mut counts,
        );
        counts
    }
}

/// What going through a plan found.
#[derive(Default)]
pub(crate) struct Settled {
    pub counts: OutcomeCounts,
    /// The conflicts the plan opens or widens.
    pub conflicts: Vec<ConflictView>,
}

/// Goes through a plan in key order, one record at a time: counts the outcomes, names the
/// conflicts it opens, and with `tx` writes every changed record and its conflict state.
pub(crate) fn settle(plan: Plan, names: &Names, tx: Option<&Tx<'_>>) -> Result<Settled, AppError> {
    let mut s = Settled::default();
    let mut writer = tx.map(|tx| tx.cell_writer()).transpose()?;
    for c in plan.cells.into_sorted() {
        s.counts.add(c.outcome);
        if c.outcome == Outcome::Conflict {
            s.conflicts
                .push(names.view(RecordKind::Score, c.key, &c.after));
        }
        if let (Some(tx), Some(w)) = (tx, writer.as_mut()) {
            if c.before.as_ref() != Some(&c.after) {
                w.put(&CellWrite {
                    key: c.key,
                    value: c.after.current.content.value,
                    comment: &c.after.current.content.comment,
                    revision: c.after.revision as i64,
                    updated_at: &c.after.current.updated_at,
                    source: BUNDLE_SOURCE,
                })?;
                write_conflict(tx, RecordKind::Score, &c)?;
            }
        }
    }
    drop(writer);
    for c in plan.notes.into_sorted() {
        s.counts.add(c.outcome);
        if c.outcome == Outcome::Conflict {
            s.conflicts
                .push(names.view(RecordKind::Note, c.key, &c.after));
        }
        if let Some(tx) = tx.filter(|_| c.before.as_ref() != Some(&c.after)) {
            tx.put_note(&pair_row(&c, c.after.current.content.clone()))?;
            write_conflict(tx, RecordKind::Note, &c)?;
        }
    }
    for c in plan.submissions.into_sorted() {
        s.counts.add(c.outcome);
        if c.outcome == Outcome::Conflict {
            s.conflicts
                .push(names.view(RecordKind::Submission, c.key, &c.after));
        }
        if let Some(tx) = tx.filter(|_| c.before.as_ref() != Some(&c.after)) {
            tx.put_submission(&pair_row(&c, c.after.current.content))?;
            write_conflict(tx, RecordKind::Submission, &c)?;
        }
    }
    Ok(s)
}

fn pair_row<C, T>(c: &Change<CellKey, C>, value: T) -> PairRow<T> {
    PairRow {
        stage_id: c.key.stage_id,
        entry_id: c.key.entry_id,
        juror_id: c.key.juror_id,
        value,
        revision: c.after.revision as i64,
        updated_at: c.after.current.updated_at.clone(),
    }
}

/// Keeps the conflict row of a changed record in step with its rivals.
pub(crate) fn write_conflict<C: Serialize + Clone + Ord>(
    tx: &Tx<'_>,
    kind: RecordKind,
    c: &Change<CellKey, C>,
) -> Result<(), AppError> {
    write_record_conflict(tx, kind, c.key, c.before.as_ref(), &c.after)
}

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

/// One record of the chair's, with its conflict state; `None` when it does not exist.
pub(crate) fn load_record<C: DeserializeOwned>(
    tx: &Tx<'_>,
    kind: RecordKind,
    key: CellKey,
) -> Result<Option<Record<C>>, AppError> {
    let found: Option<(u64, serde_json::Value, String)> = match kind {
        RecordKind::Score => tx
            .cells(Some(key.stage_id), Some(key.juror_id), Some(key.entry_id))?
            .into_iter()
            .find(|c| c.criterion_id == key.criterion_id)
            .map(|c| {
                let content = serde_json::json!({"value": c.value, "comment": c.comment});
                (c.revision as u64, content, c.updated_at)
            }),
        RecordKind::Note => tx
            .notes()?
            .into_iter()
            .find(|n| pair_key(n) == key)
            .map(|n| {
                (
                    n.revision as u64,
                    serde_json::Value::from(n.value),
                    n.updated_at,
                )
            }),
        RecordKind::Submission => tx
            .submissions()?
            .into_iter()
            .find(|s| pair_key(s) == key)
            .map(|s| {
                (
                    s.revision as u64,
                    serde_json::Value::from(s.value),
                    s.updated_at,
                )
            }),
    };
    let Some((revision, content, updated_at)) = found else {
        return Ok(None);
    };
    let content: C = serde_json::from_value(content).map_err(damaged)?;
    let conflict = tx
        .conflict_rows()?
        .into_iter()
        .find(|c| c.kind == kind && c.key == key);
    with_conflict(revision, content, updated_at, conflict.as_ref()).map(Some)
}
