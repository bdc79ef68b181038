//! A screening sheet (seleksi administrasi) read from CSV or XLSX: one row per entry with its
//! result, reason codes, note and, optionally, one column per checklist item of the stage. Every
//! row is checked before anything is recorded. Also each entry's checklist as the app's
//! screening screen shows it.

use rust_i18n::t;
use std::path::Path;

use juri_core::definition::ChecklistItem;
use juri_core::model::Screening;
use serde::Serialize;

use super::competition::Chair;
use super::table::Table;
use crate::error::{AppError, RowProblem};

/// Columns a secretariat's sheet often carries beside the screening ones; they are not read.
const INFORMATIONAL: &[&str] = &[
    "no",
    "no.",
    "nomor",
    "title",
    "judul",
    "institution",
    "instansi",
    "category",
    "kategori",
    "rintisan",
];

/// What a checklist item's cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Met,
    NotMet,
    /// `n/a`: the item does not apply to the entry.
    NotApplicable,
}

/// A checklist cell: yes / ya / y / 1 / ✓ / ✔ / true is met; no / tidak / n / 0 / false or blank
/// is not met; n/a or na says the item does not apply.
fn mark(cell: &str) -> Option<Mark> {
    match cell.trim().to_lowercase().as_str() {
        "yes" | "ya" | "y" | "1" | "✓" | "✔" | "true" => Some(Mark::Met),
        "no" | "tidak" | "n" | "0" | "false" | "" => Some(Mark::NotMet),
        "n/a" | "na" => Some(Mark::NotApplicable),
        _ => None,
    }
}

/// Reads a screening sheet: entry (`entry`/`kode`/`code`), result (pass/fail, lulus/gugur, ya/tidak),
/// reasons (comma or semicolon separated), note, and one column per item of `checklist` (named by
/// the item's id). Item columns are optional, but a sheet that has one has them all; any other
/// column than these and [`INFORMATIONAL`] is refused. Each record is returned with its row
/// number; a row problem anywhere and nothing is returned.
pub fn read_screening(
    path: &Path,
    checklist: &[ChecklistItem],
) -> Result<Vec<(usize, Screening)>, AppError> {
    let (file, rows, problems) = read_rows(path, checklist)?;
    if !problems.is_empty() {
        return Err(AppError::BadRows { file, problems });
    }
    Ok(rows.into_iter().map(|(n, r, _)| (n, r)).collect())
}

/// The sheet's file name, its records with their row and the items marked n/a (a row whose
/// result cannot be read has none; a row with an unreadable item cell has one without that item)
/// and the problems of its rows.
type Rows = (
    String,
    Vec<(usize, Screening, Vec<String>)>,
    Vec<RowProblem>,
);

