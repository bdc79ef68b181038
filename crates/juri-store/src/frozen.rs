//! What the chair's database keeps of a decided fact — a finalised stage's results, a chair's
//! decision — as frozen row types.
//!
//! The core's `StageResults` and `Decision` are also what the desktop's bindings are generated
//! from, so they may change shape with the UI. What is written to disk may not: a stage finalised
//! by one version of Juri must read back the same in every later one. So the rows are these
//! version-1 types, whose JSON shape never changes (it is the shape Juri 0.1 wrote), and the
//! conversions to and from the core's types are the only place the two meet. A new shape is a new
//! version type beside this one, never an edit of it; `tests/frozen.rs` reads a stage finalised by
//! an earlier version from a committed database.

use juri_core::definition::{Method, Scope, StageKind};
use juri_core::model::Decision;
use juri_core::results::{
    Agreement, ComponentScore, Cut, JurorTotal, KendallSummary, RankGroup, RankedEntry,
    StageResults, TieState,
};
use juri_core::{Fixed, Score};
use serde::{Deserialize, Serialize};

use crate::StoreError;

/// A finalised stage's results, as stored (version 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ResultsV1 {
    stage: String,
    stage_name: String,
    kind: KindV1,
    method: MethodV1,
    trim: u32,
    scope: ScopeV1,
    groups: Vec<GroupV1>,
    agreement: AgreementV1,
    excluded_cells: usize,
    unresolved_ties: Vec<Vec<String>>,
    undecided: Vec<String>,
    #[serde(default)]
    provisional: bool,
    #[serde(default)]
    finalized_at: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum KindV1 {
    Screening,
    Scoring,
    Final,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum MethodV1 {
    Mean,
    Median,
    Trimmed,
    Zscore,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ScopeV1 {
    Category,
    All,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct GroupV1 {
    category: Option<String>,
    name: String,
    rows: Vec<RowV1>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RowV1 {
    entry: String,
    title: String,
    institution: String,
    category: String,
    rintisan: bool,
    juror_totals: Vec<JurorTotalV1>,
    missing_jurors: Vec<String>,
    components: Vec<ComponentV1>,
    score: Option<ScoreV1>,
    rank: Option<u32>,
    tie: TieV1,
    advance: Option<CutV1>,
    award: Option<String>,
    award_undecided: bool,
    spread: Option<ScoreV1>,
    disagreement: bool,
    disqualified: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct JurorTotalV1 {
    juror: String,
    total: ScoreV1,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ComponentV1 {
    stage: String,
    /// A number with at most three decimals (an integer when it is whole).
    weight: Fixed,
    score: Option<ScoreV1>,
}

/// An exact score: `exact` is what is read back ("310/7" or "45"); `value` and `display` are
/// written for people reading the row.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ScoreV1 {
    #[serde(default)]
    value: f64,
    #[serde(default)]
    display: String,
    exact: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "state", content = "by")]
enum TieV1 {
    None,
    BrokenBy(String),
    Decided(String),
    Unresolved,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum CutV1 {
    In,
    Out,
    Undecided,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct AgreementV1 {
    alpha: Option<f64>,
    kendall_w: Option<KendallV1>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct KendallV1 {
    w: f64,
    chi_square: f64,
    df: usize,
    p_value: f64,
    raters: usize,
    items: usize,
}

/// A chair's decision, as stored (version 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum DecisionV1 {
    TieOrder {
        stage: String,
        entries: Vec<String>,
        reason: String,
    },
    Exception {
        stage: String,
        juror: String,
        entry: String,
        reason: String,
    },
    Disqualify {
        stage: String,
        entry: String,
        reason: String,
    },
}

/// The kinds of decision added after version 1, as stored: `DecisionV1` keeps the shape Juri 0.1
/// wrote, and a row of a later kind is one of these (version 1 of that kind).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub(crate) enum AddedDecisionV1 {
    Unscored {
        stage: String,
        entry: String,
        reason: String,
    },
}

/// A decision as stored inside another frozen row (a stage snapshot): the row of its kind,
/// written exactly as `decisions.body` is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum AnyDecisionV1 {
    V1(DecisionV1),
    Added(AddedDecisionV1),
}

impl AnyDecisionV1 {
    pub(crate) fn of(decision: &Decision) -> Result<Self, StoreError> {
        match (DecisionV1::of(decision), decision.clone()) {
            (Some(row), _) => Ok(AnyDecisionV1::V1(row)),
            (
                None,
                Decision::Unscored {
                    stage,
                    entry,
                    reason,
                },
            ) => Ok(AnyDecisionV1::Added(AddedDecisionV1::Unscored {
                stage,
                entry,
                reason,
            })),
            (None, d) => Err(StoreError::Damaged(
                rust_i18n::t!("store.no_stored_form", decision = format!("{d:?}")).into_owned(),
            )),
        }
    }
}

impl From<AnyDecisionV1> for Decision {
    fn from(row: AnyDecisionV1) -> Self {
        match row {
            AnyDecisionV1::V1(d) => d.into(),
            AnyDecisionV1::Added(AddedDecisionV1::Unscored {
                stage,
                entry,
                reason,
            }) => Decision::Unscored {
                stage,
                entry,
                reason,
            },
        }
    }
}

/// The stored text of a finalised stage's results.
pub fn results_to_row(results: &StageResults) -> Result<String, StoreError> {
    serde_json::to_string(&ResultsV1::from(results)).map_err(|e| StoreError::Damaged(e.to_string()))
}

/// A finalised stage's results read back from their stored text.
pub fn results_from_row(text: &str) -> Result<StageResults, StoreError> {
    let row: ResultsV1 =
        serde_json::from_str(text).map_err(|e| StoreError::Damaged(e.to_string()))?;
    row.try_into()
}

/// The stored text of a decision.
pub fn decision_to_row(decision: &Decision) -> Result<String, StoreError> {
    let text = match (DecisionV1::of(decision), decision.clone()) {
        (Some(row), _) => serde_json::to_string(&row),
        (
            None,
            Decision::Unscored {
                stage,
                entry,
                reason,
            },
        ) => serde_json::to_string(&AddedDecisionV1::Unscored {
            stage,
            entry,
            reason,
        }),
        (None, d) => {
            return Err(StoreError::Damaged(
                rust_i18n::t!("store.no_stored_form", decision = format!("{d:?}")).into_owned(),
            ))
        }
    };
    text.map_err(|e| StoreError::Damaged(e.to_string()))
}

/// A decision read back from its stored text.
pub fn decision_from_row(text: &str) -> Result<Decision, StoreError> {
    match serde_json::from_str::<DecisionV1>(text) {
        Ok(row) => Ok(row.into()),
        Err(e) => match serde_json::from_str::<AddedDecisionV1>(text) {
            Ok(AddedDecisionV1::Unscored {
                stage,
                entry,
                reason,
            }) => Ok(Decision::Unscored {
                stage,
                entry,
                reason,
            }),
            Err(_) => Err(StoreError::Damaged(e.to_string())),
        },
    }
}

// ── to the stored rows ──────────────────────────────────────────────────────────────────────────

impl From<&StageResults> for ResultsV1 {
    fn from(r: &StageResults) -> Self {
        ResultsV1 {
            stage: r.stage.clone(),
            stage_name: r.stage_name.clone(),
            kind: match r.kind {
                StageKind::Screening => KindV1::Screening,
                StageKind::Scoring => KindV1::Scoring,
                StageKind::Final => KindV1::Final,
            },
            method: match r.method {
                Method::Mean => MethodV1::Mean,
                Method::Median => MethodV1::Median,
                Method::Trimmed => MethodV1::Trimmed,
                Method::Zscore => MethodV1::Zscore,
            },
            trim: r.trim,
            scope: match r.scope {
                Scope::Category => ScopeV1::Category,
                Scope::All => ScopeV1::All,
            },
            groups: r
                .groups
                .iter()
                .map(|g| GroupV1 {
                    category: g.category.clone(),
                    name: g.name.clone(),
                    rows: g.rows.iter().map(RowV1::from).collect(),
                })
                .collect(),
            agreement: AgreementV1 {
                alpha: r.agreement.alpha,
                kendall_w: r.agreement.kendall_w.map(|k| KendallV1 {
                    w: k.w,
                    chi_square: k.chi_square,
                    df: k.df,
                    p_value: k.p_value,
                    raters: k.raters,
                    items: k.items,
                }),
            },
            excluded_cells: r.excluded_cells,
            unresolved_ties: r.unresolved_ties.clone(),
            undecided: r.undecided.clone(),
            provisional: r.provisional,
            finalized_at: r.finalized_at.clone(),
        }
    }
}

impl From<&RankedEntry> for RowV1 {
    fn from(r: &RankedEntry) -> Self {
        RowV1 {
            entry: r.entry.clone(),
            title: r.title.clone(),
            institution: r.institution.clone(),
            category: r.category.clone(),
            rintisan: r.rintisan,
            juror_totals: r
                .juror_totals
                .iter()
                .map(|t| JurorTotalV1 {
                    juror: t.juror.clone(),
                    total: ScoreV1::from(t.total),
                })
                .collect(),
            missing_jurors: r.missing_jurors.clone(),
            components: r
                .components
                .iter()
                .map(|c| ComponentV1 {
                    stage: c.stage.clone(),
                    weight: c.weight,
                    score: c.score.map(ScoreV1::from),
                })
                .collect(),
            score: r.score.map(ScoreV1::from),
            rank: r.rank,
            tie: match &r.tie {
                TieState::None => TieV1::None,
                TieState::BrokenBy(key) => TieV1::BrokenBy(key.clone()),
                TieState::Decided(how) => TieV1::Decided(how.clone()),
                TieState::Unresolved => TieV1::Unresolved,
            },
            advance: r.advance.map(|c| match c {
                Cut::In => CutV1::In,
                Cut::Out => CutV1::Out,
                Cut::Undecided => CutV1::Undecided,
            }),
            award: r.award.clone(),
            award_undecided: r.award_undecided,
            spread: r.spread.map(ScoreV1::from),
            disagreement: r.disagreement,
            disqualified: r.disqualified.clone(),
        }
    }
}

impl From<Score> for ScoreV1 {
    fn from(s: Score) -> Self {
        ScoreV1 {
            value: s.to_f64(),
            display: s.display(2),
            exact: s.exact(),
        }
    }
}

impl DecisionV1 {
    /// The version-1 row of a decision of a kind version 1 knows.
    fn of(d: &Decision) -> Option<Self> {
        match d.clone() {
            Decision::TieOrder {
                stage,
                entries,
                reason,
            } => Some(DecisionV1::TieOrder {
                stage,
                entries,
                reason,
            }),
            Decision::Exception {
                stage,
                juror,
                entry,
                reason,
            } => Some(DecisionV1::Exception {
                stage,
                juror,
                entry,
                reason,
            }),
            Decision::Disqualify {
                stage,
                entry,
                reason,
            } => Some(DecisionV1::Disqualify {
                stage,
                entry,
                reason,
            }),
            Decision::Unscored { .. } => None,
        }
    }
}

// ── back from the stored rows ───────────────────────────────────────────────────────────────────

impl TryFrom<ResultsV1> for StageResults {
    type Error = StoreError;
    fn try_from(r: ResultsV1) -> Result<Self, StoreError> {
        Ok(StageResults {
            stage: r.stage,
            stage_name: r.stage_name,
            kind: match r.kind {
                KindV1::Screening => StageKind::Screening,
                KindV1::Scoring => StageKind::Scoring,
                KindV1::Final => StageKind::Final,
            },
            method: match r.method {
                MethodV1::Mean => Method::Mean,
                MethodV1::Median => Method::Median,
                MethodV1::Trimmed => Method::Trimmed,
                MethodV1::Zscore => Method::Zscore,
            },
            trim: r.trim,
            scope: match r.scope {
                ScopeV1::Category => Scope::Category,
                ScopeV1::All => Scope::All,
            },
            groups: r
                .groups
                .into_iter()
                .map(|g| {
                    Ok(RankGroup {
                        category: g.category,
                        name: g.name,
                        rows: g
                            .rows
                            .into_iter()
                            .map(RankedEntry::try_from)
                            .collect::<Result<_, _>>()?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            agreement: Agreement {
                alpha: r.agreement.alpha,
                kendall_w: r.agreement.kendall_w.map(|k| KendallSummary {
                    w: k.w,
                    chi_square: k.chi_square,
                    df: k.df,
                    p_value: k.p_value,
                    raters: k.raters,
                    items: k.items,
                }),
            },
            excluded_cells: r.excluded_cells,
            unresolved_ties: r.unresolved_ties,
            undecided: r.undecided,
            provisional: r.provisional,
            finalized_at: r.finalized_at,
        })
    }
}

impl TryFrom<RowV1> for RankedEntry {
    type Error = StoreError;
    fn try_from(r: RowV1) -> Result<Self, StoreError> {
        let score = |s: Option<ScoreV1>| s.map(Score::try_from).transpose();
        Ok(RankedEntry {
            entry: r.entry,
            title: r.title,
            institution: r.institution,
            category: r.category,
            rintisan: r.rintisan,
            juror_totals: r
                .juror_totals
                .into_iter()
                .map(|t| {
                    Ok(JurorTotal {
                        juror: t.juror,
                        total: Score::try_from(t.total)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            missing_jurors: r.missing_jurors,
            components: r
                .components
                .into_iter()
                .map(|c| {
                    Ok(ComponentScore {
                        stage: c.stage,
                        weight: c.weight,
                        score: score(c.score)?,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            score: score(r.score)?,
            rank: r.rank,
            tie: match r.tie {
                TieV1::None => TieState::None,
                TieV1::BrokenBy(key) => TieState::BrokenBy(key),
                TieV1::Decided(how) => TieState::Decided(how),
                TieV1::Unresolved => TieState::Unresolved,
            },
            advance: r.advance.map(|c| match c {
                CutV1::In => Cut::In,
                CutV1::Out => Cut::Out,
                CutV1::Undecided => Cut::Undecided,
            }),
            award: r.award,
            award_place: None,
            award_undecided: r.award_undecided,
            spread: score(r.spread)?,
            disagreement: r.disagreement,
            disqualified: r.disqualified,
        })
    }
}

impl TryFrom<ScoreV1> for Score {
    type Error = StoreError;
    fn try_from(s: ScoreV1) -> Result<Self, StoreError> {
        let bad = || {
            StoreError::Damaged(rust_i18n::t!("store.not_exact_score", text = s.exact).into_owned())
        };
        let (num, den) = match s.exact.split_once('/') {
            Some((n, d)) => (
                n.parse::<i128>().map_err(|_| bad())?,
                d.parse::<i128>().map_err(|_| bad())?,
            ),
            None => (s.exact.parse::<i128>().map_err(|_| bad())?, 1),
        };
        if den <= 0 {
            return Err(bad());
        }
        Ok(Score::new(num, den))
    }
}

impl From<DecisionV1> for Decision {
    fn from(d: DecisionV1) -> Self {
        match d {
            DecisionV1::TieOrder {
                stage,
                entries,
                reason,
            } => Decision::TieOrder {
                stage,
                entries,
                reason,
            },
            DecisionV1::Exception {
                stage,
                juror,
                entry,
                reason,
            } => Decision::Exception {
                stage,
                juror,
                entry,
                reason,
            },
            DecisionV1::Disqualify {
                stage,
                entry,
                reason,
            } => Decision::Disqualify {
                stage,
                entry,
                reason,
            },
        }
    }
}
