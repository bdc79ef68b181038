//! A juror submits every finished sheet of a stage at once: the home screen offers it once a
//! finished sheet is not submitted yet, says which sheets go and which are left unfinished, and
//! asks before doing it.

use juri_e2e::fixture::{issue_package, juri, open_package};
use juri_e2e::{App, Folders, HarnessError};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_submits_every_finished_sheet_at_once() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = files.join("lomba.db");
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    let package = files.join("J5.juri");
    let code = issue_package(&chair_db, "J5", &package)?;
    // The juror's laptop: two presentation sheets finished, a third begun.
    let laptop = folders.data_dir().join("juri.db");
    std::fs::create_dir_all(folders.data_dir())?;
    open_package(&laptop, &package, &code)?;
    let status = juri(
        &[
            "juror",
            "--db",
            &laptop.display().to_string(),
            "status",
            "--stage",
            "presentasi",
        ],
        None,
    )?;
    let entries: Vec<String> = status
        .lines()
        .filter(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_string)
        .take(3)
        .collect();
    assert_eq!(entries.len(), 3, "{status}");
    let criteria = [
        "kebaharuan",
        "kemanfaatan",
        "kolaborasi",
        "replikasi",
        "penyajian",
    ];
    for (n, entry) in entries.iter().enumerate() {
        let scored = if n < 2 { criteria.len() } else { 2 };
        for criterion in criteria.iter().take(scored) {
            juri(
                &[
                    "juror",
                    "--db",
                    &laptop.display().to_string(),
                    "score",
                    "--stage",
                    "presentasi",
                    "--entry",
                    entry,
                    "--criterion",
                    criterion,
                    "--value",
                    "5",
                ],
                None,
            )?;
        }
    }

    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-juror").await?;
    app.expect_contains("juror-stage-presentasi", "0 dikirim")
        .await?;
    app.click("juror-submit-all-presentasi").await?;
    app.expect_contains("confirm-dialog", &entries[0]).await?;
    app.expect_contains(
        "confirm-dialog",
        &format!("{} (2 dari 5 kriteria)", entries[2]),
    )
    .await?;
    app.click("confirm-accept").await?;
    app.expect_contains("juror-stage-presentasi", "2 dikirim")
        .await?;
    app.close().await?;
    Ok(())
}
