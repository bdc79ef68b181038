//! The Juri desktop shell: plugins, managed state and the command list, over the `juri-app` use
//! cases. It owns no domain logic; every command is a one-line adapter (see `commands`).

pub mod commands;
pub mod data_dir;
pub mod error;
pub mod state;

#[cfg(test)]
mod bindings;

use state::AppState;
use tauri::Manager;

/// Starts the app. The data folder comes from `--data-dir`, `JURI_DATA_DIR`, or the OS app-data folder.
pub fn run() {
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

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(move |app| {
            let dir = match requested {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            data_dir::ensure(&dir)?;
            app.manage(AppState::new(dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::open_data_dir,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("juri-desktop: {error}");
            std::process::exit(1);
        });
}
