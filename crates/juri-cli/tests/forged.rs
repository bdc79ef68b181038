//! Bundles signed with a juror's real key that no Juri would write: each refused by the merge and
//! by `juri verify --db`, with the field named, and nothing merged.

#[path = "support/run.rs"]
mod run;

use juri_bundle::{seal_bundle, BundleContent, ChairPublic, JurorSigningKey};
use juri_store::rusqlite::Connection;
use run::*;

/// A bundle from the laptop `laptop`, signed with its juror's key, saying `package_version`.
fn bundle_from(run: &Run, laptop: &str, package_version: u32, sequence: u64) -> Vec<u8> {
    let conn = Connection::open(run.path(laptop)).unwrap();
    let meta = |key: &str| -> String {
        conn.query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
            .unwrap()
    };
    let key = JurorSigningKey::from_secret_string(&meta("juror_secret")).unwrap();
    let chair = ChairPublic {
        signing_key: meta("chair_signing_key"),
        age_recipient: meta("chair_age_recipient"),
    };
    let content = BundleContent {
        competition_id: meta("competition_id"),
        juror_id: meta("juror_id"),
        package_version,
        exported_at: "2025-12-15T10:00:00+08:00".into(),
        sequence,
        scores: vec![],
        notes: vec![],
        submissions: vec![],
    };
    seal_bundle(&content, &key, &chair).unwrap()
}

#[test]
fn a_bundle_naming_a_package_the_chair_never_issued_is_refused() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    std::fs::write(run.path("v2.juri"), bundle_from(&run, "j1.db", 2, 1)).unwrap();
    let before = std::fs::read(run.path("lomba.db")).unwrap();
    let said = "package_version 2: the chair has issued juror J1 packages up to version 1 only";
    let out = run.fails(&["merge", "--db", "lomba.db", "v2.juri"]);
    assert!(out.contains(said), "{out}");
    let out = run.fails(&["verify", "v2.juri", "--db", "lomba.db"]);
    assert!(out.contains(said), "{out}");
    assert_eq!(std::fs::read(run.path("lomba.db")).unwrap(), before);

    // The package the chair did issue is accepted.
    std::fs::write(run.path("v1.juri"), bundle_from(&run, "j1.db", 1, 2)).unwrap();
    let out = run.ok(&["merge", "--db", "lomba.db", "v1.juri"]);
    assert!(out.contains("bundles: 1 accepted"), "{out}");
}

#[test]
fn two_bundles_with_one_export_number_both_count_and_the_chair_is_told() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    std::fs::write(run.path("a.juri"), bundle_from(&run, "j1.db", 1, 7)).unwrap();
    std::fs::write(run.path("b.juri"), bundle_from(&run, "j1.db", 1, 7)).unwrap();
    std::fs::write(run.path("c.juri"), bundle_from(&run, "j1.db", 1, 7)).unwrap();
    let out = run.ok(&["merge", "--db", "lomba.db", "a.juri"]);
    assert!(!out.contains("note:"), "{out}");
    let told = "has the same export number 7: both count, record by record";
    // Against a bundle merged before, and against one in the same merge.
    let out = run.ok(&["merge", "--db", "lomba.db", "--dry-run", "b.juri", "c.juri"]);
    assert!(
        out.contains("b.juri: note: another bundle of juror J1 ["),
        "{out}"
    );
    assert_eq!(out.matches(told).count(), 3, "{out}");
    let out = run.ok(&["merge", "--db", "lomba.db", "b.juri"]);
    assert!(
        out.contains(told) && out.contains("bundles: 1 accepted"),
        "{out}"
    );
}
