//! The competition's time zone: every time Juri prints or shows for a competition is in it.
//! Indonesia has three (WIB, WITA, WIT); a definition names one by its IANA name.

pub use chrono_tz::Tz;

use crate::definition::CompetitionInfo;

/// The zone of a definition that names none.
pub const DEFAULT_ZONE: Tz = chrono_tz::Asia::Jakarta;

/// Reads an IANA zone name ("Asia/Makassar").
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// How documents name a zone: WIB, WITA or WIT for Indonesia's zones, the IANA name otherwise.
pub fn zone_label(zone: Tz) -> String {
    match zone.name() {
        "Asia/Jakarta" | "Asia/Pontianak" => "WIB".into(),
        "Asia/Makassar" => "WITA".into(),
        "Asia/Jayapura" => "WIT".into(),
        other => other.into(),
    }
}

impl CompetitionInfo {
    /// The competition's time zone: its `time_zone`, or Asia/Jakarta when it names none (an
    /// unknown name is refused by validation).
    pub fn zone(&self) -> Tz {
        parse_zone(&self.time_zone).unwrap_or(DEFAULT_ZONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_zones_have_their_names() {
        assert_eq!(zone_label(parse_zone("Asia/Makassar").unwrap()), "WITA");
        assert_eq!(zone_label(parse_zone("Asia/Jayapura").unwrap()), "WIT");
        assert_eq!(zone_label(DEFAULT_ZONE), "WIB");
        assert_eq!(
            zone_label(parse_zone("Europe/Berlin").unwrap()),
            "Europe/Berlin"
        );
        assert_eq!(parse_zone("Asia/Kupang"), None);
    }
}
