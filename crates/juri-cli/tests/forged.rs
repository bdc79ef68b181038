//! Bundles signed with a juror's real key that no Juri would write: each refused by the merge and
//! by `juri verify --db`, with the field named, and nothing merged.

#[path = "support/run.rs"]
mod run;

use juri_bundle::{seal_bundle, BundleContent, ChairPublic};
use juri_store::rusqlite::Connection;
use run::*;

/// A bundle from the laptop `laptop`, signed with its juror's key, saying `package_version`.
fn bundle_from(run: &Run, laptop: &str, package_version: u32, sequence: u64) -> Vec<u8> {
    bundle_at(
        run,
        laptop,
        package_version,
        sequence,
        "2025-12-15T10:00:00+08:00",
    )
}

/// [`bundle_from`], exported at `exported_at`.
fn bundle_at(
    run: &Run,
    laptop: &str,
    package_version: u32,
    sequence: u64,
    exported_at: &str,
) -> Vec<u8> {
    let conn = Connection::open(run.path(laptop)).unwrap();
    let meta = |key: &str| -> String {
        conn.query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
            .unwrap()
    };
    let key = run.laptop_key(laptop);
    let chair = ChairPublic {
        signing_key: meta("chair_signing_key"),
        age_recipient: meta("chair_age_recipient"),
    };
    let content = BundleContent {
        competition_id: meta("competition_id"),
        juror_id: meta("juror_id"),
        package_version,
        exported_at: exported_at.into(),
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
    // Three different contents with one number (exported at three moments).
    for (file, at) in [
        ("a.juri", "2025-12-15T10:00:00+08:00"),
        ("b.juri", "2025-12-15T10:05:00+08:00"),
        ("c.juri", "2025-12-15T10:10:00+08:00"),
    ] {
        std::fs::write(run.path(file), bundle_at(&run, "j1.db", 1, 7, at)).unwrap();
    }
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

/// A new key (a new laptop after `--new-code`) counts its exports from 1 again: its first
/// bundle shares a number with the old key's, and no note says so.
#[test]
fn a_new_key_counts_its_exports_again_without_a_note() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    std::fs::write(run.path("lama.juri"), bundle_from(&run, "j1.db", 1, 1)).unwrap();
    let out = run.ok(&["merge", "--db", "lomba.db", "lama.juri"]);
    assert!(out.contains("bundles: 1 accepted"), "{out}");
    let out = run.ok(&[
        "package",
        "--db",
        "lomba.db",
        "--juror",
        "J1",
        "--out",
        "J1-v2.juri",
        "--new-code",
        "--reason",
        "laptop hilang",
    ]);
    let codes = access_codes(&out);
    run.open("j1-baru.db", "J1-v2.juri", code_of(&codes, "J1"));
    std::fs::write(run.path("baru.juri"), bundle_from(&run, "j1-baru.db", 2, 1)).unwrap();
    let out = run.ok(&["merge", "--db", "lomba.db", "baru.juri"]);
    assert!(
        out.contains("bundles: 1 accepted") && !out.contains("same export number"),
        "{out}"
    );
    // The same key's number given twice is still told.
    std::fs::write(
        run.path("baru-lagi.juri"),
        bundle_at(&run, "j1-baru.db", 2, 1, "2025-12-15T11:00:00+08:00"),
    )
    .unwrap();
    let out = run.ok(&["merge", "--db", "lomba.db", "baru-lagi.juri"]);
    assert!(out.contains("has the same export number 1"), "{out}");
}

/// The same signed content encrypted twice is two files with one content fingerprint: the merge
/// shows that fingerprint, takes the content once and skips the other file, before and after.
#[test]
fn one_content_in_two_encryptions_is_one_bundle_with_one_fingerprint() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    std::fs::write(run.path("a.juri"), bundle_from(&run, "j1.db", 1, 7)).unwrap();
    std::fs::write(run.path("b.juri"), bundle_from(&run, "j1.db", 1, 7)).unwrap();
    std::fs::write(run.path("c.juri"), bundle_from(&run, "j1.db", 1, 7)).unwrap();
    assert_ne!(
        std::fs::read(run.path("a.juri")).unwrap(),
        std::fs::read(run.path("b.juri")).unwrap()
    );
    let value = |text: &str, label: &str| -> String {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .unwrap_or_else(|| panic!("{label} in {text}"))
            .trim()
            .to_string()
    };
    let a = run.ok(&["verify", "a.juri", "--db", "lomba.db"]);
    let b = run.ok(&["verify", "b.juri", "--db", "lomba.db"]);
    assert_ne!(value(&a, "fingerprint:"), value(&b, "fingerprint:"));
    let content = value(&a, "content:");
    assert_eq!(content, value(&b, "content:"));
    assert_eq!(content.len(), 64);
    let short = format!("{}-{}-{}", &content[..4], &content[4..8], &content[8..12]);

    // In one merge: the second file is the same bundle.
    let out = run.ok(&["merge", "--db", "lomba.db", "a.juri", "b.juri"]);
    assert!(
        out.contains(&format!("a.juri: juror J1, export 7 [{short}]"))
            && out.contains("1 accepted"),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "b.juri: the same bundle is given twice [{short}], skipped"
        )) && out.contains("1 skipped"),
        "{out}"
    );
    // After it: the third encryption is known by its content.
    let before = std::fs::read(run.path("lomba.db")).unwrap();
    let out = run.ok(&["merge", "--db", "lomba.db", "c.juri"]);
    assert!(
        out.contains(&format!("c.juri: imported before [{short}], skipped")),
        "{out}"
    );
    assert_eq!(std::fs::read(run.path("lomba.db")).unwrap(), before);
}

