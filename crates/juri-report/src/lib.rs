//! # juri-report
//!
//! Turns plain view models into the paperwork of a jury panel: A4 or F4 PDFs (blank and filled score
//! sheets, recaps, minutes, the list of conflicts of interest, and a final's announcement,
//! decree attachment and certificates) and XLSX/CSV exports of recaps.
//!
//! **Owns:** the view-model types in [`model`], the layout of every page, the Indonesian and
//! English wording of every label, the embedded DejaVu fonts (`fonts/LICENSE`).
//!
//! **Must never know:** the domain crate, SQL, files, or the clock. Every number arrives as an
//! exact [`Decimal`] already computed by the caller, every date as a `chrono::NaiveDate`;
//! rendering the same input twice gives the same bytes, in any process. The caller writes them.
//!
//! ```no_run
//! # fn demo(recap: juri_report::RecapTable) -> Result<(), juri_report::ReportError> {
//! use juri_report::{render_pdf, Document, Lang};
//! let pdf: Vec<u8> = render_pdf(&Document::Recap(vec![recap]), Lang::Id)?;
//! # Ok(()) }
//! ```

// Messages in Indonesian and English, from `locales/messages.yml`; the run's language is set once
// by the front end (`juri_app::use_message_language`), English when none is set.
rust_i18n::i18n!("locales", fallback = "en");

mod decimal;
mod docs;
mod error;
mod export;
mod i18n;
mod layout;
pub mod model;
pub mod notes;
pub mod words;

pub use decimal::Decimal;
pub use error::{Problem, ReportError};
pub use export::{
    export_csv, export_nominees_csv, export_nominees_xlsx, export_scores_csv, export_scores_xlsx,
    export_workbook, export_xlsx,
};
pub use i18n::Lang;
pub use layout::{inspect_image, ImageFormat, ImageInfo, Paper};
pub use model::{
    AggregationMethod, Announcement, AwardTier, BlankSheets, Certificate, Certificates, Corrected,
    Correction, CorrectionMade, Criterion, DecisionKind, DecisionMade, DecreeAttachment,
    EntryChange, EntryField, EntryInfo, FieldChange, ItemCheck, Juror, JurorRef, JurorScore, Kop,
    Level, Minutes, NomineeRecord, Outcome, PanelMember, PanelRole, RankedEntry, RecapAward,
    RecapComponent, RecapRow, RecapTable, RecordedDecision, Recusal, RecusalList, ResultGroup,
    Scale, ScoreRecord, ScoreSheet, ScoreSheets, ScoreSource, ScoredCriterion, ScreenedEntry,
    ScreeningGroup, ScreeningItem, ScreeningResults, ScreeningTable, SheetPhoto, Winner, Witness,
};

use error::Checker;

/// A document to print.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case", tag = "document", content = "data")]
// One document is built per print: the size of the largest variant costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum Document {
    /// Lembar penilaian kosong: one blank sheet per entry.
    BlankSheets(BlankSheets),
    /// Lembar penilaian: filled sheets, one per (juror, entry).
    ScoreSheets(ScoreSheets),
    /// Rekapitulasi nilai: one recap per stage and category, each starting on a new page.
    Recap(Vec<RecapTable>),
    /// Berita acara.
    Minutes(Minutes),
    /// Daftar konflik kepentingan.
    Recusals(RecusalList),
    /// Pengumuman: the results of a decided final, tier by tier.
    Announcement(Announcement),
    /// Lampiran keputusan: the winners as an attachment to the decree.
    DecreeAttachment(DecreeAttachment),
    /// Piagam penghargaan: one landscape page per winner.
    Certificates(Certificates),
}

impl Document {
    /// Every problem in the view model, or `Ok` when it can be printed.
    pub fn validate(&self) -> Result<(), ReportError> {
        let mut c = Checker::default();
        match self {
            Document::BlankSheets(d) => d.check(&mut c),
            Document::ScoreSheets(d) => d.check(&mut c),
            Document::Recap(recaps) => {
                c.check(
                    !recaps.is_empty(),
                    "recaps",
                    rust_i18n::t!("report.no_recap_to_print"),
                );
                for (i, r) in recaps.iter().enumerate() {
                    r.check(&mut c, &format!("recaps[{i}]."));
                }
            }
            Document::Minutes(d) => d.check(&mut c),
            Document::Recusals(d) => d.check(&mut c),
            Document::Announcement(d) => d.check(&mut c),
            Document::DecreeAttachment(d) => d.check(&mut c),
            Document::Certificates(d) => d.check(&mut c),
        }
        c.finish()
    }
}

/// Render `document` in `lang` as an A4 PDF (fonts embedded and subset); see
/// [`render_pdf_on`] for another paper.
pub fn render_pdf(document: &Document, lang: Lang) -> Result<Vec<u8>, ReportError> {
    render_pdf_on(document, lang, Paper::A4)
}

/// Render `document` in `lang` as a PDF on `paper` (fonts embedded and subset).
///
/// The view model is validated first; all its problems are reported at once. The whole
/// document is built in memory (roughly 80 KB per page while building, about 2–3 KB per page
/// in the result), so print very large sets per juror or per category.
pub fn render_pdf_on(
    document: &Document,
    lang: Lang,
    paper: Paper,
) -> Result<Vec<u8>, ReportError> {
    document.validate()?;
    match document {
        Document::BlankSheets(d) => docs::blank_sheet::render(d, lang, paper),
        Document::ScoreSheets(d) => docs::score_sheet::render(d, lang, paper),
        Document::Recap(recaps) => docs::recap::render(recaps, lang, paper),
        Document::Minutes(d) => docs::minutes::render(d, lang, paper),
        Document::Recusals(d) => docs::recusals::render(d, lang, paper),
        Document::Announcement(d) => docs::awards::announcement(d, lang, paper),
        Document::DecreeAttachment(d) => docs::awards::decree_attachment(d, lang, paper),
        Document::Certificates(d) => docs::certificate::render(d, lang, paper),
    }
}
