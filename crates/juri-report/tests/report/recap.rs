//! The recap's juror list, and a final's recap: the category of each entry, every stage it combines with its weight over its
//! scores, the final score and the award tier with the place within it; its legend says that ✓
//! is an award, and the same columns reach the XLSX sheet and the CSV file.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use juri_report::{export_csv, export_xlsx, render_pdf, Document, Lang, RecapTable};

use crate::generated;
use crate::support::Pdf;

fn final_recap() -> RecapTable {
    generated::final_recap(30)
}

#[test]
fn the_pdf_prints_components_with_their_weights_and_tiers_numbered_within() {
    let recap = final_recap();
    for lang in [Lang::Id, Lang::En] {
        let pdf = Pdf::new(&render_pdf(&Document::Recap(vec![recap.clone()]), lang).unwrap());
        let text = pdf.text();
        let (category, award, awarded, advances) = match lang {
            Lang::Id => (
                "Kategori",
                "Penghargaan",
                "✓ menerima penghargaan",
                "lolos ke tahap berikutnya",
            ),
            Lang::En => (
                "Category",
                "Award",
                "✓ receives an award",
                "advances to the next stage",
            ),
        };
        for expected in [
            category,
            award,
            awarded,
            "Penilaian Proposal",
            "Presentasi dan Wawancara",
        ] {
            assert!(text.contains(expected), "{lang}: {expected:?} in {text}");
        }
        assert!(
            !text.contains(advances),
            "{lang}: a final's ✓ is no advancement"
        );
        let (seventy, thirty) = ("(70 %)", "(30 %)");
        assert!(text.contains(seventy) && text.contains(thirty), "{text}");
        // No juror columns: neither the legend of juror cells nor an aggregation method.
        for absent in ["R juri", "R juror", "Metode agregasi", "Aggregation method"] {
            assert!(!text.contains(absent), "{lang}: {absent:?}");
        }
        // Each row as laid out: code, category, both components, final score, tier, place.
        let lines: Vec<String> = (1..=pdf.page_count())
            .flat_map(|p| pdf.page_lines(p))
            .collect();
        for row in &recap.rows {
            let line = lines
                .iter()
                .find(|l| l.contains(&format!(" {} ", row.entry.code)))
                .unwrap_or_else(|| panic!("{lang}: no line for {}", row.entry.code));
            let mut expected: Vec<String> = row
                .components
                .iter()
                .map(|c| c.as_ref().map_or("–".into(), |d| d.display(lang)))
                .collect();
            expected.push(
                row.aggregate
                    .as_ref()
                    .map_or("–".into(), |d| d.display(lang)),
            );
            if let Some(award) = &row.award {
                expected.push(award.name.clone());
                expected.push(award.place.unwrap().to_string());
                expected.push("✓".into());
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            let cells = line.split("  ").map(str::trim).filter(|c| !c.is_empty());
            let cells: Vec<&str> = cells.collect();
            let at = cells
                .iter()
                .position(|c| *c == expected[0])
                .unwrap_or_else(|| panic!("{lang}: {line:?} lacks {:?}", expected[0]));
            assert_eq!(cells[at..], expected, "{lang}: {line:?} ({words:?})");
        }
    }
}

#[test]
fn the_xlsx_sheet_holds_category_components_score_tier_and_place() {
    let recap = final_recap();
    let bytes = export_xlsx(std::slice::from_ref(&recap), Lang::Id).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let header: Vec<String> = (0..range.width())
        .map(|c| range.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
        .take_while(|s| !s.is_empty())
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
    for (i, row) in recap.rows.iter().enumerate() {
        let cell = |c: usize| range.get((i + 1, c)).cloned().unwrap_or(Data::Empty);
        assert_eq!(
            cell(5),
            Data::String(row.entry.category.clone().unwrap()),
            "row {i}"
        );
        for (k, score) in row.components.iter().enumerate() {
            match score {
                Some(d) => assert_eq!(cell(6 + k), Data::Float(d.to_f64()), "row {i}"),
                None => assert_eq!(cell(6 + k), Data::String("–".into()), "row {i}"),
            }
        }
        match &row.aggregate {
            Some(a) => assert_eq!(cell(8), Data::Float(a.to_f64())),
            None => assert_eq!(cell(8), Data::Empty),
        }
        match &row.award {
            Some(award) => {
                assert_eq!(cell(9), Data::String(award.name.clone()));
                assert_eq!(cell(10), Data::Float(f64::from(award.place.unwrap())));
            }
            None => assert_eq!((cell(9), cell(10)), (Data::Empty, Data::Empty)),
        }
    }
    // A final aggregates no juror totals: no method is stated under its table.
    let texts: Vec<String> = range.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(!texts.iter().any(|t| t == "Metode agregasi"), "{texts:?}");
}

#[test]
fn the_csv_holds_category_components_tier_and_place() {
    let recap = final_recap();
    let bytes = export_csv(std::slice::from_ref(&recap)).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header[11..],
        [
            "entry_category",
            "award",
            "award_place",
            "Penilaian Proposal (70 %)",
            "Presentasi dan Wawancara (30 %)",
        ]
    );
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (row, rec) in recap.rows.iter().zip(reader.records().map(Result::unwrap)) {
        assert_eq!(
            &rec[column("entry_category")],
            row.entry.category.as_deref().unwrap()
        );
        // A final aggregates no juror totals: no method.
        assert_eq!(&rec[column("method")], "");
        let plain =
            |d: &Option<juri_report::Decimal>| d.as_ref().map_or(String::new(), |d| d.as_plain());
        assert_eq!(
            &rec[column("Penilaian Proposal (70 %)")],
            plain(&row.components[0])
        );
        assert_eq!(
            &rec[column("Presentasi dan Wawancara (30 %)")],
            plain(&row.components[1])
        );
        assert_eq!(
            &rec[column("award")],
            row.award.as_ref().map_or("", |a| a.name.as_str())
        );
        assert_eq!(
            &rec[column("award_place")],
            row.award
                .as_ref()
                .map_or(String::new(), |a| a.place.unwrap().to_string())
        );
    }
}

#[test]
fn a_component_score_per_component_is_required() {
    let mut recap = final_recap();
    recap.rows[2].components.pop();
    let err = render_pdf(&Document::Recap(vec![recap]), Lang::Id).unwrap_err();
    assert!(err.to_string().contains("rows[2].components"), "{err}");
}

#[test]
fn a_juror_list_ending_in_a_degree_ends_with_one_full_stop() {
    let mut recap = generated::recap(4, 2);
    recap.jurors[1].name = "Theresia Kase, S.H.".into();
    for lang in [Lang::Id, Lang::En] {
        let text =
            Pdf::new(&render_pdf(&Document::Recap(vec![recap.clone()]), lang).unwrap()).text();
        assert!(text.contains("J2 = Theresia Kase, S.H. "), "{lang}: {text}");
        assert!(!text.contains("S.H.."), "{lang}: {text}");
    }
    recap.jurors[1].name = "Theresia Kase".into();
    let text = Pdf::new(&render_pdf(&Document::Recap(vec![recap]), Lang::En).unwrap()).text();
    assert!(text.contains("J2 = Theresia Kase. "), "{text}");
}
