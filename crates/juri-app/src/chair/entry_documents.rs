//! Each entry's documents (a proposal PDF, images, office files) and links (a video, a website):
//! named in the entries sheet or added one by one by the chair, each document checked for what it
//! is and how large, and kept by its SHA-256.

use std::path::{Path, PathBuf};

use rust_i18n::t;
use serde::Serialize;
use sha2::Digest;

use crate::chair::Chair;
use crate::error::AppError;
use crate::refusal::Refusal;

pub use juri_bundle::{MAX_DOCUMENTS_PER_ENTRY, MAX_DOCUMENT_BYTES, MAX_LINKS_PER_ENTRY};

/// A document of an entry, as the chair's screens and `juri entries documents` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentInfo {
    pub name: String,
    /// Lowercase hex SHA-256 of its bytes.
    pub sha256: String,
    pub size: u64,
    /// `pdf`, `image` or `office`.
    pub kind: String,
    /// When it was first recorded for the entry (RFC 3339).
    pub added_at: String,
}

/// An entry's documents and links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EntryEvidence {
    pub entry: String,
    pub documents: Vec<DocumentInfo>,
    pub links: Vec<String>,
}

/// A document on disk, checked, ready to record: its bytes are read again only when kept
/// ([`CheckedDocument::keep`]), so an import holds one document in memory at a time.
#[derive(Debug, Clone)]
pub(crate) struct CheckedDocument {
    pub name: String,
    pub sha256: String,
    pub kind: &'static str,
    pub size: u64,
    path: PathBuf,
    shown: String,
}

impl CheckedDocument {
    /// Keeps the document's bytes in the database (read again from disk, and refused if they
    /// changed since they were checked), unless bytes with its SHA-256 are kept already.
    pub fn keep(&self, tx: &juri_store::Tx<'_>) -> Result<(), AppError> {
        if tx.has_document(&self.sha256)? {
            return Ok(());
        }
        let bytes = std::fs::read(&self.path).map_err(|e| AppError::io(&self.path, e))?;
        if hex::encode(sha2::Sha256::digest(&bytes)) != self.sha256 {
            return Err(AppError::BadFile {
                file: self.shown.clone(),
                message: t!("documents.changed").into_owned(),
            });
        }
        tx.keep_document(&self.sha256, self.kind, &bytes)?;
        Ok(())
    }
}

/// What a document's bytes are, from their first bytes and (for office files, which are ZIP or
/// OLE containers) the name's extension: `pdf`, `image` (PNG, JPEG, WebP) or `office` (Word,
/// Excel, PowerPoint and OpenDocument files). `None` for anything else.
pub fn document_kind(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.starts_with(b"%PDF-") {
        return Some("pdf");
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || (bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP")
    {
        return Some("image");
    }
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    match ext.as_str() {
        "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp" if zip => Some("office"),
        "doc" | "xls" | "ppt" if ole => Some("office"),
        _ => None,
    }
}

/// Whether two document names are the same for an entry: letters' case aside, as a juror's
/// laptop (which may not tell `Foto.jpg` from `foto.jpg`) would see them.
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// Sizes as people read them: `812 KB`, `3.4 MB`.
pub fn human_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// Reads and checks the document at `path` (shown as `shown`): a regular file, at most
/// [`MAX_DOCUMENT_BYTES`], a PDF, an image or an office document. The problem, in words, when not.
pub(crate) fn check_document(path: &Path, shown: &str) -> Result<CheckedDocument, String> {
    let meta = std::fs::metadata(path)
        .map_err(|_| t!("documents.not_found", file = shown).into_owned())?;
    if !meta.is_file() {
        return Err(t!("documents.not_a_file", file = shown).into_owned());
    }
    if meta.len() > MAX_DOCUMENT_BYTES {
        return Err(t!(
            "documents.too_large",
            file = shown,
            size = meta.len(),
            max = MAX_DOCUMENT_BYTES
        )
        .into_owned());
    }
    let unreadable =
        |e: std::io::Error| t!("documents.unreadable", file = shown, error = e).into_owned();
    // Read in pieces: the first bytes say what it is, every byte goes into the SHA-256.
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut hasher = sha2::Sha256::new();
    let mut head = Vec::new();
    let mut size = 0u64;
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = std::io::Read::read(&mut file, &mut buffer).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        if head.len() < 16 {
            head.extend_from_slice(&buffer[..n.min(16 - head.len())]);
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
        if size > MAX_DOCUMENT_BYTES {
            return Err(t!(
                "documents.too_large",
                file = shown,
                size = size,
                max = MAX_DOCUMENT_BYTES
            )
            .into_owned());
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.to_string());
    // The name travels in juror packages, where it must be a plain file name.
    if !juri_bundle::is_file_name(&name) {
        return Err(t!("documents.bad_name", file = shown).into_owned());
    }
    let kind = document_kind(&name, &head)
        .ok_or_else(|| t!("documents.unknown_kind", file = shown).into_owned())?;
    Ok(CheckedDocument {
        sha256: hex::encode(hasher.finalize()),
        name,
        kind,
        size,
        path: path.to_path_buf(),
        shown: shown.to_string(),
    })
}

/// The files a sheet's `documents` cell names, relative to the sheet's folder `base`: each item
/// (separated by `;` or a line break) a file, or a folder whose files (not its sub-folders, not
/// hidden files) are taken in name order. Each path with the text shown for it.
pub(crate) fn cell_paths(base: &Path, cell: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for item in cell
        .split([';', '\n', '\r'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let path = base.join(item);
        if path.is_dir() {
            let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(&path)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| e.path().is_file())
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| {
                    let shown = format!(
                        "{}/{}",
                        item.trim_end_matches(['/', '\\']),
                        e.file_name().to_string_lossy()
                    );
                    (e.path(), shown)
                })
                .collect();
            files.sort_by(|a, b| a.1.cmp(&b.1));
            out.extend(files);
        } else {
            out.push((path, item.to_string()));
        }
    }
    out
}

/// A link as a message shows it: its first 60 characters, then "…".
fn shown_link(link: &str) -> String {
    match link.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &link[..end]),
        None => link.to_string(),
    }
}

