//! `juri print announcement | decree-attachment | certificate`: a finalised final's winners, on
//! the demo competition once its presentation and final stages are decided. Each is refused,
//! writing nothing, for a stage that is not a final or a final not finalised; printed, each
//! numbers a tier within its pool, keeps its words inside the printable area of A4 or F4, numbers
//! its pages within each document and reads in the language asked for.
//! Needs poppler-utils (`pdftotext`, `pdfinfo`), which `make test` installs.

use std::path::Path;
use std::process::{Command, Output};

use juri_core::StageResults;

#[path = "support/demo.rs"]
mod demo;
#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/signature.rs"]
mod signature;
use pdf::{collapse, pdftotext};

const PT_PER_MM: f64 = 72.0 / 25.4;
const SIDE_MM: f64 = 17.0;
const TOP_MM: f64 = 15.0;
const BOTTOM_MM: f64 = 9.0;
const BLANK: &str = "....................";

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri"))
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .output()
        .unwrap()
}

fn juri(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert!(
        o.status.success(),
        "juri {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn fails(dir: &Path, args: &[&str]) -> String {
    let o = run(dir, args);
    assert!(!o.status.success(), "juri {args:?} should fail");
    String::from_utf8(o.stderr).unwrap()
}

/// The text in content order, white space collapsed.
fn text(path: &Path) -> String {
    collapse(&pdftotext(&["-raw", "-enc", "UTF-8"], path))
}

/// The demo with its presentation stage completed from paper sheets and finalised: the final
/// can then be finalised.
fn decided_demo(dir: &Path) {
    juri(dir, &["demo", "--db", "d.db"]);
    demo::finalise_presentations(dir, |args| juri(dir, args));
}

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

/// Page sizes (short × long edge, mm, and whether landscape), page numbers within each
/// document, no signature alone at the top of a page, every word inside the printable area.
fn check_pages(name: &str, path: &Path, paper: (f64, f64), landscape: bool) -> usize {
    let layout = pdftotext(&["-layout", "-enc", "UTF-8"], path);
    let pages: Vec<&str> = layout
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut expected = 1;
    let mut of = 0;
    for (i, page) in pages.iter().enumerate() {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let footer = lines.last().copied().unwrap_or_default();
        let (x, y) = page_number(footer)
            .unwrap_or_else(|| panic!("{name} page {}: no page number in {footer:?}", i + 1));
        if x == 1 {
            assert_eq!(expected, of + 1, "{name} page {}", i + 1);
            of = y;
            expected = 1;
        }
        assert_eq!((x, y), (expected, of), "{name} page {}: {footer:?}", i + 1);
        expected += 1;
    }
    signature::check_signatures(name, &pages);
    assert_eq!(expected, of + 1, "{name}: the last document is incomplete");

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
            assert_eq!(width > height, landscape, "{name} page {page}: orientation");
        } else if line.starts_with("<word ") {
            let inside = attr(line, "xMin") >= SIDE_MM * PT_PER_MM
                && attr(line, "xMax") <= width - SIDE_MM * PT_PER_MM
                && attr(line, "yMin") >= TOP_MM * PT_PER_MM
                && attr(line, "yMax") <= height - BOTTOM_MM * PT_PER_MM;
            assert!(
                inside,
                "{name} page {page}: {line} outside the printable area"
            );
        }
    }
    pages.len()
}

