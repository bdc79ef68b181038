//! Bad input through the real `juri` binary: every kind of bad bundle is rejected whole and
//! changes nothing, and a juror process killed mid-write loses no acknowledged write.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use juri_store::rusqlite::Connection;

#[path = "support/run.rs"]
mod run;

use run::*;

/// Every bad file is refused with its name and the problem, and the chair's database is unchanged.
#[test]
fn bad_bundles_are_rejected_whole_and_change_nothing() {
    let run = Run::new();
    let codes = scored(&run);
    // J3 scores and exports, then is removed from the panel.
    run.open(
        "j3.db",
        "paket/lomba-uji-2025-J3.juri",
        code_of(&codes, "J3"),
    );
    run.sheet("j3.db", &["A01"], ["5", "5", "5"]);
    run.export("j3.db", "nilai-J3.juri");
    // A bundle signed with a key that is not J1's: a copy of the database re-keys J1.
    std::fs::copy(run.path("lomba.db"), run.path("copy.db")).unwrap();
    let out = run.ok(&[
        "package",
        "--db",
        "copy.db",
        "--juror",
        "J1",
        "--out",
        "rekey.juri",
        "--new-code",
    ]);
    run.ok(&[
        "juror",
        "--db",
        "rogue.db",
        "open",
        "rekey.juri",
        "--code",
        &access_codes(&out)[0].1,
    ]);
    run.score("rogue.db", "A01", "kebaruan", "1");
    run.export("rogue.db", "wrong-key.juri");
    // A juror this competition never registered: the copy adds J9.
    run.ok(&[
        "jurors",
        "import",
        "--db",
        "copy.db",
        data("jurors-extra.csv").to_str().unwrap(),
    ]);
    let out = run.ok(&[
        "package", "--db", "copy.db", "--juror", "J9", "--out", "j9.juri",
    ]);
    run.ok(&[
        "juror",
        "--db",
        "j9.db",
        "open",
        "j9.juri",
        "--code",
        &access_codes(&out)[0].1,
    ]);
    run.score("j9.db", "A01", "kebaruan", "4");
    run.export("j9.db", "unknown-juror.juri");
    // Another competition's bundle.
    run.competition("lain.db", "other.toml");
    let lain = run.packages("lain.db", "lain");
    run.open(
        "lain-j1.db",
        "lain/lomba-lain-2025-J1.juri",
        code_of(&lain, "J1"),
    );
    run.score("lain-j1.db", "A01", "kebaruan", "2");
    run.export("lain-j1.db", "other-competition.juri");

    let good = std::fs::read(run.path("nilai-J1.juri")).unwrap();
    let mut flipped = good.clone();
    let at = good.len() / 2;
    flipped[at] ^= 0x20;
    std::fs::write(run.path("flipped.juri"), &flipped).unwrap();
    std::fs::write(run.path("truncated.juri"), &good[..good.len() - 100]).unwrap();
    std::fs::write(
        run.path("notes.txt"),
        "Catatan rapat juri, bukan berkas Juri\n",
    )
    .unwrap();
    let mut v0 = b"JURI-BUNDLE v0\n".to_vec();
    v0.extend_from_slice(&good[15..]);
    std::fs::write(run.path("old-format.juri"), v0).unwrap();
    std::fs::File::create(run.path("huge.juri"))
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();

    let before = dump(&run.path("lomba.db"));
    let results = run.results("lomba.db");
    let cases: [(&str, &str); 8] = [
        ("flipped.juri", "the file is damaged"),
        ("truncated.juri", "truncated"),
        ("notes.txt", "not a Juri file"),
        ("old-format.juri", "format version 0 is not supported"),
        ("huge.juri", "too large"),
        ("wrong-key.juri", "not the juror's registered key"),
        (
            "other-competition.juri",
            "not encrypted for this chair's key",
        ),
        ("unknown-juror.juri", "juror `J9`, who is not registered"),
    ];
    for (file, message) in cases {
        let e = run.fails(&["merge", "--db", "lomba.db", file]);
        assert!(e.contains(file) && e.contains(message), "{file}: {e}");
        assert_eq!(
            dump(&run.path("lomba.db")),
            before,
            "{file} changed the database"
        );
    }
    // Content the competition no longer admits: a removed juror, a recused entry, a changed rubric.
    run.ok(&[
        "jurors",
        "import",
        "--db",
        "lomba.db",
        data("jurors-recusal.csv").to_str().unwrap(),
    ]);
    run.ok(&[
        "jurors",
        "import",
        "--db",
        "lomba.db",
        data("jurors-removed.csv").to_str().unwrap(),
    ]);
    let jurors_changed = dump(&run.path("lomba.db"));
    let e = run.fails(&["merge", "--db", "lomba.db", "nilai-J3.juri"]);
    assert!(
        e.contains("nilai-J3.juri") && e.contains("removed from the panel"),
        "{e}"
    );
    let e = run.fails(&["merge", "--db", "lomba.db", "nilai-J2.juri"]);
    assert!(
        e.contains("proposal/A02: juror 'J2' is recused from this entry (kerabat pengusul)"),
        "{e}"
    );
    assert_eq!(dump(&run.path("lomba.db")), jurors_changed);
    // `juri verify --db` runs the merge's checks too: intact files the merge would refuse fail
    // with its reasons, and nothing is written.
    let e = run.fails(&["verify", "nilai-J3.juri", "--db", "lomba.db"]);
    assert!(
        e.contains("intact, but the merge would refuse it") && e.contains("removed from the panel"),
        "{e}"
    );
    let e = run.fails(&[
        "verify",
        "nilai-J2.juri",
        "--db",
        "lomba.db",
        "--format",
        "json",
    ]);
    assert!(e.contains("juror 'J2' is recused from this entry"), "{e}");
    assert_eq!(dump(&run.path("lomba.db")), jurors_changed);
    run.ok(&[
        "definition",
        "--db",
        "lomba.db",
        "--update",
        data("lomba-v2.toml").to_str().unwrap(),
    ]);
    let rubric_changed = dump(&run.path("lomba.db"));
    let e = run.fails(&["merge", "--db", "lomba.db", "nilai-J1.juri"]);
    assert!(
        e.contains("proposal/A01/kebaruan: score 6 is outside the scale 1–5")
            && e.contains("unknown criterion 'replikasi'"),
        "{e}"
    );
    assert_eq!(dump(&run.path("lomba.db")), rubric_changed);
    let out = run.juri(&["verify", "nilai-J1.juri", "--db", "lomba.db"]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("merge:       refused") && text.contains("outside the scale 1–5"),
        "{text}"
    );
    assert_eq!(dump(&run.path("lomba.db")), rubric_changed);
    // Bad files beside a good one: the good one still merges.
    run.ok(&[
        "definition",
        "--db",
        "lomba.db",
        "--update",
        data("lomba.toml").to_str().unwrap(),
    ]);
    let e = run.fails(&["merge", "--db", "lomba.db", "flipped.juri", "nilai-J1.juri"]);
    assert!(
        e.contains("1 accepted, 1 rejected") && e.contains("the others were merged"),
        "{e}"
    );
    assert_ne!(run.results("lomba.db"), results);
    // An older package format is refused on the juror's side too.
    let pkg = std::fs::read(run.path("paket/lomba-uji-2025-J1.juri")).unwrap();
    let mut old = b"JURI-PACKAGE v0\n".to_vec();
    old.extend_from_slice(&pkg[16..]);
    std::fs::write(run.path("old.juri"), old).unwrap();
    let e = run.fails(&[
        "juror",
        "--db",
        "fresh.db",
        "open",
        "old.juri",
        "--code",
        code_of(&codes, "J1"),
    ]);
    assert!(
        e.contains("old.juri") && e.contains("format version 0 is not supported"),
        "{e}"
    );
}

