//! Saves screenshots of the app's main screens for the documentation: `screenshots <folder>`
//! writes `app-*.png` there. Run it under Xvfb with a 1366×768 screen and
//! `WEBKIT_DISABLE_COMPOSITING_MODE=0` (`make screenshots`): WebKitWebDriver takes screenshots only
//! of a composited view, while the app otherwise renders without compositing.
//!
//! The chair's screens show the demo competition (`--demo`); the juror's screens show a package
//! issued from another copy of it with the `juri` command (`JURI_CLI`, default `target/debug/juri`
//! of the root workspace), opened and scored through the app itself.

use juri_e2e::fixture::{
    add_documents_to_every_entry, issue_package, juri, sample_pdf, CHAIR_PASSPHRASE,
};
use juri_e2e::{App, Folders, HarnessError};
use std::path::{Path, PathBuf};

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<(), HarnessError> {
    let folder = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("docs/img"));
    std::fs::create_dir_all(&folder)?;

    let folders = Folders::new()?;
    let app = App::launch_in(folders.clone(), &["--demo"]).await?;
    app.find("dashboard-screen").await?;
    // WebKit's first snapshot of a new window can be a frame from before the competition opened:
    // take one to throw away, then the real one.
    app.screenshot(&folders.path().join("first-frame.png"))
        .await?;
    save(&app, &folder, "app-chair-dashboard.png").await?;

    let shots: &[(&str, &[&str], &str)] = &[
        (
            "app-chair-definition.png",
            &["nav-definition", "definition-tab-1"],
            "definition-state",
        ),
        ("app-chair-entries.png", &["nav-participants"], "entry-list"),
        (
            "app-chair-progress.png",
            &["nav-progress"],
            "progress-matrix",
        ),
        (
            "app-chair-results.png",
            &["nav-results", "results-view-ranking"],
            "ranking-table",
        ),
        (
            "app-chair-charts.png",
            &["nav-results", "results-view-charts"],
            "juror-chart",
        ),
        (
            "app-chair-methods.png",
            &["nav-results", "results-view-methods"],
            "methods-summary",
        ),
        (
            "app-chair-decisions.png",
            &["nav-decisions"],
            "decision-form",
        ),
        ("app-chair-bundles.png", &["nav-bundles"], "bundles-screen"),
        (
            "app-chair-documents.png",
            &["nav-documents"],
            "documents-screen",
        ),
        ("app-chair-log.png", &["nav-log"], "log-list"),
    ];
    for (name, clicks, ready) in shots {
        for test_id in *clicks {
            app.click(test_id).await?;
        }
        app.find(ready).await?;
        // Let charts and lists settle after their data arrives.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        save(&app, &folder, name).await?;
    }
    // A juror's bundle for the demo competition, made with the `juri` command, previewed.
    let bundle = juror_bundle(&folders.data_dir().join("lomba.db"), &folders.files())?;
    app.click("nav-bundles").await?;
    app.choose_file("bundles-choose", &bundle).await?;
    // The bundle opens with the chair's keys, sealed with the chair's passphrase.
    app.type_into("passphrase-input", CHAIR_PASSPHRASE).await?;
    app.click("passphrase-submit").await?;
    app.find("merge-plan").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    save(&app, &folder, "app-chair-merge-preview.png").await?;

    app.click("language-en").await?;
    app.click("nav-results").await?;
    app.click("results-view-ranking").await?;
    app.find("ranking-table").await?;
    save(&app, &folder, "app-chair-results-en.png").await?;
    app.click("language-id").await?;

    // The juror: a package of the demo competition, opened through the app and partly scored.
    let chair_db = folders.files().join("lomba.db");
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    // Every entry carries its proposal and an annex, which travel with the package.
    let proposal = folders.files().join("proposal.pdf");
    let annex = folders.files().join("lampiran.pdf");
    std::fs::write(&proposal, sample_pdf("Proposal inovasi", 12))?;
    std::fs::write(&annex, sample_pdf("Lampiran", 3))?;
    add_documents_to_every_entry(&chair_db, &[&proposal, &annex])?;
    let package = folders.files().join("J5.juri");
    let code = issue_package(&chair_db, "J5", &package)?;
    app.click("mode-juror").await?;
    app.find("package-form").await?;
    save(&app, &folder, "app-juror-open.png").await?;
    app.choose_file("package-choose", &package).await?;
    app.expect_contains("package-file", "J5.juri").await?;
    app.type_into("package-code", &code).await?;
    app.click("package-open").await?;
    app.find("juror-competition").await?;
    app.click("juror-score-presentasi").await?;
    app.find("score-sheet").await?;
    app.click("score-kebaharuan").await?;
    for (index, value) in ["6", "5", "7"].iter().enumerate() {
        if index > 0 {
            app.keys(thirtyfour::Key::Tab).await?;
        }
        app.keys(*value).await?;
    }
    app.keys(thirtyfour::Key::Enter).await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.expect_text("save-status", "Tersimpan").await?;
    dismiss_notices(&app).await?;
    save(&app, &folder, "app-juror-sheet.png").await?;
    // Printing: the sheet's own buttons at its foot, and the stage's menu.
    let foot = app.find("sheet-print").await?;
    app.driver()
        .execute(
            "arguments[0].scrollIntoView({ block: 'end' });",
            vec![foot.to_json()?],
        )
        .await?;
    app.click("stage-print").await?;
    app.find("stage-print-filled").await?;
    save(&app, &folder, "app-juror-print.png").await?;
    app.click("stage-print").await?;
    // The proposal read beside the sheet, at page 3.
    app.click("entry-document-proposal.pdf").await?;
    app.find("viewer-canvas").await?;
    for _ in 0..2 {
        app.click("viewer-next").await?;
    }
    app.wait_until("page 3", || async {
        Ok(app.attr("viewer-canvas", "data-page").await?.as_deref() == Some("3"))
    })
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    dismiss_notices(&app).await?;
    save(&app, &folder, "app-juror-document.png").await?;
    app.click("viewer-close").await?;
    // A photo from the field visit under the note.
    let photo = folders.files().join("lapangan.jpg");
    std::fs::write(&photo, include_bytes!("../../fixtures/lapangan.jpg"))?;
    app.choose_file("note-add-photo", &photo).await?;
    app.find("note-photo").await?;
    let strip = app.find("note-add-photo").await?;
    app.driver()
        .execute(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![strip.to_json()?],
        )
        .await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    dismiss_notices(&app).await?;
    save(&app, &folder, "app-juror-photos.png").await?;
    app.click("nav-home").await?;
    app.find("juror-competition").await?;
    dismiss_notices(&app).await?;
    save(&app, &folder, "app-juror-home.png").await?;
    app.close().await
}

