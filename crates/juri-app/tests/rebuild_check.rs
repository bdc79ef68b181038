//! `rebuild` re-derives every stage snapshot (its stage's results computed again from it alone
//! must be the ones frozen for its version) and every correction (its before and after against
//! the history it left), besides the merged records; a snapshot or correction altered behind
//! Juri's back is named.

use std::path::Path;

use juri_app::{Chair, ScoreCorrection};
use juri_store::rusqlite::Connection;

#[allow(dead_code)]
mod support;
use support::write;

const DEFINITION: &str = r#"
[competition]
id = "uji-rebuild"
name = "Uji rebuild"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "Proposal"
kind = "scoring"
advance = { top_per_category = 3 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
[[stages]]
id = "f"
name = "Final"
kind = "final"
scope = "all"
combine = [{ stage = "p", weight = 100 }]
awards = [{ id = "juara", name = "Juara", top = 1 }]
"#;

fn scores(chair: &mut Chair, dir: &Path, sheets: &[(&str, &str, u32)]) {
    let mut text = String::from("stage,entry,juror,criterion,score\n");
    for (j, e, v) in sheets {
        text += &format!("p,{e},{j},nilai,{v}\n");
    }
    chair
        .import_scores(&write(dir, "scores.csv", &text))
        .unwrap();
}

/// p finalised, re-opened, corrected (a paper score, a juror replaced, an entry withdrawn and
/// restored) and finalised again; the final finalised on it.
fn decided(dir: &Path) -> Chair {
    let mut chair = Chair::init(&dir.join("l.db"), DEFINITION).unwrap();
    let mut text = String::from("kode,judul,instansi,kategori\n");
    for e in ["E1", "E2", "E3", "E4"] {
        text += &format!("{e},Inovasi {e},Dinas {e},x\n");
    }
    chair
        .import_entries(&write(dir, "entries.csv", &text))
        .unwrap();
    chair
        .import_jurors(&write(
            dir,
            "jurors.csv",
            "id,name,role,assign\nJ1,Ketua,ketua,p=*\nJ2,Anggota,anggota,p=*\nJ3,Pengganti,anggota,\n",
        ))
        .unwrap();
    scores(
        &mut chair,
        dir,
        &[
            ("J1", "E1", 90),
            ("J2", "E1", 80),
            ("J1", "E2", 70),
            ("J2", "E2", 75),
            ("J1", "E3", 60),
            ("J2", "E3", 65),
            ("J1", "E4", 50),
            ("J2", "E4", 55),
        ],
    );
    chair.finalize("p").unwrap();
    chair.reopen("p", "Salah ketik").unwrap();
    chair
        .correct_score(
            &ScoreCorrection {
                stage: "p".into(),
                entry: "E4".into(),
                juror: "J1".into(),
                criterion: "nilai".into(),
                score: "95".into(),
            },
            "Lembar asli",
        )
        .unwrap();
    chair
        .replace_juror("p", "J2", "J3", true, "J2 sakit")
        .unwrap();
    chair.set_withdrawn("E3", true, "Mundur").unwrap();
    chair.set_withdrawn("E3", false, "Batal mundur").unwrap();
    chair.finalize("p").unwrap();
    chair.finalize("f").unwrap();
    chair
}

#[test]
fn every_snapshot_and_correction_re_derives() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = decided(dir.path());
    let r = chair.rebuild(true).unwrap();
    assert_eq!(
        (r.snapshots, r.snapshots_reconstructed, r.corrections),
        (3, 0, 5)
    );
    assert!(r.differences.is_empty(), "{:?}", r.differences);
    assert!(r.identical && !r.applied);
    let r = chair.rebuild(false).unwrap();
    assert!(r.identical && r.applied, "{:?}", r.differences);
    let line = chair.log().unwrap().pop().unwrap();
    assert!(
        line.detail
            .contains("3 snapshots and 5 corrections re-derived: identical"),
        "{}",
        line.detail
    );
}

#[test]
fn an_altered_snapshot_or_correction_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = decided(dir.path());
    drop(chair);
    let path = dir.path().join("l.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER stage_snapshots_no_update; DROP TRIGGER corrections_no_update;",
        )
        .unwrap();
        // Version 1 of p: J1's sheet of E1 altered from 90 to 99.
        let n = conn
            .execute(
                "UPDATE stage_snapshots SET content = replace(content, '\"scores\":{\"nilai\":90000}', '\"scores\":{\"nilai\":99000}')
                 WHERE version = 1 AND stage_id = (SELECT id FROM stages WHERE code = 'p')",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
        // The paper score correction says it wrote revision 3.
        let n = conn
            .execute(
                "UPDATE corrections SET after = replace(after, '\"revision\":2', '\"revision\":3') WHERE kind = 'score'",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    chair = Chair::open(&path).unwrap();
    let r = chair.rebuild(true).unwrap();
    assert!(!r.identical);
    assert_eq!(
        r.digest_before, r.digest_after,
        "the records are not touched"
    );
    assert_eq!(r.differences.len(), 2, "{:?}", r.differences);
    assert_eq!(
        r.differences[0],
        "snapshot of stage 'p' version 1: its panel, entries, sheets and decisions do not give the results frozen for it"
    );
    assert!(
        r.differences[1].starts_with("correction 2 (score, ")
            && r.differences[1]
                .ends_with("the journal holds no paper cell at the revision and score it wrote"),
        "{}",
        r.differences[1]
    );
}
