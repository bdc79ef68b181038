//! A juror replaced mid-stage: who sits where once the chair has recorded that a juror leaves the
//! panel from a stage on and another takes over their assignments.
//!
//! The rule, once: from the stage of the replacement on (that stage and every later stage that
//! was not finalised when it was recorded), the departing juror's assignment in each stage passes
//! to the replacement, and the departing juror sits on none of those stages — except, in the
//! stage of the replacement, on the entries whose submitted sheet the chair chose to keep
//! counting (`kept`). The replacement then scores the rest of the departing juror's entries of
//! that stage, not those. The results and the completeness of a stage only ever see the
//! assignments this gives ([`seat`]): a juror counts on an entry when active, assigned and not
//! recused, as for every other juror, so a replacement recused from an entry is simply not seated
//! on it.

use serde::{Deserialize, Serialize};

use crate::definition::Definition;
use crate::model::{Assignment, Entry, Juror};

/// A juror replaced from a stage on, as the chair recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Replacement {
    /// The stage from which the departing juror leaves the panel (open when it was recorded).
    pub stage: String,
    /// The departing juror's id.
    pub departing: String,
    /// The replacement's id.
    pub replacement: String,
    /// Whether the chair chose that the departing juror's submitted sheets in `stage` count.
    pub counts_departing: bool,
    /// The entries of `stage` whose sheet the departing juror had submitted when the
    /// replacement was recorded, and which keep counting (empty when they do not count).
    pub kept: Vec<String>,
    /// The stages taken over: `stage` and every later stage not finalised then, in which the
    /// departing juror had an assignment, in the definition's order.
    pub stages: Vec<String>,
}

/// Why a replacement cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplacementProblem {
    /// The departing juror and the replacement are the same person.
    SameJuror { juror: String },
    /// The departing juror does not sit on the stage (removed, or not assigned in it).
    DepartingNotOnStage { juror: String, stage: String },
    /// The replacement was removed from the panel.
    ReplacementRemoved { juror: String },
    /// The replacement already sits on a stage they would take over.
    ReplacementOnStage { juror: String, stage: String },
}

/// An entry the replacement takes over but is recused from: not seated on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecusedTakeover {
    pub stage: String,
    pub entry: String,
    /// The reason of the replacement's declared conflict of interest.
    pub reason: String,
}

/// A replacement, checked: what to record, and the entries the replacement is not seated on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplacementPlan {
    pub replacement: Replacement,
    pub recused: Vec<RecusedTakeover>,
}

/// What a replacement is planned from.
#[derive(Debug, Clone, Copy)]
pub struct ReplacementRequest<'a> {
    pub definition: &'a Definition,
    /// Every entry of the competition.
    pub entries: &'a [Entry],
    /// The stage from which the departing juror leaves; open.
    pub stage: &'a str,
    /// Both jurors as they sit now (earlier replacements applied).
    pub departing: &'a Juror,
    pub replacement: &'a Juror,
    pub counts_departing: bool,
    /// The entries whose sheet the departing juror has submitted in `stage`.
    pub submitted: &'a [String],
    /// The codes of the stages that are finalised: they are not taken over.
    pub finalized: &'a [String],
}

