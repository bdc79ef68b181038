//! Rebuilding the chair's merged records from what was kept: every imported bundle, every paper
//! import and every ruling on a conflict, replayed in the order they happened. Merging is a join
//! (order-independent among bundles), paper imports and rulings are replayed exactly, so the
//! rebuilt records — and with them every result — are identical. Every stage snapshot and every
//! correction is re-derived too (`rederive.rs`).

use rust_i18n::t;
use std::collections::HashMap;

use juri_bundle::Fingerprint;
use juri_core::Fixed;
use juri_store::Tx;
use serde::Serialize;

use crate::chair::paper_journal::replay_paper;
use crate::chair::Chair;
use crate::error::AppError;
use crate::roundtrip::conflicts::apply_ruling;
use crate::roundtrip::conflicts::Names;
use crate::roundtrip::merge_engine::{read_all, Index, ReadResult, Reader};
use crate::roundtrip::merge_plan::{write, Plan};
use crate::roundtrip::records::StoreRecords;
use crate::roundtrip::rederive::rederive;

/// What a rebuild found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RebuildReport {
    pub merges: usize,
    pub bundles: usize,
    pub paper_imports: usize,
    pub rulings: usize,
    /// Rulings that a later, higher revision had already superseded.
    pub rulings_superseded: usize,
    /// Score cells, notes and submission states after the rebuild.
    pub records: usize,
    /// SHA-256 over every merged record before and after.
    pub digest_before: String,
    pub digest_after: String,
    /// Stage snapshots re-derived: each one's results computed again from it alone.
    pub snapshots: usize,
    /// Of them, snapshots reconstructed at an upgrade (from the data then, not as decided).
    pub snapshots_reconstructed: usize,
    /// Corrections re-derived: each one's before and after against the history it left.
    pub corrections: usize,
    /// Every snapshot or correction that did not re-derive, in words.
    pub differences: Vec<String>,
    /// Reconstructed snapshots whose data no longer gives the results frozen before the upgrade
    /// (reported, not counted as a difference).
    pub reconstructed_differences: Vec<String>,
    /// The records are the same before and after, and every snapshot and correction re-derives.
    pub identical: bool,
    /// Whether the rebuilt records were kept (false with `check_only`).
    pub applied: bool,
}

/// SHA-256 over every merged record and conflict row, in key order; and how many records.
pub(crate) fn records_digest(tx: &Tx<'_>) -> Result<(String, usize), AppError> {
    let mut text = String::new();
    let mut n = 0;
    for c in tx.cells(None, None, None)? {
        n += 1;
        let v = c.value.map(|v| Fixed(v).to_plain()).unwrap_or_default();
        text += &format!(
            "s {} {} {} {} {v} {:?} {} {} {}\n",
            c.stage_id,
            c.entry_id,
            c.juror_id,
            c.criterion_id,
            c.comment,
            c.revision,
            c.updated_at,
            c.source
        );
    }
    for r in tx.notes()? {
        n += 1;
        text += &format!(
            "n {} {} {} {:?} {} {}\n",
            r.stage_id, r.entry_id, r.juror_id, r.value, r.revision, r.updated_at
        );
    }
    for (stage, entry, juror, photos) in tx.notes_with_photos()? {
        text += &format!("p {stage} {entry} {juror} {photos}\n");
    }
    for r in tx.submissions()? {
        n += 1;
        text += &format!(
            "u {} {} {} {} {} {}\n",
            r.stage_id, r.entry_id, r.juror_id, r.value, r.revision, r.updated_at
        );
    }
    for c in tx.conflict_rows()? {
        text += &format!(
            "c {} {:?} {} {} {}\n",
            c.kind.as_str(),
            c.key,
            c.revision,
            c.chosen_by_chair,
            c.rivals
        );
    }
    Ok((Fingerprint::of(text.as_bytes()).to_hex(), n))
}

