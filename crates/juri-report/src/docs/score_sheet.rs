//! Lembar penilaian: a juror's filled sheet for one entry, one section per sheet.

use super::common::{self, Signature, BODY, BODY_BOLD, NOTE, SMALL, SMALL_BOLD, SUBTITLE};
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{
    Align, Cell, Column, Composer, Label, Orientation, Paper, Row, Style, Table, MM,
};
use crate::model::{ScoreSheet, ScoreSheets, ScoreSource};
use crate::words;

const TOTAL_SHADE: f32 = 0.93;

pub(crate) fn render(doc: &ScoreSheets, lang: Lang, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    for sheet in &doc.sheets {
        sheet_pages(&mut c, doc, sheet);
    }
    let title = format!("{} — {}", lang.labels().sheet_title, doc.competition);
    c.finish(&title, doc.date)
}

fn sheet_pages(c: &mut Composer, doc: &ScoreSheets, sheet: &ScoreSheet) {
    let lang = c.lang;
    let l = lang.labels();
    let footer = Label::new(l.sheet_title)
        .optional(sheet.stage.as_str())
        .part(sheet.entry.code.as_str())
        .part(sheet.juror.name.as_str());
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    common::title_block(
        c,
        l.sheet_title,
        &[(&doc.competition, SUBTITLE), (&sheet.stage, BODY)],
    );

    let submitted = match sheet.submitted_at {
        Some(at) => words::date_time(at, &doc.time_zone, lang),
        None => l.not_submitted.to_string(),
    };
    let mut rows = vec![
        (l.entry_code, sheet.entry.code.clone()),
        (l.entry_title, sheet.entry.title.clone()),
    ];
    if let Some(institution) = &sheet.entry.institution {
        rows.push((l.institution, institution.clone()));
    }
    if let Some(category) = &sheet.entry.category {
        rows.push((l.category, category.clone()));
    }
    rows.push((l.juror, juror_line(&sheet.juror.code, &sheet.juror.name)));
    rows.push((l.submitted_at, submitted));
    common::fields(c, &rows, BODY_BOLD);
    c.advance(3.0 * MM);

    criteria_table(c, sheet).draw(c);
    if let Some(note) = sheet
        .scoring_note
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        c.advance(1.5 * MM);
        for line in note.lines() {
            c.paragraph(NOTE, line, 0.0, Align::Left);
        }
    }

    let signature = Signature {
        heading: vec![
            common::place_date(&doc.place, doc.date, lang),
            l.juror_signature.to_string(),
        ],
        name: Some(&sheet.juror.name),
        id_number: None,
    };
    let height = signature.height();
    // The general note and the declaration go to the next page with the signature rather
    // than leave it alone.
    let tail = |c: &mut Composer| {
        if let Some(note) = sheet.note.as_deref().filter(|n| !n.trim().is_empty()) {
            c.advance(3.0 * MM);
            c.ensure(BODY.leading() * 2.0);
            c.paragraph(BODY_BOLD, &format!("{}:", l.general_note), 0.0, Align::Left);
            c.paragraph(BODY, note, 0.0, Align::Left);
        }
        photos(c, sheet);
        if !c.at_page_start() {
            c.advance(4.0 * MM);
        }
        c.paragraph(SMALL, l.declaration, 0.0, Align::Left);
        c.advance(5.0 * MM);
    };
    c.keep_with_end(tail, height, |c| signature_and_source(c, sheet, &signature));
}

/// The photos on the juror's note: thumbnails four to a row, each with its caption under it.
fn photos(c: &mut Composer, sheet: &ScoreSheet) {
    let pictures: Vec<_> = sheet
        .photos
        .iter()
        .filter_map(|p| {
            crate::layout::image::decode(&p.jpeg)
                .ok()
                .map(|picture| (picture, &p.caption))
        })
        .collect();
    if pictures.is_empty() {
        return;
    }
    let l = c.lang.labels();
    const PER_ROW: usize = 4;
    let gap = 3.0 * MM;
    let width = (c.width() - gap * (PER_ROW as f32 - 1.0)) / PER_ROW as f32;
    c.advance(3.0 * MM);
    c.ensure(BODY.leading() + width);
    c.paragraph(
        BODY_BOLD,
        &format!("{} ({}):", l.field_photos, pictures.len()),
        0.0,
        Align::Left,
    );
    c.advance(1.0 * MM);
    let mut row = Vec::new();
    let mut rows = Vec::new();
    for item in pictures {
        row.push(item);
        if row.len() == PER_ROW {
            rows.push(std::mem::take(&mut row));
        }
    }
    if !row.is_empty() {
        rows.push(row);
    }
    for row in rows {
        // Every picture fits a square box of `width`, its shape kept.
        let boxes: Vec<(f32, f32)> = row
            .iter()
            .map(|(p, _)| {
                let (w, h) = (p.info.width as f32, p.info.height as f32);
                let scale = width / w.max(h);
                (w * scale, h * scale)
            })
            .collect();
        let tallest = boxes.iter().map(|b| b.1).fold(0.0, f32::max);
        let height = tallest + 1.0 * MM + 2.0 * NOTE.leading();
        c.ensure(height);
        let top = c.y();
        for (i, ((picture, caption), (w, h))) in row.into_iter().zip(boxes).enumerate() {
            let x = c.left() + i as f32 * (width + gap);
            let index = c.add_picture(picture);
            c.image(index, x, top + (tallest - h), w, h);
            for (k, line) in c
                .fonts
                .wrap(NOTE, caption, width)
                .into_iter()
                .take(2)
                .enumerate()
            {
                c.text(
                    x,
                    top + tallest + 1.0 * MM + k as f32 * NOTE.leading(),
                    NOTE,
                    &line,
                );
            }
        }
        c.advance(height + 2.0 * MM);
    }
}

