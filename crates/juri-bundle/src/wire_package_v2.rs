//! Format version 2 of the juror package as it is written: frozen once released.
//!
//! Version 2 is version 1 with two more fields on each entry: the entry's `documents`, each named
//! by its SHA-256 (the bytes travel beside the package, in the documents file), and its `links`.
//! Everything else — the envelope, every other field and rule — is version 1's. A package whose
//! entries carry no documents and no links is still written as version 1, so a Juri that reads
//! only version 1 keeps installing it.

use serde::{Deserialize, Serialize};

use crate::content::{PackageContent, PackageDocument};
use crate::error::BundleError;
use crate::keys::ChairPublic;
use crate::wire_v1::{self, Assignment, Chair, Juror, PACKAGE_FORMAT};

/// The package format version this module writes.
pub(crate) const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackagePayload {
    pub format: String,
    pub format_version: u32,
    pub competition_id: String,
    pub package_version: u32,
    pub issued_at: String,
    pub definition_toml: String,
    pub entries: Vec<Entry>,
    pub assignments: Vec<Assignment>,
    pub juror: Juror,
    pub juror_key: String,
    pub juror_secret_sealed: String,
    pub chair: Chair,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Entry {
    pub code: String,
    pub title: String,
    pub institution: Option<String>,
    pub category: String,
    pub rintisan: bool,
    pub description: Option<String>,
    pub documents: Vec<Document>,
    pub links: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    pub name: String,
    pub kind: String,
    pub size: u64,
    pub sha256: String,
}

impl PackagePayload {
    pub fn from_content(c: &PackageContent, chair: &ChairPublic) -> Self {
        let v1 = wire_v1::PackagePayload::from_content(c, chair);
        Self {
            format: v1.format,
            format_version: VERSION,
            competition_id: v1.competition_id,
            package_version: v1.package_version,
            issued_at: v1.issued_at,
            definition_toml: v1.definition_toml,
            entries: v1
                .entries
                .into_iter()
                .zip(&c.entries)
                .map(|(e, content)| Entry {
                    code: e.code,
                    title: e.title,
                    institution: e.institution,
                    category: e.category,
                    rintisan: e.rintisan,
                    description: e.description,
                    documents: content
                        .documents
                        .iter()
                        .map(|d| Document {
                            name: d.name.clone(),
                            kind: d.kind.clone(),
                            size: d.size,
                            sha256: d.sha256.clone(),
                        })
                        .collect(),
                    links: content.links.clone(),
                })
                .collect(),
            assignments: v1.assignments,
            juror: v1.juror,
            juror_key: v1.juror_key,
            juror_secret_sealed: v1.juror_secret_sealed,
            chair: v1.chair,
        }
    }

    pub fn into_content(self) -> Result<(PackageContent, ChairPublic), BundleError> {
        if self.format != PACKAGE_FORMAT || self.format_version != VERSION {
            return Err(BundleError::Corrupt(format!(
                "the content says it is `{}` version {}, which does not match its header",
                self.format, self.format_version
            )));
        }
        let mut extras = Vec::with_capacity(self.entries.len());
        let entries = self
            .entries
            .into_iter()
            .map(|e| {
                extras.push((e.documents, e.links));
                wire_v1::Entry {
                    code: e.code,
                    title: e.title,
                    institution: e.institution,
                    category: e.category,
                    rintisan: e.rintisan,
                    description: e.description,
                }
            })
            .collect();
        let v1 = wire_v1::PackagePayload {
            format: self.format,
            format_version: crate::framing::FORMAT_VERSION,
            competition_id: self.competition_id,
            package_version: self.package_version,
            issued_at: self.issued_at,
            definition_toml: self.definition_toml,
            entries,
            assignments: self.assignments,
            juror: self.juror,
            juror_key: self.juror_key,
            juror_secret_sealed: self.juror_secret_sealed,
            chair: self.chair,
        };
        let (mut content, chair) = v1.into_content()?;
        for (entry, (documents, links)) in content.entries.iter_mut().zip(extras) {
            entry.documents = documents
                .into_iter()
                .map(|d| PackageDocument {
                    name: d.name,
                    kind: d.kind,
                    size: d.size,
                    sha256: d.sha256,
                })
                .collect();
            entry.links = links;
        }
        Ok((content, chair))
    }
}

/// Whether `content` needs version 2: some entry names a document or a link.
pub(crate) fn needed_for(content: &PackageContent) -> bool {
    content
        .entries
        .iter()
        .any(|e| !e.documents.is_empty() || !e.links.is_empty())
}
