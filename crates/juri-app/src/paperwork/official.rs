//! Official copies: a document of a finalised stage is printed once and kept, byte for byte,
//! with its SHA-256; printing the same request again returns the kept bytes, whatever changed
//! since and whichever version of Juri prints it. Documents of a stage that is not finalised are
//! drafts and never kept.

use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;
use juri_bundle::Fingerprint;
use juri_report::Lang;
use juri_store::OfficialKey;
use serde::{Deserialize, Serialize};

use super::awards::final_stage;
use super::common::lang;
use super::request::{DocumentKind, PrintRequest};
use crate::chair::Chair;
use crate::error::AppError;
use crate::refusal::Refusal;

/// A printed document: its bytes and, when it is an official copy, what it is.
#[derive(Debug, Clone)]
pub struct Printed {
    pub bytes: Vec<u8>,
    pub official: Option<OfficialCopy>,
    /// This print kept the official copy (its first print); `false` when the kept copy was
    /// returned, or for a draft.
    pub first_print: bool,
}

/// What an official copy is: the document, of which stage, in which language, for which
/// request, when it was first printed and by which version of Juri, and the SHA-256 of its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficialCopy {
    pub stage: String,
    /// The stage's snapshot version (1 for a stage finalised once).
    pub version: i64,
    pub document: DocumentKind,
    /// `id` or `en`.
    pub lang: String,
    pub category: Option<String>,
    pub juror: Option<String>,
    pub entry: Option<String>,
    /// The date printed on the document.
    pub date: NaiveDate,
    pub number: Option<String>,
    pub venue: Option<String>,
    /// SHA-256 of the PDF, 64 lowercase hex digits.
    pub sha256: String,
    /// When it was first printed (RFC 3339).
    pub printed_at: String,
    /// The version of Juri that printed it.
    pub printed_by: String,
}

/// The part of a request that identifies an official copy besides its stage, document and
/// language, stored as JSON in this field order. A frozen row: never change it, add a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct RequestV1 {
    category: Option<String>,
    juror: Option<String>,
    entry: Option<String>,
    date: NaiveDate,
    number: Option<String>,
    venue: Option<String>,
    /// `f4`; absent for A4, so A4 requests read as they always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    paper: Option<String>,
}

impl RequestV1 {
    fn of(req: &PrintRequest, date: NaiveDate) -> RequestV1 {
        RequestV1 {
            category: req.category.clone(),
            juror: req.juror.clone(),
            entry: req.entry.clone(),
            date,
            number: req.number.clone(),
            venue: req.venue.clone(),
            paper: req.paper.clone().filter(|p| !p.eq_ignore_ascii_case("a4")),
        }
    }

    fn to_text(&self) -> Result<String, AppError> {
        serde_json::to_string(self).map_err(|e| AppError::Internal(e.to_string()))
    }

    fn from_text(text: &str) -> Result<RequestV1, AppError> {
        serde_json::from_str(text)
            .map_err(|e| AppError::Damaged(format!("the request of an official copy: {e}")))
    }

    /// The same request whatever its date.
    fn same_but_date(&self, other: &RequestV1) -> bool {
        RequestV1 {
            date: other.date,
            ..self.clone()
        } == *other
    }
}

/// A request for a document that is an official copy: of a finalised stage.
struct Target {
    stage_id: i64,
    /// The stage's snapshot version the copy is kept under: 1 for a stage finalised once, N + 1
    /// after it was re-opened and finalised again N times.
    version: i64,
    stage: String,
    document: DocumentKind,
    lang: &'static str,
    /// An earlier version than the one in force (or than the one being decided again).
    earlier: bool,
    /// An earlier version has a snapshot to print it from (not looked up for the version in
    /// force, whose copies are printed as usual).
    snapshot: bool,
}

impl Target {
    fn key<'a>(&'a self, request: &'a str) -> OfficialKey<'a> {
        OfficialKey {
            stage_id: self.stage_id,
            version: self.version,
            document: self.document.as_str(),
            lang: self.lang,
            request,
        }
    }
}

fn lang_code(req: &PrintRequest) -> &'static str {
    match lang(req) {
        Lang::En => "en",
        Lang::Id => "id",
    }
}

/// A PDF starts with `%PDF-` within its first 1,024 bytes.
fn looks_like_pdf(head: &[u8]) -> bool {
    head.windows(5).any(|w| w == b"%PDF-")
}

