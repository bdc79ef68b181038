//! The pure merge plan: what importing verified bundles would change in the
//! chair's records, computed without touching them, then applied in memory.
//!
//! Records are keyed by (stage, entry, juror, criterion) for score cells and
//! by (stage, entry, juror) for notes and submissions. For each key the
//! higher revision wins; the same revision with the same content changes
//! nothing; the same revision with different content is a conflict that
//! stays open until the chair rules on it or a higher revision supersedes
//! it. Merging is a join, so the resulting records do not depend on the
//! order bundles arrive, and importing a bundle twice changes nothing.

mod keyed;
mod record;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use keyed::KeyedPlan;
pub use record::{ChairDecision, Record, Rival, Version};

use crate::bundle::VerifiedBundle;
use crate::error::BundleError;
use crate::fingerprint::Fingerprint;
use record::Refusal;

/// Identifies a score cell.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScoreKey {
    pub stage: String,
    pub entry: String,
    pub juror: String,
    pub criterion: String,
}

/// Identifies a juror's note or submission state for an entry in a stage.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryKey {
    pub stage: String,
    pub entry: String,
    pub juror: String,
}

impl fmt::Display for ScoreKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the score of juror `{}` for entry `{}`, criterion `{}`, in stage `{}`",
            self.juror, self.entry, self.criterion, self.stage
        )
    }
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "juror `{}` on entry `{}` in stage `{}`",
            self.juror, self.entry, self.stage
        )
    }
}

/// What a score cell holds; two versions conflict when this differs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScoreContent {
    /// Canonical decimal text; `None` when cleared.
    pub value: Option<String>,
    pub comment: String,
}

/// The chair's merged records. The store loads and saves them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeState {
    pub scores: BTreeMap<ScoreKey, Record<ScoreContent>>,
    /// Note text per juror, entry and stage.
    pub notes: BTreeMap<EntryKey, Record<String>>,
    /// Submitted or not, per juror, entry and stage.
    pub submissions: BTreeMap<EntryKey, Record<bool>>,
}

/// What importing does to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The record did not exist.
    New,
    /// A higher revision replaces the record (closing any conflict it had),
    /// or a known version was written again later.
    Updated,
    /// The same revision and content as the record: nothing changes.
    Unchanged,
    /// An older revision than the record: nothing changes.
    Stale,
    /// The same revision with other content: the conflict is recorded with
    /// every version, and nothing is silently chosen.
    Conflict,
}

/// One record the import touches, with the record before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change<K, C> {
    pub key: K,
    pub outcome: Outcome,
    pub before: Option<Record<C>>,
    pub after: Record<C>,
}

/// What importing some verified bundles would change. Changes are sorted by
/// key within each kind, so the plan is the same however it is computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergePlan {
    /// The bundles this plan imports, in the order given.
    pub bundles: Vec<Fingerprint>,
    pub scores: Vec<Change<ScoreKey, ScoreContent>>,
    pub notes: Vec<Change<EntryKey, String>>,
    pub submissions: Vec<Change<EntryKey, bool>>,
}

/// How many records of each outcome a plan has, over all kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub stale: usize,
    pub conflicts: usize,
}

impl MergePlan {
    /// Counts for the preview the chair sees before applying.
    pub fn counts(&self) -> PlanCounts {
        let mut counts = PlanCounts::default();
        let outcomes = self
            .scores
            .iter()
            .map(|c| c.outcome)
            .chain(self.notes.iter().map(|c| c.outcome))
            .chain(self.submissions.iter().map(|c| c.outcome));
        for outcome in outcomes {
            match outcome {
                Outcome::New => counts.new += 1,
                Outcome::Updated => counts.updated += 1,
                Outcome::Unchanged => counts.unchanged += 1,
                Outcome::Stale => counts.stale += 1,
                Outcome::Conflict => counts.conflicts += 1,
            }
        }
        counts
    }

    /// Whether applying the plan would change any record.
    pub fn changes_anything(&self) -> bool {
        self.scores
            .iter()
            .any(|c| c.before.as_ref() != Some(&c.after))
            || self
                .notes
                .iter()
                .any(|c| c.before.as_ref() != Some(&c.after))
            || self
                .submissions
                .iter()
                .any(|c| c.before.as_ref() != Some(&c.after))
    }
}

/// Plans importing one verified bundle into `current`.
pub fn plan_merge(current: &MergeState, bundle: &VerifiedBundle) -> MergePlan {
    plan_merge_many(current, std::iter::once(bundle))
}

