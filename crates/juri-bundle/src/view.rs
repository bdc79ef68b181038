//! The fast way to import score bundles: the same checks as [`open_bundle`],
//! without copying the content.
//!
//! [`open_bundle`] turns a bundle into owned strings, which is what a chair
//! importing one file needs. Merging a whole competition (hundreds of bundles,
//! hundreds of thousands of score cells) spends most of its time allocating
//! those strings, so this module reads the decrypted payload into types that
//! borrow from it. The checks and their order are the same as
//! [`open_bundle`]'s, and a bundle that one refuses the other refuses too
//! (`tests/view.rs` checks this on the golden and tampered files).
//!
//! ```text
//! let decrypted = DecryptedBundle::decrypt(&bytes, &chair)?;   // size, header, age
//! let view = decrypted.verify(competition, |juror| keys(juror))?; // signature, rules
//! for cell in view.scores() { … }
//! ```
//!
//! [`open_bundle`]: crate::open_bundle

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io;

use serde::{Deserialize, Serialize};

use rust_i18n::t;

use crate::bundle::{
    check_payload_version, check_photos, decrypt_bundle, decrypt_bundle_with, read_disclosures,
    split_inner, PhotoRef, VerifiedBundle,
};
use crate::content::{BundleContent, EntryNote, NotePhoto, PhotoBytes, ScoreCell, Submission};
use crate::error::{BundleError, FileKind};
use crate::fingerprint::Fingerprint;
use crate::framing::{
    decode_fixed, read_canonical, read_header, verify_envelope, FORMAT_VERSION, MAX_COMMENT_BYTES,
    MAX_NOTE_BYTES,
};
use crate::keys::ChairKeys;
use crate::validate::{
    canonical_decimal, note_name, photo_problems, photos_total_problem, plausible_time, score_name,
    submission_name, Problems,
};
use crate::wire_v1::BUNDLE_FORMAT;
use crate::wire_v2;

/// The payload of format version 1, borrowing its strings from the
/// decrypted envelope. Fields are declared in the canonical (sorted) order,
/// so serialising it writes canonical JSON.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PayloadRef<'a> {
    #[serde(borrow)]
    competition_id: Cow<'a, str>,
    #[serde(borrow)]
    exported_at: Cow<'a, str>,
    #[serde(borrow)]
    format: Cow<'a, str>,
    format_version: u32,
    #[serde(borrow)]
    juror_id: Cow<'a, str>,
    #[serde(borrow)]
    juror_key: Cow<'a, str>,
    #[serde(borrow)]
    notes: Vec<EntryNoteRef<'a>>,
    package_version: u32,
    #[serde(borrow)]
    scores: Vec<ScoreCellRef<'a>>,
    sequence: u64,
    #[serde(borrow)]
    submissions: Vec<SubmissionRef<'a>>,
}

/// A score cell of a verified bundle, borrowed from the bundle.
/// See [`ScoreCell`] for the meaning of the fields.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreCellRef<'a> {
    #[serde(borrow)]
    pub comment: Cow<'a, str>,
    #[serde(borrow)]
    pub criterion: Cow<'a, str>,
    #[serde(borrow)]
    pub entry: Cow<'a, str>,
    pub revision: u64,
    #[serde(borrow)]
    pub stage: Cow<'a, str>,
    #[serde(borrow)]
    pub updated_at: Cow<'a, str>,
    /// Canonical decimal text; `None` when cleared.
    #[serde(borrow)]
    pub value: Option<Cow<'a, str>>,
}

/// A note of a verified bundle, borrowed from the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EntryNoteRef<'a> {
    #[serde(borrow)]
    pub entry: Cow<'a, str>,
    #[serde(borrow)]
    pub note: Cow<'a, str>,
    /// The photos attached to the note (format version 3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<NotePhoto>,
    pub revision: u64,
    #[serde(borrow)]
    pub stage: Cow<'a, str>,
    #[serde(borrow)]
    pub updated_at: Cow<'a, str>,
}

