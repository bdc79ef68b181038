//! The documents of a decided final: the announcement of its results (pengumuman), the attachment
//! to the decree that establishes them (lampiran keputusan) and the certificates of award
//! (piagam penghargaan), one per winner.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{EntryInfo, Kop, PanelMember, Witness};
use crate::error::Checker;

/// An entry holding an award, with its place as the tier is numbered (within the award's pool:
/// Top 10 as 1–10, Top 20 after it as 11–20, rintisan 1–3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Winner {
    pub place: u32,
    pub entry: EntryInfo,
}

/// An award tier as the definition declares it ("Top 10 Inovasi Terbaik") and its winners in
/// order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AwardTier {
    pub title: String,
    pub winners: Vec<Winner>,
}

fn check_tiers(tiers: &[AwardTier], c: &mut Checker) {
    for (i, t) in tiers.iter().enumerate() {
        c.non_empty(&t.title, format!("tiers[{i}].title"));
        for (j, w) in t.winners.iter().enumerate() {
            w.entry.check(c, &format!("tiers[{i}].winners[{j}].entry"));
        }
    }
}

/// Pengumuman: the announcement of a final's results, tier by tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    #[serde(default)]
    pub kop: Option<Kop>,
    /// Document number, e.g. `…/PENG/FINAL/2025`.
    pub number: String,
    pub competition: String,
    /// City on the signature line; when empty, the date stands alone.
    pub place: String,
    pub date: NaiveDate,
    pub tiers: Vec<AwardTier>,
    /// The panel's chair, who signs.
    pub signatory: PanelMember,
    /// The official who acknowledges it, signing under "Mengetahui,".
    #[serde(default)]
    pub witness: Option<Witness>,
}

impl Announcement {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.number, "number");
        c.non_empty(&self.competition, "competition");
        check_tiers(&self.tiers, c);
        self.signatory.check(c, "signatory");
        if let Some(kop) = &self.kop {
            kop.check(c, "kop");
        }
        if let Some(w) = &self.witness {
            w.check(c, "witness");
        }
    }
}

/// Lampiran keputusan: the winners as an attachment to the decree (SK) that establishes them,
/// citing its number and date (dotted blanks when not given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecreeAttachment {
    #[serde(default)]
    pub kop: Option<Kop>,
    pub competition: String,
    /// Who issued the decree, as it follows "Keputusan" ("Gubernur Nusa Tenggara Timur").
    #[serde(default)]
    pub decree_issuer: Option<String>,
    /// The decree's number; a dotted blank when absent.
    #[serde(default)]
    pub decree: Option<String>,
    /// The decree's date; a dotted blank when absent.
    #[serde(default)]
    pub decree_date: Option<NaiveDate>,
    pub place: String,
    pub date: NaiveDate,
    pub tiers: Vec<AwardTier>,
    pub signatory: PanelMember,
    #[serde(default)]
    pub witness: Option<Witness>,
}

impl DecreeAttachment {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.competition, "competition");
        check_tiers(&self.tiers, c);
        self.signatory.check(c, "signatory");
        if let Some(kop) = &self.kop {
            kop.check(c, "kop");
        }
        if let Some(w) = &self.witness {
            w.check(c, "witness");
        }
    }
}

/// One certificate: the tier and the entry it is given for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// The tier's name ("Top 10 Inovasi Terbaik").
    pub tier: String,
    pub entry: EntryInfo,
}

/// Piagam penghargaan: one landscape page per winner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificates {
    #[serde(default)]
    pub kop: Option<Kop>,
    pub competition: String,
    pub place: String,
    pub date: NaiveDate,
    pub certificates: Vec<Certificate>,
    pub signatory: PanelMember,
    #[serde(default)]
    pub witness: Option<Witness>,
}

impl Certificates {
    pub(crate) fn check(&self, c: &mut Checker) {
        c.non_empty(&self.competition, "competition");
        c.check(
            !self.certificates.is_empty(),
            "certificates",
            rust_i18n::t!("report.no_winner_for_certificate"),
        );
        for (i, k) in self.certificates.iter().enumerate() {
            c.non_empty(&k.tier, format!("certificates[{i}].tier"));
            k.entry.check(c, &format!("certificates[{i}].entry"));
        }
        self.signatory.check(c, "signatory");
        if let Some(kop) = &self.kop {
            kop.check(c, "kop");
        }
        if let Some(w) = &self.witness {
            w.check(c, "witness");
        }
    }
}
