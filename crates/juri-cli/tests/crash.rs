//! Processes killed at random moments (SIGKILL): what they leave must be usable.
//!
//! `JURI_CRASH_TRIALS` sets the number of trials per case (20 by default).

#[path = "support/run.rs"]
mod run;

use std::process::Stdio;
use std::time::Duration;

use run::*;

fn trials() -> u64 {
    std::env::var("JURI_CRASH_TRIALS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20)
}

/// Starts `juri args` in the run's folder and kills it after `delay`; whether it had finished.
fn kill_after(run: &Run, args: &[&str], delay: Duration) -> bool {
    let mut child = run
        .command(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill();
    let _ = child.wait();
    finished
}

/// How long `juri args` takes when left alone.
fn timed(run: &Run, args: &[&str]) -> Duration {
    let start = std::time::Instant::now();
    run.ok(args);
    start.elapsed()
}

/// The delay of trial `trial`: spread from at once to a little after `span`, the time the command
/// takes on this machine (so a loaded machine is killed at the same moments of the work).
fn delay_of(trial: u64, span: Duration) -> Duration {
    span.mul_f64(1.2 * trial as f64 / trials() as f64)
}

#[test]
fn a_first_open_killed_at_any_moment_leaves_nothing_or_a_whole_database() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    let package = "paket/lomba-uji-2025-J1.juri";
    let code = code_of(&codes, "J1");
    let mut finished = 0;
    for trial in 0..trials() {
        let laptop = format!("laptop-{trial}.db");
        // From at once to well after the open is done (it takes tens of milliseconds).
        let delay = Duration::from_micros(trial * 3_000 % 60_000);
        if kill_after(
            &run,
            &["juror", "--db", &laptop, "open", package, "--code", code],
            delay,
        ) {
            finished += 1;
        }
        let path = run.path(&laptop);
        if path.exists() {
            // A database that is there is whole: its package is installed.
            let status = run.ok(&["juror", "--db", &laptop, "status"]);
            assert!(
                status.contains("package version 1"),
                "trial {trial}: {status}"
            );
        } else {
            // Nothing there: the first open is simply done again.
            run.open(&laptop, package, code);
        }
        let status = run.ok(&["juror", "--db", &laptop, "status"]);
        assert!(status.contains("J1"), "trial {trial}: {status}");
    }
    assert!(
        finished < trials(),
        "no trial was killed before it finished"
    );
}

#[test]
fn reading_a_laptop_without_a_package_writes_no_file() {
    let run = Run::new();
    let out = run.fails(&["juror", "--db", "kosong.db", "status"]);
    assert!(out.contains("no package is installed yet"), "{out}");
    assert!(!run.path("kosong.db").exists());
    // A wrong access code does not leave a database behind either.
    run.competition("lomba.db", "lomba.toml");
    run.packages("lomba.db", "paket");
    run.fails(&[
        "juror",
        "--db",
        "salah.db",
        "open",
        "paket/lomba-uji-2025-J1.juri",
        "--code",
        "AAAA-BBBB-CCCC-DDDD",
    ]);
    assert!(!run.path("salah.db").exists());
}

#[test]
fn an_empty_file_left_by_an_earlier_juri_is_opened_as_a_new_laptop() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    std::fs::write(run.path("laptop.db"), b"").unwrap();
    run.open(
        "laptop.db",
        "paket/lomba-uji-2025-J2.juri",
        code_of(&codes, "J2"),
    );
    let status = run.ok(&["juror", "--db", "laptop.db", "status"]);
    assert!(status.contains("J2"), "{status}");
}

#[test]
fn an_export_killed_at_any_moment_never_gives_one_number_to_two_bundles() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let mut files = vec!["nilai-awal.juri".to_string()];
    let span = timed(
        &run,
        &["juror", "--db", "j1.db", "export", "--out", &files[0]],
    );
    for trial in 0..trials() {
        // Every export carries something new.
        run.score("j1.db", "A01", "kebaruan", &format!("{}", 1 + trial % 7));
        let out = format!("nilai-{trial}.juri");
        let delay = delay_of(trial, span);
        kill_after(
            &run,
            &["juror", "--db", "j1.db", "export", "--out", &out],
            delay,
        );
        if run.path(&out).exists() {
            files.push(out);
        }
    }
    let out = "nilai-akhir.juri";
    run.ok(&["juror", "--db", "j1.db", "export", "--out", out]);
    files.push(out.into());
    let mut seen: std::collections::BTreeMap<u64, String> = Default::default();
    for f in &files {
        let v = run.ok(&["verify", f, "--db", "lomba.db", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&v).unwrap();
        let sequence = v["sequence"].as_u64().unwrap_or_else(|| panic!("{f}: {v}"));
        let fingerprint = v["fingerprint"].as_str().unwrap().to_string();
        if let Some(before) = seen.insert(sequence, fingerprint.clone()) {
            assert_eq!(
                before, fingerprint,
                "export {sequence} names two bundles ({f})"
            );
        }
    }
    assert!(files.len() > 1);
}

