//! What a rebuild checks beside the merged records: every stage snapshot and every correction
//! re-derived from what was kept.
//!
//! - A snapshot holds what its stage was decided on (the panel as it sat, the entries, every score
//!   sheet, the decisions in force, the definition version). Its stage's results are computed
//!   again from it alone — with the results then in force of the stages before it, for a final's
//!   components and `stage:` tie-breaks — and must be the results frozen for that version, with
//!   each sheet counted exactly when a juror total of it was; a screening stage's snapshot must
//!   name the pool and the failures its frozen results do.
//! - A correction is recorded with its before and after: each must agree with the history it
//!   left — the superseded version a re-opening kept, the revocation and the new decision, the
//!   paper cell of a corrected score in the journal, the juror replacement the panel is seated
//!   from — and with its line in the audit log.
//!
//! A snapshot reconstructed at an upgrade (built from the data then, not when the stage was
//! decided) is re-derived too, but a difference is reported apart: it does not make a rebuild
//! differ.

use rust_i18n::t;
use std::collections::{BTreeMap, HashMap, HashSet};

use juri_core::model::{Cell, Decision, Entry, Juror};
use juri_core::results::{self, StageInput, StageResults};
use juri_core::{Definition, StageKind};
use juri_store::{frozen::results_to_row, CorrectionRow, StageSnapshot, StoredSnapshot, Tx};
use serde_json::Value;

use crate::chair::{seated_juror, snapshot_entry, Snapshot};
use crate::definition::toml_definition;
use crate::error::AppError;

/// What re-deriving found.
#[derive(Debug, Default)]
pub(crate) struct Rederived {
    /// Snapshots re-derived, reconstructed ones included.
    pub snapshots: usize,
    /// Of them, snapshots reconstructed at an upgrade.
    pub reconstructed: usize,
    pub corrections: usize,
    /// Every snapshot or correction that did not re-derive, in words.
    pub differences: Vec<String>,
    /// Reconstructed snapshots that do not re-derive the results frozen before the upgrade.
    pub reconstructed_differences: Vec<String>,
}

/// Re-derives every snapshot and every correction kept in the database.
pub(crate) fn rederive(tx: &Tx<'_>, snap: &Snapshot) -> Result<Rederived, AppError> {
    let mut out = Rederived::default();
    snapshots(tx, &mut out)?;
    corrections(tx, snap, &mut out)?;
    Ok(out)
}

/// The frozen results of one version of a stage, as kept.
pub(crate) fn results_of(
    tx: &Tx<'_>,
    stage_id: i64,
    version: i64,
) -> Result<Option<StageResults>, AppError> {
    if tx.finalized_version(stage_id)? == Some(version) {
        return Ok(tx.finalized(stage_id)?.map(|(_, r)| r));
    }
    Ok(tx
        .superseded(stage_id)?
        .into_iter()
        .find(|r| r.version == version)
        .map(|r| r.results))
}

fn snapshots(tx: &Tx<'_>, out: &mut Rederived) -> Result<(), AppError> {
    let kept = tx.stage_snapshots()?;
    let mut definitions: HashMap<i64, Option<Definition>> = HashMap::new();
    for (at, s) in kept.iter().enumerate() {
        out.snapshots += 1;
        if s.reconstructed {
            out.reconstructed += 1;
        }
        let name = t!(
            "rebuild.snapshot",
            stage = s.snapshot.stage,
            version = s.version
        );
        let difference = match check_snapshot(tx, &kept[..at], s, &mut definitions)? {
            None => continue,
            Some(d) => format!("{name}: {d}"),
        };
        if s.reconstructed {
            out.reconstructed_differences.push(difference);
        } else {
            out.differences.push(difference);
        }
    }
    Ok(())
}

