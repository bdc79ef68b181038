//! Lembar penilaian kosong: a sheet to fill in by hand, one section per entry.

use chrono::NaiveDate;

use super::common::{self, Signature, BODY, BODY_BOLD, NOTE, SMALL, SMALL_BOLD, SUBTITLE};
use super::score_sheet::juror_line;
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{
    Align, Cell, Column, Composer, Label, Orientation, Paper, Row, Style, Table, MM,
};
use crate::model::{BlankSheets, EntryInfo};

/// How densely a sheet is set. A sheet is tried at each density in turn and printed at the
/// first that fits one page, so every shipped rubric gives one page per entry.
struct Density {
    /// Style of the level descriptors.
    level: Style,
    /// Whether the descriptors get a "Deskripsi tingkat:" line of their own.
    level_heading: bool,
    /// Style of a criterion's description.
    description: Style,
    /// Room to write a score in by hand.
    row_min: f32,
    writing_line: f32,
    min_comment_lines: f32,
}

const DENSITIES: [Density; 3] = [
    Density {
        level: Style::regular(7.5),
        level_heading: true,
        description: SMALL,
        row_min: 12.0 * MM,
        writing_line: 8.0 * MM,
        min_comment_lines: 3.0,
    },
    Density {
        level: Style::regular(7.0),
        level_heading: false,
        description: Style::regular(7.5),
        row_min: 10.0 * MM,
        writing_line: 7.0 * MM,
        min_comment_lines: 3.0,
    },
    Density {
        level: Style::regular(6.5),
        level_heading: false,
        description: Style::regular(7.0),
        row_min: 9.0 * MM,
        writing_line: 6.5 * MM,
        min_comment_lines: 2.0,
    },
];

pub(crate) fn render(doc: &BlankSheets, lang: Lang, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
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
    let footer = Label::new(l.sheet_title)
        .optional(doc.stage.as_str())
        .part(entry.code.as_str());
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    let start = c.mark();
    for (k, density) in DENSITIES.iter().enumerate() {
        if k > 0 {
            c.rewind(start);
        }
        sheet(c, doc, entry, density);
        if c.page_count() == start.page_count() {
            break;
        }
    }
}

fn sheet(c: &mut Composer, doc: &BlankSheets, entry: &EntryInfo, density: &Density) {
    let l = c.lang.labels();
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
    let lines = ((signature.height() - BODY.leading()) / density.writing_line)
        .ceil()
        .max(density.min_comment_lines);
    let band = (BODY.leading() + lines * density.writing_line).max(signature.height());
    let note: Vec<&str> = doc
        .scoring_note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .map(|n| n.lines().collect())
        .unwrap_or_default();
    let note_height = if note.is_empty() {
        0.0
    } else {
        let width = c.width();
        1.5 * MM
            + note
                .iter()
                .map(|line| c.fonts.wrap(NOTE, line, width).len() as f32 * NOTE.leading())
                .sum::<f32>()
    };

    // The total row goes to the next page with the formula and the signature rather than
    // leave them alone.
    let mut table = rubric_table(c, doc, density);
    table.keep_with_last = note_height + 4.0 * MM + band;
    table.draw(c);
    if !note.is_empty() {
        c.advance(1.5 * MM);
        for line in note {
            c.paragraph(NOTE, line, 0.0, Align::Left);
        }
    }

    c.advance(4.0 * MM);
    c.ensure(band);
    let top = c.y();
    let comment_width = c.width() * 0.55;
    c.text(c.left(), top, BODY_BOLD, &format!("{}:", l.comment));
    for k in 1..=lines as usize {
        let y = top + BODY.leading() + k as f32 * density.writing_line;
        c.line(c.left(), y, c.left() + comment_width, y, 0.4, 0.55);
    }
    let signature_width = c.width() * 0.40;
    signature.draw(c, c.right() - signature_width, signature_width, top);
    c.advance(band);
}

fn rubric_table(c: &Composer, doc: &BlankSheets, density: &Density) -> Table {
    let lang = c.lang;
    let l = lang.labels();
    let mm = |v: f32| v * MM;
    let fixed = mm(8.0) + mm(13.0) + mm(16.0) + mm(20.0) + mm(20.0);
    let columns = vec![
        Column {
            width: mm(8.0),
            align: Align::Center,
        },
        Column {
            width: c.width() - fixed,
            align: Align::Left,
        },
        Column {
            width: mm(13.0),
            align: Align::Center,
        },
        Column {
            width: mm(16.0),
            align: Align::Center,
        },
        Column {
            width: mm(20.0),
            align: Align::Center,
        },
        Column {
            width: mm(20.0),
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
    let level_style = density.level;
    for (i, k) in doc.criteria.iter().enumerate() {
        let mut criterion = Cell::new(k.name.as_str(), SMALL_BOLD).then(
            k.description.clone().unwrap_or_default(),
            density.description,
        );
        if !k.levels.is_empty() && density.level_heading {
            criterion = criterion.then(format!("{}:", l.levels), Style::regular(7.5).muted());
        }
        for level in &k.levels {
            criterion = criterion.then(
                format!("{} — {}", level.value, level.description),
                level_style,
            );
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
            .min_height(density.row_min),
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