/// Plans importing several verified bundles into `current` at once. The
/// records after applying are the same for any order of `bundles`.
pub fn plan_merge_many<'a>(
    current: &MergeState,
    bundles: impl IntoIterator<Item = &'a VerifiedBundle>,
) -> MergePlan {
    let mut scores = Table::new(&current.scores);
    let mut notes = Table::new(&current.notes);
    let mut submissions = Table::new(&current.submissions);
    let mut fingerprints = Vec::new();
    for bundle in bundles {
        fingerprints.push(bundle.fingerprint());
        let juror = bundle.juror_id();
        for cell in bundle.scores() {
            let key = ScoreKey {
                stage: cell.stage.clone(),
                entry: cell.entry.clone(),
                juror: juror.to_owned(),
                criterion: cell.criterion.clone(),
            };
            let content = ScoreContent {
                value: cell.value.clone(),
                comment: cell.comment.clone(),
            };
            scores.absorb(key, cell.revision, content, &cell.updated_at);
        }
        for note in bundle.notes() {
            let key = entry_key(&note.stage, &note.entry, juror);
            notes.absorb(key, note.revision, note.note.clone(), &note.updated_at);
        }
        for submission in bundle.submissions() {
            let key = entry_key(&submission.stage, &submission.entry, juror);
            submissions.absorb(
                key,
                submission.revision,
                submission.submitted,
                &submission.updated_at,
            );
        }
    }
    MergePlan {
        bundles: fingerprints,
        scores: scores.into_changes(),
        notes: notes.into_changes(),
        submissions: submissions.into_changes(),
    }
}

fn entry_key(stage: &str, entry: &str, juror: &str) -> EntryKey {
    EntryKey {
        stage: stage.to_owned(),
        entry: entry.to_owned(),
        juror: juror.to_owned(),
    }
}

/// The records of one kind touched while planning.
struct Table<'a, K, C> {
    current: &'a BTreeMap<K, Record<C>>,
    touched: BTreeMap<K, (Record<C>, u64)>,
}

impl<'a, K: Ord + Clone, C: Ord + Clone> Table<'a, K, C> {
    fn new(current: &'a BTreeMap<K, Record<C>>) -> Self {
        Self {
            current,
            touched: BTreeMap::new(),
        }
    }

    fn absorb(&mut self, key: K, revision: u64, content: C, updated_at: &str) {
        let incoming = Version {
            content,
            updated_at: updated_at.to_owned(),
        };
        let merged = match self
            .touched
            .get(&key)
            .map(|(r, _)| r)
            .or_else(|| self.current.get(&key))
        {
            Some(record) => record.absorb(revision, &incoming),
            None => Record::new(revision, incoming.content, incoming.updated_at),
        };
        let highest = self
            .touched
            .get(&key)
            .map_or(revision, |(_, h)| revision.max(*h));
        self.touched.insert(key, (merged, highest));
    }

    fn into_changes(self) -> Vec<Change<K, C>> {
        self.touched
            .into_iter()
            .map(|(key, (after, highest))| {
                let before = self.current.get(&key).cloned();
                let outcome = classify(before.as_ref(), &after, highest);
                Change {
                    key,
                    outcome,
                    before,
                    after,
                }
            })
            .collect()
    }
}

/// The outcome of a record that was `before` and is `after` once versions
/// up to revision `highest` were absorbed.
pub(crate) fn classify<C: Ord + Clone>(
    before: Option<&Record<C>>,
    after: &Record<C>,
    highest: u64,
) -> Outcome {
    match before {
        Some(b) if b == after && highest < b.revision => Outcome::Stale,
        Some(b) if b == after => Outcome::Unchanged,
        _ if opens_conflict(before, after) => Outcome::Conflict,
        None => Outcome::New,
        Some(_) => Outcome::Updated,
    }
}

/// Whether `after` has an open conflict with a version that `before` did
/// not already have in open conflict (a conflict that is new, grew or
/// reopened, as opposed to a known conflicting version written again).
fn opens_conflict<C: Ord + Clone>(before: Option<&Record<C>>, after: &Record<C>) -> bool {
    fn in_conflict<C: Ord + Clone>(record: &Record<C>) -> BTreeSet<&C> {
        if record.has_open_conflict() {
            record.versions().map(|v| &v.content).collect()
        } else {
            BTreeSet::new()
        }
    }
    match before {
        _ if !after.has_open_conflict() => false,
        Some(before) if before.revision == after.revision => {
            !in_conflict(after).is_subset(&in_conflict(before))
        }
        _ => true,
    }
}

