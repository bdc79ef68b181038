//! Rendering a document: one request in, PDF bytes or a file out.

use std::path::{Path, PathBuf};

use juri_report::Document;

use super::common::*;
use super::request::{DocumentKind, PrintRequest};
use crate::chair::Chair;
use crate::error::AppError;

impl Chair {
    /// A document as PDF bytes: for a finalised stage its official copy, otherwise a draft (see
    /// [`Chair::print_document`]).
    #[tracing::instrument(name = "print", skip(self, req), fields(document = ?doc))]
    pub fn print(&mut self, doc: DocumentKind, req: &PrintRequest) -> Result<Vec<u8>, AppError> {
        Ok(self.print_document(doc, req)?.bytes)
    }

    /// Renders a document afresh from the chair's data.
    pub(super) fn render(
        &self,
        doc: DocumentKind,
        req: &PrintRequest,
    ) -> Result<Vec<u8>, AppError> {
        self.read(|| {
            let paper = paper(req)?;
            let snap = self.snapshot()?;
            let document = match doc {
                DocumentKind::BlankSheet => Document::BlankSheets(self.blank_sheets(&snap, req)?),
                DocumentKind::ScoreSheet => Document::ScoreSheets(self.score_sheets(&snap, req)?),
                DocumentKind::Recap => Document::Recap(self.recaps(&snap, req)?),
                DocumentKind::Minutes => Document::Minutes(self.minutes(&snap, req)?),
                DocumentKind::Recusals => Document::Recusals(self.recusal_list(&snap, req)?),
                DocumentKind::Announcement => {
                    Document::Announcement(self.announcement(&snap, req)?)
                }
                DocumentKind::DecreeAttachment => {
                    Document::DecreeAttachment(self.decree_attachment(&snap, req)?)
                }
                DocumentKind::Certificate => Document::Certificates(self.certificates(&snap, req)?),
            };
            juri_report::render_pdf_on(&document, lang(req), paper)
                .map_err(|e| AppError::render(doc.as_str(), e))
        })
    }

    /// Prints into `folder` under a name that says what the document holds and when (see
    /// [`DocumentKind::file_in`]); returns the path.
    pub fn print_into(
        &mut self,
        doc: DocumentKind,
        req: &PrintRequest,
        folder: &Path,
    ) -> Result<PathBuf, AppError> {
        let bytes = self.print(doc, req)?;
        std::fs::create_dir_all(folder).map_err(|error| AppError::io(folder, error))?;
        let parts = [&req.stage, &req.category, &req.juror, &req.entry].map(|p| p.as_deref());
        let path = doc.file_in(folder, &parts, &crate::now());
        crate::files::write_atomically(&path, &bytes)?;
        Ok(path)
    }
}
