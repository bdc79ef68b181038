//! The chair's commands: the competition, its definition, imports, results, decisions, the log.

use crate::dto::{
    ChairStart, Competitions, DecisionRecord, DefinitionView, ImportKind, LogFilter, TemplateInfo,
};
use crate::error::{CommandError, ErrorCode, Problem};
use crate::state::{blocking, lock, with, AppState};
use juri_app::core::definition::Method;
use juri_app::core::{
    Completeness, Decision, Definition, Entry, Juror, MethodComparison, Screening, StageResults,
    WeightWarning,
};
use juri_app::{
    AppError, BackupReport, BackupStatus, Chair, EntryScreening, Finalized, ImportReport, Overview,
    PassphraseNeeded, Reopened, ScoreCorrection,
};
use std::path::{Path, PathBuf};
use tauri::State;

const COMPETITION: &str = "competition";

/// Opens the competition of the data folder, if there is one. With `--demo` and no competition
/// yet, creates the demo competition first.
#[tauri::command]
pub async fn chair_start(state: State<'_, AppState>) -> Result<ChairStart, CommandError> {
    let (slot, path, demo) = (
        state.chair_slot(),
        state.chair_path(),
        state.demo_requested(),
    );
    blocking(move || {
        let mut guard = lock(&slot);
        if guard.is_none() {
            *guard = Chair::open_or_demo(&path, demo)?;
        }
        let competition = guard.as_ref().map(Chair::overview).transpose()?;
        Ok(ChairStart {
            competition,
            demo_requested: demo,
        })
    })
    .await
}

/// The templates a new competition can start from.
#[tauri::command]
pub fn templates() -> Vec<TemplateInfo> {
    juri_app::core::templates::TEMPLATES
        .iter()
        .map(|(name, description, _)| TemplateInfo {
            name: (*name).to_owned(),
            description: (*description).to_owned(),
        })
        .collect()
}

/// Creates the demo competition (Koin Yanlik Berdasi style, with partial scores) and opens it.
#[tauri::command]
pub async fn chair_create_demo(state: State<'_, AppState>) -> Result<Overview, CommandError> {
    let text = juri_app::core::templates::template("koin-yanlik-berdasi").unwrap_or_default();
    create(&state, text.to_owned(), |path, _| {
        juri_app::create_demo(path)
    })
    .await
}

/// Creates a competition from a template (`template`) or a definition file (`file`) and opens it.
/// A competition that was open stays in the data folder, a click away in the switcher.
#[tauri::command]
pub async fn chair_create(
    state: State<'_, AppState>,
    template: Option<String>,
    file: Option<String>,
) -> Result<Overview, CommandError> {
    let text = match (template, file) {
        (Some(name), None) => juri_app::core::templates::template(&name)
            .ok_or_else(|| {
                CommandError::new(ErrorCode::NotFound, format!("no template named '{name}'"))
            })?
            .to_owned(),
        (None, Some(file)) => std::fs::read_to_string(&file)
            .map_err(|error| CommandError::from(AppError::io(Path::new(&file), error)))?,
        _ => {
            return Err(CommandError::new(
                ErrorCode::InvalidInput,
                "choose either a template or a definition file",
            ))
        }
    };
    create(&state, text, Chair::init).await
}

/// A new competition in the data folder, open in place of the one that was.
async fn create(
    state: &AppState,
    text: String,
    make: impl FnOnce(&Path, &str) -> Result<Chair, AppError> + Send + 'static,
) -> Result<Overview, CommandError> {
    let (library, slot) = (state.library(), state.chair_slot());
    blocking(move || {
        let chair = library.create(&text, make)?;
        let overview = chair.overview()?;
        *lock(&slot) = Some(chair);
        Ok(overview)
    })
    .await
}

/// Every competition of the data folder, the ones in use first, and which is open.
#[tauri::command]
pub async fn chair_competitions(state: State<'_, AppState>) -> Result<Competitions, CommandError> {
    let (library, slot) = (state.library(), state.chair_slot());
    blocking(move || {
        let open = lock(&slot)
            .is_some()
            .then(|| std::fs::canonicalize(library.open_path()).ok())
            .flatten();
        Ok(Competitions {
            open: open.map(|path| path.display().to_string()),
            competitions: library.competitions(),
        })
    })
    .await
}

