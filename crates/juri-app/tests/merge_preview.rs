//! The desktop's merge applies the plan the chair previewed, and only while the chair's records
//! are still those it was planned against.

use std::path::{Path, PathBuf};

use juri_app::{Chair, JurorWorkspace, PendingMerge};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../juri-cli/tests/data/roundtrip")
        .join(name)
}

#[test]
fn apply_writes_the_previewed_plan_or_refuses_when_the_records_moved_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("chair.db");
    let def = std::fs::read_to_string(data("lomba.toml")).unwrap();
    let mut chair = Chair::init(&db, &def).unwrap();
    chair.import_entries(&data("entries.csv")).unwrap();
    chair.import_jurors(&data("jurors.csv")).unwrap();
    let package = d.join("J1.juri");
    chair.unlock("kata sandi ketua uji").unwrap();
    let code = chair
        .issue_package("J1", false, &package)
        .unwrap()
        .access_code
        .unwrap();
    let mut laptop = JurorWorkspace::open(&d.join("laptop.db")).unwrap();
    laptop.install_package(&package, Some(&code)).unwrap();
    laptop
        .set_score("proposal", "A01", "kebaruan", Some("5"), None)
        .unwrap();
    let first = d.join("first.juri");
    laptop.export(&first, None).unwrap();
    laptop
        .set_score("proposal", "A01", "kebaruan", Some("6"), None)
        .unwrap();
    let second = d.join("second.juri");
    laptop.export(&second, None).unwrap();
    let first = vec![first];
    let second = vec![second];

    // Nothing previewed: nothing to apply.
    let mut pending = PendingMerge::default();
    let refused = chair
        .apply_previewed(&mut pending, &first, None)
        .unwrap_err();
    assert!(refused.to_string().contains("preview"), "{refused}");

    // Previewed, then the same record moves on (another merge): applying is refused.
    let preview = chair.preview_merge(&mut pending, &first, None).unwrap();
    assert!(preview.dry_run && !preview.applied);
    assert_eq!(preview.records.new, 1);
    chair.merge(&second, false, None).unwrap();
    let refused = chair
        .apply_previewed(&mut pending, &first, None)
        .unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("changed since this merge was previewed"),
        "{refused}"
    );

    // Previewed again: what is applied is what was shown.
    let preview = chair.preview_merge(&mut pending, &first, None).unwrap();
    assert_eq!(preview.records.stale, 1);
    let applied = chair.apply_previewed(&mut pending, &first, None).unwrap();
    assert!(applied.applied && !applied.dry_run);
    assert_eq!(applied.records, preview.records);
    assert_eq!(applied.accepted, preview.accepted);
    // The plan is used once.
    assert!(chair.apply_previewed(&mut pending, &first, None).is_err());
}
