//! Measuring and wrapping text with the embedded fonts' real advance widths.

use super::fonts::{Face, Fonts};

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub face: Face,
    pub size: f32,
    pub ink: Ink,
}

/// Text and line colours: documents are printed on office printers, so only greys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    Muted,
}

impl Ink {
    pub(crate) fn grey(self) -> f32 {
        match self {
            Ink::Black => 0.0,
            Ink::Muted => 0.35,
        }
    }
}

impl Style {
    pub(crate) const fn new(face: Face, size: f32) -> Self {
        Self {
            face,
            size,
            ink: Ink::Black,
        }
    }

    pub(crate) const fn regular(size: f32) -> Self {
        Self::new(Face::Regular, size)
    }

    pub(crate) const fn bold(size: f32) -> Self {
        Self::new(Face::Bold, size)
    }

    pub(crate) const fn muted(self) -> Self {
        Self {
            ink: Ink::Muted,
            ..self
        }
    }

    /// Distance between baselines.
    pub(crate) fn leading(&self) -> f32 {
        self.size * 1.28
    }

    /// Distance from the top of a line box to the baseline.
    pub(crate) fn baseline_offset(&self) -> f32 {
        // DejaVu: ascender 0.928 em, descender 0.236 em; centre that box in the leading.
        self.size * 0.928 + (self.leading() - self.size * 1.164) / 2.0
    }
}

/// Horizontal alignment inside a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

impl Fonts {
    pub(crate) fn measure(&self, style: Style, text: &str) -> f32 {
        self.width(style.face, style.size, text)
    }

    /// Break `text` into lines no wider than `max_width`. Newlines start new lines, runs of
    /// white space collapse, and a word wider than the line is broken between characters.
    pub(crate) fn wrap(&self, style: Style, text: &str, max_width: f32) -> Vec<String> {
        let space = self.measure(style, " ");
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0f32;
            for word in paragraph.split_whitespace() {
                let word_width = self.measure(style, word);
                let needed = if line.is_empty() {
                    word_width
                } else {
                    line_width + space + word_width
                };
                if needed <= max_width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_width = needed;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if word_width <= max_width {
                    line.push_str(word);
                    line_width = word_width;
                } else {
                    let mut pieces = self.break_word(style, word, max_width);
                    let last = pieces.pop().unwrap_or_default();
                    lines.extend(pieces);
                    line_width = self.measure(style, &last);
                    line = last;
                }
            }
            lines.push(line);
        }
        lines
    }

    fn break_word(&self, style: Style, word: &str, max_width: f32) -> Vec<String> {
        let face = self.face(style.face);
        let mut pieces = Vec::new();
        let mut piece = String::new();
        let mut width = 0.0f32;
        for ch in word.chars() {
            let w = f32::from(face.advance(ch)) * style.size / 1000.0;
            if !piece.is_empty() && width + w > max_width {
                pieces.push(std::mem::take(&mut piece));
                width = 0.0;
            }
            piece.push(ch);
            width += w;
        }
        pieces.push(piece);
        pieces
    }

    /// `text` on one line, cut with an ellipsis if it is wider than `max_width`.
    pub(crate) fn fit(&self, style: Style, text: &str, max_width: f32) -> String {
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.measure(style, &flat) <= max_width {
            return flat;
        }
        let face = self.face(style.face);
        let budget = max_width - self.measure(style, "…");
        let mut out = String::new();
        let mut width = 0.0;
        for ch in flat.chars() {
            let w = f32::from(face.advance(ch)) * style.size / 1000.0;
            if width + w > budget {
                break;
            }
            out.push(ch);
            width += w;
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        Fonts::get().unwrap()
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let style = Style::regular(9.0);
        let text = "Sistem Informasi Pelayanan Administrasi Kependudukan Terpadu Berbasis \
                    Masyarakat di Desa Oelnasi, Kecamatan Kupang Tengah";
        for width in [90.0, 120.0, 250.0] {
            let lines = fonts().wrap(style, text, width);
            assert!(lines.len() > 1);
            for line in &lines {
                assert!(
                    fonts().measure(style, line) <= width + 0.01,
                    "{line:?} > {width}"
                );
            }
            assert_eq!(
                lines.join(" "),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn long_words_break_and_newlines_are_kept() {
        let style = Style::regular(10.0);
        let lines = fonts().wrap(
            style,
            "a\n\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx b",
            50.0,
        );
        assert_eq!(lines[0], "a");
        assert_eq!(lines[1], "");
        assert!(lines.len() > 4);
        for line in &lines {
            assert!(fonts().measure(style, line) <= 50.01);
        }
        assert_eq!(fonts().wrap(style, "", 50.0), vec![String::new()]);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let style = Style::regular(8.0);
        let cut = fonts().fit(style, "Rekapitulasi Nilai Tahap Penilaian Proposal", 60.0);
        assert!(cut.ends_with('…'));
        assert!(fonts().measure(style, &cut) <= 60.0);
        assert_eq!(fonts().fit(style, "Pendek", 60.0), "Pendek");
    }
}