/// A submission state of a verified bundle, borrowed from the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionRef<'a> {
    #[serde(borrow)]
    pub entry: Cow<'a, str>,
    pub revision: u64,
    #[serde(borrow)]
    pub stage: Cow<'a, str>,
    pub submitted: bool,
    #[serde(borrow)]
    pub updated_at: Cow<'a, str>,
}

/// A score bundle decrypted with the chair's key; its signature is not yet
/// checked. [`DecryptedBundle::verify`] makes a [`BundleView`] of it.
#[derive(Debug, Clone)]
pub struct DecryptedBundle {
    fingerprint: Fingerprint,
    /// Everything decrypted: the signed envelope, then (from version 2) the disclosures.
    inner: Vec<u8>,
    /// The format version, as the file's header and the envelope's agree.
    version: u32,
    /// The length of the signed envelope at the start of `inner`.
    envelope_len: usize,
    /// Where each photo block's hash and bytes are in `inner`: (hash start, bytes start, length).
    photos: Vec<(usize, usize, usize)>,
}

impl DecryptedBundle {
    /// Refuses a file above the size limit, checks the header and version,
    /// and decrypts it with the chair's key.
    pub fn decrypt(bytes: &[u8], chair: &ChairKeys) -> Result<Self, BundleError> {
        Self::split(bytes, Fingerprint::of(bytes), decrypt_bundle(bytes, chair)?)
    }

    /// [`DecryptedBundle::decrypt`] when the caller has already computed
    /// the fingerprint of `bytes` (to skip files imported before).
    pub fn decrypt_with_fingerprint(
        bytes: &[u8],
        fingerprint: Fingerprint,
        chair: &ChairKeys,
    ) -> Result<Self, BundleError> {
        debug_assert_eq!(fingerprint, Fingerprint::of(bytes));
        Self::split(bytes, fingerprint, decrypt_bundle(bytes, chair)?)
    }

    /// [`DecryptedBundle::decrypt_with_fingerprint`] for a bundle the chair merged before: its
    /// framing and readers checked as before erratum 4 of `docs/formats.md` (a rebuild replays
    /// what was accepted then; pair it with [`DecryptedBundle::verify_as_merged`]).
    pub fn decrypt_as_merged(
        bytes: &[u8],
        fingerprint: Fingerprint,
        chair: &ChairKeys,
    ) -> Result<Self, BundleError> {
        debug_assert_eq!(fingerprint, Fingerprint::of(bytes));
        Self::split(
            bytes,
            fingerprint,
            decrypt_bundle_with(bytes, chair, false)?,
        )
    }

    /// The decrypted `inner` of the file `bytes`, split into the signed envelope and what follows.
    fn split(bytes: &[u8], fingerprint: Fingerprint, inner: Vec<u8>) -> Result<Self, BundleError> {
        let outer = read_header(bytes)?;
        let parts = split_inner(&inner, outer.version)?;
        let (version, envelope_len) = (parts.version, parts.envelope.len());
        let start = inner.as_ptr() as usize;
        let photos = parts
            .photos
            .iter()
            .map(|p| {
                (
                    p.sha256.as_ptr() as usize - start,
                    p.bytes.as_ptr() as usize - start,
                    p.bytes.len(),
                )
            })
            .collect();
        Ok(Self {
            fingerprint,
            inner,
            version,
            envelope_len,
            photos,
        })
    }

