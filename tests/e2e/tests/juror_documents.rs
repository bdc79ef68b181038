//! A juror reads an entry's proposal beside the score sheet: the chair adds two PDFs to every entry,
//! issues the package (its documents file beside it), the juror opens the package in the app (the
//! documents install with it), opens the proposal in the viewer — which takes the entries list's
//! place at 1366×768 — turns to page 3 (drawn for real by pdf.js, offline), zooms it, reads the
//! scanned annex (a JPEG 2000 page), moves to the sheet with Alt+D, scores it, attaches a photo
//! from the field visit to the sheet's note and exports the bundle; then, as the chair in the same
//! app, merges it (the preview counts the photo) and sees the photo on the entry's field notes.

use juri_e2e::fixture::{
    add_documents_to_every_entry, issue_package, juri, sample_pdf, scanned_pdf, CHAIR_PASSPHRASE,
};
use juri_e2e::{App, Folders, HarnessError};
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_reads_page_3_of_the_proposal_beside_the_sheet() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    // The chair's competition in the app's data folder, where chair mode opens it.
    std::fs::create_dir_all(folders.data_dir())?;
    let chair_db = folders.data_dir().join("lomba.db");
    let db = chair_db.display().to_string();
    juri(&["demo", "--db", &db], None)?;
    let proposal = files.join("proposal.pdf");
    let annex = files.join("lampiran.pdf");
    std::fs::write(&proposal, sample_pdf("Proposal", 5))?;
    // The annex is a scan: its page is a JPEG 2000 image, which pdf.js decodes with the OpenJPEG
    // module bundled with the app.
    std::fs::write(&annex, scanned_pdf())?;
    add_documents_to_every_entry(&chair_db, &[&proposal, &annex])?;
    let package = files.join("J5.juri");
    let code = issue_package(&chair_db, "J5", &package)?;
    assert!(files.join("J5-documents.zip").is_file());

    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-juror").await?;
    app.choose_file("package-choose", &package).await?;
    app.type_into("package-code", &code).await?;
    app.click("package-open").await?;
    app.expect_contains("juror-competition", "Koin Yanlik Berdasi")
        .await?;
    app.click("juror-score-presentasi").await?;
    app.find("entry-documents").await?;
    app.expect_contains("entry-document-proposal.pdf", "proposal.pdf")
        .await?;
    app.expect_contains("entry-document-lampiran.pdf", "lampiran.pdf")
        .await?;

    // The proposal opens beside the sheet, in the entries list's place.
    app.click("entry-document-proposal.pdf").await?;
    app.expect_contains("viewer-of", "dari 5").await?;
    app.click("viewer-next").await?;
    app.click("viewer-next").await?;
    app.wait_until("page 3 drawn", || async {
        Ok(app.attr("viewer-canvas", "data-page").await?.as_deref() == Some("3"))
    })
    .await?;
    // pdf.js really drew it: the page's coloured band is on the canvas.
    app.wait_until("the band of page 3 on the canvas", || async {
        Ok(canvas_pixels(&app, "d[i + 2] > 150 && d[i] < 60").await? > 1000)
    })
    .await?;
    assert_eq!(app.prop("viewer-page", "value").await?, "3");
    let list_visible = app
        .driver()
        .execute(
            "return document.querySelector('aside.list')?.checkVisibility() ?? false;",
            Vec::new(),
        )
        .await?
        .convert::<bool>()?;
    assert!(!list_visible, "the entries list makes way for the document");
    // (`make screenshots` keeps this view as docs/img/app-juror-document.png: WebKitWebDriver's
    // screenshots need the compositing the app turns off elsewhere.)

    // Zoomed to 150 %, the page is drawn half as wide again and scrolls sideways; the width
    // button fits it again.
    let drawn_width = || async {
        app.driver()
            .execute(
                "return document.querySelector('[data-testid=viewer-canvas]').getBoundingClientRect().width;",
                Vec::new(),
            )
            .await?
            .convert::<f64>()
    };
    let fitted = drawn_width().await?;
    app.click("viewer-zoom-in").await?;
    app.click("viewer-zoom-in").await?;
    app.expect_contains("viewer-zoom", "150%").await?;
    app.wait_until("the page drawn at 150 %", || async {
        Ok((drawn_width().await? - fitted * 1.5).abs() < 4.0)
    })
    .await?;
    let sideways = app
        .driver()
        .execute(
            "const b = document.querySelector('[data-testid=document-viewer] .body');
             return b.scrollWidth > b.clientWidth;",
            Vec::new(),
        )
        .await?
        .convert::<bool>()?;
    assert!(sideways, "a zoomed page scrolls sideways");
    app.click("viewer-zoom").await?;
    app.wait_until("the page fitted again", || async {
        Ok((drawn_width().await? - fitted).abs() < 2.0)
    })
    .await?;

    // The scanned annex: its JPEG 2000 page is drawn (green), not left blank.
    app.click("entry-document-lampiran.pdf").await?;
    app.expect_contains("viewer-of", "dari 1").await?;
    app.wait_until("the scanned page drawn", || async {
        Ok(canvas_pixels(&app, "d[i + 1] > 120 && d[i] < 60 && d[i + 2] < 100").await? > 1000)
    })
    .await?;
    app.click("entry-document-proposal.pdf").await?;
    app.expect_contains("viewer-of", "dari 5").await?;

    // Alt+D from the document moves to the sheet's first score; scoring there works as ever, by
    // keyboard (value, Tab, …, Enter).
    app.driver()
        .execute(
            "document.querySelector('[data-testid=document-viewer]').focus();",
            Vec::new(),
        )
        .await?;
    assert_eq!(app.focused().await?, "document-viewer");
    let alt_d = || async {
        app.driver()
            .action_chain()
            .key_down(Key::Alt)
            .send_keys("d")
            .key_up(Key::Alt)
            .perform()
            .await
    };
    alt_d().await?;
    let focused = app.focused().await?;
    assert!(
        focused.starts_with("score-"),
        "Alt+D should move to the first score, focus is on {focused:?}"
    );
    let criteria = app
        .driver()
        .find_all(By::Css(
            "[data-testid=score-sheet] input[data-testid^='score-']",
        ))
        .await?
        .len();
    for index in 0..criteria {
        app.keys("5").await?;
        app.keys(if index + 1 < criteria {
            Key::Tab
        } else {
            Key::Enter
        })
        .await?;
    }
    app.expect_text("save-status", "Tersimpan").await?;
    // The document stays open while scoring, and Alt+D goes back to it.
    alt_d().await?;
    assert_eq!(app.focused().await?, "document-viewer");

    // A photo from the field visit, on the sheet's note (the camera's time and place not kept).
    let entry = app
        .attr("score-sheet", "data-entry")
        .await?
        .unwrap_or_default();
    let photo = files.join("lapangan.jpg");
    std::fs::write(&photo, include_bytes!("../fixtures/lapangan.jpg"))?;
    app.choose_file("note-add-photo", &photo).await?;
    app.expect_contains("note-photo-count", "1 dari 10").await?;
    app.wait_until("the photo's thumbnail drawn", || async {
        Ok(image_width(&app, "note-photo", "").await? > 0)
    })
    .await?;

    app.click("nav-home").await?;
    let bundle = files.join("bundel-J5.juri");
    // The key opened with the access code at install is still open in this session.
    app.choose_file("juror-export", &bundle).await?;
    app.expect_contains("export-report", "bundel-J5.juri")
        .await?;
    let verified = juri(
        &["verify", &bundle.display().to_string(), "--db", &db],
        Some(&format!("{CHAIR_PASSPHRASE}\n")),
    )?;
    assert!(verified.contains("J5"), "{verified}");

    // The chair merges the bundle: the preview counts the photo, and after the merge the photo
    // is on the entry's field notes.
    app.click("mode-chair").await?;
    app.find("dashboard-screen").await?;
    app.click("nav-bundles").await?;
    app.choose_file("bundles-choose", &bundle).await?;
    app.type_into("passphrase-input", CHAIR_PASSPHRASE).await?;
    app.click("passphrase-submit").await?;
    app.expect_contains("merge-files", "J5").await?;
    app.expect_contains("bundle-photos", "1 foto").await?;
    app.click("bundles-apply").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("toast-area", "1 bundel digabungkan")
        .await?;
    app.click("nav-participants").await?;
    app.click("field-notes-summary").await?;
    app.type_into("field-notes-entry", &entry).await?;
    // J5's note (other jurors' notes from the demo are listed too) carries the photo, drawn.
    app.wait_until("J5's note with its photo", || async {
        Ok(image_width(
            &app,
            "field-note-photo",
            "[data-testid=field-note][data-juror=J5] ",
        )
        .await?
            > 0)
    })
    .await?;
    app.close().await?;
    Ok(())
}

