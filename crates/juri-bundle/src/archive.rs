//! What a public verification archive needs from the file formats: its manifest, signed by the
//! chair like a package (`JURI-ARCHIVE v1`, a signed envelope around canonical JSON), and a
//! juror's signed bundle content as published — the signed envelope, with the texts the chair
//! chose to publish beside it. Specified in `docs/formats.md` ("Public verification archive").

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use rust_i18n::t;

use crate::bundle::read_disclosures;
use crate::content::BundleContent;
use crate::error::{BundleError, FileKind};
use crate::fingerprint::Fingerprint;
use crate::framing::{canonical_json, open_envelope, read_header, sign_envelope_in};
use crate::keys::ChairKeys;
use crate::validate::check_bundle;
use crate::view::DecryptedBundle;
use crate::{wire_v1, wire_v2};

/// The archive format version this build writes and reads.
pub const ARCHIVE_FORMAT_VERSION: u32 = 1;

/// Signs an archive's manifest: `JURI-ARCHIVE v1`, the payload as canonical JSON, the chair's
/// Ed25519 signature line.
pub fn sign_archive_manifest<T: Serialize>(
    payload: &T,
    chair: &ChairKeys,
) -> Result<Vec<u8>, BundleError> {
    sign_envelope_in(
        FileKind::Archive,
        ARCHIVE_FORMAT_VERSION,
        payload,
        chair.signing_key(),
    )
}

/// Verifies an archive's manifest and decodes its payload; returns it with the key that signed
/// it (whose key that is, the caller judges).
pub fn open_archive_manifest<T: DeserializeOwned>(
    bytes: &[u8],
) -> Result<(T, [u8; 32]), BundleError> {
    let opened = open_envelope::<T>(bytes, FileKind::Archive)?;
    Ok((opened.payload, opened.signer))
}

/// Standard padded base64, as every key in Juri's files is written.
pub fn to_base64(bytes: &[u8]) -> String {
    crate::framing::encode_base64(bytes)
}

/// Canonical JSON of `value`, as every signed payload is written.
pub fn to_canonical_json<T: Serialize>(value: &T) -> Result<String, BundleError> {
    canonical_json(value)
}

/// The texts of a version 2 bundle that a publication discloses: one item per score (its
/// comment) and per note, in the payload's order, each `{"salt", "text"}` or `null` when
/// withheld.
#[derive(Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PublishedTexts {
    comments: Vec<Option<wire_v2::Disclosed>>,
    notes: Vec<Option<wire_v2::Disclosed>>,
}

/// What a publication keeps of one bundle: the signed envelope, and (version 2) the texts file
/// when any text is published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedBundle {
    pub format_version: u32,
    /// The juror's signed envelope, exactly as signed (for version 1, the whole content).
    pub envelope: Vec<u8>,
    /// Canonical JSON of the published texts (version 2, when comments or notes are published).
    pub texts: Option<Vec<u8>>,
    /// Version 1 only: whether the envelope holds texts that were not to be published — its
    /// signature covers them, so it can be published only with them.
    pub holds_withheld_text: bool,
}

/// What of `bundle` a publication may show: its signed envelope, and its comments and notes
/// only where `comments` / `notes` say so.
pub fn publish_bundle(
    bundle: &DecryptedBundle,
    comments: bool,
    notes: bool,
) -> Result<PublishedBundle, BundleError> {
    let envelope = bundle.envelope().to_vec();
    let Some(line) = bundle.disclosures() else {
        // Version 1: the signature covers every text.
        let opened = open_envelope::<wire_v1::BundlePayload>(&envelope, FileKind::Bundle)?;
        let (content, _) = opened.payload.into_content()?;
        let has_comment = content.scores.iter().any(|s| !s.comment.is_empty());
        let has_note = content.notes.iter().any(|n| !n.note.is_empty());
        return Ok(PublishedBundle {
            format_version: bundle.format_version(),
            envelope,
            texts: None,
            holds_withheld_text: (has_comment && !comments) || (has_note && !notes),
        });
    };
    let disclosures = read_disclosures(line)?;
    let texts = (comments || notes)
        .then(|| {
            canonical_json(&PublishedTexts {
                comments: disclosures
                    .comments
                    .into_iter()
                    .map(|d| comments.then_some(d))
                    .collect(),
                notes: disclosures
                    .notes
                    .into_iter()
                    .map(|d| notes.then_some(d))
                    .collect(),
            })
        })
        .transpose()?
        .map(String::into_bytes);
    Ok(PublishedBundle {
        format_version: bundle.format_version(),
        envelope,
        texts,
        holds_withheld_text: false,
    })
}

