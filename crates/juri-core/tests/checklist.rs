//! Screening checklist items and the entries they apply to (`applies_to`): how the definition
//! says it, what validation refuses, and which recorded items a screening record may carry.

use juri_core::model::Screening;
use juri_core::Definition;

const TEMPLATE: &str = include_str!("../templates/koin-yanlik-berdasi.toml");

/// The template with its "setahun" item's `applies_to` replaced by `applies_to`.
fn with_setahun(applies_to: &str) -> String {
    let old = r#"applies_to = { entries = "regular" }"#;
    assert!(TEMPLATE.contains(old), "the template's setahun item");
    TEMPLATE.replace(old, applies_to)
}

fn record(entry: &str, passed: bool, met: Option<&[&str]>) -> Screening {
    Screening {
        entry: entry.into(),
        passed,
        reasons: if passed { vec![] } else { vec!["ADM-1".into()] },
        note: String::new(),
        met: met.map(|m| m.iter().map(|s| s.to_string()).collect()),
    }
}

#[test]
fn the_template_does_not_check_setahun_for_rintisan_entries() {
    let def = Definition::from_toml(TEMPLATE).unwrap();
    let st = &def.stages[0];
    let ids = |v: Vec<&juri_core::definition::ChecklistItem>| {
        v.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(st.checklist_for("upt", false)),
        ["berkas", "setahun", "pelayanan", "tepat-waktu"]
    );
    assert_eq!(
        ids(st.checklist_for("upt", true)),
        ["berkas", "pelayanan", "tepat-waktu"]
    );
}

#[test]
fn applies_to_by_category_and_by_pool() {
    let def = Definition::from_toml(&with_setahun(
        r#"applies_to = { entries = "rintisan", categories = ["sekolah", "desa"] }"#,
    ))
    .unwrap();
    let setahun = &def.stages[0].checklist[1];
    assert!(setahun.applies("sekolah", true));
    assert!(setahun.applies("desa", true));
    assert!(!setahun.applies("sekolah", false));
    assert!(!setahun.applies("upt", true));
    // Not written: every entry.
    let berkas = &def.stages[0].checklist[0];
    assert!(berkas.applies("upt", false) && berkas.applies("desa", true));
}

#[test]
fn an_unknown_category_is_refused_naming_the_field() {
    let err = Definition::from_toml(&with_setahun(
        r#"applies_to = { categories = ["sekolah", "smp"] }"#,
    ))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(r#"stages[0] "administrasi".checklist[1].applies_to.categories: unknown category 'smp' (one of: pd-provinsi, pd-kabkota, upt, sekolah, desa)"#),
        "{err}"
    );
    assert!(!err.contains("'sekolah'"), "{err}");
}

#[test]
fn an_unknown_pool_or_field_is_refused() {
    let err = Definition::from_toml(&with_setahun(r#"applies_to = { entries = "lama" }"#))
        .unwrap_err()
        .to_string();
    assert!(err.contains("lama"), "{err}");
    let err = Definition::from_toml(&with_setahun(r#"applies_to = { kategori = ["upt"] }"#))
        .unwrap_err()
        .to_string();
    assert!(err.contains("kategori"), "{err}");
}

#[test]
fn the_items_a_record_may_say_are_met() {
    let def = Definition::from_toml(TEMPLATE).unwrap();
    let st = &def.stages[0];
    let all = ["berkas", "setahun", "pelayanan", "tepat-waktu"];
    let cases: &[(Screening, bool, &[&str])] = &[
        // Items not recorded: nothing to check.
        (record("A", true, None), false, &[]),
        (record("A", true, Some(&all)), false, &[]),
        // A rintisan entry passes without "setahun", and may not meet it.
        (record("R", true, Some(&["berkas", "pelayanan", "tepat-waktu"])), true, &[]),
        (
            record("R", true, Some(&all)),
            true,
            &["entry 'R': checklist item 'setahun' does not apply to it (a rintisan entry)"],
        ),
        (
            record("A", true, Some(&["berkas", "pelayanan"])),
            false,
            &["entry 'A' passes but does not meet 'setahun', 'tepat-waktu': a passing entry meets every item that applies to it; fail it with a reason code instead"],
        ),
        // A failing entry may meet every item, or none.
        (record("A", false, Some(&all)), false, &[]),
        (record("A", false, Some(&[])), false, &[]),
        (
            record("A", false, Some(&["berkas", "video", "berkas"])),
            false,
            &[
                "entry 'A': unknown checklist item 'video' (one of: berkas, setahun, pelayanan, tepat-waktu)",
                "entry 'A': checklist item 'berkas' is named twice",
            ],
        ),
    ];
    for (rec, rintisan, want) in cases {
        assert_eq!(
            st.checklist_problems(rec, "upt", *rintisan),
            *want,
            "{rec:?} rintisan={rintisan}"
        );
    }
}
