//! The app starts, the shell renders, IPC works, and the language switch flips the sidebar.

use juri_e2e::{App, HarnessError};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shell_renders_and_switches_language() -> Result<(), HarnessError> {
    let app = App::launch().await?;

    // Bahasa Indonesia by default, juror mode first.
    app.expect_text("nav-home", "Beranda").await?;
    app.expect_text("nav-about", "Tentang Juri").await?;
    app.expect_text("mode-juror", "Juri").await?;
    app.expect_text("mode-chair", "Ketua").await?;
    app.expect_text("screen-title", "Beranda").await?;

    // English, everywhere at once.
    app.click("language-en").await?;
    app.expect_text("nav-home", "Home").await?;
    app.expect_text("nav-about", "About Juri").await?;
    app.expect_text("mode-juror", "Juror").await?;
    app.expect_text("mode-chair", "Chair").await?;
    app.expect_text("screen-title", "Home").await?;

    // The About screen comes from the Rust side: the data folder is the one the test gave.
    app.click("nav-about").await?;
    let data_dir = std::fs::canonicalize(app.data_dir())?;
    app.expect_text("data-dir", &data_dir.display().to_string())
        .await?;
    // The log folder sits inside a data folder named at start, and the start is in the log.
    app.expect_text("log-dir", &data_dir.join("log").display().to_string())
        .await?;
    let log = std::fs::read_to_string(data_dir.join("log").join("juri.log"))?;
    assert!(log.contains("started; data folder"), "{log}");
    let version = app.text("app-version").await?;
    let parts: Vec<&str> = version.split('.').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|part| part.parse::<u32>().is_ok()),
        "version {version:?}"
    );

    // And back to Bahasa Indonesia.
    app.click("language-id").await?;
    app.expect_text("nav-home", "Beranda").await?;
    app.expect_text("screen-title", "Tentang Juri").await?;

    // F1 opens Help on the juror's guide, bundled with the app: its screenshots load offline.
    app.keys(Key::F1).await?;
    app.expect_text("screen-title", "Bantuan").await?;
    app.expect_contains("help-body", "Membuka paket juri")
        .await?;
    app.wait_until("the guide's screenshots to load", || async {
        let loaded: bool = app
            .driver()
            .execute(
                "const images = [...document.querySelectorAll('[data-testid=help-body] img')];\
                 return images.length > 0 && images.every((image) => image.complete && image.naturalWidth > 0);",
                vec![],
            )
            .await?
            .convert()?;
        Ok(loaded)
    })
    .await?;
    // A link in the chair's guide leads to the reference page it names, inside Help.
    app.click("help-page-ketua").await?;
    app.expect_contains("help-body", "Panduan ketua").await?;
    app.find_css("[data-testid=help-body] a[data-guide=koreksi]")
        .await?
        .click()
        .await?;
    app.expect_text("help-page-koreksi", "Koreksi (rujukan, bahasa Inggris)")
        .await?;
    assert_eq!(
        app.attr("help-page-koreksi", "aria-selected")
            .await?
            .as_deref(),
        Some("true")
    );

    app.close().await
}
