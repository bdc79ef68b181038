//! The recap of a stage and category: entries × jurors.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EntryInfo, Juror, Kop, PanelMember};
use crate::decimal::Decimal;
use crate::error::Checker;
use crate::i18n::Lang;

/// How juror totals were combined into an entry's stage score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AggregationMethod {
    Mean,
    Median,
    /// Mean after dropping the `k` highest and `k` lowest juror totals.
    TrimmedMean {
        k: u32,
    },
    /// Mean of per-juror z-scores.
    ZScore,
}

impl AggregationMethod {
    /// The method in words, in `lang`.
    pub fn describe(self, lang: Lang) -> String {
        let l = lang.labels();
        match self {
            AggregationMethod::Mean => l.method_mean.to_string(),
            AggregationMethod::Median => l.method_median.to_string(),
            AggregationMethod::TrimmedMean { k } => lang.trimmed_mean(k),
            AggregationMethod::ZScore => l.method_zscore.to_string(),
        }
    }
}

/// One juror's total for one entry, as the recap shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JurorScore {
    /// The juror's 0–100 total.
    Score(Decimal),
    /// Assigned but not (completely) scored yet.
    NotScored,
    /// The juror declared a conflict of interest and did not score.
    Recused,
    /// The juror was not assigned to this entry.
    NotAssigned,
}

/// One entry's line in the recap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapRow {
    /// `None` for an entry that cannot be ranked yet (no score).
    pub rank: Option<u32>,
    /// The rank is shared and survived the tie-break cascade.
    #[serde(default)]
    pub tied: bool,
    pub entry: EntryInfo,
    /// One cell per juror, in the order of [`RecapTable::jurors`].
    pub scores: Vec<JurorScore>,
    /// The stage score under [`RecapTable::method`].
    pub aggregate: Option<Decimal>,
    #[serde(default)]
    pub advances: bool,
    /// Juror totals differ beyond the tolerance.
    #[serde(default)]
    pub disagreement: bool,
    /// A final's recap: the entry's score in each stage of [`RecapTable::components`], in that
    /// order (`None`: no score in that stage).
    #[serde(default)]
    pub components: Vec<Option<Decimal>>,
    /// A final's recap: the award tier the entry holds.
    #[serde(default)]
    pub award: Option<RecapAward>,
}

/// An award tier as a final's recap names it, with the entry's place within the tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapAward {
    /// The tier's name ("Top 10 Inovasi Terbaik").
    pub name: String,
    /// The place within the tier's pool (Top 20 after Top 10: 11–20), never the overall rank;
    /// `None` while it cannot be told (an unresolved tie).
    #[serde(default)]
    pub place: Option<u32>,
}

/// A component's weight as its column header prints it: "(70 %)".
pub(crate) fn component_weight(weight: &Decimal, lang: Lang) -> String {
    format!("({} %)", weight.display(lang))
}

/// An earlier stage a final combines: its name and weight, printed over its scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapComponent {
    /// The stage's name ("Penilaian Proposal").
    pub name: String,
    /// Its weight in the final score, in percent.
    pub weight: Decimal,
}

/// Recap of one stage and category (or of the final, across categories).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecapTable {
    /// The organiser's letterhead at the top of the recap's first page.
    #[serde(default)]
    pub kop: Option<Kop>,
    pub competition: String,
    pub stage: String,
    /// `None` for a recap across categories.
    #[serde(default)]
    pub category: Option<String>,
    pub method: AggregationMethod,
    /// A final's recap: ✓ marks an award, not advancement to a next stage.
    #[serde(default)]
    pub awards: bool,
    pub jurors: Vec<Juror>,
    /// A final's recap: the stages it combines, each a column beside the final score.
    #[serde(default)]
    pub components: Vec<RecapComponent>,
    /// Rows in the order they are printed (normally by rank).
    pub rows: Vec<RecapRow>,
    #[serde(default)]
    pub krippendorff_alpha: Option<Decimal>,
    #[serde(default)]
    pub kendall_w: Option<Decimal>,
    /// Spread of juror totals above which `disagreement` is set.
    #[serde(default)]
    pub disagreement_tolerance: Option<Decimal>,
    /// Extra lines printed under the legend (tie-break rule, advancement rule, …).
    #[serde(default)]
    pub notes: Vec<String>,
    pub place: String,
    pub date: NaiveDate,
    /// Who signs the recap (normally the chair).
    #[serde(default)]
    pub signatory: Option<PanelMember>,
    /// The stage is not finalised yet: the recap says its results are provisional.
    #[serde(default)]
    pub provisional: bool,
}

impl RecapTable {
    /// Sheet and section title: "Penilaian Proposal — Sekolah".
    pub fn heading(&self) -> String {
        match &self.category {
            Some(category) => format!("{} — {}", self.stage, category),
            None => self.stage.clone(),
        }
    }

    /// A recap across categories names each entry's category in a column of its own.
    pub(crate) fn shows_category(&self) -> bool {
        self.category.is_none() && self.rows.iter().any(|r| r.entry.category.is_some())
    }

    pub(crate) fn check(&self, c: &mut Checker, at: &str) {
        c.non_empty(&self.competition, format!("{at}competition"));
        if let Some(kop) = &self.kop {
            kop.check(c, &format!("{at}kop"));
        }
        c.non_empty(&self.stage, format!("{at}stage"));
        c.non_empty(&self.place, format!("{at}place"));
        for (i, j) in self.jurors.iter().enumerate() {
            c.non_empty(&j.code, format!("{at}jurors[{i}].code"));
            let duplicate = self.jurors[..i].iter().any(|other| other.code == j.code);
            c.check(
                !duplicate,
                format!("{at}jurors[{i}].code"),
                rust_i18n::t!("report.juror_code_twice", code = format!("{:?}", j.code)),
            );
        }
        for (i, row) in self.rows.iter().enumerate() {
            let here = format!("{at}rows[{i}]");
            row.entry.check(c, &format!("{here}.entry"));
            c.check(
                row.scores.len() == self.jurors.len(),
                format!("{here}.scores"),
                rust_i18n::t!(
                    "report.cells_for_jurors",
                    cells = row.scores.len(),
                    jurors = self.jurors.len()
                ),
            );
            c.check(
                row.components.len() == self.components.len(),
                format!("{here}.components"),
                rust_i18n::t!(
                    "report.scores_for_components",
                    scores = row.components.len(),
                    components = self.components.len()
                ),
            );
            c.check(
                row.award.is_none() || self.awards,
                format!("{here}.award"),
                rust_i18n::t!("report.award_not_final"),
            );
            c.check(
                row.rank.is_some() || !row.tied,
                format!("{here}.tied"),
                rust_i18n::t!("report.unranked_tied"),
            );
        }
        for (i, component) in self.components.iter().enumerate() {
            c.non_empty(&component.name, format!("{at}components[{i}].name"));
        }
        if let Some(s) = &self.signatory {
            s.check(c, &format!("{at}signatory"));
        }
    }
}