    /// The photo blocks after the disclosures (format version 3), in their order; not yet checked
    /// against the notes (a [`BundleView`]'s photos are).
    pub fn photos(&self) -> Vec<PhotoRef<'_>> {
        self.photos
            .iter()
            .map(|&(sha, bytes, len)| PhotoRef {
                sha256: std::str::from_utf8(&self.inner[sha..sha + 64]).unwrap_or_default(),
                bytes: &self.inner[bytes..bytes + len],
            })
            .collect()
    }

    /// SHA-256 of the bundle file.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// The fingerprint of the signed content: the SHA-256 of the signed envelope inside (the
    /// decrypted bytes, signature line included). Age encryption is randomised, so every export
    /// of the same content is a different file with a different [`fingerprint`](Self::fingerprint);
    /// the signed envelope, and so this fingerprint, is the same (Ed25519 signatures are
    /// deterministic). Score sheets and the merge preview show it.
    pub fn content_fingerprint(&self) -> Fingerprint {
        Fingerprint::of(self.envelope())
    }

    /// The signed envelope inside, exactly as the juror signed it.
    pub fn envelope(&self) -> &[u8] {
        &self.inner[..self.envelope_len]
    }

    /// The bundle's format version.
    pub fn format_version(&self) -> u32 {
        self.version
    }

    /// From format version 2, the disclosures line after the signed envelope (its JSON, without
    /// the `disclosures ` tag and the newline): the texts the envelope signs by their digests.
    pub fn disclosures(&self) -> Option<&[u8]> {
        let rest = &self.inner[self.envelope_len..];
        let line = rest.strip_prefix(wire_v2::DISCLOSURES_TAG.as_bytes())?;
        let end = line.iter().position(|&b| b == b'\n')?;
        Some(&line[..end])
    }

    /// Verifies the bundle as [`crate::open_bundle`] does: the signature,
    /// the canonical payload, the competition, the juror's registered keys
    /// (`registered_keys` gives every key registered for a juror id, the
    /// current one and earlier ones; `None` for an unknown juror), and the
    /// content rules.
    pub fn verify<F>(
        &self,
        expected_competition_id: &str,
        registered_keys: F,
    ) -> Result<BundleView<'_>, BundleError>
    where
        F: FnOnce(&str) -> Option<Vec<[u8; 32]>>,
    {
        self.verify_with(expected_competition_id, registered_keys, Rules::Current)
    }

    /// [`DecryptedBundle::verify`] for a bundle the chair merged before: the content rules as they
    /// were before the errata of `docs/formats.md` (a rebuild replays what was accepted then).
    pub fn verify_as_merged<F>(
        &self,
        expected_competition_id: &str,
        registered_keys: F,
    ) -> Result<BundleView<'_>, BundleError>
    where
        F: FnOnce(&str) -> Option<Vec<[u8; 32]>>,
    {
        self.verify_with(
            expected_competition_id,
            registered_keys,
            Rules::BeforeErrata,
        )
    }

    /// The bundle's signature and canonical payload, checked as [`DecryptedBundle::verify`] does,
    /// without judging the competition, the signer's registration or the content rules; then
    /// the content rules, apart, so that `juri verify` can say what a refused bundle holds.
    pub(crate) fn verify_signature(
        &self,
    ) -> Result<(BundleView<'_>, Result<(), BundleError>), BundleError> {
        let view = self.verify_parts(None, None::<fn(&str) -> Option<Vec<[u8; 32]>>>)?;
        let rules = check_rules(&view.payload, Rules::Current);
        Ok((view, rules))
    }

    fn verify_with<F>(
        &self,
        expected_competition_id: &str,
        registered_keys: F,
        rules: Rules,
    ) -> Result<BundleView<'_>, BundleError>
    where
        F: FnOnce(&str) -> Option<Vec<[u8; 32]>>,
    {
        let view = self.verify_parts(Some(expected_competition_id), Some(registered_keys))?;
        check_rules(&view.payload, rules)?;
        Ok(view)
    }

    fn verify_parts<F>(
        &self,
        expected_competition_id: Option<&str>,
        registered_keys: Option<F>,
    ) -> Result<BundleView<'_>, BundleError>
    where
        F: FnOnce(&str) -> Option<Vec<[u8; 32]>>,
    {
        let (payload_bytes, signer) = verify_envelope(self.envelope(), FileKind::Bundle)?;
        let payload = if self.version >= wire_v2::VERSION {
            self.disclosed_payload(payload_bytes)?
        } else {
            self.borrowed_payload(payload_bytes)?
        };
        let photos = self.photos();
        if self.version >= wire_v2::VERSION_PHOTOS {
            let notes: Vec<EntryNote> = payload.notes.iter().map(owned_note).collect();
            check_photos(&notes, &photos)?;
        }
        let named: [u8; 32] = decode_fixed(&payload.juror_key)
            .ok_or_else(|| BundleError::Corrupt(t!("bundle.juror_key_not_base64").into_owned()))?;
        if named != signer {
            return Err(BundleError::Corrupt(
                t!("bundle.signed_by_other_juror_key").into_owned(),
            ));
        }
        if let Some(expected) = expected_competition_id {
            if payload.competition_id != expected {
                return Err(BundleError::WrongCompetition {
                    expected: expected.to_owned(),
                    found: payload.competition_id.into_owned(),
                });
            }
        }
        if let Some(registered_keys) = registered_keys {
            let registered = registered_keys(&payload.juror_id)
                .ok_or_else(|| BundleError::UnknownJuror(payload.juror_id.to_string()))?;
            if !registered.contains(&signer) {
                return Err(BundleError::KeyMismatch {
                    juror: payload.juror_id.into_owned(),
                });
            }
        }
        Ok(BundleView {
            fingerprint: self.fingerprint,
            content_fingerprint: self.content_fingerprint(),
            signer,
            payload,
            photos,
        })
    }
}