/// Opens another competition of the data folder (one `chair_competitions` lists) in place of the
/// one open; the next start opens it too.
#[tauri::command]
pub async fn chair_switch(
    state: State<'_, AppState>,
    path: String,
) -> Result<Overview, CommandError> {
    let (library, slot) = (state.library(), state.chair_slot());
    blocking(move || {
        let mut guard = lock(&slot);
        let chair = library.open(&path)?;
        let overview = chair.overview()?;
        *guard = Some(chair);
        Ok(overview)
    })
    .await
}

/// Closes the competition and moves its database aside (`lomba-<time>.db` in its folder), where it
/// stays listed among the competitions, readable and printable but no longer changed. Nothing is
/// deleted. The next start opens `lomba.db` when there is one.
#[tauri::command]
pub async fn chair_archive(state: State<'_, AppState>) -> Result<String, CommandError> {
    let (library, slot) = (state.library(), state.chair_slot());
    blocking(move || {
        drop(lock(&slot).take());
        Ok(library.archive_open()?.display().to_string())
    })
    .await
}

/// Whether the chair's passphrase must be given before the chair's keys can be used, and whether
/// it is a new one to choose; `None` when the keys are open for this session (or, unless
/// `making_keys`, when there are none yet).
#[tauri::command]
pub async fn chair_passphrase_needed(
    state: State<'_, AppState>,
    making_keys: bool,
) -> Result<Option<PassphraseNeeded>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        if !making_keys && !chair.has_chair_keys()? {
            return Ok(None);
        }
        // Keys this laptop's keychain holds a copy of open without the passphrase.
        chair.use_keychain(juri_app::Keychain::system());
        chair.passphrase_needed()
    })
    .await
}

/// Gives the chair's passphrase for this session: opens the sealed keys (a wrong one is refused),
/// seals keys an earlier Juri kept in clear, or is kept for the keys the first package makes.
#[tauri::command]
pub async fn chair_unlock(
    state: State<'_, AppState>,
    passphrase: String,
) -> Result<(), CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        // The opened keys are also kept in this laptop's keychain, when it has one.
        chair.use_keychain(juri_app::Keychain::system());
        chair.unlock(&passphrase)
    })
    .await
}

/// Saves a complete backup of the open competition to `file` (chosen in the save dialog).
#[tauri::command]
pub async fn chair_backup(
    state: State<'_, AppState>,
    file: String,
) -> Result<BackupReport, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.backup(Path::new(&file))
    })
    .await
}

/// Writes the public verification archive to `file` (chosen in the save dialog): a zip when the name
/// ends in `.zip`, else a new folder. The chair's keys sign it (the passphrase was given first).
#[tauri::command]
pub async fn chair_publish(
    state: State<'_, AppState>,
    file: String,
    privacy: juri_app::Privacy,
) -> Result<juri_app::PublishReport, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.publish(Path::new(&file), juri_app::PublishChoices { privacy })
    })
    .await
}

/// When the last backup was saved, and whether a merge or a finalisation came after it (the app
/// reminds the chair then).
#[tauri::command]
pub async fn chair_backup_status(state: State<'_, AppState>) -> Result<BackupStatus, CommandError> {
    with(state.chair_slot(), COMPETITION, |chair: &mut Chair| {
        chair.backup_status()
    })
    .await
}

/// Restores the backup `file` as a new competition of the data folder (checked whole first;
/// nothing is written otherwise) and opens it in place of the one that was open.
#[tauri::command]
pub async fn chair_restore(
    state: State<'_, AppState>,
    file: String,
) -> Result<Overview, CommandError> {
    let (library, slot) = (state.library(), state.chair_slot());
    blocking(move || {
        let (chair, _) = library.restore(Path::new(&file))?;
        let overview = chair.overview()?;
        *lock(&slot) = Some(chair);
        Ok(overview)
    })
    .await
}

#[tauri::command]
pub async fn chair_overview(state: State<'_, AppState>) -> Result<Overview, CommandError> {
    with(state.chair_slot(), COMPETITION, |chair: &mut Chair| {
        chair.overview()
    })
    .await
}

#[tauri::command]
pub async fn chair_definition(state: State<'_, AppState>) -> Result<DefinitionView, CommandError> {
    with(state.chair_slot(), COMPETITION, |chair: &mut Chair| {
        let (version, toml, definition) = chair.definition()?;
        Ok(DefinitionView {
            version,
            toml,
            definition,
        })
    })
    .await
}

