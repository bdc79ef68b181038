//! A top-down page composer over printpdf's operation lists.
//!
//! Positions are in points measured from the top-left corner of the page (the PDF origin is
//! bottom-left; the flip happens here and nowhere else). The composer keeps a vertical cursor,
//! starts a new page when content does not fit above the footer, repeats a running head on
//! continuation pages, and writes "Halaman n dari m" footers once the page count of each
//! section is known. A section is what a secretariat staples and signs as one document (one
//! recap per category, one sheet per entry): its pages are numbered on their own. Footers and
//! running heads are never cut: optional parts are left out, then the rest wraps. Every page's
//! graphics come first and all its text follows in one text object, so the content streams
//! stay small. The composer can return to a [`Mark`], so that a signature block never starts
//! a page alone: the lines before it are drawn again on the next page with it.

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix, XObject, XObjectId,
    XObjectTransform,
};

use super::fonts::{Face, Fonts};
use super::image::Picture;
use super::text::{Align, Ink, Style};
use crate::error::ReportError;
use crate::i18n::Lang;

/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;
const MARGIN_SIDE: f32 = 18.0 * MM;
const MARGIN_TOP: f32 = 16.0 * MM;
/// Content ends this far above the bottom edge; the footer sits below.
const MARGIN_BOTTOM: f32 = 20.0 * MM;
const FOOTER_BASELINE: f32 = 11.0 * MM;
const FOOTER_STYLE: Style = Style::regular(7.5).muted();
const RUNNING_HEAD_STYLE: Style = Style::regular(7.5).muted();

/// The paper a document is printed on: A4 (210 × 297 mm) or F4, the folio many Indonesian
/// offices print official documents on (215 × 330 mm).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    A4,
    F4,
}

impl Paper {
    pub const ALL: [Paper; 2] = [Paper::A4, Paper::F4];

    /// `a4` or `f4`.
    pub fn as_str(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::F4 => "f4",
        }
    }

    /// `a4` or `f4`, in either case.
    pub fn parse(text: &str) -> Option<Paper> {
        Paper::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// Short and long edge in points.
    pub(crate) fn edges(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0 * MM, 297.0 * MM),
            Paper::F4 => (215.0 * MM, 330.0 * MM),
        }
    }

    /// Width and height of a page in `orientation`.
    pub(crate) fn size(self, orientation: Orientation) -> (f32, f32) {
        let (short, long) = self.edges();
        match orientation {
            Orientation::Portrait => (short, long),
            Orientation::Landscape => (long, short),
        }
    }
}

/// What a footer or running head says: parts joined by " · ". When the line is too wide, the
/// optional parts are left out (left to right), then what remains wraps onto more lines —
/// a word is never cut.
#[derive(Debug, Clone, Default)]
pub(crate) struct Label {
    parts: Vec<(String, bool)>,
}

impl Label {
    pub(crate) fn new(first: impl Into<String>) -> Self {
        Self {
            parts: vec![(first.into(), false)],
        }
    }

    /// A part always printed.
    pub(crate) fn part(mut self, text: impl Into<String>) -> Self {
        self.parts.push((text.into(), false));
        self
    }

    /// `text` added to the last part, after a space ("… (lanjutan)").
    pub(crate) fn suffix(mut self, text: &str) -> Self {
        match self.parts.last_mut() {
            Some((last, _)) => {
                last.push(' ');
                last.push_str(text);
            }
            None => self.parts.push((text.to_string(), false)),
        }
        self
    }

    /// A part left out when the line would not fit.
    pub(crate) fn optional(mut self, text: impl Into<String>) -> Self {
        self.parts.push((text.into(), true));
        self
    }

