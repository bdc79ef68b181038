//! File framing shared by both formats: the header line, the signed
//! envelope and canonical JSON.
//!
//! A signed envelope is
//!
//! ```text
//! JURI-<KIND> v<N>\n
//! <canonical JSON payload>\n
//! ed25519 <public key, base64> <signature, base64>\n
//! ```
//!
//! and the signature covers every byte before the signature line.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use rust_i18n::t;

use crate::error::{BundleError, FileKind};

/// The format version of packages, and of the bundles this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// The juror package format versions this build reads: 1, and 2 (entries with documents and
/// links).
pub const PACKAGE_FORMAT_VERSIONS: std::ops::RangeInclusive<u32> = 1..=2;

/// The score bundle format versions this build reads: 1, 2 (texts signed by their digests) and 3
/// (version 2 with photos on field notes).
pub const BUNDLE_FORMAT_VERSIONS: std::ops::RangeInclusive<u32> = 1..=3;

/// The versions this build reads of `kind`.
fn readable(kind: FileKind) -> std::ops::RangeInclusive<u32> {
    match kind {
        FileKind::Package => PACKAGE_FORMAT_VERSIONS,
        FileKind::Bundle => BUNDLE_FORMAT_VERSIONS,
        FileKind::Archive => {
            crate::archive::ARCHIVE_FORMAT_VERSION..=crate::archive::ARCHIVE_FORMAT_VERSION
        }
    }
}

/// Files above this size are refused before they are decrypted or parsed.
/// Callers should compare the file's size against it before reading the file.
/// (A national competition's largest juror bundle is about 2 MB, its largest package 10 MB.)
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// The largest document an entry may carry, in bytes: 25 MiB.
pub const MAX_DOCUMENT_BYTES: u64 = 25 * 1024 * 1024;

/// The most documents one entry may carry.
pub const MAX_DOCUMENTS_PER_ENTRY: usize = 20;

/// The most links one entry may carry.
pub const MAX_LINKS_PER_ENTRY: usize = 20;

/// The longest link, in bytes.
pub const MAX_LINK_BYTES: usize = 2000;

/// What a document is: a PDF, an image (PNG, JPEG, WebP) or an office file.
pub const DOCUMENT_KINDS: [&str; 3] = ["pdf", "image", "office"];

/// The longest comment on a score, in bytes of UTF-8 text (about 8,000 letters).
pub const MAX_COMMENT_BYTES: usize = 8 * 1024;

/// The longest field-visit note, in bytes of UTF-8 text (about 64,000 letters).
pub const MAX_NOTE_BYTES: usize = 64 * 1024;

/// The largest photo on a field note, in bytes of JPEG: 2 MiB (Juri writes a photo at most
/// [`MAX_PHOTO_SIDE`] pixels on its longer side, typically 200–500 KB).
pub const MAX_PHOTO_BYTES: u64 = 2 * 1024 * 1024;

/// The longer side of a photo as Juri writes it, in pixels.
pub const MAX_PHOTO_SIDE: u32 = 1600;

/// The most photos one field note may carry.
pub const MAX_PHOTOS_PER_NOTE: usize = 10;

/// The most bytes of photos one score bundle may carry: 48 MiB (each distinct photo counted
/// once), which keeps a bundle under [`MAX_FILE_SIZE`].
pub const MAX_BUNDLE_PHOTO_BYTES: u64 = 48 * 1024 * 1024;

const SIGNATURE_TAG: &str = "ed25519 ";
const MAX_HEADER_LEN: usize = 32;

/// The first line of a file of `kind` in `version`, newline included.
pub(crate) fn header_line(kind: FileKind, version: u32) -> String {
    format!("JURI-{} v{}\n", kind.header_word(), version)
}

/// Refuses empty and oversized inputs.
pub(crate) fn check_size(bytes: &[u8]) -> Result<(), BundleError> {
    if bytes.is_empty() {
        return Err(BundleError::Empty);
    }
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(BundleError::TooLarge {
            limit: MAX_FILE_SIZE,
        });
    }
    Ok(())
}

/// A parsed header line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    pub kind: FileKind,
    pub version: u32,
    /// Whether the version is written without leading zeros.
    pub canonical: bool,
    /// Length of the header line including its newline.
    pub len: usize,
}

