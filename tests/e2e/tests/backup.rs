//! The chair saves a backup when Juri asks for one after a finalisation, and restores it on another
//! laptop from the start screen; a damaged backup is refused there with the reason and nothing is
//! written.

use juri_e2e::{App, Folders, HarnessError};

const DEMO: &str = "Kompetisi Inovasi Pelayanan Publik Koin Yanlik Berdasi 2025";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_saved_when_reminded_restores_on_another_laptop() -> Result<(), HarnessError> {
    // The first laptop: the demo has finalised stages and no backup, so the reminder shows.
    let first = Folders::new()?;
    let backup = first.files().join("cadangan-demo.juri-backup");
    let app = App::launch_in(first.clone(), &["--demo"]).await?;
    app.expect_text("competition-name", DEMO).await?;
    app.expect_contains("backup-reminder", "belum ada cadangan")
        .await?;
    app.expect_contains("backup-last", "Belum ada cadangan")
        .await?;
    app.choose_file("backup-reminder-save", &backup).await?;
    app.wait_until("the backup to be recorded", || async {
        Ok(app.text("backup-last").await?.contains("Cadangan terakhir"))
    })
    .await?;
    assert!(backup.is_file(), "{} written", backup.display());
    assert!(
        app.all("backup-reminder").await?.is_empty(),
        "the reminder goes once the backup holds every change"
    );
    app.close().await?;

    // A damaged copy is refused on the second laptop: nothing is written in its data folder.
    let second = Folders::new()?;
    let damaged = second.files().join("rusak.juri-backup");
    let mut bytes = std::fs::read(&backup)?;
    let last = bytes.len() - 10;
    bytes[last] ^= 0x20;
    std::fs::write(&damaged, &bytes)?;
    let good = second.files().join("cadangan.juri-backup");
    std::fs::copy(&backup, &good)?;
    let app = App::launch_in(second.clone(), &[]).await?;
    app.click("mode-chair").await?;
    app.find("start-screen").await?;
    app.choose_file("start-restore", &damaged).await?;
    app.wait_until("the refusal", || async {
        Ok(app.text("start-screen").await?.contains("cadangan rusak"))
    })
    .await?;
    assert!(!second.data_dir().join("lomba.db").exists());

    // The good copy opens as the competition, with nothing due.
    app.choose_file("start-restore", &good).await?;
    app.expect_text("competition-name", DEMO).await?;
    assert!(second.data_dir().join("lomba.db").is_file());
    app.expect_contains("backup-last", "Cadangan terakhir")
        .await?;
    assert!(app.all("backup-reminder").await?.is_empty());
    app.close().await?;
    Ok(())
}