    /// The parts joined, leaving out all but the last `keep_optional` optional ones.
    fn joined(&self, keep_optional: usize) -> String {
        let optional = self.parts.iter().filter(|p| p.1).count();
        let mut skip = optional.saturating_sub(keep_optional);
        self.parts
            .iter()
            .filter(|(_, is_optional)| {
                let drop = *is_optional && skip > 0;
                skip -= usize::from(drop);
                !drop
            })
            .map(|(t, _)| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The lines this label takes in `width`: the fullest one-line form that fits, else the
    /// required parts wrapped.
    pub(crate) fn lines(&self, fonts: &Fonts, style: Style, width: f32) -> Vec<String> {
        let optional = self.parts.iter().filter(|p| p.1).count();
        for keep in (0..=optional).rev() {
            let text = self.joined(keep);
            if fonts.measure(style, &text) <= width {
                return vec![text];
            }
        }
        fonts.wrap(style, &self.joined(0), width)
    }
}

impl From<String> for Label {
    fn from(text: String) -> Self {
        Label::new(text)
    }
}

/// A point of the composition to come back to (see [`Composer::rewind`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    pages: usize,
    gfx: usize,
    text: usize,
    font: Option<(Face, f32)>,
    ink: Option<Ink>,
    stroke: Option<(f32, f32)>,
    y: f32,
    page_start: f32,
}

impl Mark {
    /// Pages the document had when the mark was taken.
    pub(crate) fn page_count(&self) -> usize {
        self.pages
    }
}

/// Page orientation of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    Portrait,
    Landscape,
}

struct Section {
    footer: Label,
    running_head: Option<Label>,
    orientation: Orientation,
    first_page: usize,
}

struct Page {
    width: f32,
    height: f32,
    section: usize,
    gfx: Vec<Op>,
    text: Vec<Op>,
    font: Option<(Face, f32)>,
    ink: Option<Ink>,
    stroke: Option<(f32, f32)>,
}

/// Builds the pages of one PDF.
pub(crate) struct Composer {
    pub(crate) fonts: &'static Fonts,
    pub(crate) lang: Lang,
    pub(crate) paper: Paper,
    pages: Vec<Page>,
    sections: Vec<Section>,
    /// Pictures placed, named `Im1`, `Im2` … in the order they were added.
    pictures: Vec<XObject>,
    y: f32,
    /// Cursor position right after the page's running head: nothing has been placed yet.
    page_start: f32,
}

impl Composer {
    pub(crate) fn new(lang: Lang, paper: Paper) -> Result<Self, ReportError> {
        Ok(Self {
            fonts: Fonts::get()?,
            lang,
            paper,
            pages: Vec::new(),
            sections: Vec::new(),
            pictures: Vec::new(),
            y: MARGIN_TOP,
            page_start: MARGIN_TOP,
        })
    }

    /// Start a new section (its own page numbering) on a fresh page.
    pub(crate) fn begin_section(
        &mut self,
        footer: impl Into<Label>,
        running_head: Option<Label>,
        orientation: Orientation,
    ) {
        self.sections.push(Section {
            footer: footer.into(),
            running_head,
            orientation,
            first_page: self.pages.len(),
        });
        self.new_page();
    }

    /// Continue on a fresh page of the current section.
    pub(crate) fn new_page(&mut self) {
        let section_index = self.sections.len() - 1;
        let section = &self.sections[section_index];
        let (width, height) = self.paper.size(section.orientation);
        let continuation = self.pages.len() > section.first_page;
        let head = section.running_head.clone().filter(|_| continuation);
        self.pages.push(Page {
            width,
            height,
            section: section_index,
            gfx: Vec::new(),
            text: Vec::new(),
            font: None,
            ink: None,
            stroke: None,
        });
        self.y = MARGIN_TOP;
        if let Some(head) = head {
            let head = head.suffix(self.lang.labels().continued);
            for line in head.lines(self.fonts, RUNNING_HEAD_STYLE, self.width()) {
                self.text(self.left(), self.y, RUNNING_HEAD_STYLE, &line);
                self.y += RUNNING_HEAD_STYLE.leading();
            }
            self.y += 2.0 * MM;
        }
        self.page_start = self.y;
    }

    /// Width of the content area of a page of this paper in `orientation`.
    pub(crate) fn content_width(&self, orientation: Orientation) -> f32 {
        self.paper.size(orientation).0 - 2.0 * MARGIN_SIDE
    }

    /// Pages started so far.
    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Where the composition stands now.
    pub(crate) fn mark(&self) -> Mark {
        let page = self.page();
        Mark {
            pages: self.pages.len(),
            gfx: page.gfx.len(),
            text: page.text.len(),
            font: page.font,
            ink: page.ink,
            stroke: page.stroke,
            y: self.y,
            page_start: self.page_start,
        }
    }

