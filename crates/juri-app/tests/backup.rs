//! When the app reminds the chair to save a backup: after a merge or a finalisation newer than the
//! last backup (or restore), and not otherwise.

use juri_app::{create_demo, restore_backup};

#[test]
fn a_finalisation_after_the_last_backup_makes_a_backup_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = create_demo(&dir.path().join("lomba.db")).unwrap();
    // The demo finalised two stages and was never backed up.
    let status = chair.backup_status().unwrap();
    assert!(status.due, "{status:?}");
    assert_eq!(status.last_backup_at, None);
    assert!(status.changed_at.is_some());

    let out = dir.path().join("c.juri-backup");
    let report = chair.backup(&out).unwrap();
    let status = chair.backup_status().unwrap();
    assert!(!status.due, "{status:?}");
    assert_eq!(
        status.last_backup_at.as_deref(),
        Some(report.created_at.as_str())
    );
    assert_eq!(
        status.last_backup_file.as_deref(),
        Some(out.display().to_string().as_str())
    );

    // Re-opening and finalising again is a change the backup does not hold.
    chair.reopen("proposal", "a score was typed wrong").unwrap();
    assert!(!chair.backup_status().unwrap().due, "a re-opening alone");
    chair.finalize("proposal").unwrap();
    let status = chair.backup_status().unwrap();
    assert!(status.due, "{status:?}");

    // A database restored from a backup holds what that backup holds: nothing is due.
    let (restored, report) = restore_backup(&out, &dir.path().join("baru.db")).unwrap();
    let status = restored.backup_status().unwrap();
    assert!(!status.due, "{status:?}");
    assert_eq!(
        status.last_backup_at.as_deref(),
        Some(report.created_at.as_str())
    );
}
