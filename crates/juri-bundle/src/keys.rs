//! Keys: the chair's signing and decryption keys, the juror's signing key,
//! the juror credential the chair keeps, and the access code that opens it.
//!
//! Key generation takes a caller-supplied cryptographic RNG so tests are
//! deterministic; sealing a juror key with an access code (age + scrypt)
//! draws its salt from the operating system, as age always does.

use std::fmt;
use std::str::FromStr;

use age::secrecy::SecretString;
use ed25519_dalek::SigningKey;
use rand_core::CryptoRng;
use zeroize::{Zeroize, Zeroizing};

use rust_i18n::t;

use crate::error::BundleError;
use crate::framing::{decode_fixed, encode_base64};

const CHAIR_SECRET_PREFIX: &str = "juri-chair-secret-v1:";
const JUROR_SECRET_PREFIX: &str = "juri-juror-secret-v1:";

/// scrypt work factor (log2 N) used when sealing a juror key. The access
/// code carries 80 bits, so this only adds margin; ~0.1 s on a laptop.
const SEAL_WORK_FACTOR: u8 = 15;
/// The scrypt work factors accepted when unlocking: at least what Juri seals with (a lower one would
/// make guessing the access code cheaper), at most 17 (bounds memory: 128 MiB).
const UNLOCK_WORK_FACTORS: std::ops::RangeInclusive<u8> = SEAL_WORK_FACTOR..=17;

/// The scrypt work factors (log2 N) a reader accepts for the chair's keys sealed with the chair's
/// passphrase: a passphrase is chosen by a person, so more work than for the 80-bit access code.
pub const CHAIR_WORK_FACTORS: std::ops::RangeInclusive<u8> = 15..=18;
/// The work factor Juri seals the chair's keys with (~0.5 s and 128 MiB on a laptop).
pub const CHAIR_WORK_FACTOR: u8 = 17;

/// The chair's secret keys: an Ed25519 key that signs juror packages and an
/// age X25519 identity to which score bundles are encrypted.
#[derive(Clone)]
pub struct ChairKeys {
    signing: SigningKey,
    age_secret: Zeroizing<[u8; 32]>,
    identity: age::x25519::Identity,
}

