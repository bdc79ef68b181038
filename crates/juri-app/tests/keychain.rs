//! The keychain keeps a copy of the chair's and the juror's opened keys on this laptop (the
//! keychain library's in-memory store stands in for the operating system's): with it the
//! passphrase or access code is asked once per laptop; without it — another laptop, a backup
//! restored elsewhere — the sealed copy in the database opens with the passphrase as before.

use std::path::{Path, PathBuf};

use juri_app::{Chair, JurorWorkspace, Keychain, PassphraseNeeded};

const PASSPHRASE: &str = "kata sandi ketua uji";

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../juri-cli/tests/data/roundtrip")
        .join(name)
}

fn competition(dir: &Path) -> PathBuf {
    let db = dir.join("chair.db");
    let def = std::fs::read_to_string(data("lomba.toml")).unwrap();
    let mut chair = Chair::init(&db, &def).unwrap();
    chair.import_entries(&data("entries.csv")).unwrap();
    chair.import_jurors(&data("jurors.csv")).unwrap();
    db
}

fn open(db: &Path, keychain: &Keychain) -> Chair {
    let mut chair = Chair::open(db).unwrap();
    chair.use_keychain(keychain.clone());
    chair
}

#[test]
fn the_chair_gives_the_passphrase_once_per_laptop_with_a_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let db = competition(dir.path());
    let laptop = Keychain::in_memory();

    // First package: a new passphrase; the keys it makes are sealed and copied to the keychain.
    let mut chair = open(&db, &laptop);
    assert_eq!(
        chair.passphrase_needed().unwrap(),
        Some(PassphraseNeeded::New)
    );
    chair.unlock(PASSPHRASE).unwrap();
    let package = dir.path().join("J1.juri");
    chair.issue_package("J1", false, &package).unwrap();
    drop(chair);

    // The next session on this laptop: open from the keychain, no passphrase.
    let mut chair = open(&db, &laptop);
    assert_eq!(chair.passphrase_needed().unwrap(), None);
    chair
        .issue_package("J1", false, &dir.path().join("J1-again.juri"))
        .unwrap();
    drop(chair);

    // Without the keychain (JURI_KEYCHAIN=off), or on another laptop whose keychain is empty,
    // the passphrase is asked; a wrong one is refused, the right one opens the sealed copy.
    let mut chair = Chair::open(&db).unwrap();
    assert_eq!(
        chair.passphrase_needed().unwrap(),
        Some(PassphraseNeeded::Existing)
    );
    let other_laptop = Keychain::in_memory();
    let mut chair_elsewhere = open(&db, &other_laptop);
    assert_eq!(
        chair_elsewhere.passphrase_needed().unwrap(),
        Some(PassphraseNeeded::Existing)
    );
    assert!(chair_elsewhere.unlock("not the passphrase").is_err());
    assert_eq!(
        chair_elsewhere.passphrase_needed().unwrap(),
        Some(PassphraseNeeded::Existing)
    );
    chair_elsewhere.unlock(PASSPHRASE).unwrap();
    drop(chair_elsewhere);
    // ... and from then on that laptop's keychain holds the copy too.
    assert_eq!(open(&db, &other_laptop).passphrase_needed().unwrap(), None);
    drop(chair);
}

#[test]
fn a_keychain_copy_of_other_keys_is_not_used() {
    // Two competitions on one laptop: each database finds only the copy of its own keys.
    let dir = tempfile::tempdir().unwrap();
    let laptop = Keychain::in_memory();
    let first_dir = dir.path().join("a");
    let second_dir = dir.path().join("b");
    std::fs::create_dir_all(&first_dir).unwrap();
    std::fs::create_dir_all(&second_dir).unwrap();
    let first = competition(&first_dir);
    let second = competition(&second_dir);
    for db in [&first, &second] {
        let mut chair = Chair::open(db).unwrap();
        chair.unlock(PASSPHRASE).unwrap();
        chair
            .issue_package("J1", false, &db.with_extension("juri"))
            .unwrap();
    }
    // Only the first one's keys were copied (the second opened without the keychain).
    let mut chair = open(&first, &laptop);
    chair.unlock(PASSPHRASE).unwrap();
    drop(chair);
    assert_eq!(open(&first, &laptop).passphrase_needed().unwrap(), None);
    assert_eq!(
        open(&second, &laptop).passphrase_needed().unwrap(),
        Some(PassphraseNeeded::Existing)
    );
}

#[test]
fn the_juror_gives_the_access_code_once_per_laptop_with_a_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = competition(d);
    let mut chair = Chair::open(&db).unwrap();
    chair.unlock(PASSPHRASE).unwrap();
    let package = d.join("J1.juri");
    let code = chair
        .issue_package("J1", false, &package)
        .unwrap()
        .access_code
        .unwrap();
    let laptop_db = d.join("laptop.db");
    let keychain = Keychain::in_memory();

    let mut laptop = JurorWorkspace::open(&laptop_db).unwrap();
    laptop.use_keychain(keychain.clone()).unwrap();
    assert!(!laptop.is_unlocked());
    laptop.install_package(&package, Some(&code)).unwrap();
    laptop
        .set_score("proposal", "A01", "kebaruan", Some("5"), None)
        .unwrap();
    drop(laptop);

    // The app restarts: with the keychain the export needs no code.
    let mut laptop = JurorWorkspace::open(&laptop_db).unwrap();
    laptop.use_keychain(keychain.clone()).unwrap();
    assert!(laptop.is_unlocked());
    laptop.export(&d.join("first.juri"), None).unwrap();
    drop(laptop);

    // Without it, the code is needed again.
    let mut laptop = JurorWorkspace::open(&laptop_db).unwrap();
    assert!(!laptop.is_unlocked());
    let needs = laptop.export(&d.join("refused.juri"), None).unwrap_err();
    assert!(
        matches!(
            needs,
            juri_app::AppError::Needs {
                hint: juri_app::Hint::GiveAccessCode,
                ..
            }
        ),
        "{needs}"
    );
    assert!(!d.join("refused.juri").exists());
    drop(laptop);

    // A lost laptop: the chair issues a new code. Installing it (with the new code) replaces the
    // keychain's copy: the next session opens the new key, which the chair's merge accepts.
    let renewed = d.join("J1-new.juri");
    let new_code = chair
        .issue_package("J1", true, &renewed)
        .unwrap()
        .access_code
        .unwrap();
    let mut laptop = JurorWorkspace::open(&laptop_db).unwrap();
    laptop.use_keychain(keychain.clone()).unwrap();
    laptop.install_package(&renewed, Some(&new_code)).unwrap();
    laptop
        .set_score("proposal", "A01", "kebaruan", Some("6"), None)
        .unwrap();
    drop(laptop);
    let mut laptop = JurorWorkspace::open(&laptop_db).unwrap();
    laptop.use_keychain(keychain).unwrap();
    assert!(laptop.is_unlocked());
    let second = d.join("second.juri");
    laptop.export(&second, None).unwrap();
    let report = chair.merge(&[second], false, None).unwrap();
    assert_eq!((report.accepted, report.rejected), (1, 0), "{report:?}");
}