/// A juror process killed at a random moment loses no acknowledged write, and its database is
/// never corrupt.
#[test]
fn a_killed_juror_process_loses_no_acknowledged_write() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let cells: Vec<(&str, &str)> = ["A01", "A02", "A03", "A04"]
        .iter()
        .flat_map(|e| ["kebaruan", "manfaat", "replikasi"].map(|c| (*e, c)))
        .collect();
    // A different random moment on every run; the seed is printed with any failure.
    let seed = {
        use std::hash::BuildHasher;
        std::collections::hash_map::RandomState::new().hash_one(std::process::id()) | 1
    };
    let mut rng = seed;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    // The n-th write of a cell (its revision n) carries 1 + (n - 1) % 7, so every write changes
    // the cell and the value tells which write it was.
    let value_of = |revision: usize| 1 + (revision - 1) % 7;
    let revisions = |conn: &Connection| -> Vec<(usize, Option<String>)> {
        cells
            .iter()
            .map(|(entry, criterion)| {
                conn.query_row(
                    "SELECT revision, value FROM scores WHERE stage='proposal' AND entry=?1 AND criterion=?2",
                    [entry, criterion],
                    |r| Ok((r.get::<_, i64>(0)? as usize, r.get(1)?)),
                )
                .unwrap_or((0, None))
            })
            .collect()
    };
    for round in 0..5 {
        let start: Vec<usize> = revisions(&Connection::open(run.path("j1.db")).unwrap())
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        let mut child = Command::new(env!("CARGO_BIN_EXE_juri"))
            .args(["juror", "--db", &run.p("j1.db"), "stream"])
            .env_clear()
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let writes = 8 + (next() % 40) as usize;
        // Acknowledgements read before the kill; the last writes are in flight.
        let read_until = writes - (next() % 4) as usize;
        let mut sent = vec![0usize; cells.len()];
        let mut acked = vec![0usize; cells.len()];
        let mut line = String::new();
        for k in 0..writes {
            let c = k % cells.len();
            sent[c] += 1;
            let (entry, criterion) = cells[c];
            let value = value_of(start[c] + sent[c]);
            writeln!(stdin, "score proposal {entry} {criterion} {value}").unwrap();
            stdin.flush().unwrap();
            if k < read_until {
                line.clear();
                stdout.read_line(&mut line).unwrap();
                assert_eq!(
                    line.trim(),
                    format!("ok {}", k + 1),
                    "round {round}, seed {seed}"
                );
                acked[c] += 1;
            }
        }
        // SIGKILL, possibly in the middle of a write.
        child.kill().unwrap();
        child.wait().unwrap();
        let conn = Connection::open(run.path("j1.db")).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}, seed {seed}");
        for (c, (revision, value)) in revisions(&conn).into_iter().enumerate() {
            let (entry, criterion) = cells[c];
            assert!(
                revision >= start[c] + acked[c] && revision <= start[c] + sent[c],
                "{entry}/{criterion}: revision {revision}, {} acknowledged, {} sent after revision {} (round {round}, seed {seed})",
                acked[c],
                sent[c],
                start[c]
            );
            if revision > 0 {
                assert_eq!(
                    value,
                    Some(value_of(revision).to_string()),
                    "{entry}/{criterion}, seed {seed}"
                );
            }
        }
    }
}
