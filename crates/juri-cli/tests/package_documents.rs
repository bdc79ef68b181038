//! Entries' documents travel to the jurors: the package names each assigned entry's documents by
//! SHA-256 (never a recused entry's), the documents file beside it carries the bytes once (a
//! re-issued package resends only what changed), and the juror's laptop installs only bytes the
//! signed package names — anything else is refused whole and changes nothing.

#[path = "support/run.rs"]
mod run;

use std::io::Write;

use run::*;
use sha2::Digest;

const PROPOSAL: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%% proposal A01\n%%EOF\n";
const PHOTO: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR photo of A01";
const RECUSED: &[u8] = b"%PDF-1.4 proposal of A02, which J2 may not see";
const BUDGET: &[u8] = b"PK\x03\x04 budget workbook of A03";

fn sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

fn put(run: &Run, name: &str, bytes: &[u8]) {
    let path = run.path(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// The small competition, its entries naming documents and links, J2 recused from A02.
fn competition(run: &Run) -> Vec<(String, String)> {
    let def = data("lomba.toml");
    run.ok(&[
        "init",
        "--db",
        "lomba.db",
        "--definition",
        def.to_str().unwrap(),
    ]);
    put(run, "berkas/A01/1-proposal.pdf", PROPOSAL);
    put(run, "berkas/A01/2-foto.png", PHOTO);
    put(run, "berkas/A02-proposal.pdf", RECUSED);
    put(run, "berkas/A03-anggaran.xlsx", BUDGET);
    run.write(
        "entries.csv",
        "kode,judul,instansi,kategori,dokumen,tautan\n\
         A01,Posyandu Digital,Dinas Kesehatan,pd,berkas/A01,https://youtu.be/posyandu\n\
         A02,Sekolah Ramah Anak,Dinas Pendidikan,pd,berkas/A02-proposal.pdf,\n\
         A03,Desa Air Bersih,Desa Oelnasi,desa,berkas/A03-anggaran.xlsx,\n\
         A04,Lumbung Pangan,Desa Baumata,desa,,\n",
    );
    run.ok(&["entries", "import", "--db", "lomba.db", "entries.csv"]);
    let jurors = data("jurors-recusal.csv");
    run.ok(&[
        "jurors",
        "import",
        "--db",
        "lomba.db",
        jurors.to_str().unwrap(),
    ]);
    run.packages("lomba.db", "paket")
}

/// The names of the entries of a zip file.
fn zip_names(path: &std::path::Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    names
}

/// J1's package issued again into `paket/` (with `extra` options); what `juri package` printed.
fn reissue_j1(run: &Run, extra: &[&str]) -> String {
    let mut args = vec!["package", "--db", "lomba.db", "--juror", "J1"];
    args.extend_from_slice(extra);
    args.extend(["--out", "paket/lomba-uji-2025-J1.juri"]);
    run.ok(&args)
}

fn juror_documents(run: &Run, laptop: &str) -> serde_json::Value {
    serde_json::from_str(&run.ok(&["juror", "--db", laptop, "documents", "--format", "json"]))
        .unwrap()
}

/// A documents file written by hand: `manifest` as its JSON, then `files` (name, bytes).
fn handmade(run: &Run, name: &str, manifest: &serde_json::Value, files: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(run.path(name)).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("juri-documents.json", options).unwrap();
    zip.write_all(manifest.to_string().as_bytes()).unwrap();
    for (file, bytes) in files {
        zip.start_file(*file, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

fn manifest(
    competition: &str,
    juror: &str,
    version: u32,
    documents: &[String],
) -> serde_json::Value {
    serde_json::json!({
        "format": "juri-documents",
        "format_version": 1,
        "competition_id": competition,
        "juror_id": juror,
        "package_version": version,
        "documents": documents,
    })
}

#[test]
fn documents_travel_once_beside_the_package_and_never_a_recused_entrys() {
    let run = Run::new();
    let codes = competition(&run);

    // J1 scores every entry: three documents (A04 has none), in the package's order.
    let j1 = run.path("paket/lomba-uji-2025-J1-documents.zip");
    assert_eq!(zip_names(&j1), {
        let mut v = vec![
            "juri-documents.json".to_string(),
            sha(PROPOSAL),
            sha(PHOTO),
            sha(RECUSED),
            sha(BUDGET),
        ];
        v.sort();
        v
    });
    // J2 is recused from A02: neither its package nor its documents file names A02's proposal.
    let j2 = run.path("paket/lomba-uji-2025-J2-documents.zip");
    assert!(!zip_names(&j2).contains(&sha(RECUSED)));
    let j2_package = std::fs::read_to_string(run.path("paket/lomba-uji-2025-J2.juri")).unwrap();
    assert!(j2_package.starts_with("JURI-PACKAGE v2\n"));
    assert!(!j2_package.contains(&sha(RECUSED)));
    assert!(!j2_package.contains("A02"));
    // J3 scores A01 and A03 only.
    let j3 = zip_names(&run.path("paket/lomba-uji-2025-J3-documents.zip"));
    assert_eq!(j3.len(), 4, "{j3:?}");
    assert!(!j3.contains(&sha(RECUSED)));

    // The documents file beside the package is installed with it.
    let out = run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "paket/lomba-uji-2025-J1.juri",
        "--code",
        code_of(&codes, "J1"),
    ]);
    assert!(
        out.contains(
            "4 installed (1 KB), 0 installed before; each matches the SHA-256 your package names"
        ),
        "{out}"
    );
    let listed = juror_documents(&run, "j1.db");
    let a01 = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entry"] == "A01")
        .unwrap();
    assert_eq!(a01["documents"][0]["name"], "1-proposal.pdf");
    assert_eq!(a01["documents"][0]["kind"], "pdf");
    assert_eq!(a01["documents"][0]["sha256"], sha(PROPOSAL));
    assert_eq!(a01["documents"][0]["installed"], true);
    assert_eq!(a01["documents"][1]["name"], "2-foto.png");
    assert_eq!(a01["links"][0], "https://youtu.be/posyandu");
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "save-document",
        "--entry",
        "A01",
        "--name",
        "1-proposal.pdf",
        "--out",
        "copy.pdf",
    ]);
    assert_eq!(std::fs::read(run.path("copy.pdf")).unwrap(), PROPOSAL);

    // Re-issued with nothing changed: the documents file carries none of them again.
    let out = reissue_j1(&run, &[]);
    assert!(
        out.contains("0 of the 4 documents the package names (0 KB)"),
        "{out}"
    );
    assert_eq!(zip_names(&j1), vec!["juri-documents.json".to_string()]);

    // The chair replaces A01's proposal: only the new one travels, and the old bytes leave the
    // juror's laptop with the package that no longer names them.
    let revised: &[u8] = b"%PDF-1.7\n% the revised proposal of A01\n%%EOF\n";
    put(&run, "revisi.pdf", revised);
    run.ok(&[
        "entries",
        "add-document",
        "--db",
        "lomba.db",
        "--entry",
        "A01",
        "revisi.pdf",
        "--replace",
        "1-proposal.pdf",
    ]);
    let out = reissue_j1(&run, &[]);
    assert!(out.contains("1 of the 4 documents"), "{out}");
    let out = run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "paket/lomba-uji-2025-J1.juri",
    ]);
    assert!(out.contains("1 installed"), "{out}");
    let listed = juror_documents(&run, "j1.db").to_string();
    assert!(listed.contains(&sha(revised)));
    assert!(!listed.contains(&sha(PROPOSAL)));
    let conn = juri_store::rusqlite::Connection::open(run.path("j1.db")).unwrap();
    let kept: i64 = conn
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 4);

    // `--all-documents` puts every one in the file again (a laptop set up again).
    let out = reissue_j1(&run, &["--all-documents"]);
    assert!(
        out.contains("the 4 documents the package names (1 KB)"),
        "{out}"
    );
}