impl DecryptedBundle {
    /// A version 1 payload, its strings borrowed from the envelope.
    fn borrowed_payload<'a>(
        &'a self,
        payload_bytes: &'a [u8],
    ) -> Result<PayloadRef<'a>, BundleError> {
        let payload: PayloadRef<'_> = serde_json::from_slice(payload_bytes).map_err(|e| {
            if e.is_data() {
                BundleError::Corrupt(t!("bundle.not_the_format", detail = e).into_owned())
            } else {
                BundleError::Corrupt(t!("bundle.not_json", detail = e).into_owned())
            }
        })?;
        if !writes_exactly(&payload, payload_bytes) {
            return Err(BundleError::Corrupt(
                t!("bundle.not_canonical").into_owned(),
            ));
        }
        if payload.notes.iter().any(|n| !n.photos.is_empty()) {
            return Err(BundleError::Corrupt(
                t!("bundle.photos_need_v3").into_owned(),
            ));
        }
        if payload.format != BUNDLE_FORMAT || payload.format_version != FORMAT_VERSION {
            return Err(BundleError::Corrupt(
                t!(
                    "bundle.content_header_mismatch",
                    format = payload.format,
                    version = payload.format_version
                )
                .into_owned(),
            ));
        }
        Ok(payload)
    }

    /// A version 2 payload with each text taken from the disclosures and checked against the
    /// digest the juror signed (owned: version 2 bundles are read like version 1 ones after this).
    fn disclosed_payload(&self, payload_bytes: &[u8]) -> Result<PayloadRef<'static>, BundleError> {
        let payload: wire_v2::BundlePayload = read_canonical(payload_bytes)?;
        check_payload_version(payload.format_version, self.version)?;
        let line = self
            .disclosures()
            .ok_or_else(|| BundleError::Corrupt(t!("bundle.disclosures_malformed").into_owned()))?;
        let juror_key = payload.juror_key.clone();
        let (content, _) = payload.into_content(read_disclosures(line)?)?;
        Ok(PayloadRef {
            competition_id: Cow::Owned(content.competition_id),
            exported_at: Cow::Owned(content.exported_at),
            format: Cow::Borrowed(BUNDLE_FORMAT),
            format_version: self.version,
            juror_id: Cow::Owned(content.juror_id),
            juror_key: Cow::Owned(juror_key),
            notes: content
                .notes
                .into_iter()
                .map(|n| EntryNoteRef {
                    entry: Cow::Owned(n.entry),
                    note: Cow::Owned(n.note),
                    photos: n.photos,
                    revision: n.revision,
                    stage: Cow::Owned(n.stage),
                    updated_at: Cow::Owned(n.updated_at),
                })
                .collect(),
            package_version: content.package_version,
            scores: content
                .scores
                .into_iter()
                .map(|c| ScoreCellRef {
                    comment: Cow::Owned(c.comment),
                    criterion: Cow::Owned(c.criterion),
                    entry: Cow::Owned(c.entry),
                    revision: c.revision,
                    stage: Cow::Owned(c.stage),
                    updated_at: Cow::Owned(c.updated_at),
                    value: c.value.map(Cow::Owned),
                })
                .collect(),
            sequence: content.sequence,
            submissions: content
                .submissions
                .into_iter()
                .map(|x| SubmissionRef {
                    entry: Cow::Owned(x.entry),
                    revision: x.revision,
                    stage: Cow::Owned(x.stage),
                    submitted: x.submitted,
                    updated_at: Cow::Owned(x.updated_at),
                })
                .collect(),
        })
    }
}

