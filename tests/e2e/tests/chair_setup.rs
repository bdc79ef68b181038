//! The chair sets up a competition in the real app: from a template, edits the definition (every
//! problem shown as it is typed), imports entries (a bad row is reported with its row number and
//! nothing is imported), jurors and paper scores through the system file dialog, screens the
//! entries, sees the ranking, and finalises the screening stage.

use juri_e2e::{App, Folders, HarnessError};

const ENTRIES_BAD: &str = "code,title,institution,category\n\
E-01,Layanan Kesehatan Keliling,Dinas Kesehatan,umum\n\
E-02,Desa Digital,Desa Oelnasi,lainnya\n";
const ENTRIES: &str = "code,title,institution,category,documents,links\n\
E-01,Layanan Kesehatan Keliling,Dinas Kesehatan,umum,proposal-E-01.pdf,https://youtu.be/keliling\n\
E-02,Desa Digital,Desa Oelnasi,umum,,\n\
E-03,Perpustakaan Keliling,SMA Negeri 1 Kupang,umum,,\n";
/// A proposal as the entries sheet names it, and a photo the chair adds later.
const PROPOSAL: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const PHOTO: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const JURORS: &str = "id,name,affiliation,role,assign\n\
J1,Dr. Maria Lado,Universitas Nusa Cendana,ketua,penilaian=*\n\
J2,Yohanes Bria,Ombudsman NTT,anggota,penilaian=*\n";
const SCORES: &str = "stage,entry,juror,criterion,score\n\
penilaian,E-01,J1,gagasan,9\npenilaian,E-01,J1,dampak,8.5\npenilaian,E-01,J1,penyajian,8\n\
penilaian,E-01,J2,gagasan,8.8\npenilaian,E-01,J2,dampak,9\npenilaian,E-01,J2,penyajian,7.5\n\
penilaian,E-02,J1,gagasan,7\npenilaian,E-02,J1,dampak,7.5\npenilaian,E-02,J1,penyajian,8\n\
penilaian,E-02,J2,gagasan,7.2\npenilaian,E-02,J2,dampak,7\npenilaian,E-02,J2,penyajian,7\n\
penilaian,E-03,J1,gagasan,8\npenilaian,E-03,J1,dampak,8\npenilaian,E-03,J1,penyajian,8\n\
penilaian,E-03,J2,gagasan,8\npenilaian,E-03,J2,dampak,8\npenilaian,E-03,J2,penyajian,9\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chair_sets_up_a_competition_from_a_template() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    for (name, text) in [
        ("peserta-salah.csv", ENTRIES_BAD),
        ("peserta.csv", ENTRIES),
        ("juri.csv", JURORS),
        ("nilai.csv", SCORES),
    ] {
        std::fs::write(files.join(name), text)?;
    }
    std::fs::write(files.join("proposal-E-01.pdf"), PROPOSAL)?;
    std::fs::write(files.join("foto-lokasi.png"), PHOTO)?;
    let app = App::launch_in(folders.clone(), &[]).await?;

    // First launch in chair mode: no competition yet; create one from the generic template.
    app.click("mode-chair").await?;
    app.find("start-screen").await?;
    app.find_css("[data-testid=start-template] option[value=generic]")
        .await?
        .click()
        .await?;
    // What the template sets up, in the window's language.
    app.expect_contains(
        "start-template-description",
        "Kompetisi kecil dengan skala 6,0–10,0",
    )
    .await?;
    app.click("start-from-template").await?;

    // The definition opens, valid. A weight that breaks the total, then one that is no number,
    // are both reported with their place; weights adding up to 100 again make it valid; it saves as
    // version 2.
    app.expect_text("screen-title", "Definisi lomba").await?;
    app.expect_text("definition-state", "Valid dan tersimpan")
        .await?;
    app.click("definition-tab-1").await?;
    app.type_into("criterion-weight-0", "50").await?;
    app.expect_text("definition-state", "1 masalah").await?;
    app.expect_contains("definition-problems", "stages[1]")
        .await?;
    app.type_into("criterion-weight-0", "4O").await?;
    app.expect_contains("definition-problems", "\"4O\" bukan angka")
        .await?;
    app.type_into("criterion-weight-0", "35").await?;
    app.expect_text("definition-state", "1 masalah").await?;
    app.type_into("criterion-weight-1", "45").await?;
    app.expect_text("definition-state", "Belum disimpan")
        .await?;
    app.click("definition-save").await?;
    app.expect_text("definition-state", "Valid dan tersimpan")
        .await?;
    app.expect_contains("definition-save", "versi 3").await?;

    // Entries: a file with a bad row imports nothing and names the row.
    app.click("nav-participants").await?;
    app.find("participants-screen").await?;
    app.choose_file("import-entries", &files.join("peserta-salah.csv"))
        .await?;
    app.expect_contains("import-problems", "row 3").await?;
    app.expect_contains("import-problems", "lainnya").await?;
    app.choose_file("import-entries", &files.join("peserta.csv"))
        .await?;
    app.expect_text("entry-count", "3 dari 3 inovasi").await?;
    app.type_into("entry-search", "keliling").await?;
    app.expect_text("entry-count", "2 dari 3 inovasi").await?;
    app.type_into("entry-search", "keliling kupang").await?;
    app.expect_text("entry-count", "1 dari 3 inovasi").await?;

    // The sheet named E-01's proposal and a link; the chair adds a photo to it.
    app.click("documents-summary").await?;
    app.type_into("documents-entry", "E-01").await?;
    app.expect_contains("documents-list", "proposal-E-01.pdf")
        .await?;
    app.expect_contains("documents-list", "https://youtu.be/keliling")
        .await?;
    app.choose_file("document-add", &files.join("foto-lokasi.png"))
        .await?;
    app.expect_contains("documents-list", "foto-lokasi.png")
        .await?;
    app.expect_contains("documents-list", "Gambar").await?;

    app.choose_file("import-jurors", &files.join("juri.csv"))
        .await?;
    app.click("tab-jurors").await?;
    app.expect_contains("juror-table", "Dr. Maria Lado").await?;

    // Screening: pass everyone, then the paper scores of the scored stage can be imported.
    app.click("nav-screening").await?;
    app.find("screening-screen").await?;
    app.click("screening-pass-all").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("screening-count", "0 dari 3").await?;

    app.click("nav-participants").await?;
    app.choose_file("import-scores", &files.join("nilai.csv"))
        .await?;
    app.expect_contains("toast-area", "18 baru").await?;

    // The ranking: E-01 first (mean of 86.0 and 86.2), E-03 second, E-02 third.
    app.click("nav-results").await?;
    app.find("results-screen").await?;
    app.find_css("[data-testid=stage-picker] option[value=penilaian]")
        .await?
        .click()
        .await?;
    app.wait_until("three ranked rows", || async {
        Ok(app.all("ranking-row").await?.len() == 3)
    })
    .await?;
    let rows = app.all("ranking-row").await?;
    let mut order = Vec::new();
    for row in rows {
        order.push(row.attr("data-entry").await?.unwrap_or_default());
    }
    assert_eq!(order, ["E-01", "E-03", "E-02"]);

    // Finalise the screening stage (it asks first).
    app.click("nav-decisions").await?;
    app.find_css("[data-testid=stage-picker] option[value=administrasi]")
        .await?
        .click()
        .await?;
    app.click("finalize-stage").await?;
    app.click("confirm-accept").await?;
    app.expect_contains("toast", "ditetapkan").await?;

    app.close().await
}
