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
