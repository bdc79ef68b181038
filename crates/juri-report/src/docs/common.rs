//! Pieces every document shares: title block, label/value fields, place and date, signatures.

use chrono::NaiveDate;

use crate::i18n::Lang;
use crate::layout::{Align, Composer, Style, MM};
use crate::model::{Kop, PanelMember, Witness};
use crate::words;

pub(crate) const TITLE: Style = Style::bold(13.0);
pub(crate) const SUBTITLE: Style = Style::bold(10.5);
pub(crate) const BODY: Style = Style::regular(9.5);
pub(crate) const BODY_BOLD: Style = Style::bold(9.5);
pub(crate) const SMALL: Style = Style::regular(8.0);
pub(crate) const SMALL_BOLD: Style = Style::bold(8.0);
pub(crate) const NOTE: Style = Style::regular(7.5).muted();
pub(crate) const HEADING: Style = Style::bold(10.0);

const SIGNATURE_GAP: f32 = 17.0 * MM;

const KOP_LINE: Style = Style::bold(11.5);
const KOP_LAST_LINE: Style = Style::bold(13.0);
const KOP_ADDRESS: Style = Style::regular(8.0);
const LOGO_HEIGHT: f32 = 22.0 * MM;
const LOGO_MAX_WIDTH: f32 = 30.0 * MM;

/// The organiser's letterhead at the cursor: the logo on the left, the institution lines
/// (the last, the unit itself, larger) and the address centred on the page, and a double rule
/// under it all.
pub(crate) fn kop(c: &mut Composer, kop: &Kop) {
    let logo = kop
        .logo
        .as_deref()
        .and_then(|bytes| crate::layout::image::decode(bytes).ok());
    let (logo_width, logo_height) = match &logo {
        Some(p) => {
            let ratio = p.info.width as f32 / p.info.height.max(1) as f32;
            let width = (LOGO_HEIGHT * ratio).min(LOGO_MAX_WIDTH);
            (width, width / ratio)
        }
        None => (0.0, 0.0),
    };
    // The text stays centred on the page and clear of the logo.
    let reserve = if logo.is_some() {
        logo_width + 3.0 * MM
    } else {
        0.0
    };
    let x = c.left() + reserve;
    let width = c.width() - 2.0 * reserve;
    let lines: Vec<&String> = kop.lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let mut text: Vec<(String, Style)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let style = if i + 1 == lines.len() && lines.len() > 1 {
            KOP_LAST_LINE
        } else {
            KOP_LINE
        };
        for part in c.fonts.wrap(style, line.trim(), width) {
            text.push((part, style));
        }
    }
    for line in kop.address.iter().filter(|l| !l.trim().is_empty()) {
        for part in c.fonts.wrap(KOP_ADDRESS, line.trim(), width) {
            text.push((part, KOP_ADDRESS));
        }
    }
    let text_height: f32 = text.iter().map(|(_, s)| s.leading()).sum();
    let height = text_height.max(logo_height);
    c.ensure(height + 4.0 * MM);
    let top = c.y();
    if let Some(picture) = logo {
        let index = c.add_picture(picture);
        c.image(
            index,
            c.left(),
            top + (height - logo_height) / 2.0,
            logo_width,
            logo_height,
        );
    }
    let mut y = top + (height - text_height) / 2.0;
    for (line, style) in &text {
        c.text_in(x, width, y, *style, Align::Center, line);
        y += style.leading();
    }
    let rule = top + height + 1.5 * MM;
    c.line(c.left(), rule, c.right(), rule, 1.6, 0.0);
    c.line(
        c.left(),
        rule + 1.0 * MM,
        c.right(),
        rule + 1.0 * MM,
        0.5,
        0.0,
    );
    c.advance(height + 1.5 * MM + 1.0 * MM + 4.0 * MM);
}

/// Centred title lines, each wrapped; the first in `TITLE`, the others in `rest`.
pub(crate) fn title_block(c: &mut Composer, title: &str, lines: &[(&str, Style)]) {
    c.paragraph(TITLE, title, 0.0, Align::Center);
    c.advance(1.0 * MM);
    for (text, style) in lines {
        if !text.trim().is_empty() {
            c.paragraph(*style, text, 0.0, Align::Center);
        }
    }
    let y = c.y() + 2.0 * MM;
    c.line(c.left(), y, c.right(), y, 0.8, 0.0);
    c.advance(5.0 * MM);
}

/// Aligned "Label : value" lines; values wrap under themselves.
pub(crate) fn fields(c: &mut Composer, rows: &[(&str, String)], style: Style) {
    let label_style = Style {
        face: crate::layout::Face::Regular,
        ..style
    };
    let label_width = rows
        .iter()
        .map(|(label, _)| c.fonts.measure(label_style, label))
        .fold(0.0, f32::max)
        + 2.0 * MM;
    let colon = c.fonts.measure(label_style, ": ");
    for (label, value) in rows {
        let x = c.left() + label_width + colon;
        let width = c.right() - x;
        let lines = c.fonts.wrap(style, value, width);
        c.ensure(style.leading());
        let top = c.y();
        c.text(c.left(), top, label_style, label);
        c.text(c.left() + label_width, top, label_style, ":");
        for line in lines {
            c.ensure(style.leading());
            c.text(x, c.y(), style, &line);
            c.advance(style.leading());
        }
        c.advance(0.6 * MM);
    }
}

