//! One worksheet per recap, for the secretariat's own calculations and archives.

use chrono::Datelike;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::error::{Checker, ReportError};
use crate::i18n::Lang;
use crate::model::{component_weight, ItemCheck, JurorScore, RecapTable, ScreeningTable};

/// Excel's limit on sheet names.
const SHEET_NAME_MAX: usize = 31;

/// All `recaps` as an XLSX workbook with labels in `lang`.
///
/// Each recap becomes a sheet named after its stage and category (at most 31 characters,
/// unique; see [`sheet_name`]): a header row (frozen, with a filter) and one row per entry with
/// rank, tie flag, code, title, institution, the category (on a recap across categories), each
/// juror's total, a final's component stages ("Penilaian Proposal (70 %)"), the final score, then
/// the award tier and the place within it (a final) or the advancement flag, and the disagreement
/// flag. Scores are numbers shown with two decimals; a recused juror's cell holds `R`, a missing
/// score `–`. Below the table: method (not for a final, which aggregates no juror totals),
/// agreement statistics and the juror names.
pub fn export_xlsx(recaps: &[RecapTable], lang: Lang) -> Result<Vec<u8>, ReportError> {
    export_workbook(&[], recaps, lang)
}

/// The recap workbook of a competition: first one sheet per screening stage (see
/// [`fill_screening`]), then the recaps as [`export_xlsx`] writes them.
pub fn export_workbook(
    screenings: &[ScreeningTable],
    recaps: &[RecapTable],
    lang: Lang,
) -> Result<Vec<u8>, ReportError> {
    let mut c = Checker::default();
    c.check(
        !recaps.is_empty() || !screenings.is_empty(),
        "recaps",
        rust_i18n::t!("report.no_recap_to_export"),
    );
    for (i, r) in recaps.iter().enumerate() {
        r.check(&mut c, &format!("recaps[{i}]."));
    }
    c.finish()?;
    write(screenings, recaps, lang).map_err(|e| ReportError::Spreadsheet(e.to_string()))
}