/// A package of the installed version with other content, signed with the chair's real key: no
/// Juri issues one (a changed package gets a higher version), so the laptop refuses it.
#[test]
fn the_same_package_version_with_other_content_is_refused_by_the_laptop() {
    use juri_bundle::{issue_package, open_package};
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let chair = chair_keys(&run);
    let issued = std::fs::read(run.path("paket/lomba-uji-2025-J1.juri")).unwrap();
    let mut content = open_package(&issued).unwrap().into_content();
    content.entries[0].title = "Judul yang diubah".into();
    let changed = issue_package(&content, &chair).unwrap();
    std::fs::write(run.path("changed.juri"), changed).unwrap();
    let before = dump(&run.path("j1.db"));
    let out = run.fails(&["juror", "--db", "j1.db", "open", "changed.juri"]);
    assert!(
        out.contains("package version 1 is already installed with other content (fingerprint "),
        "{out}"
    );
    assert_eq!(dump(&run.path("j1.db")), before);
    // The same file again is harmless.
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "paket/lomba-uji-2025-J1.juri",
    ]);
}

/// Text beyond the format's limits is refused when the juror saves it, not at export.
#[test]
fn a_comment_or_note_beyond_the_limits_is_refused_when_saved() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let before = dump(&run.path("j1.db"));
    let long = "x".repeat(8 * 1024 + 1);
    let out = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "score",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--criterion",
        "kebaruan",
        "--value",
        "7",
        "--comment",
        &long,
    ]);
    assert!(
        out.contains(
            "the comment on 'kebaruan' is 8193 bytes long; a comment holds at most 8192 bytes"
        ),
        "{out}"
    );
    let note = "é".repeat(32 * 1024 + 1);
    let out = run.fails(&[
        "juror", "--db", "j1.db", "note", "--stage", "proposal", "--entry", "A01", "--text", &note,
    ]);
    assert!(
        out.contains(
            "the note on entry 'A01' is 65538 bytes long; a note holds at most 65536 bytes"
        ),
        "{out}"
    );
    assert_eq!(dump(&run.path("j1.db")), before);
    // At the limit, both are saved and exported.
    let comment = "x".repeat(8 * 1024);
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "score",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--criterion",
        "kebaruan",
        "--value",
        "7",
        "--comment",
        &comment,
    ]);
    run.export("j1.db", "full.juri");
    let out = run.ok(&["merge", "--db", "lomba.db", "full.juri"]);
    assert!(out.contains("bundles: 1 accepted"), "{out}");
}

