//! Stages finalised by an earlier version of Juri read back unchanged.
//!
//! `data/finalised-0.1.db` was written by Juri 0.1 (the demo competition with `JURI_NOW` set:
//! administrasi and proposal finalised, one exception decision recorded). Its rows must read
//! back through the frozen row types, give the same results, and be written again byte for byte.

use std::path::PathBuf;

use juri_core::model::Decision;
use juri_core::results::{Cut, TieState};
use juri_store::{frozen, ChairDb};

fn fixture() -> (tempfile::TempDir, ChairDb) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lomba.db");
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/finalised-0.1.db");
    std::fs::copy(source, &path).unwrap();
    let db = ChairDb::open(&path).unwrap();
    (dir, db)
}

#[test]
fn a_stage_finalised_by_juri_0_1_reads_back() {
    let (_dir, db) = fixture();
    let tx = db.read();
    let stage = tx
        .stage_id("proposal")
        .unwrap()
        .expect("proposal has a row");
    assert_eq!(
        tx.finalized_at(stage).unwrap().as_deref(),
        Some("2025-12-15T10:00:00+08:00")
    );
    let (at, results) = tx.finalized(stage).unwrap().expect("proposal is finalised");
    assert_eq!(at, "2025-12-15T10:00:00+08:00");
    assert_eq!(results.stage, "proposal");
    assert_eq!(results.groups.len(), 5);
    assert_eq!(results.rows().count(), 37);
    let first = results.rows().next().unwrap();
    assert_eq!(first.entry, "PROV-07");
    assert_eq!(first.rank, Some(1));
    assert_eq!(first.score.map(|s| s.exact()), Some("5149/60".to_string()));
    assert_eq!(first.advance, Some(Cut::In));
    assert_eq!(first.tie, TieState::None);
    let third = results.row("PROV-02").unwrap();
    assert_eq!(third.score.map(|s| s.exact()), Some("2173/30".to_string()));
}

#[test]
fn frozen_rows_are_written_again_byte_for_byte() {
    let (_dir, db) = fixture();
    let tx = db.read();
    for stage in ["administrasi", "proposal"] {
        let id = tx.stage_id(stage).unwrap().unwrap();
        let (_, results) = tx.finalized(id).unwrap().unwrap();
        let stored: String = db
            .connection()
            .query_row(
                "SELECT results FROM finalized WHERE stage_id=?1",
                [id],
                |r| r.get(0),
            )
            .unwrap();
        let again = frozen::results_to_row(&results).unwrap();
        if let Some(at) = again.bytes().zip(stored.bytes()).position(|(a, b)| a != b) {
            let near = |s: &str| s[at.saturating_sub(60)..(at + 60).min(s.len())].to_string();
            panic!(
                "{stage}: written {} / stored {}",
                near(&again),
                near(&stored)
            );
        }
        assert_eq!(again.len(), stored.len(), "{stage}");
    }
}

#[test]
fn decisions_recorded_by_juri_0_1_read_back() {
    let (_dir, db) = fixture();
    let decisions = db.read().decisions().unwrap();
    assert_eq!(decisions.len(), 1);
    let (id, at, decision) = &decisions[0];
    assert_eq!((*id, at.as_str()), (1, "2025-12-16T09:00:00+08:00"));
    assert_eq!(
        decision,
        &Decision::Exception {
            stage: "presentasi".into(),
            juror: "J3".into(),
            entry: "PROV-02".into(),
            reason: "Juri sakit pada hari presentasi".into(),
        }
    );
    let stored = r#"{"kind":"exception","stage":"presentasi","juror":"J3","entry":"PROV-02","reason":"Juri sakit pada hari presentasi"}"#;
    assert_eq!(frozen::decision_to_row(decision).unwrap(), stored);
}

#[test]
fn a_damaged_row_is_refused_with_its_place() {
    let error = frozen::results_from_row("{\"stage\": 1}").unwrap_err();
    assert!(
        error.to_string().starts_with("stored data is damaged"),
        "{error}"
    );
    let error = frozen::decision_from_row("{\"kind\":\"lottery\"}").unwrap_err();
    assert!(error.to_string().contains("lottery"), "{error}");
}

/// A kind of decision added after version 1 is stored in its own row type, and reads back.
#[test]
fn an_exception_for_an_unscored_entry_has_its_own_row() {
    let d = Decision::Unscored {
        stage: "proposal".into(),
        entry: "A-07".into(),
        reason: "Tidak ada juri yang dapat menilai".into(),
    };
    let row = frozen::decision_to_row(&d).unwrap();
    assert_eq!(
        row,
        r#"{"kind":"unscored","stage":"proposal","entry":"A-07","reason":"Tidak ada juri yang dapat menilai"}"#
    );
    assert_eq!(frozen::decision_from_row(&row).unwrap(), d);
    assert!(frozen::decision_from_row(r#"{"kind":"withdrawn","stage":"x"}"#).is_err());
}

/// A database from before stage snapshots (migration 006) opens with its finalised stages
/// listed as having none, for the application to reconstruct.
#[test]
fn stages_finalised_before_snapshots_have_none() {
    let (_dir, db) = fixture();
    let tx = db.read();
    let ids: Vec<i64> = ["administrasi", "proposal"]
        .iter()
        .map(|s| tx.stage_id(s).unwrap().unwrap())
        .collect();
    let missing = tx.finalized_without_snapshot().unwrap();
    assert_eq!(
        missing,
        ids.iter()
            .map(|&id| (id, 1, "2025-12-15T10:00:00+08:00".to_string()))
            .collect::<Vec<_>>()
    );
    assert!(tx.stage_snapshot(ids[1], 1).unwrap().is_none());
}
