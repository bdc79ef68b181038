//! Every score cell as CSV or XLSX (one row per juror × entry × criterion), and the nominees.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use crate::decimal::Decimal;
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::model::{NomineeRecord, ScoreRecord};

/// The CSV header: machine names, the same in every language.
const CSV_HEADER: [&str; 15] = [
    "stage",
    "stage_name",
    "entry_code",
    "entry_title",
    "category",
    "juror",
    "juror_name",
    "criterion",
    "criterion_name",
    "score",
    "revision",
    "source",
    "updated_at",
    "comment",
    "counted",
];

/// Every score as one CSV file: UTF-8 with a byte-order mark, comma separated, RFC 4180 quoting,
/// `\n` line ends; the columns of [`CSV_HEADER`] in that order; a score with `.` as the decimal
/// separator and the precision it was given (empty for a cleared cell); `counted` is
/// `true`/`false`.
pub fn export_scores_csv(records: &[ScoreRecord]) -> Result<Vec<u8>, ReportError> {
    csv_file(
        &CSV_HEADER,
        records.iter().map(|r| {
            vec![
                r.stage.clone(),
                r.stage_name.clone(),
                r.entry.clone(),
                r.title.clone(),
                r.category.clone(),
                r.juror.clone(),
                r.juror_name.clone(),
                r.criterion.clone(),
                r.criterion_name.clone(),
                r.value.as_ref().map(Decimal::as_plain).unwrap_or_default(),
                r.revision.to_string(),
                r.source.clone(),
                r.updated_at.clone(),
                r.comment.clone(),
                r.counted.to_string(),
            ]
        }),
    )
}

/// One CSV file: a byte-order mark, `header`, then `rows`; comma separated, RFC 4180 quoting,
/// `\n` line ends.
fn csv_file(
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        w.write_record(header).map_err(to_error)?;
        for row in rows {
            w.write_record(&row).map_err(to_error)?;
        }
        w.flush().map_err(|e| ReportError::Csv(e.to_string()))?;
    }
    Ok(out)
}

/// A workbook with one sheet named `name` whose first row holds `columns` (bold, shaded).
fn sheet_with_header<'w>(
    workbook: &'w mut Workbook,
    name: &str,
    columns: &[&str],
) -> Result<&'w mut rust_xlsxwriter::Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDE4EE")
        .set_border_bottom(FormatBorder::Thin);
    for (col, text) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *text, &head)?;
    }
    Ok(sheet)
}

/// Every score as one XLSX sheet with headers in `lang`: a frozen header row with a filter, a
/// score as a number, a cleared cell empty.
pub fn export_scores_xlsx(records: &[ScoreRecord], lang: Lang) -> Result<Vec<u8>, ReportError> {
    write(records, lang).map_err(|e| ReportError::Spreadsheet(e.to_string()))
}

