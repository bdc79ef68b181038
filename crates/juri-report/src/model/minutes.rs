//! Minutes of a stage decision (berita acara) and the list of conflicts of interest.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{EntryInfo, Kop, PanelMember, PanelRole, Witness};
use crate::decimal::Decimal;
use crate::error::Checker;

/// An entry in a decided list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedEntry {
    pub rank: u32,
    /// The rank is shared (a tie decided by the panel, see the recorded decisions).
    #[serde(default)]
    pub tied: bool,
    pub entry: EntryInfo,
    pub score: Decimal,
}

/// A titled list in the decision: an award tier ("Top 10", "Inovasi Rintisan") or the
/// entries advancing from one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultGroup {
    pub title: String,
    pub entries: Vec<RankedEntry>,
}

/// A screening stage's decision: the checklist, then per category every entry with the items
/// it meets, whether it passes and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningResults {
    /// The checklist items, in the definition's order; numbered from 1 in the minutes' tables.
    pub items: Vec<ScreeningItem>,
    pub groups: Vec<ScreeningGroup>,
}

/// A checklist item of a screening stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningItem {
    /// The item's id in the definition (`berkas`), the spreadsheet's column header.
    pub id: String,
    pub label: String,
}

/// A screening stage's results as a spreadsheet exports them: one sheet of every entry with its
/// category, one column per checklist item, the result and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningTable {
    pub competition: String,
    /// The stage's name ("Seleksi Administrasi").
    pub stage: String,
    pub date: NaiveDate,
    pub results: ScreeningResults,
}

/// The entries of one category (or of the whole stage) in a screening decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningGroup {
    pub title: String,
    pub entries: Vec<ScreenedEntry>,
}

/// One entry's screening: one check per checklist item, the result and the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenedEntry {
    pub entry: EntryInfo,
    /// One per item of [`ScreeningResults::items`], in that order.
    pub checks: Vec<ItemCheck>,
    /// `None`: not screened yet (a stage still open).
    pub passed: Option<bool>,
    /// A failing entry's reasons, each "code label".
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// What the screening recorded for one checklist item of one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemCheck {
    Met,
    NotMet,
    /// The item does not apply to the entry (the definition's `applies_to`).
    NotApplicable,
    /// The entry's items were not recorded, only pass or fail.
    NotRecorded,
}

/// What kind of chair decision was recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// A tie that survived the tie-break cascade.
    Tie,
    /// An exception to the rules (e.g. finalising with a missing score).
    Exception,
}

/// A tie or exception decision, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedDecision {
    pub kind: DecisionKind,
    /// Codes of the entries concerned.
    #[serde(default)]
    pub entries: Vec<String>,
    pub decision: String,
    pub reason: String,
}

/// A juror's declared conflict of interest with an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub juror: String,
    pub entry: EntryInfo,
    pub reason: String,
}

impl Recusal {
    pub(crate) fn check(&self, c: &mut Checker, at: &str) {
        c.non_empty(&self.juror, format!("{at}.juror"));
        self.entry.check(c, &format!("{at}.entry"));
        c.non_empty(&self.reason, format!("{at}.reason"));
    }
}

/// Minutes (berita acara) of a stage or of the final.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Minutes {
    /// The organiser's letterhead at the top of the first page.
    #[serde(default)]
    pub kop: Option<Kop>,
    /// Document number, e.g. `003/BA/TP-KYB/XII/2025`.
    pub number: String,
    pub competition: String,
    /// The stage decided, as it reads in a sentence ("Penilaian Proposal", "Final").
    pub stage: String,
    pub date: NaiveDate,
    /// Meeting venue ("Aula Fernandez, Kantor Gubernur NTT").
    pub venue: String,
    /// City on the signature line.
    pub place: String,
    /// Number of the decree (SK) that appointed the panel; when absent a dotted blank is
    /// printed to fill in by hand.
    #[serde(default)]
    pub decree: Option<String>,
    /// Who issued the decree, as it follows "Keputusan" ("Gubernur Nusa Tenggara Timur").
    #[serde(default)]
    pub decree_issuer: Option<String>,
    /// The decree's date; a dotted blank when absent.
    #[serde(default)]
    pub decree_date: Option<NaiveDate>,
    pub panel: Vec<PanelMember>,
    pub results: Vec<ResultGroup>,
    #[serde(default)]
    pub decisions: Vec<RecordedDecision>,
    #[serde(default)]
    pub recusals: Vec<Recusal>,
    /// A screening stage: every entry with its checklist, result and reasons, printed instead
    /// of `results` (which is then empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screening: Option<ScreeningResults>,
    /// Further points decided, printed as numbered paragraphs after the results.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The official who acknowledges the minutes, signing under "Mengetahui," below the panel.
    #[serde(default)]
    pub witness: Option<Witness>,
    /// The minutes of a stage re-opened and decided again (berita acara perubahan): which
    /// correction this is, why, and what changed since the version it corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction: Option<Correction>,
    /// The stage is not finalised yet: the minutes print as a draft ("RANCANGAN"), not for
    /// signature, since the results may still change.
    #[serde(default)]
    pub draft: bool,
}

/// What a correction of a decided stage changed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// 1 for the first correction ("Perubahan ke-1").
    pub number: u32,
    /// Why the stage was re-opened.
    pub reason: String,
    /// The entries whose rank, score or outcome changed, in the order of the new results.
    pub changes: Vec<EntryChange>,
    /// Every correction recorded between the re-opening and this decision, in the order made,
    /// each with its own reason.
    #[serde(default)]
    pub made: Vec<CorrectionMade>,
}

