//! Score bundle format version 2: the juror signs comments and notes by salted digests and the
//! texts travel beside the signed envelope, so a text can be withheld while the signature over
//! everything else stays checkable. Both readers (`open_bundle` and the fast `DecryptedBundle`
//! path) take exactly the content a version 1 bundle of the same state gives, and refuse every
//! text that does not match what the juror signed, naming the record.

#[path = "support/fixture.rs"]
mod fixture;

use ed25519_dalek::{Signature, VerifyingKey};
use fixture::*;
use juri_bundle::{
    decrypt_bundle, open_bundle, seal_bundle, seal_bundle_v2, BundleError, ChairKeys,
    DecryptedBundle, VerifiedBundle,
};

fn keys() -> Keys {
    Keys::load(&golden_dir()).expect("the committed test keys")
}

fn slow(keys: &Keys, bytes: &[u8]) -> Result<VerifiedBundle, BundleError> {
    open_bundle(bytes, &keys.chair, COMPETITION, |j| keys.registered(j))
}

fn fast(keys: &Keys, bytes: &[u8]) -> Result<VerifiedBundle, BundleError> {
    let decrypted = DecryptedBundle::decrypt(bytes, &keys.chair)?;
    let view = decrypted.verify(COMPETITION, |j| keys.registered(j).map(|k| vec![k]))?;
    Ok(view.to_verified())
}

/// The bundle whose decrypted content is `inner`, encrypted to `chair` under `header`.
fn frame(header: &str, inner: &[u8], chair: &ChairKeys) -> Vec<u8> {
    let recipient: age::x25519::Recipient = chair.public().age_recipient.parse().unwrap();
    let encrypted = age::encrypt(&recipient, inner).unwrap();
    let mut out = format!("{header}\nage-bytes {}\n", encrypted.len()).into_bytes();
    out.extend_from_slice(&encrypted);
    out
}

fn v2(keys: &Keys) -> (Vec<u8>, Vec<u8>) {
    let (bytes, _) = seal_bundle_v2(
        &bundle_content(COMPETITION),
        &keys.juror(),
        &keys.chair.public(),
    )
    .unwrap();
    let inner = decrypt_bundle(&bytes, &keys.chair).unwrap();
    (bytes, inner)
}

#[test]
fn a_version_2_bundle_reads_as_the_same_content_as_version_1() {
    let keys = keys();
    let content = bundle_content(COMPETITION);
    let one = seal_bundle(&content, &keys.juror(), &keys.chair.public()).unwrap();
    let (two, fingerprint) = seal_bundle_v2(&content, &keys.juror(), &keys.chair.public()).unwrap();
    assert!(two.starts_with(b"JURI-BUNDLE v2\nage-bytes "));
    let from_one = slow(&keys, &one).unwrap();
    let from_two = slow(&keys, &two).unwrap();
    assert_eq!(from_one.content(), from_two.content());
    assert_eq!(fast(&keys, &two).unwrap(), from_two);
    // The content fingerprint is the signed envelope's: what sealing said, and the same for
    // another encryption of the same content (the salts are derived, not drawn).
    assert_eq!(from_two.content_fingerprint(), fingerprint);
    let (again, again_fingerprint) =
        seal_bundle_v2(&content, &keys.juror(), &keys.chair.public()).unwrap();
    assert_ne!(again, two);
    assert_eq!(again_fingerprint, fingerprint);
    assert_ne!(from_one.content_fingerprint(), fingerprint);
}

#[test]
fn the_signed_envelope_holds_no_text_and_verifies_without_the_disclosures() {
    let keys = keys();
    let (bytes, inner) = v2(&keys);
    let decrypted = DecryptedBundle::decrypt(&bytes, &keys.chair).unwrap();
    assert_eq!(decrypted.format_version(), 2);
    let envelope = decrypted.envelope();
    assert!(inner.starts_with(envelope) && inner.len() > envelope.len());
    let text = String::from_utf8(envelope.to_vec()).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    for said in ["Ide baru untuk NTT", "Sangat bermanfaat"] {
        assert!(!text.contains(said), "the envelope shows {said:?}");
        let disclosed = String::from_utf8(decrypted.disclosures().unwrap().to_vec()).unwrap();
        assert!(disclosed.contains(said), "{disclosed}");
    }
    // Anyone holding only the envelope checks the juror's signature with any Ed25519 library.
    let (signed, signature_line) = text.rsplit_once("ed25519 ").unwrap();
    let (key, signature) = signature_line.trim_end().split_once(' ').unwrap();
    let b64 =
        |t: &str| base64::Engine::decode(&base64::engine::general_purpose::STANDARD, t).unwrap();
    let key = VerifyingKey::from_bytes(&b64(key).try_into().unwrap()).unwrap();
    let signature = Signature::from_bytes(&b64(signature).try_into().unwrap());
    key.verify_strict(signed.as_bytes(), &signature).unwrap();
    assert_eq!(key.to_bytes(), keys.credential.public_key);
}

