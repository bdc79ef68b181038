//! Inter-rater agreement statistics reported per stage: Krippendorff's alpha and Kendall's W.
//!
//! Scores arrive as a matrix of *units* (entries), each with one slot per *rater* (juror);
//! `None` is a missing rating (the juror was not assigned, or did not submit). Non-finite values
//! (NaN, ±∞) are treated as missing wherever a slot is `Option<f64>`.
//!
//! These are reported statistics, not ranks, so they are computed in `f64`. Every function is
//! pure and deterministic: iteration follows the order of the input, and no result depends on
//! hash-map order.
//!
//! References:
//! - K. Krippendorff (2011), *Computing Krippendorff's Alpha-Reliability*, Annenberg School for
//!   Communication, University of Pennsylvania; K. Krippendorff (2019), *Content Analysis*, 4th ed.
//! - S. Siegel & N. J. Castellan (1988), *Nonparametric Statistics for the Behavioral Sciences*,
//!   2nd ed., §9.4 (Kendall coefficient of concordance, with the correction for ties).
//! - W. H. Press et al. (2007), *Numerical Recipes*, 3rd ed., §6.2 (incomplete gamma function).

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet};

/// Level of measurement for Krippendorff's alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Squared difference of the values: `δ²(c, k) = (c − k)²`. The level Juri reports.
    Interval,
    /// Krippendorff's ordinal metric, `δ²(c, k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²`, where `n_g`
    /// counts the pairable values equal to `g`.
    Ordinal,
}

/// Krippendorff's alpha, `α = 1 − D_o / D_e`, for units (entries) rated by raters with missing
/// ratings.
///
/// `units[u][r]` is rater `r`'s rating of unit `u`; rows may differ in length (absent slots are
/// missing). A unit with `m_u ≥ 2` ratings is *pairable*; units with fewer ratings are ignored.
/// With `n = Σ m_u` pairable values, the coincidence matrix is
/// `o_ck = Σ_u (number of ordered pairs (c, k) of ratings by different raters in u) / (m_u − 1)`,
/// with marginals `n_c`, and
///
/// ```text
/// α = 1 − (n − 1) · Σ_{c,k} o_ck δ²(c,k) / Σ_{c,k} n_c n_k δ²(c,k).
/// ```
///
/// For the interval metric the double sums have closed forms in sums of squares, so no `V × V`
/// matrix over distinct values is built: with `SS_u` the squared deviations from the mean within
/// unit `u` and `SS` those of all `n` pairable values from their mean,
///
/// ```text
/// α_interval = 1 − (n − 1) / n · Σ_u (m_u · SS_u / (m_u − 1)) / SS.
/// ```
///
/// The ordinal metric equals the interval metric applied to each value's mid-rank among the `n`
/// pairable values (`Σ_{g<c} n_g + n_c / 2`), so ordinal alpha is interval alpha on mid-ranks.
/// Cost: `O(n)` for interval, `O(n log n)` for ordinal.
///
/// Returns `None` when alpha is undefined: no pairable unit, or all pairable values equal (zero
/// expected disagreement). Alpha is 1 for perfect agreement, 0 for agreement at chance level,
/// and negative for systematic disagreement.
pub fn krippendorff_alpha(units: &[Vec<Option<f64>>], level: Level) -> Option<f64> {
    // Pairable values, flattened, with the end offset of each pairable unit.
    let mut values = Vec::new();
    let mut ends = Vec::new();
    for unit in units {
        let start = values.len();
        values.extend(unit.iter().filter_map(|v| finite(*v)));
        match values.len() - start {
            0 => {}
            1 => {
                values.pop();
            }
            _ => ends.push(values.len()),
        }
    }
    if values.is_empty() {
        return None;
    }
    if level == Level::Ordinal {
        values = mid_ranks(&values);
    }
    interval_alpha(&values, &ends)
}

fn finite(value: Option<f64>) -> Option<f64> {
    // `+ 0.0` turns −0.0 into +0.0, so that equal values compare equal under `total_cmp`.
    value.filter(|v| v.is_finite()).map(|v| v + 0.0)
}

/// Interval alpha over flattened pairable units (`ends` are exclusive end offsets).
fn interval_alpha(values: &[f64], ends: &[usize]) -> Option<f64> {
    if all_equal(values) {
        return None;
    }
    let n = values.len() as f64;
    let total_ss = squared_deviations(values);
    let mut observed = Sum::default();
    let mut start = 0;
    for &end in ends {
        let unit = &values[start..end];
        if !all_equal(unit) {
            let m = unit.len() as f64;
            observed.add(m * squared_deviations(unit) / (m - 1.0));
        }
        start = end;
    }
    Some(1.0 - (n - 1.0) / n * observed.value() / total_ss)
}

