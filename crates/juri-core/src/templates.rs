//! Competition definition templates shipped with Juri, all editable.

/// (name, description, TOML text)
pub const TEMPLATES: &[(&str, &str, &str)] = &[
    (
        "koin-yanlik-berdasi",
        "NTT Koin Yanlik Berdasi: five categories, administration, proposal (top 5 per category), presentation, final with Top 10 / Top 20 / rintisan",
        include_str!("../templates/koin-yanlik-berdasi.toml"),
    ),
    ("kipp", "KIPP (PermenPANRB 91/2021 criteria): Top 99 then Top 45 across categories", include_str!("../templates/kipp.toml")),
    ("iga", "Innovative Government Award: presentation aspects on a 1–7 scale", include_str!("../templates/iga.toml")),
    ("generic", "A small competition on a 6.0–10.0 scale", include_str!("../templates/generic.toml")),
];

pub fn template(name: &str) -> Option<&'static str> {
    TEMPLATES.iter().find(|t| t.0 == name).map(|t| t.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Definition;

    #[test]
    fn every_template_is_valid() {
        for (name, _, text) in TEMPLATES {
            if let Err(e) = Definition::from_toml(text) {
                panic!("template {name}: {e}");
            }
        }
    }
}
