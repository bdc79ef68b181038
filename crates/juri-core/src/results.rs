//! Stage results: juror totals, aggregates, ranks, ties, advancement, awards, disagreement and
//! agreement statistics, and the completeness of a stage.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

pub use crate::aggregate::Score;
use crate::aggregate::{self, JurorMoments};
use crate::decimal::Fixed;
use crate::definition::{Definition, Method, Pool, Scope, StageDef, StageKind, TieBreak};
use crate::model::{Cell, Decision, Entry, Juror};
use crate::ranking::{self, Candidate};
pub use crate::ranking::{Cut, TieState};
use crate::stats;

/// Everything the core needs to compute one stage. Indexes in `pool` and `cells` refer to
/// `entries` and `jurors`.
pub struct StageInput<'a> {
    pub definition: &'a Definition,
    pub stage: &'a StageDef,
    pub entries: &'a [Entry],
    pub jurors: &'a [Juror],
    /// Entries taking part in this stage.
    pub pool: &'a [u32],
    /// This stage's score cells (any juror, any entry: strays are excluded here).
    pub cells: &'a [Cell],
    /// (entry, juror) pairs the juror has submitted.
    pub submitted: &'a [(u32, u32)],
    pub decisions: &'a [Decision],
    /// Results of earlier stages, for a final's components and `stage:` tie-breaks.
    pub earlier: &'a BTreeMap<String, StageResults>,
    /// Overrides the stage's aggregation method.
    pub method: Option<Method>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JurorTotal {
    pub juror: String,
    pub total: Score,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentScore {
    pub stage: String,
    pub weight: Fixed,
    pub score: Option<Score>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RankedEntry {
    pub entry: String,
    pub title: String,
    pub institution: String,
    pub category: String,
    pub rintisan: bool,
    /// Totals (0–100) of the jurors whose complete sheet counts, in juror order.
    pub juror_totals: Vec<JurorTotal>,
    /// Assigned jurors whose sheet is not complete yet.
    pub missing_jurors: Vec<String>,
    /// Final stage: the combined stage scores.
    pub components: Vec<ComponentScore>,
    pub score: Option<Score>,
    pub rank: Option<u32>,
    pub tie: TieState,
    pub advance: Option<Cut>,
    pub award: Option<String>,
    /// The entry's place within its award's pool (Top 10: 1–10, Top 20 after it: 11–20), never
    /// the overall rank; see [`StageResults::award_places`].
    #[serde(default)]
    pub award_place: Option<u32>,
    /// The entry sits in an unresolved tie at an award boundary.
    pub award_undecided: bool,
    /// Highest minus lowest juror total.
    pub spread: Option<Score>,
    pub disagreement: bool,
    pub disqualified: Option<String>,
}

impl RankedEntry {
    /// The jurors this row names: those whose total counts and those whose sheet was still owed —
    /// the panel of the stage as far as this entry is concerned.
    pub fn jurors(&self) -> impl Iterator<Item = &str> {
        self.juror_totals
            .iter()
            .map(|t| t.juror.as_str())
            .chain(self.missing_jurors.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RankGroup {
    /// `None` for a cross-category ranking.
    pub category: Option<String>,
    pub name: String,
    pub rows: Vec<RankedEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Agreement {
    /// Krippendorff's alpha (interval) over juror totals; tolerates missing ratings.
    pub alpha: Option<f64>,
    pub kendall_w: Option<KendallSummary>,
}

/// Kendall's coefficient of concordance over the largest complete block of jurors and entries.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KendallSummary {
    pub w: f64,
    pub chi_square: f64,
    pub df: usize,
    pub p_value: f64,
    pub raters: usize,
    pub items: usize,
}

impl From<stats::KendallW> for KendallSummary {
    fn from(k: stats::KendallW) -> Self {
        KendallSummary {
            w: k.w,
            chi_square: k.chi_square,
            df: k.df,
            p_value: k.p_value,
            raters: k.raters,
            items: k.items,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageResults {
    pub stage: String,
    pub stage_name: String,
    pub kind: StageKind,
    pub method: Method,
    /// Trim actually applied (may be smaller than configured when few jurors scored).
    pub trim: u32,
    pub scope: Scope,
    pub groups: Vec<RankGroup>,
    pub agreement: Agreement,
    /// Cells kept for audit but not counted (recused pair, removed juror, entry not in the pool or
    /// withdrawn, juror not assigned).
    pub excluded_cells: usize,
    /// Groups of entry codes tied after the cascade that need a chair decision.
    pub unresolved_ties: Vec<Vec<String>>,
    /// Entries at an advancement or award boundary that an unresolved tie leaves undecided.
    pub undecided: Vec<String>,
    /// The pool comes from a previous stage that is not finalised yet: these results are a preview.
    #[serde(default)]
    pub provisional: bool,
    /// When the stage was finalised; its results are then frozen.
    #[serde(default)]
    pub finalized_at: Option<String>,
}

impl StageResults {
    pub fn rows(&self) -> impl Iterator<Item = &RankedEntry> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }

    pub fn row(&self, entry: &str) -> Option<&RankedEntry> {
        self.rows().find(|r| r.entry == entry)
    }

    /// Codes of the entries that advance to the next stage, in rank order per group.
    pub fn advancing(&self) -> Vec<String> {
        self.rows()
            .filter(|r| r.advance == Some(Cut::In))
            .map(|r| r.entry.clone())
            .collect()
    }
}

/// Tie-break values of one entry, in cascade order.
type TieKeys = Vec<Option<Score>>;

/// Computes a scoring or final stage's results.
pub fn compute(input: &StageInput<'_>) -> StageResults {
    let stage = input.stage;
    let method = input.method.unwrap_or(stage.aggregation.method);
    let disq = disqualified(input);
    let mut rows: Vec<RankedEntry> = input
        .pool
        .iter()
        .map(|&e| blank_row(&input.entries[e as usize], &disq))
        .collect();
    let mut tie_keys: Vec<Vec<Option<Score>>> = vec![Vec::new(); rows.len()];
    let mut excluded = 0;
    let mut trim_applied = 0;
    let mut ratings: Vec<Vec<(u32, f64)>> = Vec::new();

    match stage.kind {
        StageKind::Scoring => {
            let s = score_jurors(input, method, &mut rows, &mut tie_keys);
            excluded = s.excluded;
            trim_applied = s.trim;
            ratings = s.ratings;
        }
        StageKind::Final => combine(input, &mut rows, &mut tie_keys),
        StageKind::Screening => {}
    }
    // `stage:` tie-break keys come from earlier stages' results.
    for (k, key) in stage.tie_breaks().enumerate() {
        if let Some(TieBreak::Stage(st)) = key {
            let earlier = input.earlier.get(st);
            for (i, row) in rows.iter().enumerate() {
                let v = earlier
                    .and_then(|r| r.row(&row.entry))
                    .and_then(|r| r.score);
                let at = k.min(tie_keys[i].len());
                tie_keys[i].insert(at, v);
            }
        }
    }

    let mut results = StageResults {
        stage: stage.id.clone(),
        stage_name: stage.name.clone(),
        kind: stage.kind,
        method,
        trim: trim_applied,
        scope: stage.scope,
        groups: Vec::new(),
        agreement: Agreement {
            alpha: alpha(&ratings),
            kendall_w: kendall(&ratings),
        },
        excluded_cells: excluded,
        unresolved_ties: Vec::new(),
        undecided: Vec::new(),
        provisional: false,
        finalized_at: None,
    };
    place(input, &mut results, rows, tie_keys);
    results
}

/// Krippendorff's alpha needs only each entry's values: rater identity does not enter the
/// interval metric, so units are passed compactly.
fn alpha(ratings: &[Vec<(u32, f64)>]) -> Option<f64> {
    let units: Vec<Vec<Option<f64>>> = ratings
        .iter()
        .map(|u| u.iter().map(|&(_, v)| Some(v)).collect())
        .collect();
    stats::krippendorff_alpha(&units, stats::Level::Interval)
}

/// Largest dense jurors × entries matrix handed to Kendall's W (beyond it, W is not reported).
const KENDALL_MAX_CELLS: usize = 4_000_000;

/// Kendall's W on the largest complete block of jurors × entries, over the jurors who rated any
/// entry (columns compressed to them).
fn kendall(ratings: &[Vec<(u32, f64)>]) -> Option<KendallSummary> {
    let mut cols: BTreeMap<u32, usize> = BTreeMap::new();
    for u in ratings {
        for &(j, _) in u {
            cols.insert(j, 0);
        }
    }
    for (i, c) in cols.values_mut().enumerate() {
        *c = i;
    }
    if cols.len() * ratings.len() > KENDALL_MAX_CELLS {
        return None;
    }
    let units: Vec<Vec<Option<f64>>> = ratings
        .iter()
        .map(|u| {
            let mut row = vec![None; cols.len()];
            for &(j, v) in u {
                row[cols[&j]] = Some(v);
            }
            row
        })
        .collect();
    stats::kendall_w_incomplete(&units).map(KendallSummary::from)
}

/// The entries disqualified in this stage or an earlier one, with the reason.
pub(crate) fn disqualified<'a>(input: &StageInput<'a>) -> HashMap<&'a str, &'a str> {
    input
        .decisions
        .iter()
        .filter_map(|d| match d {
            Decision::Disqualify {
                stage: s,
                entry,
                reason,
            } if is_same_or_earlier(input.definition, s, &input.stage.id) => {
                Some((entry.as_str(), reason.as_str()))
            }
            _ => None,
        })
        .collect()
}

fn is_same_or_earlier(def: &Definition, decided_in: &str, stage: &str) -> bool {
    match (def.stage_index(decided_in), def.stage_index(stage)) {
        (Some(a), Some(b)) => a <= b,
        _ => false,
    }
}

fn blank_row(e: &Entry, disq: &HashMap<&str, &str>) -> RankedEntry {
    RankedEntry {
        disqualified: disq.get(e.code.as_str()).map(|r| r.to_string()),
        ..unranked(e)
    }
}

/// An entry's row before anything is known of it: no scores, no rank, no cut.
pub(crate) fn unranked(e: &Entry) -> RankedEntry {
    RankedEntry {
        entry: e.code.clone(),
        title: e.title.clone(),
        institution: e.institution.clone(),
        category: e.category.clone(),
        rintisan: e.rintisan,
        juror_totals: Vec::new(),
        missing_jurors: Vec::new(),
        components: Vec::new(),
        score: None,
        rank: None,
        tie: TieState::None,
        advance: None,
        award: None,
        award_place: None,
        award_undecided: false,
        spread: None,
        disagreement: false,
        disqualified: None,
    }
}

struct Scored {
    excluded: usize,
    trim: u32,
    /// Per ranked (not disqualified) entry: (juror index, total) of the counted jurors.
    ratings: Vec<Vec<(u32, f64)>>,
}

/// Assigned (entry, juror) pairs of the stage, grouped by pool position, jurors ascending.
pub(crate) fn assigned_pairs(input: &StageInput<'_>) -> Vec<Vec<u32>> {
    let stage = &input.stage.id;
    let mut by_pos: Vec<Vec<u32>> = vec![Vec::new(); input.pool.len()];
    let mut by_cat: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_code: HashMap<&str, usize> = HashMap::new();
    for (pos, &e) in input.pool.iter().enumerate() {
        let entry = &input.entries[e as usize];
        if entry.withdrawn {
            continue;
        }
        by_cat.entry(entry.category.as_str()).or_default().push(pos);
        by_code.insert(entry.code.as_str(), pos);
    }
    for (j, juror) in input.jurors.iter().enumerate() {
        if !juror.active {
            continue;
        }
        let positions: Vec<usize> = match juror.assignments.get(stage) {
            None => continue,
            Some(crate::model::Assignment::All) => by_cat.values().flatten().copied().collect(),
            Some(crate::model::Assignment::Categories(cs)) => cs
                .iter()
                .filter_map(|c| by_cat.get(c.as_str()))
                .flatten()
                .copied()
                .collect(),
            Some(crate::model::Assignment::Entries(es)) => es
                .iter()
                .filter_map(|c| by_code.get(c.as_str()).copied())
                .collect(),
        };
        for pos in positions {
            let entry = &input.entries[input.pool[pos] as usize];
            if juror.recusal(entry).is_none() {
                by_pos[pos].push(j as u32);
            }
        }
    }
    for v in &mut by_pos {
        v.sort_unstable();
        v.dedup();
    }
    by_pos
}

fn score_jurors(
    input: &StageInput<'_>,
    method: Method,
    rows: &mut [RankedEntry],
    tie_keys: &mut [Vec<Option<Score>>],
) -> Scored {
    let stage = input.stage;
    let criteria = stage.criteria();
    let nc = criteria.len();
    let weighting = crate::sheet::Weighting::of(stage);
    // Every juror total of the stage is a numerator over this one denominator.
    let den = weighting.denominator();

    let mut pos_of = vec![u32::MAX; input.entries.len()];
    for (pos, &e) in input.pool.iter().enumerate() {
        pos_of[e as usize] = pos as u32;
    }
    // Assigned pairs, flat: pairs of pool position `pos` are `start[pos]..start[pos + 1]`, and
    // their criterion values `values[pair * nc..(pair + 1) * nc]` (EMPTY while not scored).
    const EMPTY: i64 = i64::MIN;
    let jurors_of = assigned_pairs(input);
    let mut start = Vec::with_capacity(jurors_of.len() + 1);
    let mut pair_juror: Vec<u32> = Vec::new();
    for js in &jurors_of {
        start.push(pair_juror.len());
        pair_juror.extend_from_slice(js);
    }
    start.push(pair_juror.len());
    drop(jurors_of);
    let mut values = vec![EMPTY; pair_juror.len() * nc];
    let mut excluded = 0;
    for c in input.cells {
        let pos = pos_of.get(c.entry as usize).copied().unwrap_or(u32::MAX) as usize;
        let slot = if pos == u32::MAX as usize
            || rows[pos].disqualified.is_some()
            || (c.criterion as usize) >= nc
        {
            None
        } else {
            (start[pos]..start[pos + 1]).find(|&p| pair_juror[p] == c.juror)
        };
        match slot {
            Some(p) => values[p * nc + c.criterion as usize] = c.value.raw(),
            None => excluded += 1,
        }
    }
    let complete = |p: usize| values[p * nc..(p + 1) * nc].iter().all(|&v| v != EMPTY);

    // Juror totals (numerators over `den`).
    let mut total_of = vec![0_i128; pair_juror.len()];
    let mut moments = vec![JurorMoments::default(); input.jurors.len()];
    for p in 0..pair_juror.len() {
        if complete(p) {
            let num = weighting.numerator(values[p * nc..(p + 1) * nc].iter().map(|&v| Some(v)));
            total_of[p] = num;
            moments[pair_juror[p] as usize].add(num);
        }
    }

    let mut trim_applied = 0;
    let tol = Score::new(i128::from(stage.disagreement_tolerance.raw()), 1000);
    let mut ratings = Vec::with_capacity(rows.len());
    let mut nums: Vec<i128> = Vec::new();
    for (pos, row) in rows.iter_mut().enumerate() {
        nums.clear();
        let mut unit = Vec::new();
        for p in start[pos]..start[pos + 1] {
            let juror = &input.jurors[pair_juror[p] as usize].id;
            if complete(p) {
                nums.push(total_of[p]);
                row.juror_totals.push(JurorTotal {
                    juror: juror.clone(),
                    total: Score::new(total_of[p], den),
                });
                unit.push((pair_juror[p], total_of[p] as f64 / den as f64));
            } else if row.disqualified.is_none() {
                // A disqualified entry waits for nobody.
                row.missing_jurors.push(juror.clone());
            }
        }
        if row.disqualified.is_some() {
            continue;
        }
        ratings.push(unit);
        if let (Some(lo), Some(hi)) = (nums.iter().min(), nums.iter().max()) {
            let spread = Score::new(hi - lo, den);
            row.spread = Some(spread);
            row.disagreement = spread > tol;
        }
        row.score = match method {
            Method::Mean => aggregate::mean(&nums, den),
            Method::Median => aggregate::median(&nums, den),
            Method::Trimmed => {
                aggregate::trimmed(&nums, den, stage.aggregation.trim).map(|(s, k)| {
                    trim_applied = trim_applied.max(k);
                    s
                })
            }
            Method::Zscore => {
                let zs: Vec<f64> = (start[pos]..start[pos + 1])
                    .filter(|&p| complete(p))
                    .map(|p| moments[pair_juror[p] as usize].z(total_of[p]))
                    .collect();
                aggregate::zscore_aggregate(&zs)
            }
        };
    }
    // Per-criterion means over the counted jurors, for `criterion:` tie-breaks.
    for (k, key) in stage.tie_breaks().enumerate() {
        let Some(TieBreak::Criterion(cid)) = key else {
            continue;
        };
        let Some(ci) = criteria.iter().position(|c| c.id == cid) else {
            continue;
        };
        for pos in 0..rows.len() {
            let (mut sum, mut n) = (0_i128, 0_i128);
            for p in (start[pos]..start[pos + 1]).filter(|&p| complete(p)) {
                sum += i128::from(values[p * nc + ci]);
                n += 1;
            }
            let v = (n > 0).then(|| Score::new(sum, 1000 * n));
            let at = k.min(tie_keys[pos].len());
            tie_keys[pos].insert(at, v);
        }
    }
    Scored {
        excluded,
        trim: trim_applied,
        ratings,
    }
}

fn combine(input: &StageInput<'_>, rows: &mut [RankedEntry], _tie_keys: &mut [Vec<Option<Score>>]) {
    let stage = input.stage;
    for row in rows.iter_mut() {
        let mut total = Score::zero();
        let mut complete = true;
        for c in &stage.combine {
            let s = input
                .earlier
                .get(&c.stage)
                .and_then(|r| r.row(&row.entry))
                .and_then(|r| r.score);
            row.components.push(ComponentScore {
                stage: c.stage.clone(),
                weight: c.weight,
                score: s,
            });
            match s {
                Some(s) => total = Score(total.0 + crate::sheet::stage_share(s, c.weight).0),
                None => complete = false,
            }
        }
        if complete && row.disqualified.is_none() {
            row.score = Some(total);
        }
    }
}

fn place(
    input: &StageInput<'_>,
    results: &mut StageResults,
    rows: Vec<RankedEntry>,
    tie_keys: Vec<Vec<Option<Score>>>,
) {
    let stage = input.stage;
    let def = input.definition;
    let mut buckets: BTreeMap<usize, Vec<(RankedEntry, TieKeys)>> = BTreeMap::new();
    let cat_index = |c: &str| {
        def.categories
            .iter()
            .position(|x| x.id == c)
            .unwrap_or(usize::MAX)
    };
    for (row, keys) in rows.into_iter().zip(tie_keys) {
        let b = if stage.scope == Scope::All {
            0
        } else {
            cat_index(&row.category)
        };
        buckets.entry(b).or_default().push((row, keys));
    }
    let key_names: Vec<String> = stage
        .tie_break
        .iter()
        .map(|k| k.split_once(':').map(|x| x.1).unwrap_or(k).to_string())
        .collect();
    let top_overall = stage.advance.as_ref().and_then(|a| a.top);
    for (b, members) in buckets {
        let (category, name) = if stage.scope == Scope::All {
            (None, String::new())
        } else {
            let c = def.categories.get(b);
            (
                c.map(|c| c.id.clone()),
                c.map(|c| c.name.clone()).unwrap_or_default(),
            )
        };
        let (rows, keys): (Vec<RankedEntry>, Vec<Vec<Option<Score>>>) = members.into_iter().unzip();
        let rankable: Vec<usize> = (0..rows.len())
            .filter(|&i| rows[i].score.is_some() && rows[i].disqualified.is_none())
            .collect();
        let cands: Vec<Candidate<'_>> = rankable
            .iter()
            .map(|&i| Candidate {
                code: rows[i].entry.as_str(),
                score: rows[i].score.unwrap_or_else(Score::zero),
                keys: keys[i].clone(),
            })
            .collect();
        let placed = ranking::rank(&cands, &key_names, &stage.id, input.decisions);
        drop(cands);
        let mut slots: Vec<Option<RankedEntry>> = rows.into_iter().map(Some).collect();
        let mut ordered: Vec<RankedEntry> = Vec::with_capacity(slots.len());
        let mut shared_of: Vec<u32> = Vec::new();
        let mut tie_group: Vec<String> = Vec::new();
        let mut last_rank = 0;
        for p in &placed {
            let Some(mut row) = slots[rankable[p.index]].take() else {
                continue;
            };
            row.rank = Some(p.rank);
            row.tie = p.tie.clone();
            if p.tie == TieState::Unresolved {
                if p.rank != last_rank && tie_group.len() > 1 {
                    results.unresolved_ties.push(std::mem::take(&mut tie_group));
                }
                if p.rank != last_rank {
                    tie_group.clear();
                }
                tie_group.push(row.entry.clone());
            } else if tie_group.len() > 1 {
                results.unresolved_ties.push(std::mem::take(&mut tie_group));
            } else {
                tie_group.clear();
            }
            last_rank = p.rank;
            shared_of.push(p.shared);
            ordered.push(row);
        }
        if tie_group.len() > 1 {
            results.unresolved_ties.push(tie_group);
        }
        // Unranked (incomplete or disqualified) entries follow, by code.
        let mut rows: Vec<RankedEntry> = slots.into_iter().flatten().collect();
        rows.sort_by(|a, b| a.entry.cmp(&b.entry));
        let ranked = ordered.len();
        ordered.extend(rows);
        if let Some(adv) = &stage.advance {
            for (i, row) in ordered.iter_mut().enumerate() {
                row.advance = Some(if i >= ranked {
                    Cut::Out
                } else if let Some(n) = adv
                    .top_per_category
                    .filter(|_| stage.scope == Scope::Category)
                {
                    ranking::cut(row.rank.unwrap_or(u32::MAX), shared_of[i], n)
                } else if let Some(t) = adv.threshold {
                    if row
                        .score
                        .is_some_and(|s| s >= Score::new(i128::from(t.raw()), 1000))
                    {
                        Cut::In
                    } else {
                        Cut::Out
                    }
                } else {
                    Cut::In // decided below for `top` and per-category within a cross-category ranking
                });
            }
        } else if stage.kind == StageKind::Scoring {
            for (i, row) in ordered.iter_mut().enumerate() {
                row.advance = Some(if i < ranked { Cut::In } else { Cut::Out });
            }
        }
        results.groups.push(RankGroup {
            category,
            name,
            rows: ordered,
        });
    }
    if let Some(n) = top_overall {
        apply_cut_overall(results, n, |_| true, |row, c| row.advance = Some(c));
    }
    if let Some(n) = stage
        .advance
        .as_ref()
        .and_then(|a| a.top_per_category)
        .filter(|_| stage.scope == Scope::All)
    {
        for cat in &def.categories {
            apply_cut_overall(
                results,
                n,
                |r| r.category == cat.id,
                |row, c| row.advance = Some(c),
            );
        }
    }
    for award in &stage.awards {
        // Positions count every entry of the pool, so Top 20 holds ranks 11–20 after Top 10.
        apply_cut_overall(results, award.top, in_pool(award.pool), |row, c| match c {
            Cut::In if row.award.is_none() && !row.award_undecided => {
                row.award = Some(award.id.clone())
            }
            Cut::Undecided if row.award.is_none() => row.award_undecided = true,
            _ => {}
        });
    }
    results.number_awards(stage);
    results.undecided = results
        .rows()
        .filter(|r| r.advance == Some(Cut::Undecided) || r.award_undecided)
        .map(|r| r.entry.clone())
        .collect();
}

/// The ranked rows matching `filter`, in rank order across all groups, each with its position
/// within the filtered set and how many share it (entries in an unresolved tie share a position).
fn positions_within(
    results: &StageResults,
    filter: impl Fn(&RankedEntry) -> bool,
) -> Vec<((usize, usize), u32, u32)> {
    let mut refs: Vec<(usize, usize)> = Vec::new();
    for (g, group) in results.groups.iter().enumerate() {
        for (i, r) in group.rows.iter().enumerate() {
            if r.rank.is_some() && filter(r) {
                refs.push((g, i));
            }
        }
    }
    let key = |gi: &(usize, usize)| {
        let r = &results.groups[gi.0].rows[gi.1];
        (std::cmp::Reverse(r.score), r.rank, r.entry.clone())
    };
    refs.sort_by_key(key);
    let mut out = Vec::with_capacity(refs.len());
    let mut i = 0;
    while i < refs.len() {
        let a = &results.groups[refs[i].0].rows[refs[i].1];
        let mut j = i + 1;
        while j < refs.len() {
            let b = &results.groups[refs[j].0].rows[refs[j].1];
            let tied = a.tie == TieState::Unresolved
                && b.tie == TieState::Unresolved
                && a.score == b.score
                && a.rank == b.rank;
            if !tied {
                break;
            }
            j += 1;
        }
        for r in &refs[i..j] {
            out.push((*r, i as u32 + 1, (j - i) as u32));
        }
        i = j;
    }
    out
}

/// Applies a capacity to the ranked rows matching `filter`, in rank order across all groups,
/// with ranks recomputed within the filtered set (ties share a rank).
fn apply_cut_overall(
    results: &mut StageResults,
    capacity: u32,
    filter: impl Fn(&RankedEntry) -> bool,
    mut set: impl FnMut(&mut RankedEntry, Cut),
) {
    let updates = positions_within(results, filter);
    for ((g, i), position, shared) in updates {
        set(
            &mut results.groups[g].rows[i],
            ranking::cut(position, shared, capacity),
        );
    }
}

fn in_pool(pool: Pool) -> impl Fn(&RankedEntry) -> bool {
    move |r: &RankedEntry| match pool {
        Pool::All => true,
        Pool::Regular => !r.rintisan,
        Pool::Rintisan => r.rintisan,
    }
}

impl StageResults {
    /// Each awarded entry's place within its award's pool: Top 10 is numbered 1–10, Top 20 (after
    /// Top 10, same pool) 11–20, a rintisan award 1–3 — never the overall rank, which counts
    /// entries of other pools too. Entries in an unresolved tie share a place.
    pub fn award_places(&self, stage: &StageDef) -> BTreeMap<String, u32> {
        let mut places = BTreeMap::new();
        for award in &stage.awards {
            for ((g, i), position, _) in positions_within(self, in_pool(award.pool)) {
                let row = &self.groups[g].rows[i];
                if row.award.as_deref() == Some(award.id.as_str()) {
                    places.insert(row.entry.clone(), position);
                }
            }
        }
        places
    }

    /// Sets each awarded row's [`RankedEntry::award_place`] (results read back from storage carry
    /// none: it is derived, not recorded).
    pub fn number_awards(&mut self, stage: &StageDef) {
        let places = self.award_places(stage);
        for group in &mut self.groups {
            for row in &mut group.rows {
                row.award_place = places.get(&row.entry).copied();
            }
        }
    }
}
