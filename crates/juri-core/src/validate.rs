//! Validation of a competition definition: every problem, each with its place in the file.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::decimal::Fixed;
use crate::definition::{Definition, StageDef, StageKind, TieBreak};

impl Definition {
    /// Parses and validates a TOML definition.
    pub fn from_toml(text: &str) -> Result<Definition, DefinitionError> {
        if let Some(newer) = crate::definition::newer_format(text) {
            return Err(DefinitionError {
                problems: vec![DefinitionProblem {
                    place: "format".into(),
                    message: newer.to_string(),
                }],
            });
        }
        let def: Definition = toml::from_str(text).map_err(|e| match unknown_choice(text) {
            Some(problem) => DefinitionError {
                problems: vec![problem],
            },
            None => DefinitionError::from_toml(e),
        })?;
        def.validate()?;
        Ok(def)
    }

    /// Every problem found, each with its place in the file.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        validate(self)
    }
}

/// One problem in a definition, with the path of the offending field
/// (e.g. `stages[1] "proposal" .rubric.criteria[2].weight`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DefinitionProblem {
    pub place: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DefinitionError {
    pub problems: Vec<DefinitionProblem>,
}

impl fmt::Display for DefinitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        let heading = if n == 1 {
            rust_i18n::t!("definition.problem_count_one", count = n)
        } else {
            rust_i18n::t!("definition.problem_count_many", count = n)
        };
        writeln!(f, "{heading}")?;
        for p in &self.problems {
            writeln!(f, "  - {}: {}", p.place, p.message)?;
        }
        Ok(())
    }
}

impl DefinitionError {
    pub fn from_toml(e: toml::de::Error) -> DefinitionError {
        let place = match e.span() {
            Some(span) => rust_i18n::t!("place.byte", offset = span.start).into_owned(),
            None => rust_i18n::t!("place.file").into_owned(),
        };
        DefinitionError {
            problems: vec![DefinitionProblem {
                place,
                message: e.message().trim().to_string(),
            }],
        }
    }

    /// Same as [`from_toml`](Self::from_toml) but names the line and column using the source text.
    pub fn from_toml_with_source(e: toml::de::Error, source: &str) -> DefinitionError {
        if let Some(problem) = unknown_choice(source) {
            return DefinitionError {
                problems: vec![problem],
            };
        }
        let place = match e.span() {
            Some(span) => {
                let before = &source[..span.start.min(source.len())];
                let line = before.matches('\n').count() + 1;
                let col = before
                    .rsplit('\n')
                    .next()
                    .map(|l| l.chars().count())
                    .unwrap_or(0)
                    + 1;
                rust_i18n::t!("place.line_column", line = line, column = col).into_owned()
            }
            None => rust_i18n::t!("place.file").into_owned(),
        };
        DefinitionError {
            problems: vec![DefinitionProblem {
                place,
                message: e.message().trim().to_string(),
            }],
        }
    }
}

/// A rubric's `conversion` that names no conversion, placed at its stage: a plain parse error
/// would give only a line and column.
fn unknown_choice(source: &str) -> Option<DefinitionProblem> {
    let table: toml::Table = toml::from_str(source).ok()?;
    let stages = table.get("stages")?.as_array()?;
    stages.iter().enumerate().find_map(|(i, stage)| {
        let value = stage.get("rubric")?.get("conversion")?;
        let known = value
            .as_str()
            .and_then(crate::definition::Conversion::parse)
            .is_some();
        let id = stage.get("id").and_then(|v| v.as_str()).unwrap_or_default();
        (!known).then(|| DefinitionProblem {
            place: format!("stages[{i}] \"{id}\".rubric.conversion"),
            message: rust_i18n::t!("definition.unknown_conversion", value = value).into_owned(),
        })
    })
}

struct Problems(Vec<DefinitionProblem>);

