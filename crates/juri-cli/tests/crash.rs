//! Processes killed at random moments (SIGKILL): what they leave must be usable.
//!
//! `JURI_CRASH_TRIALS` sets the number of trials per case (20 by default).

#[path = "support/run.rs"]
mod run;

use std::process::{Command, Stdio};
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
    let mut child = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(run.path(""))
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
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
    let mut files = Vec::new();
    for trial in 0..trials() {
        // Every export carries something new.
        run.score("j1.db", "A01", "kebaruan", &format!("{}", 1 + trial % 7));
        let out = format!("nilai-{trial}.juri");
        // An export takes about ten milliseconds: half a millisecond apart, then again.
        let delay = Duration::from_micros(trial * 500 % 15_000);
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
