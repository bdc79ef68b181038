//! What official documents carry besides their body: the organiser's letterhead (kop surat) and
//! the official who acknowledges the minutes ("Mengetahui").

use serde::{Deserialize, Serialize};

use crate::error::Checker;
use crate::layout::inspect_image;

/// The organiser's letterhead, printed at the top of the first page: the logo on the left, the
/// institution lines and the address centred, a rule under them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kop {
    /// Institution lines, from the highest down ("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR",
    /// "BIRO ORGANISASI SETDA").
    pub lines: Vec<String>,
    /// Address lines (street, telephone, e-mail), printed smaller under them.
    #[serde(default)]
    pub address: Vec<String>,
    /// The logo: the bytes of a PNG or JPEG image.
    #[serde(default)]
    pub logo: Option<Vec<u8>>,
}

impl Kop {
    pub(crate) fn check(&self, c: &mut Checker, at: &str) {
        c.check(
            self.lines.iter().any(|l| !l.trim().is_empty()),
            format!("{at}.lines"),
            rust_i18n::t!("report.kop_no_line"),
        );
        if let Some(logo) = &self.logo {
            if let Err(why) = inspect_image(logo) {
                c.check(false, format!("{at}.logo"), why);
            }
        }
    }
}

/// The official who signs under "Mengetahui," (acknowledged), e.g. the head of the bureau that
/// organises the competition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Witness {
    /// The office, as it reads above the signature ("Kepala Biro Organisasi Setda Provinsi NTT").
    pub title: String,
    pub name: String,
    /// Civil-servant number (NIP) printed under the name.
    #[serde(default)]
    pub id_number: Option<String>,
}

impl Witness {
    pub(crate) fn check(&self, c: &mut Checker, at: &str) {
        c.non_empty(&self.title, format!("{at}.title"));
        c.non_empty(&self.name, format!("{at}.name"));
    }
}
