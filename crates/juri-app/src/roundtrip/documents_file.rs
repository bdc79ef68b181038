//! The documents file that travels beside a juror package: a zip holding `juri-documents.json`
//! (which competition, juror and package it comes with) and each document's bytes under the name
//! of their SHA-256. It is not signed: every document is named by its SHA-256 in the chair-signed
//! package, and the juror's laptop installs only bytes whose SHA-256 the installed package names
//! (docs/formats.md, "Documents file").

use std::io::{Read, Seek, Write};
use std::path::Path;

use rust_i18n::t;
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::error::AppError;

/// The name of the manifest inside a documents file.
pub const DOCUMENTS_MANIFEST: &str = "juri-documents.json";

/// The `format` of the manifest.
const DOCUMENTS_FORMAT: &str = "juri-documents";

/// The manifest's format version this build writes and reads.
const DOCUMENTS_VERSION: u32 = 1;

/// What a documents file says it comes with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentsManifest {
    pub format: String,
    pub format_version: u32,
    pub competition_id: String,
    pub juror_id: String,
    /// The package version it was written with.
    pub package_version: u32,
    /// The SHA-256 of each document in the file, in the file's order.
    pub documents: Vec<String>,
}

impl DocumentsManifest {
    pub fn new(
        competition_id: &str,
        juror_id: &str,
        package_version: u32,
        documents: Vec<String>,
    ) -> Self {
        DocumentsManifest {
            format: DOCUMENTS_FORMAT.into(),
            format_version: DOCUMENTS_VERSION,
            competition_id: competition_id.into(),
            juror_id: juror_id.into(),
            package_version,
            documents,
        }
    }
}

/// The file name of the documents file written beside `package`: `lomba-J1.juri` →
/// `lomba-J1-documents.zip`.
pub fn documents_file_beside(package: &Path) -> std::path::PathBuf {
    let stem = package
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "juri".into());
    package.with_file_name(format!("{stem}-documents.zip"))
}

/// Writes a documents file: the manifest, then each document (stored, not compressed: PDFs and
/// images are compressed already) as `bytes_of` gives it, in the manifest's order.
pub fn write_documents<W: Write + Seek>(
    out: W,
    manifest: &DocumentsManifest,
    mut bytes_of: impl FnMut(&str) -> Result<Vec<u8>, AppError>,
) -> Result<W, AppError> {
    let io = |e: zip::result::ZipError| AppError::Internal(format!("writing a zip: {e}"));
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .large_file(false);
    let json = serde_json::to_vec_pretty(manifest)
        .map_err(|e| AppError::Internal(format!("writing the documents manifest: {e}")))?;
    zip.start_file(DOCUMENTS_MANIFEST, options).map_err(io)?;
    zip.write_all(&json)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    for sha256 in &manifest.documents {
        let bytes = bytes_of(sha256)?;
        zip.start_file(sha256.as_str(), options).map_err(io)?;
        zip.write_all(&bytes)
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    zip.finish().map_err(io)
}

/// A documents file opened for reading: its manifest checked, every name in it checked.
pub struct DocumentsReader<R: Read + Seek> {
    zip: zip::ZipArchive<R>,
    shown: String,
    pub manifest: DocumentsManifest,
}

impl<R: Read + Seek> DocumentsReader<R> {
    /// Opens a documents file. Refuses anything that is not a zip with a Juri documents manifest,
    /// and a file holding any name other than the manifest and 64 lowercase hexadecimal digits (a
    /// folder, `../`, a name of another kind): nothing in it is read further.
    pub fn open(reader: R, shown: &str) -> Result<Self, AppError> {
        let bad = |message: String| AppError::BadFile {
            file: shown.to_string(),
            message,
        };
        let mut zip = zip::ZipArchive::new(reader)
            .map_err(|e| bad(t!("documents.not_documents_file", detail = e).into_owned()))?;
        for i in 0..zip.len() {
            let entry = zip
                .by_index_raw(i)
                .map_err(|e| bad(t!("documents.not_documents_file", detail = e).into_owned()))?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            if name != DOCUMENTS_MANIFEST && !juri_bundle::is_sha256_hex(&name) {
                return Err(bad(t!(
                    "documents.name_outside",
                    name = name.escape_debug()
                )
                .into_owned()));
            }
        }
        let manifest: DocumentsManifest = {
            let mut entry = zip.by_name(DOCUMENTS_MANIFEST).map_err(|_| {
                bad(t!("documents.no_manifest", manifest = DOCUMENTS_MANIFEST).into_owned())
            })?;
            let mut text = Vec::new();
            (&mut entry)
                .take(16 * 1024 * 1024)
                .read_to_end(&mut text)
                .map_err(|e| bad(e.to_string()))?;
            serde_json::from_slice(&text)
                .map_err(|e| bad(t!("documents.manifest_bad", detail = e).into_owned()))?
        };
        if manifest.format != DOCUMENTS_FORMAT || manifest.format_version != DOCUMENTS_VERSION {
            return Err(bad(t!(
                "documents.manifest_version",
                format = manifest.format,
                version = manifest.format_version
            )
            .into_owned()));
        }
        Ok(DocumentsReader {
            zip,
            shown: shown.to_string(),
            manifest,
        })
    }

    /// The names (SHA-256) of the documents the file holds, in its order.
    pub fn names(&self) -> Vec<String> {
        self.zip
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| n != DOCUMENTS_MANIFEST)
            .map(|n| n.into_owned())
            .collect()
    }

    /// The bytes of document `sha256`, refused when larger than the package says (`size`) or when
    /// their SHA-256 is not their name (the file was changed after it was written).
    pub fn read(&mut self, sha256: &str, size: u64) -> Result<Vec<u8>, AppError> {
        let shown = self.shown.clone();
        let bad = |message: String| AppError::BadFile {
            file: shown.clone(),
            message,
        };
        let mut entry = self
            .zip
            .by_name(sha256)
            .map_err(|e| bad(t!("documents.not_documents_file", detail = e).into_owned()))?;
        let mut bytes = Vec::with_capacity(size.min(entry.size()) as usize);
        (&mut entry)
            .take(size + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                bad(t!(
                    "documents.document_changed",
                    sha = &sha256[..12],
                    detail = e
                )
                .into_owned())
            })?;
        if hex::encode(sha2::Sha256::digest(&bytes)) != sha256 {
            return Err(bad(t!(
                "documents.document_changed",
                sha = &sha256[..12],
                detail = t!("documents.hash_differs")
            )
            .into_owned()));
        }
        Ok(bytes)
    }
}
