//! The pure scoring core of Juri.
//!
//! Owns the competition definition (categories, stages, rubrics, advancement, awards, tie-breaks),
//! the exact arithmetic of scores, juror totals, aggregation, ranking with tie-break cascades,
//! advancement and award tiers, completeness, and the inter-rater agreement statistics.
//!
//! Architecture invariant: no IO, no clock, no SQL, no randomness. Time and identifiers are passed
//! in; every function gives the same answer on every platform. Totals, aggregates and ranks are
//! computed in exact rational arithmetic, so a tie is a tie everywhere.

// Messages in Indonesian and English, from `locales/messages.yml`; the run's language is set once
// by the front end (`juri_app::use_message_language`), English when none is set.
rust_i18n::i18n!("locales", fallback = "en");

mod aggregate;
pub mod comparison;
pub mod completeness;
pub mod decimal;
pub mod definition;
pub mod model;
pub mod notation;
pub mod pipeline;
mod ranking;
pub mod replacement;
pub mod results;
pub mod scenario;
pub mod sheet;
pub mod stats;
pub mod templates;
mod validate;
pub mod zone;

pub use comparison::*;
pub use completeness::*;
pub use decimal::Fixed;
pub use definition::{
    newer_format, Conversion, Definition, NewerFormat, StageDef, StageKind, DEFINITION_FORMAT,
};
pub use model::*;
pub use results::*;
pub use sheet::{read_score, ScoreError, WeightWarning, Weighting};
pub use validate::{DefinitionError, DefinitionProblem};