/// "Kupang, 15 Desember 2025"; the date alone when no place is given.
pub(crate) fn place_date(place: &str, date: NaiveDate, lang: Lang) -> String {
    if place.trim().is_empty() {
        return words::long_date(date, lang);
    }
    format!("{}, {}", place.trim(), words::long_date(date, lang))
}

/// What a signature block shows.
pub(crate) struct Signature<'a> {
    /// Lines above the signing space ("Kupang, 15 Desember 2025", "Juri,").
    pub heading: Vec<String>,
    /// Printed name; `None` leaves a dotted line to write it in.
    pub name: Option<&'a str>,
    pub id_number: Option<&'a str>,
}

impl<'a> Signature<'a> {
    /// "Mengetahui," and the office, above the acknowledging official's name and NIP.
    pub(crate) fn of_witness(lang: Lang, witness: &'a Witness) -> Self {
        Self {
            heading: vec![
                lang.labels().acknowledged.to_string(),
                format!("{},", witness.title.trim().trim_end_matches(',')),
            ],
            name: Some(witness.name.as_str()),
            id_number: witness.id_number.as_deref(),
        }
    }

    pub(crate) fn of_member(heading: Vec<String>, member: &'a PanelMember) -> Self {
        Self {
            heading,
            name: Some(member.name.as_str()),
            id_number: member.id_number.as_deref(),
        }
    }

    pub(crate) fn height(&self) -> f32 {
        self.heading.len() as f32 * BODY.leading() + SIGNATURE_GAP + 2.0 * BODY.leading()
    }

    /// Draw the block in the box `[x, x + width]` from `top`; centred text.
    pub(crate) fn draw(&self, c: &mut Composer, x: f32, width: f32, top: f32) {
        let mut y = top;
        for line in &self.heading {
            let line = c.fonts.fit(BODY, line, width);
            c.text_in(x, width, y, BODY, Align::Center, &line);
            y += BODY.leading();
        }
        y += SIGNATURE_GAP;
        match self.name {
            Some(name) => {
                let name = c.fonts.fit(BODY_BOLD, name, width);
                let w = c.fonts.measure(BODY_BOLD, &name);
                c.text_in(x, width, y, BODY_BOLD, Align::Center, &name);
                let underline = y + BODY_BOLD.leading() - 0.6 * MM;
                let start = x + (width - w) / 2.0;
                c.line(start, underline, start + w, underline, 0.5, 0.0);
            }
            None => {
                let line_y = y + BODY.leading() - 0.6 * MM;
                c.line(x + 6.0 * MM, line_y, x + width - 6.0 * MM, line_y, 0.5, 0.0);
            }
        }
        y += BODY.leading();
        if let Some(id) = self.id_number {
            let id = c.fonts.fit(SMALL, &format!("NIP. {id}"), width);
            c.text_in(x, width, y, SMALL, Align::Center, &id);
        }
    }
}

/// One signature block on the right half of the page, kept on one page.
pub(crate) fn signature_right(c: &mut Composer, signature: &Signature<'_>) {
    let height = signature.height();
    c.ensure(height);
    let width = c.width() * 0.45;
    let x = c.right() - width;
    let top = c.y();
    signature.draw(c, x, width, top);
    c.advance(height);
}

/// The signatures of a decided final's documents: place and date over the panel's chair on the
/// right, and the acknowledging official ("Mengetahui,") on the left when there is one; both
/// at the same height, never split.
pub(crate) struct SignaturePair<'a> {
    pub chair: Signature<'a>,
    pub witness: Option<Signature<'a>>,
}

impl<'a> SignaturePair<'a> {
    pub(crate) fn new(
        lang: Lang,
        place: &str,
        date: NaiveDate,
        chair: &'a PanelMember,
        witness: Option<&'a Witness>,
    ) -> Self {
        let mut heading = vec![
            place_date(place, date, lang),
            lang.labels().signing_chair.to_string(),
        ];
        let witness = witness.map(|w| Signature::of_witness(lang, w));
        // The two headings end on the same line, so the names sit side by side.
        if let Some(w) = &witness {
            while heading.len() < w.heading.len() {
                heading.insert(0, String::new());
            }
        }
        Self {
            chair: Signature::of_member(heading, chair),
            witness,
        }
    }

    pub(crate) fn height(&self) -> f32 {
        let w = self.witness.as_ref().map_or(0.0, Signature::height);
        self.chair.height().max(w)
    }

    /// Draw both blocks from the cursor (after making room for them) and move past them.
    pub(crate) fn draw(&self, c: &mut Composer) {
        let height = self.height();
        c.ensure(height);
        let width = c.width() * 0.45;
        let top = c.y();
        let chair_top = top + height - self.chair.height();
        self.chair.draw(c, c.right() - width, width, chair_top);
        if let Some(w) = &self.witness {
            w.draw(c, c.left(), width, top + height - w.height());
        }
        c.advance(height);
    }
}