fn all_equal(values: &[f64]) -> bool {
    values.windows(2).all(|pair| pair[0] == pair[1])
}

/// `Σ (x − mean)²`, two-pass with compensated sums.
fn squared_deviations(values: &[f64]) -> f64 {
    let mut sum = Sum::default();
    values.iter().for_each(|&v| sum.add(v));
    let mean = sum.value() / values.len() as f64;
    let mut squares = Sum::default();
    values
        .iter()
        .for_each(|&v| squares.add((v - mean) * (v - mean)));
    squares.value()
}

/// Each value replaced by its mid-rank `Σ_{g<c} n_g + n_c / 2` among all values.
fn mid_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let tie = order[start..]
            .iter()
            .take_while(|&&i| values[i] == values[order[start]])
            .count();
        let rank = start as f64 + tie as f64 / 2.0;
        order[start..start + tie]
            .iter()
            .for_each(|&i| ranks[i] = rank);
        start += tie;
    }
    ranks
}

/// Neumaier's compensated summation, so that long sums do not drift with input size.
#[derive(Default)]
struct Sum {
    sum: f64,
    compensation: f64,
}

impl Sum {
    fn add(&mut self, x: f64) {
        let t = self.sum + x;
        self.compensation += if self.sum.abs() >= x.abs() {
            (self.sum - t) + x
        } else {
            (x - t) + self.sum
        };
        self.sum = t;
    }

    fn value(&self) -> f64 {
        self.sum + self.compensation
    }
}

/// Kendall's coefficient of concordance with its chi-square test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KendallW {
    /// Tie-corrected W in `[0, 1]`: 1 when all raters order the items identically.
    pub w: f64,
    /// `m (n − 1) W`, the Friedman statistic corrected for ties.
    pub chi_square: f64,
    /// Degrees of freedom, `n − 1`.
    pub df: usize,
    /// `P(χ²_df ≥ chi_square)`, the chance of this much concordance among independent raters
    /// (large-sample approximation).
    pub p_value: f64,
    /// Number of raters `m`.
    pub raters: usize,
    /// Number of items `n`.
    pub items: usize,
}

/// Kendall's W for a complete matrix: `ratings[r][i]` is rater `r`'s score of item `i`
/// (`m` raters × `n` items; note the orientation is the transpose of the `units` arguments).
///
/// Each rater's scores are ranked 1..n, tied scores sharing their average rank. With rank sums
/// `R_i`, `S = Σ_i (R_i − m(n + 1)/2)²` and, per rater, `T_r = Σ (t³ − t)` over its groups of
/// `t` tied scores,
///
/// ```text
/// W = 12 S / (m² (n³ − n) − m Σ_r T_r),    χ² = m (n − 1) W,    df = n − 1,
/// ```
///
/// and the p-value is the chi-square survival function (see [`chi_square_sf`]). `S` and the
/// denominator are computed exactly in integers (ranks are halves of integers).
///
/// Returns `None` with fewer than 2 raters or 2 items, rows of unequal length, a non-finite
/// score, or when W is undefined because every rater tied every item.
pub fn kendall_w(ratings: &[Vec<f64>]) -> Option<KendallW> {
    let m = ratings.len();
    let n = ratings.first().map_or(0, Vec::len);
    if m < 2 || n < 2 {
        return None;
    }
    if ratings
        .iter()
        .any(|row| row.len() != n || row.iter().any(|v| !v.is_finite()))
    {
        return None;
    }
    // Twice the rank sums, and the tie term Σ_r T_r, all in integers.
    let mut doubled_rank_sums = vec![0_i128; n];
    let mut ties: i128 = 0;
    for row in ratings {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| (row[a] + 0.0).total_cmp(&(row[b] + 0.0)));
        let mut start = 0;
        while start < n {
            let tie = order[start..]
                .iter()
                .take_while(|&&i| row[i] == row[order[start]])
                .count();
            // Positions start..start+tie (0-based) share rank start + (tie + 1) / 2.
            let doubled_rank = (2 * start + tie + 1) as i128;
            order[start..start + tie]
                .iter()
                .for_each(|&i| doubled_rank_sums[i] += doubled_rank);
            let t = tie as i128;
            ties += t * t * t - t;
            start += tie;
        }
    }
    let (m_int, n_int) = (m as i128, n as i128);
    let doubled_mean = m_int * (n_int + 1);
    let four_s: i128 = doubled_rank_sums
        .iter()
        .map(|&r| (r - doubled_mean) * (r - doubled_mean))
        .sum();
    let denominator = m_int * m_int * (n_int * n_int * n_int - n_int) - m_int * ties;
    if denominator <= 0 {
        return None;
    }
    let w = (3 * four_s) as f64 / denominator as f64;
    let chi_square = (m * (n - 1)) as f64 * w;
    Some(KendallW {
        w,
        chi_square,
        df: n - 1,
        p_value: chi_square_sf(chi_square, n - 1),
        raters: m,
        items: n,
    })
}

