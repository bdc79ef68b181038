//! A laptop whose desktop session has a keychain (here GNOME Keyring's Secret Service, as on a
//! Linux desktop; the Windows Credential Manager and the macOS Keychain play the same part): the
//! juror gives the access code once, when the package is installed; after a restart the export
//! asks for none. Without the keychain (`JURI_KEYCHAIN=off`) the code is asked again — the key is
//! still kept sealed in the juror's database.

use juri_e2e::fixture::{issue_package, juri, Keyring, SessionBus};
use juri_e2e::{App, Folders, HarnessError, Launch};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_access_code_is_asked_once_per_laptop_with_a_keychain() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = files.join("lomba.db");
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    let package = files.join("J5.juri");
    let code = issue_package(&chair_db, "J5", &package)?;

    let bus = SessionBus::start(&folders)?;
    let _keyring = Keyring::start(&bus, &folders)?;
    let on_the_bus = (
        "DBUS_SESSION_BUS_ADDRESS".to_string(),
        bus.address().to_string(),
    );
    let with_keychain = Launch {
        installed: false,
        env: vec![
            on_the_bus.clone(),
            ("JURI_KEYCHAIN".into(), "system".into()),
        ],
    };

    // Installing the package takes the access code once.
    let app = App::launch_with(
        folders.clone(),
        &[&package.display().to_string()],
        &with_keychain,
    )
    .await?;
    app.find("package-form").await?;
    app.type_into("package-code", &code).await?;
    app.click("package-open").await?;
    app.expect_contains("juror-competition", "Koin Yanlik Berdasi")
        .await?;
    app.close().await?;

    // After a restart the key opens from the keychain: the export panel asks for no code.
    let app = App::launch_with(folders.clone(), &[], &with_keychain).await?;
    app.click("mode-juror").await?;
    app.find("juror-export").await?;
    assert!(
        app.all("export-code").await?.is_empty(),
        "the export should not ask for the access code"
    );
    let bundle = files.join("bundel-J5.juri");
    app.choose_file("juror-export", &bundle).await?;
    app.expect_contains("export-report", "bundel-J5.juri")
        .await?;
    app.close().await?;
    // The bundle is the juror's, signed with the key the package carried.
    let verified = juri(
        &[
            "verify",
            &bundle.display().to_string(),
            "--db",
            &chair_db.display().to_string(),
        ],
        Some(&format!("{}\n", juri_e2e::fixture::CHAIR_PASSPHRASE)),
    )?;
    assert!(verified.contains("J5"), "{verified}");

    // The same laptop with the keychain turned off: the code is asked again.
    let without = Launch {
        installed: false,
        env: vec![on_the_bus],
    };
    let app = App::launch_with(folders.clone(), &[], &without).await?;
    app.click("mode-juror").await?;
    app.find("export-code").await?;
    app.close().await?;
    Ok(())
}
