//! The juror's commands: open a package, list the assigned entries, score one sheet (each change
//! durable when the command returns), notes, submit, and export the signed bundle.

use crate::dto::JurorStart;
use crate::error::CommandError;
use crate::state::{blocking, lock, with, AppState};
use juri_app::{
    EntryProgress, ExportReport, InstalledDocuments, InstalledPackage, JurorEntryEvidence,
    JurorPrint, JurorWorkspace, SavedCell, Sheet, StageProgress, SubmitAll,
};
use std::path::Path;
use tauri::State;

const PACKAGE: &str = "juror package";

/// Opens the juror's workspace, with this laptop's keychain: a key it holds a copy of is open at
/// once (no access code at export), and a key opened with the code is copied into it.
fn open_workspace(path: &Path) -> Result<JurorWorkspace, juri_app::AppError> {
    let mut workspace = JurorWorkspace::open(path)?;
    workspace.use_keychain(juri_app::Keychain::system())?;
    Ok(workspace)
}

/// Opens the juror's workspace of the data folder, if a package was installed before.
#[tauri::command]
pub async fn juror_start(state: State<'_, AppState>) -> Result<JurorStart, CommandError> {
    let (slot, path) = (state.juror_slot(), state.juror_path());
    blocking(move || {
        let mut guard = lock(&slot);
        if guard.is_none() && path.exists() {
            *guard = Some(open_workspace(&path)?);
        }
        let Some(workspace) = guard.as_ref() else {
            return Ok(JurorStart {
                info: None,
                stages: Vec::new(),
            });
        };
        let info = workspace.info()?;
        let stages = if info.is_some() {
            workspace.stages()?
        } else {
            Vec::new()
        };
        Ok(JurorStart { info, stages })
    })
    .await
}

/// Installs a package from the chair: the first one needs the access code; a newer one keeps
/// every score.
#[tauri::command]
pub async fn juror_install(
    state: State<'_, AppState>,
    file: String,
    code: Option<String>,
) -> Result<InstalledPackage, CommandError> {
    let (slot, path) = (state.juror_slot(), state.juror_path());
    blocking(move || {
        let mut guard = lock(&slot);
        if guard.is_none() {
            *guard = Some(open_workspace(&path)?);
        }
        let workspace = guard.as_mut().expect("opened above");
        let code = code
            .as_deref()
            .map(str::trim)
            .filter(|code| !code.is_empty());
        Ok(workspace.install_package(Path::new(&file), code)?)
    })
    .await
}

#[tauri::command]
pub async fn juror_stages(state: State<'_, AppState>) -> Result<Vec<StageProgress>, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        |workspace: &mut JurorWorkspace| workspace.stages(),
    )
    .await
}

#[tauri::command]
pub async fn juror_entries(
    state: State<'_, AppState>,
    stage: String,
) -> Result<Vec<EntryProgress>, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.entries(&stage),
    )
    .await
}

#[tauri::command]
pub async fn juror_sheet(
    state: State<'_, AppState>,
    stage: String,
    entry: String,
) -> Result<Sheet, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.sheet(&stage, &entry),
    )
    .await
}

/// Saves one score (typed as a person would, "8,5" works; empty clears it) and its comment
/// (`None` keeps it). Durable on disk when it returns.
#[tauri::command]
pub async fn juror_set_score(
    state: State<'_, AppState>,
    stage: String,
    entry: String,
    criterion: String,
    value: Option<String>,
    comment: Option<String>,
) -> Result<SavedCell, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
            workspace.set_score(&stage, &entry, &criterion, value, comment.as_deref())
        },
    )
    .await
}

/// Saves the juror's note on an entry (e.g. from a field visit); returns its revision.
#[tauri::command]
pub async fn juror_set_note(
    state: State<'_, AppState>,
    stage: String,
    entry: String,
    text: String,
) -> Result<u64, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.set_note(&stage, &entry, &text),
    )
    .await
}

/// Attaches the photo `file` to the juror's note on `entry` in `stage`: turned upright, scaled to at
/// most 1600 pixels and saved as a JPEG; the camera's time and place kept only with
/// `keep_location`.
#[tauri::command]
pub async fn juror_add_note_photo(
    state: State<'_, AppState>,
    stage: String,
    entry: String,
    file: String,
    keep_location: bool,
) -> Result<juri_app::AddedPhoto, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| {
            workspace.add_note_photo(&stage, &entry, Path::new(&file), keep_location)
        },
    )
    .await
}

