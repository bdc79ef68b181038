//! Every document of the demo, as printed by `juri print` in both languages on A4 and F4: each
//! page is numbered within its document ("Halaman X dari Y" running 1..Y, where a document is
//! what is signed and stapled on its own: one recap per category, one sheet per entry), no
//! footer is cut, no page starts with a signature block (place and date, the panel's signatures or
//! the Mengetahui signer) left alone by the body above it, and
//! no word lies outside the printable area.
//! Needs poppler-utils (`pdftotext`), which `make test` installs.

use std::path::Path;
use std::process::Command;

#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/signature.rs"]
mod signature;
use pdf::pdftotext;

const PT_PER_MM: f64 = 72.0 / 25.4;
/// Side margins are 18 mm, running heads start 16 mm from the top, footers end about 10 mm
/// from the bottom: nothing may come closer to an edge than these.
const SIDE_MM: f64 = 17.0;
const TOP_MM: f64 = 15.0;
const BOTTOM_MM: f64 = 9.0;

fn juri(dir: &Path, args: &[&str]) {
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "juri {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The documents of the demo: (name, arguments of `juri print`).
fn documents() -> Vec<(String, Vec<String>)> {
    let mut docs = Vec::new();
    let mut add = |name: String, args: &[&str]| {
        docs.push((name, args.iter().map(|a| a.to_string()).collect()));
    };
    for stage in ["proposal", "presentasi", "final"] {
        add(format!("recap {stage}"), &["recap", "--stage", stage]);
    }
    // The final is not decided in the demo: its minutes are refused (tests/final_documents.rs).
    for stage in ["administrasi", "proposal", "presentasi"] {
        add(format!("minutes {stage}"), &["minutes", "--stage", stage]);
    }
    add("recusals".into(), &["recusals"]);
    for stage in ["proposal", "presentasi"] {
        add(
            format!("blank sheets {stage}"),
            &["blank-sheet", "--stage", stage],
        );
    }
    for juror in ["J1", "J2", "J3", "J4", "J5"] {
        add(
            format!("score sheets proposal {juror}"),
            &["score-sheet", "--stage", "proposal", "--juror", juror],
        );
    }
    add(
        "score sheets presentasi J1".into(),
        &["score-sheet", "--stage", "presentasi", "--juror", "J1"],
    );
    docs
}

/// The footer's page number: "Halaman 2 dari 3" or "Page 2 of 3".
fn page_number(line: &str) -> Option<(usize, usize)> {
    for (word, of) in [("Halaman ", " dari "), ("Page ", " of ")] {
        if let Some(at) = line.rfind(word) {
            let rest = &line[at + word.len()..];
            if let Some((x, y)) = rest.trim().split_once(of) {
                if let (Ok(x), Ok(y)) = (x.trim().parse(), y.trim().parse()) {
                    return Some((x, y));
                }
            }
        }
    }
    None
}

fn check_pages(name: &str, path: &Path, paper: (f64, f64)) {
    let text = pdftotext(&["-layout", "-enc", "UTF-8"], path);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(!pages.is_empty(), "{name}: no pages");
    let mut expected_next = 1;
    let mut section_pages = 0;
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let footer = lines.last().copied().unwrap_or_default();
        let (x, y) = page_number(footer)
            .unwrap_or_else(|| panic!("{name} page {}: no page number in {footer:?}", i + 1));
        if x == 1 {
            assert_eq!(
                expected_next,
                section_pages + 1,
                "{name} page {}: the previous document stopped at page {} of {section_pages}",
                i + 1,
                expected_next - 1
            );
            section_pages = y;
            expected_next = 1;
        }
        assert_eq!(
            (x, y),
            (expected_next, section_pages),
            "{name} page {}: {footer:?}",
            i + 1
        );
        expected_next = x + 1;
        let label = footer[..footer
            .rfind(if footer.contains("Halaman ") {
                "Halaman "
            } else {
                "Page "
            })
            .unwrap()]
            .trim();
        assert!(
            !label.ends_with('…') && !label.is_empty(),
            "{name} page {}: footer {label:?} is cut",
            i + 1
        );
    }
    signature::check_signatures(name, &pages);
    assert_eq!(
        expected_next,
        section_pages + 1,
        "{name}: the last document stopped at page {} of {section_pages}",
        expected_next - 1
    );

    // Every word inside the printable area of its page.
    let html = pdftotext(&["-bbox", "-enc", "UTF-8"], path);
    let (mut width, mut height, mut page) = (0.0, 0.0, 0);
    let attr = |line: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let start = line.find(&key).expect("attribute") + key.len();
        let end = start + line[start..].find('"').expect("closing quote");
        line[start..end].parse().expect("number")
    };
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            width = attr(line, "width");
            height = attr(line, "height");
            page += 1;
            let (short, long) = (width.min(height) / PT_PER_MM, width.max(height) / PT_PER_MM);
            assert!(
                (short - paper.0).abs() < 0.5 && (long - paper.1).abs() < 0.5,
                "{name} page {page}: {short:.1} × {long:.1} mm"
            );
        } else if line.starts_with("<word ") {
            let inside = attr(line, "xMin") >= SIDE_MM * PT_PER_MM
                && attr(line, "xMax") <= width - SIDE_MM * PT_PER_MM
                && attr(line, "yMin") >= TOP_MM * PT_PER_MM
                && attr(line, "yMax") <= height - BOTTOM_MM * PT_PER_MM;
            assert!(
                inside,
                "{name} page {page}: {line} outside the printable area of {width} × {height}"
            );
        }
    }
}

