//! A juror's whole journey in the real app: open the package from the chair (file dialog and
//! access code), score two entries by keyboard alone (type, Tab, Enter, "Tersimpan" each time),
//! quit, start again and find every score still there, print a blank sheet for a field visit and
//! the filled sheet to sign (a draft), export the signed bundle to a chosen place — which the `juri`
//! command then verifies — and print the stage's sheets again, now naming that bundle.

use juri_e2e::fixture::{issue_package, juri, CHAIR_PASSPHRASE};
use std::path::{Path, PathBuf};

use juri_e2e::{App, Folders, HarnessError};
use thirtyfour::prelude::*;

/// Scores typed for the first and the second entry, one per criterion (the presentation rubric
/// of the demo has a 1–7 scale).
const FIRST: [&str; 5] = ["6", "5", "7", "4", "6"];
const SECOND: [&str; 5] = ["3", "4", "5", "6", "2"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn juror_scores_by_keyboard_and_exports_a_bundle() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = files.join("lomba.db");
    juri(&["demo", "--db", &chair_db.display().to_string()], None)?;
    let package = files.join("J5.juri");
    let code = issue_package(&chair_db, "J5", &package)?;

    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-juror").await?;
    app.find("package-form").await?;
    app.choose_file("package-choose", &package).await?;
    app.expect_contains("package-file", "J5.juri").await?;
    // A mistyped access code opens nothing and says so.
    app.type_into("package-code", "AAAA-BBBB-CCCC").await?;
    app.click("package-open").await?;
    app.find("package-error").await?;
    assert!(app.all("juror-competition").await?.is_empty());
    app.type_into("package-code", &code).await?;
    app.click("package-open").await?;
    app.expect_contains("juror-competition", "Koin Yanlik Berdasi")
        .await?;
    app.expect_contains("juror-stage-presentasi", "0 dari")
        .await?;

    app.click("juror-score-presentasi").await?;
    let first = score_current_sheet(&app, &FIRST).await?;
    app.type_into(
        "sheet-note",
        "Kunjungan lapangan: layanan berjalan di tiga desa.",
    )
    .await?;
    app.expect_text("save-status", "Tersimpan").await?;
    app.click("sheet-next").await?;
    app.wait_until("the next sheet", || async {
        Ok(app.attr("score-sheet", "data-entry").await?.as_deref() != Some(first.as_str()))
    })
    .await?;
    let second = score_current_sheet(&app, &SECOND).await?;
    app.expect_contains("scoring-progress", "2 dari").await?;
    app.close().await?;

    // Start again on the same data folder: both sheets are still there, as typed.
    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-juror").await?;
    app.expect_contains("juror-stage-presentasi", "2 dari")
        .await?;
    app.click("juror-score-presentasi").await?;
    for (entry, scores) in [(&first, &FIRST), (&second, &SECOND)] {
        app.click(&format!("scoring-entry-{entry}")).await?;
        app.wait_until("the chosen sheet", || async {
            Ok(app.attr("score-sheet", "data-entry").await?.as_deref() == Some(entry.as_str()))
        })
        .await?;
        let inputs = score_inputs(&app).await?;
        assert_eq!(inputs.len(), scores.len());
        for (input, expected) in inputs.iter().zip(scores.iter()) {
            assert_eq!(input.prop("value").await?.as_deref(), Some(*expected));
        }
    }

    // Blank sheets of the entry on screen, for a field visit: a PDF in the data folder.
    app.click("sheet-print-blank").await?;
    app.expect_contains("toast-area", "lembar-kosong-presentasi")
        .await?;
    let documents = folders.data_dir().join("dokumen");
    let printed: Vec<_> = std::fs::read_dir(&documents)?.flatten().collect();
    assert_eq!(printed.len(), 1, "{}", documents.display());
    assert!(std::fs::read(printed[0].path())?.starts_with(b"%PDF-"));

    // The sheet with the juror's own scores, to sign: a draft until it is exported.
    // "Nilai sementara: 58,57": the number the sheet must carry.
    let total = app.text("running-total").await?;
    let total = total.rsplit(' ').next().unwrap_or_default().to_string();
    app.click("sheet-print").await?;
    app.expect_contains("toast-area", "lembar-penilaian-presentasi")
        .await?;
    let sheet = pdf_text(&newest(&documents, "lembar-penilaian-")?)?;
    assert!(sheet.contains(&second), "{sheet}");
    assert!(
        sheet.contains(&format!("Total Nilai (0–100) {total}")),
        "{total} in {sheet}"
    );
    assert!(
        sheet.contains("Sumber nilai: laptop juri (draf)")
            && sheet.contains("belum dikirim sebagai bundel nilai"),
        "{sheet}"
    );

    // Export the bundle to a chosen place; the chair's tool verifies its signature. The key on
    // this laptop is locked with the access code, asked once after the restart.
    app.click("nav-home").await?;
    let bundle = files.join("bundel-J5.juri");
    app.type_into("export-code", &code).await?;
    app.choose_file("juror-export", &bundle).await?;
    app.expect_contains("export-report", "bundel-J5.juri")
        .await?;
    let report = app.text("export-report").await?;

    // Printed after the export, every scored sheet of the stage names the bundle it is in.
    app.click("juror-score-presentasi").await?;
    app.click("stage-print").await?;
    app.click("stage-print-filled").await?;
    // Count finished PDFs only: a document is written to a hidden temporary file first.
    app.wait_until("the stage's sheets", || async {
        Ok(std::fs::read_dir(&documents)?
            .flatten()
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                !name.starts_with('.') && name.ends_with(".pdf")
            })
            .count()
            == 3)
    })
    .await?;
    let sheets = pdf_text(&newest(&documents, "lembar-penilaian-")?)?;
    let fingerprints: Vec<&str> = sheets
        .lines()
        .filter_map(|line| line.split("Sidik bundel: ").nth(1))
        .collect();
    assert_eq!(fingerprints.len(), 2, "both scored sheets: {sheets}");
    for fingerprint in &fingerprints {
        // The sheet's six groups start with the three the export report shows.
        let short = fingerprint.get(..14).unwrap_or_default();
        assert!(report.contains(short), "{short} in {report}");
    }
    assert!(
        sheets.contains(&first) && sheets.contains(&second),
        "{sheets}"
    );
    app.close().await?;
    assert!(bundle.is_file(), "{} was not written", bundle.display());
    let verified = juri(
        &[
            "verify",
            &bundle.display().to_string(),
            "--db",
            &chair_db.display().to_string(),
        ],
        // The chair's passphrase opens the chair's keys, which decrypt the bundle.
        Some(&format!("{CHAIR_PASSPHRASE}\n")),
    )?;
    assert!(verified.contains("J5"), "{verified}");
    Ok(())
}