impl ChairKeys {
    /// Generates fresh chair keys from `rng`.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        let mut age_secret = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(seed.as_mut());
        rng.fill_bytes(age_secret.as_mut());
        Self::from_parts(&seed, age_secret).expect("32 random bytes make a valid age identity")
    }

    fn from_parts(seed: &[u8; 32], age_secret: Zeroizing<[u8; 32]>) -> Result<Self, BundleError> {
        let identity = age_identity(&age_secret)?;
        Ok(Self {
            signing: SigningKey::from_bytes(seed),
            age_secret,
            identity,
        })
    }

    /// The secret keys as one line of text, for the chair's database:
    /// `juri-chair-secret-v1:` then base64 of the Ed25519 seed (32 bytes)
    /// followed by the X25519 secret (32 bytes).
    pub fn to_secret_string(&self) -> String {
        let mut bytes = Zeroizing::new([0u8; 64]);
        bytes[..32].copy_from_slice(self.signing.as_bytes());
        bytes[32..].copy_from_slice(self.age_secret.as_ref());
        format!("{CHAIR_SECRET_PREFIX}{}", encode_base64(bytes.as_ref()))
    }

    /// Reads keys written by [`ChairKeys::to_secret_string`].
    pub fn from_secret_string(text: &str) -> Result<Self, BundleError> {
        let invalid = || BundleError::InvalidKey(t!("bundle.not_chair_secret").into_owned());
        let body = text
            .trim()
            .strip_prefix(CHAIR_SECRET_PREFIX)
            .ok_or_else(invalid)?;
        let bytes: Zeroizing<[u8; 64]> = Zeroizing::new(decode_fixed(body).ok_or_else(invalid)?);
        let mut seed = Zeroizing::new([0u8; 32]);
        let mut age_secret = Zeroizing::new([0u8; 32]);
        seed.copy_from_slice(&bytes[..32]);
        age_secret.copy_from_slice(&bytes[32..]);
        Self::from_parts(&seed, age_secret)
    }

    /// The keys sealed with the chair's passphrase: an age file encrypted with scrypt at
    /// `work_factor` (log2 N, one of [`CHAIR_WORK_FACTORS`]) holding
    /// [`ChairKeys::to_secret_string`].
    pub fn seal(&self, passphrase: &str, work_factor: u8) -> Vec<u8> {
        let mut recipient = age::scrypt::Recipient::new(SecretString::from(passphrase.to_owned()));
        recipient.set_work_factor(work_factor);
        let text = Zeroizing::new(self.to_secret_string());
        age::encrypt(&recipient, text.as_bytes())
            .expect("encrypting to a passphrase into memory cannot fail")
    }

    /// Opens keys sealed by [`ChairKeys::seal`]. A work factor outside [`CHAIR_WORK_FACTORS`] is
    /// refused before any scrypt work; a wrong passphrase is [`BundleError::WrongPassphrase`].
    pub fn unseal(sealed: &[u8], passphrase: &str) -> Result<Self, BundleError> {
        let corrupt = |detail: &str| {
            BundleError::Corrupt(t!("bundle.chair_sealed_unreadable", detail = detail).into_owned())
        };
        match scrypt_work_factor(sealed) {
            Some(found) if CHAIR_WORK_FACTORS.contains(&found) => {}
            Some(found) => {
                return Err(corrupt(&t!(
                    "bundle.sealed_work_factor",
                    found = found,
                    low = CHAIR_WORK_FACTORS.start(),
                    high = CHAIR_WORK_FACTORS.end()
                )))
            }
            None => return Err(corrupt(&t!("bundle.sealed_not_access_code"))),
        }
        let mut identity = age::scrypt::Identity::new(SecretString::from(passphrase.to_owned()));
        identity.set_max_work_factor(*CHAIR_WORK_FACTORS.end());
        let text = Zeroizing::new(age::decrypt(&identity, sealed).map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
                BundleError::WrongPassphrase
            }
            other => corrupt(&other.to_string()),
        })?);
        let text = std::str::from_utf8(&text).map_err(|_| corrupt("not text"))?;
        Self::from_secret_string(text)
    }

    /// The public half, which travels in every juror package.
    pub fn public(&self) -> ChairPublic {
        ChairPublic {
            signing_key: encode_base64(self.signing.verifying_key().as_bytes()),
            age_recipient: self.identity.to_public().to_string(),
        }
    }

    /// The X25519 secret as an age identity (`AGE-SECRET-KEY-1…`), for
    /// decrypting bundles with the standard `age` tool during an audit.
    pub fn age_secret_key(&self) -> String {
        use age::secrecy::ExposeSecret;
        self.identity.to_string().expose_secret().to_owned()
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    pub(crate) fn age_identity(&self) -> &age::x25519::Identity {
        &self.identity
    }
}

impl fmt::Debug for ChairKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChairKeys")
            .field("public", &self.public())
            .finish_non_exhaustive()
    }
}

fn age_identity(secret: &[u8; 32]) -> Result<age::x25519::Identity, BundleError> {
    let hrp = bech32::Hrp::parse("AGE-SECRET-KEY-").expect("valid human-readable part");
    let mut encoded = bech32::encode::<bech32::Bech32>(hrp, secret)
        .map_err(|e| BundleError::InvalidKey(e.to_string()))?
        .to_uppercase();
    let identity = age::x25519::Identity::from_str(&encoded)
        .map_err(|e| BundleError::InvalidKey(e.to_string()));
    encoded.zeroize();
    identity
}

/// The chair's public keys: the Ed25519 key that signs packages (base64 of
/// 32 bytes) and the age recipient (`age1…`) to which bundles are encrypted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ChairPublic {
    pub signing_key: String,
    pub age_recipient: String,
}

impl ChairPublic {
    /// The signing key as bytes, if it is well formed.
    pub fn signing_key_bytes(&self) -> Result<[u8; 32], BundleError> {
        decode_fixed(&self.signing_key).ok_or_else(|| {
            BundleError::InvalidKey(t!("bundle.chair_signing_key_not_base64").into_owned())
        })
    }

    pub(crate) fn recipient(&self) -> Result<age::x25519::Recipient, BundleError> {
        age::x25519::Recipient::from_str(&self.age_recipient).map_err(|e| {
            BundleError::InvalidKey(t!("bundle.chair_recipient_invalid", detail = e).into_owned())
        })
    }

    /// Lists every problem with these keys (empty when both are well formed).
    pub(crate) fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Err(e) = self.signing_key_bytes() {
            problems.push(e.to_string());
        }
        if let Err(e) = self.recipient() {
            problems.push(e.to_string());
        }
        problems
    }
}

