//! Score bundles (juror → chair): sealing, decrypting and verifying.
//!
//! A bundle file is the header line `JURI-BUNDLE v1`, a line `age-bytes <N>`,
//! then an age file of N bytes encrypted to the chair's X25519 recipient;
//! inside is a signed envelope (see `framing`) signed by the juror's Ed25519
//! key.

use std::io::Read;

use rust_i18n::t;

use crate::content::{BundleContent, EntryNote, PhotoBytes, ScoreCell, Submission};
use crate::error::{BundleError, FileKind};
use crate::fingerprint::Fingerprint;
use crate::framing::{
    canonical_json, expect_header_with, header_line, open_envelope, read_header, sign_envelope,
    sign_envelope_in, FORMAT_VERSION, MAX_FILE_SIZE, MAX_PHOTO_BYTES,
};
use crate::keys::{ChairKeys, ChairPublic, JurorSigningKey};
use crate::validate::check_bundle;
use crate::wire_v1::BundlePayload;
use crate::wire_v2;

/// Signs a juror's state with the juror's key, encrypts it to the chair and
/// returns the file bytes.
///
/// Decimal values are written in canonical form (`"08.50"` becomes `"8.5"`)
/// and the lists sorted by key. Fails with [`BundleError::InvalidContent`]
/// listing every problem in `content`.
pub fn seal_bundle(
    content: &BundleContent,
    key: &JurorSigningKey,
    chair: &ChairPublic,
) -> Result<Vec<u8>, BundleError> {
    seal_bundle_fingerprinted(content, key, chair).map(|(bytes, _)| bytes)
}

/// [`seal_bundle`], also returning the fingerprint of the signed content (the SHA-256 of the
/// signed envelope, see [`DecryptedBundle::content_fingerprint`](crate::DecryptedBundle)): the
/// same for every encryption of the same content, and what score sheets print.
pub fn seal_bundle_fingerprinted(
    content: &BundleContent,
    key: &JurorSigningKey,
    chair: &ChairPublic,
) -> Result<(Vec<u8>, Fingerprint), BundleError> {
    let recipient = chair.recipient()?;
    let envelope = signed_envelope(content, key)?;
    let content_fingerprint = Fingerprint::of(&envelope);
    let encrypted = age::encrypt(&recipient, &envelope).map_err(|e| {
        BundleError::InvalidKey(t!("bundle.cannot_encrypt", detail = e).into_owned())
    })?;
    let mut out = header_line(FileKind::Bundle, FORMAT_VERSION).into_bytes();
    out.extend_from_slice(format!("{LENGTH_TAG}{}\n", encrypted.len()).as_bytes());
    out.extend_from_slice(&encrypted);
    Ok((out, content_fingerprint))
}

/// [`seal_bundle_fingerprinted`] in format version 2: comments and notes signed by their salted
/// digests, the texts in the disclosures after the signed envelope (`docs/formats.md`), so that
/// a published record can withhold a text and keep the juror's signature checkable.
pub fn seal_bundle_v2(
    content: &BundleContent,
    key: &JurorSigningKey,
    chair: &ChairPublic,
) -> Result<(Vec<u8>, Fingerprint), BundleError> {
    seal_bundle_with_photos(content, &[], key, chair)
}