/// The largest complete block of a ratings matrix with missing cells: raters who all rated
/// every one of the chosen units. Indices refer to the `units` argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompleteBlock {
    /// Rater (slot) indices, ascending.
    pub raters: Vec<usize>,
    /// Unit indices, ascending.
    pub units: Vec<usize>,
}

/// How many intersections of rater sets [`largest_complete_block`] generates at most.
pub const MAX_CANDIDATE_RATER_SETS: usize = 4096;

/// Chooses the largest complete block of `units[u][r]` (missing or non-finite slots count as
/// not rated), deterministically.
///
/// Rule: a block is a set `R` of at least 2 raters together with *every* unit that all raters
/// in `R` rated, which must be at least 2 units. The chosen block has the most ratings
/// (`|R| × units`); among equals, the most raters; among those, the lexicographically smallest
/// list of rater indices. So a complete matrix is used whole, and a matrix with a few gaps
/// loses the fewest cells.
///
/// Candidates for `R` are:
/// 1. intersections of the rater sets of units, breadth-first: each unit's own rater set (in
///    ascending order of the sets), then pairwise intersections, and so on, up to
///    [`MAX_CANDIDATE_RATER_SETS`]. The best `R` is always such an intersection (widening `R` to
///    the intersection of its units' rater sets keeps the units and adds raters), so the choice
///    is exact whenever they number at most that many, which covers panels whose entries are
///    each rated by a few jurors as well as complete panels with scattered gaps;
/// 2. the peeling sequence: from all raters, repeatedly drop the rater whose removal leaves the
///    most units rated by everyone remaining (among equals, the one who rated the fewest units,
///    then the highest index). This keeps the choice good on wide panels with many scattered
///    gaps, where the intersections overflow.
///
/// Returns `None` when no block of at least 2 raters × 2 units exists.
pub fn largest_complete_block(units: &[Vec<Option<f64>>]) -> Option<CompleteBlock> {
    let width = units.iter().map(Vec::len).max().unwrap_or(0);
    let unit_sets: Vec<Vec<u64>> = units
        .iter()
        .map(|u| rater_set(u, width.div_ceil(64)))
        .collect();
    // Distinct rater sets of at least 2 raters, with how many units have each.
    let mut counts: BTreeMap<&[u64], usize> = BTreeMap::new();
    for set in unit_sets.iter().filter(|s| cardinality(s) >= 2) {
        *counts.entry(set.as_slice()).or_default() += 1;
    }
    let patterns: Vec<(&[u64], usize)> = counts.into_iter().collect();

    let mut best: Option<((usize, usize), Vec<u64>)> = None;
    let candidates = intersections(&patterns)
        .into_iter()
        .chain(peeling_sequence(&patterns));
    for candidate in candidates {
        let covered = covered_units(&candidate, &patterns);
        if covered < 2 {
            continue;
        }
        let raters = cardinality(&candidate);
        let key = (raters * covered, raters);
        let better = best.as_ref().is_none_or(|(best_key, best_set)| {
            key.cmp(best_key)
                .then_with(|| members(best_set).cmp(&members(&candidate)))
                == Ordering::Greater
        });
        if better {
            best = Some((key, candidate));
        }
    }
    let (_, raters) = best?;
    Some(CompleteBlock {
        raters: members(&raters),
        units: (0..units.len())
            .filter(|&u| is_subset(&raters, &unit_sets[u]))
            .collect(),
    })
}

/// How many units all raters in `raters` rated, from the distinct rater sets and their counts.
fn covered_units(raters: &[u64], patterns: &[(&[u64], usize)]) -> usize {
    patterns
        .iter()
        .filter(|(set, _)| is_subset(raters, set))
        .map(|(_, count)| count)
        .sum()
}

