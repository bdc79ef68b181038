//! The chair's round trip in the real app: two jurors' score bundles (made with the `juri`
//! command from packages of this competition) are imported one after the other — each shows its
//! merge preview before it is applied — then the ranking appears and the recap is printed to PDF.

use juri_e2e::fixture::{issue_package, juri, open_package, CHAIR_PASSPHRASE};
use juri_e2e::{App, Folders, HarnessError};
use std::path::Path;

const ENTRIES: &str = "code,title,institution,category\n\
E-01,Layanan Kesehatan Keliling,Dinas Kesehatan,umum\n\
E-02,Desa Digital,Desa Oelnasi,umum\n\
E-03,Perpustakaan Keliling,SMA Negeri 1 Kupang,umum\n";
const JURORS: &str = "id,name,affiliation,role,assign\n\
J1,Dr. Maria Lado,Universitas Nusa Cendana,ketua,penilaian=*\n\
J2,Yohanes Bria,Ombudsman NTT,anggota,penilaian=*\n";
const SCREENING: &str = "entry,result\nE-01,pass\nE-02,pass\nE-03,pass\n";

/// One juror's sheets: per entry, the scores of gagasan, dampak and penyajian.
type Sheets = [(&'static str, [&'static str; 3]); 3];

/// Each juror's scores (scale 6–10, weights 40/40/20).
const SCORES: [(&str, Sheets); 2] = [
    (
        "J1",
        [
            ("E-01", ["9", "8.5", "8"]),
            ("E-02", ["7", "7.5", "8"]),
            ("E-03", ["8", "8", "8"]),
        ],
    ),
    (
        "J2",
        [
            ("E-01", ["8.8", "9", "7.5"]),
            ("E-02", ["7.2", "7", "7"]),
            ("E-03", ["8", "8", "9"]),
        ],
    ),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chair_merges_two_bundles_ranks_and_prints_the_recap() -> Result<(), HarnessError> {
    let folders = Folders::new()?;
    let files = folders.files();
    let chair_db = folders.data_dir().join("lomba.db");
    let bundles = prepare(&files, &chair_db)?;

    let app = App::launch_in(folders.clone(), &[]).await?;
    app.click("mode-chair").await?;
    app.find("dashboard-screen").await?;

    for (k, (juror, bundle)) in bundles.iter().enumerate() {
        app.click("nav-bundles").await?;
        app.choose_file("bundles-choose", bundle).await?;
        if k == 0 {
            // The bundles open with the chair's keys, sealed with the chair's passphrase: asked
            // once in the session (a wrong one is refused in the dialog).
            app.type_into("passphrase-input", "bukan kata sandinya")
                .await?;
            app.click("passphrase-submit").await?;
            app.expect_contains("passphrase-error", "kata sandi")
                .await?;
            app.type_into("passphrase-input", CHAIR_PASSPHRASE).await?;
            app.click("passphrase-submit").await?;
        }
        // The preview: this juror's file is valid and brings 9 new scores; nothing is written yet.
        app.expect_contains("merge-files", juror).await?;
        app.expect_contains("merge-files", "Sah").await?;
        app.expect_contains("merge-plan", "baru").await?;
        app.click("bundles-apply").await?;
        app.click("confirm-accept").await?;
        app.expect_contains("toast-area", "1 bundel digabungkan")
            .await?;
        app.wait_until("the preview to close", || async {
            Ok(app.all("merge-plan").await?.is_empty())
        })
        .await?;
    }

    // Every sheet is in: the ranking by mean of the two jurors' totals.
    app.click("nav-progress").await?;
    app.expect_contains("progress-summary", "6 dari 6").await?;
    app.click("nav-results").await?;
    app.wait_until("three ranked rows", || async {
        Ok(app.all("ranking-row").await?.len() == 3)
    })
    .await?;
    let mut order = Vec::new();
    for row in app.all("ranking-row").await? {
        order.push(row.attr("data-entry").await?.unwrap_or_default());
    }
    assert_eq!(order, ["E-01", "E-03", "E-02"]);

    // The recap prints to a PDF in the data folder.
    app.click("nav-documents").await?;
    app.click("document-recap").await?;
    app.click("document-print").await?;
    app.expect_contains("document-path", "rekapitulasi-penilaian")
        .await?;
    let path = app.text("document-path").await?;
    app.close().await?;
    let pdf = std::fs::read(&path)?;
    assert!(pdf.starts_with(b"%PDF-"), "{path} is not a PDF");
    let documents = folders.data_dir().canonicalize()?.join("dokumen");
    assert!(Path::new(&path).starts_with(&documents), "{path}");
    Ok(())
}

/// The competition (generic template, screening passed and finalised), two juror packages, and
/// each juror's scores entered on their own laptop and exported as a bundle.
fn prepare(
    files: &Path,
    chair_db: &Path,
) -> Result<Vec<(String, std::path::PathBuf)>, HarnessError> {
    let db = chair_db.display().to_string();
    let definition = files.join("lomba.toml");
    // Documents are signed at a place: the template leaves it for the chair to fill in.
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
    ] {
        let path = files.join(name);
        std::fs::write(&path, text)?;
        juri(
            &[kind, "import", "--db", &db, &path.display().to_string()],
            None,
        )?;
    }
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

    let mut out = Vec::new();
    for (juror, sheets) in SCORES {
        let package = files.join(format!("paket-{juror}.juri"));
        let code = issue_package(chair_db, juror, &package)?;
        let laptop = files.join(format!("laptop-{juror}.db"));
        open_package(&laptop, &package, &code)?;
        let juror_db = laptop.display().to_string();
        let mut lines = String::new();
        for (entry, values) in sheets {
            for (criterion, value) in ["gagasan", "dampak", "penyajian"].iter().zip(values) {
                lines.push_str(&format!("score penilaian {entry} {criterion} {value}\n"));
            }
        }
        juri(&["juror", "--db", &juror_db, "stream"], Some(&lines))?;
        for (entry, _) in sheets {
            juri(
                &[
                    "juror",
                    "--db",
                    &juror_db,
                    "submit",
                    "--stage",
                    "penilaian",
                    "--entry",
                    entry,
                ],
                None,
            )?;
        }
        let bundle = files.join(format!("bundel-{juror}.juri"));
        juri(
            &[
                "juror",
                "--db",
                &juror_db,
                "export",
                "--out",
                &bundle.display().to_string(),
            ],
            // The access code, as a terminal would ask for it.
            Some(&format!("{code}\n")),
        )?;
        out.push((juror.to_owned(), bundle));
    }
    Ok(out)
}