#[test]
fn a_finalised_final_prints_its_announcement_decree_attachment_and_certificates() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    decided_demo(dir);

    // Not yet: the final is open, and the proposal stage is no final. Nothing is written.
    for document in ["announcement", "decree-attachment", "certificate"] {
        let out = dir.join(format!("{document}-refused.pdf"));
        let err = fails(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                document,
                "--stage",
                "final",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            err.contains("final stage 'final' is not finalised"),
            "{document}: {err}"
        );
        let err = fails(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                document,
                "--stage",
                "proposal",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            err.contains("stage 'proposal' is not the final"),
            "{document}: {err}"
        );
        // Without --stage: the definition's final, still open.
        let err = fails(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                document,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            err.contains("'final' is not finalised"),
            "{document}: {err}"
        );
        assert!(!out.exists(), "{document}: a refused print writes nothing");
    }
    // The final's minutes name its winners: not before they are decided either.
    let out = dir.join("minutes-refused.pdf");
    let err = fails(
        dir,
        &[
            "print",
            "--db",
            "d.db",
            "minutes",
            "--stage",
            "final",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        err.contains("final stage 'final' is not finalised: its minutes record the winners once they are decided; finalise it first, or print its recap to see the standing so far"),
        "{err}"
    );
    assert!(!out.exists(), "a refused print writes nothing");

    juri(dir, &["finalize", "--db", "d.db", "--stage", "final"]);
    let results: StageResults = serde_json::from_str(&juri(
        dir,
        &[
            "results", "--db", "d.db", "--stage", "final", "--format", "json",
        ],
    ))
    .unwrap();
    let winners: Vec<_> = results.rows().filter(|r| r.award.is_some()).collect();
    assert_eq!(
        winners.len(),
        23,
        "Top 10, Top 20 and three rintisan awards"
    );

    for (lang, paper, size) in [
        ("id", "a4", (210.0, 297.0)),
        ("en", "a4", (210.0, 297.0)),
        ("id", "f4", (215.0, 330.0)),
        ("en", "f4", (215.0, 330.0)),
    ] {
        let print = |document: &str, extra: &[&str]| -> std::path::PathBuf {
            let out = dir.join(format!("{document}-{lang}-{paper}.pdf"));
            let mut args = vec![
                "print",
                "--db",
                "d.db",
                document,
                "--stage",
                "final",
                "--lang",
                lang,
                "--paper",
                paper,
                "--date",
                "2025-12-20",
                "--out",
                out.to_str().unwrap(),
            ];
            args.extend_from_slice(extra);
            let said = juri(dir, &args);
            assert!(said.contains("official copy kept"), "{said}");
            out
        };

        let f = print("announcement", &[]);
        check_pages(&format!("announcement {lang} {paper}"), &f, size, false);
        let t = text(&f);
        let (title, number, chair) = match lang {
            "id" => (
                "PENGUMUMAN",
                "Nomor: …/PENG/FINAL/2025",
                "Ketua Tim Penilai,",
            ),
            _ => (
                "ANNOUNCEMENT",
                "Number: …/PENG/FINAL/2025",
                "Chair of the jury panel,",
            ),
        };
        assert!(
            t.contains(title) && t.contains(number) && t.contains(chair),
            "{t}"
        );
        assert!(
            t.contains("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR"),
            "the kop"
        );
        for tier in [
            "Top 10 Inovasi Terbaik",
            "Top 20 Inovasi",
            "Inovasi Rintisan Terbaik",
        ] {
            assert!(t.contains(tier), "announcement {lang}: {tier}");
        }
        for r in &winners {
            // Numbered within the pool: Top 20 as 11–20, the rintisan award 1–3.
            let place = r.award_place.unwrap();
            assert!(
                t.contains(&format!("{place} {}", r.title)),
                "announcement {lang}: {place} {}",
                r.title
            );
        }

        let f = print("decree-attachment", &[]);
        check_pages(
            &format!("decree attachment {lang} {paper}"),
            &f,
            size,
            false,
        );
        let t = text(&f);
        // The demo sets no decree: blanks, never invented text.
        let heading = match lang {
            "id" => format!("LAMPIRAN SURAT KEPUTUSAN NOMOR : {BLANK} TANGGAL : {BLANK}"),
            _ => format!("ATTACHMENT TO THE DECREE NUMBER : {BLANK} DATE : {BLANK}"),
        };
        assert!(t.contains(&heading), "{t}");
        for r in &winners {
            assert!(
                t.contains(&r.title),
                "decree attachment {lang}: {}",
                r.title
            );
        }

        let f = print("certificate", &[]);
        let pages = check_pages(&format!("certificates {lang} {paper}"), &f, size, true);
        assert_eq!(pages, winners.len(), "one page per winner");
        let layout = pdftotext(&["-raw", "-enc", "UTF-8"], &f);
        let pages: Vec<String> = layout
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(collapse)
            .collect();
        let (certificate, presented) = match lang {
            "id" => ("PIAGAM PENGHARGAAN", "diberikan kepada"),
            _ => ("CERTIFICATE OF AWARD", "presented to"),
        };
        for page in &pages {
            assert!(
                page.contains(certificate) && page.contains(presented),
                "{page}"
            );
            assert!(page.contains("NIP."), "the signer's NIP: {page}");
        }
        for r in &winners {
            assert!(
                pages.iter().any(|p| p.contains(&r.title)),
                "no certificate for {}",
                r.entry
            );
        }

        if lang == "en" {
            for f in ["announcement", "decree-attachment", "certificate"] {
                let t = text(&dir.join(format!("{f}-{lang}-{paper}.pdf")));
                for word in [
                    "Halaman",
                    "Nomor",
                    "PENGUMUMAN",
                    "LAMPIRAN",
                    "TANGGAL",
                    "PIAGAM",
                    "diberikan",
                    "Judul Inovasi",
                    "Kategori",
                    "Ketua Tim",
                    "Desember",
                ] {
                    assert!(!t.contains(word), "{f} ({lang}) prints {word:?}");
                }
            }
        }
    }

    // A second print of the same request is the official copy kept.
    let out = dir.join("again.pdf");
    let said = juri(
        dir,
        &[
            "print",
            "--db",
            "d.db",
            "certificate",
            "--date",
            "2025-12-20",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        said.contains("official copy: certificate of stage final"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(dir.join("certificate-id-a4.pdf")).unwrap()
    );
    let said = juri(
        dir,
        &["print", "--db", "d.db", "--check", out.to_str().unwrap()],
    );
    assert!(
        said.contains("is an official copy: certificate of stage final"),
        "{said}"
    );
}

#[test]
fn print_help_names_the_final_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let help = juri(tmp.path(), &["print", "--help"]);
    for document in ["announcement", "decree-attachment", "certificate"] {
        assert!(help.contains(document), "{help}");
    }
    let err = fails(
        tmp.path(),
        &["print", "--db", "x.db", "piagam", "--out", "x.pdf"],
    );
    assert!(
        err.contains("announcement, decree-attachment, certificate"),
        "{err}"
    );
}

/// A score as the documents print it in `lang`: "85,80" or "85.80".
fn shown(score: &juri_core::Score, lang: &str) -> String {
    let plain = score.display(2);
    match lang {
        "id" => plain.replace('.', ","),
        _ => plain,
    }
}

#[test]
fn a_finalised_finals_recap_and_export_show_category_components_and_tiers_as_decided() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    decided_demo(dir);
    juri(dir, &["finalize", "--db", "d.db", "--stage", "final"]);
    let results: StageResults = serde_json::from_str(&juri(
        dir,
        &[
            "results", "--db", "d.db", "--stage", "final", "--format", "json",
        ],
    ))
    .unwrap();
    let definition = juri_core::Definition::from_toml(&juri(dir, &["definition", "--db", "d.db"]))
        .expect("the demo's definition");
    let fin = definition.stages.iter().find(|s| s.id == "final").unwrap();
    let tier = |id: &str| fin.awards.iter().find(|a| a.id == id).unwrap().name.clone();
    let winner = results.rows().find(|r| r.award.is_some()).unwrap();

    let print = |lang: &str, paper: &str, date: &str| -> std::path::PathBuf {
        let out = dir.join(format!("recap-{lang}-{paper}-{date}.pdf"));
        juri(
            dir,
            &[
                "print",
                "--db",
                "d.db",
                "recap",
                "--stage",
                "final",
                "--lang",
                lang,
                "--paper",
                paper,
                "--date",
                date,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        out
    };
    for (lang, paper, size) in [
        ("id", "a4", (210.0, 297.0)),
        ("en", "a4", (210.0, 297.0)),
        ("id", "f4", (215.0, 330.0)),
        ("en", "f4", (215.0, 330.0)),
    ] {
        let f = print(lang, paper, "2025-12-20");
        // Wide enough for its columns only in landscape; every word inside the printable area.
        check_pages(&format!("final recap {lang} {paper}"), &f, size, true);
        let t = text(&f);
        let (headers, awarded, advances) = match lang {
            "id" => (
                ["Kategori", "Nilai Akhir", "Penghargaan No. Ket."],
                "✓ menerima penghargaan",
                "lolos ke tahap berikutnya",
            ),
            _ => (
                ["Category", "Final score", "Award No. Notes"],
                "✓ receives an award",
                "advances to the next stage",
            ),
        };
        for expected in headers {
            assert!(t.contains(expected), "{lang}: {expected:?} in {t}");
        }
        for c in &fin.combine {
            let name = &definition
                .stages
                .iter()
                .find(|s| s.id == c.stage)
                .unwrap()
                .name;
            let weight = format!("{name} ({} %)", c.weight.to_plain());
            assert!(t.contains(&weight), "{lang}: {weight:?} in {t}");
        }
        assert!(t.contains(awarded) && !t.contains(advances), "{lang}: {t}");
        // Every entry: its components in the definition's order, the final score, and for a
        // winner the tier with its place within the tier (never the overall rank).
        for r in results.rows() {
            let mut cells: Vec<String> = r
                .components
                .iter()
                .map(|c| shown(c.score.as_ref().unwrap(), lang))
                .collect();
            cells.push(shown(r.score.as_ref().unwrap(), lang));
            if let Some(award) = &r.award {
                cells.push(tier(award));
                cells.push(r.award_place.unwrap().to_string());
                cells.push("✓".into());
            }
            let line = cells.join(" ");
            assert!(t.contains(&line), "{lang}: {} {line:?}", r.entry);
        }
    }
    assert!(
        results
            .rows()
            .any(|r| r.award.is_some() && r.award_place != r.rank),
        "the demo has a tier numbered apart from the overall rank"
    );

    // The snapshot prints: a title corrected after the final was decided does not reach it.
    juri(
        dir,
        &[
            "correct",
            "entry",
            "--db",
            "d.db",
            "--entry",
            &winner.entry,
            "--title",
            "Judul Sesudah Penetapan",
            "--reason",
            "Judul sesuai SK",
        ],
    );
    let t = text(&print("id", "a4", "2025-12-21"));
    assert!(
        t.contains(&winner.title) && !t.contains("Judul Sesudah Penetapan"),
        "{t}"
    );

    // The XLSX sheet of the final: the same columns, numbers and tiers.
    let out = dir.join("rekap.xlsx");
    juri(
        dir,
        &[
            "export",
            "--db",
            "d.db",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto(&out).unwrap();
    let range = book.worksheet_range(&fin.name).unwrap();
    let header: Vec<String> = (0..range.width())
        .map(|c| range.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(
        header,
        [
            "Peringkat",
            "Seri",
            "Kode",
            "Judul Inovasi",
            "Instansi",
            "Kategori",
            "Penilaian Proposal (70 %)",
            "Presentasi dan Wawancara (30 %)",
            "Nilai Akhir",
            "Penghargaan",
            "Urutan",
            "Perlu dibahas",
        ]
    );
    for (i, r) in results.rows().enumerate() {
        let cell = |c: usize| range.get((i + 1, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(cell(2), Data::String(r.entry.clone()));
        let category = definition
            .categories
            .iter()
            .find(|c| c.id == r.category)
            .unwrap();
        assert_eq!(cell(5), Data::String(category.name.clone()));
        for (k, c) in r.components.iter().enumerate() {
            assert_eq!(
                cell(6 + k).to_string(),
                c.score
                    .as_ref()
                    .unwrap()
                    .display(2)
                    .trim_end_matches('0')
                    .trim_end_matches('.'),
                "{} component {k}",
                r.entry
            );
        }
        match &r.award {
            Some(award) => {
                assert_eq!(cell(9), Data::String(tier(award)));
                assert_eq!(cell(10), Data::Float(f64::from(r.award_place.unwrap())));
            }
            None => assert_eq!(cell(9), Data::Empty),
        }
    }
}
