//! Every score as recorded: one row per juror × entry × criterion, for audits and the
//! secretariat's own analyses.

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;

/// One score cell of one juror on one entry and criterion, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRecord {
    /// The stage's id and name.
    pub stage: String,
    pub stage_name: String,
    pub entry: String,
    pub title: String,
    pub category: String,
    pub juror: String,
    pub juror_name: String,
    pub criterion: String,
    pub criterion_name: String,
    /// The score; `None` for a cell the juror cleared.
    pub value: Option<Decimal>,
    /// How many times the cell has been written (1 for a first score).
    pub revision: i64,
    /// `paper`, or the fingerprint of the juror's bundle the score came in.
    pub source: String,
    /// When the score was written (RFC 3339, in the competition's time zone).
    pub updated_at: String,
    pub comment: String,
    /// Whether the score counts in the stage's results (false for a recused pair, a sheet not
    /// submitted, a juror no longer on the panel).
    pub counted: bool,
}

/// An entry put forward from a stage's results (a winner of the final, or an entry that advances,
/// or one of the top N): what an organiser sends on to a national competition (IGA, KIPP).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NomineeRecord {
    /// Overall rank in the stage (within the category when the stage ranks per category).
    pub rank: Option<u32>,
    /// The award tier's name (a final), empty otherwise.
    pub award: String,
    /// The place within the award's pool (Top 10: 1–10), when the entry holds an award.
    pub place: Option<u32>,
    pub entry: String,
    pub title: String,
    pub institution: String,
    pub category: String,
    pub score: Option<Decimal>,
}
