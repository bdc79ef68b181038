//! Runs every scenario in `tests/scenarios/` (shared with the `juri` command's tests) through the
//! core and compares each stage's ranking with the expected lines.

use std::path::PathBuf;

use juri_core::definition::Method;
use juri_core::scenario::{result_lines, Scenario};
use juri_core::Definition;

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios")
}

#[test]
fn every_scenario_ranks_as_expected() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(scenario_dir())
        .expect("tests/scenarios exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 6,
        "expected the scenario files, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let sc = Scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let def = Definition::from_toml(&sc.definition_text().unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for (key, expected) in &sc.expect {
            let (stage, method) = match key.split_once('/') {
                Some((s, m)) => (
                    s,
                    Some(Method::parse(m).unwrap_or_else(|| panic!("unknown method {m}"))),
                ),
                None => (key.as_str(), None),
            };
            let all = sc
                .run_with(&def, method)
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let got = result_lines(&all[stage]);
            if &got != expected {
                failures.push(format!(
                    "{} [{key}]\n  expected: {expected:#?}\n  got:      {got:#?}",
                    file.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
