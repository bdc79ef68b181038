//! The desktop benchmark: `bench_desktop <chair.db>` opens the app on a copy of a national-scale
//! competition (5,000 entries) and measures
//! - cold start: from launching the app to the chair's dashboard on screen, interactive;
//! - idle memory: PSS of the app and every WebKit process it started (`/proc/*/smaps_rollup`);
//! - filtering the 5,000-entry list: from the keystroke to the list redrawn (in the page);
//! - a juror typing a score to "Tersimpan" on screen (durable on disk), in the page.
//!
//! Run it under Xvfb on the release build (`make bench-desktop`). `JURI_CLI` names the `juri`
//! command used to issue the juror's package.

use juri_e2e::fixture::{issue_package, juri};
use juri_e2e::{desktop_binary, App, Folders, HarnessError};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FILTERS: [&str; 12] = [
    "a", "in", "ino", "inov", "layanan", "desa", "1", "12", "123", "zzz", "kes", "",
];

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), HarnessError> {
    let source = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| HarnessError::Tool("usage: bench_desktop <chair.db>".into()))?;
    let folders = Folders::new()?;
    std::fs::copy(&source, folders.data_dir().join("lomba.db"))?;

    // Cold start to the dashboard (`--demo` opens the competition of the data folder in chair mode).
    let started = Instant::now();
    let app = App::launch_in(folders.clone(), &["--demo"]).await?;
    app.find_long("dashboard-screen").await?;
    let cold = started.elapsed();
    println!("cold start to the dashboard: {:.2} s", cold.as_secs_f64());

    tokio::time::sleep(Duration::from_secs(5)).await;
    let (pss, processes) = idle_pss(&desktop_binary()?)?;
    println!(
        "idle PSS of the app's {processes} processes: {:.0} MB",
        pss as f64 / 1024.0
    );

    app.click("nav-participants").await?;
    app.find_long("entry-list").await?;
    let total = app.text("entry-count").await?;
    let (mut updated, mut painted) = (Vec::new(), Vec::new());
    for round in 0..4 {
        for text in FILTERS {
            let [dom, frame] = app
                .driver()
                .execute_async(FILTER_SCRIPT, vec![json!(text)])
                .await?
                .convert::<[f64; 2]>()?;
            if round > 0 {
                updated.push(dom);
                painted.push(frame);
            }
        }
    }
    report(
        &format!("filtering the entry list ({total}), list updated"),
        &mut updated,
    );
    report("filtering the entry list, next frame painted", &mut painted);
    let mut ipc = Vec::new();
    for _ in 0..50 {
        ipc.push(
            app.driver()
                .execute_async(IPC_SCRIPT, Vec::new())
                .await?
                .convert::<f64>()?,
        );
    }
    report("IPC round trip (app_info)", &mut ipc);
    app.close().await?;

    // The juror's side: a package of this competition, opened in the app, scored.
    let chair_db = folders.data_dir().join("lomba.db");
    let juror = first_juror(&chair_db)?;
    let package = folders.files().join("paket.juri");
    let code = issue_package(&chair_db, &juror, &package)?;
    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-juror").await?;
    app.choose_file("package-choose", &package).await?;
    app.expect_contains("package-file", "paket.juri").await?;
    app.type_into("package-code", &code).await?;
    app.click("package-open").await?;
    app.find_long("juror-competition").await?;
    app.find_css("[data-testid^=juror-score-]")
        .await?
        .click()
        .await?;
    app.find_long("score-sheet").await?;
    let (mut shown, mut painted) = (Vec::new(), Vec::new());
    for round in 0..120 {
        let [dom, frame] = app
            .driver()
            .execute_async(TYPE_SCRIPT, vec![json!(round)])
            .await?
            .convert::<[f64; 2]>()?;
        if round >= 20 {
            shown.push(dom);
            painted.push(frame);
        }
    }
    report(
        &format!("typing a score to \"Tersimpan\" on screen (juror {juror})"),
        &mut shown,
    );
    report("typing a score, \"Tersimpan\" frame painted", &mut painted);
    app.close().await
}

/// Sets the search text as typing would; resolves with [milliseconds until the list's DOM is
/// updated, milliseconds until the next frame is painted].
const FILTER_SCRIPT: &str = r#"
const [text, done] = arguments;
const input = document.querySelector('[data-testid=entry-search]');
const t0 = performance.now();
input.value = text;
input.dispatchEvent(new Event('input', { bubbles: true }));
setTimeout(() => {
  const updated = performance.now() - t0;
  requestAnimationFrame(() => done([updated, performance.now() - t0]));
}, 0);
"#;

/// Types a value into the first score field and presses Enter; resolves with [milliseconds from
/// Enter until the sheet says "Tersimpan" (saved on disk), until that frame is painted].
const TYPE_SCRIPT: &str = r#"
const [round, done] = arguments;
const input = document.querySelector('[data-testid=score-sheet] input[data-testid^="score-"]');
const status = document.querySelector('[data-testid=save-status]');
const values = ['1', '2', '3', '4', '5', '6', '7'];
input.focus();
input.value = values[round % values.length];
input.dispatchEvent(new Event('input', { bubbles: true }));
setTimeout(() => {
  const t0 = performance.now();
  const observer = new MutationObserver(() => {
    if (status.innerText.trim() === 'Tersimpan') {
      observer.disconnect();
      const shown = performance.now() - t0;
      requestAnimationFrame(() => done([shown, performance.now() - t0]));
    }
  });
  observer.observe(status, { childList: true, subtree: true, characterData: true });
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}, 0);
"#;

/// One IPC round trip to the Rust side (the `app_info` command), in milliseconds.
const IPC_SCRIPT: &str = r#"
const done = arguments[arguments.length - 1];
const t0 = performance.now();
window.__TAURI_INTERNALS__.invoke('app_info').then(() => done(performance.now() - t0));
"#;

fn report(what: &str, samples: &mut [f64]) {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{what}: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({} samples)",
        at(0.5),
        at(0.99),
        samples[samples.len() - 1],
        samples.len()
    );
}

/// The first juror of the competition, from `juri jurors list`.
fn first_juror(chair_db: &Path) -> Result<String, HarnessError> {
    let listed = juri(
        &[
            "jurors",
            "list",
            "--db",
            &chair_db.display().to_string(),
            "--format",
            "csv",
        ],
        None,
    )?;
    listed
        .lines()
        .nth(1)
        .and_then(|line| line.split(',').next())
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Tool(format!("no juror listed: {listed}")))
}

/// Sums the PSS (kB) of every process running `program` and all their descendants.
fn idle_pss(program: &Path) -> Result<(u64, usize), HarnessError> {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc")?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // The parent pid is the second field after the command name in parentheses.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|ppid| ppid.parse::<u32>().ok())
            .unwrap_or(0);
        let exe = std::fs::read_link(entry.path().join("exe")).ok();
        parents.push((pid, ppid, exe.as_deref() == Some(program)));
    }
    let mut family: Vec<u32> = parents.iter().filter(|p| p.2).map(|p| p.0).collect();
    let mut grew = true;
    while grew {
        grew = false;
        for (pid, ppid, _) in &parents {
            if family.contains(ppid) && !family.contains(pid) {
                family.push(*pid);
                grew = true;
            }
        }
    }
    let mut total = 0;
    for pid in &family {
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        total += rollup
            .lines()
            .find_map(|line| line.strip_prefix("Pss:"))
            .and_then(|value| {
                value
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .unwrap_or(0);
    }
    Ok((total, family.len()))
}
