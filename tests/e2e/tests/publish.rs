//! The chair publishes the verification archive from the Print & export screen: the passphrase
//! first (the demo's keys are made now, so a new one typed twice), the privacy ticks, a zip saved
//! where the chair chooses, its fingerprint shown — and `juri audit` on that zip, with no database
//! and no secret, says "identical".

use juri_e2e::fixture::{juri, CHAIR_PASSPHRASE};
use juri_e2e::{App, Folders, HarnessError};

const DEMO: &str = "Kompetisi Inovasi Pelayanan Publik Koin Yanlik Berdasi 2025";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_publishes_an_archive_anyone_can_audit() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let zip = folders.files().join("transparansi-demo.zip");
    let app = App::launch_in(folders.clone(), &["--demo"]).await?;
    app.expect_text("competition-name", DEMO).await?;
    app.click("nav-documents").await?;
    app.find("publish-panel").await?;
    // Personal data is withheld unless ticked: publish the comments only.
    app.click("publish-comments").await?;
    app.click("publish-archive").await?;
    app.find("passphrase-dialog").await?;
    app.type_into("passphrase-input", CHAIR_PASSPHRASE).await?;
    app.type_into("passphrase-again", CHAIR_PASSPHRASE).await?;
    app.choose_file("passphrase-submit", &zip).await?;
    app.find_long("publish-result").await?;
    let fingerprint = app.text("publish-fingerprint").await?;
    app.close().await?;

    assert!(zip.is_file(), "{} written", zip.display());
    let audit = juri(&["audit", &zip.display().to_string()], None)?;
    assert!(
        audit.contains(&format!("manifest fingerprint: {}", fingerprint.trim()))
            && audit.contains("identical: every signature holds"),
        "{audit}"
    );
    let json = juri(
        &["audit", &zip.display().to_string(), "--format", "json"],
        None,
    )?;
    let report: serde_json::Value = serde_json::from_str(&json).expect("the audit's JSON");
    assert_eq!(
        report["privacy"],
        serde_json::json!({ "juror_names": false, "comments": true, "notes": false })
    );
    Ok(())
}
