//! A juror's sheet: reading a score against a rubric's scale, the juror's total, and a final's
//! share of each stage.
//!
//! Every place that turns criterion scores into a 0–100 juror total — the ranking, the printed
//! sheets, the juror's running total on screen — goes through [`Weighting`], every place that
//! reads a typed score (the juror's screen, paper imports, the merge of a bundle) goes through
//! [`Scale::read`], and a final combines its stages through [`stage_share`]. The weighting
//! arithmetic lives in this file and nowhere else.

use crate::aggregate::Score;
use crate::decimal::{DecimalError, Fixed};
use crate::definition::{Rubric, Scale, StageDef};

/// Why a typed score cannot be recorded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// Not a decimal number Juri can hold exactly.
    #[error(transparent)]
    Unreadable(#[from] DecimalError),
    /// A number, but not one of the scale's values.
    #[error("score {text} is outside the scale {}", scale.describe())]
    OutsideScale { text: String, scale: Scale },
}

impl Scale {
    /// Reads a score as a person typed it ("8,5" and "8.5" alike) and checks it lies on the scale.
    pub fn read(&self, text: &str) -> Result<Fixed, ScoreError> {
        let v = Fixed::parse(text)?;
        if self.admits(v) {
            Ok(v)
        } else {
            Err(ScoreError::OutsideScale {
                text: text.to_string(),
                scale: *self,
            })
        }
    }
}

/// Reads a score for a stage: against its rubric's scale, or only as a number when the stage has
/// no rubric.
pub fn read_score(stage: &StageDef, text: &str) -> Result<Fixed, ScoreError> {
    match &stage.rubric {
        Some(rubric) => rubric.scale.read(text),
        None => Ok(Fixed::parse(text)?),
    }
}

/// How a rubric turns criterion scores into a juror's 0–100 total:
/// total = Σ weightᵢ · scoreᵢ · 100 ÷ (Σ weight · scale maximum).
///
/// Every juror total of a stage shares one denominator, so the ranking can compare numerators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weighting {
    /// Criterion weights in thousandths, in the rubric's order.
    weights: Vec<i128>,
    /// The scale maximum in thousandths (at least 1).
    max: i128,
    /// Σ weight · max (at least 1): the common denominator of every total.
    den: i128,
}

impl Weighting {
    /// The weighting of a rubric.
    pub fn of_rubric(rubric: &Rubric) -> Weighting {
        Weighting::new(
            rubric.criteria.iter().map(|c| i128::from(c.weight.raw())),
            i128::from(rubric.scale.max.raw()),
        )
    }

    /// The weighting of a stage (a stage without a rubric has no criteria).
    pub fn of(stage: &StageDef) -> Weighting {
        match &stage.rubric {
            Some(rubric) => Weighting::of_rubric(rubric),
            None => Weighting::new(std::iter::empty(), 1),
        }
    }

    fn new(weights: impl Iterator<Item = i128>, max: i128) -> Weighting {
        let weights: Vec<i128> = weights.collect();
        let max = max.max(1);
        let den = weights.iter().sum::<i128>().max(1) * max;
        Weighting { weights, max, den }
    }

    /// How many criteria the rubric has.
    pub fn criteria(&self) -> usize {
        self.weights.len()
    }

    /// The common denominator of every total of this rubric.
    pub fn denominator(&self) -> i128 {
        self.den
    }

    /// The numerator over [`Weighting::denominator`] of a sheet's total, from its scores in
    /// thousandths in the rubric's order. Missing criteria count as nothing, so a partial sheet
    /// gives its running total.
    pub fn numerator<I>(&self, values: I) -> i128
    where
        I: IntoIterator<Item = Option<i64>>,
    {
        values
            .into_iter()
            .zip(&self.weights)
            .filter_map(|(v, w)| v.map(|v| i128::from(v) * w))
            .sum::<i128>()
            * 100
    }

    /// A complete sheet's 0–100 total: `None` unless every criterion is scored.
    pub fn total(&self, values: &[Option<i64>]) -> Option<Score> {
        (values.len() == self.weights.len() && values.iter().all(Option::is_some))
            .then(|| Score::new(self.numerator(values.iter().copied()), self.den))
    }

    /// The running total of a sheet being filled in: what the scored criteria contribute to the
    /// 0–100 total so far; `None` while nothing is scored.
    pub fn running_total(&self, values: &[Option<i64>]) -> Option<Score> {
        values
            .iter()
            .any(Option::is_some)
            .then(|| Score::new(self.numerator(values.iter().copied()), self.den))
    }

    /// One criterion's weighted score as printed on a sheet: weight × score ÷ scale maximum.
    pub fn weighted(&self, criterion: usize, value: i64) -> Score {
        Score::new(i128::from(value) * self.weights[criterion], self.max * 1000)
    }
}

/// What a stage's score contributes to a final's combined score: score × weight ÷ 100, the
/// weight being the stage's percentage in the final (the weights of a final add up to 100).
pub fn stage_share(score: Score, weight: crate::decimal::Fixed) -> Score {
    Score(score.0 * num_rational::Ratio::new(i128::from(weight.raw()), 100_000))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rubric(min: i64, max: i64, weights: &[i64]) -> Rubric {
        let text = format!(
            "scale = {{ min = {min}, max = {max}, step = 1 }}\n{}",
            weights
                .iter()
                .enumerate()
                .map(|(i, w)| format!(
                    "[[criteria]]\nid = \"c{i}\"\nname = \"C{i}\"\nweight = {w}\n"
                ))
                .collect::<String>()
        );
        toml::from_str(&text).expect("rubric")
    }

    fn v(x: i64) -> Option<i64> {
        Some(x * 1000)
    }

    #[test]
    fn totals_are_weighted_and_rescaled_to_100() {
        let w = Weighting::of_rubric(&rubric(1, 7, &[30, 70]));
        // (30·7 + 70·7) / (100·7) · 100 = 100
        assert_eq!(w.total(&[v(7), v(7)]), Some(Score::new(100, 1)));
        // (30·1 + 70·4) · 100 / 700 = 310/7
        assert_eq!(w.total(&[v(1), v(4)]), Some(Score::new(310, 7)));
        assert_eq!(w.total(&[v(1), None]), None);
        assert_eq!(w.total(&[v(1)]), None);
        assert_eq!(w.running_total(&[v(7), None]), Some(Score::new(30, 1)));
        assert_eq!(w.running_total(&[None, None]), None);
        assert_eq!(w.weighted(1, 7000), Score::new(70, 1));
        // 30 % of a stage score of 80 is 24.
        assert_eq!(
            stage_share(Score::new(80, 1), Fixed::from_int(30)),
            Score::new(24, 1)
        );
    }

    #[test]
    fn reading_checks_the_scale() {
        let scale = rubric(1, 7, &[1]).scale;
        assert_eq!(scale.read(" 6 "), Ok(Fixed::from_int(6)));
        assert!(matches!(
            scale.read("8"),
            Err(ScoreError::OutsideScale { ref text, .. }) if text == "8"
        ));
        assert!(matches!(
            scale.read("6.5"),
            Err(ScoreError::OutsideScale { .. })
        ));
        assert!(matches!(scale.read("enam"), Err(ScoreError::Unreadable(_))));
        assert_eq!(
            scale.read("9").unwrap_err().to_string(),
            "score 9 is outside the scale 1–7 (step 1)"
        );
    }
}