impl Chair {
    /// Prints a document. A document of a finalised stage (score sheets, recap, minutes, the
    /// recusal list of that stage; a final's announcement, decree attachment and certificates)
    /// is an official copy: the first print is kept with its SHA-256
    /// and recorded in the audit log, and every later print of the same request returns the kept
    /// bytes. It is rendered from the stage's snapshot, so another request (another language,
    /// paper or date) prints the stage as it was decided too. A request without a date asks for
    /// the first official copy of the same request whatever its date, or prints today's when
    /// there is none. A request for an earlier snapshot version of a stage re-opened and
    /// finalised again returns the copy kept for that version, or prints one from that
    /// version's snapshot (refused when it has neither). Anything else is a draft, rendered
    /// afresh and not kept.
    #[tracing::instrument(name = "print", skip(self, req), fields(document = ?doc))]
    pub fn print_document(
        &mut self,
        doc: DocumentKind,
        req: &PrintRequest,
    ) -> Result<Printed, AppError> {
        // A final's documents print the final stage when the request names none.
        let named;
        let req = match doc {
            DocumentKind::Announcement
            | DocumentKind::DecreeAttachment
            | DocumentKind::Certificate
                if req.stage.is_none() =>
            {
                named = PrintRequest {
                    stage: self
                        .read(|| Ok::<_, AppError>(final_stage(&self.definition()?.2, req)))?,
                    ..req.clone()
                };
                &named
            }
            _ => req,
        };
        let earlier = match req.version {
            Some(version) => self.read(|| self.earlier_target(doc, req, version))?,
            None => None,
        };
        let target = match earlier {
            Some(target) => Some(target),
            None => self.read(|| self.official_target(doc, req))?,
        };
        let Some(target) = target else {
            return Ok(Printed {
                bytes: self.render(doc, req)?,
                official: None,
                first_print: false,
            });
        };
        let date = match req.date {
            Some(date) => Some(date),
            None => self.read(|| self.kept_date(&target, req))?,
        };
        let date = date.unwrap_or_else(|| self.today(req));
        let identity = RequestV1::of(req, date);
        let text = identity.to_text()?;
        if let Some(kept) = self.kept(&target, &text)? {
            return Ok(kept);
        }
        if target.earlier && !target.snapshot {
            // A superseded version without a snapshot is never printed afresh.
            return Err(Refusal::NoKeptVersion {
                stage: target.stage.clone(),
                version: target.version,
                document: doc.as_str().to_string(),
            }
            .into());
        }
        let dated = PrintRequest {
            date: Some(date),
            ..req.clone()
        };
        let bytes = self.render(doc, &dated)?;
        let sha256 = Fingerprint::of(&bytes).to_hex();
        let now = crate::now();
        let printed_by = env!("CARGO_PKG_VERSION");
        let kept_now = self.db.write(|tx| -> Result<bool, AppError> {
            // Checked again in the transaction that keeps it: still finalised (an earlier
            // version: printed from its snapshot), not kept meanwhile.
            let official = if target.earlier {
                tx.stage_snapshot(target.stage_id, target.version)?.is_some()
            } else {
                tx.finalized_version(target.stage_id)? == Some(target.version)
            };
            if !official || tx.official_copy(&target.key(&text))?.is_some() {
                return Ok(false);
            }
            tx.keep_official_copy(&target.key(&text), &sha256, &now, printed_by, &bytes)?;
            tx.audit(
                &now,
                "official-copy",
                &format!(
                    "{} of stage {}{} ({}, dated {date}{}) first printed{}: official copy SHA-256 {sha256}",
                    doc.as_str(),
                    target.stage,
                    if target.version > 1 || target.earlier {
                        format!(" version {}", target.version)
                    } else {
                        String::new()
                    },
                    target.lang,
                    describe_options(&identity),
                    if target.earlier {
                        " from the snapshot of that version"
                    } else {
                        ""
                    },
                ),
            )?;
            Ok(true)
        })?;
        if !kept_now {
            // Another print kept a copy meanwhile (that one is official), or the stage is no
            // longer finalised (this one is a draft).
            if let Some(kept) = self.kept(&target, &text)? {
                return Ok(kept);
            }
            return Ok(Printed {
                bytes,
                official: None,
                first_print: false,
            });
        }
        Ok(Printed {
            official: Some(official_copy(&target, identity, sha256, now, printed_by)),
            bytes,
            first_print: true,
        })
    }

