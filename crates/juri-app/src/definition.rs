//! Reading a competition definition's TOML text, for the chair's database and the juror's
//! package alike: parse errors name their place in the text, then every validation problem.

use juri_core::Definition;

use crate::error::AppError;

pub(crate) fn toml_definition(text: &str) -> Result<Definition, AppError> {
    if let Some(newer) = juri_core::newer_format(text) {
        return Err(AppError::Refused(
            crate::refusal::Refusal::NewerDefinition {
                needs: newer.to_string(),
            },
        ));
    }
    let def: Definition = toml::from_str(text)
        .map_err(|e| juri_core::DefinitionError::from_toml_with_source(e, text))?;
    def.validate()?;
    Ok(def)
}

/// A definition as the app's forms edit it (its JSON form), validated. A shape the model cannot
/// read is one problem, placed at `definition`.
pub fn definition_from_json(value: serde_json::Value) -> Result<Definition, AppError> {
    let def: Definition =
        serde_json::from_value(value).map_err(|e| juri_core::DefinitionError {
            problems: vec![juri_core::DefinitionProblem {
                place: "definition".into(),
                message: e.to_string(),
            }],
        })?;
    def.validate()?;
    Ok(def)
}
