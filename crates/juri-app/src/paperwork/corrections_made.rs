//! The corrections a berita acara perubahan lists: every correction recorded between the stage's
//! re-opening and the decision the minutes print (or now, for a stage still being decided
//! again) that touches the stage — its own corrections, and those of an entry it ranks — each
//! with when, what, before → after, and its own reason, from the `corrections` rows.

use std::collections::HashSet;

use juri_core::model::{Decision, Juror};
use juri_report::{Corrected, CorrectionMade, DecisionMade, EntryField, FieldChange, JurorRef};
use juri_store::{CorrectionRow, Tx};
use serde_json::Value;

use super::common::dec;
use crate::chair::{finalised_again, Chair, Snapshot};
use crate::error::AppError;

impl Chair {
    /// The corrections recorded on `stage` after version `reopened` was re-opened and before
    /// version `decided` was finalised (until now when `None`), in the order made. `entries`
    /// are the entries the stage ranks: a correction of one of them counts too. Jurors are named
    /// as `panel` names them (the panel as it sat, for a finalised stage).
    pub(super) fn corrections_made(
        &self,
        snap: &Snapshot,
        panel: &[Juror],
        stage: &str,
        reopened: i64,
        decided: Option<i64>,
        entries: &HashSet<&str>,
    ) -> Result<Vec<CorrectionMade>, AppError> {
        let tx = self.db.read();
        let all = tx.corrections(None, None)?;
        let Some(start) = all.iter().find(|c| {
            c.kind == "reopen"
                && c.stage.as_deref() == Some(stage)
                && json(&c.before)["version"].as_i64() == Some(reopened)
        }) else {
            return Ok(Vec::new());
        };
        let end = match decided {
            Some(v) => tx.audit_line_after(
                start.audit_id,
                "finalize",
                &format!("{}{v},", finalised_again(stage)),
            )?,
            None => None,
        };
        let zone = snap.definition.competition.zone();
        let time_zone = juri_core::zone::zone_label(zone);
        let mut out = Vec::new();
        for c in all
            .iter()
            .filter(|c| c.audit_id > start.audit_id && end.is_none_or(|e| c.audit_id < e))
        {
            let touches = match (&c.stage, &c.entry) {
                (Some(s), _) => s == stage,
                (None, Some(e)) => entries.contains(e.as_str()),
                (None, None) => false,
            };
            if !touches {
                continue;
            }
            let Some(what) = corrected(&tx, snap, panel, c)? else {
                continue;
            };
            out.push(CorrectionMade {
                at: crate::local_time(&c.at, zone).unwrap_or_default(),
                time_zone: time_zone.clone(),
                what,
                reason: c.reason.clone(),
            });
        }
        Ok(out)
    }
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// What one correction changed, as the minutes name it (`None` for a kind they do not list).
fn corrected(
    tx: &Tx<'_>,
    snap: &Snapshot,
    panel: &[Juror],
    c: &CorrectionRow,
) -> Result<Option<Corrected>, AppError> {
    let (before, after) = (json(&c.before), json(&c.after));
    let entry = c.entry.clone().unwrap_or_default();
    let decision = |id: i64| -> Result<DecisionMade, AppError> {
        let (_, d) = tx.decision(id)?.ok_or_else(|| {
            AppError::Damaged(format!(
                "correction {} names decision {id}, which is not kept",
                c.id
            ))
        })?;
        Ok(match d {
            Decision::TieOrder { entries, .. } => DecisionMade::Tie { entries },
            Decision::Exception { juror, entry, .. } => DecisionMade::Exception { juror, entry },
            Decision::Unscored { entry, .. } => DecisionMade::Unscored { entry },
            Decision::Disqualify { entry, .. } => DecisionMade::Disqualification { entry },
        })
    };
    let score = |v: &Value| {
        v["score"]
            .as_str()
            .and_then(|s| juri_core::Fixed::parse(s).ok())
            .map(dec)
    };
    let juror = |id: &str| JurorRef {
        id: id.to_string(),
        name: panel
            .iter()
            .find(|j| j.id == id)
            .map(|j| j.name.clone())
            .unwrap_or_default(),
    };
    Ok(Some(match c.kind.as_str() {
        "score" => Corrected::Score {
            juror: text(&before["juror"]),
            entry,
            criterion: text(&before["criterion"]),
            before: score(&before),
            after: score(&after),
        },
        "revoke" => Corrected::DecisionRevoked {
            number: before["decision"].as_i64().unwrap_or_default(),
            decision: decision(before["decision"].as_i64().unwrap_or_default())?,
        },
        "replace" => Corrected::DecisionReplaced {
            number: before["decision"].as_i64().unwrap_or_default(),
            decision: decision(before["decision"].as_i64().unwrap_or_default())?,
            new_number: after["decision"].as_i64().unwrap_or_default(),
            new_decision: decision(after["decision"].as_i64().unwrap_or_default())?,
        },
        "withdraw" => Corrected::Withdrawn { entry },
        "restore" => Corrected::Restored { entry },
        "entry" => Corrected::EntryEdited {
            entry,
            changes: [
                ("title", EntryField::Title),
                ("institution", EntryField::Institution),
                ("category", EntryField::Category),
            ]
            .into_iter()
            .filter(|(f, _)| after.get(*f).is_some())
            .map(|(f, field)| FieldChange {
                field,
                before: text(&before[f]),
                after: text(&after[f]),
            })
            .collect(),
        },
        juri_store::REPLACE_JUROR => {
            let r = juri_store::replacement_from_after(&c.after)?;
            Corrected::JurorReplaced {
                departing: juror(&r.departing),
                replacement: juror(&r.replacement),
                kept: r.counts_departing.then_some(r.kept),
            }
        }
        "review" => {
            let because = text(&before["because"]);
            Corrected::Reviewed {
                because: snap
                    .definition
                    .stage(&because)
                    .map_or(because.clone(), |s| s.name.clone()),
            }
        }
        _ => return Ok(None),
    }))
}