fn write(
    screenings: &[ScreeningTable],
    recaps: &[RecapTable],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let l = lang.labels();
    // Stamp the file with the recap date, never with the clock.
    let date = recaps
        .iter()
        .map(|r| r.date)
        .chain(screenings.iter().map(|s| s.date))
        .max()
        .unwrap_or_default();
    let competition = recaps
        .first()
        .map(|r| r.competition.as_str())
        .or(screenings.first().map(|s| s.competition.as_str()))
        .unwrap_or_default();
    let created =
        ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(l.recap_title)
            .set_subject(competition)
            .set_creation_datetime(&created),
    );
    let mut names: Vec<String> = Vec::new();
    for screening in screenings {
        let name = sheet_name(&screening.stage, None, false, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        fill_screening(sheet, screening, lang)?;
    }
    for recap in recaps {
        // A stage is shortened on all its sheets or on none, so its sheets read alike.
        let shorten = recaps
            .iter()
            .filter(|r| r.stage == recap.stage)
            .any(|r| !fits_whole(&r.stage, r.category.as_deref()));
        let name = sheet_name(&recap.stage, recap.category.as_deref(), shorten, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(name)?;
        fill(sheet, recap, lang)?;
    }
    workbook.save_to_buffer()
}

fn fill(sheet: &mut Worksheet, recap: &RecapTable, lang: Lang) -> Result<(), XlsxError> {
    let l = lang.labels();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDE4EE")
        .set_border_bottom(FormatBorder::Thin);
    let number = Format::new().set_num_format("0.00");
    let bold_number = Format::new().set_num_format("0.00").set_bold();
    let bold = Format::new().set_bold();

    // A recap across categories adds the category; a final's, the stages it combines with their
    // weights, and the award tier with the place within it instead of the advancement flag.
    let category = recap.shows_category();
    let mut header: Vec<String> = vec![
        l.rank.into(),
        l.tie.into(),
        l.code.into(),
        l.entry_title.into(),
        l.institution.into(),
    ];
    if category {
        header.push(l.category.into());
    }
    let first_juror = header.len() as u16;
    header.extend(recap.jurors.iter().map(|j| j.code.clone()));
    let first_component = header.len() as u16;
    header.extend(
        recap
            .components
            .iter()
            .map(|k| format!("{} {}", k.name, component_weight(&k.weight, lang))),
    );
    let aggregate = header.len() as u16;
    header.push(l.aggregate.into());
    if recap.awards {
        header.extend([l.award.into(), l.award_place.into()]);
    } else {
        header.push(l.advances.into());
    }
    header.push(l.disagreement.into());
    for (col, text) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, text, &head)?;
    }

    for (i, row) in recap.rows.iter().enumerate() {
        let r = (i + 1) as u32;
        if let Some(rank) = row.rank {
            sheet.write_number(r, 0, f64::from(rank))?;
        }
        sheet.write_boolean(r, 1, row.tied)?;
        sheet.write_string(r, 2, &row.entry.code)?;
        sheet.write_string(r, 3, &row.entry.title)?;
        sheet.write_string(r, 4, row.entry.institution.as_deref().unwrap_or(""))?;
        if category {
            sheet.write_string(r, 5, row.entry.category.as_deref().unwrap_or(""))?;
        }
        for (k, score) in row.scores.iter().enumerate() {
            let col = first_juror + k as u16;
            match score {
                JurorScore::Score(d) => {
                    sheet.write_number_with_format(r, col, d.to_f64(), &number)?;
                }
                JurorScore::Recused => {
                    sheet.write_string(r, col, "R")?;
                }
                JurorScore::NotScored => {
                    sheet.write_string(r, col, l.not_scored)?;
                }
                JurorScore::NotAssigned => {}
            }
        }
        for (k, score) in row.components.iter().enumerate() {
            let col = first_component + k as u16;
            match score {
                Some(d) => sheet.write_number_with_format(r, col, d.to_f64(), &number)?,
                None => sheet.write_string(r, col, l.not_scored)?,
            };
        }
        if let Some(a) = &row.aggregate {
            sheet.write_number_with_format(r, aggregate, a.to_f64(), &bold_number)?;
        }
        let mut col = aggregate + 1;
        if recap.awards {
            if let Some(award) = &row.award {
                sheet.write_string(r, col, &award.name)?;
                if let Some(place) = award.place {
                    sheet.write_number(r, col + 1, f64::from(place))?;
                }
            }
            col += 2;
        } else {
            sheet.write_boolean(r, col, row.advances)?;
            col += 1;
        }
        sheet.write_boolean(r, col, row.disagreement)?;
    }

    let last_row = recap.rows.len() as u32;
    let last_col = header.len() as u16 - 1;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last_row.max(1), last_col)?;
    sheet.set_row_height(0, 30)?;
    let widest_title = recap
        .rows
        .iter()
        .map(|r| r.entry.title.chars().count())
        .max()
        .unwrap_or(0);
    let widest_institution = recap
        .rows
        .iter()
        .map(|r| {
            r.entry
                .institution
                .as_ref()
                .map_or(0, |s| s.chars().count())
        })
        .max()
        .unwrap_or(0);
    let widest_code = recap
        .rows
        .iter()
        .map(|r| r.entry.code.chars().count())
        .max()
        .unwrap_or(0);
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(1, 7)?;
    sheet.set_column_width(2, (widest_code as f64 + 2.0).clamp(8.0, 20.0))?;
    sheet.set_column_width(3, (widest_title as f64 * 0.9).clamp(20.0, 60.0))?;
    sheet.set_column_width(4, (widest_institution as f64 * 0.9).clamp(14.0, 40.0))?;
    if category {
        let widest = recap
            .rows
            .iter()
            .map(|r| r.entry.category.as_ref().map_or(0, |s| s.chars().count()))
            .max()
            .unwrap_or(0);
        sheet.set_column_width(5, (widest as f64 * 0.9).clamp(12.0, 36.0))?;
    }
    for k in 0..recap.jurors.len() as u16 {
        sheet.set_column_width(first_juror + k, 9)?;
    }
    for k in 0..recap.components.len() as u16 {
        sheet.set_column_width(first_component + k, 14)?;
    }
    sheet.set_column_width(aggregate, 12)?;
    if recap.awards {
        let widest = recap
            .rows
            .iter()
            .filter_map(|r| r.award.as_ref())
            .map(|a| a.name.chars().count())
            .max()
            .unwrap_or(0);
        sheet.set_column_width(aggregate + 1, (widest as f64 * 0.9).clamp(14.0, 40.0))?;
        sheet.set_column_width(aggregate + 2, 9)?;
        sheet.set_column_width(aggregate + 3, 12)?;
    } else {
        sheet.set_column_width(aggregate + 1, 9)?;
        sheet.set_column_width(aggregate + 2, 12)?;
    }

    // Context under the table.
    let mut r = last_row + 2;
    let mut info: Vec<(&str, String)> = vec![
        (l.competition, recap.competition.clone()),
        (l.stage, recap.stage.clone()),
        (l.category, recap.category.clone().unwrap_or_default()),
    ];
    // A final aggregates no juror totals: its score is the weighted sum of its components.
    if recap.components.is_empty() {
        info.push((l.method, recap.method.describe(lang)));
    }
    for (label, value) in info {
        sheet.write_string_with_format(r, 2, label, &bold)?;
        sheet.write_string(r, 3, value)?;
        r += 1;
    }
    for (label, value) in [
        (l.alpha, &recap.krippendorff_alpha),
        (l.kendall_w, &recap.kendall_w),
    ] {
        sheet.write_string_with_format(r, 2, label, &bold)?;
        match value {
            Some(v) => sheet.write_number_with_format(
                r,
                3,
                v.to_f64(),
                &Format::new().set_num_format("0.000"),
            )?,
            None => sheet.write_string(r, 3, l.not_computable)?,
        };
        r += 1;
    }
    r += 1;
    sheet.write_string_with_format(r, 2, l.jurors, &bold)?;
    for j in &recap.jurors {
        sheet.write_string(r, 3, format!("{} = {}", j.code, j.name))?;
        r += 1;
    }
    Ok(())
}