/// Every problem of an edited definition, each with its place; empty when it is valid.
#[tauri::command]
pub fn validate_definition(definition: serde_json::Value) -> Vec<Problem> {
    match parse_definition(definition) {
        Ok(_) => Vec::new(),
        Err(error) => error.problems,
    }
}

/// The stages of a final that cannot move the final score by their stated weight, because the
/// stages combined start at different lowest totals: said beside the forms, not refused. Empty
/// while the definition cannot be read (its problems say why).
#[tauri::command]
pub fn definition_warnings(definition: serde_json::Value) -> Vec<WeightWarning> {
    parse_definition(definition)
        .map(|d| d.weight_warnings())
        .unwrap_or_default()
}

fn parse_definition(value: serde_json::Value) -> Result<Definition, CommandError> {
    Ok(juri_app::definition_from_json(value)?)
}

/// Records the edited definition as a new version; returns the version number.
#[tauri::command]
pub async fn chair_save_definition(
    state: State<'_, AppState>,
    definition: serde_json::Value,
) -> Result<i64, CommandError> {
    let definition = parse_definition(definition)?;
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.update_definition(&definition.to_toml())
    })
    .await
}

/// Reads entries, jurors or paper scores from an XLSX or CSV file; all rows or none.
#[tauri::command]
pub async fn chair_import(
    state: State<'_, AppState>,
    kind: ImportKind,
    path: String,
) -> Result<ImportReport, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let path = Path::new(&path);
        match kind {
            ImportKind::Entries => chair.import_entries(path),
            ImportKind::Jurors => chair.import_jurors(path),
            ImportKind::Scores => chair.import_scores(path),
        }
    })
    .await
}

#[tauri::command]
pub async fn chair_entries(state: State<'_, AppState>) -> Result<Vec<Entry>, CommandError> {
    with(state.chair_slot(), COMPETITION, |chair: &mut Chair| {
        Ok(chair.snapshot()?.entries)
    })
    .await
}

#[tauri::command]
pub async fn chair_jurors(state: State<'_, AppState>) -> Result<Vec<Juror>, CommandError> {
    with(state.chair_slot(), COMPETITION, |chair: &mut Chair| {
        Ok(chair.snapshot()?.jurors)
    })
    .await
}

/// Who has scored what in a stage.
#[tauri::command]
pub async fn chair_status(
    state: State<'_, AppState>,
    stage: String,
) -> Result<Completeness, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.status(&stage)
    })
    .await
}

/// A stage's results, under its own aggregation method or another one.
#[tauri::command]
pub async fn chair_results(
    state: State<'_, AppState>,
    stage: String,
    method: Option<Method>,
) -> Result<StageResults, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.results(&stage, method)
    })
    .await
}

/// Ranks under every aggregation method, and which entries move.
#[tauri::command]
pub async fn chair_compare_methods(
    state: State<'_, AppState>,
    stage: String,
) -> Result<MethodComparison, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.compare_methods(&stage)
    })
    .await
}

/// Every entry of a screening stage with the checklist items that apply to it and its record.
#[tauri::command]
pub async fn chair_screening(
    state: State<'_, AppState>,
    stage: String,
) -> Result<Vec<EntryScreening>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.screening(&stage)
    })
    .await
}

/// Records pass or fail for entries of a screening stage.
#[tauri::command]
pub async fn chair_screen(
    state: State<'_, AppState>,
    stage: String,
    records: Vec<Screening>,
) -> Result<(), CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.screen(&stage, &records)
    })
    .await
}

/// Records a tie order, an exception or a disqualification; returns its number.
#[tauri::command]
pub async fn chair_decide(
    state: State<'_, AppState>,
    decision: Decision,
) -> Result<i64, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.decide(decision)
    })
    .await
}

#[tauri::command]
pub async fn chair_decisions(
    state: State<'_, AppState>,
) -> Result<Vec<DecisionRecord>, CommandError> {
    with(state.chair_slot(), COMPETITION, |chair: &mut Chair| {
        Ok(chair
            .decisions()?
            .into_iter()
            .map(|(id, at, decision)| DecisionRecord { id, at, decision })
            .collect())
    })
    .await
}

