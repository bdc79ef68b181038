//! Format version 1 as it is written: frozen. Never change these types;
//! a change of the payload is a new format version with its own module,
//! and these stay so that version 1 files keep opening.

use serde::{Deserialize, Serialize};

use crate::content::{
    BundleContent, EntryNote, JurorIdentity, PackageContent, PackageEntry, ScoreCell,
    StageAssignment, Submission,
};
use crate::error::BundleError;
use crate::framing::{decode_base64, decode_fixed, encode_base64};
use crate::keys::{ChairPublic, JurorCredential};

pub(crate) const PACKAGE_FORMAT: &str = "juri-package";
pub(crate) const BUNDLE_FORMAT: &str = "juri-bundle";

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
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Assignment {
    pub stage: String,
    pub entries: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Juror {
    pub id: String,
    pub name: String,
    pub affiliation: String,
    pub role: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Chair {
    pub signing_key: String,
    pub age_recipient: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BundlePayload {
    pub format: String,
    pub format_version: u32,
    pub competition_id: String,
    pub juror_id: String,
    pub juror_key: String,
    pub package_version: u32,
    pub exported_at: String,
    pub sequence: u64,
    pub scores: Vec<Score>,
    pub notes: Vec<Note>,
    pub submissions: Vec<Submitted>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Score {
    pub stage: String,
    pub entry: String,
    pub criterion: String,
    pub value: Option<String>,
    pub comment: String,
    pub revision: u64,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Note {
    pub stage: String,
    pub entry: String,
    pub note: String,
    pub revision: u64,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Submitted {
    pub stage: String,
    pub entry: String,
    pub submitted: bool,
    pub revision: u64,
    pub updated_at: String,
}

fn check_marker(format: &str, version: u32, expected: &str) -> Result<(), BundleError> {
    if format != expected || version != crate::framing::FORMAT_VERSION {
        return Err(BundleError::Corrupt(format!(
            "the content says it is `{format}` version {version}, which does not match its header"
        )));
    }
    Ok(())
}

impl PackagePayload {
    pub fn from_content(c: &PackageContent, chair: &ChairPublic) -> Self {
        Self {
            format: PACKAGE_FORMAT.into(),
            format_version: crate::framing::FORMAT_VERSION,
            competition_id: c.competition_id.clone(),
            package_version: c.package_version,
            issued_at: c.issued_at.clone(),
            definition_toml: c.definition_toml.clone(),
            entries: c
                .entries
                .iter()
                .map(|e| Entry {
                    code: e.code.clone(),
                    title: e.title.clone(),
                    institution: e.institution.clone(),
                    category: e.category.clone(),
                    rintisan: e.rintisan,
                    description: e.description.clone(),
                })
                .collect(),
            assignments: c
                .assignments
                .iter()
                .map(|a| Assignment {
                    stage: a.stage.clone(),
                    entries: a.entries.clone(),
                })
                .collect(),
            juror: Juror {
                id: c.juror.id.clone(),
                name: c.juror.name.clone(),
                affiliation: c.juror.affiliation.clone(),
                role: c.juror.role.clone(),
            },
            juror_key: encode_base64(&c.credential.public_key),
            juror_secret_sealed: encode_base64(&c.credential.sealed_secret),
            chair: Chair {
                signing_key: chair.signing_key.clone(),
                age_recipient: chair.age_recipient.clone(),
            },
        }
    }

    pub fn into_content(self) -> Result<(PackageContent, ChairPublic), BundleError> {
        check_marker(&self.format, self.format_version, PACKAGE_FORMAT)?;
        let public_key = decode_fixed(&self.juror_key).ok_or_else(|| {
            BundleError::Corrupt("the juror key is not 32 bytes of base64".into())
        })?;
        let sealed_secret = decode_base64(&self.juror_secret_sealed)
            .ok_or_else(|| BundleError::Corrupt("the sealed juror key is not base64".into()))?;
        let content = PackageContent {
            competition_id: self.competition_id,
            package_version: self.package_version,
            issued_at: self.issued_at,
            definition_toml: self.definition_toml,
            entries: self
                .entries
                .into_iter()
                .map(|e| PackageEntry {
                    code: e.code,
                    title: e.title,
                    institution: e.institution,
                    category: e.category,
                    rintisan: e.rintisan,
                    description: e.description,
                    documents: Vec::new(),
                    links: Vec::new(),
                })
                .collect(),
            assignments: self
                .assignments
                .into_iter()
                .map(|a| StageAssignment {
                    stage: a.stage,
                    entries: a.entries,
                })
                .collect(),
            juror: JurorIdentity {
                id: self.juror.id,
                name: self.juror.name,
                affiliation: self.juror.affiliation,
                role: self.juror.role,
            },
            credential: JurorCredential {
                public_key,
                sealed_secret,
            },
        };
        let chair = ChairPublic {
            signing_key: self.chair.signing_key,
            age_recipient: self.chair.age_recipient,
        };
        Ok((content, chair))
    }
}

impl BundlePayload {
    pub fn from_content(c: &BundleContent, juror_key: &[u8; 32]) -> Self {
        Self {
            format: BUNDLE_FORMAT.into(),
            format_version: crate::framing::FORMAT_VERSION,
            competition_id: c.competition_id.clone(),
            juror_id: c.juror_id.clone(),
            juror_key: encode_base64(juror_key),
            package_version: c.package_version,
            exported_at: c.exported_at.clone(),
            sequence: c.sequence,
            scores: c
                .scores
                .iter()
                .map(|s| Score {
                    stage: s.stage.clone(),
                    entry: s.entry.clone(),
                    criterion: s.criterion.clone(),
                    value: s.value.clone(),
                    comment: s.comment.clone(),
                    revision: s.revision,
                    updated_at: s.updated_at.clone(),
                })
                .collect(),
            notes: c
                .notes
                .iter()
                .map(|n| Note {
                    stage: n.stage.clone(),
                    entry: n.entry.clone(),
                    note: n.note.clone(),
                    revision: n.revision,
                    updated_at: n.updated_at.clone(),
                })
                .collect(),
            submissions: c
                .submissions
                .iter()
                .map(|s| Submitted {
                    stage: s.stage.clone(),
                    entry: s.entry.clone(),
                    submitted: s.submitted,
                    revision: s.revision,
                    updated_at: s.updated_at.clone(),
                })
                .collect(),
        }
    }

    /// The content and the juror key the content names.
    pub fn into_content(self) -> Result<(BundleContent, [u8; 32]), BundleError> {
        check_marker(&self.format, self.format_version, BUNDLE_FORMAT)?;
        let juror_key = decode_fixed(&self.juror_key).ok_or_else(|| {
            BundleError::Corrupt("the juror key is not 32 bytes of base64".into())
        })?;
        let content = BundleContent {
            competition_id: self.competition_id,
            juror_id: self.juror_id,
            package_version: self.package_version,
            exported_at: self.exported_at,
            sequence: self.sequence,
            scores: self
                .scores
                .into_iter()
                .map(|s| ScoreCell {
                    stage: s.stage,
                    entry: s.entry,
                    criterion: s.criterion,
                    value: s.value,
                    comment: s.comment,
                    revision: s.revision,
                    updated_at: s.updated_at,
                })
                .collect(),
            notes: self
                .notes
                .into_iter()
                .map(|n| EntryNote {
                    stage: n.stage,
                    entry: n.entry,
                    note: n.note,
                    photos: Vec::new(),
                    revision: n.revision,
                    updated_at: n.updated_at,
                })
                .collect(),
            submissions: self
                .submissions
                .into_iter()
                .map(|s| Submission {
                    stage: s.stage,
                    entry: s.entry,
                    submitted: s.submitted,
                    revision: s.revision,
                    updated_at: s.updated_at,
                })
                .collect(),
        };
        Ok((content, juror_key))
    }
}
