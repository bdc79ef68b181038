//! `juri backup` and `juri restore`: a competition saved to one file restores on another laptop
//! with every record, bundle and official copy; a damaged or altered backup is refused whole with a
//! clear message and nothing is written.

#[path = "support/run.rs"]
mod run;

use juri_store::rusqlite::Connection;
use run::*;
use sha2::{Digest, Sha256};

/// Every table of `dump` but the ones a backup and a restore write to (the audit log and meta).
fn records(db: &std::path::Path) -> String {
    dump(db)
        .split("== ")
        .filter(|t| !t.starts_with("audit ") && !t.starts_with("meta "))
        .collect::<Vec<_>>()
        .join("== ")
}

/// The files in the run's folder `dir` (a restore leaves nothing behind when it refuses).
fn files_in(run: &Run, dir: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(run.path(dir))
        .map(|read| {
            read.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_merged_competition_restores_on_another_laptop_with_every_record() {
    let run = Run::new();
    scored(&run);
    run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J1.juri",
        "nilai-J2.juri",
    ]);
    let out = run.ok(&[
        "backup",
        "--db",
        "lomba.db",
        "--out",
        "cadangan.juri-backup",
    ]);
    assert!(
        out.contains("backup saved to cadangan.juri-backup") && out.contains("2 bundles"),
        "{out}"
    );
    #[cfg(unix)]
    for file in [
        "cadangan.juri-backup",
        "lomba.db",
        "j1.db",
        "nilai-J1.juri",
        "paket/lomba-uji-2025-J1.juri",
    ] {
        assert_eq!(mode(&run.path(file)), 0o600, "{file} is for its owner only");
    }
    let log = run.ok(&["log", "--db", "lomba.db", "--format", "csv"]);
    assert!(
        log.contains("backup saved to cadangan.juri-backup"),
        "{log}"
    );

    // Another laptop: a folder that does not exist yet.
    let out = run.ok(&[
        "restore",
        "cadangan.juri-backup",
        "--db",
        "laptop-baru/lomba.db",
    ]);
    assert!(
        out.contains("restored laptop-baru/lomba.db") && out.contains("2 bundles"),
        "{out}"
    );
    assert_eq!(
        records(&run.path("laptop-baru/lomba.db")),
        records(&run.path("lomba.db"))
    );
    assert_eq!(run.results("laptop-baru/lomba.db"), run.results("lomba.db"));
    let out = run.ok(&["rebuild", "--db", "laptop-baru/lomba.db", "--check"]);
    assert!(out.contains("identical"), "{out}");
    let log = run.ok(&["log", "--db", "laptop-baru/lomba.db", "--format", "csv"]);
    assert!(
        log.contains("restored from the backup cadangan.juri-backup"),
        "{log}"
    );
    // The restored competition merges on: a bundle kept in the backup is known there.
    let out = run.ok(&["merge", "--db", "laptop-baru/lomba.db", "nilai-J1.juri"]);
    assert!(out.contains("imported before"), "{out}");

    // A restore never replaces a database.
    let before = std::fs::read(run.path("lomba.db")).unwrap();
    let e = run.fails(&["restore", "cadangan.juri-backup", "--db", "lomba.db"]);
    assert!(e.contains("a restore never replaces a database"), "{e}");
    assert_eq!(std::fs::read(run.path("lomba.db")).unwrap(), before);
}

/// A backup of `juri demo` with an official copy kept; returns the backup's bytes.
fn demo_backup(run: &Run) -> Vec<u8> {
    run.ok(&["demo", "--db", "lomba.db"]);
    run.ok(&[
        "print",
        "--db",
        "lomba.db",
        "minutes",
        "--stage",
        "administrasi",
        "--out",
        "berita-acara.pdf",
    ]);
    let out = run.ok(&["backup", "--db", "lomba.db", "--out", "c.juri-backup"]);
    assert!(out.contains("1 official copies"), "{out}");
    std::fs::read(run.path("c.juri-backup")).unwrap()
}

/// The backup's two text lines and its database.
fn split(backup: &[u8]) -> (String, String, Vec<u8>) {
    let first = backup.iter().position(|b| *b == b'\n').unwrap() + 1;
    let second = first + backup[first..].iter().position(|b| *b == b'\n').unwrap() + 1;
    (
        String::from_utf8(backup[..first].to_vec()).unwrap(),
        String::from_utf8(backup[first..second].to_vec()).unwrap(),
        backup[second..].to_vec(),
    )
}

/// A backup file of `database` with a description that matches it (as a forger would write).
fn rehashed(header: &str, meta: &str, database: &[u8]) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_str(meta).unwrap();
    value["database_bytes"] = database.len().into();
    value["database_sha256"] = hex::encode(Sha256::digest(database)).into();
    let mut out = header.as_bytes().to_vec();
    out.extend_from_slice(serde_json::to_string(&value).unwrap().as_bytes());
    out.push(b'\n');
    out.extend_from_slice(database);
    out
}

