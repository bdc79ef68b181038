//! Property: however the bundles of random juror histories arrive — in any
//! order, some of them twice, in batches — the merged records are the same,
//! they are what the rules say, the planner's outcomes are the reference
//! model's, and merging again changes nothing.
//!
//! The properties drive the crate's one planner over in-memory records and
//! plain bundle content (no cryptography), so they run many cases: 1,000 by
//! default, `PROPTEST_CASES` to change (`make proptest-long` runs 100,000).

#[path = "support/model.rs"]
mod model;
#[path = "support/oracle.rs"]
mod oracle;
#[path = "support/panel.rs"]
mod panel;

use std::collections::{BTreeMap, BTreeSet};

use juri_bundle::{
    BundleContent, BundleError, ChairDecision, EntryKey, EntryNote, NoteContent, Outcome, Record,
    ScoreCell, ScoreContent, ScoreKey, Submission,
};
use model::{plan_merge, plan_merge_many, Apply, Bundle, MergeState, Source};
use panel::*;
use proptest::prelude::*;

const JURORS: [&str; 3] = ["J01", "J02", "J03"];
const STAGES: [&str; 2] = ["proposal", "presentasi"];
const ENTRIES: [&str; 2] = ["A01", "B02"];
const CRITERIA: [&str; 2] = ["kebaruan", "kemanfaatan"];
const VALUES: [Option<&str>; 4] = [Some("7"), Some("8.5"), Some("10"), None];
const TEXTS: [&str; 3] = ["", "akses jalan sulit", "kader aktif"];
const DEVICES: usize = 3;