/// [`seal_bundle_v2`] with the bytes of the photos the notes name: a juror's state whose notes
/// carry photos is written in format version 3 (version 2 with each photo's bytes after the
/// disclosures, in the order the notes first name them); one without stays version 2, byte for
/// byte. Every photo a note names must be in `photos` (extra ones are left out).
pub fn seal_bundle_with_photos(
    content: &BundleContent,
    photos: &[PhotoBytes],
    key: &JurorSigningKey,
    chair: &ChairPublic,
) -> Result<(Vec<u8>, Fingerprint), BundleError> {
    let recipient = chair.recipient()?;
    let mut content = content.clone();
    check_bundle(&mut content, true)?;
    let seed = zeroize::Zeroizing::new(key.signing_key().to_bytes());
    let (payload, disclosures) =
        wire_v2::BundlePayload::from_content(&content, &key.public_key(), &seed);
    let version = payload.format_version;
    let mut inner = sign_envelope_in(FileKind::Bundle, version, &payload, key.signing_key())?;
    let content_fingerprint = Fingerprint::of(&inner);
    inner.extend_from_slice(wire_v2::DISCLOSURES_TAG.as_bytes());
    inner.extend_from_slice(canonical_json(&disclosures)?.as_bytes());
    inner.push(b'\n');
    for name in named_photos(&content.notes) {
        let photo = photos
            .iter()
            .find(|p| p.sha256 == name.sha256)
            .ok_or_else(|| BundleError::InvalidContent {
                problems: vec![t!("bundle.photo_missing", sha256 = &name.sha256).into_owned()],
            })?;
        check_photo_bytes(&name.sha256, name.size, &photo.bytes)?;
        inner.extend_from_slice(
            format!(
                "{}{} {}\n",
                wire_v2::PHOTO_TAG,
                name.sha256,
                photo.bytes.len()
            )
            .as_bytes(),
        );
        inner.extend_from_slice(&photo.bytes);
        inner.push(b'\n');
    }
    let encrypted = age::encrypt(&recipient, &inner).map_err(|e| {
        BundleError::InvalidKey(t!("bundle.cannot_encrypt", detail = e).into_owned())
    })?;
    let mut out = header_line(FileKind::Bundle, version).into_bytes();
    out.extend_from_slice(format!("{LENGTH_TAG}{}\n", encrypted.len()).as_bytes());
    out.extend_from_slice(&encrypted);
    Ok((out, content_fingerprint))
}

/// The decrypted content of a bundle, split: its format version, the signed envelope, (from
/// version 2) the disclosures' JSON after it and (from version 3) the photos' bytes. The outer
/// header and the envelope's must name the same version.
pub(crate) struct Inner<'a> {
    pub version: u32,
    pub envelope: &'a [u8],
    pub disclosures: Option<&'a [u8]>,
    pub photos: Vec<PhotoRef<'a>>,
}

/// One photo of a version 3 bundle, borrowed from the decrypted bundle: the hash its note names it by, and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoRef<'a> {
    pub sha256: &'a str,
    pub bytes: &'a [u8],
}

/// The photos the notes name, each once, in the order they are first named.
pub(crate) fn named_photos(notes: &[EntryNote]) -> Vec<&crate::content::NotePhoto> {
    let mut seen = std::collections::BTreeSet::new();
    notes
        .iter()
        .flat_map(|n| &n.photos)
        .filter(|p| seen.insert(p.sha256.as_str()))
        .collect()
}

/// Checks that a photo's bytes are what the note names: the size, the hash, and a whole JPEG
/// (it starts with the start-of-image marker and ends with the end-of-image one).
pub(crate) fn check_photo_bytes(sha256: &str, size: u64, bytes: &[u8]) -> Result<(), BundleError> {
    let short = sha256.get(..12).unwrap_or(sha256);
    if bytes.len() as u64 != size || bytes.len() as u64 > MAX_PHOTO_BYTES {
        return Err(BundleError::Corrupt(
            t!(
                "bundle.photo_size",
                sha256 = short,
                size = bytes.len(),
                named = size
            )
            .into_owned(),
        ));
    }
    if Fingerprint::of(bytes).to_hex() != sha256 {
        return Err(BundleError::Corrupt(
            t!("bundle.photo_altered", sha256 = short).into_owned(),
        ));
    }
    if !(bytes.starts_with(&[0xFF, 0xD8, 0xFF]) && bytes.ends_with(&[0xFF, 0xD9])) {
        return Err(BundleError::Corrupt(
            t!("bundle.photo_not_jpeg", sha256 = short).into_owned(),
        ));
    }
    Ok(())
}

