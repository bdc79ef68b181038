//! The fast import path (`DecryptedBundle` → `BundleView`) accepts and
//! refuses exactly what `open_bundle` does, on the golden files and on every
//! damaged copy of the golden bundle.

#[path = "support/fixture.rs"]
mod fixture;

use fixture::*;
use juri_bundle::{open_bundle, BundleError, DecryptedBundle, VerifiedBundle};

fn slow(keys: &Keys, bytes: &[u8]) -> Result<VerifiedBundle, BundleError> {
    open_bundle(bytes, &keys.chair, COMPETITION, |j| keys.registered(j))
}

fn fast(keys: &Keys, bytes: &[u8]) -> Result<VerifiedBundle, BundleError> {
    let decrypted = DecryptedBundle::decrypt(bytes, &keys.chair)?;
    let view = decrypted.verify(COMPETITION, |j| keys.registered(j).map(|k| vec![k]))?;
    Ok(view.to_verified())
}

fn same(keys: &Keys, bytes: &[u8], what: &str) {
    match (slow(keys, bytes), fast(keys, bytes)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => assert_eq!(
            std::mem::discriminant(&a),
            std::mem::discriminant(&b),
            "{what}: {a} / {b}"
        ),
        (a, b) => panic!("{what}: open_bundle {a:?}, view {b:?}"),
    }
}

#[test]
fn golden_bundles_give_the_same_verdict() {
    let keys = Keys::load(&golden_dir()).unwrap();
    for name in [
        BUNDLE_FILE,
        OTHER_COMPETITION_FILE,
        WRONG_KEY_FILE,
        OTHER_CHAIR_FILE,
        PACKAGE_FILE,
    ] {
        let bytes = std::fs::read(golden_dir().join(name)).unwrap();
        same(&keys, &bytes, name);
    }
    let bytes = std::fs::read(golden_dir().join(BUNDLE_FILE)).unwrap();
    assert!(fast(&keys, &bytes).is_ok());
}

#[test]
fn every_damaged_copy_gives_the_same_verdict() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let bundle = std::fs::read(golden_dir().join(BUNDLE_FILE)).unwrap();
    for at in (0..bundle.len()).step_by(7) {
        let mut copy = bundle.clone();
        copy[at] ^= 0x01;
        same(&keys, &copy, &format!("byte {at}"));
        assert!(fast(&keys, &copy).is_err(), "byte {at} accepted");
    }
    for len in (0..bundle.len()).step_by(13) {
        same(&keys, &bundle[..len], &format!("cut to {len}"));
    }
}

#[test]
fn a_juror_key_from_the_key_history_is_accepted() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let bytes = std::fs::read(golden_dir().join(BUNDLE_FILE)).unwrap();
    let decrypted = DecryptedBundle::decrypt(&bytes, &keys.chair).unwrap();
    let history = vec![[7u8; 32], keys.credential.public_key];
    let view = decrypted
        .verify(COMPETITION, |_| Some(history.clone()))
        .unwrap();
    assert_eq!(view.signer_key(), &keys.credential.public_key);
    assert!(matches!(
        decrypted.verify(COMPETITION, |_| Some(vec![[7u8; 32]])),
        Err(BundleError::KeyMismatch { .. })
    ));
}

#[test]
fn one_content_has_one_content_fingerprint_however_often_it_is_encrypted() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let content = bundle_content(COMPETITION);
    let (a, fp_a) =
        juri_bundle::seal_bundle_fingerprinted(&content, &keys.juror(), &keys.chair.public())
            .unwrap();
    let (b, fp_b) =
        juri_bundle::seal_bundle_fingerprinted(&content, &keys.juror(), &keys.chair.public())
            .unwrap();
    // Two encryptions: two files, two file fingerprints, one content fingerprint.
    assert_ne!(a, b);
    assert_ne!(
        juri_bundle::Fingerprint::of(&a),
        juri_bundle::Fingerprint::of(&b)
    );
    assert_eq!(fp_a, fp_b);
    for bytes in [&a, &b] {
        let decrypted = DecryptedBundle::decrypt(bytes, &keys.chair).unwrap();
        // The SHA-256 of the decrypted bytes, signature line included.
        assert_eq!(decrypted.content_fingerprint(), fp_a);
        assert_eq!(
            juri_bundle::Fingerprint::of(decrypted.envelope()),
            decrypted.content_fingerprint()
        );
        let view = decrypted
            .verify(COMPETITION, |j| keys.registered(j).map(|k| vec![k]))
            .unwrap();
        assert_eq!(view.content_fingerprint(), fp_a);
        assert_eq!(slow(&keys, bytes).unwrap().content_fingerprint(), fp_a);
    }
    // The golden bundle's content fingerprint is pinned: it is what its sheets print.
    let golden = std::fs::read(golden_dir().join(BUNDLE_FILE)).unwrap();
    let decrypted = DecryptedBundle::decrypt(&golden, &keys.chair).unwrap();
    assert_eq!(
        decrypted.content_fingerprint(),
        juri_bundle::Fingerprint::of(&juri_bundle::decrypt_bundle(&golden, &keys.chair).unwrap())
    );
}
