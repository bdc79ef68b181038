//! A juror reads an entry's proposal beside the score sheet: the chair adds two PDFs to every entry,
//! issues the package (its documents file beside it), the juror opens the package in the app (the
//! documents install with it), opens the proposal in the viewer — which takes the entries list's
//! place at 1366×768 — turns to page 3 (drawn for real by pdf.js, offline), moves to the sheet with
//! Alt+D, scores it, and exports the bundle, which the chair's `juri` verifies.

use juri_e2e::fixture::{issue_package, juri, CHAIR_PASSPHRASE};
use juri_e2e::{App, Folders, HarnessError};
use thirtyfour::prelude::*;

/// A valid PDF of `pages` pages, each with a coloured band and "`title` — halaman N".
fn pdf(title: &str, pages: usize) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(), // the page tree, once the pages are numbered
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    let mut kids = Vec::new();
    for n in 1..=pages {
        let text = format!(
            "0.1 0.3 0.7 rg 40 700 515 60 re f BT /F1 28 Tf 1 1 1 rg 60 720 Td ({title} - halaman {n}) Tj ET"
        );
        objects.push(format!(
            "<< /Length {} >>\nstream\n{text}\nendstream",
            text.len()
        ));
        let content = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_juror_reads_page_3_of_the_proposal_beside_the_sheet() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = files.join("lomba.db");
    let db = chair_db.display().to_string();
    juri(&["demo", "--db", &db], None)?;
    let proposal = files.join("proposal.pdf");
    let annex = files.join("lampiran.pdf");
    std::fs::write(&proposal, pdf("Proposal", 5))?;
    std::fs::write(&annex, pdf("Lampiran", 2))?;
    let entries: serde_json::Value = serde_json::from_str(&juri(
        &["entries", "list", "--db", &db, "--format", "json"],
        None,
    )?)
    .map_err(|e| HarnessError::Tool(format!("entries list: {e}")))?;
    for entry in entries.as_array().expect("a list of entries") {
        let code = entry["code"].as_str().expect("a code");
        for file in [&proposal, &annex] {
            juri(
                &[
                    "entries",
                    "add-document",
                    "--db",
                    &db,
                    "--entry",
                    code,
                    &file.display().to_string(),
                ],
                None,
            )?;
        }
    }
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
        let painted = app
            .driver()
            .execute(
                "const c = document.querySelector('[data-testid=viewer-canvas]');
                 if (!c || c.width === 0) return 0;
                 const d = c.getContext('2d').getImageData(0, 0, c.width, Math.floor(c.height / 4)).data;
                 let blue = 0;
                 for (let i = 0; i < d.length; i += 4) if (d[i + 2] > 150 && d[i] < 60) blue++;
                 return blue;",
                Vec::new(),
            )
            .await?
            .convert::<u64>()?;
        Ok(painted > 1000)
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
    // Left in the system's temporary folder, to look at after the run.
    app.screenshot(&std::env::temp_dir().join("juri-juror-document.png"))
        .await?;

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

    app.click("nav-home").await?;
    let bundle = files.join("bundel-J5.juri");
    // The key opened with the access code at install is still open in this session.
    app.choose_file("juror-export", &bundle).await?;
    app.expect_contains("export-report", "bundel-J5.juri")
        .await?;
    app.close().await?;
    let verified = juri(
        &["verify", &bundle.display().to_string(), "--db", &db],
        Some(&format!("{CHAIR_PASSPHRASE}\n")),
    )?;
    assert!(verified.contains("J5"), "{verified}");
    Ok(())
}