impl Problems {
    fn add(&mut self, place: impl Into<String>, message: impl Into<String>) {
        self.0.push(DefinitionProblem {
            place: place.into(),
            message: message.into(),
        });
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
}

pub(crate) fn validate(def: &Definition) -> Result<(), DefinitionError> {
    let mut p = Problems(Vec::new());
    if let Some(format) = def.format {
        if format == 0 || format > crate::definition::DEFINITION_FORMAT {
            p.add(
                "format",
                rust_i18n::t!(
                    "definition.format_unreadable",
                    format = format,
                    known = crate::definition::DEFINITION_FORMAT
                ),
            );
        }
    }
    competition(&mut p, def);
    categories(&mut p, def);
    if def.stages.is_empty() {
        p.add("stages", rust_i18n::t!("definition.no_stage"));
    }
    let mut stage_ids = BTreeSet::new();
    for (i, s) in def.stages.iter().enumerate() {
        let place = format!("stages[{i}] \"{}\"", s.id);
        if !valid_id(&s.id) {
            p.add(
                format!("{place}.id"),
                rust_i18n::t!("definition.invalid_id", id = s.id),
            );
        }
        if !stage_ids.insert(s.id.as_str()) {
            p.add(
                format!("{place}.id"),
                rust_i18n::t!("definition.stage_defined_twice", id = s.id),
            );
        }
        if s.name.trim().is_empty() {
            p.add(format!("{place}.name"), rust_i18n::t!("definition.empty"));
        }
        let earlier: Vec<&str> = def.stages[..i].iter().map(|s| s.id.as_str()).collect();
        match s.kind {
            StageKind::Screening => screening(&mut p, &place, def, s),
            StageKind::Scoring => validate_rubric(&mut p, &place, s),
            StageKind::Final => final_stage(&mut p, &place, def, s, &earlier),
        }
        if s.kind != StageKind::Final && (!s.combine.is_empty() || !s.awards.is_empty()) {
            p.add(
                place.to_string(),
                rust_i18n::t!("definition.final_only_fields"),
            );
        }
        if s.kind != StageKind::Screening && (!s.checklist.is_empty() || !s.reasons.is_empty()) {
            p.add(
                place.to_string(),
                rust_i18n::t!("definition.screening_only_fields"),
            );
        }
        for (j, a) in s.awards.iter().enumerate() {
            if a.top == 0 {
                p.add(
                    format!("{place}.awards[{j}].top"),
                    rust_i18n::t!("definition.at_least_one"),
                );
            }
            // A tier counts its places within its pool after the tiers before it: an earlier tier
            // over the same pool that reaches as far leaves it nobody, whatever the scores.
            if let Some((i, earlier)) = s.awards[..j]
                .iter()
                .enumerate()
                .find(|(_, e)| e.pool == a.pool && e.top >= a.top && a.top > 0)
            {
                p.add(
                    format!("{place}.awards[{j}].top"),
                    rust_i18n::t!(
                        "definition.award_never_given",
                        award = a.id,
                        earlier = earlier.id,
                        index = i,
                        top = earlier.top
                    ),
                );
            }
        }
        unique(
            &mut p,
            &place,
            "awards",
            s.awards.iter().map(|a| a.id.as_str()),
        );
        tie_breaks(&mut p, &place, def, s, &earlier);
        advance(&mut p, &place, s);
        if s.disagreement_tolerance < Fixed::ZERO || s.disagreement_tolerance > Fixed::from_int(100)
        {
            p.add(
                format!("{place}.disagreement_tolerance"),
                rust_i18n::t!("definition.tolerance_range"),
            );
        }
    }
    if p.0.is_empty() {
        Ok(())
    } else {
        Err(DefinitionError { problems: p.0 })
    }
}

/// The competition's own fields.
fn competition(p: &mut Problems, def: &Definition) {
    if !def.competition.time_zone.trim().is_empty()
        && crate::zone::parse_zone(&def.competition.time_zone).is_none()
    {
        p.add(
            "competition.time_zone",
            rust_i18n::t!(
                "definition.unknown_time_zone",
                zone = def.competition.time_zone.trim()
            ),
        );
    }
    if !valid_id(&def.competition.id) {
        p.add("competition.id", rust_i18n::t!("definition.competition_id"));
    }
    if def.competition.name.trim().is_empty() {
        p.add("competition.name", rust_i18n::t!("definition.empty"));
    }
}

/// The categories: at least one, each id valid and once.
fn categories(p: &mut Problems, def: &Definition) {
    if def.categories.is_empty() {
        p.add("categories", rust_i18n::t!("definition.no_category"));
    }
    let mut seen = BTreeSet::new();
    for (i, c) in def.categories.iter().enumerate() {
        let place = format!("categories[{i}]");
        if !valid_id(&c.id) {
            p.add(
                format!("{place}.id"),
                rust_i18n::t!("definition.invalid_category_id", id = c.id),
            );
        }
        if !seen.insert(c.id.as_str()) {
            p.add(
                format!("{place}.id"),
                rust_i18n::t!("definition.category_defined_twice", id = c.id),
            );
        }
        if c.name.trim().is_empty() {
            p.add(format!("{place}.name"), rust_i18n::t!("definition.empty"));
        }
    }
}

/// A screening stage: its checklist and reason codes.
fn screening(p: &mut Problems, place: &str, def: &Definition, s: &StageDef) {
    for (j, item) in s.checklist.iter().enumerate() {
        let at = format!("{place}.checklist[{j}].applies_to.categories");
        if item.applies_to.categories.is_empty() {
            continue;
        }
        for c in &item.applies_to.categories {
            if !def.categories.iter().any(|k| k.id == *c) {
                p.add(
                    at.clone(),
                    rust_i18n::t!(
                        "definition.unknown_category",
                        category = c,
                        known = def
                            .categories
                            .iter()
                            .map(|k| k.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    }
    if s.checklist.is_empty() {
        p.add(
            format!("{place}.checklist"),
            rust_i18n::t!("definition.screening_needs_checklist"),
        );
    }
    if s.reasons.is_empty() {
        p.add(
            format!("{place}.reasons"),
            rust_i18n::t!("definition.screening_needs_reasons"),
        );
    }
    unique(
        p,
        place,
        "checklist",
        s.checklist.iter().map(|c| c.id.as_str()),
    );
    unique(
        p,
        place,
        "reasons",
        s.reasons.iter().map(|c| c.code.as_str()),
    );
    if s.rubric.is_some() {
        p.add(
            format!("{place}.rubric"),
            rust_i18n::t!("definition.screening_no_rubric"),
        );
    }
}

/// A final stage: the earlier scoring stages it combines, their weights, its scope.
fn final_stage(p: &mut Problems, place: &str, def: &Definition, s: &StageDef, earlier: &[&str]) {
    if s.combine.is_empty() {
        p.add(
            format!("{place}.combine"),
            rust_i18n::t!("definition.final_needs_combine"),
        );
    }
    let mut total = Fixed::ZERO;
    for (j, c) in s.combine.iter().enumerate() {
        total = Fixed(total.0 + c.weight.0);
        let cp = format!("{place}.combine[{j}]");
        match def.stage(&c.stage) {
            None => p.add(
                format!("{cp}.stage"),
                rust_i18n::t!("definition.unknown_stage", stage = c.stage),
            ),
            Some(st) if st.kind != StageKind::Scoring => p.add(
                format!("{cp}.stage"),
                rust_i18n::t!("definition.not_scoring_stage", stage = c.stage),
            ),
            Some(_) if !earlier.contains(&c.stage.as_str()) => p.add(
                format!("{cp}.stage"),
                rust_i18n::t!("definition.stage_not_before", stage = c.stage),
            ),
            _ => {}
        }
        if c.weight.0 <= 0 {
            p.add(
                format!("{cp}.weight"),
                rust_i18n::t!("definition.greater_than_zero"),
            );
        }
    }
    if !s.combine.is_empty() && total != Fixed::from_int(100) {
        p.add(
            format!("{place}.combine"),
            rust_i18n::t!("definition.weights_total", total = total),
        );
    }
    if s.rubric.is_some() {
        p.add(
            format!("{place}.rubric"),
            rust_i18n::t!("definition.final_no_rubric"),
        );
    }
    if s.scope != crate::definition::Scope::All {
        p.add(
            format!("{place}.scope"),
            rust_i18n::t!("definition.final_scope"),
        );
    }
}

/// Each tie-break key names a criterion of this stage's rubric or an earlier scoring stage.
fn tie_breaks(p: &mut Problems, place: &str, def: &Definition, s: &StageDef, earlier: &[&str]) {
    for (j, (key, parsed)) in s.tie_break.iter().zip(s.tie_breaks()).enumerate() {
        let tp = format!("{place}.tie_break[{j}]");
        match parsed {
            Some(TieBreak::Criterion(c)) => {
                if s.kind != StageKind::Scoring || s.criterion(c).is_none() {
                    p.add(
                        tp,
                        rust_i18n::t!("definition.unknown_tie_criterion", criterion = c),
                    );
                }
            }
            Some(TieBreak::Stage(st)) => {
                if !earlier.contains(&st)
                    || def.stage(st).map(|x| x.kind) != Some(StageKind::Scoring)
                {
                    p.add(
                        tp,
                        rust_i18n::t!("definition.tie_stage_not_earlier", stage = st),
                    );
                }
            }
            _ => p.add(tp, rust_i18n::t!("definition.tie_break_form", key = key)),
        }
    }
}

/// Exactly one advancement rule, and a sensible one.
fn advance(p: &mut Problems, place: &str, s: &StageDef) {
    if let Some(adv) = &s.advance {
        let n = [
            adv.top_per_category.is_some(),
            adv.top.is_some(),
            adv.threshold.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if n != 1 {
            p.add(
                format!("{place}.advance"),
                rust_i18n::t!("definition.advance_one_rule"),
            );
        }
        if adv.top_per_category == Some(0) || adv.top == Some(0) {
            p.add(
                format!("{place}.advance"),
                rust_i18n::t!("definition.advance_none"),
            );
        }
        if let Some(t) = adv.threshold {
            if t < Fixed::ZERO || t > Fixed::from_int(100) {
                p.add(
                    format!("{place}.advance.threshold"),
                    rust_i18n::t!("definition.threshold_range"),
                );
            }
        }
        if s.kind == StageKind::Screening {
            p.add(
                format!("{place}.advance"),
                rust_i18n::t!("definition.screening_advance"),
            );
        }
    }
}

fn unique<'a>(p: &mut Problems, place: &str, field: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = BTreeSet::new();
    for (j, id) in ids.enumerate() {
        if !valid_id(id) {
            p.add(
                format!("{place}.{field}[{j}]"),
                rust_i18n::t!("definition.invalid_id", id = id),
            );
        } else if !seen.insert(id) {
            p.add(
                format!("{place}.{field}[{j}]"),
                rust_i18n::t!("definition.appears_twice", id = id),
            );
        }
    }
}

fn validate_rubric(p: &mut Problems, place: &str, s: &StageDef) {
    let Some(r) = &s.rubric else {
        p.add(
            format!("{place}.rubric"),
            rust_i18n::t!("definition.scoring_needs_rubric"),
        );
        return;
    };
    let sc = r.scale;
    if sc.step.0 <= 0 {
        p.add(
            format!("{place}.rubric.scale.step"),
            rust_i18n::t!("definition.greater_than_zero"),
        );
    }
    if sc.max <= sc.min {
        let message = match r.conversion {
            crate::definition::Conversion::Range => {
                rust_i18n::t!("definition.scale_empty_range", max = sc.max, min = sc.min)
            }
            crate::definition::Conversion::OfMax => {
                rust_i18n::t!("definition.scale_empty", max = sc.max, min = sc.min)
            }
        };
        p.add(format!("{place}.rubric.scale"), message);
    } else if sc.step.0 > 0 && (sc.max.0 - sc.min.0) % sc.step.0 != 0 {
        p.add(
            format!("{place}.rubric.scale.step"),
            rust_i18n::t!(
                "definition.step_divides",
                step = sc.step,
                min = sc.min,
                max = sc.max
            ),
        );
    }
    if sc.min < Fixed::ZERO || sc.max <= Fixed::ZERO {
        p.add(
            format!("{place}.rubric.scale"),
            rust_i18n::t!("definition.scale_negative"),
        );
    }
    if r.criteria.is_empty() {
        p.add(
            format!("{place}.rubric.criteria"),
            rust_i18n::t!("definition.no_criteria"),
        );
    }
    unique(
        p,
        &format!("{place}.rubric"),
        "criteria",
        r.criteria.iter().map(|c| c.id.as_str()),
    );
    let mut total = Fixed::ZERO;
    for (j, c) in r.criteria.iter().enumerate() {
        let cp = format!("{place}.rubric.criteria[{j}] \"{}\"", c.id);
        total = Fixed(total.0 + c.weight.0);
        if c.weight.0 <= 0 {
            p.add(
                format!("{cp}.weight"),
                rust_i18n::t!("definition.greater_than_zero"),
            );
        }
        if c.name.trim().is_empty() {
            p.add(format!("{cp}.name"), rust_i18n::t!("definition.empty"));
        }
        for (k, l) in c.levels.iter().enumerate() {
            let hi = l.to.unwrap_or(l.score);
            if l.score < sc.min || hi > sc.max || hi < l.score {
                p.add(
                    format!("{cp}.levels[{k}]"),
                    rust_i18n::t!(
                        "definition.level_outside",
                        level = format!(
                            "{}{}",
                            l.score,
                            l.to.map(|t| format!("–{t}")).unwrap_or_default()
                        ),
                        min = sc.min,
                        max = sc.max
                    ),
                );
            }
        }
    }
    if !r.criteria.is_empty() && total != Fixed::from_int(100) {
        p.add(
            format!("{place}.rubric.criteria"),
            rust_i18n::t!("definition.weights_total", total = total),
        );
    }
}
