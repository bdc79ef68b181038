//! The Juri desktop shell: plugins, managed state and the command list, over the `juri-app` use
//! cases. It owns no domain logic; every command is a one-line adapter (see `commands`).

pub mod commands;
pub mod data_dir;
pub mod diagnostics;
pub mod dto;
pub mod error;
pub mod state;
pub mod window;

#[cfg(test)]
mod bindings;

use state::AppState;
use tauri::Manager;

/// Starts the app. The data folder comes from `--data-dir`, `JURI_DATA_DIR`, or the OS app-data folder.
pub fn run() {
    prefer_simple_rendering();
    let cwd = std::env::current_dir().unwrap_or_default();
    let requested = data_dir::requested(
        std::env::args_os().skip(1),
        std::env::var_os(data_dir::DATA_DIR_ENV),
        &cwd,
    );
    // A folder named by the user is checked before any window opens, so a typing mistake ends
    // with a plain message and exit status 2 rather than a failed start-up.
    let requested = requested.and_then(|requested| match requested {
        Some(dir) => data_dir::ensure(&dir).map(|()| Some(dir)),
        None => Ok(None),
    });
    let requested = match requested {
        Ok(requested) => requested,
        Err(error) => {
            eprintln!("juri-desktop: {error}");
            std::process::exit(2);
        }
    };

    // `--demo` (used by `make run`): the chair's start screen opens the demo competition.
    let demo = std::env::args_os().skip(1).any(|arg| arg == "--demo");
    // A package or bundle opened from the file manager arrives as an argument.
    let opened = data_dir::opened_file(std::env::args_os().skip(1), &cwd);

    // The window's size and place are remembered between runs: beside the data when the data
    // folder was named (a test, a USB stick), else in the platform's configuration folder.
    let window_state = tauri_plugin_window_state::Builder::default().with_state_flags(
        tauri_plugin_window_state::StateFlags::SIZE
            | tauri_plugin_window_state::StateFlags::POSITION
            | tauri_plugin_window_state::StateFlags::MAXIMIZED,
    );
    let window_state = match &requested {
        // An absolute file name replaces the configuration folder the plugin would join it to.
        Some(dir) => window_state.with_filename(dir.join(WINDOW_STATE).to_string_lossy()),
        None => window_state,
    };

    let mut builder = tauri::Builder::default();
    // One window per user: a second start (a package or bundle double-clicked while Juri is open)
    // hands its file to the open window and ends. A start on a data folder of its own (`--data-dir`,
    // `JURI_DATA_DIR`: a USB stick, a test) is an instance of its own. Registered first, as the
    // plugin asks, so the second start ends before anything else is set up.
    if requested.is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            commands::app::handed_over(app, argv, cwd)
        }));
    }
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(window_state.build())
        .setup(move |app| {
            let log_dir = diagnostics::log_dir(requested.as_deref(), app.path().app_log_dir()?);
            app.handle().plugin(diagnostics::log_plugin(&log_dir))?;
            diagnostics::install_crash_reporter(app.handle().clone(), log_dir.clone());
            let dir = match requested {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            data_dir::ensure(&dir)?;
            log::info!(
                "Juri {} started; data folder {}",
                env!("CARGO_PKG_VERSION"),
                dir.display()
            );
            if let Some(main) = app.get_webview_window("main") {
                if let Err(error) = window::fit_to_screen(&main) {
                    log::warn!("the window could not be fitted to the screen: {error}");
                }
            }
            app.manage(
                AppState::new(dir, demo)
                    .with_opened(opened)
                    .with_log_dir(log_dir),
            );
            app.manage(commands::roundtrip::PreviewedMerge::default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::set_language,
            commands::app::open_data_dir,
            commands::app::open_log_dir,
            commands::app::open_document,
            commands::app::open_link,
            commands::app::opened_file,
            commands::chair::chair_start,
            commands::chair::templates,
            commands::chair::chair_create_demo,
            commands::chair::chair_create,
            commands::chair::chair_archive,
            commands::chair::chair_backup,
            commands::chair::chair_publish,
            commands::chair::chair_passphrase_needed,
            commands::chair::chair_unlock,
            commands::chair::chair_backup_status,
            commands::chair::chair_restore,
            commands::chair::chair_competitions,
            commands::chair::chair_switch,
            commands::chair::chair_overview,
            commands::chair::chair_definition,
            commands::chair::validate_definition,
            commands::chair::definition_warnings,
            commands::chair::chair_save_definition,
            commands::chair::chair_import,
            commands::chair::chair_entries,
            commands::chair::chair_jurors,
            commands::chair::chair_status,
            commands::chair::chair_results,
            commands::chair::chair_compare_methods,
            commands::chair::chair_screen,
            commands::chair::chair_screening,
            commands::chair::chair_decide,
            commands::chair::chair_decisions,
            commands::chair::chair_finalize,
            commands::chair::chair_stage_record,
            commands::chair::chair_reopen,
            commands::chair::chair_review,
            commands::chair::chair_revoke,
            commands::chair::chair_correct_score,
            commands::chair::chair_set_withdrawn,
            commands::chair::chair_entry_documents,
            commands::chair::chair_field_notes,
            commands::chair::chair_photo,
            commands::chair::chair_save_photo,
            commands::chair::chair_add_entry_document,
            commands::chair::chair_edit_entry,
            commands::chair::chair_replace_juror,
            commands::chair::chair_log,
            commands::documents::chair_print,
            commands::documents::chair_export,
            commands::documents::chair_document_settings,
            commands::documents::chair_save_document_settings,
            commands::roundtrip::chair_issue_packages,
            commands::roundtrip::chair_merge,
            commands::roundtrip::chair_conflicts,
            commands::roundtrip::chair_resolve,
            commands::juror::juror_start,
            commands::juror::juror_install,
            commands::juror::juror_stages,
            commands::juror::juror_entries,
            commands::juror::juror_sheet,
            commands::juror::juror_set_score,
            commands::juror::juror_set_note,
            commands::juror::juror_submit,
            commands::juror::juror_submit_all,
            commands::juror::juror_export,
            commands::juror::juror_print,
            commands::juror::juror_documents,
            commands::juror::juror_install_documents,
            commands::juror::juror_document,
            commands::juror::juror_add_note_photo,
            commands::juror::juror_remove_note_photo,
            commands::juror::juror_note_photo,
            commands::juror::juror_save_document,
        ])
        .build(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("juri-desktop: {error}");
            std::process::exit(1);
        })
        .run(|_app, _event| {
            // macOS hands a double-clicked file to the app as an event, whether it was running or
            // not, instead of an argument.
            #[cfg(target_os = "macos")]
            if let tauri::RunEvent::Opened { urls } = _event {
                let file = urls
                    .into_iter()
                    .filter_map(|url| url.to_file_path().ok())
                    .find(|path| {
                        path.extension()
                            .is_some_and(|ext| ext.eq_ignore_ascii_case("juri"))
                    });
                commands::app::open_handed_over(_app, file);
            }
        });
}

/// The file that remembers the window's size and place, inside a named data folder.
const WINDOW_STATE: &str = "window-state.json";

/// WebKitGTK draws through accelerated compositing by default; on the laptops Juri is used on
/// (integrated or no GPU, software OpenGL, remote displays) that costs a frame of 70–100 ms and
/// ~100 MB, where plain rendering paints the same screens in ~15 ms. A user who sets the
/// variable keeps their choice. Must run before any thread starts.
fn prefer_simple_rendering() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
