//! What the fuzz targets share: the golden test keys (public on purpose, `keys.json` of the
//! golden files), and envelopes re-signed around a fuzzed payload, built as `docs/formats.md`
//! specifies them (header line, canonical JSON payload line, `ed25519 KEY SIGNATURE` line).

use std::io::Write;
use std::sync::OnceLock;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signer, SigningKey};
use juri_bundle::ChairKeys;

/// The golden files' keys.
pub struct Keys {
    pub chair: ChairKeys,
    pub chair_signing: SigningKey,
    pub juror_signing: SigningKey,
    pub recipient: age::x25519::Recipient,
}

const KEYS: &str = include_str!("../../crates/juri-bundle/tests/golden/v1/keys.json");

/// The golden chair's keys and the golden "intruder" juror key (a plain secret, no access code).
pub fn keys() -> &'static Keys {
    static KEYS_ONCE: OnceLock<Keys> = OnceLock::new();
    KEYS_ONCE.get_or_init(|| {
        let json: serde_json::Value = serde_json::from_str(KEYS).unwrap();
        let chair_secret = json["chair_secret"].as_str().unwrap();
        let chair = ChairKeys::from_secret_string(chair_secret).unwrap();
        let raw = BASE64
            .decode(chair_secret.strip_prefix("juri-chair-secret-v1:").unwrap())
            .unwrap();
        let chair_signing = SigningKey::from_bytes(raw[..32].try_into().unwrap());
        let juror_secret = json["intruder_secret"].as_str().unwrap();
        let raw = BASE64
            .decode(juror_secret.strip_prefix("juri-juror-secret-v1:").unwrap())
            .unwrap();
        let juror_signing = SigningKey::from_bytes(raw[..32].try_into().unwrap());
        let recipient = chair
            .age_secret_key()
            .parse::<age::x25519::Identity>()
            .unwrap()
            .to_public();
        Keys {
            chair,
            chair_signing,
            juror_signing,
            recipient,
        }
    })
}

/// A signed envelope: `header` line, `payload` as its one line, signed by `key`.
pub fn envelope(header: &str, payload: &[u8], key: &SigningKey) -> Vec<u8> {
    let mut signed = format!("{header}\n").into_bytes();
    signed.extend_from_slice(payload);
    signed.push(b'\n');
    let signature = key.sign(&signed);
    let line = format!(
        "ed25519 {} {}\n",
        BASE64.encode(key.verifying_key().as_bytes()),
        BASE64.encode(signature.to_bytes())
    );
    signed.extend_from_slice(line.as_bytes());
    signed
}

/// A score bundle around `envelope`: encrypted to the golden chair and framed.
pub fn bundle(envelope: &[u8]) -> Vec<u8> {
    let encrypted = age::encrypt(&keys().recipient, envelope).unwrap();
    let mut out = format!("JURI-BUNDLE v1\nage-bytes {}\n", encrypted.len()).into_bytes();
    out.extend_from_slice(&encrypted);
    out
}

/// Writes `data` to a file of this process named with `extension` (in memory where the
/// system has /dev/shm) and returns its path, for the readers that take a path.
pub fn file_with(data: &[u8], extension: &str) -> std::path::PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        std::path::PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let path = dir.join(format!("juri-fuzz-{}.{extension}", std::process::id()));
    let mut f = std::fs::File::create(&path).unwrap();
    f.write_all(data).unwrap();
    path
}
