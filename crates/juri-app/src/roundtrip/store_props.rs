//! The merge planner over the real store: for a few hundred random cases, planning against the
//! chair's SQLite records gives the same plan as planning against the same records in memory,
//! writing the plan leaves the store holding exactly the records the plan says, and a plan whose
//! touched records changed since is no longer current. The merge rules themselves are proved in
//! `juri-bundle`'s property tests, over many more cases.

use juri_bundle::{BundleRecords, ChairRecords, Incoming, Record, RecordMap};
use juri_store::{CellKey, ChairDb, RecordKind};

use crate::error::AppError;
use crate::roundtrip::conflicts::Names;
use crate::roundtrip::merge_plan::{write, Plan};
use crate::roundtrip::records::{write_record, CellContent, StoreRecords};

type Memory = RecordMap<CellKey, CellKey, CellContent>;

const CASES: u64 = 300;
const TIMES: [&str; 4] = [
    "2025-10-12T09:00:00+08:00",
    "2025-10-12T02:30:00Z",
    "2025-10-12T10:15:00+08:00",
    "2025-10-12T03:00:00Z",
];

/// SplitMix64: deterministic cases without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    }
}

fn key(rng: &mut Rng, criterion: bool) -> CellKey {
    CellKey {
        stage_id: 1 + rng.below(2) as i64,
        entry_id: 1 + rng.below(3) as i64,
        juror_id: 1 + rng.below(2) as i64,
        criterion_id: if criterion {
            1 + rng.below(2) as i64
        } else {
            0
        },
    }
}

fn version<C>(rng: &mut Rng, key: CellKey, content: C) -> Incoming<CellKey, C> {
    Incoming {
        key,
        revision: 1 + rng.below(3),
        content,
        updated_at: TIMES[rng.below(4) as usize].to_string(),
    }
}

/// A random bundle over a small set of keys, so versions meet.
fn bundle(rng: &mut Rng) -> BundleRecords<CellKey, CellKey, CellContent> {
    let n = rng.below(6) as usize;
    BundleRecords {
        scores: (0..n)
            .map(|_| {
                let k = key(rng, true);
                let content = CellContent {
                    value: [None, Some(7000), Some(8500)][rng.below(3) as usize],
                    comment: ["", "baik"][rng.below(2) as usize].to_string(),
                };
                version(rng, k, content)
            })
            .collect(),
        notes: (0..rng.below(3))
            .map(|_| {
                let k = key(rng, false);
                let text = ["", "jalan rusak"][rng.below(2) as usize].to_string();
                // Some notes carry a photo, which the store keeps with the note.
                let photos = match rng.below(3) {
                    0 => vec![juri_bundle::NotePhoto {
                        sha256: "ab".repeat(32),
                        size: 1234,
                        width: 1600,
                        height: 1200,
                        taken_at: None,
                        location: Some("-10.177200,123.607000".into()),
                    }],
                    _ => Vec::new(),
                };
                version(rng, k, juri_bundle::NoteContent { text, photos })
            })
            .collect(),
        submissions: (0..rng.below(3))
            .map(|_| {
                let k = key(rng, false);
                let submitted = rng.below(2) == 0;
                version(rng, k, submitted)
            })
            .collect(),
    }
}

/// Plans `bundles` against the store and against `memory`; they must agree. Writes the store's
/// plan and applies the other to `memory`.
fn merge_both(
    db: &mut ChairDb,
    memory: &mut Memory,
    bundles: &[BundleRecords<CellKey, CellKey, CellContent>],
) -> Result<Plan, AppError> {
    let in_memory = {
        let mut plan = Plan::default();
        for b in bundles {
            let Ok(_) = plan.absorb(b.clone(), &*memory);
        }
        plan
    };
    let kept = db.write(|tx| -> Result<Plan, AppError> {
        let store = StoreRecords::new(tx)?;
        let mut plan = Plan::default();
        for b in bundles {
            plan.absorb(b.clone(), &store)?;
        }
        assert!(plan.is_current(&store)?);
        assert_eq!(
            plan.clone().into_changes(),
            in_memory.clone().into_changes()
        );
        write(plan.clone(), &Names::default(), tx)?;
        Ok(plan)
    })?;
    let changes = in_memory.into_changes();
    memory
        .scores
        .extend(changes.scores.into_iter().map(|c| (c.key, c.after)));
    memory
        .notes
        .extend(changes.notes.into_iter().map(|c| (c.key, c.after)));
    memory
        .submissions
        .extend(changes.submissions.into_iter().map(|c| (c.key, c.after)));
    Ok(kept)
}

/// Every record in memory is in the store, conflict state included.
fn same_records(db: &ChairDb, memory: &Memory) -> Result<(), AppError> {
    let tx = db.read();
    let store = StoreRecords::new(&tx)?;
    for (k, r) in &memory.scores {
        assert_eq!(store.score(k)?.as_ref(), Some(r), "{k:?}");
    }
    for (k, r) in &memory.notes {
        assert_eq!(store.note(k)?.as_ref(), Some(r), "{k:?}");
    }
    for (k, r) in &memory.submissions {
        assert_eq!(store.submission(k)?.as_ref(), Some(r), "{k:?}");
    }
    Ok(())
}

/// The chair rules on the first score cell in open conflict, in both places.
fn rule_on_one(db: &mut ChairDb, memory: &mut Memory) -> Result<(), AppError> {
    let Some((key, record)) = memory
        .scores
        .iter()
        .find(|(_, r)| r.has_open_conflict())
        .map(|(k, r)| (*k, r.clone()))
    else {
        return Ok(());
    };
    let chosen = record.rivals[0].version.content.clone();
    let decision = record.decide(&chosen).expect("a rival is a version");
    let after: Record<CellContent> = record.resolve(&decision, "cell").expect("in conflict");
    db.write(|tx| write_record(tx, RecordKind::Score, key, &record, &after))?;
    memory.scores.insert(key, after);
    Ok(())
}

#[test]
fn the_store_plans_and_writes_what_the_records_in_memory_say() -> Result<(), AppError> {
    for case in 0..CASES {
        let mut rng = Rng(case);
        let mut db = ChairDb::in_memory()?;
        let mut memory = Memory::default();
        let first: Vec<_> = (0..1 + rng.below(3)).map(|_| bundle(&mut rng)).collect();
        merge_both(&mut db, &mut memory, &first)?;
        same_records(&db, &memory)?;
        rule_on_one(&mut db, &mut memory)?;
        let second: Vec<_> = (0..1 + rng.below(3)).map(|_| bundle(&mut rng)).collect();
        let plan = merge_both(&mut db, &mut memory, &second)?;
        same_records(&db, &memory)?;
        // Merging the same bundles again: nothing changes, and the written plan is current.
        let again = merge_both(&mut db, &mut memory, &second)?;
        assert!(!again.changes_anything(), "case {case}");
        same_records(&db, &memory)?;
        // A record the plan touched moves on: the plan is no longer current.
        let touched = plan
            .scores
            .outcomes()
            .next()
            .map(|(k, _, r)| (*k, r.clone()));
        if let Some((k, r)) = touched {
            let mut moved = r.clone();
            moved.revision += 1;
            db.write(|tx| write_record(tx, RecordKind::Score, k, &r, &moved))?;
            let tx = db.read();
            assert!(!again.is_current(&StoreRecords::new(&tx)?)?, "case {case}");
        }
    }
    Ok(())
}