/// A score or note that `juri juror` reported saved is on the disk; one killed before that is
/// either there whole or not at all; the laptop opens every time.
#[test]
fn a_score_or_note_killed_at_any_moment_is_saved_whole_or_not_at_all() {
    use juri_store::rusqlite::{Connection, OptionalExtension};
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let read = |sql: &str| -> Option<String> {
        let conn = Connection::open(run.path("j1.db")).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).optional().unwrap()
    };
    let mut killed = 0;
    let span = timed(
        &run,
        &[
            "juror", "--db", "j1.db", "note", "--stage", "proposal", "--entry", "A01", "--text",
            "awal",
        ],
    );
    for trial in 0..trials() {
        let delay = delay_of(trial, span);
        let (args, sql, new): (Vec<String>, &str, String) = if trial % 2 == 0 {
            let value = format!("{}", 1 + trial % 7);
            (
                [
                    "juror",
                    "--db",
                    "j1.db",
                    "score",
                    "--stage",
                    "proposal",
                    "--entry",
                    "A01",
                    "--criterion",
                    "manfaat",
                    "--value",
                    &value,
                ]
                .map(String::from)
                .to_vec(),
                "SELECT value FROM scores WHERE entry='A01' AND criterion='manfaat'",
                value,
            )
        } else {
            let text = format!("kunjungan ke-{trial}");
            (
                [
                    "juror", "--db", "j1.db", "note", "--stage", "proposal", "--entry", "A01",
                    "--text", &text,
                ]
                .map(String::from)
                .to_vec(),
                "SELECT note FROM notes WHERE entry='A01'",
                text,
            )
        };
        let before = read(sql);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let finished = kill_after(&run, &args, delay);
        let after = read(sql);
        if finished {
            assert_eq!(
                after.as_deref(),
                Some(new.as_str()),
                "trial {trial}: reported saved"
            );
        } else {
            killed += 1;
            assert!(
                after == before || after.as_deref() == Some(new.as_str()),
                "trial {trial}: {before:?} → {after:?}"
            );
        }
        let status = run.ok(&["juror", "--db", "j1.db", "status"]);
        assert!(status.contains("J1"), "trial {trial}: {status}");
    }
    assert!(killed > 0, "no trial was killed before it finished");
}

/// A merge killed at any moment leaves the chair's records as before it or as after it, never
/// half of it; merging again finishes the job, and a rebuild agrees.
#[test]
fn a_merge_killed_at_any_moment_is_applied_whole_or_not_at_all() {
    use juri_store::rusqlite::Connection;
    let run = Run::new();
    let codes = run.with_laptop("j1.db", "J1");
    run.open(
        "j2.db",
        "paket/lomba-uji-2025-J2.juri",
        code_of(&codes, "J2"),
    );
    let records = || -> (i64, i64) {
        let conn = Connection::open(run.path("lomba.db")).unwrap();
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get(0)).unwrap();
        (
            count("SELECT COUNT(*) FROM scores"),
            count("SELECT COUNT(*) FROM bundles"),
        )
    };
    let mut killed = 0;
    run.export("j1.db", "awal.juri");
    let span = timed(&run, &["merge", "--db", "lomba.db", "awal.juri"]);
    for trial in 0..trials() {
        let value = format!("{}", 1 + trial % 7);
        let files = [format!("a-{trial}.juri"), format!("b-{trial}.juri")];
        run.score("j1.db", "A01", "kebaruan", &value);
        run.export("j1.db", &files[0]);
        run.score("j2.db", "A01", "kebaruan", &value);
        run.export("j2.db", &files[1]);
        let before = records();
        let delay = delay_of(trial, span);
        let finished = kill_after(
            &run,
            &["merge", "--db", "lomba.db", &files[0], &files[1]],
            delay,
        );
        let after = records();
        if finished {
            assert_eq!(after.1, before.1 + 2, "trial {trial}: reported merged");
        } else {
            killed += 1;
            assert!(
                after.1 == before.1 || after.1 == before.1 + 2,
                "trial {trial}: {} bundles kept of 2",
                after.1 - before.1
            );
        }
        // Merging the same files again finishes (or skips) the job.
        let again = run.ok(&["merge", "--db", "lomba.db", &files[0], &files[1]]);
        assert!(again.contains("0 rejected"), "trial {trial}: {again}");
        assert_eq!(records().1, before.1 + 2, "trial {trial}");
    }
    let check = run.ok(&["rebuild", "--db", "lomba.db", "--check"]);
    assert!(check.contains("identical"), "{check}");
    assert!(killed > 0, "no trial was killed before it finished");
}
