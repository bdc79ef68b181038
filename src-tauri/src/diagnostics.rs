//! What the app leaves behind for whoever has to find out what went wrong: a log file, and a crash
//! report when Juri stops on an internal fault, with a dialog that says where it is.
//!
//! The log folder is the platform's (`~/.local/share/<id>/logs` on Linux, `%LOCALAPPDATA%\<id>\logs`
//! on Windows, `~/Library/Logs/<id>` on macOS), or `log` inside the data folder when the data folder
//! was named with `--data-dir` / `JURI_DATA_DIR`, so a test or a USB-stick installation keeps
//! everything in one place.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
use tauri_plugin_log::{Target, TargetKind};

/// The log file's name, without its `.log`.
pub const LOG_NAME: &str = "juri";

/// The folder inside a named data folder that holds the log and crash reports.
pub const LOG_SUBDIR: &str = "log";

/// The log folder: `log` inside a data folder named by the user, else the platform's.
pub fn log_dir(named_data_dir: Option<&Path>, platform: PathBuf) -> PathBuf {
    match named_data_dir {
        Some(dir) => dir.join(LOG_SUBDIR),
        None => platform,
    }
}

/// The log plugin writing `juri.log` in `dir`, keeping a few files of 1 MB (older ones are
/// rotated away).
pub fn log_plugin(dir: &Path) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::Folder {
            path: dir.to_path_buf(),
            file_name: Some(LOG_NAME.to_owned()),
        }))
        .level(log::LevelFilter::Info)
        .max_file_size(1_000_000)
        .rotation_strategy(tauri_plugin_log::RotationStrategy::KeepSome(5))
        .build()
}

static CRASH: OnceLock<(PathBuf, AppHandle)> = OnceLock::new();

/// Installs the panic hook: the default message on stderr, then a crash report in `log_dir`, a line
/// in the log, and a dialog naming the report.
pub fn install_crash_reporter(app: AppHandle, log_dir: PathBuf) {
    if CRASH.set((log_dir, app)).is_err() {
        return;
    }
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default(info);
        let Some((dir, app)) = CRASH.get() else {
            return;
        };
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown fault".to_owned());
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let trace = std::backtrace::Backtrace::force_capture().to_string();
        let report = crash_report(&what, &place, &trace);
        match write_crash_report(dir, &report) {
            Ok(path) => {
                log::error!(
                    "internal fault at {place}: {what}; report {}",
                    path.display()
                );
                app.dialog()
                    .message(crash_message(&path))
                    .title("Juri")
                    .kind(MessageDialogKind::Error)
                    .show(|_| {});
            }
            Err(error) => log::error!("internal fault at {place}: {what}; no report: {error}"),
        }
    }));
}

/// The text of a crash report: what failed, where, the version and platform, and the stack.
pub fn crash_report(what: &str, place: &str, trace: &str) -> String {
    format!(
        "Juri {version} ({os}, {arch})\nwhen: {when}\nfault: {what}\nat: {place}\n\n{trace}\n",
        version = env!("CARGO_PKG_VERSION"),
        os = std::env::consts::OS,
        arch = std::env::consts::ARCH,
        when = juri_app::now(),
    )
}

/// Writes `report` as `crash-<time>.txt` in `dir` (created if needed) and returns its path.
pub fn write_crash_report(dir: &Path, report: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stamp = juri_app::now()
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect::<String>();
    let mut n = 0;
    loop {
        let name = if n == 0 {
            format!("crash-{stamp}.txt")
        } else {
            format!("crash-{stamp}-{n}.txt")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                file.write_all(report.as_bytes())?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(e),
        }
    }
}

/// The dialog shown after an internal fault, in both languages (the UI's choice may be what failed).
pub fn crash_message(report: &Path) -> String {
    let folder = report.parent().unwrap_or(report).display();
    format!(
        "Juri mengalami gangguan internal. Data yang sudah tersimpan aman; pekerjaan yang sedang \
         berjalan mungkin perlu diulang. Laporan gangguan tersimpan di folder:\n{folder}\n\
         Kirimkan berkas {name} kepada panitia atau pengelola Juri.\n\n\
         Juri met an internal fault. Saved data is safe; the task in progress may need to be done \
         again. The crash report is in the folder above; please send {name} to the organisers.",
        name = report
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_report_is_written_once_per_name_and_says_what_and_where() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("log");
        let report = crash_report("index out of bounds", "src/x.rs:3", "0: main");
        assert!(report.starts_with(&format!("Juri {}", env!("CARGO_PKG_VERSION"))));
        assert!(report.contains("fault: index out of bounds\nat: src/x.rs:3"));
        let first = write_crash_report(&dir, &report).unwrap();
        let second = write_crash_report(&dir, &report).unwrap();
        assert_ne!(
            first, second,
            "a second crash in the same second keeps the first report"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), report);
        let name = first.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("crash-") && name.ends_with(".txt"),
            "{name}"
        );
        let message = crash_message(&first);
        assert!(message.contains(&dir.display().to_string()), "{message}");
        assert!(message.contains(&name), "{message}");
    }

    #[test]
    fn a_named_data_folder_keeps_its_log_inside() {
        let platform = PathBuf::from("/home/a/.local/share/id.juri/logs");
        assert_eq!(
            log_dir(Some(Path::new("/media/usb/juri")), platform.clone()),
            Path::new("/media/usb/juri/log")
        );
        assert_eq!(log_dir(None, platform.clone()), platform);
    }
}
