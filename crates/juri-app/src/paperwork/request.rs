//! What can be printed and how a request names it: document kinds, the print request, export
//! formats, and the names printed files get.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The documents Juri prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    BlankSheet,
    ScoreSheet,
    Recap,
    Minutes,
    Recusals,
    /// Pengumuman: a finalised final's winners, tier by tier.
    Announcement,
    /// Lampiran keputusan: the winners as an attachment to the decree.
    DecreeAttachment,
    /// Piagam penghargaan: one landscape page per winner.
    Certificate,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 8] = [
        DocumentKind::BlankSheet,
        DocumentKind::ScoreSheet,
        DocumentKind::Recap,
        DocumentKind::Minutes,
        DocumentKind::Recusals,
        DocumentKind::Announcement,
        DocumentKind::DecreeAttachment,
        DocumentKind::Certificate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::BlankSheet => "blank-sheet",
            DocumentKind::ScoreSheet => "score-sheet",
            DocumentKind::Recap => "recap",
            DocumentKind::Minutes => "minutes",
            DocumentKind::Recusals => "recusals",
            DocumentKind::Announcement => "announcement",
            DocumentKind::DecreeAttachment => "decree-attachment",
            DocumentKind::Certificate => "certificate",
        }
    }

    /// The start of a printed file's name, in the language of the paperwork.
    pub fn file_stem(self) -> &'static str {
        match self {
            DocumentKind::BlankSheet => "lembar-kosong",
            DocumentKind::ScoreSheet => "lembar-penilaian",
            DocumentKind::Recap => "rekapitulasi",
            DocumentKind::Minutes => "berita-acara",
            DocumentKind::Recusals => "konflik-kepentingan",
            DocumentKind::Announcement => "pengumuman",
            DocumentKind::DecreeAttachment => "lampiran-keputusan",
            DocumentKind::Certificate => "piagam-penghargaan",
        }
    }

    /// Where a printed document goes in `folder`: what it is, what it covers (`parts`: stage,
    /// category, juror, entry — reduced to letters, digits and '-') and when (`now`, RFC 3339),
    /// e.g. `rekapitulasi-proposal-pd-20251215101500.pdf`.
    pub(crate) fn file_in(self, folder: &Path, parts: &[Option<&str>], now: &str) -> PathBuf {
        let mut name = String::from(self.file_stem());
        for part in parts.iter().flatten() {
            name.push('-');
            name.extend(
                part.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-'),
            );
        }
        let stamp: String = now.chars().take(19).filter(char::is_ascii_digit).collect();
        name.push('-');
        name.push_str(&stamp);
        folder.join(format!("{name}.pdf"))
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.into_iter().find(|d| d.as_str() == s)
    }
}

/// What to print and for whom.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PrintRequest {
    /// Defaults to the current stage (the first that is not finalised).
    pub stage: Option<String>,
    pub category: Option<String>,
    pub juror: Option<String>,
    pub entry: Option<String>,
    /// `en` for English; Indonesian otherwise.
    pub lang: Option<String>,
    /// The date printed on the document; today when absent.
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub date: Option<NaiveDate>,
    /// Minutes and announcement: the document number ("001/BA/TPI/XII/2025").
    pub number: Option<String>,
    /// Minutes: where the plenary met.
    pub venue: Option<String>,
    /// `a4` (the default) or `f4` (folio, 215 × 330 mm).
    pub paper: Option<String>,
    /// The stage's snapshot version whose official copy to return: an earlier version of a
    /// stage re-opened and finalised again returns the copy kept for it; absent (or the version
    /// in force) prints as usual.
    #[serde(default)]
    pub version: Option<i64>,
}

/// Export formats of the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    Csv,
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_kind_reads_back_from_its_name() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn documents_are_named_by_what_they_hold_and_when() {
        let path = DocumentKind::Recap.file_in(
            Path::new("/data/dokumen"),
            &[Some("proposal"), Some("pd/kab"), None, None],
            "2025-12-15T10:15:00+08:00",
        );
        assert_eq!(
            path,
            Path::new("/data/dokumen/rekapitulasi-proposal-pdkab-20251215101500.pdf")
        );
    }
}
