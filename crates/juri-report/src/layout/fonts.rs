//! The two embedded faces (DejaVu Sans and DejaVu Sans Bold, see `fonts/LICENSE`) and their
//! advance widths, so text can be measured exactly as the PDF viewer will lay it out.

use std::collections::HashMap;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::error::ReportError;

const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// Code points below this bound get their width from a flat table (Latin, Greek, Cyrillic and
/// the punctuation block cover every name and title seen in practice).
const TABLE_LIMIT: u32 = 0x2100;

/// Typeface used for a run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// One parsed face with its width table in thousandths of an em.
pub(crate) struct FontFace {
    pub(crate) parsed: ParsedFont,
    table: Vec<u16>,
    others: HashMap<char, u16>,
    fallback: u16,
}

impl FontFace {
    fn load(bytes: &[u8], name: &str) -> Result<Self, ReportError> {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| ReportError::Font {
                face: name.to_string(),
                detail: format!("{warnings:?}"),
            })?;
        let upem = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        // Same integer scaling printpdf writes into the /W array, so measured widths match
        // what a viewer draws.
        let scaled = |gid: u16| -> u16 {
            let raw = f32::from(parsed.get_horizontal_advance(gid));
            (raw * 1000.0 / upem) as u16
        };
        let fallback = scaled(0);
        let mut table = vec![fallback; TABLE_LIMIT as usize];
        for (cp, slot) in table.iter_mut().enumerate() {
            if let Some(gid) = parsed.lookup_glyph_index(cp as u32) {
                *slot = scaled(gid);
            }
        }
        let mut others = HashMap::new();
        for ch in EXTRA_CHARS.chars() {
            let gid = parsed.lookup_glyph_index(ch as u32).unwrap_or(0);
            others.insert(ch, scaled(gid));
        }
        Ok(Self {
            parsed,
            table,
            others,
            fallback,
        })
    }

    /// Advance of `ch` in thousandths of an em.
    pub(crate) fn advance(&self, ch: char) -> u16 {
        let cp = ch as u32;
        if cp < TABLE_LIMIT {
            self.table[cp as usize]
        } else {
            self.others.get(&ch).copied().unwrap_or(self.fallback)
        }
    }

    /// Whether the face has a glyph for `ch`.
    #[cfg(test)]
    pub(crate) fn covers(&self, ch: char) -> bool {
        self.parsed.lookup_glyph_index(ch as u32).is_some()
    }
}

/// Symbols the documents draw beyond the flat table.
const EXTRA_CHARS: &str = "✓✔✗⚑–—…•";

/// Both faces, parsed once per process.
pub(crate) struct Fonts {
    pub(crate) regular: FontFace,
    pub(crate) bold: FontFace,
}

impl Fonts {
    pub(crate) fn get() -> Result<&'static Fonts, ReportError> {
        static FONTS: OnceLock<Result<Fonts, ReportError>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                Ok(Fonts {
                    regular: FontFace::load(REGULAR_TTF, "DejaVu Sans")?,
                    bold: FontFace::load(BOLD_TTF, "DejaVu Sans Bold")?,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    pub(crate) fn face(&self, face: Face) -> &FontFace {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Width of `text` in points at `size`.
    pub(crate) fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let f = self.face(face);
        let units: u32 = text.chars().map(|c| u32::from(f.advance(c))).sum();
        units as f32 * size / 1000.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_positive_and_bold_is_wider() {
        let fonts = Fonts::get().unwrap();
        let regular = fonts.width(Face::Regular, 10.0, "Penilaian");
        let bold = fonts.width(Face::Bold, 10.0, "Penilaian");
        assert!(regular > 30.0 && regular < 60.0, "{regular}");
        assert!(bold > regular);
        assert_eq!(fonts.width(Face::Regular, 10.0, ""), 0.0);
    }

    #[test]
    fn diacritics_and_symbols_are_covered() {
        let fonts = Fonts::get().unwrap();
        for ch in "ÁáÉéÍíÓóÚúÑñÇçŠšŽžŁłĞğİıŐőŰűŞşŢţ✓–—".chars()
        {
            assert!(fonts.regular.covers(ch), "regular lacks {ch}");
            assert!(fonts.bold.covers(ch), "bold lacks {ch}");
        }
        assert_eq!(
            fonts.regular.advance('✓'),
            fonts.regular.others[&'✓'],
            "symbols come from the extra table"
        );
    }
}