/// A score bundle that was decrypted and verified against the juror's
/// registered keys, borrowing its content from the [`DecryptedBundle`].
/// Only [`DecryptedBundle::verify`] makes one.
pub struct BundleView<'a> {
    fingerprint: Fingerprint,
    content_fingerprint: Fingerprint,
    signer: [u8; 32],
    payload: PayloadRef<'a>,
    photos: Vec<PhotoRef<'a>>,
}

impl<'a> BundleView<'a> {
    /// SHA-256 of the bundle file.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// SHA-256 of the signed envelope: the same for every encryption of the same content.
    pub fn content_fingerprint(&self) -> Fingerprint {
        self.content_fingerprint
    }

    /// The juror key that signed the bundle.
    pub fn signer_key(&self) -> &[u8; 32] {
        &self.signer
    }

    pub fn competition_id(&self) -> &str {
        &self.payload.competition_id
    }

    pub fn juror_id(&self) -> &str {
        &self.payload.juror_id
    }

    pub fn package_version(&self) -> u32 {
        self.payload.package_version
    }

    pub fn exported_at(&self) -> &str {
        &self.payload.exported_at
    }

    pub fn sequence(&self) -> u64 {
        self.payload.sequence
    }

    /// Every score cell, sorted by (stage, entry, criterion) when the
    /// writer followed the format.
    pub fn scores(&self) -> &[ScoreCellRef<'a>] {
        &self.payload.scores
    }

    pub fn notes(&self) -> &[EntryNoteRef<'a>] {
        &self.payload.notes
    }

    pub fn submissions(&self) -> &[SubmissionRef<'a>] {
        &self.payload.submissions
    }

    /// The bytes of every photo the notes name (format version 3), each once, checked against
    /// the hashes and sizes the juror signed.
    pub fn photos(&self) -> &[PhotoRef<'a>] {
        &self.photos
    }

    /// The same bundle as an owned [`VerifiedBundle`].
    pub fn to_verified(&self) -> VerifiedBundle {
        let p = &self.payload;
        VerifiedBundle::from_parts(
            self.fingerprint,
            self.content_fingerprint,
            self.signer,
            BundleContent {
                competition_id: p.competition_id.to_string(),
                juror_id: p.juror_id.to_string(),
                package_version: p.package_version,
                exported_at: p.exported_at.to_string(),
                sequence: p.sequence,
                scores: p
                    .scores
                    .iter()
                    .map(|s| ScoreCell {
                        stage: s.stage.to_string(),
                        entry: s.entry.to_string(),
                        criterion: s.criterion.to_string(),
                        value: s.value.as_ref().map(|v| v.to_string()),
                        comment: s.comment.to_string(),
                        revision: s.revision,
                        updated_at: s.updated_at.to_string(),
                    })
                    .collect(),
                notes: p.notes.iter().map(owned_note).collect(),
                submissions: p
                    .submissions
                    .iter()
                    .map(|s| Submission {
                        stage: s.stage.to_string(),
                        entry: s.entry.to_string(),
                        submitted: s.submitted,
                        revision: s.revision,
                        updated_at: s.updated_at.to_string(),
                    })
                    .collect(),
            },
            self.photos
                .iter()
                .map(|p| PhotoBytes {
                    sha256: p.sha256.to_string(),
                    bytes: p.bytes.to_vec(),
                })
                .collect(),
        )
    }
}

