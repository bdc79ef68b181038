//! The merge plan over the caller's own record keys.
//!
//! [`crate::plan_merge`] keys records by their text identifiers, which suits
//! a plan the chair reads. A store that interns identifiers as small
//! integers plans with [`KeyedPlan`] instead: the same rules ([`Record`]'s
//! join) and the same outcomes, over any key, with the chair's current
//! record looked up once per key, only for the keys the bundles touch.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;

use super::{classify, Change, Record, Version};

/// The records of one kind touched by some bundles: for each key the record
/// before, the record after, and the highest revision seen.
#[derive(Debug, Clone)]
pub struct KeyedPlan<K, C> {
    touched: HashMap<K, Slot<C>>,
}

#[derive(Debug, Clone)]
struct Slot<C> {
    before: Option<Record<C>>,
    after: Record<C>,
    highest: u64,
}

impl<K, C> Default for KeyedPlan<K, C> {
    fn default() -> Self {
        Self {
            touched: HashMap::new(),
        }
    }
}

impl<K: Eq + Hash + Ord + Clone, C: Ord + Clone> KeyedPlan<K, C> {
    /// An empty plan.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty plan with room for `n` keys.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            touched: HashMap::with_capacity(n),
        }
    }

    /// Absorbs one incoming version of the record `key`. `current` gives the
    /// chair's record for the key; it is asked once, the first time the key
    /// is seen.
    pub fn absorb(
        &mut self,
        key: K,
        revision: u64,
        content: C,
        updated_at: &str,
        current: impl FnOnce(&K) -> Option<Record<C>>,
    ) {
        match self.touched.entry(key) {
            Entry::Occupied(mut slot) => {
                let slot = slot.get_mut();
                if revision >= slot.after.revision {
                    let incoming = Version {
                        content,
                        updated_at: updated_at.to_owned(),
                    };
                    slot.after = slot.after.absorb(revision, &incoming);
                }
                slot.highest = slot.highest.max(revision);
            }
            Entry::Vacant(vacant) => {
                let before = current(vacant.key());
                let after = match &before {
                    Some(record) if revision < record.revision => record.clone(),
                    Some(record) => record.absorb(
                        revision,
                        &Version {
                            content,
                            updated_at: updated_at.to_owned(),
                        },
                    ),
                    None => Record::new(revision, content, updated_at),
                };
                vacant.insert(Slot {
                    before,
                    after,
                    highest: revision,
                });
            }
        }
    }

    /// How many records the plan touches.
    pub fn len(&self) -> usize {
        self.touched.len()
    }

    /// Whether the plan touches no record.
    pub fn is_empty(&self) -> bool {
        self.touched.is_empty()
    }

    /// Every touched record with its outcome, sorted by key.
    pub fn into_changes(self) -> Vec<Change<K, C>> {
        let mut changes: Vec<Change<K, C>> = self
            .touched
            .into_iter()
            .map(|(key, slot)| Change {
                outcome: classify(slot.before.as_ref(), &slot.after, slot.highest),
                key,
                before: slot.before,
                after: slot.after,
            })
            .collect();
        changes.sort_unstable_by(|a, b| a.key.cmp(&b.key));
        changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Outcome;

    #[test]
    fn outcomes_match_the_rules() {
        let current = Record::new(2, "b".to_string(), "2025-01-01T10:00:00Z");
        let mut plan = KeyedPlan::new();
        // new, updated, unchanged, stale, conflict
        plan.absorb(1, 1, "a".to_string(), "2025-01-01T09:00:00Z", |_| None);
        plan.absorb(2, 3, "c".to_string(), "2025-01-01T11:00:00Z", |_| {
            Some(current.clone())
        });
        plan.absorb(3, 2, "b".to_string(), "2025-01-01T10:00:00Z", |_| {
            Some(current.clone())
        });
        plan.absorb(4, 1, "z".to_string(), "2025-01-01T08:00:00Z", |_| {
            Some(current.clone())
        });
        plan.absorb(5, 2, "x".to_string(), "2025-01-01T10:30:00Z", |_| {
            Some(current.clone())
        });
        let outcomes: Vec<(i32, Outcome)> = plan
            .into_changes()
            .into_iter()
            .map(|c| (c.key, c.outcome))
            .collect();
        assert_eq!(
            outcomes,
            vec![
                (1, Outcome::New),
                (2, Outcome::Updated),
                (3, Outcome::Unchanged),
                (4, Outcome::Stale),
                (5, Outcome::Conflict),
            ]
        );
    }
}
