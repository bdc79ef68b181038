//! Who and what a stage's documents name — the panel with its NIPs, the entries, the decisions,
//! the results and, for score sheets, the sheets. For a finalised stage they come from the
//! snapshot of the version printed (the version in force, or an earlier one asked for), under the
//! definition it was finalised under, so every later print reproduces the stage as it was
//! decided; for a stage still open (or a version without a snapshot), from today's data.

use std::collections::BTreeMap;

use juri_core::model::{Decision, Entry, Juror};
use juri_core::results::StageResults;
use juri_store::SnapshotSheet;

use crate::chair::{seated_juror, snapshot_entry, Chair, Snapshot};
use crate::error::AppError;

/// A stage as its documents print it.
pub(super) struct Sitting {
    /// The competition under the definition the snapshot was taken under, when that is not
    /// today's; see [`Sitting::snap`].
    under: Option<Snapshot>,
    /// The jurors: the panel as it sat, or today's.
    pub jurors: Vec<Juror>,
    /// NIP by juror id.
    pub nips: BTreeMap<String, String>,
    pub entries: Vec<Entry>,
    /// The chair's decisions on the stage in force, in the order made.
    pub decisions: Vec<Decision>,
    pub results: StageResults,
    /// The snapshot version printed; `None` when printed from today's data.
    pub version: Option<i64>,
    /// The snapshot's score sheets; `None` when printed from today's data.
    pub sheets: Option<Vec<SnapshotSheet>>,
    /// A screening stage: the checklist items each entry met, by entry code, for the entries
    /// whose items were recorded.
    pub met: BTreeMap<String, Vec<String>>,
}

impl Sitting {
    /// The competition the documents print: under the snapshot's definition, or `today`.
    pub fn snap<'a>(&'a self, today: &'a Snapshot) -> &'a Snapshot {
        self.under.as_ref().unwrap_or(today)
    }

    pub fn entry(&self, code: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.code == code)
    }

    pub fn juror_index(&self, id: &str) -> Option<usize> {
        self.jurors.iter().position(|j| j.id == id)
    }
}

impl Chair {
    /// How `stage` prints: from the snapshot of `version` (the version in force when `None`)
    /// when the stage has one, otherwise from today's data in `snap`.
    pub(super) fn sitting(
        &self,
        snap: &Snapshot,
        stage: &str,
        version: Option<i64>,
    ) -> Result<Sitting, AppError> {
        let sid = snap.row(snap.stage_ref(stage)?);
        let tx = self.db.read();
        let in_force = tx.finalized_version(sid)?;
        let kept = match version.or(in_force) {
            Some(v) => tx.stage_snapshot(sid, v)?,
            None => None,
        };
        let Some(kept) = kept else {
            // The NIPs of the document settings, by juror id.
            let nips = tx.juror_nips()?;
            let met = tx
                .screening(sid)?
                .into_iter()
                .filter_map(|r| {
                    let i = snap.entry_ids.iter().position(|&id| id == r.entry_id)?;
                    Some((snap.entries[i].code.clone(), r.met?))
                })
                .collect();
            return Ok(Sitting {
                under: None,
                jurors: snap.jurors.clone(),
                nips: snap
                    .juror_ids
                    .iter()
                    .zip(&snap.jurors)
                    .filter_map(|(row, j)| nips.get(row).map(|nip| (j.id.clone(), nip.clone())))
                    .collect(),
                entries: snap.entries.clone(),
                decisions: snap
                    .decisions
                    .iter()
                    .filter(|d| d.stage() == stage)
                    .cloned()
                    .collect(),
                results: self.results_in(snap, stage, None)?,
                version: None,
                sheets: None,
                met,
            });
        };
        let s = kept.snapshot;
        let under = (s.definition_version != snap.definition_version)
            .then(|| self.snapshot_under(Some(s.definition_version)))
            .transpose()?;
        let def_snap = under.as_ref().unwrap_or(snap);
        let results = if Some(kept.version) == in_force {
            self.results_in(def_snap, stage, None)?
        } else {
            // An earlier version, superseded when the stage was re-opened.
            let old = tx
                .superseded(sid)?
                .into_iter()
                .find(|r| r.version == kept.version)
                .ok_or_else(|| {
                    AppError::Damaged(format!(
                        "stage '{stage}' has a snapshot of version {} but not its results",
                        kept.version
                    ))
                })?;
            let mut results = StageResults {
                finalized_at: Some(old.at),
                ..old.results
            };
            results.number_awards(def_snap.stage(stage)?);
            results
        };
        Ok(Sitting {
            jurors: s.panel.iter().map(|p| seated_juror(p, stage)).collect(),
            nips: s
                .panel
                .iter()
                .filter_map(|p| p.nip.clone().map(|nip| (p.juror.clone(), nip)))
                .collect(),
            entries: s.entries.iter().map(snapshot_entry).collect(),
            met: s
                .entries
                .iter()
                .filter_map(|e| Some((e.code.clone(), e.met.clone()?)))
                .collect(),
            decisions: s.decisions.into_iter().map(|d| d.decision).collect(),
            results,
            version: Some(kept.version),
            sheets: Some(s.sheets),
            under,
        })
    }
}