/// The links a sheet's `links` cell names (separated by `;`, spaces or line breaks), each an
/// `http://` or `https://` address; the problem, in words, for one that is not.
pub(crate) fn cell_links(cell: &str) -> Result<Vec<String>, String> {
    let mut links = Vec::new();
    for link in cell
        .split(|c: char| c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
    {
        if link.len() > juri_bundle::MAX_LINK_BYTES {
            return Err(t!(
                "documents.long_link",
                link = shown_link(link),
                max = juri_bundle::MAX_LINK_BYTES
            )
            .into_owned());
        }
        if !juri_bundle::is_web_link(link) {
            return Err(t!("documents.bad_link", link = shown_link(link)).into_owned());
        }
        links.push(link.to_string());
    }
    if links.len() > MAX_LINKS_PER_ENTRY {
        return Err(t!(
            "documents.too_many_links",
            count = links.len(),
            max = MAX_LINKS_PER_ENTRY
        )
        .into_owned());
    }
    Ok(links)
}

impl Chair {
    /// Every entry's documents and links (or one entry's), in the entries' order; entries with
    /// neither are left out unless `code` names one.
    pub fn entry_evidence(&self, code: Option<&str>) -> Result<Vec<EntryEvidence>, AppError> {
        let snap = self.snapshot()?;
        if let Some(code) = code {
            if snap.entry_index(code).is_none() {
                return Err(AppError::UnknownEntry(code.to_string()));
            }
        }
        let tx = self.db.read();
        let documents = tx.entry_documents(None)?;
        let links = tx.entry_links(None)?;
        let mut out = Vec::new();
        for (entry, row) in snap.entries.iter().zip(&snap.entry_ids) {
            if code.is_some_and(|c| c != entry.code) {
                continue;
            }
            let evidence = EntryEvidence {
                entry: entry.code.clone(),
                documents: documents
                    .iter()
                    .filter(|d| d.entry_id == *row)
                    .map(|d| DocumentInfo {
                        name: d.name.clone(),
                        sha256: d.sha256.clone(),
                        size: u64::try_from(d.size).unwrap_or_default(),
                        kind: d.kind.clone(),
                        added_at: d.added_at.clone(),
                    })
                    .collect(),
                links: links
                    .iter()
                    .filter(|(e, _)| e == row)
                    .map(|(_, l)| l.clone())
                    .collect(),
            };
            if code.is_some() || !evidence.documents.is_empty() || !evidence.links.is_empty() {
                out.push(evidence);
            }
        }
        Ok(out)
    }

    /// Adds the document at `file` to entry `code`, or, with `replace`, puts it in the place of
    /// the entry's document of that name; audit-logged. The same checks as the entries sheet's
    /// (a PDF, an image or an office document, at most [`MAX_DOCUMENT_BYTES`]); a name the entry
    /// has already is refused unless it is the one replaced.
    pub fn add_entry_document(
        &mut self,
        code: &str,
        file: &Path,
        replace: Option<&str>,
    ) -> Result<DocumentInfo, AppError> {
        let shown = file.display().to_string();
        let checked = check_document(file, &shown)
            .map_err(|problem| AppError::Refused(Refusal::Document { problem }))?;
        let snap = self.snapshot()?;
        let index = snap
            .entry_index(code)
            .ok_or_else(|| AppError::UnknownEntry(code.to_string()))?;
        let row = snap.entry_ids[index];
        let now = crate::now();
        self.db.write(|tx| -> Result<DocumentInfo, AppError> {
            // The entry's documents as they stay (their bytes are kept already) and the new one.
            let before = tx.entry_documents(Some(row))?;
            if let Some(old) = replace {
                if !before.iter().any(|d| d.name == old) {
                    return Err(Refusal::NoSuchDocument {
                        entry: code.to_string(),
                        name: old.to_string(),
                    }
                    .into());
                }
            }
            if let Some(taken) = before
                .iter()
                .find(|d| same_name(&d.name, &checked.name) && Some(d.name.as_str()) != replace)
            {
                return Err(Refusal::DocumentNameTaken {
                    entry: code.to_string(),
                    name: taken.name.clone(),
                }
                .into());
            }
            if replace.is_none() && before.len() >= MAX_DOCUMENTS_PER_ENTRY {
                return Err(Refusal::TooManyDocuments {
                    entry: code.to_string(),
                    max: MAX_DOCUMENTS_PER_ENTRY,
                }
                .into());
            }
            checked.keep(tx)?;
            let new = juri_store::NewDocument {
                name: &checked.name,
                sha256: &checked.sha256,
                kind: checked.kind,
                bytes: None,
            };
            let mut documents: Vec<juri_store::NewDocument<'_>> = before
                .iter()
                .map(|d| juri_store::NewDocument {
                    name: &d.name,
                    sha256: &d.sha256,
                    kind: &d.kind,
                    bytes: None,
                })
                .collect();
            match replace.and_then(|old| before.iter().position(|d| d.name == old)) {
                Some(at) => documents[at] = new,
                None => documents.push(new),
            }
            tx.set_entry_documents(row, &documents, &now)?;
            tx.drop_unnamed_documents()?;
            let short = &checked.sha256[..12];
            tx.audit(
                &now,
                "entries",
                &match replace {
                    None => format!(
                        "{code}: document {} added ({}, {}, SHA-256 {short}…)",
                        checked.name,
                        checked.kind,
                        human_size(checked.size)
                    ),
                    Some(old) => format!(
                        "{code}: document {old} replaced by {} ({}, {}, SHA-256 {short}…)",
                        checked.name,
                        checked.kind,
                        human_size(checked.size)
                    ),
                },
            )?;
            Ok(DocumentInfo {
                name: checked.name.clone(),
                sha256: checked.sha256.clone(),
                size: checked.size,
                kind: checked.kind.to_string(),
                added_at: now.clone(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_known_by_its_content_and_an_office_file_also_by_its_extension() {
        let zip = b"PK\x03\x04rest";
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        for (name, bytes, kind) in [
            ("a.pdf", &b"%PDF-1.7 x"[..], Some("pdf")),
            ("tanpa-ekstensi", &b"%PDF-1.4"[..], Some("pdf")),
            ("a.png", &b"\x89PNG\r\n\x1a\nxx"[..], Some("image")),
            ("a.jpg", &[0xFF, 0xD8, 0xFF, 0xE0][..], Some("image")),
            ("a.webp", &b"RIFF\0\0\0\0WEBPVP8 "[..], Some("image")),
            ("a.docx", &zip[..], Some("office")),
            ("A.XLSX", &zip[..], Some("office")),
            ("a.odp", &zip[..], Some("office")),
            ("a.doc", &ole[..], Some("office")),
            // A ZIP that is no office file, an office name on other bytes, text.
            ("a.zip", &zip[..], None),
            ("a.docx", &ole[..], None),
            ("a.doc", &zip[..], None),
            ("a.pdf", &b"<html>"[..], None),
            ("a.txt", &b"%PD"[..], None),
            ("a.webp", &b"RIFF\0\0\0\0WAVE"[..], None),
        ] {
            assert_eq!(document_kind(name, bytes), kind, "{name}");
        }
    }

    #[test]
    fn links_are_web_addresses() {
        assert_eq!(
            cell_links(" https://a.id;http://b.id/x \n https://c.id ").unwrap(),
            ["https://a.id", "http://b.id/x", "https://c.id"]
        );
        for bad in [
            "ftp://a.id",
            "https://",
            "http:///x",
            "www.a.id",
            "javascript:alert(1)",
        ] {
            assert!(cell_links(bad).is_err(), "{bad}");
        }
        // The longest link passes; one byte more is named as too long, shown shortened.
        let longest = format!("https://a.id/{}", "x".repeat(2000 - 13));
        assert_eq!(
            cell_links(&longest).unwrap(),
            std::slice::from_ref(&longest)
        );
        let said = crate::in_english(|| cell_links(&format!("{longest}x")).unwrap_err());
        assert_eq!(
            said,
            format!(
                "link 'https://a.id/{}…' is longer than 2000 bytes",
                "x".repeat(47)
            )
        );
        let many = vec!["https://a.id"; 21].join(" ");
        assert!(cell_links(&many).is_err());
    }
}