/// The chair's age identity, for auditing bundles with other age tools: written once, owner-only,
/// audit-logged, never over an existing file.
#[test]
fn the_chair_age_identity_is_exported_to_a_new_private_file() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let none = run.fails(&["age-identity", "--db", "lomba.db", "--out", "id.txt"]);
    assert!(none.contains("juri package"), "{none}");
    run.packages("lomba.db", "paket");
    let out = run.ok(&["age-identity", "--db", "lomba.db", "--out", "id.txt"]);
    assert!(out.contains("readable by you only"), "{out}");
    let keys = chair_keys(&run);
    let text = std::fs::read_to_string(run.path("id.txt")).unwrap();
    let identity: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(identity, [keys.age_secret_key().as_str()]);
    assert!(text.contains(&keys.public().age_recipient));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(run.path("id.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let again = run.fails(&["age-identity", "--db", "lomba.db", "--out", "id.txt"]);
    assert!(again.contains("id.txt"), "{again}");
    assert_eq!(std::fs::read_to_string(run.path("id.txt")).unwrap(), text);
    let log = run.ok(&["log", "--db", "lomba.db"]);
    assert!(
        log.contains("age identity of the chair exported to id.txt"),
        "{log}"
    );
}

/// Not a check: writes, into `$JURI_LIMITS_OUT`, a chair's database and a validly signed bundle
/// just under the file limit (every comment at its limit), to measure what reading it costs:
/// `JURI_LIMITS_OUT=/tmp/limits cargo test -p juri-cli --test forged -- --ignored`, then
/// `/usr/bin/time -v juri merge --db /tmp/limits/lomba.db --dry-run /tmp/limits/big.juri`.
#[test]
#[ignore]
fn a_bundle_at_the_limits_for_measurement() {
    use juri_bundle::{ScoreCell, MAX_COMMENT_BYTES, MAX_FILE_SIZE};
    let Ok(out) = std::env::var("JURI_LIMITS_OUT") else {
        return;
    };
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let conn = Connection::open(run.path("j1.db")).unwrap();
    let meta = |key: &str| -> String {
        conn.query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
            .unwrap()
    };
    let key = run.laptop_key("j1.db");
    let chair = ChairPublic {
        signing_key: meta("chair_signing_key"),
        age_recipient: meta("chair_age_recipient"),
    };
    let cells = (MAX_FILE_SIZE as usize - 1_000_000) / (MAX_COMMENT_BYTES + 150);
    let scores = (0..cells)
        .map(|i| ScoreCell {
            stage: "proposal".into(),
            entry: "A01".into(),
            criterion: format!("k{i:06}"),
            value: Some("5".into()),
            comment: "x".repeat(MAX_COMMENT_BYTES),
            revision: 1,
            updated_at: "2025-12-15T10:00:00+08:00".into(),
        })
        .collect();
    let content = BundleContent {
        competition_id: meta("competition_id"),
        juror_id: meta("juror_id"),
        package_version: 1,
        exported_at: "2025-12-15T10:00:00+08:00".into(),
        sequence: 1,
        scores,
        notes: vec![],
        submissions: vec![],
    };
    let bytes = seal_bundle(&content, &key, &chair).unwrap();
    assert!(bytes.len() as u64 <= MAX_FILE_SIZE);
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(std::path::Path::new(&out).join("big.juri"), &bytes).unwrap();
    std::fs::copy(
        run.path("lomba.db"),
        std::path::Path::new(&out).join("lomba.db"),
    )
    .unwrap();
}

/// The chair's keys, opened from the database with the tests' passphrase.
fn chair_keys(run: &Run) -> juri_bundle::ChairKeys {
    let sealed: String = Connection::open(run.path("lomba.db"))
        .unwrap()
        .query_row(
            "SELECT value FROM meta WHERE key='chair_secret_sealed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    juri_bundle::ChairKeys::unseal(&hex::decode(sealed).unwrap(), CHAIR_PASSPHRASE).unwrap()
}
