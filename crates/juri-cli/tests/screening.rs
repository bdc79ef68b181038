//! `juri screen` with the checklist items each entry meets (flags and a sheet with one column per
//! item), what it refuses, and the administrasi minutes that print them. Runs the real `juri`
//! binary in a temp dir per test, with a cleared environment. Needs poppler-utils (`pdftotext`).

#[path = "support/pdf.rs"]
mod pdf;
#[path = "support/run.rs"]
mod run;
use pdf::pdf_text;

use std::process::Output;

use juri_store::rusqlite::Connection;

/// The shared harness with the competition these tests screen.
struct Run(run::Run);

impl std::ops::Deref for Run {
    type Target = run::Run;
    fn deref(&self) -> &run::Run {
        &self.0
    }
}

impl Run {
    /// The koin-yanlik-berdasi competition with four entries; UPT-02 is rintisan.
    fn new() -> Run {
        let run = Run(run::Run::new());
        run.write(
            "d.toml",
            juri_core::templates::template("koin-yanlik-berdasi").unwrap(),
        );
        run.ok(&["init", "--db", "l.db", "--definition", "d.toml"]);
        run.write(
            "entries.csv",
            "code,title,institution,category,rintisan\n\
             UPT-01,Puskesmas Ramah Lansia,UPTD Puskesmas Oepoi,upt,\n\
             UPT-02,Antar Obat ke Rumah,UPTD Puskesmas Maumere,upt,ya\n\
             SEK-01,Kelas Literasi Malam,SD Inpres Oeleta,sekolah,\n\
             SEK-02,Bank Sampah Sekolah,SMP Negeri 2 Kupang,sekolah,\n",
        );
        run.ok(&["entries", "import", "--db", "l.db", "entries.csv"]);
        run
    }

    fn screen_file(&self, name: &str, text: &str) -> Output {
        self.write(name, text);
        self.juri(&[
            "screen",
            "--db",
            "l.db",
            "--stage",
            "administrasi",
            "--file",
            name,
        ])
    }

