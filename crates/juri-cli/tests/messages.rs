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

/// key → language → text, from every file of the crate's `locales/` folder (rust-i18n merges them).
fn catalogue(krate: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let dir = crates_dir().join(krate).join("locales");
    let mut entries = BTreeMap::new();
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let value: BTreeMap<String, serde_saphyr_value::Value> =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (k, v) in value.into_iter().filter(|(k, _)| k != "_version") {
            let serde_saphyr_value::Value::Texts(t) = v else {
                panic!("{}: {k} is not an entry", path.display());
            };
            assert!(
                entries.insert(k.clone(), t).is_none(),
                "{}: {k} is there twice",
                path.display()
            );
        }
    }
    entries
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

/// Every Rust source file of a crate, as text.
fn sources(krate: &str) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&crates_dir().join(krate).join("src"), &mut files);
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect()
}

/// The keys a crate's code asks for: `t!("key"` (or juri's `say!("key"`, `esay!("key"`) with the key on the same
/// or the next line.
fn keys_asked(sources: &[String]) -> BTreeSet<String> {
    let re = regex::Regex::new(r#"(?:^|[^A-Za-z0-9_])(?:t|e?say)!\(\s*"([a-z0-9_.]+)""#).unwrap();
    sources
        .iter()
        .flat_map(|text| re.captures_iter(text).map(|c| c[1].to_string()))
        .collect()
}

/// Whether the code names `key` as a string (in `t!` or chosen beforehand, `t!(key, …)`).
fn named(sources: &[String], key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    sources.iter().any(|text| text.contains(&quoted))
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
        let sources = sources(krate);
        for missing in keys_asked(&sources).difference(&entries) {
            problems.push(format!(
                "{krate}: the code asks for {missing}, which has no entry"
            ));
        }
        for unused in entries.iter().filter(|k| !named(&sources, k)) {
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
    assert_eq!(
        juri(&[("LANGUAGE", "id:en"), ("LANG", "en_US.UTF-8")], &status),
        indonesian
    );
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

/// `juri` on the demo competition in `dir`, in `lang`; its standard output.
fn demo_run(dir: &Path, lang: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_juri"))
        .current_dir(dir)
        .args(args)
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .env("JURI_LANG", lang)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn tables_speak_the_run_language_while_csv_and_json_stay_the_same() {
    let dir = tempfile::tempdir().unwrap();
    demo_run(dir.path(), "en", &["demo", "--db", "demo.db"]);
    let db = ["--db", "demo.db"];
    let table = |lang: &str, cmd: &[&str]| demo_run(dir.path(), lang, &[cmd, &db[..]].concat());

    let en = table("en", &["results", "--stage", "proposal"]);
    let id = table("id", &["results", "--stage", "proposal"]);
    assert!(
        en.contains("rank") && en.contains("advances") && en.contains("method: "),
        "{en}"
    );
    assert!(
        id.contains("peringkat") && id.contains("lolos") && id.contains("metode: "),
        "{id}"
    );
    assert!(!id.contains("advances") && !id.contains("method: "), "{id}");

    let en = table("en", &["status", "--stage", "presentasi"]);
    let id = table("id", &["status", "--stage", "presentasi"]);
    assert!(en.contains("assigned sheets submitted"), "{en}");
    assert!(id.contains("lembar yang ditugaskan sudah dikirim"), "{id}");

    for cmd in [
        &["results", "--stage", "proposal", "--format", "csv"][..],
        &["results", "--stage", "proposal", "--format", "json"],
        &["entries", "list", "--format", "csv"],
        &["jurors", "list", "--format", "csv"],
        &["info", "--format", "json"],
    ] {
        assert_eq!(table("en", cmd), table("id", cmd), "{cmd:?}");
    }
}

#[test]
fn the_templates_are_described_in_the_run_language() {
    let dir = tempfile::tempdir().unwrap();
    let en = demo_run(dir.path(), "en", &["template", "--list"]);
    let id = demo_run(dir.path(), "id", &["template", "--list"]);
    for (name, description, _) in juri_core::templates::TEMPLATES {
        assert!(en.contains(&format!("{name:22} {description}\n")), "{en}");
        assert!(id.contains(name) && !id.contains(description), "{id}");
    }
}
