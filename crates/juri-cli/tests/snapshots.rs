//! `juri` on a chair database from before stage snapshots: the first command reconstructs the
//! snapshot of every finalised stage and says so in the log, once; from then on a finalised
//! stage's documents print as the stage stood, whatever changes after, while an open stage's
//! follow today's data. Needs poppler-utils (`pdftotext`).

use std::path::Path;

#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/run.rs"]
mod run;
use pdf::pdf_text;

use run::Run;

#[test]
fn an_upgraded_database_prints_its_finalised_stages_as_they_stood() {
    let run = Run::new();
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../juri-app/tests/fixtures/schema5-demo.db");
    std::fs::copy(fixture, run.path("lomba.db")).unwrap();
    let db = run.p("lomba.db");
    let snapshot_lines = || run.ok(&["log", "--db", &db, "--kind", "snapshot", "--format", "csv"]);
    let log = snapshot_lines();
    assert!(
        log.contains(
            "snapshot,snapshot of stage 'administrasi' version 1 reconstructed from the data at upgrade"
        ) && log.contains(
            "snapshot,snapshot of stage 'proposal' version 2 reconstructed from the data at upgrade"
        ),
        "{log}"
    );
    assert_eq!(snapshot_lines(), log, "the second command adds nothing");

    // A copy as it stands now, and the original after changes: a juror removed and renamed, an
    // entry's title corrected.
    std::fs::copy(run.path("lomba.db"), run.path("then.db")).unwrap();
    let jurors = run.path("jurors.csv");
    std::fs::write(
        &jurors,
        "id,name,role,assign,active\n\
         J2,\"Drs. Yohanes Bria Seran, M.AP.\",sekretaris,\"proposal=pd-kabkota,upt,sekolah; presentasi=*\",ya\n\
         J5,\"Theresia Kase, S.H.\",anggota,\"proposal=desa,pd-provinsi,pd-kabkota; presentasi=*\",tidak\n",
    )
    .unwrap();
    run.ok(&["jurors", "import", "--db", &db, jurors.to_str().unwrap()]);
    run.ok(&[
        "correct",
        "entry",
        "--db",
        &db,
        "--entry",
        "PROV-07",
        "--title",
        "Sistem Informasi Beasiswa Anak Kepulauan",
        "--reason",
        "Judul sesuai SK",
    ]);
    let print = |db: &str, stage: &str, lang: &str, out: &str| {
        run.ok(&[
            "print",
            "--db",
            db,
            "minutes",
            "--stage",
            stage,
            "--lang",
            lang,
            "--date",
            "2025-12-20",
            "--out",
            out,
        ]);
        std::fs::read(run.path(out)).unwrap()
    };
    let then = print(&run.p("then.db"), "proposal", "en", "then.pdf");
    let now = print(&db, "proposal", "en", "now.pdf");
    assert!(now == then, "the finalised stage's minutes changed");
    let text = pdf_text(&run.path("now.pdf"));
    assert!(
        text.contains("Theresia Kase") && text.contains("Anak Pulau") && !text.contains("M.AP."),
        "{text}"
    );
    // The open stage follows today's data.
    print(&db, "presentasi", "en", "open.pdf");
    let text = pdf_text(&run.path("open.pdf"));
    assert!(
        !text.contains("Theresia Kase") && text.contains("M.AP."),
        "{text}"
    );
    // Version 1 was superseded before the upgrade: no kept copy, no snapshot.
    let e = run.fails(&[
        "print",
        "--db",
        &db,
        "minutes",
        "--stage",
        "proposal",
        "--version",
        "1",
        "--out",
        "v1.pdf",
    ]);
    assert!(e.contains("has no snapshot to print it from"), "{e}");
}