/// `inner` with its disclosures line replaced by what `change` makes of it.
fn with_disclosures(inner: &[u8], change: impl Fn(&str) -> String) -> Vec<u8> {
    let text = String::from_utf8(inner.to_vec()).unwrap();
    let at = text.find("disclosures ").unwrap();
    let (envelope, line) = text.split_at(at);
    format!("{envelope}{}", change(line)).into_bytes()
}

#[test]
fn every_text_must_be_the_one_the_juror_signed() {
    let keys = keys();
    let (_, inner) = v2(&keys);
    let cases: Vec<(&str, Vec<u8>, &str)> =
        vec![
        (
            "a comment changed",
            with_disclosures(&inner, |l| l.replace("Ide baru untuk NTT", "Ide lama")),
            "score proposal/PD-01/kebaruan: its text does not match the digest the juror signed",
        ),
        (
            "a note changed",
            with_disclosures(&inner, |l| l.replacen("\"text\":\"", "\"text\":\"X", 10)),
            "does not match the digest the juror signed",
        ),
        (
            "a text withheld",
            with_disclosures(&inner, |l| {
                let start = l.find("{\"salt\"").unwrap();
                let end = l[start..].find("},").unwrap() + start + 2;
                format!("{}{}", &l[..start], &l[end..])
            }),
            "do not match it",
        ),
        (
            "no disclosures",
            with_disclosures(&inner, |_| String::new()),
            "not one line `disclosures",
        ),
        (
            "a line after them",
            with_disclosures(&inner, |l| format!("{l}more\n")),
            "not one line `disclosures",
        ),
        (
            "not canonical",
            with_disclosures(&inner, |l| l.replacen("{\"comments\":", "{ \"comments\":", 1)),
            "not written canonically",
        ),
        (
            "a salt changed",
            with_disclosures(&inner, |l| {
                let at = l.find("\"salt\":\"").unwrap() + 8;
                let flipped = if &l[at..=at] == "A" { "B" } else { "A" };
                format!("{}{flipped}{}", &l[..at], &l[at + 1..])
            }),
            "its text does not match the digest the juror signed",
        ),
    ];
    for (what, inner, expected) in cases {
        let bytes = frame("JURI-BUNDLE v2", &inner, &keys.chair);
        for (reader, result) in [
            ("open_bundle", slow(&keys, &bytes)),
            ("view", fast(&keys, &bytes)),
        ] {
            let error = result.expect_err(what).to_string();
            assert!(error.contains(expected), "{what} ({reader}): {error}");
        }
    }
}

#[test]
fn the_file_and_the_envelope_name_one_version() {
    let keys = keys();
    let content = bundle_content(COMPETITION);
    // A version 1 envelope in a file that says version 2, and the reverse.
    let one = seal_bundle(&content, &keys.juror(), &keys.chair.public()).unwrap();
    let one_inner = decrypt_bundle(&one, &keys.chair).unwrap();
    let (_, two_inner) = v2(&keys);
    for (header, inner) in [
        ("JURI-BUNDLE v2", &one_inner),
        ("JURI-BUNDLE v1", &two_inner),
    ] {
        let bytes = frame(header, inner, &keys.chair);
        for result in [slow(&keys, &bytes), fast(&keys, &bytes)] {
            let error = result.expect_err(header).to_string();
            assert!(
                error.contains("signed content inside says"),
                "{header}: {error}"
            );
        }
    }
    // A version this Juri does not read (version 3 is version 2 with photos).
    let bytes = frame("JURI-BUNDLE v4", &two_inner, &keys.chair);
    assert!(matches!(
        slow(&keys, &bytes),
        Err(BundleError::UnsupportedVersion { found: 4, .. })
    ));
}

/// The golden version 2 bundle (`cargo run -p juri-bundle --example make_golden`) opens forever,
/// and what a fresh seal of its content signs is, byte for byte, the envelope it holds: version 2
/// is frozen.
#[test]
fn the_golden_version_2_bundle_opens_and_its_envelope_is_frozen() {
    let keys = keys();
    let golden = std::fs::read(golden_v2_dir().join(BUNDLE_FILE)).unwrap();
    assert!(golden.starts_with(b"JURI-BUNDLE v2\n"));
    let opened = slow(&keys, &golden).unwrap();
    assert_eq!(fast(&keys, &golden).unwrap(), opened);
    let one = seal_bundle(
        &bundle_content(COMPETITION),
        &keys.juror(),
        &keys.chair.public(),
    )
    .unwrap();
    assert_eq!(opened.content(), slow(&keys, &one).unwrap().content());
    let (fresh, fingerprint) = seal_bundle_v2(
        &bundle_content(COMPETITION),
        &keys.juror(),
        &keys.chair.public(),
    )
    .unwrap();
    assert_eq!(
        decrypt_bundle(&fresh, &keys.chair).unwrap(),
        decrypt_bundle(&golden, &keys.chair).unwrap()
    );
    assert_eq!(opened.content_fingerprint(), fingerprint);
}
