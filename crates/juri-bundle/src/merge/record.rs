//! One merged record (a score cell, a note or a submission state) and the
//! rules that combine versions of it.
//!
//! Per record the state is: the highest revision seen, every distinct
//! content seen at that revision (with the latest time each was written),
//! and the chair's decision if one was taken. Combining is a join: it does
//! not depend on the order versions arrive, and repeating one changes
//! nothing.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One content of a record with the time the juror wrote it (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version<C> {
    pub content: C,
    pub updated_at: String,
}

/// Another content seen at the same revision as the record's current one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rival<C> {
    pub version: Version<C>,
    /// The chair has already ruled this version out.
    pub dismissed: bool,
}

/// A merged record.
///
/// `rivals` holds the other contents seen at `revision`, sorted by content,
/// none equal to `current`. A record has an open conflict while any rival is
/// not dismissed. Without a chair decision the version in force (`current`)
/// is the one written earliest (ties broken by content), so the result does
/// not depend on the order bundles arrive; with one, it is the chair's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<C> {
    pub revision: u64,
    pub current: Version<C>,
    pub rivals: Vec<Rival<C>>,
    pub chosen_by_chair: bool,
}

/// The chair's ruling on a conflict: which content stands at `revision`,
/// and which contents were on the table when the chair decided. Contents
/// that arrive later at the same revision open the conflict again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChairDecision<C> {
    pub revision: u64,
    pub chosen: C,
    pub considered: Vec<C>,
}

/// Why a decision does not apply to a record.
pub(crate) enum Refusal {
    NoConflict,
    Superseded { current: u64 },
    NotACandidate,
}

type TimeKey<'a> = (Option<(i64, u32)>, &'a str);

fn time_key(text: &str) -> TimeKey<'_> {
    let instant = chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| (t.timestamp(), t.timestamp_subsec_nanos()));
    (instant, text)
}

fn later(a: &str, b: &str) -> String {
    if time_key(b) > time_key(a) { b } else { a }.to_owned()
}

impl<C: Ord + Clone> Record<C> {
    /// A record with a single version.
    pub fn new(revision: u64, content: C, updated_at: impl Into<String>) -> Self {
        Self {
            revision,
            current: Version {
                content,
                updated_at: updated_at.into(),
            },
            rivals: Vec::new(),
            chosen_by_chair: false,
        }
    }

    /// Whether the record has versions in conflict that the chair has not
    /// ruled on.
    pub fn has_open_conflict(&self) -> bool {
        self.rivals.iter().any(|r| !r.dismissed)
    }

    /// Every version at the record's revision, the current one first.
    pub fn versions(&self) -> impl Iterator<Item = &Version<C>> {
        std::iter::once(&self.current).chain(self.rivals.iter().map(|r| &r.version))
    }

    /// The decision that makes `chosen` stand, considering every version
    /// now known. `None` if `chosen` is not one of them.
    pub fn decide(&self, chosen: &C) -> Option<ChairDecision<C>> {
        self.versions()
            .any(|v| &v.content == chosen)
            .then(|| ChairDecision {
                revision: self.revision,
                chosen: chosen.clone(),
                considered: self.versions().map(|v| v.content.clone()).collect(),
            })
    }

    /// This record combined with one incoming version.
    pub(crate) fn absorb(&self, revision: u64, incoming: &Version<C>) -> Self {
        match revision.cmp(&self.revision) {
            Ordering::Greater => Self::new(
                revision,
                incoming.content.clone(),
                incoming.updated_at.clone(),
            ),
            Ordering::Less => self.clone(),
            Ordering::Equal => {
                let mut versions = self.version_map();
                versions
                    .entry(incoming.content.clone())
                    .and_modify(|(time, _)| *time = later(time, &incoming.updated_at))
                    .or_insert_with(|| (incoming.updated_at.clone(), false));
                let chair_choice = self.chosen_by_chair.then(|| self.current.content.clone());
                Self::rebuild(self.revision, versions, chair_choice)
            }
        }
    }

    /// This record after the chair's `decision`.
    pub(crate) fn resolved(&self, decision: &ChairDecision<C>) -> Result<Self, Refusal> {
        if decision.revision != self.revision {
            return Err(Refusal::Superseded {
                current: self.revision,
            });
        }
        if self.rivals.is_empty() {
            return Err(Refusal::NoConflict);
        }
        let mut versions = self.version_map();
        if !versions.contains_key(&decision.chosen) {
            return Err(Refusal::NotACandidate);
        }
        for (content, (_, dismissed)) in versions.iter_mut() {
            *dismissed = decision.considered.contains(content);
        }
        Ok(Self::rebuild(
            self.revision,
            versions,
            Some(decision.chosen.clone()),
        ))
    }

    /// Every version with its time and dismissal; duplicates folded.
    fn version_map(&self) -> BTreeMap<C, (String, bool)> {
        let mut map = BTreeMap::new();
        let all = std::iter::once((&self.current, false))
            .chain(self.rivals.iter().map(|r| (&r.version, r.dismissed)));
        for (version, dismissed) in all {
            map.entry(version.content.clone())
                .and_modify(|(time, d): &mut (String, bool)| {
                    *time = later(time, &version.updated_at);
                    *d &= dismissed;
                })
                .or_insert_with(|| {
                    (
                        version.updated_at.clone(),
                        dismissed && self.chosen_by_chair,
                    )
                });
        }
        map
    }

    fn rebuild(
        revision: u64,
        mut versions: BTreeMap<C, (String, bool)>,
        chair_choice: Option<C>,
    ) -> Self {
        let chosen_by_chair = chair_choice.is_some();
        let current = chair_choice.unwrap_or_else(|| {
            versions
                .iter()
                .min_by(|a, b| (time_key(&a.1 .0), a.0).cmp(&(time_key(&b.1 .0), b.0)))
                .map(|(content, _)| content.clone())
                .expect("a record has at least one version")
        });
        let (updated_at, _) = versions
            .remove(&current)
            .expect("the current version is among the versions");
        let rivals = versions
            .into_iter()
            .map(|(content, (updated_at, dismissed))| Rival {
                version: Version {
                    content,
                    updated_at,
                },
                dismissed: dismissed && chosen_by_chair,
            })
            .collect();
        Self {
            revision,
            current: Version {
                content: current,
                updated_at,
            },
            rivals,
            chosen_by_chair,
        }
    }
}