/// Checks a replacement and works out what it takes over.
pub fn plan_replacement(r: &ReplacementRequest<'_>) -> Result<ReplacementPlan, ReplacementProblem> {
    let (d, n) = (r.departing, r.replacement);
    if d.id == n.id {
        return Err(ReplacementProblem::SameJuror {
            juror: d.id.clone(),
        });
    }
    if !d.active || !d.assignments.contains_key(r.stage) {
        return Err(ReplacementProblem::DepartingNotOnStage {
            juror: d.id.clone(),
            stage: r.stage.to_string(),
        });
    }
    if !n.active {
        return Err(ReplacementProblem::ReplacementRemoved {
            juror: n.id.clone(),
        });
    }
    let from = r.definition.stage_index(r.stage).unwrap_or(usize::MAX);
    let stages: Vec<String> = r
        .definition
        .stages
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            *i == from
                || (*i > from && !r.finalized.contains(&s.id) && d.assignments.contains_key(&s.id))
        })
        .map(|(_, s)| s.id.clone())
        .collect();
    if let Some(on) = stages.iter().find(|s| n.assignments.contains_key(*s)) {
        return Err(ReplacementProblem::ReplacementOnStage {
            juror: n.id.clone(),
            stage: on.clone(),
        });
    }
    let kept: Vec<String> = if r.counts_departing {
        r.entries
            .iter()
            .filter(|e| r.submitted.contains(&e.code) && d.is_assigned(r.stage, e))
            .map(|e| e.code.clone())
            .collect()
    } else {
        Vec::new()
    };
    let replacement = Replacement {
        stage: r.stage.to_string(),
        departing: d.id.clone(),
        replacement: n.id.clone(),
        counts_departing: r.counts_departing,
        kept,
        stages,
    };
    let mut two = [d.clone(), n.clone()];
    seat(&mut two, r.entries, std::slice::from_ref(&replacement));
    let seated = &two[1];
    let mut recused = Vec::new();
    for stage in &replacement.stages {
        let Some(a) = seated.assignments.get(stage) else {
            continue;
        };
        for e in r.entries.iter().filter(|e| !e.withdrawn && a.covers(e)) {
            if let Some(c) = seated.recusal(e) {
                recused.push(RecusedTakeover {
                    stage: stage.clone(),
                    entry: e.code.clone(),
                    reason: c.reason.clone(),
                });
            }
        }
    }
    Ok(ReplacementPlan {
        replacement,
        recused,
    })
}

/// Seats the panel: applies `replacements`, in the order recorded, to the jurors' assignments
/// (see the module's rule). `entries` are every entry of the competition: an assignment split
/// between the departing juror's kept sheets and the replacement becomes a list of entries.
/// A replacement naming a juror or stage that no longer exists changes nothing of it.
pub fn seat(jurors: &mut [Juror], entries: &[Entry], replacements: &[Replacement]) {
    for r in replacements {
        let at = |id: &str| jurors.iter().position(|j| j.id == id);
        let (Some(d), Some(n)) = (at(&r.departing), at(&r.replacement)) else {
            continue;
        };
        if d == n {
            continue;
        }
        for stage in &r.stages {
            let Some(held) = jurors[d].assignments.remove(stage) else {
                continue;
            };
            let taken = if *stage == r.stage && !r.kept.is_empty() {
                let kept: Vec<String> = entries
                    .iter()
                    .filter(|e| r.kept.contains(&e.code) && held.covers(e))
                    .map(|e| e.code.clone())
                    .collect();
                let rest: Vec<String> = entries
                    .iter()
                    .filter(|e| held.covers(e) && !kept.contains(&e.code))
                    .map(|e| e.code.clone())
                    .collect();
                if !kept.is_empty() {
                    jurors[d]
                        .assignments
                        .insert(stage.clone(), Assignment::Entries(kept));
                }
                Assignment::Entries(rest)
            } else {
                held
            };
            let seated = match jurors[n].assignments.remove(stage) {
                None => taken,
                Some(own) => union(own, taken, entries),
            };
            jurors[n].assignments.insert(stage.clone(), seated);
        }
    }
}