/// The newest file in `folder` whose name starts with `prefix`.
fn newest(folder: &Path, prefix: &str) -> Result<PathBuf, HarnessError> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            path.file_name()
                .is_some_and(|name| name.to_string_lossy().starts_with(prefix))
        })
        .collect();
    found.sort_by_key(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
    Ok(found.pop().expect("a printed file"))
}

/// The text of a PDF, as `pdftotext -raw` reads it.
fn pdf_text(path: &Path) -> Result<String, HarnessError> {
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()?;
    assert!(out.status.success(), "{} does not parse", path.display());
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

async fn score_inputs(app: &App) -> Result<Vec<WebElement>, HarnessError> {
    Ok(app
        .driver()
        .find_all(By::Css(
            "[data-testid=score-sheet] input[data-testid^='score-']",
        ))
        .await?)
}

/// Scores the sheet on screen by keyboard alone: the first field, then a value and Tab for each
/// criterion, Enter on the last. Returns the entry's code.
async fn score_current_sheet(app: &App, scores: &[&str]) -> Result<String, HarnessError> {
    let entry = app
        .attr("score-sheet", "data-entry")
        .await?
        .unwrap_or_default();
    let inputs = score_inputs(app).await?;
    assert_eq!(inputs.len(), scores.len(), "criteria of {entry}");
    inputs[0].click().await?;
    for (index, score) in scores.iter().enumerate() {
        app.keys(*score).await?;
        if index + 1 < scores.len() {
            app.keys(Key::Tab).await?;
            let focused = app.focused().await?;
            assert!(
                focused.starts_with("score-"),
                "Tab should move to the next score, it went to {focused:?}"
            );
        } else {
            app.keys(Key::Enter).await?;
        }
    }
    app.expect_text("save-status", "Tersimpan").await?;
    // "Nilai sementara: 58,57": the number the sheet must carry.
    let total = app.text("running-total").await?;
    let total = total.rsplit(' ').next().unwrap_or_default().to_string();
    assert!(!total.ends_with('–'), "running total of {entry}: {total}");
    Ok(entry)
}
