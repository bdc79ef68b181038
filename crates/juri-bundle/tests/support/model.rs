//! The chair's records held in memory, merged with the crate's one planner
//! ([`MergePlan`]): what the scenario and property tests drive. `MergeState`
//! is a [`RecordMap`] of every record; a plan looks up only the keys its
//! bundles touch, and is applied only to the records it was planned against.
//!
//! Bundles come either verified (sealed and opened, as the chair receives
//! them) or as plain content ([`Bundle`]), which skips the cryptography so
//! that the properties can run many cases; `records_agree_with_verified`
//! in `merge_props.rs` checks that both give the same versions.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt;

use juri_bundle::{
    BundleContent, BundleError, BundleRecords, ChairDecision, Change, EntryKey, Fingerprint,
    Incoming, MergePlan, NoteContent, PlanCounts, Record, RecordMap, ScoreContent, ScoreKey,
    VerifiedBundle,
};

/// Every merged record of the chair.
pub type MergeState = RecordMap<ScoreKey, EntryKey, ScoreContent>;

/// The records a set of bundles carries, with text keys.
pub type TextRecords = BundleRecords<ScoreKey, EntryKey, ScoreContent>;

/// A bundle the tests can merge.
pub trait Source {
    fn fingerprint(&self) -> Fingerprint;
    fn records(&self) -> TextRecords;
}

impl Source for VerifiedBundle {
    fn fingerprint(&self) -> Fingerprint {
        VerifiedBundle::fingerprint(self)
    }
    fn records(&self) -> TextRecords {
        VerifiedBundle::records(self)
    }
}

/// A bundle's content without the cryptography (fingerprinted by its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub content: BundleContent,
}

impl Bundle {
    pub fn new(content: BundleContent) -> Self {
        Self { content }
    }
    pub fn juror_id(&self) -> &str {
        &self.content.juror_id
    }
    pub fn scores(&self) -> &[juri_bundle::ScoreCell] {
        &self.content.scores
    }
    pub fn notes(&self) -> &[juri_bundle::EntryNote] {
        &self.content.notes
    }
    pub fn submissions(&self) -> &[juri_bundle::Submission] {
        &self.content.submissions
    }
}

impl Source for Bundle {
    fn fingerprint(&self) -> Fingerprint {
        Fingerprint::of(format!("{:?}", self.content).as_bytes())
    }
    fn records(&self) -> TextRecords {
        records_of(&self.content)
    }
}

/// The versions of a bundle's content, keyed by text.
pub fn records_of(c: &BundleContent) -> TextRecords {
    let juror = &c.juror_id;
    let entry_key = |stage: &str, entry: &str| EntryKey {
        stage: stage.into(),
        entry: entry.into(),
        juror: juror.clone(),
    };
    BundleRecords {
        scores: c
            .scores
            .iter()
            .map(|s| Incoming {
                key: ScoreKey {
                    stage: s.stage.clone(),
                    entry: s.entry.clone(),
                    juror: juror.clone(),
                    criterion: s.criterion.clone(),
                },
                revision: s.revision,
                content: ScoreContent {
                    value: s.value.clone(),
                    comment: s.comment.clone(),
                },
                updated_at: s.updated_at.clone(),
            })
            .collect(),
        notes: c
            .notes
            .iter()
            .map(|n| Incoming {
                key: entry_key(&n.stage, &n.entry),
                revision: n.revision,
                content: NoteContent::from(n),
                updated_at: n.updated_at.clone(),
            })
            .collect(),
        submissions: c
            .submissions
            .iter()
            .map(|s| Incoming {
                key: entry_key(&s.stage, &s.entry),
                revision: s.revision,
                content: s.submitted,
                updated_at: s.updated_at.clone(),
            })
            .collect(),
    }
}

/// What importing some bundles would change, as the chair reads it.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The bundles this plan imports, in the order given.
    pub bundles: Vec<Fingerprint>,
    pub scores: Vec<Change<ScoreKey, ScoreContent>>,
    pub notes: Vec<Change<EntryKey, NoteContent>>,
    pub submissions: Vec<Change<EntryKey, bool>>,
    /// The crate's plan itself: `apply` asks it whether the records are
    /// still those it was planned against.
    planned: MergePlan<ScoreKey, EntryKey, ScoreContent>,
}