/// Reads the header line without judging the version.
///
/// A file that stops while everything so far still looks like a header is
/// `Truncated`; anything else that is not a header is `NotJuriFile`.
pub(crate) fn read_header(bytes: &[u8]) -> Result<Header, BundleError> {
    check_size(bytes)?;
    const PREFIX: &[u8] = b"JURI-";
    let shown = &bytes[..bytes.len().min(PREFIX.len())];
    if !PREFIX.starts_with(shown) {
        return Err(BundleError::NotJuriFile);
    }
    if bytes.len() <= PREFIX.len() {
        return Err(BundleError::Truncated);
    }
    let rest = &bytes[PREFIX.len()..];
    let words = [FileKind::Package, FileKind::Bundle, FileKind::Archive];
    let Some(space) = rest.iter().take(MAX_HEADER_LEN).position(|&b| b == b' ') else {
        let partial = &rest[..rest.len().min(MAX_HEADER_LEN)];
        let could_be = words
            .iter()
            .any(|k| k.header_word().as_bytes().starts_with(partial));
        return Err(if could_be && rest.len() < MAX_HEADER_LEN {
            BundleError::Truncated
        } else {
            BundleError::NotJuriFile
        });
    };
    let word = &rest[..space];
    let kind = words
        .into_iter()
        .find(|k| k.header_word().as_bytes() == word)
        .ok_or(BundleError::NotJuriFile)?;
    let after = &rest[space + 1..];
    match after.first() {
        None => return Err(BundleError::Truncated),
        Some(b'v') => {}
        Some(_) => return Err(BundleError::NotJuriFile),
    }
    let digits = &after[1..];
    let count = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    match digits.get(count) {
        None if count < 10 => return Err(BundleError::Truncated),
        Some(b'\n') if (1..=9).contains(&count) => {}
        _ => return Err(BundleError::NotJuriFile),
    }

    let version: u32 = std::str::from_utf8(&digits[..count])
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(BundleError::NotJuriFile)?;
    Ok(Header {
        kind,
        version,
        // One version, one header: `v01` is not `v1` (erratum 4).
        canonical: count == 1 || digits[0] != b'0',
        len: PREFIX.len() + space + 2 + count + 1,
    })
}

/// Reads the header and insists on `expected` kind and the supported version.
pub(crate) fn expect_header(bytes: &[u8], expected: FileKind) -> Result<Header, BundleError> {
    expect_header_with(bytes, expected, true)
}

/// [`expect_header`]; without `strict`, a version written with leading zeros is read as readers
/// did before erratum 4 of `docs/formats.md`.
pub(crate) fn expect_header_with(
    bytes: &[u8],
    expected: FileKind,
    strict: bool,
) -> Result<Header, BundleError> {
    let header = read_header(bytes)?;
    if strict && !header.canonical {
        return Err(BundleError::NotJuriFile);
    }
    if header.kind != expected {
        return Err(BundleError::WrongKind {
            expected,
            found: header.kind,
        });
    }
    let readable = readable(expected);
    if !readable.contains(&header.version) {
        return Err(BundleError::UnsupportedVersion {
            found: header.version,
            supported: *readable.end(),
        });
    }
    Ok(header)
}

/// Writes `value` as canonical JSON: object keys sorted by their UTF-8 bytes,
/// no insignificant whitespace, strings escaped as `serde_json` does
/// (which is what Python's `json.dumps(..., ensure_ascii=False)` does too).
pub(crate) fn canonical_json<T: Serialize>(value: &T) -> Result<String, BundleError> {
    let value = serde_json::to_value(value)
        .map_err(|e| BundleError::Corrupt(t!("bundle.cannot_encode", detail = e).into_owned()))?;
    let mut out = String::new();
    write_canonical(&value, &mut out);
    Ok(out)
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
    }
}

/// Builds a signed envelope of `kind` around `payload`.
pub(crate) fn sign_envelope<T: Serialize>(
    kind: FileKind,
    payload: &T,
    key: &SigningKey,
) -> Result<Vec<u8>, BundleError> {
    sign_envelope_in(kind, FORMAT_VERSION, payload, key)
}

/// [`sign_envelope`] in format `version`.
pub(crate) fn sign_envelope_in<T: Serialize>(
    kind: FileKind,
    version: u32,
    payload: &T,
    key: &SigningKey,
) -> Result<Vec<u8>, BundleError> {
    let mut signed = header_line(kind, version).into_bytes();
    signed.extend_from_slice(canonical_json(payload)?.as_bytes());
    signed.push(b'\n');
    let signature = key.sign(&signed);
    let line = format!(
        "{SIGNATURE_TAG}{} {}\n",
        BASE64.encode(key.verifying_key().as_bytes()),
        BASE64.encode(signature.to_bytes())
    );
    signed.extend_from_slice(line.as_bytes());
    Ok(signed)
}

