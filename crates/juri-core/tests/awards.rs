//! What validation says about a final's award tiers.

use juri_core::Definition;

/// An award tier that comes after one over the same pool reaching as far can never be given.
#[test]
fn an_award_tier_that_cannot_be_filled_is_refused_naming_the_field() {
    let template = include_str!("../templates/koin-yanlik-berdasi.toml");
    let old = r#"{ id = "top20", name = "Top 20 Inovasi", top = 20, pool = "regular" }"#;
    assert!(template.contains(old));
    let err = Definition::from_toml(&template.replace(
        old,
        r#"{ id = "top20", name = "Top 20 Inovasi", top = 10, pool = "regular" }"#,
    ))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("awards[1].top: 'top20' can never be awarded: 'top10' (awards[0]) comes first and takes places 1–10 of the same entries; give 'top20' a `top` above 10"),
        "{err}"
    );
    // Another pool is counted on its own: a rintisan tier of 3 after a Top 10 of regular entries is fine.
    Definition::from_toml(template).unwrap();
}
