//! The chair issues every juror's package in the real app: a folder chosen in the system dialog,
//! one signed package per juror written there, each access code shown once — and a code opens its
//! juror's package on a laptop (checked with the `juri` command).

use juri_e2e::fixture::{juri, open_package, CHAIR_PASSPHRASE};
use juri_e2e::{App, Folders, HarnessError};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chair_issues_packages_into_a_chosen_folder() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = folders.data_dir().join("lomba.db");
    std::fs::create_dir_all(folders.data_dir())?;
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    let out = files.join("paket");
    std::fs::create_dir_all(&out)?;

    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-chair").await?;
    app.find("dashboard-screen").await?;
    app.click("nav-packages").await?;
    // The first packages make the chair's keys: a new passphrase, typed twice (a short one is
    // refused in the dialog).
    app.click("packages-issue").await?;
    app.find("passphrase-dialog").await?;
    app.type_into("passphrase-input", "pendek").await?;
    app.type_into("passphrase-again", "pendek").await?;
    app.click("passphrase-submit").await?;
    app.expect_contains("passphrase-error", "10").await?;
    app.type_into("passphrase-input", CHAIR_PASSPHRASE).await?;
    app.type_into("passphrase-again", CHAIR_PASSPHRASE).await?;
    app.choose_folder("passphrase-submit", &out).await?;
    app.find_long("packages-table").await?;
    let code = app.text("package-code-J5").await?;
    let rows = app
        .driver()
        .find_all(By::Css("[data-testid^='package-row-']"))
        .await?
        .len();
    app.close().await?;

    // One file per juror listed, each with its access code in the code's four-group form.
    let issued: Vec<_> = std::fs::read_dir(&out)?
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(rows > 1, "{rows} packages listed");
    assert_eq!(issued.len(), rows, "{issued:?}");
    let groups: Vec<&str> = code.split('-').collect();
    assert!(
        groups.len() == 4 && groups.iter().all(|g| g.len() == 4),
        "access code {code:?}"
    );
    let package = issued
        .iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains("J5"))
        })
        .expect("J5's package");
    let opened = open_package(&files.join("j5.db"), package, &code)?;
    assert!(opened.contains("installed for J5"), "{opened}");
    Ok(())
}
