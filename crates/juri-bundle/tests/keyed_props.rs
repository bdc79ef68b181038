//! `KeyedPlan` (the store's integer-keyed plan) follows the same rules as the text-keyed plan:
//! for random versions of a few records, every order and every duplication gives the same
//! records, and planning the same versions again on top of the result changes nothing.

use std::collections::BTreeMap;

use juri_bundle::{KeyedPlan, Outcome, Record};
use proptest::prelude::*;

const TIMES: [&str; 3] = [
    "2025-10-12T10:00:00+08:00",
    "2025-10-12T03:00:00Z",
    "2025-10-12T11:30:00+08:00",
];

/// (record key, revision, content, time)
type Version = (u8, u64, u8, usize);

fn plan(
    versions: &[Version],
    order: &[usize],
    current: &BTreeMap<u8, Record<u8>>,
) -> Vec<(u8, Outcome, Record<u8>)> {
    let mut p = KeyedPlan::new();
    for &i in order {
        let (key, revision, content, time) = versions[i];
        p.absorb(key, revision, content, TIMES[time], |k| {
            current.get(k).cloned()
        });
    }
    p.into_changes()
        .into_iter()
        .map(|c| (c.key, c.outcome, c.after))
        .collect()
}

fn records(changes: &[(u8, Outcome, Record<u8>)]) -> BTreeMap<u8, Record<u8>> {
    changes.iter().map(|(k, _, r)| (*k, r.clone())).collect()
}

/// 1,000 cases unless `PROPTEST_CASES` says otherwise (`make proptest-long`).
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 1000;
    }
    config
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_order_and_duplicates_give_the_same_records(
        versions in prop::collection::vec((0u8..4, 1u64..4, 0u8..3, 0usize..3), 1..30),
        shuffle in prop::collection::vec(any::<u32>(), 30),
    ) {
        let n = versions.len();
        let empty = BTreeMap::new();
        let forward: Vec<usize> = (0..n).collect();
        let backward: Vec<usize> = (0..n).rev().collect();
        let mut shuffled = forward.clone();
        shuffled.sort_by_key(|&i| shuffle[i % shuffle.len()].wrapping_mul(i as u32 + 1));
        let doubled: Vec<usize> = forward.iter().chain(&shuffled).copied().collect();
        let expected = records(&plan(&versions, &forward, &empty));
        for order in [&backward, &shuffled, &doubled] {
            prop_assert_eq!(&records(&plan(&versions, order, &empty)), &expected);
        }
        // In two batches: the second planned on top of the first's records.
        let (first, second) = shuffled.split_at(n / 2);
        let after_first = records(&plan(&versions, first, &empty));
        let mut combined = after_first.clone();
        combined.extend(records(&plan(&versions, second, &after_first)));
        prop_assert_eq!(&combined, &expected);
        // Idempotent: the same versions again change nothing.
        for (_, outcome, _) in plan(&versions, &forward, &expected) {
            prop_assert!(matches!(outcome, Outcome::Unchanged | Outcome::Stale), "{:?}", outcome);
        }
        prop_assert_eq!(&records(&plan(&versions, &forward, &expected)), &expected);
    }
}