/// A juror's Ed25519 signing key, which signs the juror's score bundles.
#[derive(Clone)]
pub struct JurorSigningKey(SigningKey);

impl JurorSigningKey {
    /// Generates a fresh juror key from `rng`.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut seed = Zeroizing::new([0u8; 32]);
        rng.fill_bytes(seed.as_mut());
        Self(SigningKey::from_bytes(&seed))
    }

    /// The public key (32 bytes), as the chair registers it.
    pub fn public_key(&self) -> [u8; 32] {
        self.0.verifying_key().to_bytes()
    }

    /// The secret key as one line of text, for the juror's database:
    /// `juri-juror-secret-v1:` then base64 of the 32-byte Ed25519 seed.
    pub fn to_secret_string(&self) -> String {
        format!("{JUROR_SECRET_PREFIX}{}", encode_base64(self.0.as_bytes()))
    }

    /// Reads a key written by [`JurorSigningKey::to_secret_string`].
    pub fn from_secret_string(text: &str) -> Result<Self, BundleError> {
        let invalid = || BundleError::InvalidKey(t!("bundle.not_juror_secret").into_owned());
        let body = text
            .trim()
            .strip_prefix(JUROR_SECRET_PREFIX)
            .ok_or_else(invalid)?;
        let seed: Zeroizing<[u8; 32]> = Zeroizing::new(decode_fixed(body).ok_or_else(invalid)?);
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    pub(crate) fn signing_key(&self) -> &SigningKey {
        &self.0
    }
}

impl fmt::Debug for JurorSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JurorSigningKey({})", encode_base64(&self.public_key()))
    }
}

/// What the chair keeps for each juror: the juror's public key and the
/// juror's secret key sealed with the access code (an age file encrypted
/// with scrypt). Re-issued packages reuse it, so the access code stays valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JurorCredential {
    pub public_key: [u8; 32],
    pub sealed_secret: Vec<u8>,
}

impl JurorCredential {
    /// Generates a juror key and an access code and seals the one with the
    /// other. Print the access code once and give it to the juror; it is not
    /// stored anywhere.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> (Self, AccessCode) {
        let key = JurorSigningKey::generate(rng);
        let code = AccessCode::generate(rng);
        (Self::seal(&key, &code), code)
    }

    /// Seals `key` with `code`.
    pub fn seal(key: &JurorSigningKey, code: &AccessCode) -> Self {
        let mut recipient = age::scrypt::Recipient::new(SecretString::from(code.to_string()));
        recipient.set_work_factor(SEAL_WORK_FACTOR);
        let sealed_secret = age::encrypt(&recipient, key.0.as_bytes())
            .expect("encrypting to a passphrase into memory cannot fail");
        Self {
            public_key: key.public_key(),
            sealed_secret,
        }
    }

    /// Opens the sealed key with the access code the juror typed.
    pub fn unlock(&self, access_code: &str) -> Result<JurorSigningKey, BundleError> {
        let code = AccessCode::parse(access_code)?;
        if let Some(found) = scrypt_work_factor(&self.sealed_secret) {
            if !UNLOCK_WORK_FACTORS.contains(&found) {
                return Err(sealed_corrupt(&t!(
                    "bundle.sealed_work_factor",
                    found = found,
                    low = UNLOCK_WORK_FACTORS.start(),
                    high = UNLOCK_WORK_FACTORS.end()
                )));
            }
        }
        let mut identity = age::scrypt::Identity::new(SecretString::from(code.to_string()));
        identity.set_max_work_factor(*UNLOCK_WORK_FACTORS.end());
        let decryptor = age::Decryptor::new_buffered(self.sealed_secret.as_slice())
            .map_err(|e| sealed_corrupt(&e.to_string()))?;
        if !decryptor.is_scrypt() {
            return Err(sealed_corrupt(&t!("bundle.sealed_not_access_code")));
        }
        let seed = Zeroizing::new(age::decrypt(&identity, &self.sealed_secret).map_err(
            |e| match e {
                age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed => {
                    BundleError::WrongAccessCode
                }
                other => sealed_corrupt(&other.to_string()),
            },
        )?);
        let seed: [u8; 32] = seed
            .as_slice()
            .try_into()
            .map_err(|_| sealed_corrupt(&t!("bundle.sealed_not_32_bytes")))?;
        let key = JurorSigningKey(SigningKey::from_bytes(&seed));
        if key.public_key() != self.public_key {
            return Err(sealed_corrupt(&t!("bundle.sealed_not_public_key")));
        }
        Ok(key)
    }
}