    /// Whether the PDF in `file` is an official copy of this competition: every kept copy with
    /// the same bytes (none when it is not one; more than one only when two requests printed
    /// the same bytes). Reads the file and the database; changes nothing.
    pub fn check_official_copy(&self, file: &Path) -> Result<Vec<OfficialCopy>, AppError> {
        let mut f = std::fs::File::open(file).map_err(|e| AppError::io(file, e))?;
        let mut head = Vec::new();
        (&mut f)
            .take(1024)
            .read_to_end(&mut head)
            .map_err(|e| AppError::io(file, e))?;
        if !looks_like_pdf(&head) {
            return Err(AppError::BadFile {
                file: file.display().to_string(),
                message: rust_i18n::t!("files.not_a_pdf").into_owned(),
            });
        }
        let mut bytes = head;
        f.read_to_end(&mut bytes)
            .map_err(|e| AppError::io(file, e))?;
        let sha256 = Fingerprint::of(&bytes).to_hex();
        self.read(|| {
            let tx = self.db.read();
            let stages = tx.stage_codes()?;
            tx.official_copies_with_sha256(&sha256)?
                .into_iter()
                .map(|row| {
                    let document = DocumentKind::parse(&row.document).ok_or_else(|| {
                        AppError::Damaged(format!("official copy {}: document kind", row.id))
                    })?;
                    let target = Target {
                        stage_id: row.stage_id,
                        version: row.version,
                        stage: stages.get(&row.stage_id).cloned().unwrap_or_default(),
                        document,
                        lang: if row.lang == "en" { "en" } else { "id" },
                        earlier: false,
                        snapshot: false,
                    };
                    let identity = RequestV1::from_text(&row.request)?;
                    Ok(OfficialCopy {
                        version: row.version,
                        ..official_copy(
                            &target,
                            identity,
                            row.sha256,
                            row.printed_at,
                            &row.printed_by,
                        )
                    })
                })
                .collect()
        })
    }

    /// The request names a finalised stage and a document that belongs to it.
    fn official_target(
        &self,
        doc: DocumentKind,
        req: &PrintRequest,
    ) -> Result<Option<Target>, AppError> {
        // A blank sheet is a form, not a record; without a stage a request prints the current
        // (open) stage, or for the recusal list the whole competition.
        // A final's announcement, decree attachment and certificates are of the final stage
        // even when the request does not name it.
        let stage = match doc {
            DocumentKind::ScoreSheet
            | DocumentKind::Recap
            | DocumentKind::Minutes
            | DocumentKind::Recusals => req.stage.clone(),
            DocumentKind::Announcement
            | DocumentKind::DecreeAttachment
            | DocumentKind::Certificate => final_stage(&self.definition()?.2, req),
            DocumentKind::BlankSheet => None,
        };
        let Some(stage) = &stage else {
            return Ok(None);
        };
        let tx = self.db.read();
        let Some(stage_id) = tx.stage_id(stage)? else {
            return Ok(None);
        };
        let Some(version) = tx.finalized_version(stage_id)? else {
            return Ok(None);
        };
        Ok(Some(Target {
            stage_id,
            version,
            stage: stage.clone(),
            document: doc,
            lang: lang_code(req),
            earlier: false,
            snapshot: false,
        }))
    }

    /// The official copy of an earlier snapshot version of the stage that this request asks
    /// for: `None` when `version` is the version in force (printed as usual). A superseded
    /// version's copy is the one kept for it, or one printed from its snapshot; one that has
    /// neither is refused, never rendered from today's data.
    fn earlier_target(
        &self,
        doc: DocumentKind,
        req: &PrintRequest,
        version: i64,
    ) -> Result<Option<Target>, AppError> {
        let Some(stage) = &req.stage else {
            return Ok(None);
        };
        let tx = self.db.read();
        let stage_id = tx
            .stage_id(stage)?
            .ok_or_else(|| AppError::UnknownStage(stage.clone()))?;
        if tx.finalized_version(stage_id)? == Some(version) {
            return Ok(None);
        }
        // A blank sheet is a form, never an official copy.
        let official = doc != DocumentKind::BlankSheet;
        Ok(Some(Target {
            stage_id,
            version,
            stage: stage.clone(),
            document: doc,
            lang: lang_code(req),
            earlier: true,
            snapshot: official && tx.stage_snapshot(stage_id, version)?.is_some(),
        }))
    }

