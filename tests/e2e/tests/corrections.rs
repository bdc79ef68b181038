//! A correction in the real app: the scored stage is finalised (version 1) when the secretariat
//! finds a typing error in a paper score. The chair re-opens the stage with a reason, corrects the
//! score (the original kept), finalises it again as version 2 and prints its minutes, which say
//! "Perubahan ke-1" and why.

use juri_e2e::fixture::juri;
use juri_e2e::{App, Folders, HarnessError};

const ENTRIES: &str = "code,title,institution,category\n\
E-01,Layanan Kesehatan Keliling,Dinas Kesehatan,umum\n\
E-02,Desa Digital,Desa Oelnasi,umum\n";
const JURORS: &str = "id,name,affiliation,role,assign\n\
J1,Dr. Maria Lado,Universitas Nusa Cendana,ketua,penilaian=*\n";
const SCREENING: &str = "entry,result\nE-01,pass\nE-02,pass\n";
const SCORES: &str = "stage,entry,juror,criterion,score\n\
penilaian,E-01,J1,gagasan,9\npenilaian,E-01,J1,dampak,8\npenilaian,E-01,J1,penyajian,8\n\
penilaian,E-02,J1,gagasan,7\npenilaian,E-02,J1,dampak,7\npenilaian,E-02,J1,penyajian,7\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_chair_reopens_a_stage_corrects_a_paper_score_and_prints_the_correction_minutes(
) -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    std::fs::create_dir_all(folders.data_dir())?;
    let db = folders.data_dir().join("lomba.db").display().to_string();
    let definition = files.join("lomba.toml");
    let template = juri(&["template", "generic"], None)?;
    std::fs::write(
        &definition,
        template.replace("place = \"\"", "place = \"Kupang\""),
    )?;
    juri(
        &[
            "init",
            "--db",
            &db,
            "--definition",
            &definition.display().to_string(),
        ],
        None,
    )?;
    for (name, text, kind) in [
        ("peserta.csv", ENTRIES, "entries"),
        ("juri.csv", JURORS, "jurors"),
        ("nilai.csv", SCORES, "scores"),
    ] {
        let path = files.join(name);
        std::fs::write(&path, text)?;
        if kind == "scores" {
            let screening = files.join("seleksi.csv");
            std::fs::write(&screening, SCREENING)?;
            juri(
                &[
                    "screen",
                    "--db",
                    &db,
                    "--stage",
                    "administrasi",
                    "--file",
                    &screening.display().to_string(),
                ],
                None,
            )?;
            juri(&["finalize", "--db", &db, "--stage", "administrasi"], None)?;
        }
        juri(
            &[kind, "import", "--db", &db, &path.display().to_string()],
            None,
        )?;
    }
    juri(&["finalize", "--db", &db, "--stage", "penilaian"], None)?;

    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-chair").await?;
    app.find("dashboard-screen").await?;
    app.click("nav-decisions").await?;
    app.find_css("[data-testid=stage-picker] option[value=penilaian]")
        .await?
        .click()
        .await?;
    app.expect_text("stage-version", "Versi 1").await?;

    // Re-open: refused without a reason, then done with one.
    app.click("reopen-stage").await?;
    app.expect_contains("toast-area", "alasan").await?;
    app.type_into(
        "correction-reason",
        "Salah ketik nilai E-02 dari lembar kertas J1",
    )
    .await?;
    app.click("reopen-stage").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("toast-area", "dibuka kembali").await?;

    // Correct the paper score: E-02's gagasan was 9 on paper, typed as 7.
    app.type_into("correct-juror", "J1").await?;
    app.type_into("correct-entry", "E-02").await?;
    app.type_into("correct-criterion", "gagasan").await?;
    app.type_into("correct-score", "9").await?;
    app.type_into(
        "correction-reason",
        "Lembar kertas J1 menulis 9 untuk gagasan E-02",
    )
    .await?;
    app.click("correct-paper-score").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("toast-area", "dikoreksi").await?;

    // Finalised again: version 2.
    app.click("finalize-stage").await?;
    app.click("confirm-accept").await?;
    app.expect_text("stage-version", "Versi 2").await?;

    // The minutes of the stage say it is a correction, and why.
    app.click("nav-documents").await?;
    app.click("document-minutes").await?;
    app.find_css("[data-testid=document-stage] option[value=penilaian]")
        .await?
        .click()
        .await?;
    app.click("document-print").await?;
    app.expect_contains("document-path", "berita-acara").await?;
    let path = app.text("document-path").await?;

    // An entry withdrawn with a reason shows as withdrawn.
    app.click("nav-participants").await?;
    app.type_into("withdraw-entry", "E-02").await?;
    app.type_into(
        "withdraw-reason",
        "Instansi mengundurkan diri secara tertulis",
    )
    .await?;
    app.click("withdraw-submit").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("toast-area", "E-02 ditarik").await?;
    app.expect_contains("entry-list", "Mundur").await?;

    // E-01's title corrected: the form fills with today's data, the change is confirmed.
    app.find_css("[data-testid=edit-entry-form] summary")
        .await?
        .click()
        .await?;
    app.type_into("edit-entry-code", "E-01").await?;
    app.wait_until("the form filled with E-01's data", || async {
        Ok(app.prop("edit-entry-title", "value").await? == "Layanan Kesehatan Keliling")
    })
    .await?;
    app.type_into("edit-entry-title", "Layanan Kesehatan Keliling Terpadu")
        .await?;
    app.type_into("edit-entry-reason", "Judul resmi menurut surat usulan")
        .await?;
    app.click("edit-entry-submit").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("toast-area", "Data E-01 dikoreksi (1 kolom)")
        .await?;
    app.expect_contains("entry-list", "Layanan Kesehatan Keliling Terpadu")
        .await?;

    // The audit log says each correction in Indonesian with its reason, narrowed to the entry.
    app.click("nav-log").await?;
    app.type_into("log-entry", "E-02").await?;
    app.wait_until("the log narrowed to E-02", || async {
        // Each row: its kind (the badge) and what it says in full (the detail's title).
        let rows = app.all("log-row").await?;
        let mut texts = Vec::new();
        for row in &rows {
            let detail = row
                .find(thirtyfour::By::Css("[data-testid=log-detail]"))
                .await?;
            texts.push(format!(
                "{} {}",
                row.text().await?,
                detail.attr("title").await?.unwrap_or_default()
            ));
        }
        Ok(!texts.is_empty()
            && texts.iter().all(|t| t.contains("E-02"))
            && texts.iter().any(|t| {
                t.contains("Nilai kertas dikoreksi")
                    && t.contains("Alasan: Lembar kertas J1 menulis 9 untuk gagasan E-02")
            })
            && texts.iter().any(|t| t.contains("Inovasi ditarik")))
    })
    .await?;
    app.close().await?;
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", &path, "-"])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("PERUBAHAN KE-1"), "{text}");
    // The reason (the line may wrap before "ketik") and what changed.
    assert!(
        text.contains("ketik nilai E-02 dari lembar kertas J1")
            && text.contains("E-02: nilai 70,00 → 78,00"),
        "{text}"
    );
    Ok(())
}