/// What does not re-derive in one snapshot (`before` are the snapshots written before it).
fn check_snapshot(
    tx: &Tx<'_>,
    before: &[StoredSnapshot],
    s: &StoredSnapshot,
    definitions: &mut HashMap<i64, Option<Definition>>,
) -> Result<Option<String>, AppError> {
    let Some(frozen) = results_of(tx, s.stage_id, s.version)? else {
        return Ok(Some(t!("rebuild.results_not_kept").into_owned()));
    };
    let version = s.snapshot.definition_version;
    if let std::collections::hash_map::Entry::Vacant(slot) = definitions.entry(version) {
        slot.insert(match tx.definition_at(version)? {
            Some(text) => Some(toml_definition(&text)?),
            None => None,
        });
    }
    let Some(def) = definitions.get(&version).and_then(Option::as_ref) else {
        return Ok(Some(
            t!("rebuild.definition_not_kept", version = version).into_owned(),
        ));
    };
    let code = &s.snapshot.stage;
    let Some(k) = def.stage_index(code) else {
        return Ok(Some(
            t!(
                "rebuild.definition_lacks_stage",
                version = version,
                stage = code
            )
            .into_owned(),
        ));
    };
    if def.stages[k].kind == StageKind::Screening {
        return Ok(snapshot_differs(
            def,
            k,
            &s.snapshot,
            &frozen,
            BTreeMap::new(),
            false,
        ));
    }
    // The results in force of every earlier stage when this one was decided: the version of
    // each whose snapshot was the last written before this one.
    let codes = tx.stage_codes()?;
    let mut earlier: BTreeMap<String, StageResults> = BTreeMap::new();
    for st in &def.stages[..k] {
        let Some((&sid, _)) = codes.iter().find(|(_, c)| **c == st.id) else {
            continue;
        };
        let then = before.iter().rev().find(|b| b.stage_id == sid);
        let version = match then {
            Some(b) => Some(b.version),
            None => tx.finalized_version(sid)?,
        };
        if let Some(r) = match version {
            Some(v) => results_of(tx, sid, v)?,
            None => None,
        } {
            earlier.insert(st.id.clone(), r);
        }
    }
    Ok(snapshot_differs(
        def,
        k,
        &s.snapshot,
        &frozen,
        earlier,
        false,
    ))
}

/// What does not re-derive in the snapshot `s` of stage `k` of `def`, given the results
/// `frozen` for its version and the results then in force of the stages before it (`earlier`,
/// by stage code). `None` when it re-derives; with `name_entry`, a difference in the results
/// names the first entry whose row differs. Shared by the rebuild and `juri audit`.
pub(crate) fn snapshot_differs(
    def: &Definition,
    k: usize,
    s: &StageSnapshot,
    frozen: &StageResults,
    mut earlier: BTreeMap<String, StageResults>,
    name_entry: bool,
) -> Option<String> {
    let stage = &def.stages[k];
    if stage.kind == StageKind::Screening {
        return screening_differs(s, frozen);
    }
    for st in &def.stages[..k] {
        if let Some(r) = earlier.get_mut(&st.id) {
            r.number_awards(st);
        }
    }
    let derived = derive(def, stage, s, &earlier);
    let (Ok(a), Ok(b)) = (results_to_row(&derived), results_to_row(frozen)) else {
        return Some(t!("rebuild.results_differ").into_owned());
    };
    if a != b {
        let text = t!("rebuild.results_differ").into_owned();
        return Some(
            match first_row_differing(&derived, frozen).filter(|_| name_entry) {
                Some(entry) => format!(
                    "{text} ({})",
                    t!("rebuild.first_entry_differing", entry = entry)
                ),
                None => text,
            },
        );
    }
    let counted: HashSet<(&str, &str)> = frozen
        .rows()
        .flat_map(|r| {
            r.juror_totals
                .iter()
                .map(move |t| (r.entry.as_str(), t.juror.as_str()))
        })
        .collect();
    if let Some(sheet) = s
        .sheets
        .iter()
        .find(|x| x.counted != counted.contains(&(x.entry.as_str(), x.juror.as_str())))
    {
        return Some(
            if sheet.counted {
                t!(
                    "rebuild.sheet_counted_not_in_results",
                    juror = sheet.juror,
                    entry = sheet.entry
                )
            } else {
                t!(
                    "rebuild.sheet_uncounted_in_results",
                    juror = sheet.juror,
                    entry = sheet.entry
                )
            }
            .into_owned(),
        );
    }
    None
}

/// The first entry (in the results' order) whose row differs between `a` and `b`.
fn first_row_differing(a: &StageResults, b: &StageResults) -> Option<String> {
    let rows = |r: &StageResults| -> BTreeMap<String, String> {
        r.rows()
            .map(|row| (row.entry.clone(), format!("{row:?}")))
            .collect()
    };
    let (ra, rb) = (rows(a), rows(b));
    b.rows()
        .map(|r| r.entry.clone())
        .chain(a.rows().map(|r| r.entry.clone()))
        .find(|e| ra.get(e) != rb.get(e))
}