/// Records with conflicts the chair has not ruled on, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenConflicts {
    pub scores: Vec<(ScoreKey, Record<ScoreContent>)>,
    pub notes: Vec<(EntryKey, Record<String>)>,
    pub submissions: Vec<(EntryKey, Record<bool>)>,
}

impl OpenConflicts {
    /// How many records are in open conflict.
    pub fn len(&self) -> usize {
        self.scores.len() + self.notes.len() + self.submissions.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl MergeState {
    /// The records after `plan`. Refuses a plan made against other records
    /// ([`BundleError::PlanOutdated`]); the store mirrors the result in one
    /// transaction.
    pub fn apply(&self, plan: &MergePlan) -> Result<MergeState, BundleError> {
        let mut next = self.clone();
        apply_changes(&mut next.scores, &plan.scores)?;
        apply_changes(&mut next.notes, &plan.notes)?;
        apply_changes(&mut next.submissions, &plan.submissions)?;
        Ok(next)
    }

    /// Records in open conflict.
    pub fn open_conflicts(&self) -> OpenConflicts {
        fn open<K: Clone, C: Clone + Ord>(map: &BTreeMap<K, Record<C>>) -> Vec<(K, Record<C>)> {
            map.iter()
                .filter(|(_, r)| r.has_open_conflict())
                .map(|(k, r)| (k.clone(), r.clone()))
                .collect()
        }
        OpenConflicts {
            scores: open(&self.scores),
            notes: open(&self.notes),
            submissions: open(&self.submissions),
        }
    }

    /// Applies the chair's ruling on a score cell in conflict.
    pub fn resolve_score(
        &mut self,
        key: &ScoreKey,
        decision: &ChairDecision<ScoreContent>,
    ) -> Result<(), BundleError> {
        resolve(&mut self.scores, key, decision)
    }

    /// Applies the chair's ruling on a note in conflict.
    pub fn resolve_note(
        &mut self,
        key: &EntryKey,
        decision: &ChairDecision<String>,
    ) -> Result<(), BundleError> {
        resolve(&mut self.notes, key, decision)
    }

    /// Applies the chair's ruling on a submission state in conflict.
    pub fn resolve_submission(
        &mut self,
        key: &EntryKey,
        decision: &ChairDecision<bool>,
    ) -> Result<(), BundleError> {
        resolve(&mut self.submissions, key, decision)
    }
}

fn apply_changes<K: Ord + Clone, C: Clone + Eq>(
    map: &mut BTreeMap<K, Record<C>>,
    changes: &[Change<K, C>],
) -> Result<(), BundleError> {
    if changes.iter().any(|c| map.get(&c.key) != c.before.as_ref()) {
        return Err(BundleError::PlanOutdated);
    }
    for change in changes {
        map.insert(change.key.clone(), change.after.clone());
    }
    Ok(())
}

fn resolve<K: Ord + fmt::Display, C: Ord + Clone>(
    map: &mut BTreeMap<K, Record<C>>,
    key: &K,
    decision: &ChairDecision<C>,
) -> Result<(), BundleError> {
    let record = map
        .get_mut(key)
        .ok_or_else(|| BundleError::NoSuchConflict {
            record: key.to_string(),
            revision: decision.revision,
        })?;
    *record = record.resolve(decision, &key.to_string())?;
    Ok(())
}

impl<C: Ord + Clone> Record<C> {
    /// This record after the chair's `decision`; `name` names the record in
    /// errors (e.g. a [`ScoreKey`]'s text). Refuses a decision for another
    /// revision ([`BundleError::DecisionSuperseded`]), for a record without
    /// conflict, or choosing a content that is not among the versions.
    pub fn resolve(&self, decision: &ChairDecision<C>, name: &str) -> Result<Self, BundleError> {
        self.resolved(decision).map_err(|refusal| match refusal {
            Refusal::NoConflict => BundleError::NoSuchConflict {
                record: name.to_owned(),
                revision: decision.revision,
            },
            Refusal::Superseded { current } => BundleError::DecisionSuperseded {
                record: name.to_owned(),
                decided: decision.revision,
                current,
            },
            Refusal::NotACandidate => BundleError::NotACandidate {
                record: name.to_owned(),
            },
        })
    }
}
