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