/// Removes a photo from the juror's note; returns the note's new revision.
#[tauri::command]
pub async fn juror_remove_note_photo(
    state: State<'_, AppState>,
    stage: String,
    entry: String,
    sha256: String,
) -> Result<u64, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.remove_note_photo(&stage, &entry, &sha256),
    )
    .await
}

/// The JPEG of a photo on one of the juror's notes (sent as raw bytes, not JSON).
#[tauri::command]
pub async fn juror_note_photo(
    state: State<'_, AppState>,
    sha256: String,
) -> Result<tauri::ipc::Response, CommandError> {
    let bytes = with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.note_photo_bytes(&sha256),
    )
    .await?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// Marks the sheet submitted (every criterion must be scored), or opens it again.
#[tauri::command]
pub async fn juror_submit(
    state: State<'_, AppState>,
    stage: String,
    entry: String,
    submitted: bool,
) -> Result<Sheet, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| {
            if submitted {
                workspace.submit(&stage, &entry)
            } else {
                workspace.reopen(&stage, &entry)
            }
        },
    )
    .await
}

/// Submits every finished sheet of a stage at once (one transaction); with `dry_run`, only says
/// what that would do, for the confirmation.
#[tauri::command]
pub async fn juror_submit_all(
    state: State<'_, AppState>,
    stage: String,
    dry_run: bool,
) -> Result<SubmitAll, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.submit_all(&stage, dry_run),
    )
    .await
}

/// Writes the signed, encrypted score bundle for the chair to `file`, atomically. The juror's key
/// opens with `code` (the access code), or is the one opened earlier in this session; a correct
/// code keeps it open until the app closes.
#[tauri::command]
pub async fn juror_export(
    state: State<'_, AppState>,
    file: String,
    code: Option<String>,
) -> Result<ExportReport, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| {
            workspace.export(
                Path::new(&file),
                code.as_deref().filter(|c| !c.trim().is_empty()),
            )
        },
    )
    .await
}

/// Prints the juror's filled score sheets, or blank ones, of a stage (or one entry) as a PDF in
/// the documents folder; returns the path, which the UI opens in the system viewer.
#[tauri::command]
pub async fn juror_print(
    state: State<'_, AppState>,
    request: JurorPrint,
) -> Result<String, CommandError> {
    let folder = state.documents_dir();
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| {
            Ok(workspace
                .print_sheets_into(&request, &folder)?
                .display()
                .to_string())
        },
    )
    .await
}

/// The documents and links the juror's package names for an entry (or every entry), and whether
/// each document is installed on this laptop.
#[tauri::command]
pub async fn juror_documents(
    state: State<'_, AppState>,
    entry: Option<String>,
) -> Result<Vec<JurorEntryEvidence>, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.documents(entry.as_deref()),
    )
    .await
}

/// Installs the documents file the chair sent with the package: every document is checked against
/// the SHA-256 the signed package names, or nothing is installed.
#[tauri::command]
pub async fn juror_install_documents(
    state: State<'_, AppState>,
    file: String,
) -> Result<InstalledDocuments, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.install_documents(Path::new(&file)),
    )
    .await
}

/// The bytes of one of an entry's installed documents, for the viewer beside the score sheet
/// (sent as raw bytes, not JSON).
#[tauri::command]
pub async fn juror_document(
    state: State<'_, AppState>,
    entry: String,
    name: String,
) -> Result<tauri::ipc::Response, CommandError> {
    let bytes = with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| workspace.document_bytes(&entry, &name),
    )
    .await?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// Saves a copy of one of an entry's installed documents to `file` (an office file, to read it in
/// its own program); an existing file is not overwritten.
#[tauri::command]
pub async fn juror_save_document(
    state: State<'_, AppState>,
    entry: String,
    name: String,
    file: String,
) -> Result<u64, CommandError> {
    with(
        state.juror_slot(),
        PACKAGE,
        move |workspace: &mut JurorWorkspace| {
            workspace.save_document(&entry, &name, Path::new(&file))
        },
    )
    .await
}