fn read_rows(path: &Path, checklist: &[ChecklistItem]) -> Result<Rows, AppError> {
    let t = Table::read(path)?;
    let ce = t.require(&["entry", "kode", "code"])?;
    let cr = t.require(&["result", "hasil"])?;
    let cs = t.column(&["reasons", "reason", "alasan"]);
    let cn = t.column(&["note", "catatan"]);
    let bad_file = |message: String| AppError::BadFile {
        file: t.file.clone(),
        message,
    };
    // The item columns, in the checklist's order.
    let items: Vec<(String, Option<usize>)> = checklist
        .iter()
        .map(|i| {
            let id = i.id.to_lowercase();
            let col = t.headers.iter().position(|h| *h == id);
            (i.id.clone(), col)
        })
        .collect();
    let item_ids = || {
        checklist
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (k, h) in t.headers.iter().enumerate() {
        let known = [Some(ce), Some(cr), cs, cn].contains(&Some(k))
            || h.is_empty()
            || INFORMATIONAL.contains(&h.as_str())
            || items.iter().any(|(_, c)| *c == Some(k));
        if !known {
            return Err(bad_file(
                t!("screening.unknown_column", column = h, items = item_ids()).into_owned(),
            ));
        }
    }
    let with_items = items.iter().any(|(_, c)| c.is_some());
    let missing: Vec<&str> = items
        .iter()
        .filter(|(_, c)| c.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    if with_items && !missing.is_empty() {
        return Err(bad_file(
            t!(
                "screening.item_columns_missing",
                items = missing
                    .iter()
                    .map(|m| format!("'{m}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
            .into_owned(),
        ));
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (n, row) in &t.rows {
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_string())
                .unwrap_or_default()
        };
        let passed = match cell(Some(cr)).to_lowercase().as_str() {
            "pass" | "lulus" | "ya" => Some(true),
            "fail" | "gugur" | "tidak" => Some(false),
            other => {
                problems.push(RowProblem {
                    row: *n,
                    message: t!("screening.result_pass_fail", value = other).into_owned(),
                });
                None
            }
        };
        let mut met = Vec::new();
        let mut not_applicable = Vec::new();
        for (id, col) in &items {
            let value = cell(*col);
            match mark(&value) {
                Some(Mark::Met) => met.push(id.clone()),
                Some(Mark::NotMet) => {}
                Some(Mark::NotApplicable) => not_applicable.push(id.clone()),
                None => problems.push(RowProblem {
                    row: *n,
                    message: t!("screening.item_yes_no", column = id, value = value).into_owned(),
                }),
            }
        }
        let Some(passed) = passed else { continue };
        let reasons = cell(cs)
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.push((
            *n,
            Screening {
                entry: cell(Some(ce)),
                passed,
                reasons,
                note: cell(cn),
                met: with_items.then_some(met),
            },
            not_applicable,
        ));
    }
    Ok((t.file.clone(), out, problems))
}

/// An entry of a screening stage's pool: the checklist items that apply to it and what is
/// recorded for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryScreening {
    pub entry: String,
    /// The ids of the checklist items that apply to the entry, in the checklist's order.
    pub applies: Vec<String>,
    /// Pass or fail, reasons, note and the items met; `None` when not screened yet.
    pub recorded: Option<Screening>,
}

impl Chair {
    /// Every entry of a screening stage's pool, in the order of its results, with the checklist
    /// items that apply to it and its record.
    pub fn screening(&self, stage: &str) -> Result<Vec<EntryScreening>, AppError> {
        self.read(|| {
            let snap = self.snapshot()?;
            let st = snap.stage(stage)?;
            if st.kind != juri_core::definition::StageKind::Screening {
                return Err(crate::refusal::Refusal::NotScreening {
                    stage: stage.into(),
                }
                .into());
            }
            let results = self.results_in(&snap, stage, None)?;
            let sid = snap.row(snap.stage_ref(stage)?);
            let records = super::results::screening_records(&self.db.read(), sid, &snap)?;
            Ok(results
                .rows()
                .map(|r| EntryScreening {
                    entry: r.entry.clone(),
                    applies: st
                        .checklist_for(&r.category, r.rintisan)
                        .into_iter()
                        .map(|i| i.id.clone())
                        .collect(),
                    recorded: records.iter().find(|x| x.entry == r.entry).cloned(),
                })
                .collect())
        })
    }

    /// Records a screening sheet (see [`read_screening`]) for `stage`: every row checked first —
    /// its entry known, its items applying to that entry, a pass meeting every item that
    /// applies — each problem named with its row, and nothing recorded when there is one.
    /// Returns how many records were made.
    pub fn screen_file(&mut self, stage: &str, path: &Path) -> Result<usize, AppError> {
        let snap = self.snapshot()?;
        let st = snap.stage(stage)?;
        let (file, rows, mut problems) = read_rows(path, &st.checklist)?;
        // Rows whose cells could not all be read: their items are not checked further.
        let unread: Vec<usize> = problems.iter().map(|p| p.row).collect();
        for (n, r, not_applicable) in &rows {
            match snap.entry_index(&r.entry) {
                None => problems.push(RowProblem {
                    row: *n,
                    message: t!("screening.unknown_entry", entry = r.entry).into_owned(),
                }),
                Some(_) if unread.contains(n) => {}
                Some(i) => {
                    let e = &snap.entries[i];
                    for message in st.checklist_problems(r, &e.category, e.rintisan) {
                        problems.push(RowProblem { row: *n, message });
                    }
                    // n/a says the item does not apply: for one that does, it says nothing.
                    for id in not_applicable {
                        if st
                            .checklist_for(&e.category, e.rintisan)
                            .iter()
                            .any(|i| i.id == *id)
                        {
                            problems.push(RowProblem {
                                row: *n,
                                message: t!("screening.item_applies", column = id, entry = r.entry)
                                    .into_owned(),
                            });
                        }
                    }
                }
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.row);
            return Err(AppError::BadRows { file, problems });
        }
        let records: Vec<Screening> = rows.into_iter().map(|(_, r, _)| r).collect();
        self.screen(stage, &records)?;
        Ok(records.len())
    }
}
