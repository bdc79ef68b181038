//! Format version 2 of the score bundle as it is written: frozen once released.
//!
//! Version 2 signs *digests* of the juror's free text instead of the text itself, so that a
//! comment or a field note can be withheld from a published record without breaking the
//! juror's signature over everything else (the scores, revisions, times and submissions):
//!
//! ```text
//! JURI-BUNDLE v2\n
//! <payload: canonical JSON>\n                 ─┐
//! ed25519 <public key> <signature>\n            ─┴ the signed envelope (as in version 1)
//! disclosures <canonical JSON>\n                 the texts, each with its salt (not signed)
//! ```
//!
//! Each comment and note in the payload is `base64(SHA-256("juri-text-v2\n" ‖ salt ‖ text))`,
//! with a 16-byte salt, so a short text ("Baik") cannot be found by trying guesses against its
//! digest. The disclosures give every text with its salt; a reader checks each against the
//! signed digest. Juri derives each salt from the juror's secret key and the record's key and
//! revision, so the same content always gives the same envelope (and content fingerprint),
//! and nobody without the juror's key can compute a salt.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use rust_i18n::t;

use crate::content::{BundleContent, EntryNote, NotePhoto, ScoreCell, Submission};
use crate::error::BundleError;
use crate::framing::{decode_fixed, encode_base64};
use crate::validate::{note_name, score_name};
// A submission is written in version 2 exactly as in version 1 (both frozen).
use crate::wire_v1::{Submitted, BUNDLE_FORMAT};

/// The bundle format version this module writes for a juror's state without photos.
pub(crate) const VERSION: u32 = 2;

/// The version it writes when a note carries photos: version 2 whose notes may name photos, with
/// the photos' bytes after the disclosures line (`photo <sha256> <length>` then the bytes).
pub(crate) const VERSION_PHOTOS: u32 = 3;

/// The tag that starts each photo's block in a version 3 bundle.
pub(crate) const PHOTO_TAG: &str = "photo ";

/// The tag that starts the disclosures line.
pub(crate) const DISCLOSURES_TAG: &str = "disclosures ";

const TEXT_DOMAIN: &[u8] = b"juri-text-v2\n";
const SALT_DOMAIN: &[u8] = b"juri-salt-v2\n";

/// Bytes of salt before each text.
pub(crate) const SALT_BYTES: usize = 16;

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
    /// The digest of the comment (which may be empty).
    pub comment_digest: String,
    pub revision: u64,
    pub updated_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Note {
    pub stage: String,
    pub entry: String,
    /// The digest of the note's text.
    pub note_digest: String,
    /// The photos attached to the note (version 3 only; absent when there are none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<NotePhoto>,
    pub revision: u64,
    pub updated_at: String,
}

/// The texts behind the digests, in the payload's order, one per record.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Disclosures {
    pub comments: Vec<Disclosed>,
    pub notes: Vec<Disclosed>,
}

/// The texts behind the digests, some of which may be withheld.
struct Partial {
    comments: Vec<Option<Disclosed>>,
    notes: Vec<Option<Disclosed>>,
}

/// One text and its salt.
#[derive(Serialize, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct Disclosed {
    /// Base64 of [`SALT_BYTES`] bytes.
    pub salt: String,
    pub text: String,
}

/// The digest of `text` under `salt`: base64 of SHA-256("juri-text-v2\n" ‖ salt ‖ text).
pub(crate) fn text_digest(salt: &[u8; SALT_BYTES], text: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(TEXT_DOMAIN);
    hash.update(salt);
    hash.update(text.as_bytes());
    encode_base64(&hash.finalize())
}