/// Checks the photo blocks of a version 3 bundle against the photos its notes name: one block per
/// photo, in the order the notes first name them, each with the named bytes.
pub(crate) fn check_photos(
    notes: &[EntryNote],
    blocks: &[PhotoRef<'_>],
) -> Result<(), BundleError> {
    let named = named_photos(notes);
    if named.len() != blocks.len() {
        return Err(BundleError::Corrupt(
            t!(
                "bundle.photo_count",
                blocks = blocks.len(),
                named = named.len()
            )
            .into_owned(),
        ));
    }
    for (name, block) in named.iter().zip(blocks) {
        if name.sha256 != block.sha256 {
            return Err(BundleError::Corrupt(
                t!(
                    "bundle.photo_order",
                    sha256 = block.sha256.get(..12).unwrap_or(block.sha256)
                )
                .into_owned(),
            ));
        }
        check_photo_bytes(&name.sha256, name.size, block.bytes)?;
    }
    Ok(())
}

/// Reads the photo blocks after the disclosures line of a version 3 bundle.
fn read_photo_blocks(mut rest: &[u8]) -> Result<Vec<PhotoRef<'_>>, BundleError> {
    let malformed = || BundleError::Corrupt(t!("bundle.photos_malformed").into_owned());
    let mut blocks = Vec::new();
    while !rest.is_empty() {
        let end = rest
            .iter()
            .take(128)
            .position(|&b| b == b'\n')
            .ok_or_else(malformed)?;
        let line = std::str::from_utf8(&rest[..end]).map_err(|_| malformed())?;
        let (sha256, length) = line
            .strip_prefix(wire_v2::PHOTO_TAG)
            .and_then(|l| l.split_once(' '))
            .ok_or_else(malformed)?;
        let plain_length = !length.is_empty()
            && length.len() <= 10
            && length.bytes().all(|b| b.is_ascii_digit())
            && (length == "0" || !length.starts_with('0'));
        if sha256.len() != 64
            || !sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
            || !plain_length
        {
            return Err(malformed());
        }
        let length: usize = length.parse().map_err(|_| malformed())?;
        let body = &rest[end + 1..];
        if body.len() < length + 1 {
            return Err(BundleError::Truncated);
        }
        if body[length] != b'\n' {
            return Err(malformed());
        }
        blocks.push(PhotoRef {
            sha256,
            bytes: &body[..length],
        });
        rest = &body[length + 1..];
    }
    Ok(blocks)
}

/// Splits the decrypted `inner` of a bundle whose file header names `outer_version`.
pub(crate) fn split_inner(inner: &[u8], outer_version: u32) -> Result<Inner<'_>, BundleError> {
    let header = read_header(inner)?;
    if header.version != outer_version {
        return Err(BundleError::Corrupt(
            t!(
                "bundle.inner_version_mismatch",
                outer = outer_version,
                inner = header.version
            )
            .into_owned(),
        ));
    }
    if header.version < wire_v2::VERSION {
        return Ok(Inner {
            version: header.version,
            envelope: inner,
            disclosures: None,
            photos: Vec::new(),
        });
    }
    // The envelope is its first three lines: header, payload, signature.
    let mut ends = inner
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i);
    let Some(end) = ends.nth(2) else {
        return Err(BundleError::Truncated);
    };
    let (envelope, rest) = inner.split_at(end + 1);
    let malformed = || BundleError::Corrupt(t!("bundle.disclosures_malformed").into_owned());
    let rest = rest
        .strip_prefix(wire_v2::DISCLOSURES_TAG.as_bytes())
        .ok_or_else(malformed)?;
    let line_end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(malformed)?;
    let (line, after) = (&rest[..line_end], &rest[line_end + 1..]);
    let photos = if header.version >= wire_v2::VERSION_PHOTOS {
        read_photo_blocks(after)?
    } else if after.is_empty() {
        Vec::new()
    } else {
        return Err(malformed());
    };
    Ok(Inner {
        version: header.version,
        envelope,
        disclosures: Some(line),
        photos,
    })
}

/// Reads the disclosures' canonical JSON.
pub(crate) fn read_disclosures(line: &[u8]) -> Result<wire_v2::Disclosures, BundleError> {
    let malformed = || BundleError::Corrupt(t!("bundle.disclosures_malformed").into_owned());
    let disclosures: wire_v2::Disclosures =
        serde_json::from_slice(line).map_err(|_| malformed())?;
    if canonical_json(&disclosures)?.as_bytes() != line {
        return Err(BundleError::Corrupt(
            t!("bundle.disclosures_not_canonical").into_owned(),
        ));
    }
    Ok(disclosures)
}