    /// Undo everything placed since `mark` (pages started since are dropped). Only within the
    /// section the mark was taken in.
    pub(crate) fn rewind(&mut self, mark: Mark) {
        self.pages.truncate(mark.pages);
        let page = self.page_mut();
        page.gfx.truncate(mark.gfx);
        page.text.truncate(mark.text);
        page.font = mark.font;
        page.ink = mark.ink;
        page.stroke = mark.stroke;
        self.y = mark.y;
        self.page_start = mark.page_start;
    }

    /// Draw `tail` (the last lines of a body) and then an `end` block `end_height` tall that
    /// must not be split (a signature block), never leaving `end` alone at the top of a page:
    /// when it would be, `tail` is drawn again on a fresh page and `end` follows it there.
    pub(crate) fn keep_with_end(
        &mut self,
        tail: impl Fn(&mut Composer),
        end_height: f32,
        end: impl FnOnce(&mut Composer),
    ) {
        let mark = self.mark();
        let started_fresh = self.at_page_start();
        tail(self);
        if self.remaining() + 0.01 < end_height && !self.at_page_start() && !started_fresh {
            self.rewind(mark);
            self.new_page();
            tail(self);
        }
        self.ensure(end_height);
        end(self);
    }

    pub(crate) fn left(&self) -> f32 {
        MARGIN_SIDE
    }

    pub(crate) fn right(&self) -> f32 {
        self.page().width - MARGIN_SIDE
    }

    /// Width of the content area.
    pub(crate) fn width(&self) -> f32 {
        self.right() - self.left()
    }

    /// Lowest y content may reach.
    pub(crate) fn bottom(&self) -> f32 {
        self.page().height - MARGIN_BOTTOM
    }

    /// Height available to content on a fresh page of this section.
    pub(crate) fn fresh_page_height(&self) -> f32 {
        self.bottom() - self.page_start
    }

    pub(crate) fn y(&self) -> f32 {
        self.y
    }

    pub(crate) fn remaining(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Whether nothing has been placed on the current page yet.
    pub(crate) fn at_page_start(&self) -> bool {
        self.y <= self.page_start + 0.01
    }

    /// Move the cursor down; never past the bottom of the content area.
    pub(crate) fn advance(&mut self, dy: f32) {
        self.y = (self.y + dy).min(self.bottom());
    }

    /// Make sure `height` fits below the cursor, breaking the page if it does not.
    /// Returns whether a page break happened.
    pub(crate) fn ensure(&mut self, height: f32) -> bool {
        if self.remaining() + 0.01 < height && !self.at_page_start() {
            self.new_page();
            true
        } else {
            false
        }
    }

    fn page(&self) -> &Page {
        self.pages.last().expect("a section has been started")
    }

    fn page_mut(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a section has been started")
    }

    /// One line of text whose line box starts at `top`.
    pub(crate) fn text(&mut self, x: f32, top: f32, style: Style, text: &str) {
        let fonts = self.fonts;
        self.page_mut().text(fonts, x, top, style, text);
    }

    /// One line of text aligned inside the box `[x, x + width]`.
    pub(crate) fn text_in(
        &mut self,
        x: f32,
        width: f32,
        top: f32,
        style: Style,
        align: Align,
        text: &str,
    ) {
        let w = self.fonts.measure(style, text);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(x, top, style, text);
    }

    /// Wrapped text flowing down the page from the cursor, breaking pages between lines.
    pub(crate) fn paragraph(&mut self, style: Style, text: &str, indent: f32, align: Align) {
        let x = self.left() + indent;
        let width = self.width() - indent;
        for line in self.fonts.wrap(style, text, width) {
            self.ensure(style.leading());
            self.text_in(x, width, self.y, style, align, &line);
            self.y += style.leading();
        }
    }

    /// A straight line.
    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, shade: f32) {
        self.page_mut().line(x1, y1, x2, y2, thickness, shade);
    }