/// Juri's salt for one record's text: the first 16 bytes of SHA-256("juri-salt-v2\n" ‖ the
/// juror's 32-byte seed ‖ kind ‖ "\n" ‖ each key part ‖ "\n" ‖ the revision in decimal). Key
/// parts are identifiers, which hold no newline, so the input names one record.
pub(crate) fn derived_salt(
    seed: &[u8; 32],
    kind: &str,
    key: &[&str],
    revision: u64,
) -> [u8; SALT_BYTES] {
    let mut hash = Sha256::new();
    hash.update(SALT_DOMAIN);
    hash.update(seed);
    hash.update(kind.as_bytes());
    hash.update(b"\n");
    for part in key {
        hash.update(part.as_bytes());
        hash.update(b"\n");
    }
    hash.update(revision.to_string().as_bytes());
    let digest = hash.finalize();
    let mut salt = [0u8; SALT_BYTES];
    salt.copy_from_slice(&digest[..SALT_BYTES]);
    salt
}

impl BundlePayload {
    /// The payload and its disclosures for `c` (already checked and sorted), with salts derived
    /// from the juror's `seed`.
    pub fn from_content(
        c: &BundleContent,
        juror_key: &[u8; 32],
        seed: &[u8; 32],
    ) -> (Self, Disclosures) {
        let mut disclosures = Disclosures::default();
        let scores = c
            .scores
            .iter()
            .map(|s| {
                let salt = derived_salt(
                    seed,
                    "comment",
                    &[&s.stage, &s.entry, &s.criterion],
                    s.revision,
                );
                disclosures.comments.push(Disclosed {
                    salt: encode_base64(&salt),
                    text: s.comment.clone(),
                });
                Score {
                    stage: s.stage.clone(),
                    entry: s.entry.clone(),
                    criterion: s.criterion.clone(),
                    value: s.value.clone(),
                    comment_digest: text_digest(&salt, &s.comment),
                    revision: s.revision,
                    updated_at: s.updated_at.clone(),
                }
            })
            .collect();
        let notes = c
            .notes
            .iter()
            .map(|n| {
                let salt = derived_salt(seed, "note", &[&n.stage, &n.entry], n.revision);
                disclosures.notes.push(Disclosed {
                    salt: encode_base64(&salt),
                    text: n.note.clone(),
                });
                Note {
                    stage: n.stage.clone(),
                    entry: n.entry.clone(),
                    note_digest: text_digest(&salt, &n.note),
                    photos: n.photos.clone(),
                    revision: n.revision,
                    updated_at: n.updated_at.clone(),
                }
            })
            .collect();
        let with_photos = c.notes.iter().any(|n| !n.photos.is_empty());
        let payload = Self {
            format: BUNDLE_FORMAT.into(),
            format_version: if with_photos { VERSION_PHOTOS } else { VERSION },
            competition_id: c.competition_id.clone(),
            juror_id: c.juror_id.clone(),
            juror_key: encode_base64(juror_key),
            package_version: c.package_version,
            exported_at: c.exported_at.clone(),
            sequence: c.sequence,
            scores,
            notes,
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
        };
        (payload, disclosures)
    }

    /// The content, each text taken from `disclosures` and checked against its signed digest,
    /// and the juror key the content names. Every record needs its text: a missing, extra or
    /// altered one makes the bundle damaged, naming the record.
    pub fn into_content(
        self,
        disclosures: Disclosures,
    ) -> Result<(BundleContent, [u8; 32]), BundleError> {
        let comments = disclosures.comments.into_iter().map(Some).collect();
        let notes = disclosures.notes.into_iter().map(Some).collect();
        self.into_content_partial(comments, notes)
    }