/// The signed envelope that `seal_bundle` encrypts: deterministic for a
/// given content and key.
pub(crate) fn signed_envelope(
    content: &BundleContent,
    key: &JurorSigningKey,
) -> Result<Vec<u8>, BundleError> {
    if content.notes.iter().any(|n| !n.photos.is_empty()) {
        return Err(BundleError::InvalidContent {
            problems: vec![t!("bundle.photos_need_v3").into_owned()],
        });
    }
    let mut content = content.clone();
    check_bundle(&mut content, true)?;
    let payload = BundlePayload::from_content(&content, &key.public_key());
    sign_envelope(FileKind::Bundle, &payload, key.signing_key())
}

/// Opens a score bundle for the chair: refuses it whole unless it is intact,
/// decrypts with the chair's key, belongs to `expected_competition_id`, is
/// signed by the key registered for its juror (`registered_key` looks that
/// up by juror id) and follows the content rules.
pub fn open_bundle<F>(
    bytes: &[u8],
    chair: &ChairKeys,
    expected_competition_id: &str,
    registered_key: F,
) -> Result<VerifiedBundle, BundleError>
where
    F: Fn(&str) -> Option<[u8; 32]>,
{
    let (mut content, photos, signer, content_fingerprint) = read_signed(bytes, chair)?;
    if content.competition_id != expected_competition_id {
        return Err(BundleError::WrongCompetition {
            expected: expected_competition_id.to_owned(),
            found: content.competition_id,
        });
    }
    let registered = registered_key(&content.juror_id)
        .ok_or_else(|| BundleError::UnknownJuror(content.juror_id.clone()))?;
    if registered != signer {
        return Err(BundleError::KeyMismatch {
            juror: content.juror_id,
        });
    }
    check_bundle(&mut content, false)?;
    Ok(VerifiedBundle {
        fingerprint: Fingerprint::of(bytes),
        content_fingerprint,
        signer,
        content,
        photos,
    })
}

/// Decrypts a bundle and verifies its signature against the key named in
/// it. Returns the content (not yet checked against the content rules) and
/// the signer's public key.
pub(crate) fn read_signed(
    bytes: &[u8],
    chair: &ChairKeys,
) -> Result<(BundleContent, Vec<PhotoBytes>, [u8; 32], Fingerprint), BundleError> {
    let inner = decrypt_bundle(bytes, chair)?;
    let outer = read_header(bytes)?;
    let parts = split_inner(&inner, outer.version)?;
    let (content, named_key, signer) = match parts.disclosures {
        None => {
            let opened = open_envelope::<BundlePayload>(parts.envelope, FileKind::Bundle)?;
            let (content, named_key) = opened.payload.into_content()?;
            (content, named_key, opened.signer)
        }
        Some(line) => {
            let opened = open_envelope::<wire_v2::BundlePayload>(parts.envelope, FileKind::Bundle)?;
            check_payload_version(opened.payload.format_version, parts.version)?;
            let (content, named_key) = opened.payload.into_content(read_disclosures(line)?)?;
            (content, named_key, opened.signer)
        }
    };
    if named_key != signer {
        return Err(BundleError::Corrupt(
            t!("bundle.signed_by_other_juror_key").into_owned(),
        ));
    }
    check_photos(&content.notes, &parts.photos)?;
    let photos = parts
        .photos
        .iter()
        .map(|p| PhotoBytes {
            sha256: p.sha256.to_string(),
            bytes: p.bytes.to_vec(),
        })
        .collect();
    Ok((content, photos, signer, Fingerprint::of(parts.envelope)))
}

/// Refuses a payload whose format version is not the one its envelope's header names.
pub(crate) fn check_payload_version(payload: u32, header: u32) -> Result<(), BundleError> {
    if payload == header {
        return Ok(());
    }
    Err(BundleError::Corrupt(
        t!(
            "bundle.content_header_mismatch",
            format = crate::wire_v1::BUNDLE_FORMAT,
            version = payload
        )
        .into_owned(),
    ))
}

