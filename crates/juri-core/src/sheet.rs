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
use serde::Serialize;

use crate::definition::{Conversion, Rubric, Scale, StageDef, StageKind};

/// Why a typed score cannot be recorded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ScoreError {
    /// Not a decimal number Juri can hold exactly.
    #[error(transparent)]
    Unreadable(#[from] DecimalError),
    /// A number, but not one of the scale's values.
    #[error("{}", rust_i18n::t!("score.outside_scale", text = text, scale = scale.describe()))]
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

/// How a rubric turns criterion scores into a juror's 0–100 total, by its conversion:
/// - `of-max`: total = Σ weightᵢ · scoreᵢ · 100 ÷ (Σ weight · max);
/// - `range`: total = Σ weightᵢ · (scoreᵢ − min) · 100 ÷ (Σ weight · (max − min)).
///
/// Both are one formula with an offset (0 or the scale minimum) and a span (max, or max − min).
/// Every juror total of a stage shares one denominator, so the ranking can compare numerators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weighting {
    /// Criterion weights in thousandths, in the rubric's order.
    weights: Vec<i128>,
    /// What a score is counted from, in thousandths: 0 (`of-max`) or the scale minimum (`range`).
    offset: i128,
    /// What a score is divided by, in thousandths (at least 1): max (`of-max`) or max − min
    /// (`range`).
    span: i128,
    /// The lowest score of the scale, in thousandths.
    min: i128,
    /// Σ weight · span (at least 1): the common denominator of every total.
    den: i128,
}

impl Weighting {
    /// The weighting of a rubric.
    pub fn of_rubric(rubric: &Rubric) -> Weighting {
        let (min, max) = (
            i128::from(rubric.scale.min.raw()),
            i128::from(rubric.scale.max.raw()),
        );
        let (offset, span) = match rubric.conversion {
            Conversion::OfMax => (0, max),
            Conversion::Range => (min, max - min),
        };
        Weighting::new(
            rubric.criteria.iter().map(|c| i128::from(c.weight.raw())),
            offset,
            span,
            min,
        )
    }

    /// The weighting of a stage (a stage without a rubric has no criteria).
    pub fn of(stage: &StageDef) -> Weighting {
        match &stage.rubric {
            Some(rubric) => Weighting::of_rubric(rubric),
            None => Weighting::new(std::iter::empty(), 0, 1, 0),
        }
    }

    fn new(weights: impl Iterator<Item = i128>, offset: i128, span: i128, min: i128) -> Weighting {
        let weights: Vec<i128> = weights.collect();
        let span = span.max(1);
        let den = weights.iter().sum::<i128>().max(1) * span;
        Weighting {
            weights,
            offset,
            span,
            min,
            den,
        }
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
            .filter_map(|(v, w)| v.map(|v| (i128::from(v) - self.offset) * w))
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

    /// One criterion's weighted score as printed on a sheet: weight × score ÷ max (`of-max`) or
    /// weight × (score − min) ÷ (max − min) (`range`).
    pub fn weighted(&self, criterion: usize, value: i64) -> Score {
        Score::new(
            (i128::from(value) - self.offset) * self.weights[criterion],
            self.span * 1000,
        )
    }

    /// The total of a sheet with every criterion at the scale's minimum: what the lowest
    /// possible sheet is worth on 0–100 (0 under `range`).
    pub fn lowest_total(&self) -> Score {
        let weights: i128 = self.weights.iter().sum();
        Score::new((self.min - self.offset) * weights * 100, self.den)
    }
}

/// What a stage's score contributes to a final's combined score: score × weight ÷ 100, the
/// weight being the stage's percentage in the final (the weights of a final add up to 100).
pub fn stage_share(score: Score, weight: crate::decimal::Fixed) -> Score {
    Score(score.0 * num_rational::Ratio::new(i128::from(weight.raw()), 100_000))
}

/// A stage of a final that cannot move the final score by its stated weight, because the stages
/// combined do not all start at 0: under `of-max` a scale that does not start at 0 gives its
/// lowest sheet min ÷ max × 100, so the stage's scores use only part of 0–100. Said, not refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WeightWarning {
    /// The final stage (id) whose `combine` names the stage.
    pub final_stage: String,
    /// The stage combined (id and name).
    pub stage: String,
    pub stage_name: String,
    /// Its stated weight in the final, in percent.
    pub weight: Fixed,
    /// How many points of the final's 0–100 the stage can move: weight × (100 − lowest) ÷ 100.
    pub effective: Score,
    /// What the lowest possible sheet of the stage is worth on 0–100.
    pub lowest: Score,
    pub scale: Scale,
    pub conversion: Conversion,
}