/// Intersections (of at least 2 raters) of the unit rater sets, breadth-first, capped.
fn intersections(patterns: &[(&[u64], usize)]) -> Vec<Vec<u64>> {
    let mut found: Vec<Vec<u64>> = patterns
        .iter()
        .take(MAX_CANDIDATE_RATER_SETS)
        .map(|(set, _)| set.to_vec())
        .collect();
    let mut seen: BTreeSet<Vec<u64>> = found.iter().cloned().collect();
    let mut meet = vec![0_u64; patterns.first().map_or(0, |(set, _)| set.len())];
    let mut next = 0;
    while next < found.len() {
        for (set, _) in patterns {
            if found.len() >= MAX_CANDIDATE_RATER_SETS {
                return found;
            }
            for (m, (a, b)) in meet.iter_mut().zip(found[next].iter().zip(*set)) {
                *m = a & b;
            }
            if cardinality(&meet) >= 2 && !seen.contains(&meet) {
                seen.insert(meet.clone());
                found.push(meet.clone());
            }
        }
        next += 1;
    }
    found
}

/// All raters, then repeatedly one fewer: the dropped rater is the one whose removal leaves
/// the most units rated by everyone remaining; among equals, the one who rated the fewest units;
/// then the highest index.
fn peeling_sequence(patterns: &[(&[u64], usize)]) -> Vec<Vec<u64>> {
    let Some(first) = patterns.first() else {
        return Vec::new();
    };
    let mut raters = vec![0_u64; first.0.len()];
    for (set, _) in patterns {
        raters.iter_mut().zip(*set).for_each(|(r, s)| *r |= s);
    }
    let rated: Vec<usize> = (0..raters.len() * 64)
        .map(|r| {
            patterns
                .iter()
                .filter(|(set, _)| set[r / 64] >> (r % 64) & 1 == 1)
                .map(|(_, count)| count)
                .sum()
        })
        .collect();
    let mut sequence = vec![raters.clone()];
    while cardinality(&raters) > 2 {
        let mut drop: Option<(usize, Reverse<usize>, usize)> = None;
        for r in members(&raters) {
            raters[r / 64] &= !(1 << (r % 64));
            let key = (covered_units(&raters, patterns), Reverse(rated[r]), r);
            raters[r / 64] |= 1 << (r % 64);
            drop = drop.max(Some(key));
        }
        let Some((_, _, r)) = drop else { break };
        raters[r / 64] &= !(1 << (r % 64));
        sequence.push(raters.clone());
    }
    sequence
}

fn rater_set(unit: &[Option<f64>], words: usize) -> Vec<u64> {
    let mut set = vec![0_u64; words];
    for (r, _) in unit
        .iter()
        .enumerate()
        .filter(|(_, v)| finite(**v).is_some())
    {
        set[r / 64] |= 1 << (r % 64);
    }
    set
}

fn cardinality(set: &[u64]) -> usize {
    set.iter().map(|w| w.count_ones() as usize).sum()
}

fn is_subset(small: &[u64], large: &[u64]) -> bool {
    small.iter().zip(large).all(|(s, l)| s & !l == 0)
}

fn members(set: &[u64]) -> Vec<usize> {
    (0..set.len() * 64)
        .filter(|&r| set[r / 64] >> (r % 64) & 1 == 1)
        .collect()
}

