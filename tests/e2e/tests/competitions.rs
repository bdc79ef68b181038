//! A chair keeps several competitions in one data folder — the demo, this year's from a template —
//! sees which is open in the top bar, switches between them, finds the same one open after a
//! restart, and still reaches an archived one.

use juri_e2e::{App, Folders, HarnessError};

const DEMO: &str = "Kompetisi Inovasi Pelayanan Publik Koin Yanlik Berdasi 2025";
const GENERIC: &str = "Lomba Inovasi";

async fn choose(app: &App, value: &str) -> Result<(), HarnessError> {
    app.find_css(&format!(
        "[data-testid=competition-switcher] option[value=\"{value}\"]"
    ))
    .await?
    .click()
    .await?;
    Ok(())
}

async fn option_for(app: &App, name: &str) -> Result<String, HarnessError> {
    for option in app
        .find("competition-switcher")
        .await?
        .find_all(thirtyfour::By::Css("option"))
        .await?
    {
        if option.text().await?.starts_with(name) {
            return Ok(option.value().await?.unwrap_or_default());
        }
    }
    Err(HarnessError::Tool(format!(
        "no competition {name:?} in the switcher"
    )))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_chair_keeps_several_competitions_and_switches_between_them() -> Result<(), HarnessError>
{
    let folders = Folders::new()?;
    let app = App::launch_in(folders.clone(), &["--demo"]).await?;
    app.expect_text("competition-name", DEMO).await?;

    // A new competition while the demo is open: the start screen, with a way back.
    choose(&app, "__new__").await?;
    app.find("start-screen").await?;
    app.expect_contains("start-cancel", "Kembali ke").await?;
    app.find_css("[data-testid=start-template] option[value=generic]")
        .await?
        .click()
        .await?;
    app.click("start-from-template").await?;
    // A new competition opens on its definition, as on a first launch.
    app.find("definition-screen").await?;
    app.click("nav-home").await?;
    app.expect_text("competition-name", GENERIC).await?;
    // Its own database beside the demo's, which is untouched.
    let data = folders.data_dir();
    assert!(data.join("lomba.db").is_file());
    assert!(data.join("kompetisi/lomba-inovasi.db").is_file());

    // Back to the demo with its scores, then to the new one again.
    let demo = option_for(&app, DEMO).await?;
    choose(&app, &demo).await?;
    app.expect_text("competition-name", DEMO).await?;
    let generic = option_for(&app, GENERIC).await?;
    choose(&app, &generic).await?;
    app.expect_text("competition-name", GENERIC).await?;
    app.close().await?;

    // A restart opens the competition that was open.
    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-chair").await?;
    app.expect_text("competition-name", GENERIC).await?;

    // Archived, it leaves the start screen with every competition to open, the archive included.
    app.click("archive-competition").await?;
    app.click("confirm-accept").await?;
    app.find("start-existing").await?;
    app.expect_contains("start-existing", DEMO).await?;
    app.expect_contains("start-existing", "diarsipkan").await?;
    app.click("start-open-lomba-inovasi").await?;
    app.expect_text("competition-name", GENERIC).await?;
    option_for(&app, "Lomba Inovasi (diarsipkan)").await?;
    app.expect_contains("competition-archived", "Diarsipkan pada")
        .await?;
    assert!(app.all("archive-competition").await?.is_empty());
    app.close().await
}
