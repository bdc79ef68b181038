//! Score sheets: blank ones to fill in by hand, and a juror's filled ones.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Criterion, EntryInfo, Juror, Scale};
use crate::decimal::Decimal;
use crate::error::Checker;

/// Blank score sheets for one stage: one entry per page (or more pages when the rubric is
/// long), e.g. every entry a juror will visit in the field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlankSheets {
    pub competition: String,
    pub stage: String,
    /// Juror the sheets are printed for; `None` leaves the name line blank.
    #[serde(default)]
    pub juror: Option<Juror>,
    /// Blind review: institutions are never printed, even when an entry carries one.
    #[serde(default)]
    pub blind_review: bool,
    /// City on the place/date line ("Kupang, ____________ 2025").
    pub place: String,
    pub year: i32,
    pub criteria: Vec<Criterion>,
    /// Scoring rule printed under the table, one paragraph per line: the rubric's formula
    /// ([`crate::notes::formula`]) and a worked example.
    #[serde(default)]
    pub scoring_note: Option<String>,
    pub entries: Vec<EntryInfo>,
}

impl BlankSheets {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.competition, "competition");
        c.non_empty(&self.stage, "stage");
        c.non_empty(&self.place, "place");
        c.check(
            !self.criteria.is_empty(),
            "criteria",
            rust_i18n::t!("report.no_criterion_in_rubric"),
        );
        c.check(
            !self.entries.is_empty(),
            "entries",
            rust_i18n::t!("report.no_entry_for_sheet"),
        );
        for (i, k) in self.criteria.iter().enumerate() {
            c.non_empty(&k.name, format!("criteria[{i}].name"));
        }
        for (i, e) in self.entries.iter().enumerate() {
            e.check(c, &format!("entries[{i}]"));
        }
    }
}

/// One criterion of a filled sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoredCriterion {
    pub name: String,
    pub weight: Decimal,
    pub scale: Scale,
    /// `None` when the juror has not scored it yet.
    pub score: Option<Decimal>,
    /// The criterion's contribution to the 0–100 total.
    pub weighted: Option<Decimal>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// A juror's filled sheet for one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSheet {
    pub stage: String,
    pub juror: Juror,
    pub entry: EntryInfo,
    pub criteria: Vec<ScoredCriterion>,
    /// Weighted total rescaled to 0–100; `None` while criteria are missing.
    pub total: Option<Decimal>,
    /// How the total is computed, printed under the table ([`crate::notes::formula`]).
    #[serde(default)]
    pub scoring_note: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// Local time the juror submitted the sheet; `None` for a draft.
    #[serde(default)]
    pub submitted_at: Option<NaiveDateTime>,
    /// Where the scores come from, printed under the sheet so anyone can trace them.
    pub source: ScoreSource,
    /// The photos on the juror's note, printed as thumbnails after it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<SheetPhoto>,
}

/// A photo on a juror's note, as a filled sheet prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetPhoto {
    /// A JPEG (a thumbnail is enough: it is printed about 4 cm wide).
    pub jpeg: Vec<u8>,
    /// Printed under it, e.g. `1 · 1600 × 1200 · 2026-11-30 10:15 · 3f2a9c0d41e7`.
    pub caption: String,
}

/// Where the scores on a filled sheet come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScoreSource {
    /// Typed in by the committee from the juror's signed paper sheet.
    Paper,
    /// Exactly what the signed score bundle with this short hex fingerprint holds.
    Bundle { fingerprint: String },
    /// The juror's own laptop, where the sheet is not (or no longer) what a bundle holds: never
    /// exported, or changed after the bundle whose short hex fingerprint is `last_bundle`.
    Draft {
        #[serde(default)]
        last_bundle: Option<String>,
    },
}

impl ScoreSource {
    fn fingerprint(&self) -> Option<&str> {
        match self {
            ScoreSource::Paper => None,
            ScoreSource::Bundle { fingerprint } => Some(fingerprint),
            ScoreSource::Draft { last_bundle } => last_bundle.as_deref(),
        }
    }
}

/// Filled score sheets, one or many entries (and jurors) per PDF.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreSheets {
    pub competition: String,
    /// City and date on the signature line ("Kupang, 15 Desember 2025").
    pub place: String,
    pub date: NaiveDate,
    /// Label of the local time zone of `submitted_at` ("WITA"); may be empty.
    #[serde(default)]
    pub time_zone: String,
    pub sheets: Vec<ScoreSheet>,
}

impl ScoreSheets {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.competition, "competition");
        c.non_empty(&self.place, "place");
        c.check(
            !self.sheets.is_empty(),
            "sheets",
            rust_i18n::t!("report.no_sheet"),
        );
        for (i, s) in self.sheets.iter().enumerate() {
            let at = format!("sheets[{i}]");
            c.non_empty(&s.stage, format!("{at}.stage"));
            c.non_empty(&s.juror.name, format!("{at}.juror.name"));
            s.entry.check(c, &format!("{at}.entry"));
            c.check(
                !s.criteria.is_empty(),
                format!("{at}.criteria"),
                rust_i18n::t!("report.no_criterion"),
            );
            if let Some(fingerprint) = s.source.fingerprint() {
                c.check(
                    !fingerprint.is_empty()
                        && fingerprint
                            .chars()
                            .all(|ch| ch.is_ascii_hexdigit() || ch == '-'),
                    format!("{at}.source.fingerprint"),
                    rust_i18n::t!("report.fingerprint_hex"),
                );
            }
            for (j, k) in s.criteria.iter().enumerate() {
                c.non_empty(&k.name, format!("{at}.criteria[{j}].name"));
                if let Some(score) = &k.score {
                    let v = score.to_f64();
                    c.check(
                        v >= k.scale.min.to_f64() && v <= k.scale.max.to_f64(),
                        format!("{at}.criteria[{j}].score"),
                        rust_i18n::t!(
                            "report.score_outside_scale",
                            score = score,
                            min = k.scale.min,
                            max = k.scale.max
                        ),
                    );
                }
            }
        }
    }
}
