//! The documents and links of the juror's entries: named by the chair-signed package (each
//! document by its SHA-256), their bytes installed from the documents file the chair writes beside
//! the package, and read back for the viewer or saved as a copy.

use std::path::Path;

use rust_i18n::t;
use serde::Serialize;

use crate::error::AppError;
use crate::juror::JurorWorkspace;
use crate::refusal::Refusal;
use crate::roundtrip::documents_file::DocumentsReader;

/// A document of one of the juror's entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JurorDocument {
    pub name: String,
    /// `pdf`, `image` or `office`.
    pub kind: String,
    pub size: u64,
    /// Lowercase hex SHA-256, as the signed package names it.
    pub sha256: String,
    /// Whether its bytes are installed on this laptop.
    pub installed: bool,
}

/// An entry's documents and links, as the juror's package names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JurorEntryEvidence {
    pub entry: String,
    pub documents: Vec<JurorDocument>,
    pub links: Vec<String>,
}

/// What installing a documents file did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstalledDocuments {
    pub file: String,
    /// Documents installed now, and their bytes.
    pub installed: usize,
    pub bytes: u64,
    /// Documents the file holds that were installed already.
    pub already: usize,
    /// Documents the package names that are still not installed.
    pub missing: usize,
}

impl JurorWorkspace {
    /// Every entry's documents and links (or one entry's), in the package's order; entries with
    /// neither are left out unless `entry` names one.
    pub fn documents(&self, entry: Option<&str>) -> Result<Vec<JurorEntryEvidence>, AppError> {
        let installed = self.installed()?;
        if let Some(code) = entry {
            if !installed.entries.iter().any(|e| e.code == code) {
                return Err(Refusal::EntryNotInPackage {
                    entry: code.to_string(),
                }
                .into());
            }
        }
        let tx = self.db.read();
        let documents = tx.entry_documents(entry)?;
        let links = tx.entry_links(entry)?;
        let mut out = Vec::new();
        for e in &installed.entries {
            if entry.is_some_and(|c| c != e.code) {
                continue;
            }
            let evidence = JurorEntryEvidence {
                entry: e.code.clone(),
                documents: documents
                    .iter()
                    .filter(|d| d.entry == e.code)
                    .map(|d| JurorDocument {
                        name: d.name.clone(),
                        kind: d.kind.clone(),
                        size: u64::try_from(d.size).unwrap_or_default(),
                        sha256: d.sha256.clone(),
                        installed: d.installed,
                    })
                    .collect(),
                links: links
                    .iter()
                    .filter(|(c, _)| *c == e.code)
                    .map(|(_, l)| l.clone())
                    .collect(),
            };
            if entry.is_some() || !evidence.documents.is_empty() || !evidence.links.is_empty() {
                out.push(evidence);
            }
        }
        Ok(out)
    }

    /// Installs the documents in the chair's documents file `file`: each must be one the installed
    /// package names, its bytes matching the SHA-256 the package names. A file for another
    /// competition or juror, for a package not installed yet, holding anything but documents named
    /// by their SHA-256 (a folder, `../`), or with one document changed or swapped is refused
    /// whole: nothing is installed. Documents installed already are skipped.
    pub fn install_documents(&mut self, file: &Path) -> Result<InstalledDocuments, AppError> {
        let shown = file.display().to_string();
        let bad = |message: String| AppError::BadFile {
            file: shown.clone(),
            message,
        };
        let installed = self.installed()?;
        let handle = std::fs::File::open(file).map_err(|e| AppError::io(file, e))?;
        let mut reader = DocumentsReader::open(std::io::BufReader::new(handle), &shown)?;
        let manifest = reader.manifest.clone();
        if manifest.competition_id != installed.pin.competition_id {
            return Err(bad(t!(
                "documents.other_competition",
                found = manifest.competition_id,
                expected = installed.pin.competition_id
            )
            .into_owned()));
        }
        if manifest.juror_id != installed.pin.juror_id {
            return Err(bad(t!(
                "documents.other_juror",
                found = manifest.juror_id,
                expected = installed.pin.juror_id
            )
            .into_owned()));
        }
        if manifest.package_version > installed.pin.package_version {
            return Err(bad(t!(
                "documents.newer_package",
                found = manifest.package_version,
                installed = installed.pin.package_version
            )
            .into_owned()));
        }
        let named = self.db.read().entry_documents(None)?;
        let names = reader.names();
        // Every name first: a document the package does not name refuses the file before any
        // bytes are read.
        for sha256 in &names {
            if !named.iter().any(|d| &d.sha256 == sha256) {
                return Err(bad(t!(
                    "documents.not_in_package",
                    sha = &sha256[..12],
                    version = installed.pin.package_version
                )
                .into_owned()));
            }
        }
        let now = crate::now();
        let (count, bytes, already) = self.db.write(|tx| -> Result<_, AppError> {
            let (mut count, mut bytes, mut already) = (0usize, 0u64, 0usize);
            for sha256 in &names {
                if tx.has_document(sha256)? {
                    already += 1;
                    continue;
                }
                let size = named
                    .iter()
                    .find(|d| &d.sha256 == sha256)
                    .map(|d| u64::try_from(d.size).unwrap_or_default())
                    .unwrap_or_default();
                let content = reader.read(sha256, size)?;
                tx.put_document(sha256, &content, &now)?;
                count += 1;
                bytes += content.len() as u64;
            }
            Ok((count, bytes, already))
        })?;
        let missing = self.documents_missing()?;
        Ok(InstalledDocuments {
            file: shown,
            installed: count,
            bytes,
            already,
            missing,
        })
    }

    /// How many documents the installed package names whose bytes are not installed (each
    /// document once, however many entries name it).
    pub(crate) fn documents_missing(&self) -> Result<usize, AppError> {
        Ok(self
            .db
            .read()
            .entry_documents(None)?
            .iter()
            .filter(|d| !d.installed)
            .map(|d| d.sha256.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len())
    }

    /// The bytes of entry `entry`'s document `name`, as installed (checked against the package
    /// when installed).
    pub fn document_bytes(&self, entry: &str, name: &str) -> Result<Vec<u8>, AppError> {
        let evidence = self.documents(Some(entry))?;
        let document = evidence
            .iter()
            .flat_map(|e| &e.documents)
            .find(|d| d.name == name)
            .ok_or_else(|| Refusal::DocumentNotNamed {
                entry: entry.to_string(),
                name: name.to_string(),
            })?;
        self.db
            .read()
            .document_bytes(&document.sha256)?
            .ok_or_else(|| {
                Refusal::DocumentNotInstalled {
                    entry: entry.to_string(),
                    name: name.to_string(),
                }
                .into()
            })
    }

    /// Saves a copy of entry `entry`'s document `name` to a new file `out` (an existing file is
    /// not overwritten).
    pub fn save_document(&self, entry: &str, name: &str, out: &Path) -> Result<u64, AppError> {
        let bytes = self.document_bytes(entry, name)?;
        crate::files::write_new_file(out, &bytes)?;
        Ok(bytes.len() as u64)
    }
}