/// One step of a juror's history on one of three devices. Devices 1 and 2
/// start as a copy of device 0 the first time they are used, so devices can
/// then write the same revision of a record with different content.
#[derive(Debug, Clone)]
enum Step {
    Score {
        juror: usize,
        device: usize,
        place: usize,
        criterion: usize,
        value: usize,
        comment: usize,
    },
    Note {
        juror: usize,
        device: usize,
        place: usize,
        text: usize,
    },
    Submit {
        juror: usize,
        device: usize,
        place: usize,
        submitted: bool,
    },
    Export {
        juror: usize,
        device: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let who = (0..JURORS.len(), 0..DEVICES);
    let place = 0..STAGES.len() * ENTRIES.len();
    prop_oneof![
        6 => (who.clone(), place.clone(), 0..CRITERIA.len(), 0..VALUES.len(), 0..2usize).prop_map(
            |((juror, device), place, criterion, value, comment)| Step::Score { juror, device, place, criterion, value, comment }
        ),
        2 => (who.clone(), place.clone(), 0..TEXTS.len())
            .prop_map(|((juror, device), place, text)| Step::Note { juror, device, place, text }),
        2 => (who.clone(), place, any::<bool>())
            .prop_map(|((juror, device), place, submitted)| Step::Submit { juror, device, place, submitted }),
        1 => who.prop_map(|(juror, device)| Step::Export { juror, device }),
    ]
}

#[derive(Clone, Default)]
struct Device {
    scores: BTreeMap<(usize, usize), ScoreCell>,
    notes: BTreeMap<usize, EntryNote>,
    submissions: BTreeMap<usize, Submission>,
}

fn stage_entry(place: usize) -> (String, String) {
    (
        STAGES[place / ENTRIES.len()].into(),
        ENTRIES[place % ENTRIES.len()].into(),
    )
}

/// Plays the steps and returns every export (plus a final export of every
/// device used), as bundle contents.
fn exports(steps: &[Step]) -> Vec<BundleContent> {
    let mut devices: Vec<[Option<Device>; DEVICES]> =
        vec![[Some(Device::default()), None, None]; JURORS.len()];
    let mut sequence = [0u64; JURORS.len()];
    let mut out = Vec::new();
    let export =
        |juror: usize, device: &Device, sequence: &mut [u64; 3], out: &mut Vec<BundleContent>| {
            sequence[juror] += 1;
            let mut content = bundle(
                JURORS[juror],
                sequence[juror],
                device.scores.values().cloned().collect(),
            );
            content.notes = device.notes.values().cloned().collect();
            content.submissions = device.submissions.values().cloned().collect();
            out.push(content);
        };
    for (time, step) in steps.iter().enumerate() {
        let time = time as u32;
        let (juror, device) = match *step {
            Step::Score { juror, device, .. }
            | Step::Note { juror, device, .. }
            | Step::Submit { juror, device, .. }
            | Step::Export { juror, device } => (juror, device),
        };
        if devices[juror][device].is_none() {
            devices[juror][device] = devices[juror][0].clone();
        }
        let state = devices[juror][device].as_mut().expect("device exists");
        match *step {
            Step::Score {
                place,
                criterion,
                value,
                comment,
                ..
            } => {
                let (stage, entry) = stage_entry(place);
                let revision = state
                    .scores
                    .get(&(place, criterion))
                    .map_or(1, |c| c.revision + 1);
                let mut cell = cell(
                    &stage,
                    &entry,
                    CRITERIA[criterion],
                    VALUES[value],
                    revision,
                    time,
                );
                cell.comment = TEXTS[comment].into();
                state.scores.insert((place, criterion), cell);
            }
            Step::Note { place, text, .. } => {
                let (stage, entry) = stage_entry(place);
                let revision = state.notes.get(&place).map_or(1, |n| n.revision + 1);
                state
                    .notes
                    .insert(place, note(&stage, &entry, TEXTS[text], revision, time));
            }
            Step::Submit {
                place, submitted, ..
            } => {
                let (stage, entry) = stage_entry(place);
                let revision = state.submissions.get(&place).map_or(1, |s| s.revision + 1);
                state
                    .submissions
                    .insert(place, submission(&stage, &entry, submitted, revision, time));
            }
            Step::Export { .. } => {
                let snapshot = state.clone();
                export(juror, &snapshot, &mut sequence, &mut out);
            }
        }
    }
    for (juror, pair) in devices.iter().enumerate() {
        for device in pair.iter().flatten() {
            export(juror, device, &mut sequence, &mut out);
        }
    }
    out
}

/// What the rules say a record must be, from every version ever exported.
fn expected<K: Ord + Clone, C: Ord + Clone>(
    versions: &[(K, u64, C, String)],
) -> BTreeMap<K, (u64, BTreeMap<C, String>)> {
    let mut out: BTreeMap<K, (u64, BTreeMap<C, String>)> = BTreeMap::new();
    for (key, revision, content, time) in versions {
        let slot = out.entry(key.clone()).or_insert((0, BTreeMap::new()));
        if *revision > slot.0 {
            *slot = (*revision, BTreeMap::new());
        }
        if *revision == slot.0 {
            let t = slot
                .1
                .entry(content.clone())
                .or_insert_with(|| time.clone());
            if time > t {
                *t = time.clone();
            }
        }
    }
    out
}

fn check_against_rules<K: Ord + Clone + std::fmt::Debug, C: Ord + Clone + std::fmt::Debug>(
    records: &BTreeMap<K, Record<C>>,
    versions: &[(K, u64, C, String)],
) -> Result<(), TestCaseError> {
    let expected = expected(versions);
    prop_assert_eq!(records.len(), expected.len());
    for (key, (revision, contents)) in expected {
        let record = &records[&key];
        prop_assert_eq!(record.revision, revision, "{:?}", key);
        let seen: BTreeMap<C, String> = record
            .versions()
            .map(|v| (v.content.clone(), v.updated_at.clone()))
            .collect();
        prop_assert_eq!(&seen, &contents, "{:?}", key);
        prop_assert_eq!(record.has_open_conflict(), contents.len() > 1, "{:?}", key);
        let earliest = contents
            .iter()
            .min_by(|a, b| (a.1, a.0).cmp(&(b.1, b.0)))
            .map(|(c, _)| c.clone());
        prop_assert_eq!(Some(record.current.content.clone()), earliest, "{:?}", key);
    }
    Ok(())
}

fn one_by_one(start: &MergeState, bundles: &[&Bundle]) -> MergeState {
    bundles.iter().fold(start.clone(), |state, bundle| {
        state
            .apply(&plan_merge(&state, *bundle))
            .expect("a fresh plan applies")
    })
}

/// A deterministic shuffle (SplitMix64 driving Fisher–Yates).
fn shuffled<T: Copy>(items: &[T], mut seed: u64) -> Vec<T> {
    let mut out = items.to_vec();
    for i in (1..out.len()).rev() {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.swap(i, (z % (i as u64 + 1)) as usize);
    }
    out
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut out = Vec::new();
    for rest in permutations(n - 1) {
        for at in 0..=rest.len() {
            let mut p = rest.clone();
            p.insert(at, n - 1);
            out.push(p);
        }
    }
    out
}

/// A recorded chair decision on any kind of record.
enum Decision {
    Score(ScoreKey, ChairDecision<ScoreContent>),
    Note(EntryKey, ChairDecision<NoteContent>),
    Submission(EntryKey, ChairDecision<bool>),
}

impl Decision {
    fn apply(&self, state: &mut MergeState) -> Result<(), BundleError> {
        match self {
            Decision::Score(k, d) => state.resolve_score(k, d),
            Decision::Note(k, d) => state.resolve_note(k, d),
            Decision::Submission(k, d) => state.resolve_submission(k, d),
        }
    }
}

/// Rules on every open conflict, choosing the greatest content, and
/// returns the decisions in the order taken.
fn rule_on_every_conflict(state: &mut MergeState) -> Vec<Decision> {
    fn choose<C: Ord + Clone>(record: &Record<C>) -> ChairDecision<C> {
        let chosen = record
            .versions()
            .map(|v| v.content.clone())
            .max()
            .expect("a version");
        record.decide(&chosen).expect("chosen among the versions")
    }
    let open = state.open_conflicts();
    let decisions: Vec<Decision> = open
        .scores
        .iter()
        .map(|(k, r)| Decision::Score(k.clone(), choose(r)))
        .chain(
            open.notes
                .iter()
                .map(|(k, r)| Decision::Note(k.clone(), choose(r))),
        )
        .chain(
            open.submissions
                .iter()
                .map(|(k, r)| Decision::Submission(k.clone(), choose(r))),
        )
        .collect();
    for decision in &decisions {
        decision
            .apply(state)
            .expect("a decision on an open conflict applies");
    }
    decisions
}

/// 1,000 cases unless `PROPTEST_CASES` says otherwise.
fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 1000;
    }
    config
}