#[test]
fn every_demo_document_is_numbered_whole_and_keeps_its_signatures_with_the_body() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    juri(dir, &["demo", "--db", "d.db"]);
    for (name, args) in documents() {
        for lang in ["id", "en"] {
            for (paper, size) in [("a4", (210.0, 297.0)), ("f4", (215.0, 330.0))] {
                let out = dir.join("doc.pdf");
                let mut all: Vec<&str> = vec!["print", "--db", "d.db"];
                all.extend(args.iter().map(String::as_str));
                all.extend(["--lang", lang, "--paper", paper, "--out"]);
                all.push(out.to_str().unwrap());
                juri(dir, &all);
                check_pages(&format!("{name} ({lang}, {paper})"), &out, size);
            }
        }
    }
}

/// Indonesian words Juri's own wording could leak into an English document (labels, notes, legends,
/// dates). Words the competition itself gives — its definition, entries, jurors and document
/// settings, all in Indonesian for the demo — are allowed: they are its names, not Juri's words.
const INDONESIAN: &[&str] = &[
    "dan",
    "yang",
    "dari",
    "untuk",
    "dengan",
    "atau",
    "oleh",
    "pada",
    "tahap",
    "nilai",
    "lolos",
    "tidak",
    "gugur",
    "berita",
    "acara",
    "rekapitulasi",
    "penilaian",
    "halaman",
    "tanggal",
    "ketua",
    "anggota",
    "sekretaris",
    "mengetahui",
    "peringkat",
    "kategori",
    "inovasi",
    "lembar",
    "keputusan",
    "catatan",
    "alasan",
    "jumlah",
    "rata",
    "bobot",
    "kriteria",
    "instansi",
    "judul",
    "kode",
    "nomor",
    "tempat",
    "hari",
    "bulan",
    "tahun",
    "tanda",
    "tangan",
    "mundur",
    "ditarik",
    "seri",
    "perubahan",
    "lanjutan",
    "lampiran",
    "pengumuman",
    "piagam",
    "penghargaan",
    "sementara",
    "memenuhi",
    "syarat",
    "terendah",
    "tertinggi",
    "dibagi",
    "dikali",
    "maksimal",
    "rentang",
    "wakil",
    "disetujui",
    "ditetapkan",
    "diurutkan",
    "apabila",
    "menurut",
    "lalu",
    "dihitung",
    "januari",
    "februari",
    "maret",
    "mei",
    "juni",
    "juli",
    "agustus",
    "oktober",
    "desember",
    "senin",
    "selasa",
    "rabu",
    "kamis",
    "jumat",
    "sabtu",
    "minggu",
    "pukul",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn output(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .output()
        .unwrap();
    assert!(o.status.success(), "juri {args:?}");
    String::from_utf8(o.stdout).unwrap()
}

/// Every text the competition gives: the definition's values (names, labels, descriptions — not
/// its comments), the entries' and jurors' fields, the document settings and the chair's reasons.
fn given_texts(dir: &Path) -> Vec<Vec<String>> {
    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    let def = juri_core::Definition::from_toml(&output(dir, &["definition", "--db", "d.db"]))
        .expect("the demo's definition");
    strings(&serde_json::to_value(&def).unwrap(), &mut texts);
    for list in ["entries", "jurors"] {
        let csv = output(dir, &[list, "list", "--db", "d.db", "--format", "csv"]);
        for record in csv::Reader::from_reader(csv.as_bytes()).records() {
            texts.extend(record.unwrap().iter().map(str::to_string));
        }
    }
    for listing in ["settings", "decisions"] {
        texts.extend(
            output(dir, &[listing, "--db", "d.db"])
                .lines()
                .map(str::to_string),
        );
    }
    // What the jurors wrote: comments on scores, field notes, screening notes.
    let db = juri_store::rusqlite::Connection::open(dir.join("d.db")).unwrap();
    for query in [
        "SELECT comment FROM scores",
        "SELECT note FROM notes",
        "SELECT note FROM screening",
    ] {
        let mut st = db.prepare(query).unwrap();
        let rows = st.query_map([], |r| r.get::<_, String>(0)).unwrap();
        texts.extend(rows.map(Result::unwrap));
    }
    texts
        .iter()
        .map(|t| words(t))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word of `line` at `i` belongs to a text the competition gave: that text holds the word next to
/// the same neighbour, or where a wrapped text breaks (the line's last word where the text goes on,
/// its first where the text began earlier), or the line is that word alone.
fn from_given(line: &[String], i: usize, given: &[Vec<String>]) -> bool {
    given.iter().any(|text| {
        text.iter().enumerate().any(|(j, w)| {
            w == &line[i]
                && (line.len() == 1
                    || (i > 0 && j > 0 && text[j - 1] == line[i - 1])
                    || (i + 1 < line.len() && j + 1 < text.len() && text[j + 1] == line[i + 1])
                    || (i + 1 == line.len() && j + 1 < text.len())
                    || (i == 0 && j > 0))
        })
    })
}

#[test]
fn english_documents_use_no_indonesian_words_but_the_competitions_own() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    juri(dir, &["demo", "--db", "d.db"]);
    let given = given_texts(dir);
    let mut leaks = Vec::new();
    for (name, args) in documents() {
        let out = dir.join("doc.pdf");
        let mut all: Vec<&str> = vec!["print", "--db", "d.db"];
        all.extend(args.iter().map(String::as_str));
        all.extend(["--lang", "en", "--out"]);
        all.push(out.to_str().unwrap());
        juri(dir, &all);
        // Table cells and columns side by side: each run of text between wide gaps is one piece.
        for line in pdftotext(&["-layout", "-enc", "UTF-8"], &out).lines() {
            for piece in line.split("  ").filter(|p| !p.trim().is_empty()) {
                let w = words(piece);
                for (i, word) in w.iter().enumerate() {
                    if INDONESIAN.contains(&word.as_str()) && !from_given(&w, i, &given) {
                        leaks.push(format!("{name}: {word:?} in {:?}", piece.trim()));
                    }
                }
            }
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
}
