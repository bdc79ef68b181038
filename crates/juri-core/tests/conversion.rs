//! The two conversions of a scale to 0–100 (`of-max`, `range`): a linear change of every juror
//! total of a stage, so within a stage the order, the ties and the interval-scale agreement stay
//! as they are; only combining stages in a final can change an order.

use std::path::PathBuf;

use juri_core::results::StageResults;
use juri_core::scenario::{result_lines, Scenario};
use juri_core::Definition;

fn scenario(name: &str) -> Scenario {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/scenarios")
        .join(name);
    Scenario::parse(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn run(sc: &Scenario, definition: &str) -> std::collections::BTreeMap<String, StageResults> {
    let def = Definition::from_toml(definition).unwrap_or_else(|e| panic!("{e}"));
    sc.run_with(&def, None).unwrap()
}

/// Rank, entry, tie state and advancement of each row: everything but the score.
fn order(res: &StageResults) -> Vec<String> {
    result_lines(res)
        .iter()
        .map(|line| {
            let mut parts: Vec<&str> = line.split(' ').collect();
            parts.remove(2);
            parts.join(" ")
        })
        .collect()
}

fn same_agreement(a: &StageResults, b: &StageResults) {
    let close = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    assert!(
        close(a.agreement.alpha, b.agreement.alpha),
        "alpha {:?} vs {:?}",
        a.agreement.alpha,
        b.agreement.alpha
    );
    assert!(close(
        a.agreement.kendall_w.as_ref().map(|k| k.w),
        b.agreement.kendall_w.as_ref().map(|k| k.w)
    ));
    assert!(a.agreement.alpha.is_some());
}

#[test]
fn within_a_stage_the_conversion_changes_scores_only() {
    let sc = scenario("conversion-six-to-ten.toml");
    let range = sc.definition_text().unwrap();
    let of_max = range.replace("conversion = \"range\"\n", "");
    assert_ne!(range, of_max);
    let (r, o) = (run(&sc, &range), run(&sc, &of_max));
    assert_eq!(order(&r["s"]), order(&o["s"]));
    same_agreement(&r["s"], &o["s"]);
    // The scores themselves differ: 8.5 / 9.5 on 6–10 is 72.50 under range, 89.00 under of-max.
    let first = |res: &StageResults| result_lines(res)[0].clone();
    assert_eq!(first(&r["s"]), "1 E2 70.83 in");
    assert_eq!(first(&o["s"]), "1 E2 88.33 in");
}

#[test]
fn in_a_final_the_conversion_can_change_the_top_10() {
    let (of_max, range) = (
        scenario("conversion-of-max.toml"),
        scenario("conversion-range.toml"),
    );
    let o = run(&of_max, &of_max.definition_text().unwrap());
    let r = run(&range, &range.definition_text().unwrap());
    // The same sheets: each stage ranks the same under both.
    for stage in ["proposal", "presentasi"] {
        assert_eq!(order(&o[stage]), order(&r[stage]), "{stage}");
        same_agreement(&o[stage], &r[stage]);
    }
    let top10 = |res: &StageResults| -> Vec<String> {
        res.rows()
            .filter(|row| row.award.is_some())
            .map(|row| row.entry.clone())
            .collect()
    };
    let (o10, r10) = (top10(&o["final"]), top10(&r["final"]));
    assert!(o10.contains(&"E02".to_string()) && !o10.contains(&"E10".to_string()));
    assert!(r10.contains(&"E10".to_string()) && !r10.contains(&"E02".to_string()));
}

#[test]
fn a_bad_conversion_names_its_rubric() {
    let text = juri_core::templates::template("iga").unwrap();
    let scale = "scale = { min = 1, max = 7, step = 1 }";
    assert!(text.contains(scale));
    let unknown = text.replace(scale, &format!("{scale}\nconversion = \"ranged\""));
    let err = Definition::from_toml(&unknown).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{err}");
    let problem = &err.problems[0];
    assert!(problem.place.ends_with(".rubric.conversion"), "{err}");
    assert!(problem.place.starts_with("stages["), "{err}");
    assert!(
        problem.message.contains("\"ranged\"") && problem.message.contains("\"range\""),
        "{err}"
    );

    let flat = text.replace(
        scale,
        "scale = { min = 5, max = 5, step = 1 }\nconversion = \"range\"",
    );
    let err = Definition::from_toml(&flat).unwrap_err().to_string();
    assert!(
        err.contains(".rubric.scale: the scale is empty: max 5 is not above min 5 (conversion \"range\" divides by maximum − minimum)"),
        "{err}"
    );
}
