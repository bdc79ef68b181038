//! The juror's signing key is kept on the laptop only sealed with the access code: a stolen laptop
//! cannot sign a bundle in the juror's name without the code. An export asks for the code; a
//! database from an earlier Juri that kept the key in clear is sealed on first open.

#[path = "support/run.rs"]
mod run;

use juri_store::rusqlite::Connection;
use run::*;

fn meta(laptop: &std::path::Path, key: &str) -> Option<String> {
    Connection::open(laptop)
        .unwrap()
        .query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
        .ok()
}

/// The juror's secret as text (`juri-juror-secret-v1:…`), opened from the installed package.
fn secret_of(run: &Run, laptop: &str) -> String {
    run.laptop_key(laptop).to_secret_string()
}

#[test]
fn the_laptop_keeps_the_key_sealed_and_an_export_needs_the_access_code() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    run.sheet("j1.db", &["A01"], ["6", "5", "7"]);
    let laptop = run.path("j1.db");
    let secret = secret_of(&run, "j1.db");
    assert_eq!(meta(&laptop, "juror_secret"), None);
    assert!(meta(&laptop, "juror_secret_sealed").is_some());
    let seed = secret.trim_start_matches("juri-juror-secret-v1:");
    for file in ["j1.db", "j1.db-wal"] {
        if let Ok(bytes) = std::fs::read(run.path(file)) {
            assert!(
                !String::from_utf8_lossy(&bytes).contains(seed),
                "{file} holds the key in clear"
            );
        }
    }

    // No code: refused, nothing written, no export number used.
    let export = ["juror", "--db", "j1.db", "export", "--out", "nilai.juri"];
    let before = dump(&laptop);
    let out = run.with_input(&export, "");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("give the access code the chair handed you"),
        "{said}"
    );
    // A wrong code: refused too.
    let out = run.with_input(&export, "AAAA-AAAA-AAAA-AAAA\n");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("access code is not correct"), "{said}");
    assert!(!run.path("nilai.juri").exists());
    assert_eq!(dump(&laptop), before);

    // The code on standard input (as a terminal would ask for it), or in JURI_SECRET_FILE.
    let code = run.code_for("j1.db").unwrap();
    let out = run.with_input(&export, &format!("{code}\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("export 1"));
    run.ok(&["juror", "--db", "j1.db", "export", "--out", "nilai-2.juri"]);
    let out = run.ok(&["merge", "--db", "lomba.db", "nilai.juri", "nilai-2.juri"]);
    assert!(out.contains("2 accepted"), "{out}");

    // A missing secret file is named.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(export)
        .current_dir(run.dir.path())
        .env_clear()
        .env("JURI_SECRET_FILE", "tidak-ada.txt")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success()
            && said.contains("tidak-ada.txt")
            && said.contains("JURI_SECRET_FILE"),
        "{said}"
    );
}

#[test]
fn a_key_an_earlier_juri_kept_in_clear_is_sealed_on_first_open() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    run.sheet("j1.db", &["A01"], ["6", "5", "7"]);
    let laptop = run.path("j1.db");
    let secret = secret_of(&run, "j1.db");
    // The layout of an earlier Juri: the secret in clear, no sealed copy.
    {
        let conn = Connection::open(&laptop).unwrap();
        conn.execute(
            "DELETE FROM meta WHERE key IN ('juror_secret_sealed', 'juror_public_key')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('juror_secret', ?1)",
            [&secret],
        )
        .unwrap();
    }
    run.ok(&["juror", "--db", "j1.db", "status"]);
    assert_eq!(meta(&laptop, "juror_secret"), None);
    assert!(meta(&laptop, "juror_secret_sealed").is_some());
    let seed = secret.trim_start_matches("juri-juror-secret-v1:");
    assert!(!String::from_utf8_lossy(&std::fs::read(&laptop).unwrap()).contains(seed));
    // The code still opens it.
    run.export("j1.db", "nilai.juri");
    let out = run.ok(&["merge", "--db", "lomba.db", "nilai.juri"]);
    assert!(out.contains("1 accepted"), "{out}");
}

/// Runs `juri` with the chair's passphrase file `passphrase` (or none), the lowest work factor.
fn chair_command(run: &Run, args: &[&str], passphrase: Option<&str>) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_juri"));
    command
        .args(args)
        .current_dir(run.dir.path())
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .env("JURI_WORK_FACTOR", "15")
        .stdin(std::process::Stdio::null());
    if let Some(p) = passphrase {
        let file = run.path(".other-passphrase");
        std::fs::write(&file, format!("{p}\n")).unwrap();
        command.env("JURI_SECRET_FILE", file);
    }
    command.output().unwrap()
}

#[test]
fn the_chair_keys_are_sealed_with_the_chair_passphrase() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let package = [
        "package", "--db", "lomba.db", "--juror", "J1", "--out", "J1.juri",
    ];
    // No passphrase, or a short one: nothing is made.
    let before = dump(&run.path("lomba.db"));
    let out = chair_command(&run, &package, None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && said.contains("passphrase you choose"),
        "{said}"
    );
    let out = chair_command(&run, &package, Some("pendek"));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("choose one of at least 10"), "{said}");
    assert_eq!(dump(&run.path("lomba.db")), before);
    assert!(!run.path("J1.juri").exists());

    // The first package makes the keys, sealed; the database holds no key in clear.
    run.ok(&package);
    let chair_db = run.path("lomba.db");
    assert_eq!(meta(&chair_db, "chair_secret"), None);
    assert!(meta(&chair_db, "chair_secret_sealed").is_some());
    // A wrong passphrase opens nothing.
    let out = chair_command(
        &run,
        &["rebuild", "--db", "lomba.db", "--check"],
        Some("bukan kata sandinya"),
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("the passphrase does not open the chair's keys"),
        "{said}"
    );
    let out = run.ok(&["rebuild", "--db", "lomba.db", "--check"]);
    assert!(out.contains("identical"), "{out}");
}

#[test]
fn chair_keys_an_earlier_juri_kept_in_clear_are_sealed_when_first_needed() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    run.ok(&[
        "package", "--db", "lomba.db", "--juror", "J1", "--out", "J1.juri",
    ]);
    let db = run.path("lomba.db");
    // The layout of an earlier Juri: the secret in clear.
    let sealed = meta(&db, "chair_secret_sealed").unwrap();
    let keys =
        juri_bundle::ChairKeys::unseal(&hex::decode(&sealed).unwrap(), CHAIR_PASSPHRASE).unwrap();
    let secret = keys.to_secret_string();
    {
        let conn = Connection::open(&db).unwrap();
        conn.execute("DELETE FROM meta WHERE key = 'chair_secret_sealed'", [])
            .unwrap();
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('chair_secret', ?1)",
            [&secret],
        )
        .unwrap();
    }
    let out = run.ok(&["rebuild", "--db", "lomba.db", "--check"]);
    assert!(out.contains("identical"), "{out}");
    assert_eq!(meta(&db, "chair_secret"), None);
    let again = meta(&db, "chair_secret_sealed").unwrap();
    let reopened =
        juri_bundle::ChairKeys::unseal(&hex::decode(&again).unwrap(), CHAIR_PASSPHRASE).unwrap();
    assert_eq!(reopened.public(), keys.public());
    let body = secret.trim_start_matches("juri-chair-secret-v1:");
    assert!(!String::from_utf8_lossy(&std::fs::read(&db).unwrap()).contains(body));
    let log = run.ok(&["log", "--db", "lomba.db", "--format", "csv"]);
    assert!(
        log.contains("chair keys sealed with the chair's passphrase"),
        "{log}"
    );
}
