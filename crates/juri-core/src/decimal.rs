//! Exact decimal numbers for scores, weights and scales.
//!
//! A [`Fixed`] is an integer count of thousandths: `8.5` is `Fixed(8500)`. Scores are typed by
//! people with at most a few decimals ("8,5" on an Indonesian sheet, "8.5" in a CSV), so three
//! decimals are exact for every scale in use, and no value ever passes through floating point.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Thousandths per unit.
pub const SCALE: i64 = 1000;

/// An exact decimal with three fractional digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(type = "number"))]
pub struct Fixed(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    #[error("{}", rust_i18n::t!("decimal.not_a_number", text = .0))]
    NotANumber(String),
    #[error("{}", rust_i18n::t!("decimal.too_precise", text = .0))]
    TooPrecise(String),
    #[error("{}", rust_i18n::t!("decimal.too_large", text = .0))]
    TooLarge(String),
}

impl Fixed {
    pub const ZERO: Fixed = Fixed(0);

    pub fn from_int(v: i64) -> Fixed {
        Fixed(v * SCALE)
    }

    /// The number of `raw` thousandths (the inverse of [`Fixed::raw`]).
    pub fn from_raw(raw: i64) -> Fixed {
        Fixed(raw)
    }

    /// Thousandths.
    pub fn raw(self) -> i64 {
        self.0
    }

    /// Parses "85", "8.5", "8,5", "-1", " 7 ". A comma is accepted as the decimal separator.
    pub fn parse(text: &str) -> Result<Fixed, DecimalError> {
        let t = text.trim();
        let err = || DecimalError::NotANumber(text.trim().to_string());
        if t.is_empty() {
            return Err(err());
        }
        let (neg, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int_part, frac_part) = match body.find(['.', ',']) {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => (body, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(err());
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err());
        }
        let frac_trimmed = frac_part.trim_end_matches('0');
        if frac_trimmed.len() > 3 {
            return Err(DecimalError::TooPrecise(t.to_string()));
        }
        if int_part.len() > 12 {
            return Err(DecimalError::TooLarge(t.to_string()));
        }
        let int: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| err())?
        };
        let mut frac: i64 = 0;
        for (i, b) in frac_trimmed.bytes().enumerate() {
            frac += i64::from(b - b'0') * 10_i64.pow(2 - i as u32);
        }
        let v = int * SCALE + frac;
        Ok(Fixed(if neg { -v } else { v }))
    }

    /// Converts a TOML float or integer. Rejects values that are not exact in thousandths.
    pub fn from_f64_exact(v: f64) -> Option<Fixed> {
        if !v.is_finite() || v.abs() > 1e12 {
            return None;
        }
        let scaled = (v * SCALE as f64).round();
        if ((scaled / SCALE as f64) - v).abs() > 1e-9 {
            return None;
        }
        Some(Fixed(scaled as i64))
    }

    pub fn to_f64(self) -> f64 {
        self.0 as f64 / SCALE as f64
    }

    /// Text with the decimals needed, '.' as separator: `8.5`, `85`, `6.25`.
    pub fn to_plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let int = a / SCALE as u64;
        let frac = a % SCALE as u64;
        if frac == 0 {
            format!("{sign}{int}")
        } else {
            let f = format!("{frac:03}");
            format!("{sign}{int}.{}", f.trim_end_matches('0'))
        }
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

impl FromStr for Fixed {
    type Err = DecimalError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Fixed::parse(s)
    }
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Integers stay integers in TOML/JSON; fractions become floats that parse back exactly.
        if self.0 % SCALE == 0 {
            s.serialize_i64(self.0 / SCALE)
        } else {
            s.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Fixed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Fixed;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&rust_i18n::t!("decimal.expecting"))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Fixed, E> {
                v.checked_mul(SCALE)
                    .map(Fixed)
                    .ok_or_else(|| E::custom(rust_i18n::t!("decimal.number_too_large")))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Fixed, E> {
                i64::try_from(v)
                    .ok()
                    .and_then(|v| v.checked_mul(SCALE))
                    .map(Fixed)
                    .ok_or_else(|| E::custom(rust_i18n::t!("decimal.number_too_large")))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Fixed, E> {
                Fixed::from_f64_exact(v)
                    .ok_or_else(|| E::custom(rust_i18n::t!("decimal.value_too_precise", value = v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Fixed, E> {
                Fixed::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let cases = [
            ("85", 85_000, "85"),
            ("8.5", 8_500, "8.5"),
            ("8,5", 8_500, "8.5"),
            ("6.25", 6_250, "6.25"),
            (" 7 ", 7_000, "7"),
            ("-1", -1_000, "-1"),
            ("0.125", 125, "0.125"),
            ("10.000", 10_000, "10"),
            (".5", 500, "0.5"),
        ];
        for (text, raw, back) in cases {
            let f = Fixed::parse(text).unwrap();
            assert_eq!(f.raw(), raw, "{text}");
            assert_eq!(f.to_plain(), back, "{text}");
        }
        for bad in ["", "abc", "8.5.1", "1e3", "--1", ".", "0x10", "8 5"] {
            assert!(Fixed::parse(bad).is_err(), "{bad}");
        }
        assert!(matches!(
            Fixed::parse("1.2345"),
            Err(DecimalError::TooPrecise(_))
        ));
    }
}
