//! Scores typed from paper sheets. Every bad row is reported by its number, and nothing is imported
//! when any row is bad; a (juror, entry) sheet whose every criterion is filled counts as submitted —
//! the signed paper is the submission.

use rust_i18n::t;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use juri_core::decimal::Fixed;
use juri_core::definition::StageKind;
use juri_core::{pipeline, ScoreError};
use juri_store::Tx;

use super::competition::{Chair, Snapshot};
use super::imports::{fail, ImportReport};
use super::table::{get, Table};
use crate::error::{AppError, RowProblem};

/// The columns of a paper score file.
struct Columns {
    stage: usize,
    entry: usize,
    juror: usize,
    criterion: usize,
    score: usize,
    comment: Option<usize>,
}

/// One row, checked: the stage, the entry and juror (indices into the snapshot), the criterion,
/// the score (none for a blank cell) and the comment.
struct PaperScore {
    stage: String,
    entry: usize,
    juror: usize,
    criterion: String,
    value: Option<Fixed>,
    comment: String,
}

/// The stages named in the file: each scoring stage's pool of entries, and which are finalised.
struct Stages {
    pools: BTreeMap<String, HashSet<usize>>,
    finalized: BTreeSet<String>,
}

impl Chair {
    /// Scores typed from paper sheets: columns `stage, entry, juror, criterion, score` and
    /// optionally `comment`. A (juror, entry) sheet whose every criterion is filled counts as
    /// submitted — the signed paper is the submission.
    pub fn import_scores(&mut self, path: &Path) -> Result<ImportReport, AppError> {
        let table = Table::read(path)?;
        let cols = Columns {
            stage: table.require(&["stage", "tahap"])?,
            entry: table.require(&["entry", "inovasi", "kode"])?,
            juror: table.require(&["juror", "juri"])?,
            criterion: table.require(&["criterion", "kriteria"])?,
            score: table.require(&["score", "nilai", "skor"])?,
            comment: table.column(&["comment", "komentar", "catatan"]),
        };
        let snap = self.snapshot()?;
        let stages = self.stages_named(&snap, &table, &cols)?;
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        let mut rows = Vec::new();
        for (n, row) in &table.rows {
            match check_row(&snap, &stages, &cols, row, &mut seen) {
                Ok(score) => rows.push(score),
                Err(message) => problems.push(RowProblem { row: *n, message }),
            }
        }
        if table.rows.is_empty() {
            problems.push(RowProblem {
                row: 2,
                message: t!("import.no_scores").into_owned(),
            });
        }
        fail(&table, problems)?;
        let now = crate::now();
        let file = table.file.clone();
        self.db.write(|tx| -> Result<ImportReport, AppError> {
            let report = write_scores(tx, &snap, &rows, &now)?;
            crate::chair::paper_journal::record_paper_import(tx, &file, &now)?;
            tx.audit(
                &now,
                "scores",
                &format!(
                    "{file}: {} added, {} updated, {} unchanged (paper)",
                    report.added, report.updated, report.unchanged
                ),
            )?;
            Ok(report)
        })
    }

    /// The pool of every scoring stage the file names, and which of them are finalised.
    fn stages_named(
        &self,
        snap: &Snapshot,
        table: &Table,
        cols: &Columns,
    ) -> Result<Stages, AppError> {
        let def = &snap.definition;
        let mut stages = Stages {
            pools: BTreeMap::new(),
            finalized: BTreeSet::new(),
        };
        for (_, row) in &table.rows {
            let s = get(row, Some(cols.stage));
            if let (Some(k), false) = (def.stage_index(s), stages.pools.contains_key(s)) {
                let prev = if k == 0 {
                    None
                } else {
                    Some(self.results_in(snap, &def.stages[k - 1].id, None)?)
                };
                let pool = pipeline::pool(def, k, &snap.entries, prev.as_ref());
                stages.pools.insert(
                    s.to_string(),
                    pool.into_iter().map(|i| i as usize).collect(),
                );
                if self.ensure_open(s).is_err() {
                    stages.finalized.insert(s.to_string());
                }
            }
        }
        Ok(stages)
    }
}

