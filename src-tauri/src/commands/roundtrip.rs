//! The chair's side of the files that travel: issue juror packages, merge score bundles (a plan
//! first, kept until the chair applies exactly that plan, with progress), and rule on conflicts.

use crate::dto::MergeProgress;
use crate::error::CommandError;
use crate::state::{with, AppState};
use juri_app::{
    Chair, CodeChoice, ConflictView, DocumentsChoice, IssuedPackage, MergeReport, PendingMerge,
    RecordRef,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tauri::ipc::Channel;
use tauri::State;

/// The merge the chair previewed, kept between the preview and "apply" (managed state).
#[derive(Default)]
pub struct PreviewedMerge(Arc<Mutex<PendingMerge>>);

const COMPETITION: &str = "competition";

/// Writes a package for every active juror into `dir`. Access codes of new keys come back once.
/// With `new_codes`, the jurors' earlier keys are retired for `reason`.
#[tauri::command]
pub async fn chair_issue_packages(
    state: State<'_, AppState>,
    dir: String,
    new_codes: bool,
    reason: Option<String>,
    all_documents: Option<bool>,
) -> Result<Vec<IssuedPackage>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.issue_packages_sending(
            CodeChoice::new_code(new_codes, reason.as_deref()),
            if all_documents.unwrap_or(false) {
                DocumentsChoice::All
            } else {
                DocumentsChoice::New
            },
            Path::new(&dir),
        )
    })
    .await
}

/// Without `apply`: verifies and plans the merge of score bundle files, keeps the plan and
/// returns its preview. With `apply`: writes the plan previewed for these files in one
/// transaction, refused when the chair's records changed since. Reports each file on `progress`.
/// `accept_retired` lists the bundles signed by a retired key that the chair accepts in the
/// preview, each as (fingerprint, reason).
#[tauri::command]
pub async fn chair_merge(
    state: State<'_, AppState>,
    previewed: State<'_, PreviewedMerge>,
    files: Vec<String>,
    apply: bool,
    accept_retired: Option<Vec<(String, String)>>,
    progress: Channel<MergeProgress>,
) -> Result<MergeReport, CommandError> {
    let pending = Arc::clone(&previewed.0);
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let files: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
        let report = |done: usize, total: usize| {
            // A window that went away no longer listens; the merge goes on regardless.
            let _ = progress.send(MergeProgress { done, total });
        };
        let mut pending = pending.lock().unwrap_or_else(|e| e.into_inner());
        if apply {
            chair.apply_previewed(&mut pending, &files, Some(&report))
        } else {
            let accept = accept_retired.unwrap_or_default();
            chair.preview_merge_accepting(&mut pending, &files, &accept, Some(&report))
        }
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
