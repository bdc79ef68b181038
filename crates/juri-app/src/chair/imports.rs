//! Importing entries, jurors and paper scores from CSV or XLSX. Every bad row is reported by its
//! number, and nothing is imported when any row is bad.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;

use juri_core::definition::StageKind;
use juri_core::model::{Entry, Juror, Role};
use juri_core::{notation, pipeline, ScoreError};
use serde::Serialize;

use crate::chair::table::{get, Table};
use crate::chair::Chair;
use crate::error::{AppError, RowProblem};

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

impl ImportReport {
    /// Counts incoming records against the stored ones, matched by `key`.
    fn compare<T: PartialEq>(
        incoming: &[T],
        stored: &[T],
        key: impl Fn(&T) -> &String,
    ) -> ImportReport {
        let mut report = ImportReport::default();
        for item in incoming {
            match stored.iter().find(|x| key(x) == key(item)) {
                None => report.added += 1,
                Some(x) if x == item => report.unchanged += 1,
                Some(_) => report.updated += 1,
            }
        }
        report
    }

    /// The line written to the audit log.
    fn summary(&self, file: &str) -> String {
        format!(
            "{file}: {} added, {} updated, {} unchanged",
            self.added, self.updated, self.unchanged
        )
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "0" | "tidak" | "no" | "false" | "n" | "t" => Some(false),
        "1" | "ya" | "yes" | "true" | "y" => Some(true),
        _ => None,
    }
}

fn fail(table: &Table, problems: Vec<RowProblem>) -> Result<(), AppError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::BadRows {
            file: table.file.clone(),
            problems,
        })
    }
}

