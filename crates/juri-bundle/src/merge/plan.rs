//! The merge plan over all three kinds of record, and the lookup of the
//! chair's records it plans against.
//!
//! `SK` keys score cells, `EK` notes and submission states, `V` is what a
//! score cell holds: text keys and [`super::ScoreContent`] for a plan the
//! chair reads, the store's integer ids and its own content for the chair's
//! merge. `S` hashes the keys.

use std::collections::hash_map::RandomState;
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::hash::{BuildHasher, Hash};

use super::{Change, KeyedPlan, NoteContent, PlanCounts, Record};

/// One incoming version of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming<K, C> {
    pub key: K,
    pub revision: u64,
    pub content: C,
    /// When the juror wrote it (RFC 3339).
    pub updated_at: String,
}

/// Every version one bundle carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleRecords<SK, EK, V> {
    pub scores: Vec<Incoming<SK, V>>,
    pub notes: Vec<Incoming<EK, NoteContent>>,
    pub submissions: Vec<Incoming<EK, bool>>,
}

impl<SK, EK, V> BundleRecords<SK, EK, V> {
    /// How many records the bundle carries.
    pub fn len(&self) -> usize {
        self.scores.len() + self.notes.len() + self.submissions.len()
    }

    /// Whether it carries none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The chair's records, looked up one key at a time: the planner asks only
/// for the keys the incoming bundles touch, once each. A database
/// implements it with point queries; [`RecordMap`] in memory.
pub trait ChairRecords<SK, EK, V> {
    type Error;
    fn score(&self, key: &SK) -> Result<Option<Record<V>>, Self::Error>;
    fn note(&self, key: &EK) -> Result<Option<Record<NoteContent>>, Self::Error>;
    fn submission(&self, key: &EK) -> Result<Option<Record<bool>>, Self::Error>;
}

/// Records held in memory, sorted by key: the chair's records in tests and
/// tools, or only those a merge touches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMap<SK, EK, V> {
    pub scores: BTreeMap<SK, Record<V>>,
    pub notes: BTreeMap<EK, Record<NoteContent>>,
    pub submissions: BTreeMap<EK, Record<bool>>,
}

impl<SK, EK, V> Default for RecordMap<SK, EK, V> {
    fn default() -> Self {
        Self {
            scores: BTreeMap::new(),
            notes: BTreeMap::new(),
            submissions: BTreeMap::new(),
        }
    }
}

impl<SK: Ord, EK: Ord, V: Clone> ChairRecords<SK, EK, V> for RecordMap<SK, EK, V> {
    type Error = Infallible;
    fn score(&self, key: &SK) -> Result<Option<Record<V>>, Infallible> {
        Ok(self.scores.get(key).cloned())
    }
    fn note(&self, key: &EK) -> Result<Option<Record<NoteContent>>, Infallible> {
        Ok(self.notes.get(key).cloned())
    }
    fn submission(&self, key: &EK) -> Result<Option<Record<bool>>, Infallible> {
        Ok(self.submissions.get(key).cloned())
    }
}

/// What importing some bundles would change: for every record they touch,
/// the record before (looked up once) and after, and its outcome. Planning
/// changes nothing; the caller applies the changes (the chair's store in one
/// transaction) after checking with [`MergePlan::is_current`] that the
/// records are still those it was planned against.
#[derive(Debug, Clone)]
pub struct MergePlan<SK, EK, V, S = RandomState> {
    pub scores: KeyedPlan<SK, V, S>,
    pub notes: KeyedPlan<EK, NoteContent, S>,
    pub submissions: KeyedPlan<EK, bool, S>,
}

impl<SK, EK, V, S: Default> Default for MergePlan<SK, EK, V, S> {
    fn default() -> Self {
        Self {
            scores: KeyedPlan::default(),
            notes: KeyedPlan::default(),
            submissions: KeyedPlan::default(),
        }
    }
}

/// Every change of a plan, sorted by key within each kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes<SK, EK, V> {
    pub scores: Vec<Change<SK, V>>,
    pub notes: Vec<Change<EK, NoteContent>>,
    pub submissions: Vec<Change<EK, bool>>,
}