/// Merges again the bundles one journaled merge imported, with the planner of every merge.
fn replay_merge(
    tx: &Tx<'_>,
    stored: &[(String, Vec<u8>)],
    keys: &juri_bundle::ChairKeys,
    competition: &str,
    ix: &Index<'_>,
    names: &Names,
) -> Result<(), AppError> {
    let records = StoreRecords::new(tx)?;
    let mut plan = Plan::default();
    let mut failed = Vec::new();
    let mut lookup = None;
    let load = |i: usize| Ok(stored[i].1.clone());
    let known = HashMap::new();
    let reader = Reader {
        chair: keys,
        competition,
        ix,
        known: &known,
        validate: false,
        accept_retired: &[],
    };
    read_all(stored.len(), &load, &reader, None, |i, r| match r {
        ReadResult::Accepted(b) => {
            if let Err(e) = plan.absorb(b.records, &records) {
                lookup.get_or_insert(e);
            }
        }
        ReadResult::Rejected(_, p) => {
            failed.push(format!("{}: {}", stored[i].0, p.shown.join("; ")))
        }
        // Not without validation: a rebuild replays what the chair accepted.
        ReadResult::Held(h) => failed.push(format!("{}: {}", stored[i].0, h.said.shown.join("; "))),
        ReadResult::Known(..) => {}
    });
    if let Some(e) = lookup {
        return Err(e);
    }
    if !failed.is_empty() {
        return Err(AppError::Damaged(
            t!(
                "rebuild.bundles_do_not_verify",
                bundles = failed.join("\n  ")
            )
            .into_owned(),
        ));
    }
    write(plan, names, tx)?;
    Ok(())
}

/// Marks a rebuild that is only checked, so its transaction is rolled back.
struct CheckOnly(Box<RebuildReport>);

enum Failure {
    App(AppError),
    Check(CheckOnly),
}

impl From<juri_store::StoreError> for Failure {
    fn from(e: juri_store::StoreError) -> Self {
        Failure::App(e.into())
    }
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Failure::App(e)
    }
}

impl Chair {
    /// Re-derives the scores, notes and submission states from the stored bundles, paper imports
    /// and rulings, in one transaction, and says whether the result is identical to what was
    /// there. With `check_only` the rebuilt records are compared and then discarded.
    #[tracing::instrument(name = "rebuild", skip(self))]
    pub fn rebuild(&mut self, check_only: bool) -> Result<RebuildReport, AppError> {
        let keys = self.stored_chair_keys()?;
        let snap = self.snapshot()?;
        let competition = snap.definition.competition.id.clone();
        let result = self.db.write(|tx| -> Result<RebuildReport, Failure> {
            let (digest_before, _) = records_digest(tx)?;
            let rederived = rederive(tx, &snap)?;
            let ix = Index::new(tx, &snap)?;
            let names = Names::load(tx, &snap)?;
            tx.clear_merged()?;
            let mut report = RebuildReport {
                merges: 0,
                bundles: 0,
                paper_imports: 0,
                rulings: 0,
                rulings_superseded: 0,
                records: 0,
                digest_before,
                digest_after: String::new(),
                snapshots: rederived.snapshots,
                snapshots_reconstructed: rederived.reconstructed,
                corrections: rederived.corrections,
                differences: rederived.differences,
                reconstructed_differences: rederived.reconstructed_differences,
                identical: false,
                applied: !check_only,
            };
            for entry in tx.journal()? {
                match entry.kind.as_str() {
                    "merge" => {
                        let stored = tx.bundles_of_merge(entry.id)?;
                        if stored.is_empty() {
                            continue;
                        }
                        let keys = keys.as_ref().ok_or_else(|| {
                            AppError::Damaged(t!("rebuild.chair_keys_missing").into_owned())
                        })?;
                        report.merges += 1;
                        report.bundles += stored.len();
                        replay_merge(tx, &stored, keys, &competition, &ix, &names)?;
                    }
                    "paper" => {
                        report.paper_imports += 1;
                        replay_paper(tx, &entry.body)?;
                    }
                    "resolve" => {
                        report.rulings += 1;
                        if apply_ruling(tx, &entry.body)?.is_err() {
                            report.rulings_superseded += 1;
                        }
                    }
                    _ => {}
                }
            }
            let (digest_after, records) = records_digest(tx)?;
            report.identical =
                digest_after == report.digest_before && report.differences.is_empty();
            report.digest_after = digest_after;
            report.records = records;
            if check_only {
                return Err(Failure::Check(CheckOnly(Box::new(report))));
            }
            let now = crate::now();
            tx.audit(
                &now,
                "rebuild",
                &format!(
                    "records rebuilt from {} bundles, {} paper imports and {} rulings, {} snapshots and {} corrections re-derived: {}",
                    report.bundles,
                    report.paper_imports,
                    report.rulings,
                    report.snapshots,
                    report.corrections,
                    if report.identical {
                        "identical"
                    } else {
                        "DIFFERENT from before"
                    }
                ),
            )?;
            Ok(report)
        });
        match result {
            Ok(report) => Ok(report),
            Err(Failure::Check(CheckOnly(report))) => Ok(*report),
            Err(Failure::App(e)) => Err(e),
        }
    }
}