/// One correction recorded while the stage was open again: when, what, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionMade {
    /// When it was recorded, on the clock of the competition's time zone.
    pub at: NaiveDateTime,
    /// The label of that time zone ("WITA"); may be empty.
    #[serde(default)]
    pub time_zone: String,
    pub what: Corrected,
    pub reason: String,
}

/// What a correction changed, with the value before and after where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Corrected {
    /// A score typed from paper; `None` is an empty cell.
    Score {
        juror: String,
        entry: String,
        criterion: String,
        before: Option<Decimal>,
        after: Option<Decimal>,
    },
    /// A decision revoked (its number and what it decided).
    DecisionRevoked { number: i64, decision: DecisionMade },
    /// A decision replaced by a new one.
    DecisionReplaced {
        number: i64,
        decision: DecisionMade,
        new_number: i64,
        new_decision: DecisionMade,
    },
    /// An entry withdrawn from the competition.
    Withdrawn { entry: String },
    /// A withdrawn entry taking part again.
    Restored { entry: String },
    /// An entry's data edited.
    EntryEdited {
        entry: String,
        changes: Vec<FieldChange>,
    },
    /// A juror replaced: `kept` lists the entries whose submitted sheet of the departing juror
    /// still counts, `None` when none of their sheets count.
    JurorReplaced {
        departing: JurorRef,
        replacement: JurorRef,
        kept: Option<Vec<String>>,
    },
    /// The stage re-checked after an earlier stage (its name) was corrected.
    Reviewed { because: String },
}

/// A juror as a correction names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JurorRef {
    pub id: String,
    pub name: String,
}

/// A chair's decision as a correction names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum DecisionMade {
    /// The order of tied entries, best first.
    Tie { entries: Vec<String> },
    /// Finalising without a juror's sheet of an entry.
    Exception { juror: String, entry: String },
    /// Finalising with an entry no counted juror scored.
    Unscored { entry: String },
    /// An entry disqualified.
    Disqualification { entry: String },
}

/// One field of an entry's data, before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: EntryField,
    pub before: String,
    pub after: String,
}

/// A field of an entry's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryField {
    Title,
    Institution,
    Category,
}

/// How one entry's place changed between the corrected version and this one: each field is
/// `(before, after)` when it changed, `None` when it did not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryChange {
    pub entry: String,
    #[serde(default)]
    pub rank: Option<(Option<u32>, Option<u32>)>,
    #[serde(default)]
    pub score: Option<(Option<Decimal>, Option<Decimal>)>,
    #[serde(default)]
    pub outcome: Option<(Outcome, Outcome)>,
}

/// An entry's outcome in a stage, for a correction's list of changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Outcome {
    /// Advances to the next stage (or passes a screening).
    Advances,
    /// Does not advance.
    Stays,
    /// Waits for a decision at the cut.
    Undecided,
    /// Wins this award (its name).
    Award(String),
    /// Not in the stage's results.
    Absent,
}

impl Minutes {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.number, "number");
        c.non_empty(&self.competition, "competition");
        c.non_empty(&self.stage, "stage");
        c.non_empty(&self.venue, "venue");
        c.non_empty(&self.place, "place");
        c.check(
            !self.panel.is_empty(),
            "panel",
            rust_i18n::t!("report.panel_no_member"),
        );
        c.check(
            self.panel.iter().any(|m| m.role == PanelRole::Chair),
            "panel",
            rust_i18n::t!("report.panel_no_chair"),
        );
        for (i, m) in self.panel.iter().enumerate() {
            m.check(c, &format!("panel[{i}]"));
        }
        for (i, g) in self.results.iter().enumerate() {
            c.non_empty(&g.title, format!("results[{i}].title"));
            for (j, e) in g.entries.iter().enumerate() {
                e.entry
                    .check(c, &format!("results[{i}].entries[{j}].entry"));
            }
        }
        if let Some(sc) = &self.screening {
            for (i, g) in sc.groups.iter().enumerate() {
                c.non_empty(&g.title, format!("screening.groups[{i}].title"));
                for (j, e) in g.entries.iter().enumerate() {
                    let at = format!("screening.groups[{i}].entries[{j}]");
                    e.entry.check(c, &format!("{at}.entry"));
                    c.check(
                        e.checks.len() == sc.items.len(),
                        format!("{at}.checks"),
                        rust_i18n::t!("report.one_check_per_item"),
                    );
                }
            }
        }
        for (i, d) in self.decisions.iter().enumerate() {
            c.non_empty(&d.decision, format!("decisions[{i}].decision"));
            c.non_empty(&d.reason, format!("decisions[{i}].reason"));
        }
        for (i, r) in self.recusals.iter().enumerate() {
            r.check(c, &format!("recusals[{i}]"));
        }
        if let Some(kop) = &self.kop {
            kop.check(c, "kop");
        }
        if let Some(w) = &self.witness {
            w.check(c, "witness");
        }
        if let Some(k) = &self.correction {
            c.check(
                k.number >= 1,
                "correction.number",
                rust_i18n::t!("report.correction_number"),
            );
            c.non_empty(&k.reason, "correction.reason");
            for (i, m) in k.made.iter().enumerate() {
                c.non_empty(&m.reason, format!("correction.made[{i}].reason"));
            }
        }
    }
}

/// The list of declared conflicts of interest of a stage (or of the whole competition).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecusalList {
    pub competition: String,
    #[serde(default)]
    pub stage: Option<String>,
    pub place: String,
    pub date: NaiveDate,
    pub recusals: Vec<Recusal>,
    #[serde(default)]
    pub signatory: Option<PanelMember>,
}

impl RecusalList {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.competition, "competition");
        c.non_empty(&self.place, "place");
        for (i, r) in self.recusals.iter().enumerate() {
            r.check(c, &format!("recusals[{i}]"));
        }
        if let Some(s) = &self.signatory {
            s.check(c, "signatory");
        }
    }
}
