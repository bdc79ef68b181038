//! The offline round trip through the real `juri` binary: packages, the juror's laptop, bundles,
//! merging, conflicts, rebuilding, and every kind of bad input, which must change nothing.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use juri_store::rusqlite::{self, Connection};

struct Run {
    dir: tempfile::TempDir,
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/roundtrip")
        .join(name)
}

impl Run {
    fn new() -> Run {
        Run {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn p(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    fn juri(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_juri"))
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.juri(args);
        assert!(
            o.status.success(),
            "juri {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    fn fails(&self, args: &[&str]) -> String {
        let o = self.juri(args);
        assert!(
            !o.status.success(),
            "juri {args:?} should have failed; stdout:\n{}",
            String::from_utf8_lossy(&o.stdout)
        );
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
    }

    /// A chair database with the test competition, entries and jurors.
    fn competition(&self, db: &str, definition: &str) {
        let def = data(definition);
        self.ok(&["init", "--db", db, "--definition", def.to_str().unwrap()]);
        let entries = data("entries.csv");
        self.ok(&["entries", "import", "--db", db, entries.to_str().unwrap()]);
        let jurors = data("jurors.csv");
        self.ok(&["jurors", "import", "--db", db, jurors.to_str().unwrap()]);
    }

    /// Issues every package into `dir`; returns (juror, access code) pairs.
    fn packages(&self, db: &str, dir: &str) -> Vec<(String, String)> {
        let out = self.ok(&["package", "--db", db, "--all", "--out-dir", dir]);
        access_codes(&out)
    }

    /// Installs juror `j`'s package on a laptop database `laptop`.
    fn open(&self, laptop: &str, package: &str, code: &str) {
        self.ok(&["juror", "--db", laptop, "open", package, "--code", code]);
    }

    fn score(&self, laptop: &str, entry: &str, criterion: &str, value: &str) -> String {
        self.ok(&[
            "juror",
            "--db",
            laptop,
            "score",
            "--stage",
            "proposal",
            "--entry",
            entry,
            "--criterion",
            criterion,
            "--value",
            value,
        ])
    }

    /// Scores every criterion of `entries` with `values` and submits them.
    fn sheet(&self, laptop: &str, entries: &[&str], values: [&str; 3]) {
        for e in entries {
            for (c, v) in ["kebaruan", "manfaat", "replikasi"].iter().zip(values) {
                self.score(laptop, e, c, v);
            }
            self.ok(&[
                "juror", "--db", laptop, "submit", "--stage", "proposal", "--entry", e,
            ]);
        }
    }

    fn export(&self, laptop: &str, out: &str) {
        self.ok(&["juror", "--db", laptop, "export", "--out", out]);
    }

    fn results(&self, db: &str) -> String {
        self.ok(&[
            "results", "--db", db, "--stage", "proposal", "--format", "json",
        ])
    }
}

/// (juror, access code) pairs from the output of `juri package`.
fn access_codes(out: &str) -> Vec<(String, String)> {
    let mut juror = String::new();
    let mut v = Vec::new();
    for line in out.lines() {
        if !line.starts_with(' ') {
            juror = line
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
        } else if let Some(rest) = line.trim().strip_prefix("access code: ") {
            v.push((
                juror.clone(),
                rest.split_whitespace().next().unwrap().to_string(),
            ));
        }
    }
    v
}

fn code_of<'a>(codes: &'a [(String, String)], juror: &str) -> &'a str {
    &codes.iter().find(|(j, _)| j == juror).unwrap().1
}

/// Every row of every table, as text: the whole state of a database.
fn dump(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut st = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let mut s = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    s += &format!("{v:?}|");
                }
                Ok(s)
            })
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        rows.sort();
        out += &format!("== {t} ({} rows)\n{}\n", rows.len(), rows.join("\n"));
    }
    out
}

