//! Exact decimal numbers as the documents show them.
//!
//! Scores arrive already computed; this type only carries their digits so nothing is rounded
//! twice, and prints them with the separators of the document language
//! (`1.234,50` in Indonesian, `1,234.50` in English).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ReportError;
use crate::i18n::Lang;

/// An exact decimal number such as `85.50`, `-0.125` or `7`.
///
/// Parsed from text with either `.` or `,` as the decimal separator and no thousands
/// separators (`"85.50"` and `"85,50"` are the same number). Trailing zeros are kept: they
/// carry the precision the caller chose. In JSON it is a string; integers are accepted too.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "DecimalRepr", into = "String")]
pub struct Decimal {
    negative: bool,
    int: String,
    frac: String,
}

impl Decimal {
    /// `units / 10^scale`, e.g. `from_scaled(8550, 2)` is `85.50`.
    pub fn from_scaled(units: i64, scale: u32) -> Decimal {
        let digits = units.unsigned_abs().to_string();
        let scale = scale as usize;
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        Decimal {
            negative: units < 0,
            int: int.to_string(),
            frac: frac.to_string(),
        }
    }

    /// The number in machine form: `-` sign, `.` separator, no grouping (`"1234.50"`).
    pub fn as_plain(&self) -> String {
        let mut s = String::with_capacity(self.int.len() + self.frac.len() + 2);
        if self.negative {
            s.push('-');
        }
        s.push_str(&self.int);
        if !self.frac.is_empty() {
            s.push('.');
            s.push_str(&self.frac);
        }
        s
    }

    /// The number as printed in `lang`: `1.234,50` (Indonesian) or `1,234.50` (English).
    pub fn display(&self, lang: Lang) -> String {
        let (group, point) = match lang {
            Lang::Id => ('.', ','),
            Lang::En => (',', '.'),
        };
        let mut s = String::with_capacity(self.int.len() + self.frac.len() + 4);
        if self.negative {
            s.push('-');
        }
        let n = self.int.len();
        for (i, ch) in self.int.chars().enumerate() {
            if i > 0 && (n - i).is_multiple_of(3) {
                s.push(group);
            }
            s.push(ch);
        }
        if !self.frac.is_empty() {
            s.push(point);
            s.push_str(&self.frac);
        }
        s
    }

    /// Nearest `f64`, for spreadsheet cells (which store binary floating point anyway).
    pub fn to_f64(&self) -> f64 {
        self.as_plain().parse().unwrap_or(0.0)
    }

    /// Number of digits after the decimal separator.
    pub fn scale(&self) -> usize {
        self.frac.len()
    }
}

impl FromStr for Decimal {
    type Err = ReportError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || ReportError::InvalidDecimal {
            text: text.to_string(),
        };
        let trimmed = text.trim();
        let (negative, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let (int, frac) = match body.find(['.', ',']) {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => (body, ""),
        };
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int.is_empty()
            || !digits(int)
            || !digits(frac)
            || (body.len() > int.len() && frac.is_empty())
        {
            return Err(invalid());
        }
        let int = int.trim_start_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        let is_zero = int == "0" && frac.bytes().all(|b| b == b'0');
        Ok(Decimal {
            negative: negative && !is_zero,
            int: int.to_string(),
            frac: frac.to_string(),
        })
    }
}

impl TryFrom<&str> for Decimal {
    type Error = ReportError;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<i64> for Decimal {
    fn from(value: i64) -> Self {
        Decimal::from_scaled(value, 0)
    }
}

impl From<Decimal> for String {
    fn from(value: Decimal) -> Self {
        value.as_plain()
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_plain())
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DecimalRepr {
    Text(String),
    Integer(i64),
}

impl TryFrom<DecimalRepr> for Decimal {
    type Error = ReportError;
    fn try_from(value: DecimalRepr) -> Result<Self, Self::Error> {
        match value {
            DecimalRepr::Text(s) => s.parse(),
            DecimalRepr::Integer(i) => Ok(i.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_in_both_languages() {
        let cases = [
            ("85.50", "85,50", "85.50", "85.50"),
            ("85,50", "85,50", "85.50", "85.50"),
            ("1234.5", "1.234,5", "1,234.5", "1234.5"),
            ("-0.125", "-0,125", "-0.125", "-0.125"),
            ("007", "7", "7", "7"),
            ("-0.00", "0,00", "0.00", "0.00"),
            ("1000000", "1.000.000", "1,000,000", "1000000"),
        ];
        for (input, id, en, plain) in cases {
            let d: Decimal = input.parse().unwrap();
            assert_eq!(d.display(Lang::Id), id, "{input}");
            assert_eq!(d.display(Lang::En), en, "{input}");
            assert_eq!(d.as_plain(), plain, "{input}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "", "-", "1.", ".5", "1.2.3", "1,234.5", "12a", "1e3", "+4", "NaN",
        ] {
            assert!(bad.parse::<Decimal>().is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn scaled_integers_keep_their_precision() {
        assert_eq!(Decimal::from_scaled(8550, 2).as_plain(), "85.50");
        assert_eq!(Decimal::from_scaled(-5, 3).as_plain(), "-0.005");
        assert_eq!(Decimal::from_scaled(7, 0).as_plain(), "7");
        assert_eq!(Decimal::from_scaled(8550, 2).scale(), 2);
        assert!((Decimal::from_scaled(8550, 2).to_f64() - 85.5).abs() < 1e-12);
    }

    #[test]
    fn serde_accepts_strings_and_integers() {
        let d: Vec<Decimal> = serde_json::from_str(r#"["85,50", 7, "-1.25"]"#).unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"["85.50","7","-1.25"]"#
        );
        assert!(
            serde_json::from_str::<Decimal>("85.5").is_err(),
            "floats are not exact"
        );
    }
}
