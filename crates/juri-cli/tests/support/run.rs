//! The harness of the round-trip tests: the real `juri` binary in a temp dir per test, with a
//! cleared environment, and helpers to set up a competition with jurors' laptops.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use juri_store::rusqlite::{self, Connection};

/// The chair's passphrase in these tests.
pub const CHAIR_PASSPHRASE: &str = "kata sandi ketua uji";

pub struct Run {
    pub dir: tempfile::TempDir,
    /// The access code each laptop database was opened with (`juri juror --db L open … --code C`):
    /// later juror commands on that laptop get it through `JURI_SECRET_FILE`, as a script would.
    codes: std::cell::RefCell<std::collections::HashMap<String, String>>,
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/roundtrip")
        .join(name)
}

impl Run {
    pub fn new() -> Run {
        Run {
            dir: tempfile::tempdir().unwrap(),
            codes: Default::default(),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `text` into the file `name` of the temp dir.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn p(&self, name: &str) -> String {
        self.path(name).display().to_string()
    }

    /// `juri args` in the run's folder with a cleared environment: a fixed clock, and the secret
    /// the command needs in `JURI_SECRET_FILE` (the chair's passphrase, or the laptop's code).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_juri"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
            // The chair's keys sealed with the lowest documented scrypt work factor.
            .env("JURI_WORK_FACTOR", "15")
            // Never the keychain of the machine running the tests (there is no session bus in a
            // cleared environment either).
            .env("JURI_KEYCHAIN", "off");
        if let Some(file) = self.secret_file(args) {
            command.env("JURI_SECRET_FILE", file);
        }
        command
    }

    pub fn juri(&self, args: &[&str]) -> Output {
        let output = self.command(args).output().unwrap();
        if let (true, ["juror", "--db", laptop, "open", _, "--code", code, ..]) =
            (output.status.success(), args)
        {
            self.codes
                .borrow_mut()
                .insert(laptop.to_string(), code.to_string());
        }
        output
    }

    /// For a juror command (other than `open`, which the tests give its code) on a laptop opened
    /// with an access code: a file holding that code.
    fn secret_file(&self, args: &[&str]) -> Option<PathBuf> {
        if args.first() != Some(&"juror") {
            // The chair's commands: the chair's passphrase.
            let file = self.dir.path().join(".chair-passphrase");
            std::fs::write(&file, format!("{CHAIR_PASSPHRASE}\n")).unwrap();
            return Some(file);
        }
        let ["juror", "--db", laptop, command, ..] = args else {
            return None;
        };
        if *command == "open" {
            return None;
        }
        let code = self.codes.borrow().get(*laptop)?.clone();
        let file = self
            .dir
            .path()
            .join(format!(".code-{}", laptop.replace(['/', '.'], "-")));
        std::fs::write(&file, format!("{code}\n")).unwrap();
        Some(file)
    }

    /// `juri args` with `input` on standard input and no secret from the harness (what a person
    /// types at the prompt, or nothing).
    pub fn with_input(&self, args: &[&str], input: &str) -> Output {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_juri"))
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    /// The juror's signing key of the laptop `laptop`, opened from its newest installed package
    /// with the code it was opened with (the laptop keeps it only sealed).
    pub fn laptop_key(&self, laptop: &str) -> juri_bundle::JurorSigningKey {
        let package: Vec<u8> = Connection::open(self.path(laptop))
            .unwrap()
            .query_row(
                "SELECT bytes FROM packages ORDER BY version DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let code = self.code_for(laptop).expect("the laptop's access code");
        juri_bundle::open_package(&package)
            .unwrap()
            .unlock(&code)
            .unwrap()
    }

    /// The access code the laptop `laptop` was opened with.
    pub fn code_for(&self, laptop: &str) -> Option<String> {
        self.codes.borrow().get(laptop).cloned()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let o = self.juri(args);
        assert!(
            o.status.success(),
            "juri {args:?} failed:\n{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    pub fn fails(&self, args: &[&str]) -> String {
        let o = self.juri(args);
        assert!(
            !o.status.success(),
            "juri {args:?} should have failed; stdout:\n{}",
            String::from_utf8_lossy(&o.stdout)
        );
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
    }

    /// A chair database with the test competition, entries and jurors.
    pub fn competition(&self, db: &str, definition: &str) {
        let def = data(definition);
        self.ok(&["init", "--db", db, "--definition", def.to_str().unwrap()]);
        let entries = data("entries.csv");
        self.ok(&["entries", "import", "--db", db, entries.to_str().unwrap()]);
        let jurors = data("jurors.csv");
        self.ok(&["jurors", "import", "--db", db, jurors.to_str().unwrap()]);
    }

    /// Issues every package into `dir`; returns (juror, access code) pairs.
    pub fn packages(&self, db: &str, dir: &str) -> Vec<(String, String)> {
        let out = self.ok(&["package", "--db", db, "--all", "--out-dir", dir]);
        access_codes(&out)
    }

    /// The test competition with every package issued into `paket`, and `juror`'s package
    /// installed on the laptop database `laptop`; returns the access codes.
    pub fn with_laptop(&self, laptop: &str, juror: &str) -> Vec<(String, String)> {
        self.competition("lomba.db", "lomba.toml");
        let codes = self.packages("lomba.db", "paket");
        self.open(
            laptop,
            &format!("paket/lomba-uji-2025-{juror}.juri"),
            code_of(&codes, juror),
        );
        codes
    }

    /// Installs juror `j`'s package on a laptop database `laptop`.
    pub fn open(&self, laptop: &str, package: &str, code: &str) {
        self.ok(&["juror", "--db", laptop, "open", package, "--code", code]);
    }

    pub fn score(&self, laptop: &str, entry: &str, criterion: &str, value: &str) -> String {
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
    pub fn sheet(&self, laptop: &str, entries: &[&str], values: [&str; 3]) {
        for e in entries {
            for (c, v) in ["kebaruan", "manfaat", "replikasi"].iter().zip(values) {
                self.score(laptop, e, c, v);
            }
            self.ok(&[
                "juror", "--db", laptop, "submit", "--stage", "proposal", "--entry", e,
            ]);
        }
    }

    pub fn export(&self, laptop: &str, out: &str) {
        self.ok(&["juror", "--db", laptop, "export", "--out", out]);
    }

    pub fn results(&self, db: &str) -> String {
        self.ok(&[
            "results", "--db", db, "--stage", "proposal", "--format", "json",
        ])
    }
}

/// (juror, access code) pairs from the output of `juri package`.
pub fn access_codes(out: &str) -> Vec<(String, String)> {
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

pub fn code_of<'a>(codes: &'a [(String, String)], juror: &str) -> &'a str {
    &codes.iter().find(|(j, _)| j == juror).unwrap().1
}

/// Every row of every table, as text: the whole state of a database.
pub fn dump(db: &Path) -> String {
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
pub fn scored(run: &Run) -> Vec<(String, String)> {
    let codes = run.with_laptop("j1.db", "J1");
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