    /// The screening rows as stored: entry, passed, reasons, met (NULL as "-"), and the number
    /// of audit rows.
    fn stored(&self) -> (Vec<String>, i64) {
        let c = Connection::open(self.path("l.db")).unwrap();
        let mut st = c
            .prepare(
                "SELECT e.code, s.passed, s.reasons, ifnull(s.met, '-') FROM screening s
                 JOIN entries e ON e.id = s.entry_id ORDER BY e.code",
            )
            .unwrap();
        let rows = st
            .query_map([], |r| {
                Ok(format!(
                    "{} {} {} {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?
                ))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let audit = c
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap();
        (rows, audit)
    }
}

const GOOD: &str = "\
kode,judul,hasil,alasan,berkas,setahun,pelayanan,tepat-waktu,catatan
UPT-01,Puskesmas Ramah Lansia,lulus,,ya,ya,ya,✓,
UPT-02,Antar Obat ke Rumah,lulus,,1,n/a,yes,Y,rintisan
SEK-01,Kelas Literasi Malam,gugur,ADM-1,tidak,ya,ya,ya,proposal tanpa tanda tangan
SEK-02,Bank Sampah Sekolah,gugur,ADM-2;ADM-4,ya,,ya,0,
";

#[test]
fn a_sheet_with_item_columns_records_the_items_met() {
    let run = Run::new();
    let o = run.screen_file("s.csv", GOOD);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        "administrasi: 4 screening decisions recorded\n"
    );
    assert_eq!(
        run.stored().0,
        [
            r#"SEK-01 false ["ADM-1"] ["setahun","pelayanan","tepat-waktu"]"#,
            r#"SEK-02 false ["ADM-2","ADM-4"] ["berkas","pelayanan"]"#,
            r#"UPT-01 true [] ["berkas","setahun","pelayanan","tepat-waktu"]"#,
            r#"UPT-02 true [] ["berkas","pelayanan","tepat-waktu"]"#,
        ]
    );
}

#[test]
fn a_sheet_without_item_columns_records_no_items() {
    let run = Run::new();
    let o = run.screen_file(
        "s.csv",
        "entry,result,reasons\nUPT-01,pass,\nSEK-01,fail,ADM-3\n",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        run.stored().0,
        [r#"SEK-01 false ["ADM-3"] -"#, r#"UPT-01 true [] -"#]
    );
}

#[test]
fn bad_sheets_are_refused_naming_row_and_column_and_change_nothing() {
    let run = Run::new();
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "SEK-02",
        "--fail",
        "--reason",
        "ADM-4",
        "--none-met",
    ]);
    let before = run.stored();
    let cases: &[(&str, &[&str])] = &[
        (
            "entry,result,berkas,setahun,pelayanan,tepat-waktu,video\nUPT-01,pass,ya,ya,ya,ya,ya\n",
            &["unknown column 'video': the columns are entry, result, reasons, note and one per checklist item (berkas, setahun, pelayanan, tepat-waktu)"],
        ),
        (
            "entry,result,berkas,setahun\nUPT-01,pass,ya,ya\n",
            &["has checklist item columns but none for 'pelayanan', 'tepat-waktu': give every item a column, or none"],
        ),
        (
            "entry,result,reasons,berkas,setahun,pelayanan,tepat-waktu\n\
             UPT-01,pass,,ya,mungkin,ya,ya\n\
             UPT-09,pass,,ya,ya,ya,ya\n\
             UPT-02,pass,,ya,ya,ya,ya\n\
             SEK-01,pass,,ya,ya,tidak,ya\n\
             SEK-02,lulus,,ya,ya,ya,x\n",
            &[
                "5 bad rows; nothing was imported",
                "row 2: column 'setahun': 'mungkin' should be yes or no (ya/tidak, 1/0, ✓ or blank; n/a for an item that does not apply)",
                "row 3: column 'entry': unknown entry 'UPT-09'",
                "row 4: entry 'UPT-02': checklist item 'setahun' does not apply to it (a rintisan entry)",
                "row 5: entry 'SEK-01' passes but does not meet 'pelayanan': a passing entry meets every item that applies to it; fail it with a reason code instead",
                "row 6: column 'tepat-waktu': 'x' should be yes or no",
            ],
        ),
        // n/a only for an item that does not apply.
        (
            "entry,result,reasons,berkas,setahun,pelayanan,tepat-waktu\nSEK-01,fail,ADM-1,tidak,n/a,ya,ya\nUPT-02,fail,ADM-1,tidak,n/a,ya,ya\n",
            &["1 bad row; nothing was imported:\n  row 2: column 'setahun': n/a, but the item applies to entry 'SEK-01': say yes or no\n"],
        ),
        // A fail still needs a known reason code.
        (
            "entry,result,reasons,berkas,setahun,pelayanan,tepat-waktu\nSEK-01,fail,,tidak,ya,ya,ya\nUPT-01,fail,ADM-9,ya,ya,ya,ya\n",
            &[
                "entry 'SEK-01' fails without a reason code (one of: ADM-1, ADM-2, ADM-3, ADM-4)",
                "entry 'UPT-01': unknown reason code 'ADM-9'",
            ],
        ),
    ];
    for (i, (sheet, needles)) in cases.iter().enumerate() {
        let o = run.screen_file(&format!("bad{i}.csv"), sheet);
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(!o.status.success(), "sheet {i} was accepted");
        for needle in *needles {
            assert!(
                err.contains(needle),
                "sheet {i}: missing '{needle}' in:\n{err}"
            );
        }
        assert_eq!(run.stored(), before, "sheet {i} changed the database");
    }
}