/// The juror's signature on the right, where the scores came from on the left.
fn signature_and_source(c: &mut Composer, sheet: &ScoreSheet, signature: &Signature<'_>) {
    let l = c.lang.labels();
    let height = signature.height();
    c.ensure(height);
    let top = c.y();
    let source = match &sheet.source {
        ScoreSource::Paper => vec![l.paper_source.to_string()],
        ScoreSource::Bundle { fingerprint } => vec![format!("{}: {fingerprint}", l.fingerprint)],
        ScoreSource::Draft { last_bundle: None } => {
            vec![l.draft_source.to_string(), l.draft_not_exported.to_string()]
        }
        ScoreSource::Draft {
            last_bundle: Some(fingerprint),
        } => vec![
            l.draft_source.to_string(),
            format!("{} {fingerprint}", l.draft_changed),
        ],
    };
    for (i, line) in source.iter().enumerate() {
        let line = c.fonts.fit(NOTE, line, c.width() * 0.5);
        c.text(
            c.left(),
            top + height - 2.0 * BODY.leading() + i as f32 * NOTE.leading(),
            NOTE,
            &line,
        );
    }
    let width = c.width() * 0.45;
    signature.draw(c, c.right() - width, width, top);
    c.advance(height);
}

pub(crate) fn juror_line(code: &str, name: &str) -> String {
    if code.trim().is_empty() {
        name.to_string()
    } else {
        format!("{name} ({code})")
    }
}

fn criteria_table(c: &Composer, sheet: &ScoreSheet) -> Table {
    let lang = c.lang;
    let l = lang.labels();
    let w = c.width();
    let mm = |v: f32| v * MM;
    let fixed = mm(9.0) + mm(17.0) + mm(14.0) + mm(14.0) + mm(18.0);
    let rest = w - fixed;
    let columns = vec![
        Column {
            width: mm(9.0),
            align: Align::Center,
        },
        Column {
            width: rest * 0.52,
            align: Align::Left,
        },
        Column {
            width: mm(17.0),
            align: Align::Center,
        },
        Column {
            width: mm(14.0),
            align: Align::Right,
        },
        Column {
            width: mm(14.0),
            align: Align::Right,
        },
        Column {
            width: mm(18.0),
            align: Align::Right,
        },
        Column {
            width: rest * 0.48,
            align: Align::Left,
        },
    ];
    let head = |text: &str| Cell::new(text, SMALL_BOLD).align(Align::Center);
    let header = Row::new(vec![
        head(l.no),
        head(l.criterion),
        head(l.scale),
        head(l.score),
        head(l.weight),
        head(l.weighted),
        head(l.comment),
    ]);
    let mut table = Table::new(columns, vec![header]);
    let dash = l.not_scored;
    let show =
        |v: &Option<crate::Decimal>| v.as_ref().map_or(dash.to_string(), |d| d.display(lang));
    for (i, k) in sheet.criteria.iter().enumerate() {
        table.rows.push(Row::new(vec![
            Cell::new((i + 1).to_string(), SMALL),
            Cell::new(k.name.as_str(), SMALL),
            Cell::new(k.scale.display(lang), SMALL),
            Cell::new(show(&k.score), SMALL_BOLD),
            Cell::new(k.weight.display(lang), SMALL),
            Cell::new(show(&k.weighted), SMALL),
            Cell::new(k.comment.clone().unwrap_or_default(), SMALL),
        ]));
    }
    let total_style = Style::bold(9.0);
    table.rows.push(
        Row::new(vec![
            Cell::new(l.total, total_style).span(5).align(Align::Right),
            Cell::new(show(&sheet.total), total_style),
            Cell::new("", SMALL),
        ])
        .shaded(TOTAL_SHADE),
    );
    table
}