/// The stage's results computed from the snapshot alone.
fn derive(
    def: &Definition,
    stage: &juri_core::StageDef,
    s: &StageSnapshot,
    earlier: &BTreeMap<String, StageResults>,
) -> StageResults {
    let entries: Vec<Entry> = s.entries.iter().map(snapshot_entry).collect();
    let jurors: Vec<Juror> = s.panel.iter().map(|p| seated_juror(p, &s.stage)).collect();
    let pool: Vec<u32> = (0..s.entries.len() as u32)
        .filter(|&i| s.entries[i as usize].in_pool)
        .collect();
    let entry_at: HashMap<&str, u32> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.code.as_str(), i as u32))
        .collect();
    let juror_at: HashMap<&str, u32> = jurors
        .iter()
        .enumerate()
        .map(|(i, j)| (j.id.as_str(), i as u32))
        .collect();
    let criteria = stage.criteria();
    let mut cells = Vec::new();
    let mut submitted = Vec::new();
    for sheet in &s.sheets {
        let (Some(&e), Some(&j)) = (
            entry_at.get(sheet.entry.as_str()),
            juror_at.get(sheet.juror.as_str()),
        ) else {
            continue;
        };
        for (code, value) in &sheet.scores {
            cells.push(Cell {
                entry: e,
                juror: j,
                criterion: criteria
                    .iter()
                    .position(|c| c.id == *code)
                    .map_or(u16::MAX, |p| p as u16),
                value: juri_core::Fixed(*value),
            });
        }
        if sheet.submitted_at.is_some() {
            submitted.push((e, j));
        }
    }
    let decisions: Vec<Decision> = s.decisions.iter().map(|d| d.decision.clone()).collect();
    results::compute(&StageInput {
        definition: def,
        stage,
        entries: &entries,
        jurors: &jurors,
        pool: &pool,
        cells: &cells,
        submitted: &submitted,
        decisions: &decisions,
        earlier,
        method: None,
    })
}