#[test]
fn the_flags_record_the_items_met() {
    let run = Run::new();
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "UPT-02",
        "--pass",
        "--met",
        "berkas,pelayanan",
        "--met",
        "tepat-waktu",
    ]);
    let err = run.fails(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "UPT-01",
        "--pass",
        "--met",
        "berkas",
    ]);
    assert!(
        err.contains(
            "entry 'UPT-01' passes but does not meet 'setahun', 'pelayanan', 'tepat-waktu'"
        ),
        "{err}"
    );
    let err = run.fails(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "UPT-01",
        "--fail",
        "--met",
        "berkas",
    ]);
    assert!(
        err.contains("entry 'UPT-01' fails without a reason code"),
        "{err}"
    );
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "SEK-01",
        "--fail",
        "--reason",
        "ADM-1",
        "--none-met",
    ]);
    assert_eq!(
        run.stored().0,
        [
            r#"SEK-01 false ["ADM-1"] []"#,
            r#"UPT-02 true [] ["berkas","pelayanan","tepat-waktu"]"#,
        ]
    );
    let log = run.ok(&["log", "--db", "l.db", "--kind", "screen", "--format", "csv"]);
    for line in [
        "administrasi: UPT-02 pass; items met: berkas, pelayanan, tepat-waktu",
        "administrasi: SEK-01 fail (ADM-1); items met: none",
    ] {
        assert!(log.contains(line), "missing {line:?} in:\n{log}");
    }
    let help = run.ok(&["screen", "--help"]);
    for needle in [
        "--met <ITEM>",
        "--none-met",
        "one column per checklist item",
    ] {
        assert!(help.contains(needle), "missing '{needle}' in:\n{help}");
    }
}

#[test]
fn the_administrasi_minutes_list_every_entry_with_its_items_per_category() {
    let run = Run::new();
    // SEK-02's items are not recorded: a sheet without item columns.
    let o = run.screen_file(
        "s.csv",
        &GOOD.replace(
            "SEK-02,Bank Sampah Sekolah,gugur,ADM-2;ADM-4,ya,,ya,0,\n",
            "",
        ),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "SEK-02",
        "--fail",
        "--reason",
        "ADM-4",
    ]);
    // A juror with a conflict of interest: not in the minutes of the screening.
    run.write(
        "jurors.csv",
        "id,name,role,assign,conflicts\nJ1,Ani,ketua,proposal=*,entry:UPT-01 (mantan kepala)\n",
    );
    run.ok(&["jurors", "import", "--db", "l.db", "jurors.csv"]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "administrasi"]);
    for (lang, want, unwanted) in [
        (
            "id",
            [
                "Butir pemeriksaan",
                "1. Proposal, surat pengantar dan video lengkap",
                "2. Inovasi telah diterapkan paling singkat satu tahun",
                "✓ terpenuhi, – tidak terpenuhi, t.b. tidak berlaku bagi inovasi tersebut.",
                "Kolom butir yang kosong: butir pemeriksaan inovasi tersebut tidak dicatat.",
                "Jumlah: 4 inovasi diperiksa, 2 lolos dan 2 tidak lolos seleksi administrasi.",
            ],
            ["Konflik kepentingan", "mantan kepala", "/ 4 lolos"],
        ),
        (
            "en",
            [
                "Checklist items",
                "1. Proposal, surat pengantar dan video lengkap",
                "2. Inovasi telah diterapkan paling singkat satu tahun",
                "✓ met, – not met, n/a does not apply to the entry.",
                "Blank item columns: the entry's checklist items were not recorded.",
                "In all: 4 entries screened, 2 pass and 2 fail the administrative screening.",
            ],
            ["Conflicts of interest", "mantan kepala", "lolos"],
        ),
    ] {
        let out = run.path(&format!("ba-{lang}.pdf"));
        run.ok(&[
            "print",
            "--db",
            "l.db",
            "minutes",
            "--stage",
            "administrasi",
            "--lang",
            lang,
            "--out",
            out.to_str().unwrap(),
        ]);
        let text = pdf_text(&out);
        for needle in want {
            assert!(
                text.contains(needle),
                "{lang}: missing '{needle}' in:\n{text}"
            );
        }
        for needle in unwanted {
            assert!(!text.contains(needle), "{lang}: '{needle}' in:\n{text}");
        }
        // Each entry's row: code, one mark per item, result, reasons; categories in the
        // definition's order.
        let rows: Vec<String> = text
            .lines()
            .filter(|l| l.contains("UPT-0") || l.contains("SEK-0"))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        let (pass, fail, na) = match lang {
            "id" => ("Lolos", "Tidak lolos", "t.b."),
            _ => ("Passes", "Fails", "n/a"),
        };
        // (The title and institution sit on the lines around the row's middle, and a long
        // reason may wrap.)
        let expect = [
            format!("1 UPT-01 ✓ ✓ ✓ ✓ {pass}"),
            format!("2 UPT-02 ✓ {na} ✓ ✓ {pass}"),
            format!("1 SEK-01 – ✓ ✓ ✓ {fail}"),
            format!("2 SEK-02 {fail} ADM-4 Berkas terlambat"),
        ];
        assert_eq!(rows.len(), expect.len(), "{lang}:\n{text}");
        for (row, want) in rows.iter().zip(&expect) {
            assert!(
                row.starts_with(want.as_str()),
                "{lang}: {row:?} is not {want:?}"
            );
        }
        for reason in [
            "ADM-1 Berkas tidak",
            "Puskesmas Ramah Lansia",
            "Antar Obat ke Rumah",
        ] {
            assert!(text.contains(reason), "{lang}: missing '{reason}'");
        }
        let upt = text.find("UPT/UPTD").unwrap();
        let sekolah = text.find("\nSekolah").unwrap();
        assert!(upt < sekolah, "{text}");
    }
}

