//! Ruled tables whose rows break across pages, with the header repeated on every page.
//!
//! Cells hold stacked parts (e.g. a bold title over a muted institution), each wrapped to the
//! cell width. A row that does not fit moves to the next page; a row taller than a whole page
//! is split between lines.

use super::composer::{Composer, MM};
use super::fonts::Fonts;
use super::text::{Align, Style};

/// Horizontal padding on each side of a cell's text.
pub(crate) const CELL_PAD_X: f32 = 1.4 * MM;
const PAD_X: f32 = CELL_PAD_X;
const PAD_Y: f32 = 1.1 * MM;
const RULE: f32 = 0.5;
const HEADER_SHADE: f32 = 0.88;

/// A column: its width in points and the default alignment of its cells.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    pub width: f32,
    pub align: Align,
}

/// A piece of a cell with its own style.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub text: String,
    pub style: Style,
}

/// One cell, spanning `span` columns.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub parts: Vec<Part>,
    pub span: usize,
    pub align: Option<Align>,
}

impl Cell {
    pub(crate) fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            parts: vec![Part {
                text: text.into(),
                style,
            }],
            span: 1,
            align: None,
        }
    }

    /// Add a part below the existing ones; empty text adds nothing.
    pub(crate) fn then(mut self, text: impl Into<String>, style: Style) -> Self {
        let text = text.into();
        if !text.trim().is_empty() {
            self.parts.push(Part { text, style });
        }
        self
    }

    pub(crate) fn span(mut self, span: usize) -> Self {
        self.span = span.max(1);
        self
    }

    pub(crate) fn align(mut self, align: Align) -> Self {
        self.align = Some(align);
        self
    }
}

/// A row of cells, optionally shaded (0 = black, 1 = white) and with a minimum height (room
/// to write in by hand).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub cells: Vec<Cell>,
    pub shade: Option<f32>,
    pub min_height: f32,
}

impl Row {
    pub(crate) fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            shade: None,
            min_height: 0.0,
        }
    }

    pub(crate) fn min_height(mut self, height: f32) -> Self {
        self.min_height = height;
        self
    }

    pub(crate) fn shaded(mut self, shade: f32) -> Self {
        self.shade = Some(shade);
        self
    }
}

/// A table ready to be placed at the composer's cursor.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub header: Vec<Row>,
    pub rows: Vec<Row>,
    /// Height of what must follow the last row on its page (a signature block): when it does
    /// not fit below the last row, the last row moves to the next page with it.
    pub keep_with_last: f32,
}

/// A cell after wrapping: where it sits and its lines.
struct LaidCell {
    x: f32,
    width: f32,
    align: Align,
    lines: Vec<(Style, String)>,
}

impl LaidCell {
    fn content_height(&self) -> f32 {
        self.lines.iter().map(|(s, _)| s.leading()).sum()
    }
}

struct LaidRow {
    cells: Vec<LaidCell>,
    shade: Option<f32>,
    min_height: f32,
}

impl LaidRow {
    fn height(&self) -> f32 {
        let content = self
            .cells
            .iter()
            .map(LaidCell::content_height)
            .fold(0.0, f32::max);
        (content + 2.0 * PAD_Y).max(self.min_height)
    }
}

impl Table {
    pub(crate) fn new(columns: Vec<Column>, header: Vec<Row>) -> Self {
        Self {
            columns,
            header,
            rows: Vec::new(),
            keep_with_last: 0.0,
        }
    }

    /// Column widths widened so that no word of a single-column cell has to be broken, the
    /// room taken from the widest column (which keeps at least 40 % of its width).
    fn fitted_columns(&self, fonts: &Fonts) -> Vec<Column> {
        let mut columns = self.columns.clone();
        let mut need = vec![0.0f32; columns.len()];
        for row in self.header.iter().chain(&self.rows) {
            let mut column = 0;
            for cell in &row.cells {
                if cell.span == 1 && column < need.len() {
                    for part in &cell.parts {
                        for word in part.text.split_whitespace() {
                            let w = fonts.measure(part.style, word) + 2.0 * PAD_X + 0.5;
                            need[column] = need[column].max(w);
                        }
                    }
                }
                column += cell.span;
            }
        }
        let Some(widest) =
            (0..columns.len()).max_by(|&a, &b| columns[a].width.total_cmp(&columns[b].width))
        else {
            return columns;
        };
        let mut spare = columns[widest].width * 0.6;
        for (i, column) in columns.iter_mut().enumerate() {
            if i != widest && need[i] > column.width {
                let extra = (need[i] - column.width).min(spare);
                column.width += extra;
                spare -= extra;
            }
        }
        columns[widest].width -= columns[widest].width * 0.6 - spare;
        columns
    }