/// The work factor of the scrypt stanza in an age header (`-> scrypt SALT N`), when it names one that
/// reads as a number; anything else is left to age to refuse.
fn scrypt_work_factor(sealed: &[u8]) -> Option<u8> {
    let header = sealed
        .split(|&b| b == b'\n')
        .take_while(|line| !line.starts_with(b"---"));
    header.into_iter().find_map(|line| {
        let line = std::str::from_utf8(line).ok()?;
        let mut words = line.strip_prefix("-> scrypt ")?.split(' ');
        let _salt = words.next()?;
        words.next()?.parse().ok()
    })
}

fn sealed_corrupt(detail: &str) -> BundleError {
    BundleError::Corrupt(t!("bundle.sealed_unreadable", detail = detail).into_owned())
}

/// Crockford's base32 alphabet: no I, L, O or U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LEN: usize = 16;

/// A human-friendly access code: 16 symbols of Crockford's base32 alphabet
/// (80 bits), shown in four groups, e.g. `7K3M-Q9TX-2BWD-R5HN`.
///
/// Parsing ignores case, spaces and dashes, and reads `O` as `0` and `I`/`L`
/// as `1`, so codes read aloud or retyped still work.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessCode(Zeroizing<String>);

impl AccessCode {
    /// Generates a fresh access code from `rng`.
    pub fn generate<R: CryptoRng + ?Sized>(rng: &mut R) -> Self {
        let mut bytes = Zeroizing::new([0u8; 10]);
        rng.fill_bytes(bytes.as_mut());
        let mut bits: u128 = 0;
        for b in bytes.iter() {
            bits = (bits << 8) | u128::from(*b);
        }
        let symbols: String = (0..CODE_LEN)
            .rev()
            .map(|i| ALPHABET[((bits >> (5 * i)) & 31) as usize] as char)
            .collect();
        Self(Zeroizing::new(symbols))
    }

    /// Reads an access code as a person typed it.
    pub fn parse(text: &str) -> Result<Self, BundleError> {
        let mut symbols = String::with_capacity(CODE_LEN);
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(BundleError::AccessCodeMalformed);
            }
            symbols.push(c);
        }
        if symbols.len() != CODE_LEN {
            return Err(BundleError::AccessCodeMalformed);
        }
        Ok(Self(Zeroizing::new(symbols)))
    }
}