#[test]
fn a_changed_swapped_foreign_or_escaping_documents_file_is_refused_whole() {
    let run = Run::new();
    let codes = competition(&run);
    // J1's laptop opens the package alone, without its documents file.
    std::fs::rename(
        run.path("paket/lomba-uji-2025-J1-documents.zip"),
        run.path("j1-documents.zip"),
    )
    .unwrap();
    let out = run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "paket/lomba-uji-2025-J1.juri",
        "--code",
        code_of(&codes, "J1"),
    ]);
    assert!(
        out.contains("4 documents the package names are not installed"),
        "{out}"
    );
    let refused = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "save-document",
        "--entry",
        "A01",
        "--name",
        "2-foto.png",
        "--out",
        "x.png",
    ]);
    assert!(
        refused.contains("document 2-foto.png of entry A01 is not installed yet"),
        "{refused}"
    );
    let before = dump(&run.path("j1.db"));
    let competition_id = "lomba-uji-2025";
    let all = [sha(PROPOSAL), sha(PHOTO), sha(RECUSED), sha(BUDGET)];

    // One byte of the photo changed inside the file.
    let mut bytes = std::fs::read(run.path("j1-documents.zip")).unwrap();
    let at = bytes.windows(PHOTO.len()).position(|w| w == PHOTO).unwrap() + 20;
    bytes[at] ^= 1;
    std::fs::write(run.path("flipped.zip"), &bytes).unwrap();
    let cases: Vec<(&str, String)> = vec![(
        "flipped.zip",
        format!(
            "document {}… in the file was changed or swapped",
            &sha(PHOTO)[..12]
        ),
    )];
    // The photo's bytes under the proposal's name.
    handmade(
        &run,
        "swapped.zip",
        &manifest(competition_id, "J1", 1, &all[..1]),
        &[(&sha(PROPOSAL), PHOTO)],
    );
    // J2's documents file.
    std::fs::copy(
        run.path("paket/lomba-uji-2025-J2-documents.zip"),
        run.path("j2.zip"),
    )
    .unwrap();
    handmade(
        &run,
        "other.zip",
        &manifest("lomba-lain", "J1", 1, &[]),
        &[],
    );
    handmade(
        &run,
        "escape.zip",
        &manifest(competition_id, "J1", 1, &[]),
        &[("../../.bashrc", b"echo hi")],
    );
    handmade(
        &run,
        "folder.zip",
        &manifest(competition_id, "J1", 1, &[]),
        &[(&format!("docs/{}", sha(PROPOSAL)), PROPOSAL)],
    );
    let stranger: &[u8] = b"%PDF-1.7 a document no package names";
    handmade(
        &run,
        "stranger.zip",
        &manifest(competition_id, "J1", 1, &[sha(stranger)]),
        &[(&sha(stranger), stranger)],
    );
    handmade(
        &run,
        "newer.zip",
        &manifest(competition_id, "J1", 2, &[]),
        &[],
    );
    run.write("not-a-zip.zip", "kode,judul\n");
    let mut cases = cases;
    cases.extend([
        ("swapped.zip", format!("document {}… in the file was changed or swapped (its SHA-256 is not the one the chair's signed package names)", &sha(PROPOSAL)[..12])),
        ("j2.zip", "these documents are for juror J2; this laptop holds the package of juror J1; nothing was installed".into()),
        ("other.zip", "these documents are for competition lomba-lain; this laptop judges lomba-uji-2025".into()),
        ("escape.zip", "the file holds \"../../.bashrc\", which is not a document named by its SHA-256".into()),
        ("folder.zip", format!("the file holds \"docs/{}\"", sha(PROPOSAL))),
        ("stranger.zip", format!("document {}… in the file is not one your package (version 1) names", &sha(stranger)[..12])),
        ("newer.zip", "these documents come with package version 2; version 1 is installed: open package version 2 first".into()),
        ("not-a-zip.zip", "this is not a Juri documents file".into()),
    ]);
    for (file, expected) in &cases {
        let refused = run.fails(&["juror", "--db", "j1.db", "add-documents", file]);
        assert!(refused.contains(expected.as_str()), "{file}: {refused}");
        assert_eq!(
            dump(&run.path("j1.db")),
            before,
            "{file} changed the laptop's data"
        );
    }
    // A refused documents file lying beside a package does not stop the package installing.
    std::fs::copy(
        run.path("flipped.zip"),
        run.path("paket/lomba-uji-2025-J1-documents.zip"),
    )
    .unwrap();
    let out = run.juri(&[
        "juror",
        "--db",
        "j1b.db",
        "open",
        "paket/lomba-uji-2025-J1.juri",
        "--code",
        code_of(&codes, "J1"),
    ]);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("package version 1 installed"), "{stdout}");
    assert!(
        stderr.contains("the package is installed, but the documents file beside it was refused: "),
        "{stderr}"
    );
    assert!(stderr.contains("was changed or swapped"), "{stderr}");
    assert!(
        stdout.contains("4 documents the package names are not installed"),
        "{stdout}"
    );

    // The file the chair wrote installs.
    let out = run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "add-documents",
        "j1-documents.zip",
    ]);
    assert!(out.contains("4 installed"), "{out}");
    let out = run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "add-documents",
        "j1-documents.zip",
    ]);
    assert!(
        out.contains("0 installed (0 KB), 4 installed before"),
        "{out}"
    );
}

