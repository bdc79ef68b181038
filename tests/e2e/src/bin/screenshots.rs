//! Saves screenshots of the app's main screens for the documentation: `screenshots <folder>`
//! writes `app-*.png` there. Run it under Xvfb with a 1366×768 screen (`make screenshots`).
//!
//! The chair's screens show the demo competition (`--demo`); the juror's screens show a package
//! issued from it with the `juri` command (`JURI_CLI`, default `target/debug/juri` of the root
//! workspace), opened and scored through the app itself.

use juri_e2e::{App, Folders, HarnessError};
use std::path::{Path, PathBuf};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), HarnessError> {
    let folder = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("docs/img"));
    std::fs::create_dir_all(&folder)?;

    let folders = Folders::new()?;
    let app = App::launch_in(folders.clone(), &["--demo"]).await?;
    app.find("dashboard-screen").await?;
    save(&app, &folder, "app-chair-dashboard.png").await?;

    let shots: &[(&str, &[&str], &str)] = &[
        (
            "app-chair-definition.png",
            &["nav-definition", "definition-tab-1"],
            "definition-state",
        ),
        ("app-chair-entries.png", &["nav-participants"], "entry-list"),
        (
            "app-chair-progress.png",
            &["nav-progress"],
            "progress-matrix",
        ),
        (
            "app-chair-results.png",
            &["nav-results", "results-view-ranking"],
            "ranking-table",
        ),
        (
            "app-chair-charts.png",
            &["nav-results", "results-view-charts"],
            "juror-chart",
        ),
        (
            "app-chair-methods.png",
            &["nav-results", "results-view-methods"],
            "methods-summary",
        ),
        (
            "app-chair-decisions.png",
            &["nav-decisions"],
            "decision-form",
        ),
        ("app-chair-bundles.png", &["nav-bundles"], "bundles-screen"),
        (
            "app-chair-documents.png",
            &["nav-documents"],
            "documents-screen",
        ),
        ("app-chair-log.png", &["nav-log"], "log-list"),
    ];
    for (name, clicks, ready) in shots {
        for test_id in *clicks {
            app.click(test_id).await?;
        }
        app.find(ready).await?;
        // Let charts and lists settle after their data arrives.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        save(&app, &folder, name).await?;
    }
    app.click("mode-juror").await?;
    app.find("package-form").await?;
    save(&app, &folder, "app-juror-open.png").await?;
    app.close().await
}

async fn save(app: &App, folder: &Path, name: &str) -> Result<(), HarnessError> {
    let path = folder.join(name);
    app.screenshot(&path).await?;
    println!("{}", path.display());
    Ok(())
}