#[test]
fn the_recap_workbook_has_an_administrasi_sheet() {
    use calamine::{Reader, Xlsx};
    let run = Run::new();
    let o = run.screen_file("s.csv", GOOD);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = run.path("rekap.xlsx");
    run.ok(&[
        "export",
        "--db",
        "l.db",
        "--format",
        "xlsx",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names()[0], "Seleksi Administrasi");
    let range = book.worksheet_range("Seleksi Administrasi").unwrap();
    let rows: Vec<String> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join("|")
                .trim_end_matches('|')
                .to_string()
        })
        .collect();
    assert_eq!(
        rows[..5],
        [
            "Code|Innovation title|Institution|Category|berkas|setahun|pelayanan|tepat-waktu|Result|Reason",
            "UPT-01|Puskesmas Ramah Lansia|UPTD Puskesmas Oepoi|UPT/UPTD|✓|✓|✓|✓|Passes",
            "UPT-02|Antar Obat ke Rumah|UPTD Puskesmas Maumere|UPT/UPTD|✓|n/a|✓|✓|Passes",
            "SEK-01|Kelas Literasi Malam|SD Inpres Oeleta|Sekolah|–|✓|✓|✓|Fails|ADM-1 Berkas tidak lengkap",
            "SEK-02|Bank Sampah Sekolah|SMP Negeri 2 Kupang|Sekolah|✓|–|✓|–|Fails|ADM-2 Belum diterapkan satu tahun; ADM-4 Berkas terlambat",
        ]
    );
    for needle in [
        "Checklist items|berkas = Proposal, surat pengantar dan video lengkap",
        "|✓ met, – not met, n/a does not apply to the entry.",
    ] {
        assert!(
            rows.iter().any(|r| r.contains(needle)),
            "missing {needle:?} in {rows:#?}"
        );
    }
}

#[test]
fn a_finalised_screening_reprints_the_items_it_was_decided_with() {
    let run = Run::new();
    let o = run.screen_file("s.csv", GOOD);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    run.write(
        "jurors.csv",
        "id,name,role,assign,conflicts\nJ1,Ani,ketua,proposal=*,\n",
    );
    run.ok(&["jurors", "import", "--db", "l.db", "jurors.csv"]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "administrasi"]);
    run.ok(&[
        "correct",
        "reopen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--reason",
        "Butir SEK-01 salah catat",
    ]);
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--entry",
        "SEK-01",
        "--fail",
        "--reason",
        "ADM-1",
        "--none-met",
    ]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "administrasi"]);
    let row = |version: &str| {
        let out = run.path(&format!("ba-{version}.pdf"));
        let mut args = vec![
            "print",
            "--db",
            "l.db",
            "minutes",
            "--stage",
            "administrasi",
        ];
        if !version.is_empty() {
            args.extend(["--version", version]);
        }
        args.extend(["--out", out.to_str().unwrap()]);
        run.ok(&args);
        let text = pdf_text(&out);
        text.lines()
            .find(|l| l.contains("SEK-01"))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| panic!("no SEK-01 row in:\n{text}"))
    };
    assert!(
        row("1").starts_with("1 SEK-01 – ✓ ✓ ✓ Tidak lolos"),
        "{}",
        row("1")
    );
    assert!(
        row("").starts_with("1 SEK-01 – – – – Tidak lolos"),
        "{}",
        row("")
    );
}