/// A package naming no document leaves no documents file beside it: one an earlier issue wrote
/// there for the same juror of the same competition goes; any other file of that name stays.
#[test]
fn a_package_naming_no_document_removes_the_stale_documents_file_only() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    std::fs::create_dir_all(run.path("paket")).unwrap();
    let stale = manifest("lomba-uji-2025", "J1", 1, &[sha(PROPOSAL)]);
    handmade(
        &run,
        "paket/J1-documents.zip",
        &stale,
        &[(&sha(PROPOSAL), PROPOSAL)],
    );
    let other = manifest("lomba-lain-2024", "J2", 1, &[]);
    handmade(&run, "paket/J2-documents.zip", &other, &[]);
    std::fs::write(run.path("paket/J3-documents.zip"), b"not a zip of ours").unwrap();
    for juror in ["J1", "J2", "J3"] {
        let out = format!("paket/{juror}.juri");
        let said = run.ok(&[
            "package", "--db", "lomba.db", "--juror", juror, "--out", &out,
        ]);
        assert!(!said.contains("documents"), "{said}");
    }
    assert!(run.path("paket/J1.juri").is_file());
    assert!(!run.path("paket/J1-documents.zip").exists());
    assert!(run.path("paket/J2-documents.zip").is_file());
    assert_eq!(
        std::fs::read(run.path("paket/J3-documents.zip")).unwrap(),
        b"not a zip of ours"
    );
}