    fn lay_out(&self, columns: &[Column], fonts: &Fonts, left: f32, row: &Row) -> LaidRow {
        let mut x = left;
        let mut column = 0;
        let mut cells = Vec::with_capacity(row.cells.len());
        for cell in &row.cells {
            let end = (column + cell.span).min(columns.len());
            let width: f32 = columns[column..end].iter().map(|c| c.width).sum();
            let align = cell.align.unwrap_or(columns[column].align);
            let inner = (width - 2.0 * PAD_X).max(1.0);
            let mut lines = Vec::new();
            for part in &cell.parts {
                for line in fonts.wrap(part.style, &part.text, inner) {
                    lines.push((part.style, line));
                }
            }
            cells.push(LaidCell {
                x,
                width,
                align,
                lines,
            });
            x += width;
            column = end;
        }
        LaidRow {
            cells,
            shade: row.shade,
            min_height: row.min_height,
        }
    }

    /// Place the table at the cursor, paginating as needed.
    pub(crate) fn draw(&self, c: &mut Composer) {
        let (fonts, left) = (c.fonts, c.left());
        let columns = self.fitted_columns(fonts);
        let lay_out = |r: &Row| self.lay_out(&columns, fonts, left, r);
        let header: Vec<LaidRow> = self.header.iter().map(lay_out).collect();
        let header_height: f32 = header.iter().map(LaidRow::height).sum();
        let mut rows = self.rows.iter().map(lay_out).peekable();
        // Keep the header with the first row (or at least its first lines).
        let first = rows.peek().map_or(0.0, |r| r.height().min(30.0));
        c.ensure(header_height + first);
        draw_header(c, &header);
        let count = self.rows.len();
        for (index, mut row) in rows.enumerate() {
            let height = row.height();
            let last = index + 1 == count;
            let keep = if last { self.keep_with_last } else { 0.0 };
            if keep > 0.0
                && height + keep > c.remaining() + 0.01
                && index > 0
                && height + keep <= c.fresh_page_height() - header_height
            {
                c.new_page();
                draw_header(c, &header);
                draw_row(c, &row, height, true);
                continue;
            }
            if height <= c.remaining() + 0.01 {
                draw_row(c, &row, height, true);
                continue;
            }
            if height <= c.fresh_page_height() - header_height {
                c.new_page();
                draw_header(c, &header);
                draw_row(c, &row, height, true);
                continue;
            }
            // Taller than a page: split between lines.
            let mut fresh = false;
            loop {
                let room = c.remaining() - 2.0 * PAD_Y;
                let piece = take_lines(&mut row, room, fresh);
                if piece.cells.iter().any(|cell| !cell.lines.is_empty()) {
                    let h = piece.height();
                    draw_row(c, &piece, h, false);
                }
                if row.cells.iter().all(|cell| cell.lines.is_empty()) {
                    break;
                }
                c.new_page();
                draw_header(c, &header);
                fresh = true;
            }
        }
    }
}

fn draw_header(c: &mut Composer, header: &[LaidRow]) {
    for row in header {
        let h = row.height();
        let (x0, width) = row_extent(row);
        c.rect(x0, c.y(), width, h, Some(HEADER_SHADE), None);
        draw_row(c, row, h, true);
    }
}

fn row_extent(row: &LaidRow) -> (f32, f32) {
    let x0 = row.cells.first().map_or(0.0, |c| c.x);
    let x1 = row.cells.last().map_or(0.0, |c| c.x + c.width);
    (x0, x1 - x0)
}

/// Move as many leading lines of every cell as fit in `room` into a new row (at least one
/// line per cell when `force`, so a split always makes progress).
fn take_lines(row: &mut LaidRow, room: f32, force: bool) -> LaidRow {
    let cells = row
        .cells
        .iter_mut()
        .map(|cell| {
            let mut used = 0.0;
            let mut n = 0;
            for (style, _) in &cell.lines {
                if used + style.leading() > room + 0.01 && !(force && n == 0) {
                    break;
                }
                used += style.leading();
                n += 1;
            }
            LaidCell {
                x: cell.x,
                width: cell.width,
                align: cell.align,
                lines: cell.lines.drain(..n).collect(),
            }
        })
        .collect();
    LaidRow {
        cells,
        shade: row.shade,
        min_height: 0.0,
    }
}

fn draw_row(c: &mut Composer, row: &LaidRow, height: f32, centre: bool) {
    let top = c.y();
    if let Some(shade) = row.shade {
        let (x0, width) = row_extent(row);
        c.rect(x0, top, width, height, Some(shade), None);
    }
    for cell in &row.cells {
        c.rect(cell.x, top, cell.width, height, None, Some(RULE));
        let content = cell.content_height();
        let mut y = top + PAD_Y;
        if centre {
            y += (height - 2.0 * PAD_Y - content) / 2.0;
        }
        for (style, line) in &cell.lines {
            c.text_in(
                cell.x + PAD_X,
                cell.width - 2.0 * PAD_X,
                y,
                *style,
                cell.align,
                line,
            );
            y += style.leading();
        }
    }
    c.advance(height);
}