/// The competition with J1's and J2's packages installed on their laptops and one export each.
fn scored(run: &Run) -> Vec<(String, String)> {
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    run.open(
        "j1.db",
        "paket/lomba-uji-2025-J1.juri",
        code_of(&codes, "J1"),
    );
    run.open(
        "j2.db",
        "paket/lomba-uji-2025-J2.juri",
        code_of(&codes, "J2"),
    );
    run.sheet("j1.db", &["A01", "A02", "A03", "A04"], ["6", "5", "7"]);
    run.sheet("j2.db", &["A01", "A02", "A03"], ["4", "5", "3"]);
    run.export("j1.db", "nilai-J1.juri");
    run.export("j2.db", "nilai-J2.juri");
    codes
}

#[test]
fn packages_scores_bundles_merge_and_rebuild() {
    let run = Run::new();
    let codes = scored(&run);
    assert_eq!(codes.len(), 3, "one access code per juror");

    // The package holds what the juror may see, signed by the chair; blind review hides institutions.
    let v = run.ok(&["verify", "paket/lomba-uji-2025-J3.juri", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&v).unwrap();
    assert_eq!(v["intact"], true);
    assert_eq!(v["entries"], 4);
    assert_eq!(v["assigned"], 2);
    let sheet = run.ok(&[
        "juror", "--db", "j1.db", "sheet", "--stage", "proposal", "--entry", "A01", "--format",
        "json",
    ]);
    let sheet: serde_json::Value = serde_json::from_str(&sheet).unwrap();
    assert_eq!(sheet["institution"], serde_json::Value::Null);
    assert_eq!(sheet["total"], "85.71");
    assert_eq!(
        sheet["criteria"][0]["levels"][1]["label"],
        "Baru sepenuhnya"
    );
    let status = run.ok(&["juror", "--db", "j2.db", "status"]);
    assert!(status.contains("3 dari 4 dinilai, 3 dikirim"), "{status}");

    // A bundle is encrypted: without the chair's keys only its kind shows.
    let locked = run.ok(&["verify", "nilai-J1.juri"]);
    assert!(locked.contains("encrypted for the chair"), "{locked}");
    let open = run.ok(&["verify", "nilai-J1.juri", "--db", "lomba.db"]);
    assert!(
        open.contains("juror J1") && open.contains("registered:  yes"),
        "{open}"
    );
    assert!(open.contains("12 cells, 0 notes, 4 submitted"), "{open}");

    // Dry run: the plan, nothing written.
    let before = dump(&run.path("lomba.db"));
    let plan = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "--dry-run",
        "nilai-J1.juri",
        "nilai-J2.juri",
    ]);
    assert!(
        plan.contains("plan (dry run, nothing written): 28 new"),
        "{plan}"
    );
    assert_eq!(dump(&run.path("lomba.db")), before);

    let merged = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J2.juri",
        "nilai-J1.juri",
    ]);
    assert!(merged.contains("merged: 28 new, 0 updated"), "{merged}");
    // A01: J1 (6, 5, 7) = 85.71 and J2 (4, 5, 3) = 57.14 on 0–100; the mean counts.
    let results = run.results("lomba.db");
    assert!(results.contains("71.43"), "{results}");
    let status = run.ok(&[
        "status", "--db", "lomba.db", "--stage", "proposal", "--format", "json",
    ]);
    assert!(status.contains("submitted"), "{status}");

    // Merging again is skipped by fingerprint and changes nothing.
    let after = dump(&run.path("lomba.db"));
    let again = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J1.juri",
        "nilai-J2.juri",
    ]);
    assert!(again.contains("imported before"), "{again}");
    assert_eq!(dump(&run.path("lomba.db")), after);

    // A later export with one change: one record updated, the rest unchanged.
    let refused = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "score",
        "--stage",
        "proposal",
        "--entry",
        "A04",
        "--criterion",
        "manfaat",
        "--value",
        "3",
    ]);
    assert!(refused.contains("already submitted"), "{refused}");
    run.ok(&[
        "juror", "--db", "j1.db", "reopen", "--stage", "proposal", "--entry", "A04",
    ]);
    assert!(run
        .score("j1.db", "A04", "kebaruan", "7")
        .contains("revision 2"));
    run.ok(&[
        "juror", "--db", "j1.db", "submit", "--stage", "proposal", "--entry", "A04",
    ]);
    run.export("j1.db", "nilai-J1-2.juri");
    let update = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J1-2.juri",
        "nilai-J1.juri",
    ]);
    assert!(
        update.contains("0 new, 2 updated, 14 unchanged"),
        "{update}"
    );
    assert!(
        update.contains("1 accepted, 0 rejected, 1 skipped"),
        "{update}"
    );

    // J3 scored on paper; the import is journaled so a rebuild replays it.
    std::fs::write(
        run.path("kertas-J3.csv"),
        "tahap,inovasi,juri,kriteria,nilai\nproposal,A01,J3,kebaruan,7\nproposal,A01,J3,manfaat,6\nproposal,A01,J3,replikasi,6\n",
    )
    .unwrap();
    run.ok(&["scores", "import", "--db", "lomba.db", "kertas-J3.csv"]);

    // Rebuild from the stored bundles and paper imports gives identical records and results.
    let results = run.results("lomba.db");
    let rebuilt = run.ok(&["rebuild", "--db", "lomba.db"]);
    assert!(
        rebuilt.contains("2 merges (3 bundles), 1 paper imports") && rebuilt.contains("identical"),
        "{rebuilt}"
    );
    assert_eq!(run.results("lomba.db"), results);
}

