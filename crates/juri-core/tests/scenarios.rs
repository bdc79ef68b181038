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

/// Final tiers are numbered within their pool, not by the overall rank: in the NTT template's
/// final, rintisan entries (ranked 9th and 20th overall) take no Top 10 or Top 20 place, so the
/// 11th overall is 10th of the Top 10 and the Top 20 starts at 11; with `pool = "all"` a rintisan
/// entry may hold a Top 10 place.
#[test]
fn final_tiers_are_numbered_within_their_pool() {
    let text = std::fs::read_to_string(scenario_dir().join("koin-yanlik-berdasi.toml")).unwrap();
    let sc = Scenario::parse(&text).unwrap();
    let regular = sc.definition_text().unwrap();
    let places = |definition: &str| {
        let def = Definition::from_toml(definition).unwrap();
        let all = sc.run_with(&def, None).unwrap();
        let fin = def.stage("final").unwrap();
        let places = all["final"].award_places(fin);
        let awards: std::collections::BTreeMap<String, String> = all["final"]
            .rows()
            .filter_map(|r| r.award.clone().map(|a| (r.entry.clone(), a)))
            .collect();
        (places, awards)
    };
    let (p, a) = places(&regular);
    let at = |code: &str| (a[code].as_str(), p[code]);
    assert_eq!(at("P1"), ("top10", 1));
    assert_eq!(at("D2"), ("top10", 9));
    assert_eq!(at("P3"), ("top10", 10)); // 11th overall
    assert_eq!(at("K3"), ("top20", 11)); // 12th overall
    assert_eq!(at("K5"), ("top20", 20)); // 22nd overall
    assert_eq!(at("S2"), ("rintisan", 1)); // 9th overall
    assert_eq!(at("D4"), ("rintisan", 2)); // 20th overall
    let mut top10: Vec<u32> = a
        .iter()
        .filter(|(_, award)| *award == "top10")
        .map(|(code, _)| p[code])
        .collect();
    top10.sort_unstable();
    assert_eq!(top10, (1..=10).collect::<Vec<_>>());

    // Rintisan entries eligible for Top 10 / Top 20: S2 holds the 9th Top 10 place.
    let all_pools = regular.replace("pool = \"regular\"", "pool = \"all\"");
    assert_ne!(all_pools, regular);
    let (p, a) = places(&all_pools);
    assert_eq!((a["S2"].as_str(), p["S2"]), ("top10", 9));
    assert_eq!((a["P3"].as_str(), p["P3"]), ("top20", 11));
}