/// The planner's changes are the reference model's, outcomes included.
fn check_against_oracle(start: &MergeState, bundles: &[&Bundle]) -> Result<(), TestCaseError> {
    let plan = plan_merge_many(start, bundles.iter().copied());
    let records: Vec<_> = bundles.iter().map(|b| b.records()).collect();
    let expected = oracle::changes(start, &records);
    prop_assert_eq!(&plan.scores, &expected.scores);
    prop_assert_eq!(&plan.notes, &expected.notes);
    prop_assert_eq!(&plan.submissions, &expected.submissions);
    Ok(())
}

#[test]
fn records_agree_with_verified() {
    // The properties merge plain content; the chair merges verified bundles.
    // Both give the same versions.
    let panel = Panel::new(41, &JURORS);
    let steps: Vec<Step> = (0..24)
        .map(|i| match i % 4 {
            0 => Step::Score {
                juror: i % 3,
                device: i % 2,
                place: i % 4,
                criterion: i % 2,
                value: i % 4,
                comment: i % 2,
            },
            1 => Step::Note {
                juror: i % 3,
                device: 0,
                place: i % 4,
                text: i % 3,
            },
            2 => Step::Submit {
                juror: i % 3,
                device: 1,
                place: i % 4,
                submitted: i % 8 == 2,
            },
            _ => Step::Export {
                juror: i % 3,
                device: i % 2,
            },
        })
        .collect();
    for content in exports(&steps) {
        let verified = panel.verified(&content);
        assert_eq!(verified.records(), Bundle::new(content).records());
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn merging_is_order_independent_idempotent_and_follows_the_rules(
        steps in prop::collection::vec(step(), 1..60),
        seeds in prop::collection::vec(any::<u64>(), 24),
        twice in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
    ) {
        let contents = exports(&steps);
        let bundles: Vec<Bundle> = contents.into_iter().map(Bundle::new).collect();
        let refs: Vec<&Bundle> = bundles.iter().collect();
        let empty = MergeState::default();
        let reference = empty.apply(&plan_merge_many(&empty, refs.iter().copied())).unwrap();
        check_against_oracle(&empty, &refs)?;

        // The records are what the rules say.
        let mut scores = Vec::new();
        let mut notes = Vec::new();
        let mut submissions = Vec::new();
        for b in &bundles {
            let juror = b.juror_id().to_owned();
            for c in b.scores() {
                let key = (c.stage.clone(), c.entry.clone(), juror.clone(), c.criterion.clone());
                let content = ScoreContent { value: c.value.clone(), comment: c.comment.clone() };
                scores.push((key, c.revision, content, c.updated_at.clone()));
            }
            for n in b.notes() {
                notes.push(((n.stage.clone(), n.entry.clone(), juror.clone()), n.revision, NoteContent::from(n), n.updated_at.clone()));
            }
            for s in b.submissions() {
                submissions.push(((s.stage.clone(), s.entry.clone(), juror.clone()), s.revision, s.submitted, s.updated_at.clone()));
            }
        }
        let by_tuple = |k: &juri_bundle::ScoreKey| (k.stage.clone(), k.entry.clone(), k.juror.clone(), k.criterion.clone());
        check_against_rules(&reference.scores.iter().map(|(k, r)| (by_tuple(k), r.clone())).collect(), &scores)?;
        check_against_rules(
            &reference.notes.iter().map(|(k, r)| ((k.stage.clone(), k.entry.clone(), k.juror.clone()), r.clone())).collect(),
            &notes,
        )?;
        check_against_rules(
            &reference.submissions.iter().map(|(k, r)| ((k.stage.clone(), k.entry.clone(), k.juror.clone()), r.clone())).collect(),
            &submissions,
        )?;

        // Every order (all of them for a few bundles, shuffles otherwise),
        // with some bundles delivered twice, one by one, gives the same.
        let orders: Vec<Vec<usize>> = if refs.len() <= 5 {
            permutations(refs.len())
        } else {
            let indices: Vec<usize> = (0..refs.len()).collect();
            seeds.iter().map(|&s| shuffled(&indices, s)).collect()
        };
        for (n, order) in orders.iter().enumerate() {
            let mut delivery: Vec<&Bundle> = order.iter().map(|&i| refs[i]).collect();
            for index in &twice {
                let again = refs[index.index(refs.len())];
                delivery.insert(index.index(delivery.len() + 1), again);
            }
            let state = one_by_one(&empty, &delivery);
            prop_assert!(state == reference, "order {:?} differs", order);
            if n == 0 {
                // Part one by one, the rest in one batch.
                let split = delivery.len() / 2;
                let first = one_by_one(&empty, &delivery[..split]);
                let batched = first.apply(&plan_merge_many(&first, delivery[split..].iter().copied())).unwrap();
                check_against_oracle(&first, &delivery[split..])?;
                prop_assert!(batched == reference, "batched merge differs");
            }
        }

        // Merging everything again changes nothing.
        let again = plan_merge_many(&reference, refs.iter().copied());
        prop_assert!(!again.changes_anything());
        prop_assert!(again.scores.iter().all(|c| matches!(c.outcome, Outcome::Unchanged | Outcome::Stale)));
        prop_assert_eq!(reference.apply(&again).unwrap(), reference.clone());

        // The chair rules on every conflict; importing everything again
        // changes nothing.
        let mut decided = reference.clone();
        rule_on_every_conflict(&mut decided);
        prop_assert!(decided.open_conflicts().is_empty());
        prop_assert!(!plan_merge_many(&decided, refs.iter().copied()).changes_anything());

        // The chair rules after part of the bundles arrived, then the rest
        // arrive. Rebuilding from every bundle (in another order) and then
        // the recorded decisions (skipping those a higher revision
        // superseded) gives the same records, open conflicts included.
        let live_order: Vec<&Bundle> = shuffled(&refs, seeds[1]);
        let split = live_order.len() / 2;
        let mut live = one_by_one(&empty, &live_order[..split]);
        let decisions = rule_on_every_conflict(&mut live);
        let live = one_by_one(&live, &live_order[split..]);
        let mut rebuilt = one_by_one(&empty, &shuffled(&refs, seeds[2]));
        for decision in &decisions {
            match decision.apply(&mut rebuilt) {
                Ok(()) | Err(BundleError::DecisionSuperseded { .. }) => {}
                Err(e) => prop_assert!(false, "replaying a decision failed: {}", e),
            }
        }
        prop_assert!(rebuilt == live, "rebuilt records differ from the live ones");
        let distinct: BTreeSet<_> = bundles.iter().map(|b| b.fingerprint()).collect();
        prop_assert_eq!(distinct.len(), bundles.len());
    }
}
