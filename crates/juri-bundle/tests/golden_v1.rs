//! The golden files of format v1 must open and verify forever, and every
//! kind of damage must give its specific error.

#[path = "support/fixture.rs"]
mod fixture;

use std::fs;

use fixture::*;
use juri_bundle::{
    decrypt_bundle, inspect, issue_package, open_bundle, open_package, seal_bundle, BundleContent,
    BundleError, FileKind, Fingerprint, Summary, Verdict, VerifiedBundle, MAX_FILE_SIZE,
};

fn golden(name: &str) -> Vec<u8> {
    fs::read(golden_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn open_as_chair(keys: &Keys, bytes: &[u8]) -> Result<VerifiedBundle, BundleError> {
    open_bundle(bytes, &keys.chair, COMPETITION, |j| keys.registered(j))
}

fn sorted(mut content: BundleContent) -> BundleContent {
    content.scores.sort_by(|a, b| {
        (&a.stage, &a.entry, &a.criterion).cmp(&(&b.stage, &b.entry, &b.criterion))
    });
    content
        .notes
        .sort_by(|a, b| (&a.stage, &a.entry).cmp(&(&b.stage, &b.entry)));
    content
        .submissions
        .sort_by(|a, b| (&a.stage, &a.entry).cmp(&(&b.stage, &b.entry)));
    content
}

#[test]
fn golden_files_have_not_changed() {
    let sums = String::from_utf8(golden(SUMS_FILE)).unwrap();
    let mut checked = 0;
    for line in sums.lines() {
        let (hex, name) = line.split_once("  ").expect("`<sha256>  <name>` lines");
        assert_eq!(
            Fingerprint::of(&golden(name)).to_hex(),
            hex,
            "{name} changed"
        );
        checked += 1;
    }
    assert_eq!(checked, 6);
}

#[test]
fn golden_package_opens_and_is_byte_stable() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let bytes = golden(PACKAGE_FILE);
    assert!(bytes.starts_with(b"JURI-PACKAGE v1\n"));
    let package = open_package(&bytes).unwrap();
    assert_eq!(package.content(), &package_content(&keys));
    assert_eq!(package.chair(), &keys.chair.public());
    assert_eq!(package.fingerprint(), Fingerprint::of(&bytes));
    assert_eq!(
        issue_package(&package_content(&keys), &keys.chair).unwrap(),
        bytes
    );
}

#[test]
fn golden_package_unlocks_only_with_its_access_code() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let package = open_package(&golden(PACKAGE_FILE)).unwrap();
    let juror = package.unlock(&keys.access_code.to_lowercase()).unwrap();
    assert_eq!(juror.public_key(), keys.credential.public_key);
    assert_eq!(
        package.unlock("0000-0000-0000-0000").unwrap_err(),
        BundleError::WrongAccessCode
    );
    assert_eq!(
        package.unlock("1234").unwrap_err(),
        BundleError::AccessCodeMalformed
    );
}

#[test]
fn golden_bundle_opens_and_its_signed_content_is_byte_stable() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let bytes = golden(BUNDLE_FILE);
    assert!(bytes.starts_with(b"JURI-BUNDLE v1\nage-bytes "));
    let bundle = open_as_chair(&keys, &bytes).unwrap();
    assert_eq!(bundle.content(), &sorted(bundle_content(COMPETITION)));
    assert_eq!(bundle.juror_id(), JUROR);
    assert_eq!(bundle.signer_key(), &keys.credential.public_key);
    assert_eq!(bundle.fingerprint(), Fingerprint::of(&bytes));
    let fresh = seal_bundle(
        &bundle_content(COMPETITION),
        &keys.juror(),
        &keys.chair.public(),
    )
    .unwrap();
    assert_ne!(fresh, bytes, "age encryption is randomised");
    assert_eq!(
        decrypt_bundle(&fresh, &keys.chair).unwrap(),
        decrypt_bundle(&bytes, &keys.chair).unwrap(),
        "the signed envelope inside is deterministic"
    );
}

#[test]
fn golden_bundles_that_must_be_refused_give_their_specific_error() {
    let keys = Keys::load(&golden_dir()).unwrap();
    assert_eq!(
        open_as_chair(&keys, &golden(OTHER_COMPETITION_FILE)).unwrap_err(),
        BundleError::WrongCompetition {
            expected: COMPETITION.into(),
            found: OTHER_COMPETITION.into()
        }
    );
    assert_eq!(
        open_as_chair(&keys, &golden(WRONG_KEY_FILE)).unwrap_err(),
        BundleError::KeyMismatch {
            juror: JUROR.into()
        }
    );
    assert_eq!(
        open_as_chair(&keys, &golden(OTHER_CHAIR_FILE)).unwrap_err(),
        BundleError::NotForThisChair
    );
    assert_eq!(
        open_bundle(&golden(BUNDLE_FILE), &keys.chair, COMPETITION, |_| None).unwrap_err(),
        BundleError::UnknownJuror(JUROR.into())
    );
    assert_eq!(
        open_as_chair(&keys, &golden(PACKAGE_FILE)).unwrap_err(),
        BundleError::WrongKind {
            expected: FileKind::Bundle,
            found: FileKind::Package
        }
    );
    assert_eq!(
        open_package(&golden(BUNDLE_FILE)).unwrap_err(),
        BundleError::WrongKind {
            expected: FileKind::Package,
            found: FileKind::Bundle
        }
    );
}

fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut copy = bytes.to_vec();
    copy[at] ^= 0x01;
    copy
}

fn is_corrupt(result: Result<impl std::fmt::Debug, BundleError>) -> bool {
    matches!(result, Err(BundleError::Corrupt(_)))
}

#[test]
fn tampered_packages_give_specific_errors() {
    let bytes = golden(PACKAGE_FILE);
    let middle = bytes.len() / 2;
    let last = bytes.len() - 1;
    assert_eq!(
        open_package(&flipped(&bytes, 0)).unwrap_err(),
        BundleError::NotJuriFile
    );
    assert_eq!(
        open_package(&flipped(&bytes, 14)).unwrap_err(),
        BundleError::UnsupportedVersion {
            found: 0,
            supported: 2
        }
    );
    assert_eq!(
        open_package(&flipped(&bytes, 16)).unwrap_err(),
        BundleError::SignatureInvalid
    );
    assert_eq!(
        open_package(&flipped(&bytes, middle)).unwrap_err(),
        BundleError::SignatureInvalid
    );
    assert_eq!(
        open_package(&flipped(&bytes, last - 1)).unwrap_err(),
        BundleError::SignatureInvalid
    );
    assert_eq!(
        open_package(&flipped(&bytes, last)).unwrap_err(),
        BundleError::Truncated
    );
    assert_eq!(
        open_package(&bytes[..middle]).unwrap_err(),
        BundleError::Truncated
    );
    assert_eq!(
        open_package(&bytes[..last]).unwrap_err(),
        BundleError::Truncated
    );
    let future = [b"JURI-PACKAGE v3\n".as_slice(), &bytes[16..]].concat();
    assert_eq!(
        open_package(&future).unwrap_err(),
        BundleError::UnsupportedVersion {
            found: 3,
            supported: 2
        }
    );
    let mut wrong_magic = bytes.clone();
    wrong_magic[..4].copy_from_slice(b"JURY");
    assert_eq!(
        open_package(&wrong_magic).unwrap_err(),
        BundleError::NotJuriFile
    );
}

#[test]
fn tampered_bundles_give_specific_errors() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let bytes = golden(BUNDLE_FILE);
    let open = |b: &[u8]| open_as_chair(&keys, b);
    let length_line = b"JURI-BUNDLE v1\n".len();
    let age_header = length_line
        + bytes[length_line..]
            .iter()
            .position(|&b| b == b'\n')
            .unwrap()
        + 1;
    let stanza = age_header + b"age-encryption.org/v1\n-> X25519 ".len();
    let middle = bytes.len() / 2;
    let last = bytes.len() - 1;
    assert_eq!(
        open(&flipped(&bytes, 1)).unwrap_err(),
        BundleError::NotJuriFile
    );
    assert_eq!(
        open(&flipped(&bytes, 13)).unwrap_err(),
        BundleError::UnsupportedVersion {
            found: 0,
            supported: 3
        }
    );
    assert!(
        is_corrupt(open(&flipped(&bytes, length_line))),
        "length line"
    );
    assert_eq!(
        open(&flipped(&bytes, age_header - 2)).unwrap_err(),
        BundleError::Truncated,
        "length digit"
    );
    assert!(
        is_corrupt(open(&flipped(&bytes, age_header))),
        "age header line"
    );
    for at in stanza..stanza + 43 {
        let error = open(&flipped(&bytes, at)).unwrap_err();
        assert!(
            matches!(
                error,
                BundleError::NotForThisChair | BundleError::Corrupt(_)
            ),
            "ephemeral key byte {at}: {error:?}"
        );
    }
    assert!(is_corrupt(open(&flipped(&bytes, middle))), "payload");
    assert!(is_corrupt(open(&flipped(&bytes, last))), "last byte");
    assert_eq!(open(&bytes[..middle]).unwrap_err(), BundleError::Truncated);
    assert_eq!(open(&bytes[..last]).unwrap_err(), BundleError::Truncated);
    assert_eq!(
        open(&bytes[..age_header]).unwrap_err(),
        BundleError::Truncated
    );
    assert_eq!(
        open(&bytes[..length_line]).unwrap_err(),
        BundleError::Truncated
    );
    assert!(
        is_corrupt(open(&[bytes.as_slice(), b"\n"].concat())),
        "data after the end"
    );
    let mut wrong_magic = bytes.clone();
    wrong_magic[..4].copy_from_slice(b"JURY");
    assert_eq!(open(&wrong_magic).unwrap_err(), BundleError::NotJuriFile);
}