#[test]
fn a_new_package_keeps_scores_and_codes_and_old_packages_are_refused() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "v1");
    run.open("j1.db", "v1/lomba-uji-2025-J1.juri", code_of(&codes, "J1"));
    run.score("j1.db", "A01", "kebaruan", "6");
    // Re-issued: version 2, same access code, so no code is printed.
    let out = run.ok(&[
        "package",
        "--db",
        "lomba.db",
        "--juror",
        "J1",
        "--out",
        "J1-v2.juri",
    ]);
    assert!(
        out.contains("package version 2") && out.contains("access code unchanged"),
        "{out}"
    );
    let up = run.ok(&["juror", "--db", "j1.db", "open", "J1-v2.juri"]);
    assert!(
        up.contains("from version 1 to 2") && up.contains("1 scores are kept"),
        "{up}"
    );
    let before = dump(&run.path("j1.db"));
    let old = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "v1/lomba-uji-2025-J1.juri",
    ]);
    assert!(
        old.contains("package version 1 is older than the installed package version 2"),
        "{old}"
    );
    assert_eq!(dump(&run.path("j1.db")), before);
    // Another chair's package is refused.
    run.competition("lain.db", "lomba.toml");
    let other = run.packages("lain.db", "lain");
    let refused = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "lain/lomba-uji-2025-J1.juri",
        "--code",
        code_of(&other, "J1"),
    ]);
    assert!(refused.contains("different chair key"), "{refused}");
    assert_eq!(dump(&run.path("j1.db")), before);

    // A new code: the old bundle still verifies through the key history.
    run.export("j1.db", "old-key.juri");
    let out = run.ok(&[
        "package",
        "--db",
        "lomba.db",
        "--juror",
        "J1",
        "--out",
        "J1-v3.juri",
        "--new-code",
    ]);
    let new = access_codes(&out);
    assert_eq!(new.len(), 1);
    let needs = run.fails(&["juror", "--db", "j1.db", "open", "J1-v3.juri"]);
    assert!(needs.contains("needs the access code"), "{needs}");
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "J1-v3.juri",
        "--code",
        &new[0].1,
    ]);
    run.score("j1.db", "A01", "manfaat", "5");
    run.export("j1.db", "new-key.juri");
    let merged = run.ok(&["merge", "--db", "lomba.db", "old-key.juri", "new-key.juri"]);
    assert!(merged.contains("2 accepted, 0 rejected"), "{merged}");
}