fn owned_note(n: &EntryNoteRef<'_>) -> EntryNote {
    EntryNote {
        stage: n.stage.to_string(),
        entry: n.entry.to_string(),
        note: n.note.to_string(),
        photos: n.photos.clone(),
        revision: n.revision,
        updated_at: n.updated_at.to_string(),
    }
}

/// Whether serialising `value` gives exactly `expected`, compared as it is
/// written, without building the text.
fn writes_exactly<T: Serialize>(value: &T, expected: &[u8]) -> bool {
    struct Compare<'e> {
        rest: &'e [u8],
    }
    impl io::Write for Compare<'_> {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            match self.rest.strip_prefix(buf) {
                Some(rest) => {
                    self.rest = rest;
                    Ok(buf.len())
                }
                None => Err(io::Error::other("differs")),
            }
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut compare = Compare { rest: expected };
    serde_json::to_writer(&mut compare, value).is_ok() && compare.rest.is_empty()
}

/// Which content rules a reader applies: today's, or those before the errata of `docs/formats.md`
/// (bundles merged before them are replayed by a rebuild as they were accepted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rules {
    Current,
    BeforeErrata,
}

/// The content rules of `check_bundle` (reading), over borrowed content.
fn check_rules(payload: &PayloadRef<'_>, rules: Rules) -> Result<(), BundleError> {
    let mut p = Problems::default();
    let current = rules == Rules::Current;
    let time = |p: &mut Problems, what: &str, value: &str| {
        if current {
            p.time(what, value);
        } else {
            p.time_as_before(what, value);
        }
    };
    let revision = |p: &mut Problems, what: &dyn Fn() -> String, value: u64| {
        if current {
            p.revision(what, value);
        }
    };
    p.id(&t!("bundle.what_competition_id"), &payload.competition_id);
    p.id(&t!("bundle.what_juror_id"), &payload.juror_id);
    time(&mut p, &t!("bundle.what_export_time"), &payload.exported_at);
    if current {
        p.numbers(payload.package_version, payload.sequence);
    }
    for cell in &payload.scores {
        let name = || score_name(&cell.stage, &cell.entry, &cell.criterion);
        if !plain_id(&cell.stage) || !plain_id(&cell.entry) || !plain_id(&cell.criterion) {
            let name = name();
            p.id(&t!("bundle.what_stage", name = name), &cell.stage);
            p.id(&t!("bundle.what_entry", name = name), &cell.entry);
            p.id(&t!("bundle.what_criterion", name = name), &cell.criterion);
        }
        if !chrono::DateTime::parse_from_rfc3339(&cell.updated_at)
            .is_ok_and(|t| !current || plausible_time(&t))
        {
            time(
                &mut p,
                &t!("bundle.what_time", name = name()),
                &cell.updated_at,
            );
        }
        revision(&mut p, &name, cell.revision);
        if current {
            p.length(
                &name,
                &t!("bundle.what_comment"),
                &cell.comment,
                MAX_COMMENT_BYTES,
            );
        }
        if let Some(value) = &cell.value {
            if !is_canonical_decimal(value) {
                match canonical_decimal(value) {
                    None => {
                        p.push(t!("bundle.not_decimal", name = name(), value = value).into_owned())
                    }
                    Some(canonical) => p.push(
                        t!(
                            "bundle.not_canonical_decimal",
                            name = name(),
                            value = value,
                            canonical = canonical
                        )
                        .into_owned(),
                    ),
                }
            }
        }
    }
    let score_keys = payload
        .scores
        .iter()
        .map(|c| (&*c.stage, &*c.entry, &*c.criterion));
    for (stage, entry, criterion) in duplicates(score_keys) {
        p.push(
            t!(
                "bundle.appears_more_than_once",
                name = score_name(stage, entry, criterion)
            )
            .into_owned(),
        );
    }
    if let Some(problem) = photos_total_problem(payload.notes.iter().map(|n| &n.photos[..])) {
        p.push(problem);
    }
    if current {
        p.order(
            &t!("bundle.list_scores"),
            payload
                .scores
                .iter()
                .map(|c| (&*c.stage, &*c.entry, &*c.criterion)),
            |(s, e, c)| score_name(s, e, c),
        );
        p.order(
            &t!("bundle.list_notes"),
            payload.notes.iter().map(|n| (&*n.stage, &*n.entry)),
            |(s, e)| note_name(s, e),
        );
        p.order(
            &t!("bundle.list_submissions"),
            payload.submissions.iter().map(|n| (&*n.stage, &*n.entry)),
            |(s, e)| submission_name(s, e),
        );
    }
    for note in &payload.notes {
        let name = note_name(&note.stage, &note.entry);
        for problem in photo_problems(&name, &note.photos) {
            p.push(problem);
        }
        p.id(&t!("bundle.what_stage", name = name), &note.stage);
        p.id(&t!("bundle.what_entry", name = name), &note.entry);
        time(
            &mut p,
            &t!("bundle.what_time", name = name),
            &note.updated_at,
        );
        revision(&mut p, &|| name.clone(), note.revision);
        if current {
            p.length(
                &|| name.clone(),
                &t!("bundle.what_note"),
                &note.note,
                MAX_NOTE_BYTES,
            );
        }
    }
    for (stage, entry) in duplicates(payload.notes.iter().map(|n| (&*n.stage, &*n.entry))) {
        p.push(
            t!(
                "bundle.appears_more_than_once",
                name = note_name(stage, entry)
            )
            .into_owned(),
        );
    }
    for submission in &payload.submissions {
        let name = submission_name(&submission.stage, &submission.entry);
        p.id(&t!("bundle.what_stage", name = name), &submission.stage);
        p.id(&t!("bundle.what_entry", name = name), &submission.entry);
        time(
            &mut p,
            &t!("bundle.what_time", name = name),
            &submission.updated_at,
        );
        revision(&mut p, &|| name.clone(), submission.revision);
    }
    let submission_keys = payload.submissions.iter().map(|s| (&*s.stage, &*s.entry));
    for (stage, entry) in duplicates(submission_keys) {
        p.push(
            t!(
                "bundle.appears_more_than_once",
                name = submission_name(stage, entry)
            )
            .into_owned(),
        );
    }
    p.finish()
}

