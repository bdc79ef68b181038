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
            photos: Vec::new(),
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
    // Section 5 names the example's content fingerprint: the SHA-256 of the envelope.
    let content = juri_bundle::Fingerprint::of(envelope.as_bytes()).to_hex();
    assert!(
        doc.contains(&format!("content fingerprint\n  `{content}`")),
        "section 5 must name the example's content fingerprint {content}"
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

/// A Python with the `cryptography` package (`make deps` installs Debian's python3-cryptography).
fn python_with_cryptography() -> String {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = std::process::Command::new(python)
            .args(["-c", "import cryptography"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return python.to_owned();
        }
    }
    panic!(
        "no python3 with the `cryptography` package: install python3-cryptography (`make deps`)"
    );
}

/// Runs the documented script after `marker`, saved as `script`, on `input` saved as `file`
/// (after `edit` of the script): its status and output.
fn run_documented_python(
    marker: &str,
    script: &str,
    edit: impl Fn(String) -> String,
    file: &str,
    input: &[u8],
) -> (bool, String) {
    let text = edit(block_after(&formats_md(), marker));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(script), text).unwrap();
    std::fs::write(dir.path().join(file), input).unwrap();
    let out = std::process::Command::new(python_with_cryptography())
        .current_dir(dir.path())
        .args([script, file])
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

/// Runs the documented `verify.py` (with `trusted` as its key) on `envelope`: its status and output.
fn run_verify_py(trusted: &str, envelope: &[u8]) -> (bool, String) {
    let documented = "TRUSTED_KEY = \"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\"";
    let trust = |script: String| {
        assert!(
            script.contains(documented),
            "the example trusts the example key"
        );
        script.replace(documented, &format!("TRUSTED_KEY = \"{trusted}\""))
    };
    run_documented_python(
        "<!-- example: verify.py -->",
        "verify.py",
        trust,
        "envelope.txt",
        envelope,
    )
}

#[test]
fn the_python_example_verifies_as_strictly_as_juri() {
    let doc = formats_md();
    let envelope = block_after(&doc, "<!-- example: signed envelope -->");
    let key = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
    let (ok, out) = run_verify_py(key, envelope.as_bytes());
    assert!(ok, "{out}");
    assert_eq!(out, "J01 1 score cells: signature valid\n");

    let changed = envelope.replacen("\"value\":\"8.5\"", "\"value\":\"9.5\"", 1);
    assert_ne!(changed, envelope);
    let (ok, out) = run_verify_py(key, changed.as_bytes());
    assert!(!ok && out.contains("InvalidSignature"), "{out}");

    // The identity point as the key and as R, with S = 0: a "signature" of anything under a
    // cofactorless RFC 8032 check. Juri refuses it, and so must the example.
    let identity = {
        let mut p = [0u8; 32];
        p[0] = 1;
        p
    };
    let mut signature = [0u8; 64];
    signature[..32].copy_from_slice(&identity);
    let forged_payload = envelope
        .lines()
        .nth(1)
        .unwrap()
        .replace(key, &base64_of(&identity));
    let forged = format!(
        "JURI-BUNDLE v1\n{forged_payload}\ned25519 {} {}\n",
        base64_of(&identity),
        base64_of(&signature)
    );
    let (ok, out) = run_verify_py(&base64_of(&identity), forged.as_bytes());
    assert!(!ok && out.contains("small order"), "{out}");

    let chair = ChairKeys::generate(&mut rand_chacha::ChaCha20Rng::from_seed([0; 32]));
    let recipient: age::x25519::Recipient = chair
        .age_secret_key()
        .parse::<age::x25519::Identity>()
        .unwrap()
        .to_public();
    let encrypted = age::encrypt(&recipient, forged.as_bytes()).unwrap();
    let mut file = format!("JURI-BUNDLE v1\nage-bytes {}\n", encrypted.len()).into_bytes();
    file.extend_from_slice(&encrypted);
    let refused = juri_bundle::open_bundle(&file, &chair, "contoh-2025", |_| Some(identity));
    assert!(
        matches!(refused, Err(juri_bundle::BundleError::SignatureInvalid)),
        "{refused:?}"
    );
}

/// The decrypted content of the example as a version 2 bundle: the signed envelope, then the
/// disclosures.
fn example_v2_inner() -> String {
    let key = JurorSigningKey::from_secret_string(EXAMPLE_SECRET).unwrap();
    let chair = ChairKeys::generate(&mut rand_chacha::ChaCha20Rng::from_seed([0; 32]));
    let (bundle, _) =
        juri_bundle::seal_bundle_v2(&example_content(), &key, &chair.public()).unwrap();
    String::from_utf8(decrypt_bundle(&bundle, &chair).unwrap()).unwrap()
}

#[test]
fn the_documented_version_2_content_is_exactly_what_the_code_writes() {
    assert_eq!(
        block_after(&formats_md(), "<!-- example: version 2 content -->"),
        example_v2_inner(),
        "update the version 2 example in docs/formats.md"
    );
}

/// Runs the documented `disclosures.py` on `inner`: its status and output.
fn run_disclosures_py(inner: &str) -> (bool, String) {
    run_documented_python(
        "<!-- example: disclosures.py -->",
        "disclosures.py",
        |script| script,
        "content.txt",
        inner.as_bytes(),
    )
}

#[test]
fn the_python_example_checks_version_2_texts_and_the_signature_without_them() {
    let inner = example_v2_inner();
    let (ok, out) = run_disclosures_py(&inner);
    assert!(ok, "{out}");
    assert_eq!(
        out,
        "score proposal/A01/kebaruan: 'Inovatif' matches the signed digest\n\
         note proposal/A01: 'Dokumen lengkap' matches the signed digest\n"
    );
    let changed = inner.replacen("\"text\":\"Inovatif\"", "\"text\":\"Biasa\"", 1);
    assert_ne!(changed, inner);
    let (ok, out) = run_disclosures_py(&changed);
    assert!(
        !ok && out.contains("score proposal/A01/kebaruan: the text does not match"),
        "{out}"
    );
    // The signed envelope alone (a published record that withholds the texts) still verifies
    // with the documented verify.py.
    let envelope: String = inner.split_inclusive('\n').take(3).collect();
    let (ok, out) = run_verify_py(
        "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=",
        envelope.as_bytes(),
    );
    assert!(ok, "{out}");
}
