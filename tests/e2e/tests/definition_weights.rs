//! What a conversion does to a final's weights, in the real app: the NTT template combines a 0–100
//! proposal with a 1–7 presentation, so the definition screen says that the presentation moves the
//! final by 25.7 of its 30 points; choosing "from the lowest score" for that rubric silences it, the
//! rubric shows its new formula, and the results screen shows the formula under the method.

use juri_e2e::{App, Folders, HarnessError};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finals_effective_weights_are_said_and_the_conversion_chosen() -> Result<(), HarnessError>
{
    let folders = Folders::new()?;
    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-chair").await?;
    app.find("start-screen").await?;
    app.find_css("[data-testid=start-template] option[value=koin-yanlik-berdasi]")
        .await?
        .click()
        .await?;
    app.click("start-from-template").await?;

    // Valid, and a warning that does not stop saving.
    app.expect_text("definition-state", "Valid dan tersimpan")
        .await?;
    app.expect_contains(
        "weight-warning-presentasi",
        "Presentasi dan Wawancara: bobot 30 %, efektif 25,7 % dari rentang nilai karena skala 1–7 dibagi nilai maksimal",
    )
    .await?;

    // The presentation's rubric: of-max, then "from the lowest score".
    app.click("definition-tab-2").await?;
    app.expect_contains("rubric-formula", "Σ bobot × skor ÷ 7")
        .await?;
    app.expect_contains("rubric-formula", "14,29").await?;
    app.find_css("[data-testid=rubric-conversion] option[value=range]")
        .await?
        .click()
        .await?;
    app.expect_contains("rubric-formula", "Σ bobot × (skor − 1) ÷ (7 − 1)")
        .await?;
    app.expect_text("definition-state", "Belum disimpan")
        .await?;
    app.wait_until("the warning to go", || async {
        Ok(app.all("definition-warnings").await?.is_empty())
    })
    .await?;
    app.click("definition-save").await?;
    app.expect_text("definition-state", "Valid dan tersimpan")
        .await?;
    app.expect_contains("definition-save", "versi 3").await?;

    // The results screen says how the presentation's scores are computed.
    app.click("nav-results").await?;
    app.find("results-screen").await?;
    app.find_css("[data-testid=stage-picker] option[value=presentasi]")
        .await?
        .click()
        .await?;
    app.expect_contains("results-formula", "Σ bobot × (skor − 1) ÷ (7 − 1)")
        .await?;
    app.find_css("[data-testid=stage-picker] option[value=final]")
        .await?
        .click()
        .await?;
    app.expect_contains(
        "results-formula",
        "Nilai akhir = 70 % × Penilaian Proposal + 30 % × Presentasi dan Wawancara",
    )
    .await?;
    app.close().await?;
    Ok(())
}
