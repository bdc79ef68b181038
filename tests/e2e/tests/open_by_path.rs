//! Opening a `.juri` file from the file manager starts Juri with the file's path: a juror's
//! package lands on the juror's home with the file chosen, waiting for the access code; a file
//! that is not Juri's is refused with a message, and the app still starts.

use juri_e2e::fixture::{issue_package, juri};
use juri_e2e::{App, Folders, HarnessError};

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
