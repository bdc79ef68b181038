//! View models: plain, serde-serialisable data the documents are drawn from.
//!
//! Everything arrives already computed — totals, ranks, statistics, dates. This crate only
//! checks that the pieces are consistent with each other and lays them out.

mod awards;
mod kop;
mod minutes;
mod recap;
mod scores;
mod sheets;

pub use awards::{Announcement, AwardTier, Certificate, Certificates, DecreeAttachment, Winner};
pub use kop::{Kop, Witness};
pub use minutes::{
    Corrected, Correction, CorrectionMade, DecisionKind, DecisionMade, EntryChange, EntryField,
    FieldChange, ItemCheck, JurorRef, Minutes, Outcome, RankedEntry, RecordedDecision, Recusal,
    RecusalList, ResultGroup, ScreenedEntry, ScreeningGroup, ScreeningItem, ScreeningResults,
    ScreeningTable,
};
pub(crate) use recap::component_weight;
pub use recap::{AggregationMethod, JurorScore, RecapAward, RecapComponent, RecapRow, RecapTable};
pub use scores::{NomineeRecord, ScoreRecord};
pub use sheets::{BlankSheets, ScoreSheet, ScoreSheets, ScoreSource, ScoredCriterion, SheetPhoto};

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::error::Checker;
use crate::i18n::Lang;

/// An innovation entered in the competition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryInfo {
    /// Registration code, e.g. `SKL-014`.
    pub code: String,
    pub title: String,
    /// Proposing institution; `None` under blind review.
    #[serde(default)]
    pub institution: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
}

impl EntryInfo {
    pub(crate) fn check(&self, c: &mut Checker, at: &str) {
        c.non_empty(&self.code, format!("{at}.code"));
        c.non_empty(&self.title, format!("{at}.title"));
    }
}

/// A juror as the recap and sheets name them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Juror {
    /// Short code used as a column header, e.g. `J1`.
    pub code: String,
    pub name: String,
}

/// The closed range of a criterion's scale, e.g. 1–7 or 6.0–10.0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: Decimal,
    pub max: Decimal,
}

impl Scale {
    /// "1–7", "6,0–10,0" (Indonesian) or "6.0–10.0" (English).
    pub fn display(&self, lang: Lang) -> String {
        format!("{}–{}", self.min.display(lang), self.max.display(lang))
    }
}

/// A level descriptor of a criterion: "7 — Sangat inovatif, belum pernah ada …".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    /// The score or score range this level stands for, as printed ("7", "81–100").
    pub value: String,
    pub description: String,
}

/// A rubric criterion as printed on a blank sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub weight: Decimal,
    pub scale: Scale,
    #[serde(default)]
    pub levels: Vec<Level>,
}

/// Role of a panel member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelRole {
    Chair,
    ViceChair,
    Secretary,
    Member,
}

impl PanelRole {
    pub(crate) fn label(self, lang: Lang) -> &'static str {
        let l = lang.labels();
        match self {
            PanelRole::Chair => l.role_chair,
            PanelRole::ViceChair => l.role_vice_chair,
            PanelRole::Secretary => l.role_secretary,
            PanelRole::Member => l.role_member,
        }
    }
}

/// A member of the jury panel, as listed and signing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelMember {
    pub name: String,
    pub role: PanelRole,
    /// Constituency or institution ("Akademisi — Universitas Nusa Cendana").
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Civil-servant number (NIP) printed under the name, when there is one.
    #[serde(default)]
    pub id_number: Option<String>,
}

impl PanelMember {
    pub(crate) fn check(&self, c: &mut Checker, at: &str) {
        c.non_empty(&self.name, format!("{at}.name"));
    }
}