    /// [`into_content`](Self::into_content) with texts that may be withheld (`None`): a
    /// withheld text is left empty in the content; every disclosed one must match its digest.
    pub fn into_content_partial(
        self,
        comments: Vec<Option<Disclosed>>,
        notes: Vec<Option<Disclosed>>,
    ) -> Result<(BundleContent, [u8; 32]), BundleError> {
        let disclosures = Partial { comments, notes };
        // Photos are what version 3 adds: a version 2 payload names none, a version 3 one some.
        let with_photos = self.notes.iter().any(|n| !n.photos.is_empty());
        let expected = if with_photos { VERSION_PHOTOS } else { VERSION };
        if self.format != BUNDLE_FORMAT || self.format_version != expected {
            return Err(BundleError::Corrupt(
                t!(
                    "bundle.content_header_mismatch",
                    format = self.format,
                    version = self.format_version
                )
                .into_owned(),
            ));
        }
        let juror_key = decode_fixed(&self.juror_key)
            .ok_or_else(|| BundleError::Corrupt(t!("bundle.juror_key_not_base64").into_owned()))?;
        if disclosures.comments.len() != self.scores.len()
            || disclosures.notes.len() != self.notes.len()
        {
            return Err(BundleError::Corrupt(
                t!(
                    "bundle.disclosures_count",
                    comments = disclosures.comments.len(),
                    scores = self.scores.len(),
                    texts = disclosures.notes.len(),
                    notes = self.notes.len()
                )
                .into_owned(),
            ));
        }
        let scores = self
            .scores
            .into_iter()
            .zip(disclosures.comments)
            .map(|(s, d)| {
                let name = score_name(&s.stage, &s.entry, &s.criterion);
                let comment = match d {
                    Some(d) => disclosed(&name, &s.comment_digest, d)?,
                    None => String::new(),
                };
                Ok(ScoreCell {
                    stage: s.stage,
                    entry: s.entry,
                    criterion: s.criterion,
                    value: s.value,
                    comment,
                    revision: s.revision,
                    updated_at: s.updated_at,
                })
            })
            .collect::<Result<Vec<_>, BundleError>>()?;
        let notes = self
            .notes
            .into_iter()
            .zip(disclosures.notes)
            .map(|(n, d)| {
                let name = note_name(&n.stage, &n.entry);
                let note = match d {
                    Some(d) => disclosed(&name, &n.note_digest, d)?,
                    None => String::new(),
                };
                Ok(EntryNote {
                    stage: n.stage,
                    entry: n.entry,
                    note,
                    photos: n.photos,
                    revision: n.revision,
                    updated_at: n.updated_at,
                })
            })
            .collect::<Result<Vec<_>, BundleError>>()?;
        let content = BundleContent {
            competition_id: self.competition_id,
            juror_id: self.juror_id,
            package_version: self.package_version,
            exported_at: self.exported_at,
            sequence: self.sequence,
            scores,
            notes,
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

/// The text of `record` if `disclosed` matches its signed `digest`.
fn disclosed(record: &str, digest: &str, disclosed: Disclosed) -> Result<String, BundleError> {
    let salt: [u8; SALT_BYTES] = decode_fixed(&disclosed.salt).ok_or_else(|| {
        BundleError::Corrupt(t!("bundle.disclosure_salt", name = record).into_owned())
    })?;
    if text_digest(&salt, &disclosed.text) != digest {
        return Err(BundleError::Corrupt(
            t!("bundle.disclosure_mismatch", name = record).into_owned(),
        ));
    }
    Ok(disclosed.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_depends_on_salt_and_text() {
        let salt = [7u8; SALT_BYTES];
        let digest = text_digest(&salt, "Baik");
        assert_eq!(digest, text_digest(&salt, "Baik"));
        assert_ne!(digest, text_digest(&salt, "Baik "));
        assert_ne!(digest, text_digest(&[8u8; SALT_BYTES], "Baik"));
        // 32 bytes of SHA-256 in padded base64.
        assert_eq!(digest.len(), 44);
    }

    #[test]
    fn salts_differ_per_record_revision_and_juror() {
        let seed = [1u8; 32];
        let a = derived_salt(&seed, "comment", &["s1", "A1", "k1"], 1);
        assert_eq!(a, derived_salt(&seed, "comment", &["s1", "A1", "k1"], 1));
        for other in [
            derived_salt(&seed, "comment", &["s1", "A1", "k1"], 2),
            derived_salt(&seed, "comment", &["s1", "A1", "k2"], 1),
            derived_salt(&seed, "comment", &["s1", "A1k1"], 1),
            derived_salt(&seed, "note", &["s1", "A1", "k1"], 1),
            derived_salt(&[2u8; 32], "comment", &["s1", "A1", "k1"], 1),
        ] {
            assert_ne!(a, other);
        }
    }
}
