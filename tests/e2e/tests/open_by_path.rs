//! Opening a `.juri` file from the file manager starts Juri with the file's path: a juror's
//! package lands on the juror's home with the file chosen, waiting for the access code; a file
//! that is not Juri's is refused with a message, and the app still starts.

use juri_e2e::fixture::{issue_package, juri, start_directly, SessionBus};
use juri_e2e::{App, Folders, HarnessError, Launch};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_package_passed_on_the_command_line_opens_in_juror_mode() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = files.join("lomba.db");
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    let package = files.join("J5.juri");
    let code = issue_package(&chair_db, "J5", &package)?;

    let app = App::launch_in(folders.clone(), &[&package.display().to_string()]).await?;
    app.find("package-form").await?;
    app.expect_contains("package-file", "J5.juri").await?;
    app.type_into("package-code", &code).await?;
    app.click("package-open").await?;
    app.expect_contains("juror-competition", "Koin Yanlik Berdasi")
        .await?;
    app.close().await?;

    // Not a Juri file: a message, and the app is usable.
    let stray = files.join("catatan.juri");
    std::fs::write(&stray, "bukan paket")?;
    let app = App::launch_in(folders.clone(), &[&stray.display().to_string()]).await?;
    app.expect_contains("toast-area", "catatan.juri").await?;
    app.find("nav-home").await?;
    app.close().await?;
    Ok(())
}

/// Juri is open; the juror double-clicks a package in the file manager. The second start hands the
/// file to the open window and ends: one window, now on the juror's home with the package chosen.
/// (On Linux the two starts find each other on the user's D-Bus session; the journey brings its own.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_start_hands_its_package_to_the_open_window() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = files.join("lomba.db");
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    let package = files.join("J5.juri");
    issue_package(&chair_db, "J5", &package)?;

    let bus = SessionBus::start(&folders)?;
    let installed = Launch {
        installed: true,
        env: vec![("DBUS_SESSION_BUS_ADDRESS".into(), bus.address().into())],
    };
    let app = App::launch_with(folders.clone(), &[], &installed).await?;
    app.click("mode-chair").await?;
    app.find("nav-bundles").await?;

    let second = start_directly(
        &folders,
        &installed,
        &[&package.display().to_string()],
        Duration::from_secs(30),
    )?;
    assert!(
        second.is_some_and(|status| status.success()),
        "the second start should hand over its file and end, but: {second:?}"
    );
    app.find("package-form").await?;
    app.expect_contains("package-file", "J5.juri").await?;
    // The open window kept its data in the platform's folder, not a named one.
    app.click("nav-about").await?;
    app.expect_contains("data-dir", "xdg-data").await?;

    // A start on a data folder of its own is an instance of its own: it does not hand over.
    let separate = start_directly(
        &folders,
        &Launch {
            installed: false,
            env: installed.env.clone(),
        },
        &[&package.display().to_string()],
        Duration::from_secs(4),
    )?;
    assert!(
        separate.is_none(),
        "a start on its own data folder should keep running, but ended: {separate:?}"
    );
    app.close().await?;
    Ok(())
}