/// An identifier that passes the `Problems::id` rule.
fn plain_id(value: &str) -> bool {
    !value.is_empty() && value.trim() == value && !value.chars().any(char::is_control)
}

/// A decimal already in canonical form (see `canonical_decimal`), checked
/// without allocating.
fn is_canonical_decimal(text: &str) -> bool {
    let b = text.as_bytes();
    if b.is_empty() || b.len() > 32 {
        return false;
    }
    let unsigned = b.strip_prefix(b"-").unwrap_or(b);
    let (int, frac) = match unsigned.iter().position(|&c| c == b'.') {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    if !digits(int) || (int.len() > 1 && int[0] == b'0') {
        return false;
    }
    if let Some(frac) = frac {
        if !digits(frac) || frac.last() == Some(&b'0') {
            return false;
        }
    }
    // No minus on zero.
    !(b[0] == b'-' && int == b"0" && frac.is_none())
}

/// Keys that appear more than once, in order of first repetition. Lists
/// written by Juri are sorted, so a strictly increasing list is checked
/// without building a set.
fn duplicates<K: Ord + Copy>(keys: impl Iterator<Item = K> + Clone) -> Vec<K> {
    let mut previous = None;
    let sorted = keys.clone().all(|k| {
        let increasing = previous.is_none_or(|p| p < k);
        previous = Some(k);
        increasing
    });
    if sorted {
        return Vec::new();
    }
    let mut seen = BTreeSet::new();
    keys.filter(|k| !seen.insert(*k)).collect()
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
