//! The complete example in docs/definition.md stays valid.

#[test]
fn the_documented_example_is_a_valid_definition() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/definition.md"
    ))
    .unwrap();
    let start = doc.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let def = juri_core::Definition::from_toml(&doc[start..end]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(def.stages.len(), 4);
}

/// Every aggregation method the core defines is documented where the definition's fields are.
#[test]
fn every_aggregation_method_is_documented() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/definition.md"
    ))
    .unwrap();
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `aggregation` |"))
        .expect("docs/definition.md has a row for `aggregation`");
    for method in juri_core::definition::Method::ALL {
        let name = format!("`{}`", method.as_str());
        assert!(row.contains(&name), "{name} is not documented: {row}");
    }
}

/// Every conversion is documented in the rubric's `conversion` row, and the worked example's
/// numbers are what the core computes.
#[test]
fn every_conversion_and_its_worked_example_is_documented() {
    use juri_core::definition::{Conversion, Rubric};
    use juri_core::Weighting;
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/definition.md"
    ))
    .unwrap();
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `conversion` |"))
        .expect("docs/definition.md has a row for `conversion`");
    for conversion in Conversion::ALL {
        let name = format!("`{}`", conversion.as_str());
        assert!(row.contains(&name), "{name} is not documented: {row}");
    }
    for (scale, score, of_max, range, lowest) in [
        (
            "1–7",
            5,
            "30 × 5 ÷ 7 = 21.43",
            "30 × (5 − 1) ÷ (7 − 1) = 20.00",
            "14.29 / 0",
        ),
        (
            "6–10",
            8,
            "30 × 8 ÷ 10 = 24.00",
            "30 × (8 − 6) ÷ (10 − 6) = 15.00",
            "60.00 / 0",
        ),
    ] {
        let line = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {scale} | {score} |")))
            .unwrap_or_else(|| panic!("no worked example for {scale}"));
        let (min, max) = scale.split_once('–').unwrap();
        for (conversion, text) in [("of-max", of_max), ("range", range)] {
            let rubric: Rubric = toml::from_str(&format!(
                "scale = {{ min = {min}, max = {max}, step = 1 }}\nconversion = \"{conversion}\"\n\
                 criteria = [{{ id = \"a\", name = \"A\", weight = 30 }}, {{ id = \"b\", name = \"B\", weight = 70 }}]"
            ))
            .unwrap();
            let w = Weighting::of_rubric(&rubric);
            let value = w.weighted(0, score * 1000).display(2);
            assert!(text.ends_with(&value), "{text} vs {value}");
            assert!(line.contains(text), "{line}");
        }
        let rubric: Rubric = toml::from_str(&format!(
            "scale = {{ min = {min}, max = {max}, step = 1 }}\ncriteria = [{{ id = \"a\", name = \"A\", weight = 100 }}]"
        ))
        .unwrap();
        assert_eq!(
            lowest,
            format!(
                "{} / 0",
                Weighting::of_rubric(&rubric).lowest_total().display(2)
            )
        );
        assert!(line.contains(lowest), "{line}");
    }
}
