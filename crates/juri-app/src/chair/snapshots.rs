//! Stage snapshots: what a finalised stage was decided on — the definition version, the panel as
//! it sat (names, roles, institutions, NIPs, who was active, each member's assignment in the
//! stage and conflicts of interest), the entries with their data, every score sheet with its
//! source, and the decisions in force. Written with the frozen results when a stage is finalised
//! ([`Chair::finalize`]); every later print of the stage's documents comes from it. A stage
//! finalised in a database from before snapshots gets one built from the data as it stands, the
//! first time the database is opened, marked reconstructed.

use std::collections::{BTreeMap, HashMap, HashSet};

use juri_core::model::{Conflict, Entry, Juror};
use juri_core::results::StageResults;
use juri_store::{Seat, SnapshotDecision, SnapshotEntry, SnapshotSheet, StageSnapshot};

use super::competition::{Chair, Snapshot, StageRef};
use crate::error::AppError;

/// Every recusal of an active juror from an entry: in `stage` (a scored stage's assignments),
/// or in the whole competition when `stage` is `None`. The recusal lists and the snapshot that
/// keeps what they name both come through here.
pub(crate) fn recused<'a>(
    jurors: &'a [Juror],
    entries: &'a [Entry],
    stage: Option<&'a str>,
) -> impl Iterator<Item = (&'a Juror, &'a Entry, &'a Conflict)> + 'a {
    jurors.iter().filter(|j| j.active).flat_map(move |j| {
        entries.iter().filter_map(move |e| {
            if stage.is_some_and(|s| !j.assignments.get(s).is_some_and(|a| a.covers(e))) {
                return None;
            }
            j.recusal(e).map(|c| (j, e, c))
        })
    })
}

/// A panel member of a snapshot as the core's juror: assigned in `stage` only.
pub(crate) fn seated_juror(seat: &Seat, stage: &str) -> Juror {
    Juror {
        id: seat.juror.clone(),
        name: seat.name.clone(),
        affiliation: seat.affiliation.clone(),
        role: seat.role,
        assignments: seat
            .assignment
            .iter()
            .map(|a| (stage.to_string(), a.clone()))
            .collect(),
        conflicts: seat.conflicts.clone(),
        active: seat.active,
    }
}

/// An entry of a snapshot as the core's entry (without its description, which no document
/// prints).
pub(crate) fn snapshot_entry(e: &SnapshotEntry) -> Entry {
    Entry {
        code: e.code.clone(),
        title: e.title.clone(),
        institution: e.institution.clone(),
        category: e.category.clone(),
        rintisan: e.rintisan,
        description: String::new(),
        withdrawn: e.withdrawn,
    }
}

/// The fingerprint of each juror's latest imported bundle, by juror row: of its signed content, or
/// of its file for a bundle imported before content fingerprints were kept (so snapshots made then
/// re-derive identically). A bundle holds the juror's full state, so every score merged from
/// bundles came in that one, as the juror's printed sheets say.
pub(crate) fn latest_bundles(tx: &juri_store::Tx<'_>) -> Result<HashMap<i64, String>, AppError> {
    let mut latest: HashMap<i64, (i64, i64, String)> = HashMap::new();
    for b in tx.bundles()? {
        let newer = latest
            .get(&b.juror_id)
            .is_none_or(|(s, j, _)| (b.sequence, b.journal_id) >= (*s, *j));
        if newer {
            let shown = b.sheet_fingerprint().to_string();
            latest.insert(b.juror_id, (b.sequence, b.journal_id, shown));
        }
    }
    Ok(latest.into_iter().map(|(j, (_, _, f))| (j, f)).collect())
}

impl Chair {
    /// The snapshot of `stage` from the data as it stands in `snap` and the database, with
    /// `results` the stage's results (being frozen, or frozen). Reads only.
    pub(crate) fn stage_snapshot(
        &self,
        snap: &Snapshot,
        stage: StageRef,
        results: &StageResults,
    ) -> Result<StageSnapshot, AppError> {
        let code = snap.def(stage).id.clone();
        let sid = snap.row(stage);
        let tx = self.db.read();
        let nips = tx.juror_nips()?;
        let panel: Vec<Seat> = snap
            .jurors
            .iter()
            .zip(&snap.juror_ids)
            .map(|(j, row)| Seat {
                juror: j.id.clone(),
                name: j.name.clone(),
                role: j.role,
                affiliation: j.affiliation.clone(),
                nip: nips.get(row).cloned(),
                active: j.active,
                assignment: j.assignments.get(&code).cloned(),
                conflicts: j.conflicts.clone(),
            })
            .collect();

        // Every sheet of the stage: the cells (in entry, juror, criterion order), the note, when
        // it was submitted, and where its scores came from.
        let entry_code: HashMap<i64, &str> = snap
            .entry_ids
            .iter()
            .zip(&snap.entries)
            .map(|(id, e)| (*id, e.code.as_str()))
            .collect();
        let juror_code: HashMap<i64, &str> = snap
            .juror_ids
            .iter()
            .zip(&snap.jurors)
            .map(|(id, j)| (*id, j.id.as_str()))
            .collect();
        let criteria = snap.criterion_rows(stage);
        let counted: HashSet<(&str, &str)> = results
            .rows()
            .flat_map(|r| {
                r.juror_totals
                    .iter()
                    .map(move |t| (r.entry.as_str(), t.juror.as_str()))
            })
            .collect();
        let notes: HashMap<(i64, i64), String> = tx
            .notes()?
            .into_iter()
            .filter(|n| n.stage_id == sid && !n.value.is_empty())
            .map(|n| ((n.entry_id, n.juror_id), n.value))
            .collect();
        let submitted: HashMap<(i64, i64), String> = tx
            .submissions()?
            .into_iter()
            .filter(|s| s.stage_id == sid && s.value)
            .map(|s| ((s.entry_id, s.juror_id), s.updated_at))
            .collect();
        let latest = latest_bundles(&tx)?;
        let mut by_sheet: BTreeMap<(i64, i64), Vec<juri_store::CellRow>> = BTreeMap::new();
        for c in tx.cells(Some(sid), None, None)? {
            by_sheet
                .entry((c.entry_id, c.juror_id))
                .or_default()
                .push(c);
        }
        let mut sheets = Vec::new();
        for ((eid, jid), cells) in by_sheet {
            let (Some(entry), Some(juror)) = (entry_code.get(&eid), juror_code.get(&jid)) else {
                continue;
            };
            let source = if cells.iter().any(|c| c.source == "bundle") {
                latest.get(&jid).map_or("bundle".to_string(), Clone::clone)
            } else if cells.iter().all(|c| c.source == cells[0].source) {
                cells[0].source.clone()
            } else {
                "paper".to_string()
            };
            let code_of = |c: &juri_store::CellRow| criteria.get(&c.criterion_id).cloned();
            sheets.push(SnapshotSheet {
                entry: entry.to_string(),
                juror: juror.to_string(),
                counted: counted.contains(&(*entry, *juror)),
                source,
                scores: cells
                    .iter()
                    .filter_map(|c| Some((code_of(c)?, c.value?)))
                    .collect(),
                comments: cells
                    .iter()
                    .filter(|c| !c.comment.is_empty())
                    .filter_map(|c| Some((code_of(c)?, c.comment.clone())))
                    .collect(),
                note: notes.get(&(eid, jid)).cloned(),
                submitted_at: submitted.get(&(eid, jid)).cloned(),
            });
        }

        // The entries the stage's documents name: its pool, those a recusal names (in this
        // stage or, for a stage no juror scores, anywhere), those a sheet names.
        let pool: HashMap<&str, &Option<String>> = results
            .rows()
            .map(|r| (r.entry.as_str(), &r.disqualified))
            .collect();
        let named: HashSet<&str> = recused(&snap.jurors, &snap.entries, None)
            .map(|(_, e, _)| e.code.as_str())
            .chain(sheets.iter().map(|s| s.entry.as_str()))
            .collect();
        // A screening stage: the checklist items each entry met, when they were recorded.
        let met: HashMap<&str, Vec<String>> = tx
            .screening(sid)?
            .into_iter()
            .filter_map(|r| Some((*entry_code.get(&r.entry_id)?, r.met?)))
            .collect();
        let entries = snap
            .entries
            .iter()
            .filter(|e| pool.contains_key(e.code.as_str()) || named.contains(e.code.as_str()))
            .map(|e| SnapshotEntry {
                code: e.code.clone(),
                title: e.title.clone(),
                institution: e.institution.clone(),
                category: e.category.clone(),
                rintisan: e.rintisan,
                withdrawn: e.withdrawn,
                in_pool: pool.contains_key(e.code.as_str()),
                disqualified: pool.get(e.code.as_str()).and_then(|d| (*d).clone()),
                met: met.get(e.code.as_str()).cloned(),
            })
            .collect();

        let decisions = tx
            .decisions()?
            .into_iter()
            .filter(|(_, _, d)| d.stage() == code)
            .map(|(id, at, decision)| SnapshotDecision { id, at, decision })
            .collect();
        Ok(StageSnapshot {
            stage: code,
            definition_version: snap.definition_version,
            panel,
            entries,
            sheets,
            decisions,
        })
    }

    /// Gives every finalised stage whose version in force has no snapshot (finalised by a Juri
    /// from before snapshots) one built from the data as it stands, marked reconstructed, with a
    /// line in the audit log for each; in one transaction. Does nothing when every finalised
    /// stage has its snapshot. Returns the stages given one.
    pub(crate) fn reconstruct_snapshots(&self) -> Result<Vec<String>, AppError> {
        if self.db.read().finalized_without_snapshot()?.is_empty() {
            return Ok(Vec::new());
        }
        let now = crate::now();
        self.db.atomically(|| -> Result<Vec<String>, AppError> {
            let tx = self.db.read();
            // Checked again under the write lock: another process may have done it meanwhile.
            let missing = tx.finalized_without_snapshot()?;
            if missing.is_empty() {
                return Ok(Vec::new());
            }
            let snap = self.snapshot()?;
            let mut done = Vec::new();
            for (sid, version, at) in missing {
                // A stage no longer in the definition has no documents to print.
                let Some(stage) = snap.stage_refs().find(|&s| snap.row(s) == sid) else {
                    continue;
                };
                let Some((_, results)) = tx.finalized(sid)? else {
                    continue;
                };
                let content = self.stage_snapshot(&snap, stage, &results)?;
                tx.put_stage_snapshot(sid, version, &at, true, &content)?;
                tx.audit(
                    &now,
                    "snapshot",
                    &format!(
                        "snapshot of stage '{}' version {version} reconstructed from the data at upgrade",
                        content.stage
                    ),
                )?;
                done.push(content.stage);
            }
            Ok(done)
        })
    }
}