/// Juror J5 scores every entry of the presentation stage on their own laptop (the `juri`
/// command), submits them and exports the bundle; returns its path.
fn juror_bundle(chair_db: &Path, files: &Path) -> Result<PathBuf, HarnessError> {
    let package = files.join("paket-J5-demo.juri");
    let code = issue_package(chair_db, "J5", &package)?;
    let laptop = files.join("laptop-J5.db").display().to_string();
    let package = package.display().to_string();
    juri(
        &["juror", "--db", &laptop, "open", &package, "--code", &code],
        None,
    )?;
    let status = juri(
        &["juror", "--db", &laptop, "status", "--stage", "presentasi"],
        None,
    )?;
    let entries: Vec<String> = status
        .lines()
        .filter(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .collect();
    let criteria = [
        "kebaharuan",
        "kemanfaatan",
        "kolaborasi",
        "replikasi",
        "penyajian",
    ];
    let mut lines = String::new();
    for (index, entry) in entries.iter().enumerate() {
        for (at, criterion) in criteria.iter().enumerate() {
            let score = 3 + (index * 3 + at * 2) % 5;
            lines.push_str(&format!("score presentasi {entry} {criterion} {score}\n"));
        }
    }
    juri(&["juror", "--db", &laptop, "stream"], Some(&lines))?;
    for entry in &entries {
        juri(
            &[
                "juror",
                "--db",
                &laptop,
                "submit",
                "--stage",
                "presentasi",
                "--entry",
                entry,
            ],
            None,
        )?;
    }
    // A field visit's note with a photo on the first entry.
    let photo = files.join("kunjungan.jpg");
    std::fs::write(&photo, include_bytes!("../../fixtures/lapangan.jpg"))?;
    if let Some(first) = entries.first() {
        juri(
            &[
                "juror",
                "--db",
                &laptop,
                "note",
                "--stage",
                "presentasi",
                "--entry",
                first,
                "--text",
                "Kunjungan lapangan: layanan berjalan, warga terlayani tanpa antre.",
                "--photo",
                &photo.display().to_string(),
            ],
            None,
        )?;
    }
    let bundle = files.join("bundel-J5-1.juri");
    let out = bundle.display().to_string();
    // The key on the laptop opens with the access code, read from standard input.
    juri(
        &["juror", "--db", &laptop, "export", "--out", &out],
        Some(&format!("{code}\n")),
    )?;
    Ok(bundle)
}

/// Closes the notices in the corner, so they do not cover the screen in a picture.
async fn dismiss_notices(app: &App) -> Result<(), HarnessError> {
    for button in app
        .driver()
        .find_all(thirtyfour::By::Css("[data-testid=toast] button"))
        .await?
    {
        button.click().await?;
    }
    Ok(())
}

async fn save(app: &App, folder: &Path, name: &str) -> Result<(), HarnessError> {
    // The element is in the page before WebKit has painted it: give the frame time to show.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let path = folder.join(name);
    app.screenshot(&path).await?;
    println!("{}", path.display());
    Ok(())
}