/// Freezes a stage's results and hands its advancing entries to the next stage.
#[tauri::command]
pub async fn chair_finalize(
    state: State<'_, AppState>,
    stage: String,
) -> Result<Finalized, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.finalize(&stage)
    })
    .await
}

/// Where a stage stands for corrections: its snapshot version once finalised, and why it must be
/// reviewed before it is finalised, if it must.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StageRecord {
    /// The snapshot version of the finalised results; `None` while the stage is open.
    pub version: Option<i64>,
    /// The stage re-opened that asks for this review, and since when.
    pub review: Option<ReviewNeeded>,
}

/// A stage to review because an earlier one was re-opened.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReviewNeeded {
    pub because: String,
    pub since: String,
}

#[tauri::command]
pub async fn chair_stage_record(
    state: State<'_, AppState>,
    stage: String,
) -> Result<StageRecord, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        Ok(StageRecord {
            version: chair.stage_version(&stage)?,
            review: chair
                .needs_review(&stage)?
                .map(|(because, since)| ReviewNeeded { because, since }),
        })
    })
    .await
}

/// Re-opens a finalised stage, with a reason; later stages that used it must be reviewed.
#[tauri::command]
pub async fn chair_reopen(
    state: State<'_, AppState>,
    stage: String,
    reason: String,
) -> Result<Reopened, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.reopen(&stage, &reason)
    })
    .await
}

/// Records that a stage was reviewed after an earlier one was re-opened, with a reason.
#[tauri::command]
pub async fn chair_review(
    state: State<'_, AppState>,
    stage: String,
    reason: String,
) -> Result<(), CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.review(&stage, &reason)
    })
    .await
}

/// Revokes a recorded decision, with a reason.
#[tauri::command]
pub async fn chair_revoke(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
) -> Result<Option<i64>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.revoke(id, &reason, None)
    })
    .await
}

/// Corrects a paper score (a new revision; the original is kept), with a reason.
#[tauri::command]
pub async fn chair_correct_score(
    state: State<'_, AppState>,
    correction: ScoreCorrection,
    reason: String,
) -> Result<(), CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.correct_score(&correction, &reason)
    })
    .await
}

/// Withdraws an entry, or restores it, with a reason.
#[tauri::command]
pub async fn chair_set_withdrawn(
    state: State<'_, AppState>,
    entry: String,
    withdrawn: bool,
    reason: String,
) -> Result<(), CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.set_withdrawn(&entry, withdrawn, &reason)
    })
    .await
}

/// Entry `entry`'s documents and links.
#[tauri::command]
pub async fn chair_entry_documents(
    state: State<'_, AppState>,
    entry: String,
) -> Result<juri_app::EntryEvidence, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        let mut found = chair.entry_evidence(Some(&entry))?;
        found
            .pop()
            .ok_or(juri_app::AppError::UnknownEntry(entry.clone()))
    })
    .await
}

/// The jurors' merged field notes on entry `entry` (those with text or photos).
#[tauri::command]
pub async fn chair_field_notes(
    state: State<'_, AppState>,
    entry: String,
) -> Result<Vec<juri_app::FieldNote>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.field_notes(Some(&entry))
    })
    .await
}

/// The JPEG of a photo on a merged field note (sent as raw bytes, not JSON).
#[tauri::command]
pub async fn chair_photo(
    state: State<'_, AppState>,
    sha256: String,
) -> Result<tauri::ipc::Response, CommandError> {
    let bytes = with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.photo(&sha256)
    })
    .await?;
    Ok(tauri::ipc::Response::new(bytes))
}

/// Saves a copy of a merged photo to `file` (an existing file is not overwritten).
#[tauri::command]
pub async fn chair_save_photo(
    state: State<'_, AppState>,
    sha256: String,
    file: PathBuf,
) -> Result<u64, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.save_photo(&sha256, &file)
    })
    .await
}

/// Adds the document `file` to entry `entry`, or puts it in the place of the entry's document
/// named `replace`; audit-logged.
#[tauri::command]
pub async fn chair_add_entry_document(
    state: State<'_, AppState>,
    entry: String,
    file: PathBuf,
    replace: Option<String>,
) -> Result<juri_app::DocumentInfo, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.add_entry_document(&entry, &file, replace.as_deref())
    })
    .await
}

