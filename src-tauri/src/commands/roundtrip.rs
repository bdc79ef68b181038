//! The chair's side of the files that travel: issue juror packages, merge score bundles (a plan
//! first, then apply, with progress), and rule on conflicts.

use crate::dto::MergeProgress;
use crate::error::CommandError;
use crate::state::{with, AppState};
use juri_app::{Chair, ConflictView, IssuedPackage, MergeReport, RecordRef};
use std::path::{Path, PathBuf};
use tauri::ipc::Channel;
use tauri::State;

const COMPETITION: &str = "competition";

/// Writes a package for every active juror into `dir`. Access codes of new keys come back once.
#[tauri::command]
pub async fn chair_issue_packages(
    state: State<'_, AppState>,
    dir: String,
    new_codes: bool,
) -> Result<Vec<IssuedPackage>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.issue_packages(new_codes, Path::new(&dir))
    })
    .await
}

/// Verifies and plans the merge of score bundle files; with `apply`, writes it in one
/// transaction. Reports each file read on `progress`.
#[tauri::command]
pub async fn chair_merge(
    state: State<'_, AppState>,
    files: Vec<String>,
    apply: bool,
    progress: Channel<MergeProgress>,
) -> Result<MergeReport, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        let report = |done: usize, total: usize| {
            // A window that went away no longer listens; the merge goes on regardless.
            let _ = progress.send(MergeProgress { done, total });
        };
        chair.merge(&files, !apply, Some(&report))
    })
    .await
}

/// Records in conflict: the open ones, or with `all` those already ruled on too.
#[tauri::command]
pub async fn chair_conflicts(
    state: State<'_, AppState>,
    all: bool,
) -> Result<Vec<ConflictView>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.conflicts(all)
    })
    .await
}

/// The chair's ruling on a conflict: `choose` names the version that counts (`v1`, `v2`, …).
#[tauri::command]
pub async fn chair_resolve(
    state: State<'_, AppState>,
    record: RecordRef,
    choose: String,
) -> Result<ConflictView, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.resolve(&record, &choose)
    })
    .await
}