impl<SK, EK, V, S> MergePlan<SK, EK, V, S>
where
    SK: Eq + Hash + Ord + Clone,
    EK: Eq + Hash + Ord + Clone,
    V: Ord + Clone,
    S: BuildHasher + Default,
{
    /// An empty plan.
    pub fn new() -> Self {
        Self::default()
    }

    /// Absorbs every version of one bundle, looking up in `chair` each key
    /// seen for the first time. Returns how the bundle's versions compare
    /// with the records before the merge (a file's line in the preview).
    pub fn absorb<R>(
        &mut self,
        bundle: BundleRecords<SK, EK, V>,
        chair: &R,
    ) -> Result<PlanCounts, R::Error>
    where
        R: ChairRecords<SK, EK, V> + ?Sized,
    {
        if self.scores.is_empty() {
            self.scores.reserve(bundle.scores.len());
        }
        let mut counts = PlanCounts::default();
        for r in bundle.scores {
            let outcome =
                self.scores
                    .try_absorb(r.key, r.revision, r.content, r.updated_at, |k| {
                        chair.score(k)
                    })?;
            counts.add(outcome);
        }
        for r in bundle.notes {
            let outcome =
                self.notes
                    .try_absorb(r.key, r.revision, r.content, r.updated_at, |k| {
                        chair.note(k)
                    })?;
            counts.add(outcome);
        }
        for r in bundle.submissions {
            let outcome =
                self.submissions
                    .try_absorb(r.key, r.revision, r.content, r.updated_at, |k| {
                        chair.submission(k)
                    })?;
            counts.add(outcome);
        }
        Ok(counts)
    }

    /// Outcomes over every record the plan touches.
    pub fn counts(&self) -> PlanCounts {
        let mut counts = PlanCounts::default();
        let outcomes = self
            .scores
            .outcomes()
            .map(|(_, o, _)| o)
            .chain(self.notes.outcomes().map(|(_, o, _)| o))
            .chain(self.submissions.outcomes().map(|(_, o, _)| o));
        for outcome in outcomes {
            counts.add(outcome);
        }
        counts
    }

    /// Whether applying the plan would change any record.
    pub fn changes_anything(&self) -> bool {
        self.scores.changes_anything()
            || self.notes.changes_anything()
            || self.submissions.changes_anything()
    }

    /// Whether every record the plan touches is still what it was planned
    /// against.
    pub fn is_current<R>(&self, chair: &R) -> Result<bool, R::Error>
    where
        R: ChairRecords<SK, EK, V> + ?Sized,
    {
        Ok(self.scores.is_current(|k| chair.score(k))?
            && self.notes.is_current(|k| chair.note(k))?
            && self.submissions.is_current(|k| chair.submission(k))?)
    }

    /// Every change, sorted by key within each kind.
    pub fn into_changes(self) -> Changes<SK, EK, V> {
        Changes {
            scores: self.scores.into_changes(),
            notes: self.notes.into_changes(),
            submissions: self.submissions.into_changes(),
        }
    }
}

impl<SK, EK, V> Changes<SK, EK, V> {
    /// Outcomes over every change.
    pub fn counts(&self) -> PlanCounts {
        let mut counts = PlanCounts::default();
        let outcomes = self
            .scores
            .iter()
            .map(|c| c.outcome)
            .chain(self.notes.iter().map(|c| c.outcome))
            .chain(self.submissions.iter().map(|c| c.outcome));
        for outcome in outcomes {
            counts.add(outcome);
        }
        counts
    }

    /// Whether any record in-force or in conflict would change.
    pub fn changes_anything(&self) -> bool
    where
        V: PartialEq,
    {
        fn any<K, C: PartialEq>(changes: &[Change<K, C>]) -> bool {
            changes.iter().any(|c| c.before.as_ref() != Some(&c.after))
        }
        any(&self.scores) || any(&self.notes) || any(&self.submissions)
    }
}
