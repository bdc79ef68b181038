//! Erratum 4 of `docs/formats.md`: one content has one framing, and a bundle is readable by the
//! chair alone. Each case was accepted by version 1 readers before the erratum; a rebuild still
//! replays a bundle merged then (`DecryptedBundle::decrypt_as_merged`).

#[path = "support/panel.rs"]
mod panel;

use std::io::Write;
use std::str::FromStr;

use juri_bundle::{
    decrypt_bundle, issue_package, open_bundle, open_package, BundleError, ChairKeys,
    DecryptedBundle, Fingerprint, JurorCredential, JurorIdentity, PackageContent,
};
use panel::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn sealed(panel: &Panel) -> Vec<u8> {
    let content = bundle(
        "J01",
        1,
        vec![cell("proposal", "A01", "kebaruan", Some("8"), 1, 1)],
    );
    panel.seal(&content)
}

/// The bundle's envelope encrypted again, to `recipients`, with Juri's framing around it.
fn reframed(envelope: &[u8], recipients: &[&dyn age::Recipient]) -> Vec<u8> {
    let encryptor = age::Encryptor::with_recipients(recipients.iter().copied()).unwrap();
    let mut encrypted = Vec::new();
    let mut writer = encryptor.wrap_output(&mut encrypted).unwrap();
    writer.write_all(envelope).unwrap();
    writer.finish().unwrap();
    let mut out = format!("JURI-BUNDLE v1\nage-bytes {}\n", encrypted.len()).into_bytes();
    out.extend_from_slice(&encrypted);
    out
}

fn open(panel: &Panel, bytes: &[u8]) -> Result<(), BundleError> {
    open_bundle(bytes, &panel.chair, COMPETITION, |j| panel.registered(j)).map(|_| ())
}

fn replayed(panel: &Panel, bytes: &[u8]) -> bool {
    DecryptedBundle::decrypt_as_merged(bytes, Fingerprint::of(bytes), &panel.chair)
        .and_then(|d| {
            d.verify_as_merged(COMPETITION, |j| panel.registered(j).map(|k| vec![k]))
                .map(|_| ())
        })
        .is_ok()
}

#[test]
fn a_bundle_readable_by_a_second_recipient_is_refused() {
    let panel = Panel::new(3, &["J01"]);
    let envelope = decrypt_bundle(&sealed(&panel), &panel.chair).unwrap();
    let chair = age::x25519::Recipient::from_str(&panel.chair.public().age_recipient).unwrap();
    let third = age::x25519::Identity::generate().to_public();

    // The chair alone (with age's grease stanza): what Juri writes.
    let alone = reframed(&envelope, &[&chair]);
    assert_eq!(open(&panel, &alone), Ok(()));

    let shared = reframed(&envelope, &[&chair, &third]);
    let refused = open(&panel, &shared).unwrap_err();
    assert_eq!(
        refused,
        BundleError::OtherReaders {
            stanzas: "2 × X25519".into()
        }
    );
    assert_eq!(
        refused.to_string(),
        "this bundle can be read by others besides the chair: its encryption names 2 × X25519, \
         where Juri names the chair alone (one X25519 recipient); it did not come from Juri"
    );
    assert!(DecryptedBundle::decrypt(&shared, &panel.chair).is_err());
    assert!(replayed(&panel, &shared), "merged before the erratum");

    // Another kind of reader (here a passphrase) beside the chair.
    let passphrase = age::scrypt::Recipient::new("geheim".to_owned().into());
    let mixed =
        age::Encryptor::with_recipients([&chair as &dyn age::Recipient, &passphrase].into_iter());
    assert!(
        mixed.is_err(),
        "age itself refuses scrypt beside another recipient"
    );
}

#[test]
fn a_framing_with_leading_zeros_is_refused() {
    let panel = Panel::new(4, &["J01"]);
    let bytes = sealed(&panel);
    assert_eq!(open(&panel, &bytes), Ok(()));

    let header = b"JURI-BUNDLE v1\n";
    let mut v01 = b"JURI-BUNDLE v01\n".to_vec();
    v01.extend_from_slice(&bytes[header.len()..]);
    assert_eq!(open(&panel, &v01), Err(BundleError::NotJuriFile));
    assert!(replayed(&panel, &v01), "merged before the erratum");

    let text = String::from_utf8_lossy(&bytes[header.len()..header.len() + 20]).into_owned();
    let length_line = text.split('\n').next().unwrap().to_owned();
    let padded = length_line.replace("age-bytes ", "age-bytes 00");
    let mut zeros = header.to_vec();
    zeros.extend_from_slice(padded.as_bytes());
    zeros.extend_from_slice(&bytes[header.len() + length_line.len()..]);
    assert_eq!(
        open(&panel, &zeros).unwrap_err().to_string(),
        BundleError::Corrupt(
            "the length line after the header is malformed: it reads `age-bytes N`, N in decimal \
             without leading zeros"
                .into()
        )
        .to_string()
    );
    assert!(replayed(&panel, &zeros), "merged before the erratum");
}

#[test]
fn the_same_package_version_with_other_content_is_refused() {
    let mut rng = ChaCha20Rng::from_seed([11; 32]);
    let chair = ChairKeys::generate(&mut rng);
    let (credential, _) = JurorCredential::generate(&mut rng);
    let mut content = PackageContent {
        competition_id: COMPETITION.into(),
        package_version: 1,
        issued_at: "2025-11-01T08:00:00Z".into(),
        definition_toml: String::new(),
        entries: vec![],
        assignments: vec![],
        juror: JurorIdentity {
            id: "J01".into(),
            name: "Juri Satu".into(),
            affiliation: "Ombudsman".into(),
            role: "ombudsman".into(),
        },
        credential,
    };
    let first = open_package(&issue_package(&content, &chair).unwrap()).unwrap();
    let pin = first.pin();
    let again = open_package(&issue_package(&content, &chair).unwrap()).unwrap();
    assert_eq!(again.check_update(&pin), Ok(()), "the same package again");

    content.issued_at = "2025-11-02T08:00:00Z".into();
    let changed = open_package(&issue_package(&content, &chair).unwrap()).unwrap();
    let refused = changed.check_update(&pin).unwrap_err();
    assert_eq!(
        refused,
        BundleError::PackageChanged {
            version: 1,
            installed: first.fingerprint().short(),
            found: changed.fingerprint().short(),
        }
    );
    assert!(refused
        .to_string()
        .starts_with("package version 1 is already installed with other content (fingerprint "));
    content.package_version = 2;
    let newer = open_package(&issue_package(&content, &chair).unwrap()).unwrap();
    assert_eq!(newer.check_update(&pin), Ok(()));
}