impl fmt::Display for AccessCode {
    /// The grouped form: four groups of four symbols joined by hyphens; this is also the
    /// passphrase.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, chunk) in self.0.as_bytes().chunks(4).enumerate() {
            if i > 0 {
                f.write_str("-")?;
            }
            f.write_str(std::str::from_utf8(chunk).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl fmt::Debug for AccessCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessCode(****-****-****-****)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;
    use rand_chacha::ChaCha20Rng;

    #[test]
    fn chair_keys_round_trip_through_their_secret_string() {
        let keys = ChairKeys::generate(&mut ChaCha20Rng::from_seed([1; 32]));
        let again = ChairKeys::from_secret_string(&keys.to_secret_string()).unwrap();
        assert_eq!(keys.public(), again.public());
        assert!(keys.public().age_recipient.starts_with("age1"));
        assert!(keys.public().problems().is_empty());
        let age_key = keys.age_secret_key();
        assert!(age_key.starts_with("AGE-SECRET-KEY-1"));
        let identity = age::x25519::Identity::from_str(&age_key).unwrap();
        assert_eq!(
            identity.to_public().to_string(),
            keys.public().age_recipient
        );
        assert!(matches!(
            ChairKeys::from_secret_string("juri-chair-secret-v1:AAAA"),
            Err(BundleError::InvalidKey(_))
        ));
    }

    #[test]
    fn chair_keys_sealed_with_a_passphrase_open_with_it_only() {
        let keys = ChairKeys::generate(&mut ChaCha20Rng::from_seed([2; 32]));
        let sealed = keys.seal("kata sandi ketua", *CHAIR_WORK_FACTORS.start());
        assert!(!String::from_utf8_lossy(&sealed).contains(&keys.to_secret_string()));
        let opened = ChairKeys::unseal(&sealed, "kata sandi ketua").unwrap();
        assert_eq!(opened.public(), keys.public());
        assert!(matches!(
            ChairKeys::unseal(&sealed, "kata sandi lain"),
            Err(BundleError::WrongPassphrase)
        ));
        // Outside the documented work factors: refused before scrypt runs.
        let low = keys.seal("kata sandi ketua", 10);
        // A higher factor named in the header (changing it breaks the header's MAC, but the factor
        // is refused before that is checked).
        let text = String::from_utf8_lossy(&sealed).into_owned();
        let high = text.replacen(" 15\n", " 19\n", 1).into_bytes();
        for (factor, sealed) in [(10, low), (19, high)] {
            let e = ChairKeys::unseal(&sealed, "kata sandi ketua")
                .err()
                .unwrap();
            assert!(
                e.to_string().contains(&format!("work factor {factor}")),
                "{e}"
            );
        }
        assert!(matches!(
            ChairKeys::unseal(b"not sealed", "x"),
            Err(BundleError::Corrupt(_))
        ));
    }

    #[test]
    fn access_codes_are_grouped_and_forgiving() {
        let code = AccessCode::generate(&mut ChaCha20Rng::from_seed([2; 32]));
        let shown = code.to_string();
        assert_eq!(shown.len(), 19);
        assert_eq!(
            AccessCode::parse(&shown.to_lowercase().replace('-', " ")).unwrap(),
            code
        );
        assert_eq!(
            AccessCode::parse("oil0-1111-0000-abcd")
                .unwrap()
                .to_string(),
            "0110-1111-0000-ABCD"
        );
        for bad in [
            "",
            "ABCD-EFGH-JKMN",
            "ABCD-EFGH-JKMN-PQRS-T",
            "ABCD-EFGH-JKMN-PQRU",
            "ÄBCD-EFGH-JKMN-PQRS",
        ] {
            assert_eq!(
                AccessCode::parse(bad),
                Err(BundleError::AccessCodeMalformed),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_sealed_juror_key_opens_only_with_its_access_code() {
        let mut rng = ChaCha20Rng::from_seed([3; 32]);
        let (credential, code) = JurorCredential::generate(&mut rng);
        let key = credential.unlock(&code.to_string()).unwrap();
        assert_eq!(key.public_key(), credential.public_key);
        let other = AccessCode::generate(&mut rng);
        assert_eq!(
            credential.unlock(&other.to_string()).unwrap_err(),
            BundleError::WrongAccessCode
        );
        assert_eq!(
            credential.unlock("nope").unwrap_err(),
            BundleError::AccessCodeMalformed
        );
        let juror = JurorSigningKey::from_secret_string(&key.to_secret_string()).unwrap();
        assert_eq!(juror.public_key(), key.public_key());
    }

    /// A sealed key with a work factor outside 15–17 is refused with a plain message, before age
    /// would try it (1 is too cheap to guess codes against; 18 and above cost too much memory).
    #[test]
    fn only_the_documented_scrypt_work_factors_are_read() {
        let mut rng = ChaCha20Rng::from_seed([4; 32]);
        let (credential, code) = JurorCredential::generate(&mut rng);
        let key = credential.unlock(&code.to_string()).unwrap();
        // Sealed at 15, then the header made to name another factor: refused before any scrypt
        // work (encrypting for real at 30 would need a terabyte).
        let sealed_with = |factor: u8| {
            let mut sealed = credential.sealed_secret.clone();
            let at = sealed
                .windows(3)
                .position(|w| w == b" 15")
                .expect("the scrypt stanza names work factor 15");
            sealed.splice(at..at + 3, format!(" {factor}").into_bytes());
            JurorCredential {
                public_key: key.public_key(),
                sealed_secret: sealed,
            }
        };
        for factor in [1, 14, 18, 30] {
            let err = sealed_with(factor).unlock(&code.to_string()).unwrap_err();
            assert_eq!(
                err,
                BundleError::Corrupt(format!(
                    "the sealed juror key cannot be read: it is sealed with scrypt work factor {factor}; Juri reads 15 to 17 only"
                )),
            );
        }
        // The factor it was sealed with reads as before.
        assert_eq!(
            sealed_with(15)
                .unlock(&code.to_string())
                .unwrap()
                .public_key(),
            key.public_key()
        );
    }
}
