//! Stage snapshots: a finalised stage's documents print the stage as it was decided — the panel
//! as it sat (names, roles, NIPs), the entries and their data, the decisions, under the
//! definition it was finalised under — whatever changed since; a stage still open prints today's
//! data. Re-finalising keeps each version's snapshot; a database from before snapshots gets
//! reconstructed ones, once.
//!
//! Needs poppler-utils (`pdftotext`).

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use juri_app::{create_demo, AppError, Chair, DocumentKind, EntryEdit, PrintRequest, Refusal};
use juri_store::rusqlite::{self, Connection};

mod support;
use support::{bytes, write};

fn request(stage: &str, lang: &str) -> PrintRequest {
    PrintRequest {
        stage: Some(stage.into()),
        lang: Some(lang.into()),
        date: NaiveDate::from_ymd_opt(2025, 12, 20),
        number: Some("001/BA/TPI/XII/2025".into()),
        venue: Some("Kupang".into()),
        ..PrintRequest::default()
    }
}

fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// A copy of the competition as it is now, opened beside it.
fn copy_of(chair: &Chair, dir: &Path, name: &str) -> Chair {
    let path = dir.join(name);
    chair
        .db()
        .connection()
        .execute("VACUUM INTO ?1", [path.display().to_string()])
        .unwrap();
    Chair::open(&path).unwrap()
}

/// Everything that must not touch a finalised stage: J5 leaves the panel, J2 is renamed, J1's
/// NIP changes (one jurors file, as a chair would import it), PROV-07's title is corrected, and
/// a new definition renames the competition and the proposal stage.
fn change_everything(chair: &mut Chair, dir: &Path) {
    let jurors = write(
        dir,
        "jurors-changed.csv",
        "id,name,affiliation,role,assign,active,nip\n\
         J1,\"Dr. Maria Goreti Lénda, M.Si.\",Universitas Nusa Cendana,ketua,\"proposal=pd-provinsi,pd-kabkota,upt; presentasi=*\",ya,199001012020121001\n\
         J2,\"Drs. Yohanes Bria Seran, M.AP.\",Biro Organisasi,sekretaris,\"proposal=pd-kabkota,upt,sekolah; presentasi=*\",ya,196811201994031005\n\
         J5,\"Theresia Kase, S.H.\",Forum Masyarakat Sipil NTT,anggota,\"proposal=desa,pd-provinsi,pd-kabkota; presentasi=*\",tidak,\n",
    );
    chair.import_jurors(&jurors).unwrap();
    let edit = EntryEdit {
        title: Some("Sistem Informasi Beasiswa Anak Kepulauan".into()),
        ..EntryEdit::default()
    };
    chair
        .edit_entry("PROV-07", &edit, "Judul sesuai SK Bupati")
        .unwrap();
    let (_, text, _) = chair.definition().unwrap();
    let renamed = text
        .replace(
            "name = \"Kompetisi Inovasi Pelayanan Publik Koin Yanlik Berdasi 2025\"",
            "name = \"Kompetisi Inovasi Pelayanan Publik Koin Yanlik Berdasi 2025 (Revisi)\"",
        )
        .replace(
            "name = \"Penilaian Proposal\"",
            "name = \"Penilaian Proposal Inovasi\"",
        );
    assert_ne!(renamed, text);
    chair.update_definition(&renamed).unwrap();
}

/// The documents of a finalised stage compared below: (document, juror).
const DOCUMENTS: [(DocumentKind, Option<&str>); 4] = [
    (DocumentKind::Minutes, None),
    (DocumentKind::Recap, None),
    (DocumentKind::Recusals, None),
    (DocumentKind::ScoreSheet, Some("J2")),
];

fn print_all(chair: &mut Chair, stage: &str, lang: &str) -> Vec<(Vec<u8>, bool)> {
    DOCUMENTS
        .iter()
        .map(|(doc, juror)| {
            let req = PrintRequest {
                juror: juror.map(str::to_string),
                ..request(stage, lang)
            };
            let printed = chair.print_document(*doc, &req).unwrap();
            assert!(printed.official.is_some(), "{doc:?} of a finalised stage");
            (printed.bytes, printed.first_print)
        })
        .collect()
}

/// The CSV export's rows of one stage (by its name).
fn csv_rows(chair: &Chair, stage_name: &str) -> Vec<String> {
    let csv = chair
        .export(juri_app::ExportFormat::Csv, &PrintRequest::default())
        .unwrap();
    String::from_utf8(csv)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with(&format!("{stage_name},")))
        .map(str::to_string)
        .collect()
}

fn snapshot_log(chair: &Chair) -> Vec<String> {
    chair
        .log()
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "snapshot")
        .map(|r| r.detail)
        .collect()
}