/// A signed envelope whose signature has been checked against the key named
/// in its signature line. Who that key belongs to is for the caller to judge.
#[derive(Debug)]
pub(crate) struct OpenedEnvelope<T> {
    pub payload: T,
    pub signer: [u8; 32],
}

/// Splits and verifies a signed envelope of `kind`, then decodes its payload.
pub(crate) fn open_envelope<T: DeserializeOwned>(
    bytes: &[u8],
    kind: FileKind,
) -> Result<OpenedEnvelope<T>, BundleError> {
    let (payload_bytes, signer) = verify_envelope(bytes, kind)?;
    let payload = read_canonical(payload_bytes)?;
    Ok(OpenedEnvelope { payload, signer })
}

/// Decodes a payload that must be JSON, written canonically, and of the format's shape.
pub(crate) fn read_canonical<T: DeserializeOwned>(payload_bytes: &[u8]) -> Result<T, BundleError> {
    let value: Value = serde_json::from_slice(payload_bytes)
        .map_err(|e| BundleError::Corrupt(t!("bundle.not_json", detail = e).into_owned()))?;
    let mut canonical = String::new();
    write_canonical(&value, &mut canonical);
    if canonical.as_bytes() != payload_bytes {
        return Err(BundleError::Corrupt(
            t!("bundle.not_canonical").into_owned(),
        ));
    }
    serde_json::from_value(value)
        .map_err(|e| BundleError::Corrupt(t!("bundle.not_the_format", detail = e).into_owned()))
}

/// Splits a signed envelope of `kind` and verifies its signature against
/// the key on its signature line. Returns the payload bytes (the line
/// between the header and the signature line) and the signer's key.
pub(crate) fn verify_envelope(
    bytes: &[u8],
    kind: FileKind,
) -> Result<(&[u8], [u8; 32]), BundleError> {
    let header = expect_header(bytes, kind)?;
    let Some(body) = bytes.strip_suffix(b"\n") else {
        return Err(BundleError::Truncated);
    };
    if body.len() < header.len {
        return Err(BundleError::Truncated);
    }
    let Some(split) = body[header.len..].iter().rposition(|&b| b == b'\n') else {
        return Err(BundleError::Truncated);
    };
    let split = header.len + split;
    let (signed, signature_line) = (&bytes[..=split], &body[split + 1..]);
    let (signer, signature) = parse_signature_line(signature_line)?;
    let verifying = VerifyingKey::from_bytes(&signer).map_err(|_| BundleError::SignatureInvalid)?;
    verifying
        .verify_strict(signed, &signature)
        .map_err(|_| BundleError::SignatureInvalid)?;
    Ok((&signed[header.len..signed.len() - 1], signer))
}

fn parse_signature_line(line: &[u8]) -> Result<([u8; 32], Signature), BundleError> {
    let malformed = || BundleError::Corrupt(t!("bundle.signature_line_malformed").into_owned());
    let text = std::str::from_utf8(line).map_err(|_| malformed())?;
    let rest = text.strip_prefix(SIGNATURE_TAG).ok_or_else(malformed)?;
    let (key, signature) = rest.split_once(' ').ok_or_else(malformed)?;
    // A key or signature that does not decode cannot match: report it as
    // such, since a flipped character there is what makes it undecodable.
    let key: [u8; 32] = decode_fixed(key).ok_or(BundleError::SignatureInvalid)?;
    let signature: [u8; 64] = decode_fixed(signature).ok_or(BundleError::SignatureInvalid)?;
    Ok((key, Signature::from_bytes(&signature)))
}

/// Decodes standard padded base64 of exactly `N` bytes.
pub(crate) fn decode_fixed<const N: usize>(text: &str) -> Option<[u8; N]> {
    let bytes = BASE64.decode(text).ok()?;
    <[u8; N]>::try_from(bytes.as_slice()).ok()
}