/// Replaces a juror from an open stage on, with a reason; `keep_sheets`: the departing juror's
/// submitted sheets in that stage still count.
#[tauri::command]
pub async fn chair_replace_juror(
    state: State<'_, AppState>,
    stage: String,
    departing: String,
    replacement: String,
    keep_sheets: bool,
    reason: String,
) -> Result<juri_app::ReplacedJuror, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.replace_juror(&stage, &departing, &replacement, keep_sheets, &reason)
    })
    .await
}

#[tauri::command]
pub async fn chair_edit_entry(
    state: State<'_, AppState>,
    entry: String,
    edit: juri_app::EntryEdit,
    reason: String,
) -> Result<Vec<juri_app::FieldChange>, CommandError> {
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.edit_entry(&entry, &edit, &reason)
    })
    .await
}

#[tauri::command]
pub async fn chair_log(
    state: State<'_, AppState>,
    filter: Option<LogFilter>,
) -> Result<Vec<juri_app::LogLine>, CommandError> {
    let filter = filter.unwrap_or_default();
    let filter = juri_app::AuditFilter {
        action: filter.action.filter(|a| !a.is_empty()),
        stage: filter.stage.filter(|s| !s.is_empty()),
        entry: filter
            .entry
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty()),
    };
    with(state.chair_slot(), COMPETITION, move |chair: &mut Chair| {
        chair.audit(&filter)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn template_json(name: &str) -> serde_json::Value {
        let text = juri_app::core::templates::template(name).unwrap();
        serde_json::to_value(Definition::from_toml(text).unwrap()).unwrap()
    }

    #[test]
    fn every_template_round_trips_through_the_forms_model() {
        for template in templates() {
            let problems = validate_definition(template_json(&template.name));
            assert!(problems.is_empty(), "{}: {problems:?}", template.name);
        }
    }

    #[test]
    fn validation_reports_every_problem_with_its_place() {
        let mut value = template_json("generic");
        value["competition"]["id"] = json!("");
        value["stages"][1]["rubric"]["criteria"][0]["weight"] = json!(5);
        let problems = validate_definition(value);
        assert!(problems.len() >= 2, "{problems:?}");
        assert!(problems.iter().any(|p| p.place.contains("competition")));
        assert!(problems.iter().any(|p| p.place.contains("stages[1]")));
    }

    #[test]
    fn the_forms_hear_what_a_conversion_does_to_a_finals_weights() {
        let value = template_json("koin-yanlik-berdasi");
        let warnings = definition_warnings(value.clone());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].stage, "presentasi");
        assert_eq!(warnings[0].effective.display(1), "25.7");
        let mut ranged = value;
        let stages = ranged["stages"].as_array_mut().unwrap();
        let presentasi = stages.iter_mut().find(|s| s["id"] == "presentasi").unwrap();
        presentasi["rubric"]["conversion"] = json!("range");
        assert!(validate_definition(ranged.clone()).is_empty());
        assert_eq!(definition_warnings(ranged), vec![]);
        let mut unknown = template_json("koin-yanlik-berdasi");
        unknown["stages"][2]["rubric"]["conversion"] = json!("persen");
        assert_eq!(validate_definition(unknown.clone()).len(), 1);
        assert_eq!(definition_warnings(unknown), vec![]);
    }

    #[test]
    fn a_shape_the_model_cannot_read_is_one_problem() {
        let mut value = template_json("generic");
        value["stages"][0]["kind"] = json!("lottery");
        let problems = validate_definition(value);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].place, "definition");
    }

    #[test]
    fn a_definition_edited_in_the_forms_is_recorded_as_a_new_version() {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("lomba.db");
        let text = juri_app::core::templates::template("generic").unwrap();
        let mut chair = Chair::init(&path, text).unwrap();
        let mut value = template_json("generic");
        value["competition"]["name"] = json!("Lomba Inovasi Kupang");
        value["stages"][1]["rubric"]["criteria"][0]["weight"] = json!(40);
        let definition = parse_definition(value).unwrap();
        assert_eq!(chair.update_definition(&definition.to_toml()).unwrap(), 2);
        let (version, _, saved) = chair.definition().unwrap();
        assert_eq!(version, 2);
        assert_eq!(saved.competition.name, "Lomba Inovasi Kupang");
    }
}