/// A juror's signed bundle content as a publication holds it, verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub format_version: u32,
    /// The key that signed it (the content names the same key).
    pub signer: [u8; 32],
    /// SHA-256 of the signed envelope: the bundle's content fingerprint.
    pub content_fingerprint: Fingerprint,
    /// The content; a withheld comment or note is empty here.
    pub content: BundleContent,
    /// Comments and notes whose texts were withheld.
    pub withheld: usize,
}

/// Verifies a published bundle: the envelope's signature (by the key the content names) and
/// the content rules, and every published text against the digest the juror signed.
pub fn open_evidence(envelope: &[u8], texts: Option<&[u8]>) -> Result<Evidence, BundleError> {
    let header = read_header(envelope)?;
    if header.kind != FileKind::Bundle {
        return Err(BundleError::WrongKind {
            expected: FileKind::Bundle,
            found: header.kind,
        });
    }
    // The signed envelope alone: header, payload, signature line (version 2's disclosures are
    // published in their own file).
    if header.version >= wire_v2::VERSION && envelope.iter().filter(|&&b| b == b'\n').count() > 3 {
        return Err(BundleError::Corrupt(
            t!("bundle.evidence_holds_disclosures").into_owned(),
        ));
    }
    let (mut content, named_key, signer, withheld) = if header.version < wire_v2::VERSION {
        if texts.is_some() {
            return Err(BundleError::Corrupt(
                t!("bundle.evidence_texts_for_v1").into_owned(),
            ));
        }
        let opened = open_envelope::<wire_v1::BundlePayload>(envelope, FileKind::Bundle)?;
        let (content, named) = opened.payload.into_content()?;
        (content, named, opened.signer, 0)
    } else {
        let opened = open_envelope::<wire_v2::BundlePayload>(envelope, FileKind::Bundle)?;
        crate::bundle::check_payload_version(opened.payload.format_version, header.version)?;
        let published: PublishedTexts = match texts {
            None => PublishedTexts {
                comments: opened.payload.scores.iter().map(|_| None).collect(),
                notes: opened.payload.notes.iter().map(|_| None).collect(),
            },
            Some(bytes) => {
                let malformed =
                    || BundleError::Corrupt(t!("bundle.evidence_texts_malformed").into_owned());
                let published: PublishedTexts =
                    serde_json::from_slice(bytes).map_err(|_| malformed())?;
                if canonical_json(&published)?.as_bytes() != bytes {
                    return Err(malformed());
                }
                published
            }
        };
        let withheld = published.comments.iter().filter(|d| d.is_none()).count()
            + published.notes.iter().filter(|d| d.is_none()).count();
        let (content, named) = opened
            .payload
            .into_content_partial(published.comments, published.notes)?;
        (content, named, opened.signer, withheld)
    };
    if named_key != signer {
        return Err(BundleError::Corrupt(
            t!("bundle.signed_by_other_juror_key").into_owned(),
        ));
    }
    check_bundle(&mut content, false)?;
    Ok(Evidence {
        format_version: header.version,
        signer,
        content_fingerprint: Fingerprint::of(envelope),
        content,
        withheld,
    })
}