/// Decrypts a bundle with the chair's key and returns the signed envelope
/// inside, exactly as the juror signed it, without verifying it. For audits
/// with other tools (see `docs/formats.md`); imports use [`open_bundle`].
pub fn decrypt_bundle(bytes: &[u8], chair: &ChairKeys) -> Result<Vec<u8>, BundleError> {
    decrypt_bundle_with(bytes, chair, true)
}

/// [`decrypt_bundle`]; without `strict`, the framing and the readers are checked as before
/// erratum 4 of `docs/formats.md` (a rebuild replays bundles merged before it).
pub(crate) fn decrypt_bundle_with(
    bytes: &[u8],
    chair: &ChairKeys,
    strict: bool,
) -> Result<Vec<u8>, BundleError> {
    let header = expect_header_with(bytes, FileKind::Bundle, strict)?;
    let encrypted = encrypted_part(&bytes[header.len..], strict)?;
    let decryptor = age::Decryptor::new_buffered(encrypted).map_err(from_age)?;
    if decryptor.is_scrypt() {
        return Err(BundleError::NotForThisChair);
    }
    if strict {
        check_readers(encrypted)?;
    }
    let identity: &dyn age::Identity = chair.age_identity();
    let mut reader = decryptor
        .decrypt(std::iter::once(identity))
        .map_err(from_age)?
        .take(MAX_FILE_SIZE);
    let mut inner = Vec::new();
    reader.read_to_end(&mut inner).map_err(from_io)?;
    Ok(inner)
}

/// The line after the header, `age-bytes <N>`, gives the length of the age
/// file that follows, so a file cut short is told apart from a damaged one.
const LENGTH_TAG: &str = "age-bytes ";

fn encrypted_part(rest: &[u8], strict: bool) -> Result<&[u8], BundleError> {
    let malformed = || BundleError::Corrupt(t!("bundle.length_line_malformed").into_owned());
    let tag = LENGTH_TAG.as_bytes();
    let shown = &rest[..rest.len().min(tag.len())];
    if !tag.starts_with(shown) {
        return Err(malformed());
    }
    let digits = &rest[shown.len()..];
    let count = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if count > 10 {
        return Err(malformed());
    }
    // One length, one text: no leading zeros (erratum 4).
    if strict && count > 1 && digits[0] == b'0' {
        return Err(malformed());
    }
    match digits.get(count) {
        None => return Err(BundleError::Truncated),
        Some(b'\n') if count > 0 => {}
        Some(_) => return Err(malformed()),
    }
    let length: usize = std::str::from_utf8(&digits[..count])
        .ok()
        .and_then(|d| d.parse().ok())
        .ok_or_else(malformed)?;
    let encrypted = &digits[count + 1..];
    match encrypted.len().cmp(&length) {
        std::cmp::Ordering::Less => Err(BundleError::Truncated),
        std::cmp::Ordering::Greater => Err(BundleError::Corrupt(
            t!("bundle.data_after_end").into_owned(),
        )),
        std::cmp::Ordering::Equal => Ok(encrypted),
    }
}

/// The age header's first line.
const AGE_INTRO: &[u8] = b"age-encryption.org/v1\n";

/// Refuses an age file that more than the chair can read: its header must hold exactly one
/// `X25519` recipient stanza, and besides it at most one stanza whose tag ends in `-grease` (the
/// random stanza age adds to every file so that readers keep tolerating unknown stanzas; it wraps
/// no key that a reader uses). Anything else names another reader (erratum 4).
fn check_readers(encrypted: &[u8]) -> Result<(), BundleError> {
    let Some(header) = encrypted.strip_prefix(AGE_INTRO) else {
        // Not an age file at all: age's own reader reports it as damaged.
        return Ok(());
    };
    let mut chair = 0usize;
    let mut grease = 0usize;
    let mut others: Vec<String> = Vec::new();
    for line in header.split(|&b| b == b'\n') {
        if line.starts_with(b"---") {
            break;
        }
        let Some(stanza) = line.strip_prefix(b"-> ") else {
            continue;
        };
        let tag = stanza.split(|&b| b == b' ').next().unwrap_or_default();
        if tag == b"X25519" {
            chair += 1;
        } else if tag.ends_with(b"-grease") {
            grease += 1;
        } else {
            others.push(String::from_utf8_lossy(tag).into_owned());
        }
    }
    if chair == 1 && grease <= 1 && others.is_empty() {
        return Ok(());
    }
    let mut readers = Vec::new();
    if chair > 0 {
        readers.push(format!("{chair} × X25519"));
    }
    if grease > 1 {
        readers.push(format!("{grease} × grease"));
    }
    readers.extend(others);
    Err(BundleError::OtherReaders {
        stanzas: readers.join(", "),
    })
}

