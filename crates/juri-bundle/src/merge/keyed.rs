//! The plan of one kind of record (score cells, notes or submission states)
//! over the caller's own keys: [`Record`]'s join applied to every incoming
//! version, with the chair's record looked up once per key, only for the
//! keys the bundles touch. [`super::MergePlan`] holds one per kind.

use std::collections::hash_map::{Entry, RandomState};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

use super::{classify, versus, Change, Outcome, Record, Version};

/// The records of one kind touched by some bundles: for each key the record
/// before, the record after, and the highest revision seen. `S` hashes the
/// keys (the standard hasher by default; a store with small integer keys
/// may pass a faster one).
#[derive(Debug, Clone)]
pub struct KeyedPlan<K, C, S = RandomState> {
    index: HashMap<K, usize, S>,
    slots: Vec<Slot<K, C>>,
}

#[derive(Debug, Clone)]
struct Slot<K, C> {
    key: K,
    /// Boxed: most merges start from no record, and then this costs a pointer.
    before: Option<Box<Record<C>>>,
    after: Record<C>,
    highest: u64,
}

impl<K, C, S: Default> Default for KeyedPlan<K, C, S> {
    fn default() -> Self {
        Self {
            index: HashMap::default(),
            slots: Vec::new(),
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
        Self::with_capacity_and_hasher(n, RandomState::new())
    }
}

impl<K: Eq + Hash + Ord + Clone, C: Ord + Clone, S: BuildHasher> KeyedPlan<K, C, S> {
    /// An empty plan with room for `n` keys, hashing keys with `hasher`.
    pub fn with_capacity_and_hasher(n: usize, hasher: S) -> Self {
        Self {
            index: HashMap::with_capacity_and_hasher(n, hasher),
            slots: Vec::with_capacity(n),
        }
    }

    /// Absorbs one incoming version of the record `key`. `current` gives the
    /// chair's record for the key; it is asked once, the first time the key
    /// is seen. Returns how the version compares with the record before the
    /// merge.
    pub fn absorb(
        &mut self,
        key: K,
        revision: u64,
        content: C,
        updated_at: impl Into<String>,
        current: impl FnOnce(&K) -> Option<Record<C>>,
    ) -> Outcome {
        let found = self.try_absorb(key, revision, content, updated_at, |k| {
            Ok::<_, std::convert::Infallible>(current(k))
        });
        match found {
            Ok(outcome) => outcome,
            Err(never) => match never {},
        }
    }

    /// [`Self::absorb`] with a lookup that may fail (a database); nothing is
    /// absorbed when it does.
    pub fn try_absorb<E>(
        &mut self,
        key: K,
        revision: u64,
        content: C,
        updated_at: impl Into<String>,
        current: impl FnOnce(&K) -> Result<Option<Record<C>>, E>,
    ) -> Result<Outcome, E> {
        match self.index.entry(key) {
            Entry::Occupied(at) => {
                let slot = &mut self.slots[*at.get()];
                let outcome = versus(slot.before.as_deref(), revision, &content);
                if revision >= slot.after.revision {
                    let incoming = Version {
                        content,
                        updated_at: updated_at.into(),
                    };
                    slot.after = slot.after.absorb(revision, &incoming);
                }
                slot.highest = slot.highest.max(revision);
                Ok(outcome)
            }
            Entry::Vacant(vacant) => {
                let key = vacant.key().clone();
                let before = current(&key)?.map(Box::new);
                let outcome = versus(before.as_deref(), revision, &content);
                let after = match before.as_deref() {
                    Some(record) if revision < record.revision => record.clone(),
                    Some(record) => record.absorb(
                        revision,
                        &Version {
                            content,
                            updated_at: updated_at.into(),
                        },
                    ),
                    None => Record::new(revision, content, updated_at),
                };
                vacant.insert(self.slots.len());
                self.slots.push(Slot {
                    key,
                    before,
                    after,
                    highest: revision,
                });
                Ok(outcome)
            }
        }
    }

    /// Whether every record the plan touches is still as it was when planned:
    /// `current` looks each one up again. A plan applies only to the records
    /// it was made against.
    pub fn is_current<E>(
        &self,
        mut current: impl FnMut(&K) -> Result<Option<Record<C>>, E>,
    ) -> Result<bool, E> {
        for slot in &self.slots {
            if current(&slot.key)?.as_ref() != slot.before.as_deref() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Every touched record with its outcome and the record after, in the
    /// order first seen (borrowed: the plan stays whole, e.g. for a preview).
    pub fn outcomes(&self) -> impl Iterator<Item = (&K, Outcome, &Record<C>)> {
        self.slots.iter().map(|slot| {
            let outcome = classify(slot.before.as_deref(), &slot.after, slot.highest);
            (&slot.key, outcome, &slot.after)
        })
    }

    /// Whether applying the plan would change any record.
    pub fn changes_anything(&self) -> bool {
        self.slots
            .iter()
            .any(|slot| slot.before.as_deref() != Some(&slot.after))
    }

    /// Makes room for `additional` more keys.
    pub fn reserve(&mut self, additional: usize) {
        self.index.reserve(additional);
        self.slots.reserve(additional);
    }

    /// How many records the plan touches.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether the plan touches no record.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Every touched record with its outcome, sorted by key.
    pub fn into_changes(self) -> Vec<Change<K, C>> {
        self.into_sorted().collect()
    }

    /// Every touched record with its outcome, in key order, one at a time: a store can write
    /// a large plan without holding a second copy of it.
    pub fn into_sorted(self) -> impl Iterator<Item = Change<K, C>> {
        let KeyedPlan { index, slots } = self;
        drop(index);
        // Sort positions rather than the (large) slots themselves.
        let mut order: Vec<usize> = (0..slots.len()).collect();
        order.sort_unstable_by(|&a, &b| slots[a].key.cmp(&slots[b].key));
        let mut slots: Vec<Option<Slot<K, C>>> = slots.into_iter().map(Some).collect();
        order.into_iter().filter_map(move |i| {
            let slot = slots[i].take()?;
            let before = slot.before.map(|b| *b);
            Some(Change {
                outcome: classify(before.as_ref(), &slot.after, slot.highest),
                key: slot.key,
                before,
                after: slot.after,
            })
        })
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
