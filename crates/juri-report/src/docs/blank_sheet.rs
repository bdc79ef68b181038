//! Lembar penilaian kosong: a sheet to fill in by hand, one section per entry.

use chrono::NaiveDate;

use super::common::{self, Signature, BODY, BODY_BOLD, NOTE, SMALL, SMALL_BOLD, SUBTITLE};
use super::score_sheet::juror_line;
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{Align, Cell, Column, Composer, Orientation, Row, Style, Table, MM};
use crate::model::{BlankSheets, EntryInfo};

const MIN_COMMENT_LINES: f32 = 3.0;
const WRITING_LINE: f32 = 8.0 * MM;

pub(crate) fn render(doc: &BlankSheets, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang)?;
    for entry in &doc.entries {
        sheet_pages(&mut c, doc, entry);
    }
    let title = format!("{} — {}", lang.labels().blank_sheet_title, doc.competition);
    let date = NaiveDate::from_ymd_opt(doc.year, 1, 1).unwrap_or_default();
    c.finish(&title, date)
}

fn sheet_pages(c: &mut Composer, doc: &BlankSheets, entry: &EntryInfo) {
    let lang = c.lang;
    let l = lang.labels();
    let footer = format!("{} · {} · {}", l.sheet_title, doc.stage, entry.code);
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    common::title_block(
        c,
        l.sheet_title,
        &[(&doc.competition, SUBTITLE), (&doc.stage, BODY)],
    );

    let mut rows = vec![
        (l.entry_code, entry.code.clone()),
        (l.entry_title, entry.title.clone()),
    ];
    match (&entry.institution, doc.blind_review) {
        (_, true) => rows.push((l.institution, l.blind_review.to_string())),
        (Some(institution), false) => rows.push((l.institution, institution.clone())),
        (None, false) => {}
    }
    if let Some(category) = &entry.category {
        rows.push((l.category, category.clone()));
    }
    let juror = match &doc.juror {
        Some(j) => juror_line(&j.code, &j.name),
        None => "_".repeat(40),
    };
    rows.push((l.juror_name, juror));
    common::fields(c, &rows, BODY_BOLD);
    c.advance(2.0 * MM);
    c.paragraph(NOTE, l.blank_instruction, 0.0, Align::Left);
    c.advance(2.0 * MM);

    rubric_table(c, doc).draw(c);
    if let Some(note) = doc.scoring_note.as_deref().filter(|n| !n.trim().is_empty()) {
        c.advance(1.5 * MM);
        for line in note.lines() {
            c.paragraph(NOTE, line, 0.0, Align::Left);
        }
    }

    let signature = Signature {
        heading: vec![
            format!("{}, {} {}", doc.place.trim(), "_".repeat(16), doc.year),
            l.juror_signature.to_string(),
        ],
        name: doc.juror.as_ref().map(|j| j.name.as_str()),
        id_number: None,
    };

    // Bottom band, kept on one page: ruled comment lines on the left, the signature on the
    // right, as tall as each other.
    c.advance(4.0 * MM);
    let lines = ((signature.height() - BODY.leading()) / WRITING_LINE)
        .ceil()
        .max(MIN_COMMENT_LINES);
    let band = BODY.leading() + lines * WRITING_LINE;
    c.ensure(band.max(signature.height()));
    let top = c.y();
    let comment_width = c.width() * 0.55;
    c.text(c.left(), top, BODY_BOLD, &format!("{}:", l.comment));
    for k in 1..=lines as usize {
        let y = top + BODY.leading() + k as f32 * WRITING_LINE;
        c.line(c.left(), y, c.left() + comment_width, y, 0.4, 0.55);
    }
    let signature_width = c.width() * 0.40;
    signature.draw(c, c.right() - signature_width, signature_width, top);
    c.advance(band.max(signature.height()));
}

fn rubric_table(c: &Composer, doc: &BlankSheets) -> Table {
    let lang = c.lang;
    let l = lang.labels();
    let mm = |v: f32| v * MM;
    let fixed = mm(9.0) + mm(15.0) + mm(19.0) + mm(22.0) + mm(22.0);
    let columns = vec![
        Column {
            width: mm(9.0),
            align: Align::Center,
        },
        Column {
            width: c.width() - fixed,
            align: Align::Left,
        },
        Column {
            width: mm(15.0),
            align: Align::Center,
        },
        Column {
            width: mm(19.0),
            align: Align::Center,
        },
        Column {
            width: mm(22.0),
            align: Align::Center,
        },
        Column {
            width: mm(22.0),
            align: Align::Center,
        },
    ];
    let head = |text: &str| Cell::new(text, SMALL_BOLD).align(Align::Center);
    let header = Row::new(vec![
        head(l.no),
        head(l.criterion),
        head(l.weight),
        head(l.scale),
        head(l.score),
        head(l.weighted),
    ]);
    let mut table = Table::new(columns, vec![header]);
    let level_style = Style::regular(7.5);
    for (i, k) in doc.criteria.iter().enumerate() {
        let mut criterion = Cell::new(k.name.as_str(), SMALL_BOLD)
            .then(k.description.clone().unwrap_or_default(), SMALL);
        if !k.levels.is_empty() {
            criterion = criterion.then(format!("{}:", l.levels), Style::regular(7.5).muted());
            for level in &k.levels {
                criterion = criterion.then(
                    format!("{} — {}", level.value, level.description),
                    level_style,
                );
            }
        }
        table.rows.push(
            Row::new(vec![
                Cell::new((i + 1).to_string(), SMALL),
                criterion,
                Cell::new(k.weight.display(lang), SMALL),
                Cell::new(k.scale.display(lang), SMALL),
                Cell::new("", SMALL),
                Cell::new("", SMALL),
            ])
            .min_height(mm(12.0)),
        );
    }
    table.rows.push(
        Row::new(vec![
            Cell::new(l.total, Style::bold(9.0))
                .span(5)
                .align(Align::Right),
            Cell::new("", SMALL),
        ])
        .min_height(mm(11.0))
        .shaded(0.93),
    );
    table
}
