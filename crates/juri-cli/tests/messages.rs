//! One language per run: every message in both languages, and the run's choice of language.
//!
//! Each crate keeps its messages in `locales/messages.yml` (rust-i18n's one-file format): every
//! entry in English and Indonesian with the same `%{placeholders}`, every entry used, every key
//! the code asks for present. `JURI_LANG` chooses the language, else the system's locale.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const CRATES: [&str; 6] = [
    "juri-core",
    "juri-store",
    "juri-bundle",
    "juri-report",
    "juri-app",
    "juri-cli",
];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// key → language → text.
fn catalogue(krate: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let path = crates_dir().join(krate).join("locales/messages.yml");
    let text = std::fs::read_to_string(&path).unwrap();
    let value: BTreeMap<String, serde_saphyr_value::Value> =
        serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    value
        .into_iter()
        .filter(|(k, _)| k != "_version")
        .map(|(k, v)| match v {
            serde_saphyr_value::Value::Texts(t) => (k, t),
            serde_saphyr_value::Value::Version(_) => panic!("{krate}: {k} is not an entry"),
        })
        .collect()
}

mod serde_saphyr_value {
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    pub enum Value {
        Texts(BTreeMap<String, String>),
        Version(serde::de::IgnoredAny),
    }
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(r"%\{([a-z_0-9]+)\}").unwrap();
    re.captures_iter(text).map(|c| c[1].to_string()).collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The keys a crate's code asks for: `t!("key"` with the key on the same or the next line.
fn keys_used(krate: &str) -> BTreeSet<String> {
    let re = regex::Regex::new(r#"(?:^|[^A-Za-z0-9_])t!\(\s*"([a-z0-9_.]+)""#).unwrap();
    let mut files = Vec::new();
    rust_files(&crates_dir().join(krate).join("src"), &mut files);
    let mut keys = BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        keys.extend(re.captures_iter(&text).map(|c| c[1].to_string()));
    }
    keys
}

#[test]
fn every_message_is_in_both_languages_with_the_same_placeholders() {
    let mut problems = Vec::new();
    for krate in CRATES {
        let entries = catalogue(krate);
        assert!(!entries.is_empty(), "{krate} has no messages");
        for (key, texts) in &entries {
            let langs: BTreeSet<&str> = texts.keys().map(String::as_str).collect();
            if langs != BTreeSet::from(["en", "id"]) {
                problems.push(format!("{krate}: {key} has {langs:?}, not en and id"));
                continue;
            }
            if texts.values().any(|t| t.trim().is_empty()) {
                problems.push(format!("{krate}: {key} has an empty text"));
            }
            let (en, id) = (placeholders(&texts["en"]), placeholders(&texts["id"]));
            if en != id {
                problems.push(format!(
                    "{krate}: {key}: English has {en:?}, Indonesian {id:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_key_the_code_asks_for_is_there_and_every_entry_is_used() {
    let mut problems = Vec::new();
    for krate in CRATES {
        let entries: BTreeSet<String> = catalogue(krate).into_keys().collect();
        let used = keys_used(krate);
        for missing in used.difference(&entries) {
            problems.push(format!(
                "{krate}: the code asks for {missing}, which has no entry"
            ));
        }
        for unused in entries.difference(&used) {
            problems.push(format!("{krate}: {unused} is never used"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `juri` run in an empty folder with exactly these variables for the language.
fn juri(vars: &[(&str, &str)], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_juri"));
    cmd.current_dir(dir.path()).args(args);
    for v in ["JURI_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        cmd.env_remove(v);
    }
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn juri_lang_chooses_the_language_of_a_run_else_the_system_locale() {
    let status = ["status", "--db", "lomba.db"];
    let english = "juri: lomba.db does not exist; create it with `juri init`\n";
    let indonesian = "juri: lomba.db tidak ada; buat dengan `juri init`\n";
    assert_eq!(juri(&[], &status), english);
    assert_eq!(juri(&[("JURI_LANG", "id")], &status), indonesian);
    assert_eq!(juri(&[("JURI_LANG", "en")], &status), english);
    assert_eq!(juri(&[("LANG", "id_ID.UTF-8")], &status), indonesian);
    assert_eq!(juri(&[("LC_ALL", "id_ID.UTF-8")], &status), indonesian);
    assert_eq!(juri(&[("LANG", "en_US.UTF-8")], &status), english);
    // JURI_LANG wins over the system.
    assert_eq!(
        juri(&[("LANG", "id_ID.UTF-8"), ("JURI_LANG", "en")], &status),
        english
    );
    assert_eq!(
        juri(&[("LC_ALL", "C"), ("JURI_LANG", "id_ID")], &status),
        indonesian
    );
}
