//! The one error type of this crate.

use std::fmt;

/// Why a document or an export could not be produced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The view model handed in is inconsistent; every problem found is listed.
    #[error("{}", rust_i18n::t!("report.invalid_input", count = .0.len(), problems = Problems(.0)))]
    InvalidInput(Vec<Problem>),
    /// A number given as text is not a plain decimal such as `85.50` or `-3`.
    #[error("{}", rust_i18n::t!("report.invalid_decimal", text = format!("{text:?}")))]
    InvalidDecimal { text: String },
    /// An embedded font could not be read (a broken build, never user input).
    #[error("{}", rust_i18n::t!("report.font", face = face, detail = detail))]
    Font { face: String, detail: String },
    /// The PDF writer reported errors while assembling the file.
    #[error("{}", rust_i18n::t!("report.pdf_not_written", detail = .0.join("; ")))]
    PdfWriter(Vec<String>),
    /// The spreadsheet writer failed.
    #[error("{}", rust_i18n::t!("report.spreadsheet_not_written", detail = .0))]
    Spreadsheet(String),
    /// The CSV writer failed.
    #[error("{}", rust_i18n::t!("report.csv_not_written", detail = .0))]
    Csv(String),
}

/// One problem in a view model: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Path to the offending value, e.g. `rows[3].scores`.
    pub location: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    pub(crate) fn new(location: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            location: location.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

struct Problems<'a>(&'a [Problem]);

impl fmt::Display for Problems<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// Collects problems while a view model is checked, then turns them into one error.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    pub(crate) fn check(
        &mut self,
        ok: bool,
        location: impl Into<String>,
        message: impl Into<String>,
    ) {
        if !ok {
            self.problems.push(Problem::new(location, message));
        }
    }

    pub(crate) fn non_empty(&mut self, text: &str, location: impl Into<String>) {
        self.check(
            !text.trim().is_empty(),
            location,
            rust_i18n::t!("report.must_not_be_empty"),
        );
    }

    pub(crate) fn finish(self) -> Result<(), ReportError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ReportError::InvalidInput(self.problems))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_is_named_in_the_message() {
        let mut c = Checker::default();
        c.non_empty(" ", "competition");
        c.check(false, "rows[2].scores", "3 cells for 4 jurors");
        c.check(true, "never", "shown");
        let err = c.finish().unwrap_err();
        assert_eq!(
            err.to_string(),
            "the document data has 2 problem(s): competition: must not be empty; \
             rows[2].scores: 3 cells for 4 jurors"
        );
    }
}
