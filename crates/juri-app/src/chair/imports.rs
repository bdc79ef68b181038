//! Importing entries, jurors and paper scores from CSV or XLSX. Every bad row is reported by its
//! number, and nothing is imported when any row is bad.

use rust_i18n::t;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use juri_core::model::{Entry, Juror, Role};
use juri_core::notation;
use serde::Serialize;

use crate::chair::entry_documents::{
    cell_links, cell_paths, check_document, CheckedDocument, MAX_DOCUMENTS_PER_ENTRY,
};
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

pub(super) fn fail(table: &Table, problems: Vec<RowProblem>) -> Result<(), AppError> {
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
    /// deskripsi` also work). Existing codes are updated. With a `documents` (`dokumen`) column,
    /// each entry's documents are set to the files it names (relative to the sheet's folder; a
    /// folder names its files), each checked and kept by SHA-256; with a `links` (`tautan`)
    /// column, its links.
    pub fn import_entries(&mut self, path: &Path) -> Result<ImportReport, AppError> {
        let table = Table::read(path)?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let c_docs = table.column(&["documents", "dokumen"]);
        let c_links = table.column(&["links", "tautan"]);
        let mut evidence: Vec<(String, Vec<CheckedDocument>, Vec<String>)> = Vec::new();
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
                p(t!("import.code_empty").into_owned());
            } else if code
                .chars()
                .any(|c| c.is_whitespace() || c == ';' || c == ',')
            {
                p(t!("import.code_bad_characters", code = code).into_owned());
            } else if !seen.insert(code.to_string()) {
                p(t!("import.code_repeated", code = code).into_owned());
            }
            let title = get(row, Some(c_title));
            if title.is_empty() {
                p(t!("import.no_title", code = code).into_owned());
            }
            let cat = get(row, Some(c_cat));
            let category = def
                .categories
                .iter()
                .find(|c| c.id == cat || c.name.eq_ignore_ascii_case(cat));
            if category.is_none() {
                p(t!(
                    "refusal.unknown_category",
                    category = cat,
                    choices = def
                        .categories
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
                .into_owned());
            }
            let rintisan = yes_no(get(row, c_rin));
            if rintisan.is_none() {
                p(t!("import.rintisan_yes_no", value = get(row, c_rin)).into_owned());
            }
            let withdrawn = yes_no(get(row, c_wd));
            if withdrawn.is_none() {
                p(t!("import.withdrawn_yes_no", value = get(row, c_wd)).into_owned());
            }
            let mut documents = Vec::new();
            if c_docs.is_some() {
                let paths = cell_paths(&base, get(row, c_docs));
                if paths.len() > MAX_DOCUMENTS_PER_ENTRY {
                    p(t!(
                        "documents.too_many",
                        entry = code,
                        count = paths.len(),
                        max = MAX_DOCUMENTS_PER_ENTRY
                    )
                    .into_owned());
                }
                let mut names = BTreeSet::new();
                for (file, shown) in paths {
                    match check_document(&file, &shown) {
                        Ok(d) if !names.insert(d.name.to_lowercase()) => {
                            p(
                                t!("refusal.document_name_taken", entry = code, name = d.name)
                                    .into_owned(),
                            )
                        }
                        Ok(d) => documents.push(d),
                        Err(message) => p(message),
                    }
                }
            }
            let links = match c_links.map(|c| cell_links(get(row, Some(c)))) {
                None => Vec::new(),
                Some(Ok(links)) => links,
                Some(Err(message)) => {
                    p(message);
                    Vec::new()
                }
            };
            evidence.push((code.to_string(), documents, links));
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
                message: t!("import.no_entries").into_owned(),
            });
        }
        fail(&table, problems)?;
        let report = ImportReport::compare(&entries, &snap.entries, |x| &x.code);
        let now = crate::now();
        let file = table.file.clone();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.upsert_entries(&entries)?;
            tx.audit(&now, "entries", &report.summary(&file))?;
            if c_docs.is_none() && c_links.is_none() {
                return Ok(());
            }
            let (mut documents, mut links) = (0, 0);
            for (code, docs, urls) in &evidence {
                let row = tx
                    .entry_row(code)?
                    .ok_or_else(|| AppError::UnknownEntry(code.clone()))?;
                if c_docs.is_some() {
                    for d in docs {
                        d.keep(tx)?;
                    }
                    let new: Vec<juri_store::NewDocument<'_>> = docs
                        .iter()
                        .map(|d| juri_store::NewDocument {
                            name: &d.name,
                            sha256: &d.sha256,
                            kind: d.kind,
                            bytes: None,
                        })
                        .collect();
                    tx.set_entry_documents(row, &new, &now)?;
                    documents += docs.len();
                }
                if c_links.is_some() {
                    tx.set_entry_links(row, urls)?;
                    links += urls.len();
                }
            }
            tx.drop_unnamed_documents()?;
            tx.audit(
                &now,
                "entries",
                &format!(
                    "{file}: {}{}",
                    if c_docs.is_some() {
                        format!("documents set: {documents}")
                    } else {
                        String::new()
                    },
                    match (c_docs.is_some(), c_links.is_some()) {
                        (true, true) => format!("; links set: {links}"),
                        (false, true) => format!("links set: {links}"),
                        _ => String::new(),
                    }
                ),
            )?;
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
                p(t!("import.juror_id_bad", id = id).into_owned());
            } else if !seen.insert(id.to_string()) {
                p(t!("import.juror_repeated", id = id).into_owned());
            }
            let name = get(row, Some(c_name));
            if name.is_empty() {
                p(t!("import.juror_no_name", id = id).into_owned());
            }
            let role = Role::parse(get(row, c_role));
            if role.is_none() {
                p(t!("import.role_unknown", value = get(row, c_role)).into_owned());
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
                p(t!("import.active_yes_no", value = get(row, c_active)).into_owned());
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
                message: t!("import.several_chairs", jurors = chairs.join(", ")).into_owned(),
            });
        }
        if table.rows.is_empty() {
            problems.push(RowProblem {
                row: 2,
                message: t!("import.no_jurors").into_owned(),
            });
        }
        fail(&table, problems)?;
        // Compared with the jurors as imported before, not as seated after replacements.
        let stored: Vec<Juror> = self
            .db
            .read()
            .jurors()?
            .into_iter()
            .map(|(_, j)| j)
            .collect();
        let report = ImportReport::compare(&jurors, &stored, |x| &x.id);
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
}