impl Chair {
    /// Entries from a sheet with columns `code, title, institution, category` and optionally
    /// `rintisan, description, withdrawn` (Indonesian headers `kode, judul, instansi, kategori,
    /// deskripsi` also work). Existing codes are updated.
    pub fn import_entries(&mut self, path: &Path) -> Result<ImportReport, AppError> {
        let table = Table::read(path)?;
        let c_code = table.require(&["code", "kode"])?;
        let c_title = table.require(&["title", "judul", "nama inovasi"])?;
        let c_inst = table.require(&["institution", "instansi"])?;
        let c_cat = table.require(&["category", "kategori"])?;
        let c_rin = table.column(&["rintisan", "early stage"]);
        let c_desc = table.column(&["description", "deskripsi"]);
        let c_wd = table.column(&["withdrawn", "mundur"]);
        let snap = self.snapshot()?;
        let def = &snap.definition;
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        let mut entries = Vec::new();
        for (n, row) in &table.rows {
            let mut p = |m: String| {
                problems.push(RowProblem {
                    row: *n,
                    message: m,
                })
            };
            let code = get(row, Some(c_code));
            if code.is_empty() {
                p("the code is empty".into());
            } else if code
                .chars()
                .any(|c| c.is_whitespace() || c == ';' || c == ',')
            {
                p(format!("code '{code}' may not contain spaces, ';' or ','"));
            } else if !seen.insert(code.to_string()) {
                p(format!("code '{code}' appears more than once in the file"));
            }
            let title = get(row, Some(c_title));
            if title.is_empty() {
                p(format!("entry '{code}' has no title"));
            }
            let cat = get(row, Some(c_cat));
            let category = def
                .categories
                .iter()
                .find(|c| c.id == cat || c.name.eq_ignore_ascii_case(cat));
            if category.is_none() {
                p(format!(
                    "unknown category '{cat}' (one of: {})",
                    def.categories
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let rintisan = yes_no(get(row, c_rin));
            if rintisan.is_none() {
                p(format!(
                    "rintisan '{}' should be ya/tidak (yes/no)",
                    get(row, c_rin)
                ));
            }
            let withdrawn = yes_no(get(row, c_wd));
            if withdrawn.is_none() {
                p(format!(
                    "withdrawn '{}' should be ya/tidak (yes/no)",
                    get(row, c_wd)
                ));
            }
            entries.push(Entry {
                code: code.to_string(),
                title: title.to_string(),
                institution: get(row, Some(c_inst)).to_string(),
                category: category.map(|c| c.id.clone()).unwrap_or_default(),
                rintisan: rintisan.unwrap_or(false),
                description: get(row, c_desc).to_string(),
                withdrawn: withdrawn.unwrap_or(false),
            });
        }
        if table.rows.is_empty() {
            problems.push(RowProblem {
                row: 2,
                message: "the file has no entries".into(),
            });
        }
        fail(&table, problems)?;
        let report = ImportReport::compare(&entries, &snap.entries, |x| &x.code);
        let now = crate::now();
        let file = table.file.clone();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.upsert_entries(&entries)?;
            tx.audit(&now, "entries", &report.summary(&file))?;
            Ok(())
        })?;
        Ok(report)
    }

    /// Jurors from a sheet with columns `id, name` and optionally `affiliation, role, assign,
    /// conflicts, active, nip` (see `juri_core::notation` for `assign` and `conflicts`). A `nip`
    /// column sets each listed juror's NIP in the document settings (an empty cell removes it).
    pub fn import_jurors(&mut self, path: &Path) -> Result<ImportReport, AppError> {
        let table = Table::read(path)?;
        let c_id = table.require(&["id", "kode"])?;
        let c_name = table.require(&["name", "nama"])?;
        let c_aff = table.column(&["affiliation", "instansi", "unsur"]);
        let c_role = table.column(&["role", "jabatan", "peran"]);
        let c_assign = table.column(&["assign", "assignments", "penugasan"]);
        let c_conf = table.column(&["conflicts", "konflik"]);
        let c_active = table.column(&["active", "aktif"]);
        let c_nip = table.column(&["nip"]);
        let snap = self.snapshot()?;
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        let mut jurors = Vec::new();
        for (n, row) in &table.rows {
            let mut p = |m: String| {
                problems.push(RowProblem {
                    row: *n,
                    message: m,
                })
            };
            let id = get(row, Some(c_id));
            if id.is_empty()
                || id
                    .chars()
                    .any(|c| c.is_whitespace() || c == ';' || c == ',')
            {
                p(format!(
                    "juror id '{id}' must be non-empty, without spaces, ';' or ','"
                ));
            } else if !seen.insert(id.to_string()) {
                p(format!("juror '{id}' appears more than once in the file"));
            }
            let name = get(row, Some(c_name));
            if name.is_empty() {
                p(format!("juror '{id}' has no name"));
            }
            let role = Role::parse(get(row, c_role));
            if role.is_none() {
                p(format!(
                    "role '{}' should be ketua, wakil ketua, sekretaris or anggota",
                    get(row, c_role)
                ));
            }
            let assignments =
                notation::parse_assignments(get(row, c_assign), &snap.definition, &snap.entries)
                    .unwrap_or_else(|e| {
                        p(e);
                        BTreeMap::new()
                    });
            let conflicts = notation::parse_conflicts(get(row, c_conf), &snap.entries)
                .unwrap_or_else(|e| {
                    p(e);
                    Vec::new()
                });
            let active = yes_no(if get(row, c_active).is_empty() {
                "ya"
            } else {
                get(row, c_active)
            });
            if active.is_none() {
                p(format!(
                    "active '{}' should be ya/tidak (yes/no)",
                    get(row, c_active)
                ));
            }
            jurors.push(Juror {
                id: id.to_string(),
                name: name.to_string(),
                affiliation: get(row, c_aff).to_string(),
                role: role.unwrap_or_default(),
                assignments,
                conflicts,
                active: active.unwrap_or(true),
            });
        }
        let chairs: Vec<&str> = jurors
            .iter()
            .filter(|j| j.role == Role::Ketua)
            .map(|j| j.id.as_str())
            .collect();
        if chairs.len() > 1 {
            problems.push(RowProblem {
                row: 1,
                message: format!("more than one ketua: {}", chairs.join(", ")),
            });
        }
        if table.rows.is_empty() {
            problems.push(RowProblem {
                row: 2,
                message: "the file has no jurors".into(),
            });
        }
        fail(&table, problems)?;
        let report = ImportReport::compare(&jurors, &snap.jurors, |x| &x.id);
        let now = crate::now();
        let file = table.file.clone();
        let nips: Option<Vec<(&str, &str)>> = c_nip.map(|_| {
            table
                .rows
                .iter()
                .map(|(_, row)| (get(row, Some(c_id)), get(row, c_nip)))
                .collect()
        });
        self.db.write(|tx| -> Result<(), AppError> {
            tx.upsert_jurors(&jurors)?;
            let mut summary = report.summary(&file);
            if let Some(nips) = &nips {
                for (code, nip) in nips {
                    let row = tx
                        .juror_row(code)?
                        .ok_or_else(|| AppError::Damaged(format!("juror '{code}' has no row")))?;
                    tx.set_juror_nip(row, nip)?;
                }
                summary.push_str("; NIPs from its nip column");
            }
            tx.audit(&now, "jurors", &summary)?;
            Ok(())
        })?;
        Ok(report)
    }

    /// Scores typed from paper sheets: columns `stage, entry, juror, criterion, score` and
    /// optionally `comment`. A (juror, entry) sheet whose every criterion is filled counts as
    /// submitted — the signed paper is the submission.
    pub fn import_scores(&mut self, path: &Path) -> Result<ImportReport, AppError> {
        let table = Table::read(path)?;
        let c_stage = table.require(&["stage", "tahap"])?;
        let c_entry = table.require(&["entry", "inovasi", "kode"])?;
        let c_juror = table.require(&["juror", "juri"])?;
        let c_crit = table.require(&["criterion", "kriteria"])?;
        let c_score = table.require(&["score", "nilai", "skor"])?;
        let c_comment = table.column(&["comment", "komentar", "catatan"]);
        let snap = self.snapshot()?;
        let def = &snap.definition;
        // Pools of every scoring stage named in the file.
        let mut pools: BTreeMap<String, HashSet<usize>> = BTreeMap::new();
        let mut finalized: BTreeSet<String> = BTreeSet::new();
        for (_, row) in &table.rows {
            let s = get(row, Some(c_stage));
            if let (Some(k), false) = (def.stage_index(s), pools.contains_key(s)) {
                let prev = if k == 0 {
                    None
                } else {
                    Some(self.results_in(&snap, &def.stages[k - 1].id, None)?)
                };
                let pool = pipeline::pool(def, k, &snap.entries, prev.as_ref());
                pools.insert(
                    s.to_string(),
                    pool.into_iter().map(|i| i as usize).collect(),
                );
                if self.ensure_open(s).is_err() {
                    finalized.insert(s.to_string());
                }
            }
        }
        let mut problems = Vec::new();
        let mut seen = BTreeSet::new();
        let mut rows = Vec::new();
        for (n, row) in &table.rows {
            let mut p = |m: String| {
                problems.push(RowProblem {
                    row: *n,
                    message: m,
                })
            };
            let (s, e, j, c) = (
                get(row, Some(c_stage)),
                get(row, Some(c_entry)),
                get(row, Some(c_juror)),
                get(row, Some(c_crit)),
            );
            let Some(stage) = def.stage(s) else {
                p(format!("unknown stage '{s}'"));
                continue;
            };
            if stage.kind != StageKind::Scoring {
                p(format!("stage '{s}' is not scored by jurors"));
                continue;
            }
            if finalized.contains(s) {
                p(format!("stage '{s}' is finalised; its scores are frozen"));
                continue;
            }
            let Some(ei) = snap.entry_index(e) else {
                p(format!("unknown entry '{e}'"));
                continue;
            };
            let Some(ji) = snap.juror_index(j) else {
                p(format!("unknown juror '{j}'"));
                continue;
            };
            let entry = &snap.entries[ei];
            let juror = &snap.jurors[ji];
            if !pools.get(s).is_some_and(|pool| pool.contains(&ei)) {
                p(format!("entry '{e}' does not take part in stage '{s}' (not advanced, withdrawn, or the previous stage is not decided)"));
                continue;
            }
            if !juror.active {
                p(format!("juror '{j}' has been removed from the panel"));
                continue;
            }
            if let Some(conf) = juror.recusal(entry) {
                p(format!(
                    "juror '{j}' is recused from entry '{e}' ({}); this score cannot be entered",
                    conf.reason
                ));
                continue;
            }
            if !juror.is_assigned(s, entry) {
                p(format!(
                    "juror '{j}' is not assigned to entry '{e}' in stage '{s}'"
                ));
                continue;
            }
            let Some(crit) = stage.criterion(c) else {
                p(format!(
                    "unknown criterion '{c}' in stage '{s}' (one of: {})",
                    stage
                        .criteria()
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                continue;
            };
            let raw = get(row, Some(c_score));
            let value = if raw.is_empty() {
                None
            } else {
                match juri_core::read_score(stage, raw) {
                    Ok(v) => Some(v),
                    Err(ScoreError::Unreadable(err)) => {
                        p(format!("score: {err}"));
                        continue;
                    }
                    Err(ScoreError::OutsideScale { scale, .. }) => {
                        p(format!(
                            "score {raw} for '{c}' is outside the scale {}",
                            scale.describe()
                        ));
                        continue;
                    }
                }
            };
            if !seen.insert((s.to_string(), e.to_string(), j.to_string(), c.to_string())) {
                p(format!(
                    "{s}/{e}/{j}/{c} appears more than once in the file"
                ));
                continue;
            }
            rows.push((
                s.to_string(),
                ei,
                ji,
                crit.id.clone(),
                value,
                get(row, c_comment).to_string(),
            ));
        }
        if table.rows.is_empty() {
            problems.push(RowProblem {
                row: 2,
                message: "the file has no scores".into(),
            });
        }
        fail(&table, problems)?;
        let now = crate::now();
        let file = table.file.clone();
        let mut report = ImportReport::default();
        self.db.write(|tx| -> Result<(), AppError> {
            let mut touched: BTreeSet<(String, usize, usize)> = BTreeSet::new();
            for (s, ei, ji, crit, value, comment) in &rows {
                let stage_ref = snap.stage_ref(s)?;
                let sid = snap.row(stage_ref);
                let cid = snap.criterion_row(stage_ref, crit)?;
                let (eid, jid) = (snap.entry_ids[*ei], snap.juror_ids[*ji]);
                let before = tx
                    .cells(Some(sid), Some(jid), Some(eid))?
                    .into_iter()
                    .find(|c| c.criterion_id == cid);
                match &before {
                    None => report.added += 1,
                    Some(b) if b.value == value.map(|v| v.raw()) && b.comment == *comment => {
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
                    value.map(|v| v.raw()),
                    comment,
                    &now,
                )?;
                touched.insert((s.clone(), *ei, *ji));
            }
            for (s, ei, ji) in &touched {
                let sid = snap.row(snap.stage_ref(s)?);
                let (eid, jid) = (snap.entry_ids[*ei], snap.juror_ids[*ji]);
                let n = def.stage(s).map(|st| st.criteria().len()).unwrap_or(0);
                let filled = tx
                    .cells(Some(sid), Some(jid), Some(eid))?
                    .iter()
                    .filter(|c| c.value.is_some())
                    .count();
                if filled >= n {
                    tx.set_submitted(sid, eid, jid, true, &now)?;
                }
            }
            crate::roundtrip::rebuild::record_paper_import(tx, &file, &now)?;
            tx.audit(
                &now,
                "scores",
                &format!(
                    "{file}: {} added, {} updated, {} unchanged (paper)",
                    report.added, report.updated, report.unchanged
                ),
            )?;
            Ok(())
        })?;
        Ok(report)
    }
}
