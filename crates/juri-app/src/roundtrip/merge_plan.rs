//! The chair's merge plan: `juri-bundle`'s one planner ([`MergePlan`]) over the store's integer
//! ids, so the rules (higher revision wins, conflicts kept, order does not matter) are the bundle
//! crate's own and its property tests prove them. Here: what the preview shows of a plan, and
//! writing a plan in key order.

use std::hash::{BuildHasherDefault, Hasher};

use juri_bundle::{Change, MergePlan, Outcome, PlanCounts, Record};
use juri_store::{CellKey, CellWrite, RecordKind, Tx};
use serde::Serialize;

use crate::error::AppError;
use crate::roundtrip::conflicts::{ConflictView, Names, Shown};
use crate::roundtrip::records::{
    pair_row, photos_json, write_record_conflict, CellContent, BUNDLE_SOURCE,
};

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

/// The merge plan over the store's ids.
pub(crate) type Plan = MergePlan<CellKey, CellKey, CellContent, Ids>;

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

impl From<PlanCounts> for OutcomeCounts {
    fn from(c: PlanCounts) -> Self {
        OutcomeCounts {
            new: c.new,
            updated: c.updated,
            unchanged: c.unchanged,
            stale: c.stale,
            conflicts: c.conflicts,
        }
    }
}

/// What going through a plan found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settled {
    pub counts: OutcomeCounts,
    /// The conflicts the plan opens or widens, in key order (scores, notes, submissions).
    pub conflicts: Vec<ConflictView>,
    /// The record of each conflict, in the same order.
    keys: Vec<(RecordKind, CellKey)>,
}

impl Settled {
    /// Adds what another plan over other records found; [`Settled::sorted`] puts the conflicts
    /// back in key order.
    pub fn add(&mut self, other: Settled) {
        let c = other.counts;
        self.counts.new += c.new;
        self.counts.updated += c.updated;
        self.counts.unchanged += c.unchanged;
        self.counts.stale += c.stale;
        self.counts.conflicts += c.conflicts;
        self.conflicts.extend(other.conflicts);
        self.keys.extend(other.keys);
    }

    /// The conflicts in key order (scores, notes, submissions), as one plan of every record
    /// would list them.
    pub fn sorted(mut self) -> Settled {
        if !self.keys.is_sorted() {
            let mut both: Vec<_> = self.keys.into_iter().zip(self.conflicts).collect();
            both.sort_by_key(|(key, _)| *key);
            (self.keys, self.conflicts) = both.into_iter().unzip();
        }
        self
    }
}

/// The preview of a plan: its counts and the conflicts it opens, without consuming it.
pub(crate) fn preview(plan: &Plan, names: &Names) -> Settled {
    let mut conflicts = Vec::new();
    let mut keys = Vec::new();
    for (kind, mut found) in [
        (
            RecordKind::Score,
            conflicts_in(plan.scores.outcomes(), RecordKind::Score, names),
        ),
        (
            RecordKind::Note,
            conflicts_in(plan.notes.outcomes(), RecordKind::Note, names),
        ),
        (
            RecordKind::Submission,
            conflicts_in(plan.submissions.outcomes(), RecordKind::Submission, names),
        ),
    ] {
        found.sort_by_key(|(key, _)| *key);
        for (key, view) in found {
            keys.push((kind, key));
            conflicts.push(view);
        }
    }
    Settled {
        counts: plan.counts().into(),
        conflicts,
        keys,
    }
}

fn conflicts_in<'a, C: Shown + 'a>(
    outcomes: impl Iterator<Item = (&'a CellKey, Outcome, &'a Record<C>)>,
    kind: RecordKind,
    names: &Names,
) -> Vec<(CellKey, ConflictView)> {
    outcomes
        .filter(|(_, outcome, _)| *outcome == Outcome::Conflict)
        .map(|(key, _, after)| (*key, names.view(kind, *key, after)))
        .collect()
}

/// Writes a plan in key order, one record at a time: every changed record and its conflict
/// state. Returns the counts and the conflicts it opened, as [`preview`] does.
pub(crate) fn write(plan: Plan, names: &Names, tx: &Tx<'_>) -> Result<Settled, AppError> {
    let mut s = Settled::default();
    let mut writer = tx.cell_writer()?;
    for c in plan.scores.into_sorted() {
        settle(&mut s, names, RecordKind::Score, &c);
        if c.before.as_ref() != Some(&c.after) {
            writer.put(&CellWrite {
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
    drop(writer);
    for c in plan.notes.into_sorted() {
        settle(&mut s, names, RecordKind::Note, &c);
        if c.before.as_ref() != Some(&c.after) {
            let content = &c.after.current.content;
            let row = pair_row(
                c.key,
                content.text.clone(),
                c.after.revision,
                &c.after.current.updated_at,
            );
            tx.put_note(&row, &photos_json(&content.photos))?;
            write_conflict(tx, RecordKind::Note, &c)?;
        }
    }
    for c in plan.submissions.into_sorted() {
        settle(&mut s, names, RecordKind::Submission, &c);
        if c.before.as_ref() != Some(&c.after) {
            let row = pair_row(
                c.key,
                c.after.current.content,
                c.after.revision,
                &c.after.current.updated_at,
            );
            tx.put_submission(&row)?;
            write_conflict(tx, RecordKind::Submission, &c)?;
        }
    }
    Ok(s)
}

fn settle<C: Shown>(s: &mut Settled, names: &Names, kind: RecordKind, c: &Change<CellKey, C>) {
    s.counts.add(c.outcome);
    if c.outcome == Outcome::Conflict {
        s.conflicts.push(names.view(kind, c.key, &c.after));
        s.keys.push((kind, c.key));
    }
}

/// Keeps the conflict row of a changed record in step with its rivals.
fn write_conflict<C: Serialize + Clone + Ord>(
    tx: &Tx<'_>,
    kind: RecordKind,
    c: &Change<CellKey, C>,
) -> Result<(), AppError> {
    write_record_conflict(tx, kind, c.key, c.before.as_ref(), &c.after)
}
