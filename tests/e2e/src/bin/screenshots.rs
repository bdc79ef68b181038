//! Saves screenshots of the app's screens for the documentation: `screenshots <folder>` writes
//! `app-*.png` there. Run it under Xvfb with a 1366×768 screen (`make screenshots`).

use juri_e2e::{App, HarnessError};
use std::path::{Path, PathBuf};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), HarnessError> {
    let folder = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("docs/img"));
    std::fs::create_dir_all(&folder)?;

    let app = App::launch().await?;
    let shots: &[(&str, &[&str], &str)] = &[
        (
            "app-home-juror.png",
            &["mode-juror", "nav-home"],
            "home-screen",
        ),
        (
            "app-home-chair.png",
            &["mode-chair", "nav-home"],
            "home-screen",
        ),
        ("app-about.png", &["nav-about"], "data-dir"),
        (
            "app-home-en.png",
            &["language-en", "mode-juror", "nav-home"],
            "home-screen",
        ),
    ];
    for (name, clicks, ready) in shots {
        for test_id in *clicks {
            app.click(test_id).await?;
        }
        app.find(ready).await?;
        save(&app, &folder.join(name)).await?;
    }
    app.close().await
}

async fn save(app: &App, path: &Path) -> Result<(), HarnessError> {
    app.screenshot(path).await?;
    println!("{}", path.display());
    Ok(())
}