    /// A rectangle with its top-left corner at `(x, y)`, filled and/or outlined.
    pub(crate) fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<f32>,
        stroke: Option<f32>,
    ) {
        self.page_mut().rect(x, y, w, h, fill, stroke);
    }

    /// Adds a picture to the document; place it with [`Composer::image`].
    pub(crate) fn add_picture(&mut self, picture: Picture) -> usize {
        self.pictures.push(picture.xobject);
        self.pictures.len() - 1
    }

    /// Draws picture `index` (from [`Composer::add_picture`]) in the box whose top-left corner is
    /// at `(x, top)`, `width` × `height` points.
    pub(crate) fn image(&mut self, index: usize, x: f32, top: f32, width: f32, height: f32) {
        let page = self.page_mut();
        let bottom = page.height - top - height;
        page.gfx.push(Op::UseXobject {
            id: picture_id(index),
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(bottom)),
                scale_x: Some(width),
                scale_y: Some(height),
                no_auto_scale: true,
                ..XObjectTransform::default()
            },
        });
    }

    /// Write footers and serialise the document.
    pub(crate) fn finish(mut self, title: &str, date: NaiveDate) -> Result<Vec<u8>, ReportError> {
        self.write_footers();
        let fonts = self.fonts;
        let mut doc = PdfDocument::new(title);
        let info = &mut doc.metadata.info;
        info.creator = "Juri".to_string();
        info.producer = "Juri (printpdf)".to_string();
        let stamp = date
            .and_hms_opt(0, 0, 0)
            .map_or(0, |t| t.and_utc().timestamp());
        if let Ok(when) = printpdf::OffsetDateTime::from_unix_timestamp(stamp) {
            info.creation_date = when;
            info.modification_date = when;
            info.metadata_date = when;
        }
        for face in [Face::Regular, Face::Bold] {
            doc.resources
                .fonts
                .map
                .insert(font_id(face), PdfFont::new(fonts.face(face).parsed.clone()));
        }
        for (index, picture) in self.pictures.into_iter().enumerate() {
            doc.resources
                .xobjects
                .map
                .insert(picture_id(index), picture);
        }
        let pages = self
            .pages
            .into_iter()
            .map(|p| {
                let mut ops = p.gfx;
                if !p.text.is_empty() {
                    ops.reserve(p.text.len() + 2);
                    ops.push(Op::StartTextSection);
                    ops.extend(p.text);
                    ops.push(Op::EndTextSection);
                }
                let media = Rect::from_wh(Pt(p.width), Pt(p.height));
                PdfPage {
                    media_box: media.clone(),
                    trim_box: media.clone(),
                    crop_box: media,
                    ops,
                }
            })
            .collect();
        let mut warnings = Vec::new();
        // What `PdfDocument::save` does, except the file identifier: printpdf draws it from a
        // process-wide counter, so a second print of the same document would differ.
        let mut pdf = doc
            .with_pages(pages)
            .to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
        let errors: Vec<String> = warnings
            .into_iter()
            .filter(|w| w.severity == printpdf::PdfParseErrorSeverity::Error)
            .map(|w| w.msg)
            .collect();
        if !errors.is_empty() {
            return Err(ReportError::PdfWriter(errors));
        }
        pdf.compress();
        identified_by_content(pdf)
    }

    fn write_footers(&mut self) {
        let lang = self.lang;
        for index in 0..self.pages.len() {
            let section = self.pages[index].section;
            let first = self.sections[section].first_page;
            let last = self
                .sections
                .get(section + 1)
                .map_or(self.pages.len(), |s| s.first_page);
            let number = lang.page_of(index - first + 1, last - first);
            let (width, height) = (self.pages[index].width, self.pages[index].height);
            let number_width = self.fonts.measure(FOOTER_STYLE, &number);
            let label_room = width - 2.0 * MARGIN_SIDE - number_width - 6.0 * MM;
            let footer = &self.sections[section].footer;
            // The footer band holds two lines; a longer footer is set smaller until it fits.
            let mut style = FOOTER_STYLE;
            let mut lines = footer.lines(self.fonts, style, label_room);
            while lines.len() > 2 && style.size > 5.0 {
                style.size -= 0.5;
                lines = footer.lines(self.fonts, style, label_room);
            }
            let top = height - FOOTER_BASELINE - FOOTER_STYLE.baseline_offset();
            let first_top = top - (lines.len().saturating_sub(1)) as f32 * style.leading();
            let rule = (height - MARGIN_BOTTOM + 3.0 * MM).min(first_top - 0.5 * MM);
            let fonts = self.fonts;
            let page = &mut self.pages[index];
            page.line(MARGIN_SIDE, rule, width - MARGIN_SIDE, rule, 0.4, 0.6);
            for (k, line) in lines.iter().enumerate() {
                page.text(
                    fonts,
                    MARGIN_SIDE,
                    first_top + k as f32 * style.leading(),
                    style,
                    line,
                );
            }
            page.text(
                fonts,
                width - MARGIN_SIDE - number_width,
                top,
                FOOTER_STYLE,
                &number,
            );
        }
    }
}

