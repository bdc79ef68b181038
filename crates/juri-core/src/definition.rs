//! The competition definition: data, not code.
//!
//! A chair versions this as a TOML file (see `docs/definition.md`); the app edits the same model.
//! Parsing is separate from validation: [`Definition::from_toml`] parses and then validates,
//! reporting every problem with its place in the file.

use serde::{Deserialize, Serialize};

use crate::decimal::Fixed;

/// The definition format this Juri reads and writes.
pub const DEFINITION_FORMAT: u32 = 1;

/// A definition written in a newer format than this Juri reads: its format, and the Juri version
/// it says it needs, when it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewerFormat {
    pub format: i64,
    pub requires: Option<String>,
}

impl std::fmt::Display for NewerFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match &self.requires {
            Some(version) => rust_i18n::t!(
                "definition.needs_juri_version",
                version = version,
                format = self.format,
                known = DEFINITION_FORMAT
            ),
            None => rust_i18n::t!(
                "definition.needs_newer_juri",
                format = self.format,
                known = DEFINITION_FORMAT
            ),
        };
        f.write_str(&text)
    }
}

/// Looks only at the top-level `format` and `requires` of a definition's TOML text, before anything
/// else is read: a definition of a newer format may hold fields this Juri does not know, and the
/// person should read "needs Juri X or later", never a parse error. `None` for this Juri's format,
/// and for text that is not TOML (the full parse says what is wrong with it).
pub fn newer_format(text: &str) -> Option<NewerFormat> {
    let table: toml::Table = toml::from_str(text).ok()?;
    let format = table.get("format")?.as_integer()?;
    (format > i64::from(DEFINITION_FORMAT)).then(|| NewerFormat {
        format,
        requires: table
            .get("requires")
            .and_then(|r| r.as_str())
            .map(str::to_owned),
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Definition {
    /// The definition format the file is written in: absent (or 1) for this Juri's format. A
    /// definition of a newer format is refused before it is read, naming the Juri it needs
    /// ([`newer_format`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub format: Option<u32>,
    /// The oldest Juri version that reads this definition (written together with a newer format,
    /// so an older Juri can say which version to install).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub requires: Option<String>,
    pub competition: CompetitionInfo,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub stages: Vec<StageDef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CompetitionInfo {
    /// Stable identifier, carried in every package and bundle (e.g. `koin-yanlik-berdasi-2025`).
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub organizer: String,
    #[serde(default)]
    pub year: Option<i32>,
    /// Town printed before dates on documents ("Kupang, 15 Desember 2025").
    #[serde(default)]
    pub place: String,
    /// Deprecated: read for existing files, no longer printed. The decree that appointed the
    /// panel is one of the chair's document settings.
    #[serde(default)]
    pub decree: String,
    /// When true, jurors never see institution names.
    #[serde(default)]
    pub blind_review: bool,
    /// The competition's time zone, an IANA name (`Asia/Jakarta` = WIB, `Asia/Makassar` = WITA,
    /// `Asia/Jayapura` = WIT); Asia/Jakarta when not written. Every printed and shown time uses it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<String>", optional))]
    pub time_zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// Administrative selection: a checklist, pass or fail with reason codes.
    Screening,
    /// Jurors score entries on a rubric.
    Scoring,
    /// Computed from earlier stages' scores with weights; awards are given here.
    Final,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Entries are ranked within their category.
    #[default]
    Category,
    /// Entries are ranked together, across categories ("tanpa sekat kategori").
    All,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, Hash, PartialOrd, Ord,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Method {
    #[default]
    Mean,
    Median,
    Trimmed,
    Zscore,
}

impl Method {
    pub const ALL: [Method; 4] = [
        Method::Mean,
        Method::Median,
        Method::Trimmed,
        Method::Zscore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Mean => "mean",
            Method::Median => "median",
            Method::Trimmed => "trimmed",
            Method::Zscore => "zscore",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Aggregation {
    #[serde(default)]
    pub method: Method,
    /// For `trimmed`: how many highest and lowest juror totals are dropped.
    #[serde(default = "one")]
    pub trim: u32,
}

fn one() -> u32 {
    1
}

impl Default for Aggregation {
    fn default() -> Self {
        Aggregation {
            method: Method::Mean,
            trim: 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StageDef {
    pub id: String,
    pub name: String,
    pub kind: StageKind,
    #[serde(default)]
    pub scope: Scope,
    /// Screening: checklist items shown for each entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<ChecklistItem>,
    /// Screening: reason codes for failing an entry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
    /// Scoring: the rubric.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<Rubric>,
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Tie-break cascade: `criterion:<id>` (higher aggregate on that criterion) or `stage:<id>`
    /// (higher score in that earlier stage), applied in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tie_break: Vec<String>,
    /// Juror totals of one entry further apart than this (points on 0–100) are flagged.
    #[serde(default = "default_tolerance")]
    pub disagreement_tolerance: Fixed,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance: Option<Advance>,
    /// Final: stage scores combined with weights (adding up to 100).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combine: Vec<Component>,
    /// Final: award tiers, in order of precedence.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
}

/// One step of a tie-break cascade, parsed from its key in the definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieBreak<'a> {
    /// `criterion:<id>`: the higher aggregate on that criterion of this stage's rubric.
    Criterion(&'a str),
    /// `stage:<id>`: the higher score in that earlier stage.
    Stage(&'a str),
}

impl<'a> TieBreak<'a> {
    /// Parses a key; `None` when it is neither form.
    pub fn parse(key: &'a str) -> Option<TieBreak<'a>> {
        match key.split_once(':')? {
            ("criterion", id) => Some(TieBreak::Criterion(id)),
            ("stage", id) => Some(TieBreak::Stage(id)),
            _ => None,
        }
    }
}

fn default_tolerance() -> Fixed {
    Fixed::from_int(15)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: String,
    pub label: String,
    /// Which entries the item is checked for; every entry when not written.
    #[serde(default, skip_serializing_if = "AppliesTo::is_everyone")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<AppliesTo>"))]
    pub applies_to: AppliesTo,
}

impl ChecklistItem {
    /// Whether the item is checked for an entry of `category` that is (or is not) rintisan.
    pub fn applies(&self, category: &str, rintisan: bool) -> bool {
        self.applies_to.covers(category, rintisan)
    }
}

/// The entries a checklist item is checked for: those of the `entries` pool and, when
/// `categories` is written, of one of those categories. An item that does not apply to an entry
/// is printed as n/a for it and is neither met nor unmet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// `all` (the default), `regular` (entries not marked rintisan) or `rintisan`.
    #[serde(default = "all_entries", skip_serializing_if = "is_all")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Pool>"))]
    pub entries: Pool,
    /// Category ids; every category when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<String>>"))]
    pub categories: Vec<String>,
}

fn all_entries() -> Pool {
    Pool::All
}

fn is_all(p: &Pool) -> bool {
    *p == Pool::All
}

impl Default for AppliesTo {
    fn default() -> Self {
        Self::everyone()
    }
}

impl AppliesTo {
    /// Every entry: what an item without `applies_to` means.
    pub fn everyone() -> Self {
        AppliesTo {
            entries: Pool::All,
            categories: Vec::new(),
        }
    }

    pub fn is_everyone(&self) -> bool {
        *self == Self::everyone()
    }

    /// Whether an entry of `category`, rintisan or not, is covered.
    pub fn covers(&self, category: &str, rintisan: bool) -> bool {
        let pool = match self.entries {
            Pool::All => true,
            Pool::Regular => !rintisan,
            Pool::Rintisan => rintisan,
        };
        pool && (self.categories.is_empty() || self.categories.iter().any(|c| c == category))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub code: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub scale: Scale,
    /// How criterion scores become the 0–100 juror total; `of-max` when not written.
    #[serde(default, skip_serializing_if = "Conversion::is_of_max")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Conversion>", optional))]
    pub conversion: Conversion,
    pub criteria: Vec<Criterion>,
}

/// How a rubric's scores are converted to 0–100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Conversion {
    /// score ÷ scale maximum × 100 ("nilai ÷ nilai maksimal × 100"): the lowest score of a scale
    /// that does not start at 0 is worth more than 0.
    #[default]
    OfMax,
    /// (score − minimum) ÷ (maximum − minimum) × 100: the lowest score is worth 0 and the highest
    /// 100, whatever the scale.
    Range,
}

impl Conversion {
    pub const ALL: [Conversion; 2] = [Conversion::OfMax, Conversion::Range];

    pub fn as_str(self) -> &'static str {
        match self {
            Conversion::OfMax => "of-max",
            Conversion::Range => "range",
        }
    }

    pub fn parse(s: &str) -> Option<Conversion> {
        Conversion::ALL.into_iter().find(|c| c.as_str() == s)
    }

    fn is_of_max(&self) -> bool {
        *self == Conversion::OfMax
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Scale {
    pub min: Fixed,
    pub max: Fixed,
    /// Smallest difference between two allowed scores (1, 0.5, 0.1 …).
    pub step: Fixed,
}

impl Scale {
    /// Whether `v` lies on the scale: within bounds and on a step from `min`.
    pub fn admits(&self, v: Fixed) -> bool {
        v >= self.min && v <= self.max && self.step.0 > 0 && (v.0 - self.min.0) % self.step.0 == 0
    }

    pub fn describe(&self) -> String {
        rust_i18n::t!(
            "scale.describe",
            min = self.min,
            max = self.max,
            step = self.step
        )
        .into_owned()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    /// Weight in percent; a rubric's weights add up to 100.
    pub weight: Fixed,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Level descriptors shown beside the score box ("7 = sangat baru …").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// The score, or the lowest score of a band.
    pub score: Fixed,
    /// Upper end of a band (e.g. 81–100), when the level covers a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Fixed>,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Advance {
    /// The best N of each category advance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_per_category: Option<u32>,
    /// The best N overall advance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// Entries scoring at least this (0–100) advance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Fixed>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Component {
    pub stage: String,
    pub weight: Fixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Pool {
    /// Entries not marked as early-stage (rintisan).
    #[default]
    Regular,
    /// Early-stage entries only.
    Rintisan,
    /// Every entry.
    All,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub id: String,
    pub name: String,
    /// Entries ranked 1..=top within the pool receive this award, unless a previous tier took them.
    pub top: u32,
    #[serde(default)]
    pub pool: Pool,
}

impl Definition {
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    pub fn stage(&self, id: &str) -> Option<&StageDef> {
        self.stages.iter().find(|s| s.id == id)
    }

    pub fn stage_index(&self, id: &str) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The stage whose advancing entries form this stage's pool (the one before it).
    pub fn previous_stage(&self, id: &str) -> Option<&StageDef> {
        let i = self.stage_index(id)?;
        i.checked_sub(1).map(|p| &self.stages[p])
    }
}

impl StageDef {
    /// The checklist items that apply to an entry of `category`, rintisan or not.
    pub fn checklist_for(&self, category: &str, rintisan: bool) -> Vec<&ChecklistItem> {
        self.checklist
            .iter()
            .filter(|i| i.applies(category, rintisan))
            .collect()
    }

    /// What is wrong with the items a screening record says are met, for an entry of `category`
    /// (rintisan or not): an item that is not on the checklist, one that does not apply to the
    /// entry, one named twice, or a pass while an item that applies is not met (a failing entry
    /// may meet every item: its reason code says why it fails). A record without items (`met`
    /// is `None`) has nothing wrong here.
    pub fn checklist_problems(
        &self,
        rec: &crate::model::Screening,
        category: &str,
        rintisan: bool,
    ) -> Vec<String> {
        let Some(met) = &rec.met else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, id) in met.iter().enumerate() {
            match self.checklist.iter().find(|i| i.id == *id) {
                None => out.push(
                    rust_i18n::t!(
                        "screening.unknown_item",
                        entry = rec.entry,
                        item = id,
                        known = self
                            .checklist
                            .iter()
                            .map(|i| i.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                    .into_owned(),
                ),
                Some(i) if !i.applies(category, rintisan) => out.push(
                    if rintisan {
                        rust_i18n::t!(
                            "screening.item_not_applicable_rintisan",
                            entry = rec.entry,
                            item = id
                        )
                    } else {
                        rust_i18n::t!(
                            "screening.item_not_applicable",
                            entry = rec.entry,
                            item = id
                        )
                    }
                    .into_owned(),
                ),
                Some(_) if met[..k].contains(id) => out.push(
                    rust_i18n::t!("screening.item_twice", entry = rec.entry, item = id)
                        .into_owned(),
                ),
                Some(_) => {}
            }
        }
        if rec.passed {
            let unmet: Vec<&str> = self
                .checklist_for(category, rintisan)
                .into_iter()
                .filter(|i| !met.contains(&i.id))
                .map(|i| i.id.as_str())
                .collect();
            if !unmet.is_empty() {
                out.push(
                    rust_i18n::t!(
                        "screening.pass_unmet",
                        entry = rec.entry,
                        items = unmet
                            .iter()
                            .map(|u| format!("'{u}'"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                    .into_owned(),
                );
            }
        }
        out
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.rubric.as_ref()?.criteria.iter().find(|c| c.id == id)
    }

    /// The tie-break cascade in order, each key parsed (`None` for a key validation refuses).
    pub fn tie_breaks(&self) -> impl Iterator<Item = Option<TieBreak<'_>>> {
        self.tie_break.iter().map(|key| TieBreak::parse(key))
    }

    pub fn criteria(&self) -> &[Criterion] {
        self.rubric
            .as_ref()
            .map(|r| r.criteria.as_slice())
            .unwrap_or(&[])
    }

    pub fn is_scored_by_jurors(&self) -> bool {
        self.kind == StageKind::Scoring
    }
}