/// A screening stage's sheet: a header row (frozen, with a filter) and one row per entry with
/// code, title, institution, category, one column per checklist item (headed by its id: ✓ met,
/// – not met, n/a or t.b. when it does not apply, empty when not recorded), the result and the
/// reasons; below it the items' labels and the legend.
fn fill_screening(
    sheet: &mut Worksheet,
    screening: &ScreeningTable,
    lang: Lang,
) -> Result<(), XlsxError> {
    let l = lang.labels();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color("#DDE4EE")
        .set_border_bottom(FormatBorder::Thin);
    let bold = Format::new().set_bold();
    let centre = Format::new().set_align(FormatAlign::Center);
    let sc = &screening.results;
    let mut header: Vec<&str> = vec![l.code, l.entry_title, l.institution, l.category];
    header.extend(sc.items.iter().map(|i| i.id.as_str()));
    header.extend([l.result, l.reason]);
    for (col, text) in header.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *text, &head)?;
    }
    let first_item = 4u16;
    let after_items = first_item + sc.items.len() as u16;
    let mut r = 0u32;
    for group in &sc.groups {
        for e in &group.entries {
            r += 1;
            sheet.write_string(r, 0, &e.entry.code)?;
            sheet.write_string(r, 1, &e.entry.title)?;
            sheet.write_string(r, 2, e.entry.institution.as_deref().unwrap_or(""))?;
            sheet.write_string(r, 3, &group.title)?;
            for (k, check) in e.checks.iter().enumerate() {
                let mark = match check {
                    ItemCheck::Met => l.check_met,
                    ItemCheck::NotMet => l.check_not_met,
                    ItemCheck::NotApplicable => l.check_not_applicable,
                    ItemCheck::NotRecorded => continue,
                };
                sheet.write_string_with_format(r, first_item + k as u16, mark, &centre)?;
            }
            let result = match e.passed {
                Some(true) => l.screening_passed,
                Some(false) => l.screening_failed,
                None => l.screening_pending,
            };
            sheet.write_string(r, after_items, result)?;
            sheet.write_string(r, after_items + 1, e.reasons.join("; "))?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, r.max(1), after_items + 1)?;
    sheet.set_row_height(0, 30)?;
    sheet.set_column_width(0, 10)?;
    sheet.set_column_width(1, 40)?;
    sheet.set_column_width(2, 30)?;
    sheet.set_column_width(3, 24)?;
    for k in 0..sc.items.len() as u16 {
        sheet.set_column_width(first_item + k, 11)?;
    }
    sheet.set_column_width(after_items, 12)?;
    sheet.set_column_width(after_items + 1, 36)?;

    // Context under the table.
    let mut r = r + 2;
    for (label, value) in [
        (l.competition, screening.competition.as_str()),
        (l.stage, screening.stage.as_str()),
    ] {
        sheet.write_string_with_format(r, 0, label, &bold)?;
        sheet.write_string(r, 1, value)?;
        r += 1;
    }
    r += 1;
    sheet.write_string_with_format(r, 0, l.checklist_heading, &bold)?;
    for item in &sc.items {
        sheet.write_string(r, 1, format!("{} = {}", item.id, item.label))?;
        r += 1;
    }
    sheet.write_string(r, 1, l.checklist_legend)?;
    Ok(())
}

/// Whether "stage — category" fits in a sheet name as it is.
fn fits_whole(stage: &str, category: Option<&str>) -> bool {
    let category = category.map(clean).unwrap_or_default();
    clean(stage).chars().count() + category.chars().count() + 3 <= SHEET_NAME_MAX
}

