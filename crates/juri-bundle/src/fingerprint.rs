//! SHA-256 fingerprints of files and keys, for printing and for recognising
//! a file that was imported before.

use std::fmt;

use sha2::{Digest, Sha256};

/// The SHA-256 of a file's bytes (or of a public key).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// Fingerprints `bytes`.
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// Reads the 64-character lowercase or uppercase hex form.
    pub fn from_hex(text: &str) -> Option<Self> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text, &mut bytes).ok()?;
        Some(Self(bytes))
    }

    /// The full fingerprint: 64 lowercase hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The first 12 hex digits in three groups, e.g. `3f2a-91c0-7be4`, for messages where the
    /// full form is too long (score sheets print six such groups, starting the same way).
    pub fn short(&self) -> String {
        let hex = hex::encode(&self.0[..6]);
        format!("{}-{}-{}", &hex[..4], &hex[4..8], &hex[8..])
    }

    /// The raw 32 bytes.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({})", self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_sha256_in_hex() {
        let fp = Fingerprint::of(b"abc");
        assert_eq!(
            fp.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(fp.short(), "ba78-16bf-8f01");
        assert_eq!(Fingerprint::from_hex(&fp.to_hex().to_uppercase()), Some(fp));
        assert_eq!(Fingerprint::from_hex("ba78"), None);
    }
}
