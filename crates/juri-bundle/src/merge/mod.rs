//! The pure merge plan: what importing verified bundles would change in the
//! chair's records, computed without touching them.
//!
//! Records are keyed by (stage, entry, juror, criterion) for score cells and
//! by (stage, entry, juror) for notes and submissions — as text
//! ([`ScoreKey`], [`EntryKey`]) or as whatever keys the caller uses (the
//! chair's store plans over its integer ids). For each key the higher
//! revision wins; the same revision with the same content changes nothing;
//! the same revision with different content is a conflict that stays open
//! until the chair rules on it or a higher revision supersedes it. Merging is
//! a join, so the resulting records do not depend on the order bundles
//! arrive, and importing a bundle twice changes nothing.
//!
//! There is one planner, [`MergePlan`]: the bundles' versions in, the
//! chair's record looked up once per key they touch ([`ChairRecords`]), a
//! [`Change`] per touched record out. It does no IO itself, so the property
//! tests drive it over an in-memory [`RecordMap`] while the chair's merge
//! drives it over the database.

mod keyed;
mod plan;
mod record;

use std::collections::BTreeSet;
use std::fmt;

pub use keyed::KeyedPlan;
pub use plan::{BundleRecords, ChairRecords, Changes, Incoming, MergePlan, RecordMap};
pub use record::{ChairDecision, Record, Rival, Version};

use crate::bundle::VerifiedBundle;
use crate::content::{EntryNote, NotePhoto};
use crate::error::BundleError;
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
        f.write_str(&rust_i18n::t!(
            "merge.score_key",
            juror = self.juror,
            entry = self.entry,
            criterion = self.criterion,
            stage = self.stage
        ))
    }
}

impl fmt::Display for EntryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&rust_i18n::t!(
            "merge.entry_key",
            juror = self.juror,
            entry = self.entry,
            stage = self.stage
        ))
    }
}

/// What a score cell holds; two versions conflict when this differs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScoreContent {
    /// Canonical decimal text; `None` when cleared.
    pub value: Option<String>,
    pub comment: String,
}

/// What a note holds: its text and the photos attached to it; two versions conflict when either
/// differs. Written as JSON, a note without photos is its text alone (as notes were before photos),
/// one with photos `{"text": …, "photos": […]}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NoteContent {
    pub text: String,
    pub photos: Vec<NotePhoto>,
}

impl NoteContent {
    /// A note of text alone.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            photos: Vec::new(),
        }
    }
}

impl From<&EntryNote> for NoteContent {
    fn from(n: &EntryNote) -> Self {
        Self {
            text: n.note.clone(),
            photos: n.photos.clone(),
        }
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteWithPhotos {
    text: String,
    photos: Vec<NotePhoto>,
}

#[derive(serde::Deserialize)]
#[serde(untagged)]
enum NoteJson {
    Text(String),
    WithPhotos(NoteWithPhotos),
}

impl serde::Serialize for NoteContent {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.photos.is_empty() {
            s.serialize_str(&self.text)
        } else {
            NoteWithPhotos {
                text: self.text.clone(),
                photos: self.photos.clone(),
            }
            .serialize(s)
        }
    }
}

impl<'de> serde::Deserialize<'de> for NoteContent {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match NoteJson::deserialize(d)? {
            NoteJson::Text(text) => Self::text(text),
            NoteJson::WithPhotos(n) => Self {
                text: n.text,
                photos: n.photos,
            },
        })
    }
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

/// How many records of each outcome a plan has, over all kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub stale: usize,
    pub conflicts: usize,
}

impl PlanCounts {
    /// Counts one more record of `outcome`.
    pub fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::New => self.new += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Stale => self.stale += 1,
            Outcome::Conflict => self.conflicts += 1,
        }
    }
}

impl VerifiedBundle {
    /// The bundle's versions keyed by text identifiers, ready for a
    /// [`MergePlan`].
    pub fn records(&self) -> BundleRecords<ScoreKey, EntryKey, ScoreContent> {
        content_records(self.content())
    }
}

impl crate::archive::Evidence {
    /// The published bundle's versions keyed by text identifiers, ready for a [`MergePlan`]
    /// (a withheld text is empty).
    pub fn records(&self) -> BundleRecords<ScoreKey, EntryKey, ScoreContent> {
        content_records(&self.content)
    }
}

/// The versions `content` carries, keyed by text identifiers.
fn content_records(
    content: &crate::content::BundleContent,
) -> BundleRecords<ScoreKey, EntryKey, ScoreContent> {
    let juror = content.juror_id.as_str();
    let entry_key = |stage: &str, entry: &str| EntryKey {
        stage: stage.to_owned(),
        entry: entry.to_owned(),
        juror: juror.to_owned(),
    };
    BundleRecords {
        scores: content
            .scores
            .iter()
            .map(|c| Incoming {
                key: ScoreKey {
                    stage: c.stage.clone(),
                    entry: c.entry.clone(),
                    juror: juror.to_owned(),
                    criterion: c.criterion.clone(),
                },
                revision: c.revision,
                content: ScoreContent {
                    value: c.value.clone(),
                    comment: c.comment.clone(),
                },
                updated_at: c.updated_at.clone(),
            })
            .collect(),
        notes: content
            .notes
            .iter()
            .map(|n| Incoming {
                key: entry_key(&n.stage, &n.entry),
                revision: n.revision,
                content: NoteContent::from(n),
                updated_at: n.updated_at.clone(),
            })
            .collect(),
        submissions: content
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

/// How one incoming version compares with the chair's record before the
/// merge (what a file's line in the preview counts).
pub(crate) fn versus<C: Ord + Clone>(
    before: Option<&Record<C>>,
    revision: u64,
    content: &C,
) -> Outcome {
    match before {
        None => Outcome::New,
        Some(r) if revision > r.revision => Outcome::Updated,
        Some(r) if revision < r.revision => Outcome::Stale,
        Some(r) if r.versions().any(|v| &v.content == content) => Outcome::Unchanged,
        Some(_) => Outcome::Conflict,
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
