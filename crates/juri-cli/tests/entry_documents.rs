//! Each entry's documents and links, from the entries sheet and one by one: what is kept (by
//! SHA-256), what is refused (a missing, oversized or unknown file, a bad link, too many), and that
//! a refused sheet or document changes nothing.

#[path = "support/run.rs"]
mod run;

use run::*;
use sha2::Digest;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

fn put(run: &Run, name: &str, bytes: &[u8]) {
    let path = run.path(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn documents(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.ok(&[
        "entries",
        "documents",
        "--db",
        "lomba.db",
        "--format",
        "json",
    ]))
    .unwrap()
}

/// How many documents' bytes the database keeps.
fn kept_documents(run: &Run) -> i64 {
    let conn = juri_store::rusqlite::Connection::open(run.path("lomba.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap()
}

const HEADER: &str = "kode,judul,instansi,kategori,dokumen,tautan\n";

#[test]
fn a_sheet_names_documents_and_links_each_kept_by_its_sha256() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    put(&run, "berkas/A01-proposal.pdf", PDF);
    put(&run, "berkas/A02/2-foto.png", PNG);
    put(
        &run,
        "berkas/A02/1-proposal.pdf",
        b"%PDF-1.4 another proposal",
    );
    put(&run, "berkas/A02/.DS_Store", b"hidden");
    // An office file is a ZIP container with its extension.
    put(&run, "berkas/A03-anggaran.xlsx", b"PK\x03\x04 workbook");
    run.write(
        "entries.csv",
        &format!(
            "{HEADER}A01,Posyandu Digital,Dinas Kesehatan,pd,berkas/A01-proposal.pdf,https://youtu.be/posyandu\n\
             A02,Sekolah Ramah Anak,Dinas Pendidikan,pd,berkas/A02,\n\
             A03,Desa Air Bersih,Desa Oelnasi,desa,\"berkas/A03-anggaran.xlsx; berkas/A01-proposal.pdf\",https://oelnasi.desa.id https://youtu.be/air\n"
        ),
    );
    let out = run.ok(&["entries", "import", "--db", "lomba.db", "entries.csv"]);
    assert!(out.contains("entries.csv: 0 added"), "{out}");
    let listed = documents(&run);
    let names = |entry: &str| -> Vec<(String, String, String)> {
        let e = listed
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["entry"] == entry)
            .unwrap();
        e["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["name"].as_str().unwrap().to_string(),
                    d["kind"].as_str().unwrap().to_string(),
                    d["sha256"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        names("A01"),
        vec![("A01-proposal.pdf".into(), "pdf".into(), sha(PDF))]
    );
    // A folder names its files in name order, not its hidden ones.
    assert_eq!(
        names("A02"),
        vec![
            (
                "1-proposal.pdf".into(),
                "pdf".into(),
                sha(b"%PDF-1.4 another proposal")
            ),
            ("2-foto.png".into(), "image".into(), sha(PNG)),
        ]
    );
    assert_eq!(
        names("A03"),
        vec![
            (
                "A03-anggaran.xlsx".into(),
                "office".into(),
                sha(b"PK\x03\x04 workbook")
            ),
            ("A01-proposal.pdf".into(), "pdf".into(), sha(PDF)),
        ]
    );
    let links: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["entry"] == "A03")
        .unwrap()["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(links, ["https://oelnasi.desa.id", "https://youtu.be/air"]);
    // The same bytes named by two entries are kept once.
    let kept = kept_documents(&run);
    assert_eq!(kept, 4);
    let log = run.ok(&["log", "--db", "lomba.db", "--format", "json"]);
    assert!(
        log.contains("entries.csv: documents set: 5; links set: 3"),
        "{log}"
    );

    // A sheet without the columns leaves documents and links as they are.
    run.write(
        "judul.csv",
        "kode,judul,instansi,kategori\nA01,Posyandu Digital Terpadu,Dinas Kesehatan,pd\n",
    );
    run.ok(&["entries", "import", "--db", "lomba.db", "judul.csv"]);
    assert_eq!(documents(&run), listed);
    // With the column, an empty cell removes the entry's documents.
    run.write(
        "kosong.csv",
        "kode,judul,instansi,kategori,dokumen\nA02,Sekolah Ramah Anak,Dinas Pendidikan,pd,\n",
    );
    run.ok(&["entries", "import", "--db", "lomba.db", "kosong.csv"]);
    let one = run.ok(&[
        "entries",
        "documents",
        "--db",
        "lomba.db",
        "--entry",
        "A02",
        "--format",
        "json",
    ]);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(one[0]["documents"], serde_json::json!([]), "{one}");
}

#[test]
fn a_bad_document_or_link_is_an_error_of_its_row_and_nothing_is_imported() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    put(&run, "ok.pdf", PDF);
    put(&run, "catatan.txt", b"just text");
    put(&run, "palsu.pdf", b"<html>not a pdf</html>");
    // An office extension on bytes that are no office container.
    put(&run, "palsu.docx", b"plain text");
    let big = std::fs::File::create(run.path("besar.pdf")).unwrap();
    big.set_len(25 * 1024 * 1024 + 1).unwrap();
    drop(big);
    std::fs::create_dir_all(run.path("banyak")).unwrap();
    for n in 0..21 {
        put(
            &run,
            &format!("banyak/{n:02}.pdf"),
            format!("%PDF-1.4 {n}").as_bytes(),
        );
    }
    // Names the jurors' laptops could not keep apart, or keep at all.
    put(&run, "beda/OK.PDF", b"%PDF-1.4 another ok");
    put(&run, "titik:dua.pdf", PDF);
    let before = std::fs::read(run.path("lomba.db")).unwrap();
    run.write(
        "buruk.csv",
        &format!(
            "{HEADER}A01,Posyandu Digital,Dinas Kesehatan,pd,ok.pdf;hilang.pdf;titik:dua.pdf,\n\
             A02,Sekolah Ramah Anak,Dinas Pendidikan,pd,catatan.txt;palsu.pdf;palsu.docx,ftp://contoh.id\n\
             A03,Desa Air Bersih,Desa Oelnasi,desa,besar.pdf,https://\n\
             A04,Lain,Dinas Lain,pd,banyak,\n\
             A05,Dobel,Dinas Dobel,pd,ok.pdf;ok.pdf;beda/OK.PDF,\n"
        ),
    );
    let out = run.fails(&["entries", "import", "--db", "lomba.db", "buruk.csv"]);
    for said in [
        "row 2: document hilang.pdf: not found",
        "row 3: document catatan.txt is not a PDF, an image (PNG, JPEG, WebP) or an office document",
        "row 3: document palsu.pdf is not a PDF",
        "row 3: document palsu.docx is not a PDF",
        "row 3: link 'ftp://contoh.id' is not a web address (http:// or https://)",
        "row 4: document besar.pdf is 26214401 bytes; a document may be at most 26214400 bytes (25 MiB)",
        "row 4: link 'https://' is not a web address",
        "row 5: entry A04 names 21 documents; an entry may carry at most 20",
        "row 6: entry A05 has a document named 'ok.pdf' already",
        "row 6: entry A05 has a document named 'OK.PDF' already",
        "row 2: document titik:dua.pdf: its name cannot travel to the jurors",
        "nothing was imported",
    ] {
        assert!(out.contains(said), "{said}\n{out}");
    }
    assert_eq!(std::fs::read(run.path("lomba.db")).unwrap(), before);
}

#[test]
fn a_document_is_added_or_replaced_one_by_one_and_audit_logged() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    put(&run, "proposal.pdf", PDF);
    put(&run, "foto.png", PNG);
    put(&run, "revisi/proposal.pdf", b"%PDF-1.7 revised");
    put(&run, "catatan.txt", b"text");
    let add = |args: &[&'static str]| -> Vec<&'static str> {
        [&["entries", "add-document", "--db", "lomba.db"][..], args].concat()
    };
    let out = run.ok(&add(&["--entry", "A01", "proposal.pdf"]));
    assert!(
        out.contains(&format!(
            "A01: document proposal.pdf recorded (pdf, {} bytes, SHA-256 {})",
            PDF.len(),
            sha(PDF)
        )),
        "{out}"
    );
    run.ok(&add(&["--entry", "A01", "foto.png"]));
    put(
        &run,
        "besar/PROPOSAL.PDF",
        b"%PDF-1.4 the same name in capitals",
    );
    let before = std::fs::read(run.path("lomba.db")).unwrap();
    // Refused, each changing nothing: a name the entry has, a replaced name it has not, a file
    // of another kind, an unknown entry.
    for (args, said) in [
        (
            vec!["--entry", "A01", "revisi/proposal.pdf"],
            "entry A01 has a document named 'proposal.pdf' already: replace it (--replace proposal.pdf)",
        ),
        (
            vec!["--entry", "A01", "besar/PROPOSAL.PDF"],
            "entry A01 has a document named 'proposal.pdf' already",
        ),
        (
            vec!["--entry", "A01", "foto.png", "--replace", "tidak-ada.pdf"],
            "entry A01 has no document named 'tidak-ada.pdf' to replace",
        ),
        (
            vec!["--entry", "A01", "catatan.txt"],
            "document catatan.txt is not a PDF",
        ),
        (vec!["--entry", "Z99", "proposal.pdf"], "Z99"),
    ] {
        let out = run.fails(&add(&args));
        assert!(out.contains(said), "{said}\n{out}");
        assert_eq!(std::fs::read(run.path("lomba.db")).unwrap(), before);
    }
    run.ok(&add(&[
        "--entry",
        "A01",
        "revisi/proposal.pdf",
        "--replace",
        "proposal.pdf",
    ]));
    let listed = documents(&run);
    let docs = &listed[0]["documents"];
    assert_eq!(listed[0]["entry"], "A01");
    assert_eq!(docs[0]["name"], "proposal.pdf");
    assert_eq!(docs[0]["sha256"], sha(b"%PDF-1.7 revised"));
    assert_eq!(docs[1]["name"], "foto.png");
    // The old proposal's bytes are no longer kept.
    let kept = kept_documents(&run);
    assert_eq!(kept, 2);
    let log = run.ok(&["log", "--db", "lomba.db", "--format", "json"]);
    assert!(
        log.contains("A01: document proposal.pdf added (pdf, 1 KB, SHA-256 ")
            && log.contains("A01: document foto.png added (image, 1 KB, SHA-256 ")
            && log.contains(
                "A01: document proposal.pdf replaced by proposal.pdf (pdf, 1 KB, SHA-256 "
            ),
        "{log}"
    );
}