/// A valid, unique sheet name for a recap of `stage` and `category`, within Excel's 31
/// characters: "Penilaian Proposal — Sekolah" when it fits and `shorten` is false; otherwise
/// the stage by its initials ("PP — Perangkat Daerah Provinsi"), then the leading words of the category by theirs too
/// ("PP — PD Kabupaten-Kota"): the category, which tells the sheets of one stage apart, is
/// kept whole as long as possible. Forbidden characters are replaced, a name is never blank,
/// and a name already taken (ignoring case, Excel's rule) gets a " (2)" style suffix.
pub(crate) fn sheet_name(
    stage: &str,
    category: Option<&str>,
    shorten: bool,
    taken: &[String],
) -> String {
    let stage = clean(stage);
    let category = category.map(clean).filter(|c| !c.is_empty());
    let join = |stage: &str, category: &str| match (stage.is_empty(), category.is_empty()) {
        (_, true) => stage.to_string(),
        (true, false) => category.to_string(),
        (false, false) => format!("{stage} — {category}"),
    };
    let fits = |s: &str| s.chars().count() <= SHEET_NAME_MAX;
    let category = category.unwrap_or_default();
    let mut candidates = Vec::new();
    if !shorten {
        candidates.push(join(&stage, &category));
    }
    let short_stage = initials(&stage);
    let words: Vec<&str> = category.split_whitespace().collect();
    // Two initials read better than one ("PD Kabupaten-Kota", not "P Daerah Kabupaten-Kota").
    for k in std::iter::once(0)
        .chain(2..words.len())
        .chain(std::iter::once(1))
    {
        if k >= words.len().max(1) {
            continue;
        }
        let lead: String = words[..k].iter().map(|w| initials(w)).collect();
        let rest = words[k..].join(" ");
        let category = if lead.is_empty() {
            rest
        } else {
            format!("{lead} {rest}")
        };
        candidates.push(join(&short_stage, &category));
    }
    let base = candidates
        .into_iter()
        .find(|c| fits(c))
        .unwrap_or_else(|| join(&short_stage, &category));
    let base = if base.is_empty() || base.eq_ignore_ascii_case("history") {
        format!("Rekap {base}").trim().to_string()
    } else {
        base
    };
    let clip = |s: &str, max: usize| -> String {
        let clipped: String = s.chars().take(max).collect();
        clipped.trim_end().trim_end_matches('\'').to_string()
    };
    let is_taken = |name: &str| {
        taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    let mut name = clip(&base, SHEET_NAME_MAX);
    let mut n = 2;
    while is_taken(&name) {
        let suffix = format!(" ({n})");
        name = format!(
            "{}{suffix}",
            clip(&base, SHEET_NAME_MAX - suffix.chars().count())
        );
        n += 1;
    }
    name
}

/// Forbidden characters replaced, white space collapsed, no quote at either end.
fn clean(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|ch| {
            if "[]:*?/\\".contains(ch) || ch.is_control() {
                '-'
            } else {
                ch
            }
        })
        .collect();
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    cleaned.trim_matches('\'').trim().to_string()
}

/// "Penilaian Proposal" → "PP", "Presentasi dan Wawancara" → "PW", "Top 99" → "T99": the
/// first letter of each capitalised word, numbers whole; a name without either is kept.
fn initials(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.chars().all(|c| c.is_ascii_digit()) {
            out.push_str(word);
        } else if let Some(first) = word.chars().next().filter(|c| c.is_uppercase()) {
            out.push(first);
        }
    }
    if out.is_empty() {
        text.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_valid_unique_and_keep_the_category() {
        let stage = "Penilaian Proposal";
        let mut taken = Vec::new();
        for category in [
            "Perangkat Daerah Provinsi",
            "Perangkat Daerah Kabupaten/Kota",
            "UPT/UPTD",
            "Sekolah",
        ] {
            let name = sheet_name(stage, Some(category), false, &taken);
            assert!(name.chars().count() <= 31, "{name}");
            assert!(!name.contains('/'));
            taken.push(name);
        }
        assert_eq!(
            taken,
            [
                "PP — Perangkat Daerah Provinsi",
                "PP — PD Kabupaten-Kota",
                "Penilaian Proposal — UPT-UPTD",
                "Penilaian Proposal — Sekolah",
            ]
        );
        assert_eq!(
            sheet_name(
                "Presentasi dan Wawancara",
                Some("Desa/Kelurahan"),
                true,
                &[]
            ),
            "PW — Desa-Kelurahan"
        );
        assert_eq!(
            sheet_name(stage, Some("Sekolah"), true, &[]),
            "PP — Sekolah",
            "shortened like the stage's other sheets"
        );
        let taken = ["sekolah".to_string()];
        assert_eq!(sheet_name("Sekolah", None, false, &taken), "Sekolah (2)");
        let taken = ["FINAL".to_string()];
        assert_eq!(sheet_name("final", None, false, &taken), "final (2)");
        assert_eq!(sheet_name("  ", None, false, &[]), "Rekap");
        assert_eq!(sheet_name("History", None, false, &[]), "Rekap History");
        assert_eq!(sheet_name("'Final'", None, false, &[]), "Final");
    }
}
