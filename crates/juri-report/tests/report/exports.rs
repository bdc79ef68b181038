//! XLSX read back with calamine and CSV read back with csv hold the recap's numbers.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use juri_report::{export_csv, export_xlsx, JurorScore, Lang, RecapTable};

use crate::generated;
use crate::support::fixture;

fn recaps() -> Vec<RecapTable> {
    let fixture: RecapTable = fixture("recap.json");
    let mut long = generated::recap(40, 9);
    long.stage = "Penilaian Proposal".into();
    long.category = Some("Perangkat Daerah Kabupaten/Kota".into());
    let mut twin = generated::recap(5, 3);
    twin.category = Some("Perangkat Daerah Kabupaten/Kota (gelombang 2)".into());
    vec![fixture, long, twin]
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, got {other:?}"),
    }
}

#[test]
fn xlsx_holds_the_same_numbers() {
    let recaps = recaps();
    let bytes = export_xlsx(&recaps, Lang::Id).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names.len(), recaps.len());
    for name in &names {
        assert!(name.chars().count() <= 31, "{name}");
        assert!(!name.contains('/'), "{name}");
    }
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    for (i, n) in lower.iter().enumerate() {
        assert!(!lower[..i].contains(n), "duplicate sheet name {n}");
    }
    assert_eq!(names[0], "PP — Desa-Kelurahan");

    for (recap, name) in recaps.iter().zip(&names) {
        let range = book.worksheet_range(name).unwrap();
        let header: Vec<String> = (0..range.width())
            .map(|c| range.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
            .take_while(|s| !s.is_empty())
            .collect();
        let jurors: Vec<&str> = recap.jurors.iter().map(|j| j.code.as_str()).collect();
        assert_eq!(
            header[..5],
            ["Peringkat", "Seri", "Kode", "Judul Inovasi", "Instansi"]
        );
        assert_eq!(header[5..5 + jurors.len()], jurors[..]);
        assert_eq!(
            header[5 + jurors.len()..],
            ["Nilai Akhir", "Lolos", "Perlu dibahas"]
        );
        for (i, row) in recap.rows.iter().enumerate() {
            let r = i + 1;
            let cell = |c: usize| range.get((r, c)).cloned().unwrap_or(Data::Empty);
            match row.rank {
                Some(rank) => assert_eq!(number(&cell(0)), f64::from(rank)),
                None => assert_eq!(cell(0), Data::Empty),
            }
            assert_eq!(cell(1), Data::Bool(row.tied));
            assert_eq!(cell(2), Data::String(row.entry.code.clone()));
            assert_eq!(cell(3), Data::String(row.entry.title.clone()));
            for (k, score) in row.scores.iter().enumerate() {
                let got = cell(5 + k);
                match score {
                    JurorScore::Score(d) => {
                        assert_eq!(number(&got), d.to_f64(), "{name} r{r} c{k}")
                    }
                    JurorScore::Recused => assert_eq!(got, Data::String("R".into())),
                    JurorScore::NotScored => assert_eq!(got, Data::String("–".into())),
                    JurorScore::NotAssigned => assert_eq!(got, Data::Empty),
                }
            }
            let after = 5 + jurors.len();
            match &row.aggregate {
                Some(a) => assert_eq!(number(&cell(after)), a.to_f64()),
                None => assert_eq!(cell(after), Data::Empty),
            }
            assert_eq!(cell(after + 1), Data::Bool(row.advances));
            assert_eq!(cell(after + 2), Data::Bool(row.disagreement));
        }
    }
}

#[test]
fn xlsx_labels_follow_the_language() {
    let bytes = export_xlsx(&recaps()[..1], Lang::En).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    assert_eq!(range.get((0, 0)), Some(&Data::String("Rank".into())));
    let texts: Vec<String> = range.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(texts.iter().any(|t| t == "Krippendorff's α"));
    assert!(texts
        .iter()
        .any(|t| t == "J2 = Fr. Gérard Müller-Nuñez, SVD"));
}

#[test]
fn csv_holds_every_recap_with_stage_and_category() {
    let recaps = recaps();
    let bytes = export_csv(&recaps).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte-order mark for spreadsheet programs"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[..11],
        [
            "stage",
            "category",
            "rank",
            "tied",
            "entry_code",
            "entry_title",
            "institution",
            "aggregate",
            "advances",
            "disagreement",
            "method"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(
        records.len(),
        recaps.iter().map(|r| r.rows.len()).sum::<usize>()
    );
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut records = records.iter();
    for recap in &recaps {
        for row in &recap.rows {
            let rec = records.next().unwrap();
            assert_eq!(&rec[column("stage")], recap.stage);
            assert_eq!(
                &rec[column("category")],
                recap.category.as_deref().unwrap_or("")
            );
            assert_eq!(&rec[column("entry_code")], row.entry.code);
            assert_eq!(&rec[column("entry_title")], row.entry.title);
            assert_eq!(&rec[column("tied")], row.tied.to_string());
            let aggregate = row
                .aggregate
                .as_ref()
                .map(|a| a.as_plain())
                .unwrap_or_default();
            assert_eq!(&rec[column("aggregate")], aggregate);
            if let Some(a) = &row.aggregate {
                let parsed: f64 = rec[column("aggregate")].parse().unwrap();
                assert_eq!(parsed, a.to_f64());
            }
            for (juror, score) in recap.jurors.iter().zip(&row.scores) {
                let expected = match score {
                    JurorScore::Score(d) => d.as_plain(),
                    JurorScore::Recused => "recused".into(),
                    JurorScore::NotScored => "missing".into(),
                    JurorScore::NotAssigned => String::new(),
                };
                assert_eq!(
                    &rec[column(&juror.code)],
                    expected,
                    "{} {}",
                    row.entry.code,
                    juror.code
                );
            }
            // Columns of jurors not on this recap stay empty.
            for code in header[14..].iter() {
                if !recap.jurors.iter().any(|j| &j.code == code) {
                    assert_eq!(&rec[column(code)], "");
                }
            }
        }
    }
}

#[test]
fn csv_reader_skips_the_byte_order_mark_itself() {
    let bytes = export_csv(&recaps()[..1]).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(&reader.headers().unwrap()[0], "stage");
}

#[test]
fn xlsx_freezes_the_header_row_and_shows_two_decimals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("recaps.xlsx");
    std::fs::write(&path, export_xlsx(&recaps(), Lang::Id).unwrap()).unwrap();
    let part = |name: &str| {
        let out = std::process::Command::new("unzip")
            .arg("-p")
            .arg(&path)
            .arg(name)
            .output()
            .unwrap();
        assert!(out.status.success(), "unzip {name}");
        String::from_utf8(out.stdout).unwrap()
    };
    for sheet in 1..=3 {
        let xml = part(&format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains(
                r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
            ),
            "sheet {sheet}"
        );
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "sheet {sheet}: filter on the header"
        );
        assert!(
            xml.contains("customWidth=\"1\""),
            "sheet {sheet}: column widths"
        );
    }
    assert!(part("xl/styles.xml").contains(r#"formatCode="0.00""#));
}