#[test]
fn the_juror_gets_clear_messages_and_every_change_bumps_the_revision() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    let wrong = run.fails(&[
        "juror",
        "--db",
        "j3.db",
        "open",
        "paket/lomba-uji-2025-J3.juri",
        "--code",
        "0000-0000-0000-0000",
    ]);
    assert!(
        wrong.contains("paket/lomba-uji-2025-J3.juri")
            && wrong.contains("access code is not correct"),
        "{wrong}"
    );
    let status = run.fails(&["juror", "--db", "j3.db", "status"]);
    assert!(status.contains("no package is installed"), "{status}");
    run.open(
        "j3.db",
        "paket/lomba-uji-2025-J3.juri",
        code_of(&codes, "J3"),
    );
    let cases = [
        (["A02", "kebaruan", "5"], "not assigned to entry 'A02'"),
        (["A09", "kebaruan", "5"], "not in your package"),
        (["A01", "dampak", "5"], "unknown criterion 'dampak'"),
        (["A01", "kebaruan", "8"], "outside the scale 1–7"),
        (["A01", "kebaruan", "5,5"], "outside the scale"),
        (["A01", "kebaruan", "lima"], "not a number"),
    ];
    for ([entry, criterion, value], message) in cases {
        let e = run.fails(&[
            "juror",
            "--db",
            "j3.db",
            "score",
            "--stage",
            "proposal",
            "--entry",
            entry,
            "--criterion",
            criterion,
            "--value",
            value,
        ]);
        assert!(e.contains(message), "{entry}/{criterion}={value}: {e}");
    }
    assert!(run
        .score("j3.db", "A01", "kebaruan", "5")
        .contains("revision 1"));
    assert!(run
        .score("j3.db", "A01", "kebaruan", "6")
        .contains("revision 2"));
    assert!(run
        .score("j3.db", "A01", "kebaruan", "6")
        .contains("unchanged"));
    let incomplete = run.fails(&[
        "juror", "--db", "j3.db", "submit", "--stage", "proposal", "--entry", "A01",
    ]);
    assert!(
        incomplete.contains("2 of 3 criteria are not scored yet"),
        "{incomplete}"
    );
    run.ok(&[
        "juror",
        "--db",
        "j3.db",
        "note",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--text",
        "Kunjungan lapangan: alat berfungsi",
    ]);
    let status = run.ok(&["juror", "--db", "j3.db", "status"]);
    assert!(status.contains("0 dari 2 dinilai"), "{status}");
}

#[test]
fn conflicts_are_shown_ruled_on_and_replayed_by_rebuild() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    // The same juror on two laptops: both write revision 1 of the same cell, differently.
    run.open(
        "laptop-a.db",
        "paket/lomba-uji-2025-J1.juri",
        code_of(&codes, "J1"),
    );
    run.open(
        "laptop-b.db",
        "paket/lomba-uji-2025-J1.juri",
        code_of(&codes, "J1"),
    );
    run.score("laptop-a.db", "A01", "kebaruan", "6");
    run.score("laptop-b.db", "A01", "kebaruan", "3");
    run.export("laptop-a.db", "a.juri");
    run.export("laptop-b.db", "b.juri");
    let merged = run.ok(&["merge", "--db", "lomba.db", "a.juri", "b.juri"]);
    assert!(merged.contains("1 conflicts"), "{merged}");
    let list = run.ok(&["conflicts", "--db", "lomba.db"]);
    assert!(list.contains("proposal/A01/J1/kebaruan"), "{list}");
    assert!(list.contains("v1 3") && list.contains("v2 6"), "{list}");
    let wrong = run.fails(&[
        "resolve",
        "--db",
        "lomba.db",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--juror",
        "J1",
        "--criterion",
        "kebaruan",
        "--choose",
        "5",
    ]);
    assert!(wrong.contains("none of the versions"), "{wrong}");
    run.ok(&[
        "resolve",
        "--db",
        "lomba.db",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--juror",
        "J1",
        "--criterion",
        "kebaruan",
        "--choose",
        "6",
    ]);
    assert!(run
        .ok(&["conflicts", "--db", "lomba.db"])
        .contains("no open conflicts"));
    let log = run.ok(&["log", "--db", "lomba.db", "--format", "json"]);
    assert!(log.contains("the chair chose 6"), "{log}");
    let results = run.results("lomba.db");
    let check = run.ok(&["rebuild", "--db", "lomba.db", "--check"]);
    assert!(
        check.contains("1 rulings (0 superseded)") && check.contains("identical (checked only)"),
        "{check}"
    );
    assert_eq!(run.results("lomba.db"), results);
}

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
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    run.open(
        "j1.db",
        "paket/lomba-uji-2025-J1.juri",
        code_of(&codes, "J1"),
    );
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