fn write(records: &[ScoreRecord], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let columns = lang.score_export_columns();
    let sheet = sheet_with_header(&mut workbook, lang.score_export_sheet(), &columns)?;
    for (i, r) in records.iter().enumerate() {
        let row = (i + 1) as u32;
        for (col, text) in [
            &r.stage_name,
            &r.entry,
            &r.title,
            &r.category,
            &r.juror,
            &r.juror_name,
            &r.criterion_name,
        ]
        .into_iter()
        .enumerate()
        {
            sheet.write_string(row, col as u16, text)?;
        }
        if let Some(v) = &r.value {
            let format = Format::new().set_num_format(number_format(v.scale()));
            sheet.write_number_with_format(row, 7, v.to_f64(), &format)?;
        }
        sheet.write_number(row, 8, r.revision as f64)?;
        sheet.write_string(row, 9, &r.source)?;
        sheet.write_string(row, 10, &r.updated_at)?;
        sheet.write_string(row, 11, &r.comment)?;
        sheet.write_boolean(row, 12, r.counted)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    if !records.is_empty() {
        sheet.autofilter(0, 0, records.len() as u32, (columns.len() - 1) as u16)?;
    }
    for (col, width) in [16, 10, 36, 16, 8, 24, 24, 8, 8, 20, 22, 30, 8]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    workbook.save_to_buffer()
}

/// `0`, `0.0`, `0.00`, … for a number given with `scale` decimals.
fn number_format(scale: usize) -> String {
    if scale == 0 {
        "0".into()
    } else {
        format!("0.{}", "0".repeat(scale))
    }
}

fn to_error(e: ::csv::Error) -> ReportError {
    ReportError::Csv(e.to_string())
}

/// The CSV header of the nominees export.
const NOMINEE_HEADER: [&str; 8] = [
    "rank",
    "award",
    "place",
    "entry_code",
    "entry_title",
    "institution",
    "category",
    "score",
];

/// The nominees as one CSV file (UTF-8 with a byte-order mark, comma separated, RFC 4180 quoting),
/// the columns of [`NOMINEE_HEADER`] in that order.
pub fn export_nominees_csv(records: &[NomineeRecord]) -> Result<Vec<u8>, ReportError> {
    csv_file(
        &NOMINEE_HEADER,
        records.iter().map(|r| {
            vec![
                r.rank.map(|n| n.to_string()).unwrap_or_default(),
                r.award.clone(),
                r.place.map(|n| n.to_string()).unwrap_or_default(),
                r.entry.clone(),
                r.title.clone(),
                r.institution.clone(),
                r.category.clone(),
                r.score.as_ref().map(Decimal::as_plain).unwrap_or_default(),
            ]
        }),
    )
}

/// The nominees as one XLSX sheet with headers in `lang`.
pub fn export_nominees_xlsx(records: &[NomineeRecord], lang: Lang) -> Result<Vec<u8>, ReportError> {
    write_nominees(records, lang).map_err(|e| ReportError::Spreadsheet(e.to_string()))
}

fn write_nominees(records: &[NomineeRecord], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let columns = lang.nominee_export_columns();
    let sheet = sheet_with_header(&mut workbook, lang.nominee_export_sheet(), &columns)?;
    for (i, r) in records.iter().enumerate() {
        let row = (i + 1) as u32;
        if let Some(rank) = r.rank {
            sheet.write_number(row, 0, f64::from(rank))?;
        }
        sheet.write_string(row, 1, &r.award)?;
        if let Some(place) = r.place {
            sheet.write_number(row, 2, f64::from(place))?;
        }
        sheet.write_string(row, 3, &r.entry)?;
        sheet.write_string(row, 4, &r.title)?;
        sheet.write_string(row, 5, &r.institution)?;
        sheet.write_string(row, 6, &r.category)?;
        if let Some(score) = &r.score {
            let format = Format::new().set_num_format(number_format(score.scale().max(2)));
            sheet.write_number_with_format(row, 7, score.to_f64(), &format)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    for (col, width) in [8, 24, 8, 12, 40, 32, 24, 10].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(value: Option<&str>) -> ScoreRecord {
        ScoreRecord {
            stage: "proposal".into(),
            stage_name: "Penilaian Proposal".into(),
            entry: "E-01".into(),
            title: "Layanan, \"keliling\"".into(),
            category: "Umum".into(),
            juror: "J1".into(),
            juror_name: "Dr. Maria".into(),
            criterion: "kebaruan".into(),
            criterion_name: "Kebaruan".into(),
            value: value.map(|v| v.parse().unwrap()),
            revision: 2,
            source: "paper".into(),
            updated_at: "2025-12-15T10:00:00+08:00".into(),
            comment: String::new(),
            counted: true,
        }
    }

    #[test]
    fn csv_rows_keep_the_precision_and_quote_what_needs_it() {
        let csv = export_scores_csv(&[record(Some("6.5")), record(None)]).unwrap();
        let text = String::from_utf8(csv[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(
            lines[1].contains(",\"Layanan, \"\"keliling\"\"\",")
                && lines[1].contains(",6.5,2,paper,"),
            "{}",
            lines[1]
        );
        assert!(lines[2].contains(",Kebaruan,,2,paper,"), "{}", lines[2]);
        assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    }

    #[test]
    fn xlsx_has_a_sheet_with_a_row_per_score() {
        let bytes = export_scores_xlsx(&[record(Some("7"))], Lang::En).unwrap();
        assert!(bytes.starts_with(b"PK"));
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(2), "0.00");
    }
}
