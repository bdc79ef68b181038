//! The short text notation for assignments and conflicts used in juror spreadsheets.
//!
//! Assignments, one clause per stage separated by `;`:
//! `proposal=*; presentasi=pd-provinsi,sekolah; verifikasi=PD-01,PD-07` — `*` is every entry,
//! otherwise category ids or entry codes (not both in one clause).
//!
//! Conflicts of interest separated by `;`, each `entry:CODE (reason)` or
//! `institution:NAME (reason)`.

use std::collections::BTreeMap;

use crate::definition::Definition;
use crate::model::{Assignment, Conflict, ConflictTarget, Entry};

pub fn parse_assignments(
    text: &str,
    def: &Definition,
    entries: &[Entry],
) -> Result<BTreeMap<String, Assignment>, String> {
    let mut out = BTreeMap::new();
    for clause in text.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let Some((stage, targets)) = clause.split_once('=') else {
            return Err(rust_i18n::t!("notation.assignment_form", clause = clause).into_owned());
        };
        let stage = stage.trim();
        match def.stage(stage) {
            None => {
                return Err(rust_i18n::t!("definition.unknown_stage", stage = stage).into_owned())
            }
            Some(s) if !s.is_scored_by_jurors() => {
                return Err(rust_i18n::t!("notation.stage_not_scored", stage = stage).into_owned())
            }
            Some(_) => {}
        }
        if out.contains_key(stage) {
            return Err(rust_i18n::t!("notation.stage_assigned_twice", stage = stage).into_owned());
        }
        let tokens: Vec<&str> = targets
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        let a = if tokens == ["*"] {
            Assignment::All
        } else if tokens.is_empty() {
            return Err(rust_i18n::t!("notation.no_targets", stage = stage).into_owned());
        } else if tokens.iter().all(|t| def.category(t).is_some()) {
            Assignment::Categories(tokens.iter().map(|t| t.to_string()).collect())
        } else if tokens.iter().all(|t| entries.iter().any(|e| e.code == *t)) {
            Assignment::Entries(tokens.iter().map(|t| t.to_string()).collect())
        } else {
            let unknown: Vec<&str> = tokens
                .iter()
                .filter(|t| def.category(t).is_none() && !entries.iter().any(|e| e.code == **t))
                .copied()
                .collect();
            return Err(if unknown.is_empty() {
                rust_i18n::t!("notation.mixed_targets", stage = stage)
            } else {
                rust_i18n::t!(
                    "notation.unknown_target",
                    targets = unknown.join("', '"),
                    stage = stage
                )
            }
            .into_owned());
        };
        out.insert(stage.to_string(), a);
    }
    Ok(out)
}

pub fn format_assignments(a: &BTreeMap<String, Assignment>) -> String {
    a.iter()
        .map(|(stage, a)| match a {
            Assignment::All => format!("{stage}=*"),
            Assignment::Categories(v) | Assignment::Entries(v) => {
                format!("{stage}={}", v.join(","))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn parse_conflicts(text: &str, entries: &[Entry]) -> Result<Vec<Conflict>, String> {
    let mut out = Vec::new();
    for clause in text.split(';').map(str::trim).filter(|c| !c.is_empty()) {
        let (head, reason) = match clause.rfind('(') {
            Some(i) if clause.ends_with(')') => {
                (clause[..i].trim(), clause[i + 1..clause.len() - 1].trim())
            }
            _ => (clause, ""),
        };
        if reason.is_empty() {
            return Err(
                rust_i18n::t!("notation.conflict_needs_reason", clause = clause).into_owned(),
            );
        }
        let target = match head.split_once(':') {
            Some(("entry", code)) => {
                let code = code.trim();
                if !entries.iter().any(|e| e.code == code) {
                    return Err(
                        rust_i18n::t!("notation.conflict_unknown_entry", code = code).into_owned(),
                    );
                }
                ConflictTarget::Entry(code.to_string())
            }
            Some(("institution", name)) if !name.trim().is_empty() => {
                ConflictTarget::Institution(name.trim().to_string())
            }
            _ => return Err(rust_i18n::t!("notation.conflict_form", clause = clause).into_owned()),
        };
        out.push(Conflict {
            target,
            reason: reason.to_string(),
        });
    }
    Ok(out)
}

pub fn format_conflicts(c: &[Conflict]) -> String {
    c.iter()
        .map(|c| match &c.target {
            ConflictTarget::Entry(e) => format!("entry:{e} ({})", c.reason),
            ConflictTarget::Institution(i) => format!("institution:{i} ({})", c.reason),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