impl Plan {
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

    pub fn changes_anything(&self) -> bool {
        fn any<K, C: PartialEq>(changes: &[Change<K, C>]) -> bool {
            changes.iter().any(|c| c.before.as_ref() != Some(&c.after))
        }
        any(&self.scores) || any(&self.notes) || any(&self.submissions)
    }
}

/// Plans importing one bundle into `current`.
pub fn plan_merge<B: Source + ?Sized>(current: &MergeState, bundle: &B) -> Plan {
    plan_merge_many(current, std::iter::once(bundle))
}

/// Plans importing several bundles into `current` at once, with the crate's
/// planner.
pub fn plan_merge_many<'a, B: Source + ?Sized + 'a>(
    current: &MergeState,
    bundles: impl IntoIterator<Item = &'a B>,
) -> Plan {
    let mut plan: MergePlan<ScoreKey, EntryKey, ScoreContent> = MergePlan::new();
    let mut fingerprints = Vec::new();
    for bundle in bundles {
        fingerprints.push(bundle.fingerprint());
        let Ok(_) = plan.absorb(bundle.records(), current);
    }
    let changes = plan.clone().into_changes();
    Plan {
        bundles: fingerprints,
        scores: changes.scores,
        notes: changes.notes,
        submissions: changes.submissions,
        planned: plan,
    }
}

/// Records with conflicts the chair has not ruled on, sorted by key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenConflicts {
    pub scores: Vec<(ScoreKey, Record<ScoreContent>)>,
    pub notes: Vec<(EntryKey, Record<NoteContent>)>,
    pub submissions: Vec<(EntryKey, Record<bool>)>,
}

impl OpenConflicts {
    pub fn len(&self) -> usize {
        self.scores.len() + self.notes.len() + self.submissions.len()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Applying plans and rulings to the in-memory records.
pub trait Apply: Sized {
    /// The records after `plan`; refuses a plan made against other records.
    fn apply(&self, plan: &Plan) -> Result<Self, BundleError>;
    fn open_conflicts(&self) -> OpenConflicts;
    fn resolve_score(
        &mut self,
        key: &ScoreKey,
        decision: &ChairDecision<ScoreContent>,
    ) -> Result<(), BundleError>;
    fn resolve_note(
        &mut self,
        key: &EntryKey,
        decision: &ChairDecision<NoteContent>,
    ) -> Result<(), BundleError>;
    fn resolve_submission(
        &mut self,
        key: &EntryKey,
        decision: &ChairDecision<bool>,
    ) -> Result<(), BundleError>;
}

impl Apply for MergeState {
    fn apply(&self, plan: &Plan) -> Result<Self, BundleError> {
        // The same check as the chair's store: every touched record is still
        // what the plan was made against.
        let Ok(current) = plan.planned.is_current(self);
        if !current {
            return Err(BundleError::PlanOutdated);
        }
        let mut next = self.clone();
        for c in &plan.scores {
            next.scores.insert(c.key.clone(), c.after.clone());
        }
        for c in &plan.notes {
            next.notes.insert(c.key.clone(), c.after.clone());
        }
        for c in &plan.submissions {
            next.submissions.insert(c.key.clone(), c.after.clone());
        }
        Ok(next)
    }

    fn open_conflicts(&self) -> OpenConflicts {
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

    fn resolve_score(
        &mut self,
        key: &ScoreKey,
        decision: &ChairDecision<ScoreContent>,
    ) -> Result<(), BundleError> {
        resolve(&mut self.scores, key, decision)
    }

    fn resolve_note(
        &mut self,
        key: &EntryKey,
        decision: &ChairDecision<NoteContent>,
    ) -> Result<(), BundleError> {
        resolve(&mut self.notes, key, decision)
    }

    fn resolve_submission(
        &mut self,
        key: &EntryKey,
        decision: &ChairDecision<bool>,
    ) -> Result<(), BundleError> {
        resolve(&mut self.submissions, key, decision)
    }
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