fn from_age(error: age::DecryptError) -> BundleError {
    use age::DecryptError as E;
    match error {
        E::NoMatchingKeys => BundleError::NotForThisChair,
        E::Io(e) => from_io(e),
        E::InvalidMac => BundleError::Corrupt(t!("bundle.header_altered").into_owned()),
        E::InvalidHeader | E::UnknownFormat => {
            BundleError::Corrupt(t!("bundle.header_damaged").into_owned())
        }
        E::DecryptionFailed | E::KeyDecryptionFailed => {
            BundleError::Corrupt(t!("bundle.content_altered").into_owned())
        }
        other => BundleError::Corrupt(t!("bundle.cannot_decrypt", detail = other).into_owned()),
    }
}

fn from_io(error: std::io::Error) -> BundleError {
    if error.kind() == std::io::ErrorKind::UnexpectedEof {
        BundleError::Truncated
    } else {
        BundleError::Corrupt("the encrypted content was altered, damaged or cut short".into())
    }
}

/// A score bundle that was decrypted and verified against the juror's
/// registered key. Only [`open_bundle`] makes one, so only verified bundles
/// can be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedBundle {
    fingerprint: Fingerprint,
    content_fingerprint: Fingerprint,
    signer: [u8; 32],
    content: BundleContent,
    photos: Vec<PhotoBytes>,
}

impl VerifiedBundle {
    pub(crate) fn from_parts(
        fingerprint: Fingerprint,
        content_fingerprint: Fingerprint,
        signer: [u8; 32],
        content: BundleContent,
        photos: Vec<PhotoBytes>,
    ) -> Self {
        Self {
            fingerprint,
            content_fingerprint,
            signer,
            content,
            photos,
        }
    }

    /// The bytes of every photo the notes name (format version 3), each once.
    pub fn photos(&self) -> &[PhotoBytes] {
        &self.photos
    }

    /// SHA-256 of the bundle file, to recognise a file imported before.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// SHA-256 of the signed envelope inside: the same for every encryption of the same content;
    /// printed on score sheets.
    pub fn content_fingerprint(&self) -> Fingerprint {
        self.content_fingerprint
    }

    /// The juror's public key that signed the bundle.
    pub fn signer_key(&self) -> &[u8; 32] {
        &self.signer
    }

    /// The whole content.
    pub fn content(&self) -> &BundleContent {
        &self.content
    }

    /// The competition the bundle belongs to.
    pub fn competition_id(&self) -> &str {
        &self.content.competition_id
    }

    /// The juror who signed the bundle.
    pub fn juror_id(&self) -> &str {
        &self.content.juror_id
    }

    /// The package version the juror worked from.
    pub fn package_version(&self) -> u32 {
        self.content.package_version
    }

    /// When the juror exported the bundle (RFC 3339).
    pub fn exported_at(&self) -> &str {
        &self.content.exported_at
    }

    /// The juror's export counter.
    pub fn sequence(&self) -> u64 {
        self.content.sequence
    }

    /// Every score cell of the juror.
    pub fn scores(&self) -> &[ScoreCell] {
        &self.content.scores
    }

    /// Every note of the juror.
    pub fn notes(&self) -> &[EntryNote] {
        &self.content.notes
    }

    /// Every submission state of the juror.
    pub fn submissions(&self) -> &[Submission] {
        &self.content.submissions
    }
}
