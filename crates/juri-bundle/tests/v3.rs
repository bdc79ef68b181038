//! Score bundle format version 3: version 2 whose field notes carry photos. The signed payload
//! names each photo by its SHA-256, size and pixels; the bytes follow the disclosures, inside the
//! encryption. Both readers give the same content and photos, and refuse a photo that was altered,
//! cut short, left out, added, moved or is not a JPEG, naming it.

#[path = "support/fixture.rs"]
mod fixture;

use fixture::*;
use juri_bundle::{
    decrypt_bundle, open_bundle, seal_bundle, seal_bundle_v2, seal_bundle_with_photos,
    BundleContent, BundleError, ChairKeys, DecryptedBundle, NotePhoto, PhotoBytes, VerifiedBundle,
    MAX_PHOTOS_PER_NOTE, MAX_PHOTO_BYTES,
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

/// Both readers' verdict, which must agree.
fn read(keys: &Keys, bytes: &[u8]) -> Result<VerifiedBundle, String> {
    let a = slow(keys, bytes).map_err(|e| e.to_string());
    let b = fast(keys, bytes).map_err(|e| e.to_string());
    assert_eq!(a, b, "both readers agree");
    a
}

/// The bundle whose decrypted content is `inner`, encrypted to `chair` under `header`.
fn frame(header: &str, inner: &[u8], chair: &ChairKeys) -> Vec<u8> {
    let recipient: age::x25519::Recipient = chair.public().age_recipient.parse().unwrap();
    let encrypted = age::encrypt(&recipient, inner).unwrap();
    let mut out = format!("{header}\nage-bytes {}\n", encrypted.len()).into_bytes();
    out.extend_from_slice(&encrypted);
    out
}

/// A small stand-in for a JPEG: the start-of-image and end-of-image markers around `fill`.
fn jpeg(fill: u8, len: usize) -> PhotoBytes {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.resize(len - 2, fill);
    bytes.extend_from_slice(&[0xFF, 0xD9]);
    PhotoBytes::new(bytes)
}

fn named(photo: &PhotoBytes) -> NotePhoto {
    NotePhoto {
        sha256: photo.sha256.clone(),
        size: photo.bytes.len() as u64,
        width: 1600,
        height: 1200,
        taken_at: Some("2025-10-14T09:30:00".into()),
        location: Some("-10.177200,123.607000".into()),
    }
}

/// The fixture's state with two photos on its note (the first named again on a second note).
fn with_photos() -> (BundleContent, Vec<PhotoBytes>) {
    let photos = vec![jpeg(1, 300), jpeg(2, 500)];
    let mut content = bundle_content(COMPETITION);
    content.notes[0].photos = photos.iter().map(named).collect();
    let mut second = content.notes[0].clone();
    second.entry = "PD-01".into();
    second.note = "Foto yang sama".into();
    second.photos = vec![named(&photos[0])];
    content.notes.push(second);
    (content, photos)
}

fn sealed(keys: &Keys, content: &BundleContent, photos: &[PhotoBytes]) -> Vec<u8> {
    seal_bundle_with_photos(content, photos, &keys.juror(), &keys.chair.public())
        .unwrap()
        .0
}

#[test]
fn photos_travel_signed_in_version_3_and_both_readers_agree() {
    let keys = keys();
    let (content, photos) = with_photos();
    let (bytes, fingerprint) =
        seal_bundle_with_photos(&content, &photos, &keys.juror(), &keys.chair.public()).unwrap();
    assert!(bytes.starts_with(b"JURI-BUNDLE v3\nage-bytes "));
    let read = read(&keys, &bytes).unwrap();
    assert_eq!(read.content_fingerprint(), fingerprint);
    let mut notes = read.notes().to_vec();
    notes.sort_by(|a, b| a.entry.cmp(&b.entry));
    assert_eq!(notes[0].entry, "DS-07");
    assert_eq!(notes[0].photos.len(), 2);
    assert_eq!(
        notes[0].photos[0].location.as_deref(),
        Some("-10.177200,123.607000")
    );
    assert_eq!(notes[1].photos, vec![named(&photos[0])]);
    // Each photo once, in the order the (sorted) notes first name them: DS-07's, then none new.
    let got: Vec<&PhotoBytes> = read.photos().iter().collect();
    assert_eq!(got, vec![&photos[0], &photos[1]]);
    // The bytes are not in the signed envelope: the payload names them by hash.
    let decrypted = DecryptedBundle::decrypt(&bytes, &keys.chair).unwrap();
    assert_eq!(decrypted.format_version(), 3);
    let envelope = String::from_utf8(decrypted.envelope().to_vec()).unwrap();
    assert!(envelope.contains(&format!("\"sha256\":\"{}\"", photos[1].sha256)));
    assert_eq!(decrypted.photos().len(), 2);
}

#[test]
fn a_state_without_photos_stays_version_2_byte_for_byte_in_its_envelope() {
    let keys = keys();
    let content = bundle_content(COMPETITION);
    let (two, fingerprint) = seal_bundle_v2(&content, &keys.juror(), &keys.chair.public()).unwrap();
    let (also, also_fingerprint) = seal_bundle_with_photos(
        &content,
        &[jpeg(1, 300)],
        &keys.juror(),
        &keys.chair.public(),
    )
    .unwrap();
    assert!(also.starts_with(b"JURI-BUNDLE v2\n"));
    assert_eq!(fingerprint, also_fingerprint);
    assert_eq!(
        decrypt_bundle(&two, &keys.chair).unwrap(),
        decrypt_bundle(&also, &keys.chair).unwrap()
    );
    assert!(read(&keys, &also).unwrap().photos().is_empty());
}

/// The decrypted content of a sealed bundle with photos, split at the first photo block.
fn inner(keys: &Keys) -> (Vec<u8>, usize, Vec<PhotoBytes>) {
    let (content, photos) = with_photos();
    let bytes = sealed(keys, &content, &photos);
    let inner = decrypt_bundle(&bytes, &keys.chair).unwrap();
    let at = inner
        .windows(6)
        .position(|w| w == b"photo ")
        .expect("a photo block");
    (inner, at, photos)
}

#[test]
fn an_altered_photo_is_refused_naming_it() {
    let keys = keys();
    let (mut inner, at, photos) = inner(&keys);
    // A byte in the middle of the first photo's bytes.
    let body = at + inner[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
    inner[body + 100] ^= 0x01;
    let error = read(&keys, &frame("JURI-BUNDLE v3", &inner, &keys.chair)).unwrap_err();
    assert!(error.contains("altered"), "{error}");
    assert!(error.contains(&photos[0].sha256[..12]), "{error}");
}

#[test]
fn a_photo_cut_short_missing_extra_or_moved_is_refused() {
    let keys = keys();
    let (inner, at, photos) = inner(&keys);
    let head = &inner[..at];
    let block = |p: &PhotoBytes| {
        let mut b = format!("photo {} {}\n", p.sha256, p.bytes.len()).into_bytes();
        b.extend_from_slice(&p.bytes);
        b.push(b'\n');
        b
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut short", inner[..inner.len() - 10].to_vec(), "truncated"),
        (
            "the second left out",
            [head, &block(&photos[0])].concat(),
            "carries 1 photos",
        ),
        (
            "one added",
            [
                head,
                &block(&photos[0]),
                &block(&photos[1]),
                &block(&jpeg(3, 64)),
            ]
            .concat(),
            "carries 3 photos",
        ),
        (
            "moved",
            [head, &block(&photos[1]), &block(&photos[0])].concat(),
            "not where the notes name it",
        ),
        (
            "a block without its length",
            [head, format!("photo {}\n", photos[0].sha256).as_bytes()].concat(),
            "malformed",
        ),
    ];
    for (what, inner, expected) in cases {
        let error = read(&keys, &frame("JURI-BUNDLE v3", &inner, &keys.chair)).unwrap_err();
        assert!(error.contains(expected), "{what}: {error}");
    }
}

#[test]
fn photos_under_a_version_2_header_are_refused() {
    let keys = keys();
    let (inner, _, _) = inner(&keys);
    // The whole inner under a version 2 outer header: the envelope says version 3.
    let error = read(&keys, &frame("JURI-BUNDLE v2", &inner, &keys.chair)).unwrap_err();
    assert!(error.contains("signed content inside says 3"), "{error}");
}

#[test]
fn what_is_not_a_jpeg_or_too_large_is_refused_when_sealing() {
    let keys = keys();
    let (mut content, photos) = with_photos();
    // PNG bytes named as the photo.
    let png = PhotoBytes::new(b"\x89PNG\r\n\x1a\n0000000000".to_vec());
    content.notes[0].photos = vec![named(&png)];
    content.notes.truncate(1);
    let error = seal_bundle_with_photos(&content, &[png], &keys.juror(), &keys.chair.public())
        .unwrap_err()
        .to_string();
    assert!(error.contains("not a whole JPEG"), "{error}");

    // Too many photos on one note, and one too large.
    let many: Vec<PhotoBytes> = (0..=MAX_PHOTOS_PER_NOTE as u8)
        .map(|i| jpeg(i, 64))
        .collect();
    content.notes[0].photos = many.iter().map(named).collect();
    let error = seal_bundle_with_photos(&content, &many, &keys.juror(), &keys.chair.public())
        .unwrap_err()
        .to_string();
    assert!(error.contains("at most 10"), "{error}");
    let big = jpeg(9, MAX_PHOTO_BYTES as usize + 1);
    content.notes[0].photos = vec![named(&big)];
    let error = seal_bundle_with_photos(&content, &[big], &keys.juror(), &keys.chair.public())
        .unwrap_err()
        .to_string();
    assert!(error.contains("a photo must have 1 to"), "{error}");

    // A photo named but not given; and photos in format version 1.
    content.notes[0].photos = vec![named(&photos[0])];
    let error = seal_bundle_with_photos(&content, &[], &keys.juror(), &keys.chair.public())
        .unwrap_err()
        .to_string();
    assert!(error.contains("were not given"), "{error}");
    let error = seal_bundle(&content, &keys.juror(), &keys.chair.public())
        .unwrap_err()
        .to_string();
    assert!(error.contains("format version 3"), "{error}");
}

#[test]
fn a_bad_time_or_location_is_refused() {
    let keys = keys();
    let (mut content, photos) = with_photos();
    content.notes[0].photos[0].taken_at = Some("2025:10:14 09:30:00".into());
    content.notes[0].photos[1].location = Some("-10.1772,123.607".into());
    let error = seal_bundle_with_photos(&content, &photos, &keys.juror(), &keys.chair.public())
        .unwrap_err()
        .to_string();
    assert!(error.contains("not YYYY-MM-DDTHH:MM:SS"), "{error}");
    assert!(error.contains("six decimals"), "{error}");
}
