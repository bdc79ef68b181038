//! The reference model of the merge rules: the first planner the crate had, kept
//! only to check the one planner against. It folds every incoming version into
//! a copy of the touched records with [`Record`]'s public operations and
//! classifies each record from the versions seen, written independently of
//! `KeyedPlan`'s bookkeeping.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use juri_bundle::{BundleRecords, Change, Changes, Incoming, Outcome, Record, Version};

/// The changes the rules say importing `bundles` into `current` makes,
/// sorted by key within each kind.
pub fn changes<SK: Ord + Clone, EK: Ord + Clone, V: Ord + Clone>(
    current: &juri_bundle::RecordMap<SK, EK, V>,
    bundles: &[BundleRecords<SK, EK, V>],
) -> Changes<SK, EK, V> {
    Changes {
        scores: table(&current.scores, bundles.iter().flat_map(|b| &b.scores)),
        notes: table(&current.notes, bundles.iter().flat_map(|b| &b.notes)),
        submissions: table(
            &current.submissions,
            bundles.iter().flat_map(|b| &b.submissions),
        ),
    }
}

fn table<'a, K: Ord + Clone + 'a, C: Ord + Clone + 'a>(
    current: &BTreeMap<K, Record<C>>,
    incoming: impl Iterator<Item = &'a Incoming<K, C>>,
) -> Vec<Change<K, C>> {
    let mut touched: BTreeMap<K, (Option<Record<C>>, u64)> = BTreeMap::new();
    for v in incoming {
        let slot = touched
            .entry(v.key.clone())
            .or_insert_with(|| (current.get(&v.key).cloned(), v.revision));
        slot.1 = slot.1.max(v.revision);
        slot.0 = Some(join(slot.0.take(), v));
    }
    touched
        .into_iter()
        .map(|(key, (after, highest))| {
            let before = current.get(&key).cloned();
            let after = after.expect("every touched key has a record");
            Change {
                outcome: classify(before.as_ref(), &after, highest),
                key,
                before,
                after,
            }
        })
        .collect()
}

/// A record combined with one version, by the documented rules: a higher
/// revision replaces it, a lower one changes nothing, the same revision adds
/// the content (or keeps the latest time of a known one).
fn join<K, C: Ord + Clone>(record: Option<Record<C>>, v: &Incoming<K, C>) -> Record<C> {
    let Some(record) = record else {
        return Record::new(v.revision, v.content.clone(), v.updated_at.clone());
    };
    if v.revision > record.revision {
        return Record::new(v.revision, v.content.clone(), v.updated_at.clone());
    }
    if v.revision < record.revision {
        return record;
    }
    // Same revision: rebuild from all versions, keeping the chair's choice
    // and dismissals, through the crate's own decision rules.
    let mut versions: BTreeMap<C, String> = BTreeMap::new();
    for version in record.versions().chain(std::iter::once(&Version {
        content: v.content.clone(),
        updated_at: v.updated_at.clone(),
    })) {
        let t = versions
            .entry(version.content.clone())
            .or_insert_with(|| version.updated_at.clone());
        if later(&version.updated_at, t) {
            *t = version.updated_at.clone();
        }
    }
    let earliest = versions
        .iter()
        .min_by(|a, b| (instant(a.1), a.0).cmp(&(instant(b.1), b.0)))
        .map(|(c, _)| c.clone())
        .expect("a version");
    let current = if record.chosen_by_chair {
        record.current.content.clone()
    } else {
        earliest
    };
    let dismissed: BTreeSet<C> = record
        .rivals
        .iter()
        .filter(|r| r.dismissed)
        .map(|r| r.version.content.clone())
        .collect();
    let mut out = Record::new(record.revision, current.clone(), versions[&current].clone());
    for (content, time) in &versions {
        if *content != current {
            out.rivals.push(juri_bundle::Rival {
                version: Version {
                    content: content.clone(),
                    updated_at: time.clone(),
                },
                dismissed: record.chosen_by_chair && dismissed.contains(content),
            });
        }
    }
    out.chosen_by_chair = record.chosen_by_chair;
    out
}

fn instant(text: &str) -> (Option<(i64, u32)>, &str) {
    let t = chrono_like(text);
    (t, text)
}

/// Seconds and nanoseconds of an RFC 3339 time of the tests' own form
/// (`YYYY-MM-DDTHH:MM:SS+HH:MM` or `Z`), or `None`.
fn chrono_like(text: &str) -> Option<(i64, u32)> {
    let b = text.as_bytes();
    if b.len() < 20 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let offset = match &text[19..] {
        "Z" => 0,
        o if o.len() == 6 => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            sign * (num(20..22)? * 3600 + num(23..25)? * 60)
        }
        _ => return None,
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + h * 3600 + mi * 60 + s - offset, 0))
}

fn later(a: &str, b: &str) -> bool {
    instant(a) > instant(b)
}

/// The outcome of a record that was `before` and is `after` once versions up
/// to revision `highest` were absorbed (the rules of `docs/formats.md`).
fn classify<C: Ord + Clone>(
    before: Option<&Record<C>>,
    after: &Record<C>,
    highest: u64,
) -> Outcome {
    fn open<C: Ord + Clone>(r: &Record<C>) -> BTreeSet<&C> {
        if r.has_open_conflict() {
            r.versions().map(|v| &v.content).collect()
        } else {
            BTreeSet::new()
        }
    }
    let opens = match before {
        _ if !after.has_open_conflict() => false,
        Some(b) if b.revision == after.revision => !open(after).is_subset(&open(b)),
        _ => true,
    };
    match before {
        Some(b) if b == after && highest < b.revision => Outcome::Stale,
        Some(b) if b == after => Outcome::Unchanged,
        _ if opens => Outcome::Conflict,
        None => Outcome::New,
        Some(_) => Outcome::Updated,
    }
}