/// A screening stage's snapshot names the pool and the failures its frozen results do.
fn screening_differs(s: &StageSnapshot, frozen: &StageResults) -> Option<String> {
    let rows: BTreeMap<&str, &Option<String>> = frozen
        .rows()
        .map(|r| (r.entry.as_str(), &r.disqualified))
        .collect();
    let pool: BTreeMap<&str, &Option<String>> = s
        .entries
        .iter()
        .filter(|e| e.in_pool)
        .map(|e| (e.code.as_str(), &e.disqualified))
        .collect();
    (rows != pool).then(|| t!("rebuild.screening_differs").into_owned())
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// The action of a correction's line in the audit log.
fn action_of(kind: &str) -> &str {
    match kind {
        "score" => "correct-score",
        "entry" => "edit-entry",
        other => other,
    }
}

fn corrections(tx: &Tx<'_>, snap: &Snapshot, out: &mut Rederived) -> Result<(), AppError> {
    let journal = tx.journal()?;
    for c in tx.corrections(None, None)? {
        out.corrections += 1;
        if let Some(d) = check_correction(tx, snap, &journal, &c)? {
            out.differences.push(format!(
                "{}: {d}",
                t!("rebuild.correction", id = c.id, kind = c.kind, at = c.at)
            ));
        }
    }
    Ok(())
}

/// What does not agree in one correction.
fn check_correction(
    tx: &Tx<'_>,
    snap: &Snapshot,
    journal: &[juri_store::JournalRow],
    c: &CorrectionRow,
) -> Result<Option<String>, AppError> {
    match tx.audit_line(c.audit_id)? {
        Some(line) if line.action == action_of(&c.kind) && line.at == c.at => {}
        _ => return Ok(Some(t!("rebuild.audit_line_missing").into_owned())),
    }
    let (before, after) = (json(&c.before), json(&c.after));
    if before.is_null() || after.is_null() {
        return Ok(Some(t!("rebuild.before_after_unreadable").into_owned()));
    }
    let stage_id = match c.stage.as_deref() {
        Some(code) => tx.stage_id(code)?,
        None => None,
    };
    Ok(match c.kind.as_str() {
        "reopen" => {
            let version = before["version"].as_i64().unwrap_or_default();
            let kept = match stage_id {
                Some(sid) => tx
                    .superseded(sid)?
                    .into_iter()
                    .any(|r| r.version == version && r.reopened_at == c.at && r.reason == c.reason),
                None => false,
            };
            (!kept).then(|| t!("rebuild.reopen_not_kept", version = version).into_owned())
        }
        "review" => (before["needs_review"] != Value::Bool(true)
            || after["needs_review"] != Value::Bool(false))
        .then(|| t!("rebuild.not_a_review").into_owned()),
        "revoke" | "replace" => {
            let id = before["decision"].as_i64().unwrap_or_default();
            let revoked = tx.revocation(id)?;
            if !revoked.is_some_and(|(at, reason, _)| at == c.at && reason == c.reason) {
                Some(t!("rebuild.not_revoked", id = id).into_owned())
            } else if c.kind == "replace" {
                let new = after["decision"].as_i64().unwrap_or_default();
                tx.decision(new)?
                    .is_none_or(|(at, _)| at != c.at)
                    .then(|| t!("rebuild.replacement_not_made", id = new).into_owned())
            } else {
                None
            }
        }
        "withdraw" | "restore" => {
            let withdraw = c.kind == "withdraw";
            (before["withdrawn"] != Value::Bool(!withdraw)
                || after["withdrawn"] != Value::Bool(withdraw))
            .then(|| t!("rebuild.not_withdrawal").into_owned())
        }
        "entry" => {
            let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
                return Ok(Some(t!("rebuild.not_entry_fields").into_owned()));
            };
            let fields: Vec<&String> = b.keys().collect();
            (fields.is_empty()
                || fields != a.keys().collect::<Vec<_>>()
                || b.iter().any(|(k, v)| a.get(k) == Some(v)))
            .then(|| t!("rebuild.fields_differ").into_owned())
        }
        "score" => score_differs(snap, journal, c, &after),
        juri_store::REPLACE_JUROR => {
            let r = juri_store::replacement_from_after(&c.after)?;
            let known = |id: &str| snap.juror_index(id).is_some();
            if !known(&r.departing) || !known(&r.replacement) {
                Some(t!("rebuild.unknown_juror").into_owned())
            } else if r.stages.first() != Some(&r.stage) || c.stage.as_deref() != Some(&r.stage) {
                Some(t!("rebuild.stages_not_from_stage").into_owned())
            } else if !r.counts_departing && !r.kept.is_empty() {
                Some(t!("rebuild.keeps_uncounted").into_owned())
            } else if r.kept.iter().any(|e| snap.entry_index(e).is_none()) {
                Some(t!("rebuild.keeps_unknown_entry").into_owned())
            } else if !snap.replacements.contains(&r) {
                Some(t!("rebuild.panel_not_seated").into_owned())
            } else {
                None
            }
        }
        other => Some(t!("rebuild.unknown_correction_kind", kind = other).into_owned()),
    })
}

/// A corrected paper score is in the journal: the paper import written with the correction holds
/// the cell at the revision and value the correction says.
fn score_differs(
    snap: &Snapshot,
    journal: &[juri_store::JournalRow],
    c: &CorrectionRow,
    after: &Value,
) -> Option<String> {
    let key = (|| {
        let stage = snap.stage_ref(c.stage.as_deref()?).ok()?;
        let entry = snap.entry_ids[snap.entry_index(c.entry.as_deref()?)?];
        let juror = snap.juror_ids[snap.juror_index(after["juror"].as_str()?)?];
        let criterion = *snap
            .criterion_rows(stage)
            .iter()
            .find(|(_, code)| after["criterion"].as_str() == Some(code.as_str()))?
            .0;
        Some([snap.row(stage), entry, juror, criterion])
    })();
    let Some(key) = key else {
        return Some(t!("rebuild.cell_unknown").into_owned());
    };
    let value = after["score"]
        .as_str()
        .and_then(|s| juri_core::Fixed::parse(s).ok())
        .map(|f| f.raw());
    let revision = after["revision"].as_i64();
    let journaled = journal
        .iter()
        .filter(|j| j.kind == "paper" && j.at == c.at)
        .any(|j| {
            crate::chair::paper_journal::paper_cell(&j.body, key)
                .is_some_and(|(v, r)| v == value && Some(r) == revision)
        });
    (!journaled).then(|| t!("rebuild.no_paper_cell").into_owned())
}