/// Checks one row against the competition: the stage is an open scoring stage, the entry takes part
/// in it, the juror sits on the panel, is assigned and not recused, the criterion is the stage's, the
/// score is on its scale, and the cell appears once in the file.
fn check_row(
    snap: &Snapshot,
    stages: &Stages,
    cols: &Columns,
    row: &[String],
    seen: &mut BTreeSet<(String, String, String, String)>,
) -> Result<PaperScore, String> {
    let def = &snap.definition;
    let (s, e, j, c) = (
        get(row, Some(cols.stage)),
        get(row, Some(cols.entry)),
        get(row, Some(cols.juror)),
        get(row, Some(cols.criterion)),
    );
    let Some(stage) = def.stage(s) else {
        return Err(t!("error.unknown_stage", stage = s).into_owned());
    };
    if stage.kind != StageKind::Scoring {
        return Err(t!("refusal.stage_not_scored", stage = s).into_owned());
    }
    if stages.finalized.contains(s) {
        return Err(t!("import.stage_finalized", stage = s).into_owned());
    }
    let Some(ei) = snap.entry_index(e) else {
        return Err(t!("error.unknown_entry", entry = e).into_owned());
    };
    let Some(ji) = snap.juror_index(j) else {
        return Err(t!("error.unknown_juror", juror = j).into_owned());
    };
    let entry = &snap.entries[ei];
    let juror = &snap.jurors[ji];
    if !stages.pools.get(s).is_some_and(|pool| pool.contains(&ei)) {
        return Err(t!("import.entry_not_in_stage", entry = e, stage = s).into_owned());
    }
    if !juror.active {
        return Err(t!("import.juror_removed", juror = j).into_owned());
    }
    if let Some(conf) = juror.recusal(entry) {
        return Err(t!(
            "import.juror_recused",
            juror = j,
            entry = e,
            reason = conf.reason
        )
        .into_owned());
    }
    if !juror.is_assigned(s, entry) {
        return Err(t!("import.juror_not_assigned", juror = j, entry = e, stage = s).into_owned());
    }
    let Some(crit) = stage.criterion(c) else {
        return Err(t!(
            "refusal.unknown_criterion",
            criterion = c,
            stage = s,
            choices = stage
                .criteria()
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )
        .into_owned());
    };
    let raw = get(row, Some(cols.score));
    let value = if raw.is_empty() {
        None
    } else {
        match juri_core::read_score(stage, raw) {
            Ok(v) => Some(v),
            Err(ScoreError::Unreadable(err)) => {
                return Err(t!("import.score_unreadable", error = err).into_owned())
            }
            Err(ScoreError::OutsideScale { scale, .. }) => {
                return Err(t!(
                    "refusal.score_off_scale",
                    text = raw,
                    criterion = c,
                    scale = scale.describe()
                )
                .into_owned())
            }
        }
    };
    if !seen.insert((s.to_string(), e.to_string(), j.to_string(), c.to_string())) {
        return Err(t!(
            "import.score_repeated",
            stage = s,
            entry = e,
            juror = j,
            criterion = c
        )
        .into_owned());
    }
    Ok(PaperScore {
        stage: s.to_string(),
        entry: ei,
        juror: ji,
        criterion: crit.id.clone(),
        value,
        comment: get(row, cols.comment).to_string(),
    })
}

/// Writes the checked scores (unchanged cells are left alone) and marks every sheet they complete
/// as submitted.
fn write_scores(
    tx: &Tx<'_>,
    snap: &Snapshot,
    rows: &[PaperScore],
    now: &str,
) -> Result<ImportReport, AppError> {
    let mut report = ImportReport::default();
    let mut touched: BTreeSet<(&str, usize, usize)> = BTreeSet::new();
    for r in rows {
        let stage_ref = snap.stage_ref(&r.stage)?;
        let sid = snap.row(stage_ref);
        let cid = snap.criterion_row(stage_ref, &r.criterion)?;
        let (eid, jid) = (snap.entry_ids[r.entry], snap.juror_ids[r.juror]);
        let before = tx
            .cells(Some(sid), Some(jid), Some(eid))?
            .into_iter()
            .find(|c| c.criterion_id == cid);
        let value = r.value.map(|v| v.raw());
        match &before {
            None => report.added += 1,
            Some(b) if b.value == value && b.comment == r.comment => {
                report.unchanged += 1;
                continue;
            }
            Some(_) => report.updated += 1,
        }
        tx.put_paper_score(
            juri_store::CellKey {
                stage_id: sid,
                entry_id: eid,
                juror_id: jid,
                criterion_id: cid,
            },
            value,
            &r.comment,
            now,
        )?;
        touched.insert((&r.stage, r.entry, r.juror));
    }
    for (s, ei, ji) in touched {
        let stage_ref = snap.stage_ref(s)?;
        let sid = snap.row(stage_ref);
        let (eid, jid) = (snap.entry_ids[ei], snap.juror_ids[ji]);
        let n = snap.def(stage_ref).criteria().len();
        let filled = tx
            .cells(Some(sid), Some(jid), Some(eid))?
            .iter()
            .filter(|c| c.value.is_some())
            .count();
        if filled >= n {
            tx.set_submitted(sid, eid, jid, true, now)?;
        }
    }
    Ok(report)
}
