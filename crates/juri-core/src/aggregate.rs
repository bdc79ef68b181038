//! Exact scores and the aggregation methods over juror totals.

use std::cmp::Ordering;
use std::fmt;

use num_integer::Integer;
use num_rational::Ratio;
use num_traits::Zero;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact score on 0–100 (a rational number). Displayed rounded, compared exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(type = "{ value: number, display: string, exact: string }")
)]
pub struct Score(pub Ratio<i128>);

impl Score {
    pub fn new(num: i128, den: i128) -> Score {
        Score(Ratio::new(num, den))
    }

    pub fn zero() -> Score {
        Score(Ratio::zero())
    }

    pub fn to_f64(self) -> f64 {
        *self.0.numer() as f64 / *self.0.denom() as f64
    }

    /// Rounded half away from zero to `decimals` places, '.' separator.
    pub fn display(self, decimals: u32) -> String {
        let scale = 10_i128.pow(decimals);
        let n = *self.0.numer() * scale;
        let d = *self.0.denom();
        let (q, r) = n.div_rem(&d);
        let q = if r.abs() * 2 >= d.abs() {
            q + n.signum() * d.signum()
        } else {
            q
        };
        let sign = if q < 0 { "-" } else { "" };
        let q = q.abs();
        if decimals == 0 {
            return format!("{sign}{q}");
        }
        format!(
            "{sign}{}.{:0width$}",
            q / scale,
            q % scale,
            width = decimals as usize
        )
    }

    pub fn exact(self) -> String {
        if *self.0.denom() == 1 {
            self.0.numer().to_string()
        } else {
            format!("{}/{}", self.0.numer(), self.0.denom())
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(2))
    }
}

impl Score {
    /// How many decimals a table of these scores needs so that two scores that differ exactly
    /// never print the same: 2, or more (up to 6) where two of them round alike at 2 — 2113/36 and
    /// 939/16 are both "58.69" at 2 decimals and "58.694" / "58.688" at 3.
    pub fn decimals_to_tell_apart(scores: impl IntoIterator<Item = Score>) -> u32 {
        let mut scores: Vec<Score> = scores.into_iter().collect();
        scores.sort_unstable();
        scores.dedup();
        (2..=6)
            .find(|&d| {
                scores
                    .windows(2)
                    .all(|w| w[0].display(d) != w[1].display(d))
            })
            .unwrap_or(6)
    }
}

impl Serialize for Score {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Score", 3)?;
        st.serialize_field("value", &self.to_f64())?;
        st.serialize_field("display", &self.display(2))?;
        st.serialize_field("exact", &self.exact())?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            exact: String,
        }
        let w = Wire::deserialize(d)?;
        let bad = || serde::de::Error::custom(rust_i18n::t!("score.not_exact", text = w.exact));
        let (n, den) = match w.exact.split_once('/') {
            Some((n, den)) => (
                n.parse::<i128>().map_err(|_| bad())?,
                den.parse::<i128>().map_err(|_| bad())?,
            ),
            None => (w.exact.parse::<i128>().map_err(|_| bad())?, 1),
        };
        if den <= 0 {
            return Err(bad());
        }
        Ok(Score::new(n, den))
    }
}

/// Juror totals of one entry sharing a common denominator: `total_j = nums[j] / den`.
pub(crate) fn mean(nums: &[i128], den: i128) -> Option<Score> {
    if nums.is_empty() {
        return None;
    }
    let sum: i128 = nums.iter().sum();
    Some(Score::new(sum, den * nums.len() as i128))
}

pub(crate) fn median(nums: &[i128], den: i128) -> Option<Score> {
    if nums.is_empty() {
        return None;
    }
    let mut v = nums.to_vec();
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        Score::new(v[n / 2], den)
    } else {
        Score::new(v[n / 2 - 1] + v[n / 2], den * 2)
    })
}

/// Drops the `k` highest and `k` lowest totals. With too few jurors, `k` shrinks so that at
/// least one total remains; the effective `k` is returned.
pub(crate) fn trimmed(nums: &[i128], den: i128, k: u32) -> Option<(Score, u32)> {
    if nums.is_empty() {
        return None;
    }
    let mut v = nums.to_vec();
    v.sort_unstable();
    let k_eff = (k as usize).min((v.len() - 1) / 2);
    let kept = &v[k_eff..v.len() - k_eff];
    mean(kept, den).map(|s| (s, k_eff as u32))
}