/// Standard padded base64.
pub(crate) fn encode_base64(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

/// Decodes standard padded base64 of any length.
pub(crate) fn decode_base64(text: &str) -> Option<Vec<u8>> {
    BASE64.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case = (&'static [u8], Result<(FileKind, u32), BundleError>);

    #[test]
    fn header_lines_are_recognised() {
        let cases: &[Case] = &[
            (b"JURI-PACKAGE v1\n{}", Ok((FileKind::Package, 1))),
            (b"JURI-BUNDLE v12\nx", Ok((FileKind::Bundle, 12))),
            (b"JURI-BUNDLE v0\n", Ok((FileKind::Bundle, 0))),
            (b"", Err(BundleError::Empty)),
            (b"J", Err(BundleError::Truncated)),
            (b"JURI-PACK", Err(BundleError::Truncated)),
            (b"JURI-BUNDLE v", Err(BundleError::Truncated)),
            (b"JURI-BUNDLE v1", Err(BundleError::Truncated)),
            (b"JURI-PACKAGX v1\n", Err(BundleError::NotJuriFile)),
            (b"JURI-BUNDLE 1\n", Err(BundleError::NotJuriFile)),
            (b"JURI-BUNDLE v\n", Err(BundleError::NotJuriFile)),
            (b"JURI-BUNDLE v1 \n", Err(BundleError::NotJuriFile)),
            (b"JURI-BUNDLE v99999999999\n", Err(BundleError::NotJuriFile)),
            (b"PK\x03\x04", Err(BundleError::NotJuriFile)),
            (b"age-encryption.org/v1\n", Err(BundleError::NotJuriFile)),
        ];
        for (input, expected) in cases {
            let got = read_header(input).map(|h| (h.kind, h.version));
            assert_eq!(&got, expected, "{:?}", String::from_utf8_lossy(input));
        }
    }

    #[test]
    fn canonical_json_sorts_keys_and_has_no_whitespace() {
        let value = serde_json::json!({
            "b": [1, {"z": null, "a": true}],
            "a": "tab\there \"quoted\" é \u{1}",
            "n": 18446744073709551615u64
        });
        assert_eq!(
            canonical_json(&value).unwrap(),
            r#"{"a":"tab\there \"quoted\" é \u0001","b":[1,{"a":true,"z":null}],"n":18446744073709551615}"#
        );
    }

    fn key() -> SigningKey {
        SigningKey::from_bytes(&[7; 32])
    }

    /// A package envelope around `payload` bytes as given, signed properly.
    fn signed_by_hand(payload: &str) -> Vec<u8> {
        let mut signed = format!("JURI-PACKAGE v1\n{payload}\n").into_bytes();
        let signature = key().sign(&signed);
        let line = format!(
            "ed25519 {} {}\n",
            encode_base64(key().verifying_key().as_bytes()),
            encode_base64(&signature.to_bytes())
        );
        signed.extend_from_slice(line.as_bytes());
        signed
    }

    #[test]
    fn an_envelope_round_trips_and_names_its_signer() {
        let payload = serde_json::json!({"b": 1, "a": "x"});
        let bytes = sign_envelope(FileKind::Package, &payload, &key()).unwrap();
        assert_eq!(bytes, signed_by_hand(r#"{"a":"x","b":1}"#));
        let opened = open_envelope::<Value>(&bytes, FileKind::Package).unwrap();
        assert_eq!(opened.payload, payload);
        assert_eq!(&opened.signer, key().verifying_key().as_bytes());
    }

    #[test]
    fn signed_but_malformed_payloads_are_corrupt() {
        for payload in [
            r#"{"b":1, "a":"x"}"#,
            r#"{"b":1,"a":"x"}"#,
            "not json",
            r#"{"a":1.50}"#,
        ] {
            let result = open_envelope::<Value>(&signed_by_hand(payload), FileKind::Package);
            assert!(
                matches!(result, Err(BundleError::Corrupt(_))),
                "{payload}: {result:?}"
            );
        }
    }

    #[test]
    fn a_missing_or_broken_signature_line_is_reported() {
        let bytes = signed_by_hand("{}");
        let unsigned = b"JURI-PACKAGE v1\n{}\n";
        assert!(matches!(
            open_envelope::<Value>(unsigned, FileKind::Package),
            Err(BundleError::Truncated)
        ));
        let mut retagged = bytes.clone();
        let at = unsigned.len();
        retagged[at..at + 7].copy_from_slice(b"rsa4096");
        assert!(matches!(
            open_envelope::<Value>(&retagged, FileKind::Package),
            Err(BundleError::Corrupt(_))
        ));
        let other = SigningKey::from_bytes(&[8; 32]);
        let mut swapped = unsigned.to_vec();
        swapped.extend_from_slice(
            format!(
                "ed25519 {} {}\n",
                encode_base64(other.verifying_key().as_bytes()),
                encode_base64(&key().sign(unsigned).to_bytes())
            )
            .as_bytes(),
        );
        assert!(matches!(
            open_envelope::<Value>(&swapped, FileKind::Package),
            Err(BundleError::SignatureInvalid)
        ));
    }
}