/// Kendall's W over the [`largest_complete_block`] of a matrix with missing ratings
/// (`units[u][r]`, as for [`krippendorff_alpha`]).
///
/// Returns `None` if there is no block of at least 2 raters × 2 units, or if W is undefined on
/// that block (see [`kendall_w`]). The block's size is reported in `raters` and `items`.
pub fn kendall_w_incomplete(units: &[Vec<Option<f64>>]) -> Option<KendallW> {
    let block = largest_complete_block(units)?;
    let ratings = block
        .raters
        .iter()
        .map(|&r| {
            block
                .units
                .iter()
                .map(|&u| units[u].get(r).copied().and_then(finite))
                .collect::<Option<Vec<f64>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    kendall_w(&ratings)
}

/// Survival function of the chi-square distribution, `P(X ≥ x)` for `X ~ χ²(df)`, which is the
/// regularized upper incomplete gamma function `Q(df/2, x/2)`.
///
/// `Q` is evaluated by its power series (`x < a + 1`, as `1 − P`) or by Lentz's continued
/// fraction (otherwise); the factor `e^{−x} x^a / Γ(a)` is formed without cancellation for large
/// `a`. Relative accuracy is about 1e-14 from 1 to thousands of degrees of freedom, far into the
/// tails. `df = 0` is the point mass at 0. Returns NaN for a NaN `x`.
pub fn chi_square_sf(x: f64, df: usize) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    if df == 0 {
        return if x < 0.0 { 1.0 } else { 0.0 };
    }
    regularized_gamma_q(df as f64 / 2.0, x / 2.0)
}

const MAX_ITERATIONS: usize = 1_000_000;

fn regularized_gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    if x.is_infinite() {
        return 0.0;
    }
    // e^{−x} x^a / Γ(a), the factor shared by the series and the continued fraction.
    let factor = ln_gamma_factor(a, x).exp();
    if x < a + 1.0 {
        // P(a, x) = e^{−x} x^a / Γ(a) · Σ_{k≥0} x^k / (a (a+1) ⋯ (a+k)).
        let (mut denominator, mut term) = (a, 1.0 / a);
        let mut sum = term;
        for _ in 0..MAX_ITERATIONS {
            denominator += 1.0;
            term *= x / denominator;
            sum += term;
            if term < sum * f64::EPSILON {
                break;
            }
        }
        1.0 - sum * factor
    } else {
        // Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− ⋯))).
        let tiny = f64::MIN_POSITIVE / f64::EPSILON;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..MAX_ITERATIONS {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let delta = d * c;
            h *= delta;
            if (delta - 1.0).abs() < f64::EPSILON {
                break;
            }
        }
        factor * h
    }
}

const HALF_LN_TWO_PI: f64 = 0.918_938_533_204_672_8;

/// Below this argument, `ln Γ` is reached through the recurrence instead of Stirling's series.
const STIRLING_FROM: f64 = 15.0;

/// `ln(e^{−x} x^a / Γ(a))`. For large `a` the terms `a ln x`, `x` and `ln Γ(a)` nearly cancel, so
/// it is rearranged with Stirling's formula into `a · (ln(1 + t) − t) + ½ ln a − ½ ln 2π − s(a)`
/// with `t = (x − a)/a` and `s` the Stirling series, which keeps the full relative accuracy.
fn ln_gamma_factor(a: f64, x: f64) -> f64 {
    if a < STIRLING_FROM {
        a * x.ln() - x - ln_gamma(a)
    } else {
        a * ln_1p_minus((x - a) / a) + 0.5 * a.ln() - HALF_LN_TWO_PI - stirling_series(a)
    }
}

/// `ln(1 + t) − t`, by its power series near 0 where the difference would cancel.
fn ln_1p_minus(t: f64) -> f64 {
    if t.abs() >= 0.5 {
        return t.ln_1p() - t;
    }
    // −t²/2 + t³/3 − t⁴/4 + ⋯
    let (mut power, mut sum) = (t * t, 0.0_f64);
    for k in 2..MAX_ITERATIONS {
        let term = power / k as f64;
        sum += if k % 2 == 0 { -term } else { term };
        if term.abs() <= sum.abs() * f64::EPSILON {
            break;
        }
        power *= t;
    }
    sum
}

/// `ln Γ(z)` for `z > 0`: Stirling's formula, after the recurrence
/// `Γ(z) = Γ(z + k) / (z (z+1) ⋯ (z+k−1))` has moved the argument to at least 15.
fn ln_gamma(z: f64) -> f64 {
    let (mut z, mut product) = (z, 1.0);
    while z < STIRLING_FROM {
        product *= z;
        z += 1.0;
    }
    (z - 0.5) * z.ln() - z + HALF_LN_TWO_PI + stirling_series(z) - product.ln()
}

/// `ln Γ(z) − ((z − ½) ln z − z + ½ ln 2π)` for `z ≥ 15`, eight terms of Stirling's series
/// `Σ B_{2k} / (2k (2k − 1) z^{2k−1})`; the first omitted term is below 1e-19.
fn stirling_series(z: f64) -> f64 {
    const COEFFICIENTS: [f64; 8] = [
        1.0 / 12.0,
        -1.0 / 360.0,
        1.0 / 1260.0,
        -1.0 / 1680.0,
        1.0 / 1188.0,
        -691.0 / 360_360.0,
        1.0 / 156.0,
        -3617.0 / 122_400.0,
    ];
    let inv = 1.0 / z;
    inv * COEFFICIENTS
        .iter()
        .rev()
        .fold(0.0, |acc, c| acc * inv * inv + c)
}
