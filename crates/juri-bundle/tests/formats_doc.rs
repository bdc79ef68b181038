//! `docs/formats.md` shows a signed envelope byte for byte, with the key
//! that signed it, so that anyone can check a signature with another
//! Ed25519 library. This test keeps that example exactly what the code
//! signs.

use juri_bundle::{
    decrypt_bundle, seal_bundle, BundleContent, ChairKeys, EntryNote, JurorSigningKey, ScoreCell,
    Submission,
};
use rand_chacha::rand_core::SeedableRng;

/// The example juror key of the document: the seed is the bytes 0, 1, …, 31.
const EXAMPLE_SECRET: &str = "juri-juror-secret-v1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

fn example_content() -> BundleContent {
    BundleContent {
        competition_id: "contoh-2025".into(),
        juror_id: "J01".into(),
        package_version: 1,
        exported_at: "2025-12-15T10:30:00+08:00".into(),
        sequence: 1,
        scores: vec![ScoreCell {
            stage: "proposal".into(),
            entry: "A01".into(),
            criterion: "kebaruan".into(),
            value: Some("8.5".into()),
            comment: "Inovatif".into(),
            revision: 2,
            updated_at: "2025-12-15T10:12:00+08:00".into(),
        }],
        notes: vec![EntryNote {
            stage: "proposal".into(),
            entry: "A01".into(),
            note: "Dokumen lengkap".into(),
            revision: 1,
            updated_at: "2025-12-15T10:13:00+08:00".into(),
        }],
        submissions: vec![Submission {
            stage: "proposal".into(),
            entry: "A01".into(),
            submitted: true,
            revision: 1,
            updated_at: "2025-12-15T10:14:00+08:00".into(),
        }],
    }
}

fn formats_md() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The body of the first fenced block after `marker`.
fn block_after(doc: &str, marker: &str) -> String {
    let start = doc
        .find(marker)
        .unwrap_or_else(|| panic!("`{marker}` is missing"));
    let rest = &doc[start..];
    let open = rest.find("```").expect("a fenced block after the marker");
    let body_start = open + rest[open..].find('\n').expect("fence line") + 1;
    let body_len = rest[body_start..].find("\n```").expect("closing fence");
    rest[body_start..body_start + body_len + 1].to_owned()
}

#[test]
fn the_documented_envelope_is_exactly_what_the_code_signs() {
    let key = JurorSigningKey::from_secret_string(EXAMPLE_SECRET).unwrap();
    let chair = ChairKeys::generate(&mut rand_chacha::ChaCha20Rng::from_seed([0; 32]));
    let bundle = seal_bundle(&example_content(), &key, &chair.public()).unwrap();
    let envelope = String::from_utf8(decrypt_bundle(&bundle, &chair).unwrap()).unwrap();
    let doc = formats_md();
    assert_eq!(
        block_after(&doc, "<!-- example: signed envelope -->"),
        envelope,
        "update the example in docs/formats.md"
    );
    let public = base64_of(&key.public_key());
    assert!(
        doc.contains(&format!("TRUSTED_KEY = \"{public}\"")),
        "the Python example must trust the example key {public}"
    );
    assert!(
        doc.contains(EXAMPLE_SECRET),
        "the document names the example seed"
    );
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