impl Page {
    fn text(&mut self, fonts: &Fonts, x: f32, top: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        let baseline = top + style.baseline_offset();
        debug_assert!(
            x >= 0.0
                && x + fonts.measure(style, text) <= self.width + 0.01
                && top >= 0.0
                && baseline <= self.height,
            "text {text:?} at ({x}, {top}) leaves the page"
        );
        if self.font != Some((style.face, style.size)) {
            self.text.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(style.face)),
                size: Pt(style.size),
            });
            self.font = Some((style.face, style.size));
        }
        if self.ink != Some(style.ink) {
            self.text.push(Op::SetFillColor {
                col: grey(style.ink.grey()),
            });
            self.ink = Some(style.ink);
        }
        self.text.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(self.height - baseline)),
        });
        self.text.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
    }

    fn set_stroke(&mut self, shade: f32, thickness: f32) {
        let state = Some((shade, thickness));
        if self.stroke != state {
            self.gfx.push(Op::SetOutlineColor { col: grey(shade) });
            self.gfx.push(Op::SetOutlineThickness { pt: Pt(thickness) });
            self.stroke = state;
        }
    }

    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, shade: f32) {
        self.set_stroke(shade, thickness);
        let h = self.height;
        self.gfx.push(Op::DrawLine {
            line: Line {
                points: vec![point(x1, h - y1), point(x2, h - y2)],
                is_closed: false,
            },
        });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<f32>, stroke: Option<f32>) {
        let bottom = self.height - y - h;
        let shape = Rect::from_xywh(Pt(x), Pt(bottom), Pt(w), Pt(h));
        if let Some(shade) = fill {
            self.gfx.push(Op::SaveGraphicsState);
            self.gfx.push(Op::SetFillColor { col: grey(shade) });
            self.gfx.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Fill),
                    ..shape.clone()
                },
            });
            self.gfx.push(Op::RestoreGraphicsState);
        }
        if let Some(thickness) = stroke {
            self.set_stroke(0.0, thickness);
            self.gfx.push(Op::DrawRectangle {
                rectangle: Rect {
                    mode: Some(PaintMode::Stroke),
                    ..shape
                },
            });
        }
    }
}

/// The trailer's `/ID` before it is known: 16 zero bytes, written as 32 hex digits.
const ID_PLACEHOLDER: &[u8] = b"<00000000000000000000000000000000>";

/// Serialises `pdf` with a file identifier derived from its content: the first 16 bytes of the
/// SHA-256 of the file written with a placeholder identifier, as both the permanent and the
/// changing part of `/ID`. The same pages give the same bytes in every process; different
/// pages, a different identifier. The placeholder and its replacement have the same length, so
/// the cross-reference offsets stay right.
fn identified_by_content(mut pdf: lopdf::Document) -> Result<Vec<u8>, ReportError> {
    use lopdf::{Object, StringFormat};
    use sha2::{Digest, Sha256};

    let placeholder = Object::String(vec![0; 16], StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| ReportError::PdfWriter(vec![e.to_string()]))?;
    let digest = Sha256::digest(&bytes);
    let mut id = Vec::with_capacity(ID_PLACEHOLDER.len());
    id.push(b'<');
    for byte in &digest[..16] {
        id.extend_from_slice(format!("{byte:02x}").as_bytes());
    }
    id.push(b'>');
    // The trailer follows the last "trailer" keyword; the placeholder occurs there twice.
    let trailer = find_last(&bytes, b"trailer").unwrap_or(0);
    for _ in 0..2 {
        let at = find_last(&bytes[trailer..], ID_PLACEHOLDER)
            .map(|i| trailer + i)
            .ok_or_else(|| {
                ReportError::PdfWriter(vec!["the file identifier was not written".to_string()])
            })?;
        bytes[at..at + id.len()].copy_from_slice(&id);
    }
    Ok(bytes)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn font_id(face: Face) -> FontId {
    FontId(
        match face {
            Face::Regular => "F1",
            Face::Bold => "F2",
        }
        .to_string(),
    )
}

/// Pictures get fixed names, so the same document gives the same bytes in every process.
fn picture_id(index: usize) -> XObjectId {
    XObjectId(format!("Im{}", index + 1))
}

fn grey(shade: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent: shade,
        icc_profile: None,
    })
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}