#[test]
fn official_copies_restore_and_every_damaged_backup_is_refused_whole() {
    let run = Run::new();
    let backup = demo_backup(&run);
    run.ok(&["restore", "c.juri-backup", "--db", "baru/lomba.db"]);
    // The official copy printed before the backup is known on the restored laptop.
    let out = run.ok(&[
        "print",
        "--db",
        "baru/lomba.db",
        "--check",
        "berita-acara.pdf",
    ]);
    assert!(out.contains("official copy"), "{out}");
    let out = run.ok(&["rebuild", "--db", "baru/lomba.db", "--check"]);
    assert!(out.contains("identical"), "{out}");

    let (header, meta, database) = split(&backup);
    let mut flipped = backup.clone();
    let at = backup.len() - database.len() / 2;
    flipped[at] ^= 0x01;
    let mut longer = backup.clone();
    longer.push(0);
    let mut keys_reordered = meta.clone();
    keys_reordered = keys_reordered.replacen('{', "{\"juri_version\":\"0.1.0\",", 1);
    // The inner database altered where its checks look (an official copy's bytes), the
    // description rewritten to match: the hash passes, the kept file's SHA-256 does not.
    let altered = {
        let path = run.path("altered.db");
        std::fs::write(&path, &database).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TRIGGER official_copies_no_update;
             UPDATE official_copies SET bytes = CAST('not the minutes' AS BLOB);",
        )
        .unwrap();
        drop(conn);
        std::fs::read(&path).unwrap()
    };
    let other_competition = {
        let path = run.path("other.db");
        std::fs::write(&path, &database).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE meta SET value = 'lomba-lain' WHERE key = 'competition_id'",
            [],
        )
        .unwrap();
        drop(conn);
        std::fs::read(&path).unwrap()
    };
    let cut = format!(
        "the backup is cut short: {} of {} bytes",
        database.len() - 1000,
        database.len()
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "one byte of the database changed",
            flipped,
            "the backup is damaged: its database has SHA-256",
        ),
        ("cut short", backup[..backup.len() - 1000].to_vec(), &cut),
        (
            "a byte added",
            longer,
            "the backup is longer than its description says",
        ),
        (
            "another format version",
            [b"JURI-BACKUP v2\n".as_slice(), &backup[header.len()..]].concat(),
            "this backup is of format version 2",
        ),
        ("not a backup", b"%PDF-1.7\n".to_vec(), "not a Juri backup"),
        ("empty", Vec::new(), "not a Juri backup"),
        (
            "description not canonical",
            [header.as_bytes(), keys_reordered.as_bytes(), &database].concat(),
            "the backup's description line is damaged",
        ),
        (
            "description cut",
            backup[..header.len() + 20].to_vec(),
            "the backup's description line is damaged",
        ),
        (
            "a kept file altered, the description rehashed",
            rehashed(&header, &meta, &altered),
            "these kept files differ from their SHA-256: minutes id #1",
        ),
        (
            "another competition's database, the description rehashed",
            rehashed(&header, &meta, &other_competition),
            "the database is of competition 'lomba-lain'",
        ),
        (
            "not a database, the description rehashed",
            rehashed(&header, &meta, b"SQLite format 3\0 but not really"),
            "the database in the backup does not pass its checks",
        ),
    ];
    for (what, bytes, said) in cases {
        std::fs::write(run.path("rusak.juri-backup"), &bytes).unwrap();
        let e = run.fails(&["restore", "rusak.juri-backup", "--db", "pulih/lomba.db"]);
        assert!(e.contains(said), "{what}: {e}");
        assert!(
            e.contains("rusak.juri-backup"),
            "{what}: names the file: {e}"
        );
        assert_eq!(files_in(&run, "pulih"), Vec::<String>::new(), "{what}");
    }
}

#[test]
fn a_backup_replaces_an_older_backup_only_when_whole() {
    let run = Run::new();
    demo_backup(&run);
    let first = std::fs::read(run.path("c.juri-backup")).unwrap();
    // A folder in the way of the temporary files: the backup fails and the old one stays.
    let e = run.fails(&[
        "backup",
        "--db",
        "lomba.db",
        "--out",
        "tidak-ada/c.juri-backup",
    ]);
    assert!(e.contains("tidak-ada"), "{e}");
    run.ok(&["backup", "--db", "lomba.db", "--out", "c.juri-backup"]);
    let second = std::fs::read(run.path("c.juri-backup")).unwrap();
    assert_ne!(
        first, second,
        "the second backup holds the first one's audit line"
    );
    let (_, meta, _) = split(&second);
    let meta: serde_json::Value = serde_json::from_str(&meta).unwrap();
    assert_eq!(meta["format"], "juri-backup");
    assert_eq!(meta["competition_id"], "koin-yanlik-berdasi-2025");
}