/// Per-juror standardisation parameters over all of a juror's complete totals in the stage.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct JurorMoments {
    n: i128,
    s1: i128,
    s2: i128,
}

impl JurorMoments {
    pub(crate) fn add(&mut self, x: i128) {
        self.n += 1;
        self.s1 += x;
        self.s2 += x * x;
    }

    /// z = (x − μ) / σ with population σ, computed as (n·x − S1) / sqrt(n·S2 − S1²): both parts are
    /// exact integers, and the single square root and division are correctly rounded IEEE
    /// operations, so the result is identical on every platform. A juror with one total or no
    /// spread contributes z = 0.
    pub(crate) fn z(&self, x: i128) -> f64 {
        let var_n2 = self.n * self.s2 - self.s1 * self.s1;
        if self.n < 2 || var_n2 <= 0 {
            return 0.0;
        }
        (self.n * x - self.s1) as f64 / (var_n2 as f64).sqrt()
    }
}

/// Quantum for z-score aggregates: 1e-9, so equal inputs give equal (tied) outputs.
pub(crate) const Z_QUANTUM: i128 = 1_000_000_000;

/// Mean of z-scores (summed in the given, deterministic order) mapped to a standard score
/// 50 + 10·z̄, quantised to 1e-9.
pub(crate) fn zscore_aggregate(zs: &[f64]) -> Option<Score> {
    if zs.is_empty() {
        return None;
    }
    let mut sum = 0.0;
    for z in zs {
        sum += z;
    }
    let mean = sum / zs.len() as f64;
    let t = 50.0 + 10.0 * mean;
    let q = (t * Z_QUANTUM as f64).round() as i128;
    Some(Score::new(q, Z_QUANTUM))
}

/// Compares two optional scores, higher first, missing last.
pub(crate) fn desc(a: &Option<Score>, b: &Option<Score>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.cmp(a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn decimals_grow_only_where_two_scores_would_print_alike() {
        let (a, b) = (Score::new(2113, 36), Score::new(939, 16));
        assert_eq!(
            (a.display(2), b.display(2)),
            ("58.69".into(), "58.69".into())
        );
        assert_eq!(Score::decimals_to_tell_apart([a, b, Score::new(70, 1)]), 3);
        assert_eq!(Score::decimals_to_tell_apart([a, a, Score::new(70, 1)]), 2);
        assert_eq!(Score::decimals_to_tell_apart([]), 2);
        // 1/3 and 1/3 + 1e-9 cannot be told apart within 6 decimals: 6 is the most printed.
        let third = Score::new(1, 3);
        let near = Score::new(1_000_000_001, 3_000_000_000);
        assert_eq!(Score::decimals_to_tell_apart([third, near]), 6);
    }

    use super::*;

    #[test]
    fn display_rounds_half_away_from_zero() {
        assert_eq!(Score::new(1711, 20).display(2), "85.55");
        assert_eq!(Score::new(2, 3).display(2), "0.67");
        assert_eq!(Score::new(1, 200).display(2), "0.01");
        assert_eq!(Score::new(1, 3).display(0), "0");
        assert_eq!(Score::new(-1, 3).display(2), "-0.33");
        assert_eq!(Score::new(100, 1).display(2), "100.00");
    }

    #[test]
    fn methods() {
        let v = [80, 90, 70, 100, 60];
        assert_eq!(mean(&v, 1).unwrap(), Score::new(80, 1));
        assert_eq!(median(&v, 1).unwrap(), Score::new(80, 1));
        assert_eq!(median(&v[..4], 1).unwrap(), Score::new(85, 1));
        assert_eq!(trimmed(&v, 1, 1).unwrap(), (Score::new(80, 1), 1));
        assert_eq!(trimmed(&[80, 90], 1, 1).unwrap(), (Score::new(85, 1), 0));
        assert_eq!(
            trimmed(&[80, 90, 10], 1, 2).unwrap(),
            (Score::new(80, 1), 1)
        );
    }
}