#[test]
fn every_single_byte_change_and_every_truncation_is_refused() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let package = golden(PACKAGE_FILE);
    for at in 0..package.len() {
        for mask in [0x01, 0x80] {
            let mut copy = package.clone();
            copy[at] ^= mask;
            assert!(
                open_package(&copy).is_err(),
                "package byte {at} ^ {mask:#x} accepted"
            );
        }
    }
    for len in 0..package.len() {
        assert!(
            open_package(&package[..len]).is_err(),
            "package cut to {len} bytes accepted"
        );
    }
    let bundle = golden(BUNDLE_FILE);
    for at in 0..bundle.len() {
        assert!(
            open_as_chair(&keys, &flipped(&bundle, at)).is_err(),
            "bundle byte {at} accepted"
        );
    }
    for len in 0..bundle.len() {
        assert!(
            open_as_chair(&keys, &bundle[..len]).is_err(),
            "bundle cut to {len} bytes accepted"
        );
    }
}

#[test]
fn files_that_are_not_juri_files_are_named_as_such() {
    let keys = Keys::load(&golden_dir()).unwrap();
    assert_eq!(open_package(b"").unwrap_err(), BundleError::Empty);
    assert_eq!(open_as_chair(&keys, b"").unwrap_err(), BundleError::Empty);
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert_eq!(open_package(&noise).unwrap_err(), BundleError::NotJuriFile);
    assert_eq!(
        open_as_chair(&keys, &noise).unwrap_err(),
        BundleError::NotJuriFile
    );
    assert_eq!(
        open_package(b"%PDF-1.7\n").unwrap_err(),
        BundleError::NotJuriFile
    );
    let huge = vec![0u8; MAX_FILE_SIZE as usize + 1];
    assert_eq!(
        open_package(&huge).unwrap_err(),
        BundleError::TooLarge {
            limit: MAX_FILE_SIZE
        }
    );
    assert_eq!(
        open_as_chair(&keys, &huge).unwrap_err(),
        BundleError::TooLarge {
            limit: MAX_FILE_SIZE
        }
    );
}

#[test]
fn inspection_says_what_a_file_is_and_whether_it_is_intact() {
    let keys = Keys::load(&golden_dir()).unwrap();
    let package = inspect(&golden(PACKAGE_FILE), None);
    assert_eq!(package.kind, Some(FileKind::Package));
    assert_eq!(package.format_version, Some(1));
    assert_eq!(package.verdict, Verdict::Intact);
    assert!(matches!(
        package.summary,
        Some(Summary::Package { entries: 3, stages: 2, assigned: 4, ref juror_id, .. }) if juror_id == JUROR
    ));

    let locked = inspect(&golden(BUNDLE_FILE), None);
    assert_eq!(
        (locked.kind, locked.verdict, locked.summary),
        (Some(FileKind::Bundle), Verdict::Locked, None)
    );

    let opened = inspect(&golden(BUNDLE_FILE), Some(&keys.chair));
    assert_eq!(opened.verdict, Verdict::Intact);
    assert_eq!(opened.fingerprint, Fingerprint::of(&golden(BUNDLE_FILE)));
    let Some(Summary::Bundle {
        scores,
        notes,
        submissions,
        submitted,
        signer_key,
        ..
    }) = opened.summary
    else {
        panic!("a bundle summary");
    };
    assert_eq!((scores, notes, submissions, submitted), (6, 1, 2, 1));
    assert_eq!(signer_key, Fingerprint::of(&keys.credential.public_key));

    let other_chair = inspect(&golden(OTHER_CHAIR_FILE), Some(&keys.chair));
    assert_eq!(
        other_chair.verdict,
        Verdict::Refused(BundleError::NotForThisChair)
    );
    let tampered = inspect(&flipped(&golden(PACKAGE_FILE), 100), None);
    assert_eq!(
        tampered.verdict,
        Verdict::Refused(BundleError::SignatureInvalid)
    );
    let empty = inspect(b"", None);
    assert_eq!(
        (empty.kind, empty.verdict),
        (None, Verdict::Refused(BundleError::Empty))
    );
    let future = inspect(b"JURI-BUNDLE v9\nanything", None);
    assert_eq!(future.format_version, Some(9));
    assert_eq!(
        future.verdict,
        Verdict::Refused(BundleError::UnsupportedVersion {
            found: 9,
            supported: 3
        })
    );
}