impl Rubric {
    /// The juror total (0–100) of a sheet with every criterion at the scale's minimum: 0 under
    /// `range` or on a scale starting at 0, min ÷ max × 100 otherwise (14.29 on 1–7, 60 on 6–10).
    pub fn lowest_total(&self) -> Score {
        Weighting::of_rubric(self).lowest_total()
    }
}

impl crate::definition::Definition {
    /// Every stage combined into a final whose effective weight differs from its stated weight
    /// because the stages combined do not share one lowest total (different conversions or
    /// scale minima). Stages aggregated by `zscore` are left out: a standardised score does not
    /// depend on the conversion.
    pub fn weight_warnings(&self) -> Vec<WeightWarning> {
        let mut warnings = Vec::new();
        for fin in self.stages.iter().filter(|s| s.kind == StageKind::Final) {
            let parts: Vec<(&crate::definition::Component, &StageDef, &Rubric)> = fin
                .combine
                .iter()
                .filter_map(|c| {
                    let stage = self.stages.iter().find(|s| s.id == c.stage)?;
                    let rubric = stage.rubric.as_ref()?;
                    (stage.aggregation.method != crate::definition::Method::Zscore)
                        .then_some((c, stage, rubric))
                })
                .collect();
            let lows: Vec<Score> = parts.iter().map(|(_, _, r)| r.lowest_total()).collect();
            if lows.windows(2).all(|w| w[0] == w[1]) {
                continue;
            }
            for ((component, stage, rubric), lowest) in parts.into_iter().zip(lows) {
                if lowest == Score::zero() {
                    continue;
                }
                let room = Score::new(100, 1).0 - lowest.0;
                warnings.push(WeightWarning {
                    final_stage: fin.id.clone(),
                    stage: stage.id.clone(),
                    stage_name: stage.name.clone(),
                    weight: component.weight,
                    effective: stage_share(Score(room), component.weight),
                    lowest,
                    scale: rubric.scale,
                    conversion: rubric.conversion,
                });
            }
        }
        warnings
    }
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

    fn ranged(min: i64, max: i64, weights: &[i64]) -> Rubric {
        Rubric {
            conversion: Conversion::Range,
            ..rubric(min, max, weights)
        }
    }

    #[test]
    fn range_counts_from_the_minimum() {
        let w = Weighting::of_rubric(&ranged(1, 7, &[30, 70]));
        assert_eq!(w.total(&[v(1), v(1)]), Some(Score::zero()));
        assert_eq!(w.total(&[v(7), v(7)]), Some(Score::new(100, 1)));
        // (30·0 + 70·3) · 100 / (100·6) = 35
        assert_eq!(w.total(&[v(1), v(4)]), Some(Score::new(35, 1)));
        assert_eq!(w.running_total(&[v(7), None]), Some(Score::new(30, 1)));
        // 70 × (4 − 1) ÷ (7 − 1) = 35
        assert_eq!(w.weighted(1, 4000), Score::new(35, 1));
        assert_eq!(w.lowest_total(), Score::zero());
        // On 6–10 a sheet of 8s is 50 under range and 80 under of-max.
        let sixes = [v(8), v(8)];
        assert_eq!(
            Weighting::of_rubric(&ranged(6, 10, &[50, 50])).total(&sixes),
            Some(Score::new(50, 1))
        );
        assert_eq!(
            Weighting::of_rubric(&rubric(6, 10, &[50, 50])).total(&sixes),
            Some(Score::new(80, 1))
        );
        assert_eq!(
            Weighting::of_rubric(&rubric(6, 10, &[50, 50])).lowest_total(),
            Score::new(60, 1)
        );
        assert_eq!(
            Weighting::of_rubric(&rubric(1, 7, &[100])).lowest_total(),
            Score::new(100, 7)
        );
        assert_eq!(
            Weighting::of_rubric(&rubric(0, 100, &[100])).lowest_total(),
            Score::zero()
        );
    }

    #[test]
    fn combining_scales_that_start_apart_is_warned() {
        let text = crate::templates::template("koin-yanlik-berdasi").unwrap();
        let def = crate::Definition::from_toml(text).unwrap();
        let warnings = def.weight_warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert_eq!(
            (w.final_stage.as_str(), w.stage.as_str()),
            ("final", "presentasi")
        );
        assert_eq!(w.weight, Fixed::from_int(30));
        // 30 × (1 − 1/7) = 180/7 ≈ 25.71 points of the final's 0–100.
        assert_eq!(w.effective, Score::new(180, 7));
        assert_eq!(w.lowest, Score::new(100, 7));

        // Under `range` both stages use the whole of 0–100: nothing to say.
        let ranged = text.replace(
            "scale = { min = 1, max = 7, step = 1 }",
            "scale = { min = 1, max = 7, step = 1 }\nconversion = \"range\"",
        );
        assert_ne!(ranged, text);
        let def = crate::Definition::from_toml(&ranged).unwrap();
        assert_eq!(def.weight_warnings(), vec![]);
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
