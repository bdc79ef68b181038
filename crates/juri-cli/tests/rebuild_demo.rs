//! The demo's scores are journaled like a paper import: a rebuild of a fresh demo keeps every
//! score, note and submission, and `rebuild --check` says "identical".

#[path = "support/run.rs"]
mod run;

use juri_store::rusqlite::Connection;
use run::Run;

/// Every score, note and submission, in key order.
fn records(run: &Run) -> Vec<String> {
    let c = Connection::open(run.path("d.db")).unwrap();
    let mut out = Vec::new();
    for table in ["scores", "notes", "submissions"] {
        let mut st = c
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2, 3, 4"))
            .unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                (0..n)
                    .map(|i| {
                        r.get::<_, juri_store::rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            out.push(format!("{table}: {}", row.unwrap().join("|")));
        }
    }
    out
}

#[test]
fn rebuilding_the_demo_keeps_every_record() {
    let run = Run::new();
    run.ok(&["demo", "--db", "d.db"]);
    let before = records(&run);
    for table in ["scores", "notes", "submissions"] {
        assert!(
            before.iter().any(|r| r.starts_with(table)),
            "the demo has {table}"
        );
    }

    let check = run.ok(&["rebuild", "--db", "d.db", "--check"]);
    assert!(check.contains("identical (checked only)"), "{check}");
    assert!(
        check.contains("replayed 2 merges (9 bundles), 0 paper imports"),
        "{check}"
    );
    let rebuilt = run.ok(&["rebuild", "--db", "d.db"]);
    assert!(rebuilt.trim_end().ends_with("identical"), "{rebuilt}");
    assert_eq!(records(&run), before, "the rebuild changed the records");
}