/// (stage, version, reconstructed, finalised at) of every snapshot kept.
fn snapshot_rows(chair: &Chair) -> Vec<(String, i64, bool, String)> {
    let conn = chair.db().connection();
    let mut st = conn
        .prepare(
            "SELECT s.code, n.version, n.reconstructed, n.finalized_at FROM stage_snapshots n
             JOIN stages s ON s.id = n.stage_id ORDER BY n.stage_id, n.version",
        )
        .unwrap();
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn snapshot_content(chair: &Chair, stage: &str, version: i64) -> String {
    chair
        .db()
        .connection()
        .query_row(
            "SELECT n.content FROM stage_snapshots n JOIN stages s ON s.id = n.stage_id
             WHERE s.code = ?1 AND n.version = ?2",
            rusqlite::params![stage, version],
            |r| r.get(0),
        )
        .unwrap()
}

fn refused(e: AppError) -> Refusal {
    match e {
        AppError::Refused(r) => r,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_finalised_stage_prints_as_it_was_decided_whatever_changed_since() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = create_demo(&dir.path().join("demo.db")).unwrap();
    // The official minutes in Indonesian, printed right after finalising.
    let id_minutes = chair
        .print_document(DocumentKind::Minutes, &request("proposal", "id"))
        .unwrap();
    assert!(id_minutes.first_print);
    // The same documents in English, printed right after finalising — in a copy of the
    // database, so that the English prints below are first prints too, rendered afresh.
    let mut then = copy_of(&chair, dir.path(), "then.db");
    let english_then = print_all(&mut then, "proposal", "en");
    let f4_then = then
        .print(
            DocumentKind::Minutes,
            &PrintRequest {
                paper: Some("f4".into()),
                ..request("proposal", "id")
            },
        )
        .unwrap();
    let csv_then = csv_rows(&chair, "Penilaian Proposal");
    assert!(!csv_then.is_empty());
    let open_then = [
        text_of(
            &chair
                .print(DocumentKind::Minutes, &request("presentasi", "id"))
                .unwrap(),
        ),
        text_of(
            &chair
                .print(DocumentKind::Recap, &request("presentasi", "id"))
                .unwrap(),
        ),
    ];
    assert!(open_then[0].contains("Theresia Kase"), "{}", open_then[0]);

    change_everything(&mut chair, dir.path());

    // Another language, another paper: not the kept copy, the same content.
    let english_now = print_all(&mut chair, "proposal", "en");
    for (((doc, _), (now, first)), (then, _)) in
        DOCUMENTS.iter().zip(&english_now).zip(&english_then)
    {
        assert!(*first, "{doc:?}: a first print, rendered now");
        assert!(now == then, "{doc:?} of the finalised stage changed");
    }
    let f4_now = chair
        .print(
            DocumentKind::Minutes,
            &PrintRequest {
                paper: Some("f4".into()),
                ..request("proposal", "id")
            },
        )
        .unwrap();
    assert!(f4_now == f4_then, "the F4 minutes changed");
    let minutes = text_of(&english_now[0].0);
    for then in [
        "Theresia Kase",
        "197203151998032001",
        "Anak Pulau",
        "Penilaian Proposal",
    ] {
        assert!(minutes.contains(then), "{then}: {minutes}");
    }
    for now in ["199001012020121001", "Kepulauan", "Revisi", "M.AP."] {
        assert!(!minutes.contains(now), "{now}: {minutes}");
    }
    // The Indonesian minutes: the kept official copy.
    let again = chair
        .print_document(DocumentKind::Minutes, &request("proposal", "id"))
        .unwrap();
    assert!(!again.first_print && again.bytes == id_minutes.bytes);
    // Exports too.
    assert_eq!(csv_rows(&chair, "Penilaian Proposal"), csv_then);

    // The stage still open prints today's data.
    let open_now = [
        text_of(
            &chair
                .print(DocumentKind::Minutes, &request("presentasi", "id"))
                .unwrap(),
        ),
        text_of(
            &chair
                .print(DocumentKind::Recap, &request("presentasi", "id"))
                .unwrap(),
        ),
    ];
    for text in &open_now {
        assert!(text.contains("(Revisi)"), "{text}");
        assert!(text.contains("Kepulauan"), "{text}");
    }
    assert!(!open_now[0].contains("Theresia Kase"), "{}", open_now[0]);
    assert!(
        open_now[0].contains("199001012020121001"),
        "{}",
        open_now[0]
    );
    assert!(open_now[0].contains("M.AP."), "{}", open_now[0]);
    assert_ne!(open_now[1], open_then[1]);
}

#[test]
fn finalising_again_keeps_a_snapshot_per_version_and_snapshots_never_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut chair = create_demo(&dir.path().join("demo.db")).unwrap();
    let finalized_at: String = chair
        .db()
        .connection()
        .query_row(
            "SELECT f.at FROM finalized f JOIN stages s ON s.id = f.stage_id WHERE s.code = 'proposal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        snapshot_rows(&chair),
        vec![
            (
                "administrasi".into(),
                1,
                false,
                snapshot_rows(&chair)[0].3.clone()
            ),
            ("proposal".into(), 1, false, finalized_at),
        ]
    );
    assert!(snapshot_log(&chair).is_empty());

    // What version 1 holds.
    let v1 = snapshot_content(&chair, "proposal", 1);
    let s = juri_store::snapshot_from_row(&v1).unwrap();
    assert_eq!((s.stage.as_str(), s.definition_version), ("proposal", 1));
    assert_eq!(s.panel.len(), 5);
    let j1 = &s.panel[0];
    assert_eq!(
        (j1.juror.as_str(), j1.role, j1.nip.as_deref(), j1.active),
        (
            "J1",
            juri_core::model::Role::Ketua,
            Some("197203151998032001"),
            true
        )
    );
    let results = chair.results("proposal", None).unwrap();
    assert_eq!(
        s.entries.iter().filter(|e| e.in_pool).count(),
        results.rows().count()
    );
    let counted = s.sheets.iter().filter(|x| x.counted).count();
    let totals: usize = results.rows().map(|r| r.juror_totals.len()).sum();
    assert_eq!(counted, totals);
    // The demo's scores arrive in signed bundles: each sheet names the bundle it came from by
    // its signed content's fingerprint.
    let kept: Vec<String> = {
        let conn = chair.db().connection();
        let mut st = conn
            .prepare("SELECT content_fingerprint FROM bundles")
            .unwrap();
        let rows = st.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert!(s
        .sheets
        .iter()
        .all(|x| kept.contains(&x.source) && x.scores.values().all(|v| v % 1000 == 0)));
    assert_eq!(
        s.decisions.len(),
        chair
            .decisions()
            .unwrap()
            .iter()
            .filter(|(_, _, d)| d.stage() == "proposal")
            .count()
    );

    // Re-opened, a juror renamed meanwhile, finalised again: version 2 has its own snapshot,
    // version 1's is untouched.
    chair.reopen("proposal", "Salah ketik nilai J2").unwrap();
    let jurors = write(
        dir.path(),
        "j2.csv",
        "id,name,affiliation,role,assign\nJ2,\"Drs. Yohanes Bria Seran, M.AP.\",Biro Organisasi,sekretaris,\"proposal=pd-kabkota,upt,sekolah; presentasi=*\"\n",
    );
    chair.import_jurors(&jurors).unwrap();
    let f = chair.finalize("proposal").unwrap();
    assert_eq!(f.version, 2);
    assert_eq!(
        snapshot_rows(&chair)
            .iter()
            .map(|(s, v, r, _)| (s.as_str(), *v, *r))
            .collect::<Vec<_>>(),
        vec![
            ("administrasi", 1, false),
            ("proposal", 1, false),
            ("proposal", 2, false)
        ]
    );
    assert_eq!(snapshot_content(&chair, "proposal", 1), v1);
    let v2 = juri_store::snapshot_from_row(&snapshot_content(&chair, "proposal", 2)).unwrap();
    assert_eq!(v2.panel[1].name, "Drs. Yohanes Bria Seran, M.AP.");
    assert_eq!(s.panel[1].name, "Drs. Yohanes Bria Seran");

    // Version 1, never printed in English: printed from its snapshot, kept as version 1's.
    let v1_en = chair
        .print_document(
            DocumentKind::Minutes,
            &PrintRequest {
                version: Some(1),
                ..request("proposal", "en")
            },
        )
        .unwrap();
    assert!(v1_en.first_print);
    assert_eq!(v1_en.official.as_ref().map(|o| o.version), Some(1));
    let text = text_of(&v1_en.bytes);
    assert!(
        !text.contains("CORRECTION") && !text.contains("M.AP."),
        "{text}"
    );
    assert!(text.contains("Seran"), "{text}");
    let line = chair
        .log()
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "official-copy")
        .map(|r| r.detail)
        .next_back()
        .unwrap();
    assert!(
        line.starts_with("minutes of stage proposal version 1 (en, dated 2025-12-20")
            && line
                .contains("first printed from the snapshot of that version: official copy SHA-256"),
        "{line}"
    );
    let v2_en = text_of(
        &chair
            .print(DocumentKind::Minutes, &request("proposal", "en"))
            .unwrap(),
    );
    assert!(
        v2_en.contains("CORRECTION NO. 1") && v2_en.contains("M.AP."),
        "{v2_en}"
    );

    // The table refuses every change and every removal.
    let conn = chair.db().connection();
    let e = conn
        .execute("UPDATE stage_snapshots SET content = '{}'", [])
        .unwrap_err();
    assert!(
        e.to_string().contains("stage snapshots are immutable"),
        "{e}"
    );
    let e = conn
        .execute("DELETE FROM stage_snapshots WHERE version = 1", [])
        .unwrap_err();
    assert!(
        e.to_string().contains("stage snapshots are immutable"),
        "{e}"
    );
    assert_eq!(snapshot_content(&chair, "proposal", 1), v1);
}

fn fixture(dir: &Path) -> PathBuf {
    let path = dir.join("lomba.db");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema5-demo.db");
    std::fs::copy(source, &path).unwrap();
    path
}

#[test]
fn a_database_from_before_snapshots_gets_reconstructed_ones_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let schema = |path: &Path| -> i64 {
        Connection::open(path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(schema(&path), 5);

    let chair = Chair::open(&path).unwrap();
    // Upgraded to the latest schema: 6 added the snapshots, 7 the screening checklist, 8 the
    // retired juror keys, 9 the bundles' content fingerprints, 10 the journal's position at each
    // snapshot, 11 the entries' documents, 12 the documents sent, 13 the photos on field notes.
    assert_eq!(schema(&path), 13);
    assert_eq!(
        snapshot_log(&chair),
        vec![
            "snapshot of stage 'administrasi' version 1 reconstructed from the data at upgrade",
            "snapshot of stage 'proposal' version 2 reconstructed from the data at upgrade",
        ]
    );
    // Only the versions in force: proposal's version 1 was superseded before the upgrade.
    assert_eq!(
        snapshot_rows(&chair),
        vec![
            (
                "administrasi".to_string(),
                1,
                true,
                "2025-12-15T10:00:00+08:00".to_string()
            ),
            (
                "proposal".to_string(),
                2,
                true,
                "2025-12-16T09:30:00+08:00".to_string()
            ),
        ]
    );
    let s = juri_store::snapshot_from_row(&snapshot_content(&chair, "proposal", 2)).unwrap();
    assert_eq!(s.panel[0].nip.as_deref(), Some("197203151998032001"));

    // Opened again: nothing more, not a byte.
    let log = chair.log().unwrap().len();
    drop(chair);
    let closed = bytes(&path);
    drop(Chair::open(&path).unwrap());
    assert!(bytes(&path) == closed, "opening again wrote");
    let mut chair = Chair::open(&path).unwrap();
    assert_eq!(chair.log().unwrap().len(), log);
    assert_eq!(snapshot_rows(&chair).len(), 2);

    // From now on the stage prints as it stood at the upgrade.
    let mut then = copy_of(&chair, dir.path(), "then.db");
    let english_then = print_all(&mut then, "proposal", "en");
    change_everything(&mut chair, dir.path());
    let english_now = print_all(&mut chair, "proposal", "en");
    for ((doc, _), ((now, first), (then, _))) in
        DOCUMENTS.iter().zip(english_now.iter().zip(&english_then))
    {
        assert!(*first);
        assert!(now == then, "{doc:?} of the finalised stage changed");
    }
    assert_eq!(snapshot_log(&chair).len(), 2);

    // The version superseded before the upgrade has no snapshot: only a kept copy could print.
    let e = chair
        .print_document(
            DocumentKind::Minutes,
            &PrintRequest {
                version: Some(1),
                ..request("proposal", "en")
            },
        )
        .unwrap_err();
    assert!(matches!(
        refused(e),
        Refusal::NoKeptVersion { version: 1, .. }
    ));
}

/// A database written by Juri 0.1 (schema 2) is upgraded the same way.
#[test]
fn a_database_from_juri_0_1_gets_reconstructed_snapshots_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lomba.db");
    let source =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../juri-store/tests/data/finalised-0.1.db");
    std::fs::copy(source, &path).unwrap();
    let mut chair = Chair::open(&path).unwrap();
    assert_eq!(
        snapshot_log(&chair),
        vec![
            "snapshot of stage 'administrasi' version 1 reconstructed from the data at upgrade",
            "snapshot of stage 'proposal' version 1 reconstructed from the data at upgrade",
        ]
    );
    assert!(snapshot_rows(&chair)
        .iter()
        .all(|(_, v, r, at)| *v == 1 && *r && at == "2025-12-15T10:00:00+08:00"));
    let s = juri_store::snapshot_from_row(&snapshot_content(&chair, "proposal", 1)).unwrap();
    assert_eq!(s.entries.iter().filter(|e| e.in_pool).count(), 37);
    let minutes = chair
        .print_document(DocumentKind::Minutes, &request("proposal", "en"))
        .unwrap();
    assert!(minutes.first_print && minutes.official.is_some());
}