/// The natural width of the first image with this `data-testid` (inside what the CSS selector
/// `within` names, when given): 0 until it is decoded.
async fn image_width(app: &App, test_id: &str, within: &str) -> Result<u64, HarnessError> {
    Ok(app
        .driver()
        .execute(
            &format!(
                "const i = document.querySelector('{within}[data-testid={test_id}]');
                 return i && i.complete ? i.naturalWidth : 0;"
            ),
            Vec::new(),
        )
        .await?
        .convert::<u64>()?)
}

/// How many pixels of the top quarter of the viewer's canvas match `test`, a JavaScript condition
/// on `d[i]`, `d[i + 1]`, `d[i + 2]` (red, green, blue).
async fn canvas_pixels(app: &App, test: &str) -> Result<u64, HarnessError> {
    Ok(app
        .driver()
        .execute(
            &format!(
                "const c = document.querySelector('[data-testid=viewer-canvas]');
                 if (!c || c.width === 0) return 0;
                 const d = c.getContext('2d').getImageData(0, 0, c.width, Math.floor(c.height / 4)).data;
                 let n = 0;
                 for (let i = 0; i < d.length; i += 4) if ({test}) n++;
                 return n;"
            ),
            Vec::new(),
        )
        .await?
        .convert::<u64>()?)
}