/// An assignment covering what either covers.
fn union(a: Assignment, b: Assignment, entries: &[Entry]) -> Assignment {
    match (a, b) {
        (Assignment::All, _) | (_, Assignment::All) => Assignment::All,
        (Assignment::Categories(mut x), Assignment::Categories(y)) => {
            for c in y {
                if !x.contains(&c) {
                    x.push(c);
                }
            }
            Assignment::Categories(x)
        }
        (Assignment::Entries(mut x), Assignment::Entries(y)) => {
            for e in y {
                if !x.contains(&e) {
                    x.push(e);
                }
            }
            Assignment::Entries(x)
        }
        (a, b) => Assignment::Entries(
            entries
                .iter()
                .filter(|e| a.covers(e) || b.covers(e))
                .map(|e| e.code.clone())
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::{Conflict, ConflictTarget, Role};

    const DEF: &str = r#"
[competition]
id = "t"
name = "T"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "P"
kind = "scoring"
advance = { top_per_category = 3 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "n", name = "N", weight = 100 }]
[[stages]]
id = "s"
name = "S"
kind = "scoring"
advance = { top_per_category = 2 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "n", name = "N", weight = 100 }]
[[stages]]
id = "f"
name = "F"
kind = "scoring"
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "n", name = "N", weight = 100 }]
"#;

    fn entries() -> Vec<Entry> {
        ["E1", "E2", "E3", "E4"]
            .iter()
            .map(|c| Entry {
                code: c.to_string(),
                title: format!("Inovasi {c}"),
                institution: format!("Dinas {c}"),
                category: "x".into(),
                rintisan: false,
                description: String::new(),
                withdrawn: false,
            })
            .collect()
    }

    fn juror(id: &str, stages: &[&str], conflicts: &[&str]) -> Juror {
        Juror {
            id: id.into(),
            name: format!("Juri {id}"),
            affiliation: String::new(),
            role: Role::Anggota,
            assignments: stages
                .iter()
                .map(|s| (s.to_string(), Assignment::All))
                .collect::<BTreeMap<_, _>>(),
            conflicts: conflicts
                .iter()
                .map(|e| Conflict {
                    target: ConflictTarget::Entry(e.to_string()),
                    reason: "keluarga".into(),
                })
                .collect(),
            active: true,
        }
    }

    fn request<'a>(
        def: &'a Definition,
        entries: &'a [Entry],
        d: &'a Juror,
        n: &'a Juror,
        counts: bool,
        submitted: &'a [String],
        finalized: &'a [String],
    ) -> ReplacementRequest<'a> {
        ReplacementRequest {
            definition: def,
            entries,
            stage: "s",
            departing: d,
            replacement: n,
            counts_departing: counts,
            submitted,
            finalized,
        }
    }

    #[test]
    fn the_replacement_takes_over_the_stage_and_later_ones_and_the_departing_juror_leaves() {
        let def = Definition::from_toml(DEF).unwrap();
        let es = entries();
        let (d, n) = (
            juror("J2", &["p", "s", "f"], &[]),
            juror("J9", &[], &["E3"]),
        );
        let fin = vec!["p".to_string()];
        let plan = plan_replacement(&request(&def, &es, &d, &n, false, &[], &fin)).unwrap();
        assert_eq!(plan.replacement.stages, vec!["s", "f"]);
        assert!(plan.replacement.kept.is_empty());
        // Recused from E3: not seated on it, in each stage taken over.
        assert_eq!(
            plan.recused
                .iter()
                .map(|r| (r.stage.as_str(), r.entry.as_str()))
                .collect::<Vec<_>>(),
            vec![("s", "E3"), ("f", "E3")]
        );
        let mut panel = vec![juror("J1", &["p", "s", "f"], &[]), d.clone(), n.clone()];
        seat(&mut panel, &es, std::slice::from_ref(&plan.replacement));
        assert_eq!(panel[1].assignments.keys().collect::<Vec<_>>(), vec!["p"]);
        assert_eq!(panel[2].assignments.get("s"), Some(&Assignment::All));
        assert_eq!(panel[2].assignments.get("f"), Some(&Assignment::All));
        assert!(!panel[2].is_assigned("s", &es[2]));
        assert!(panel[2].is_assigned("s", &es[0]));
    }

    #[test]
    fn kept_sheets_stay_with_the_departing_juror_and_the_rest_go_to_the_replacement() {
        let def = Definition::from_toml(DEF).unwrap();
        let es = entries();
        let (d, n) = (juror("J2", &["s", "f"], &["E4"]), juror("J9", &[], &[]));
        // E4: the departing juror is recused, so a sheet of it never counted.
        let submitted = vec!["E1".to_string(), "E2".to_string(), "E4".to_string()];
        let plan = plan_replacement(&request(&def, &es, &d, &n, true, &submitted, &[])).unwrap();
        assert_eq!(plan.replacement.kept, vec!["E1", "E2"]);
        let mut panel = vec![d.clone(), n.clone()];
        seat(&mut panel, &es, std::slice::from_ref(&plan.replacement));
        assert_eq!(
            panel[0].assignments.get("s"),
            Some(&Assignment::Entries(vec!["E1".into(), "E2".into()]))
        );
        assert!(!panel[0].assignments.contains_key("f"));
        assert_eq!(
            panel[1].assignments.get("s"),
            Some(&Assignment::Entries(vec!["E3".into(), "E4".into()]))
        );
        assert_eq!(panel[1].assignments.get("f"), Some(&Assignment::All));
        // Without keeping them: the replacement takes the whole assignment.
        let plan = plan_replacement(&request(&def, &es, &d, &n, false, &submitted, &[])).unwrap();
        let mut panel = vec![d.clone(), n.clone()];
        seat(&mut panel, &es, std::slice::from_ref(&plan.replacement));
        assert!(panel[0].assignments.is_empty());
        assert_eq!(panel[1].assignments.get("s"), Some(&Assignment::All));
    }

    #[test]
    fn refusals_name_the_juror_and_the_stage() {
        let def = Definition::from_toml(DEF).unwrap();
        let es = entries();
        let d = juror("J2", &["s", "f"], &[]);
        let check =
            |d: &Juror, n: &Juror| plan_replacement(&request(&def, &es, d, n, false, &[], &[]));
        assert_eq!(
            check(&d, &d).unwrap_err(),
            ReplacementProblem::SameJuror { juror: "J2".into() }
        );
        let not_on = juror("J3", &["p"], &[]);
        assert_eq!(
            check(&not_on, &juror("J9", &[], &[])).unwrap_err(),
            ReplacementProblem::DepartingNotOnStage {
                juror: "J3".into(),
                stage: "s".into()
            }
        );
        let removed = Juror {
            active: false,
            ..juror("J9", &[], &[])
        };
        assert_eq!(
            check(&d, &removed).unwrap_err(),
            ReplacementProblem::ReplacementRemoved { juror: "J9".into() }
        );
        assert_eq!(
            check(&d, &juror("J1", &["f"], &[])).unwrap_err(),
            ReplacementProblem::ReplacementOnStage {
                juror: "J1".into(),
                stage: "f".into()
            }
        );
    }

    #[test]
    fn replacements_apply_in_order_and_merge_with_an_assignment_given_since() {
        let es = entries();
        let first = Replacement {
            stage: "s".into(),
            departing: "J2".into(),
            replacement: "J9".into(),
            counts_departing: true,
            kept: vec!["E1".into()],
            stages: vec!["s".into(), "f".into()],
        };
        let second = Replacement {
            stage: "s".into(),
            departing: "J9".into(),
            replacement: "J8".into(),
            counts_departing: false,
            kept: vec![],
            stages: vec!["s".into(), "f".into()],
        };
        let mut j8 = juror("J8", &[], &[]);
        j8.assignments
            .insert("f".into(), Assignment::Entries(vec!["E1".into()]));
        let mut panel = vec![juror("J2", &["s", "f"], &[]), juror("J9", &[], &[]), j8];
        seat(&mut panel, &es, &[first, second]);
        assert_eq!(
            panel[0].assignments.get("s"),
            Some(&Assignment::Entries(vec!["E1".into()]))
        );
        assert!(panel[1].assignments.is_empty());
        assert_eq!(
            panel[2].assignments.get("s"),
            Some(&Assignment::Entries(vec![
                "E2".into(),
                "E3".into(),
                "E4".into()
            ]))
        );
        assert_eq!(panel[2].assignments.get("f"), Some(&Assignment::All));
    }
}