    /// The date of the first official copy of the same request, whatever its date.
    fn kept_date(
        &self,
        target: &Target,
        req: &PrintRequest,
    ) -> Result<Option<NaiveDate>, AppError> {
        let wanted = RequestV1::of(req, NaiveDate::default());
        for row in self.db.read().official_copies_of(
            target.stage_id,
            target.version,
            target.document.as_str(),
            target.lang,
        )? {
            let kept = RequestV1::from_text(&row.request)?;
            if wanted.same_but_date(&kept) {
                return Ok(Some(kept.date));
            }
        }
        Ok(None)
    }

    /// The official copy kept for exactly this request, its bytes checked against their hash.
    fn kept(&self, target: &Target, request: &str) -> Result<Option<Printed>, AppError> {
        self.read(|| {
            let tx = self.db.read();
            let Some(row) = tx.official_copy(&target.key(request))? else {
                return Ok(None);
            };
            let bytes = tx.official_copy_bytes(row.id)?;
            if Fingerprint::of(&bytes).to_hex() != row.sha256 {
                return Err(AppError::Damaged(format!(
                    "the official copy of {} of stage {} does not match its SHA-256",
                    target.document.as_str(),
                    target.stage
                )));
            }
            let identity = RequestV1::from_text(&row.request)?;
            Ok(Some(Printed {
                bytes,
                official: Some(OfficialCopy {
                    version: row.version,
                    ..official_copy(
                        target,
                        identity,
                        row.sha256,
                        row.printed_at,
                        &row.printed_by,
                    )
                }),
                first_print: false,
            }))
        })
    }
}

fn official_copy(
    target: &Target,
    identity: RequestV1,
    sha256: String,
    printed_at: String,
    printed_by: &str,
) -> OfficialCopy {
    OfficialCopy {
        stage: target.stage.clone(),
        version: target.version,
        document: target.document,
        lang: target.lang.to_string(),
        category: identity.category,
        juror: identity.juror,
        entry: identity.entry,
        date: identity.date,
        number: identity.number,
        venue: identity.venue,
        sha256,
        printed_at,
        printed_by: printed_by.to_string(),
    }
}

/// ", category pd, number 001/BA" for the options a request names.
fn describe_options(r: &RequestV1) -> String {
    [
        ("category", &r.category),
        ("juror", &r.juror),
        ("entry", &r.entry),
        ("number", &r.number),
        ("venue", &r.venue),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.as_ref().map(|v| format!(", {name} {v}")))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_request_is_canonical_json() {
        let req = PrintRequest {
            stage: Some("proposal".into()),
            number: Some("001/BA".into()),
            ..PrintRequest::default()
        };
        let date = NaiveDate::from_ymd_opt(2025, 12, 15).unwrap();
        let text = RequestV1::of(&req, date).to_text().unwrap();
        assert_eq!(
            text,
            r#"{"category":null,"juror":null,"entry":null,"date":"2025-12-15","number":"001/BA","venue":null}"#
        );
        let back = RequestV1::from_text(&text).unwrap();
        assert!(back.same_but_date(&RequestV1::of(&req, NaiveDate::default())));
        assert!(!back.same_but_date(&RequestV1::of(&PrintRequest::default(), date)));
        // The paper is part of what a copy is: F4 is another copy; A4 reads as it always did.
        let a4 = PrintRequest {
            paper: Some("a4".into()),
            ..req.clone()
        };
        assert_eq!(RequestV1::of(&a4, date).to_text().unwrap(), text);
        let f4 = PrintRequest {
            paper: Some("f4".into()),
            ..req.clone()
        };
        let f4 = RequestV1::of(&f4, date);
        assert!(f4.to_text().unwrap().ends_with(r#","paper":"f4"}"#));
        assert!(!back.same_but_date(&f4));
    }

    #[test]
    fn a_pdf_is_recognised_by_its_header() {
        assert!(looks_like_pdf(b"%PDF-1.3\n"));
        assert!(looks_like_pdf(b"\xef\xbb\xbf%PDF-1.7"));
        assert!(!looks_like_pdf(b"PK\x03\x04 a spreadsheet"));
        assert!(!looks_like_pdf(b""));
    }
}
