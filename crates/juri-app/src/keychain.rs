//! The operating system's keychain — the Windows Credential Manager, the macOS Keychain, the
//! Secret Service of a Linux desktop (GNOME Keyring, KWallet) — as a second home for the chair's
//! and the juror's keys on this laptop, so the passphrase or access code is asked once per laptop
//! rather than once per session.
//!
//! The keychain only ever holds a copy: the databases always keep the keys sealed with the
//! passphrase (chair) or access code (juror), so a backup opens on another laptop whose keychain
//! is empty. A keychain that is missing, locked or refusing is not an error: Juri asks for the
//! passphrase as it would without one. `JURI_KEYCHAIN=off` keeps Juri away from the keychain
//! altogether (a shared laptop, scripts and tests).

use std::sync::{Arc, OnceLock};

use keyring_core::{CredentialStore, Entry};
use zeroize::Zeroizing;

/// The service name every Juri entry carries in the keychain.
pub const KEYCHAIN_SERVICE: &str = "Juri";

/// The environment variable that turns the keychain off (`off`).
pub const KEYCHAIN_VARIABLE: &str = "JURI_KEYCHAIN";

/// Where copies of keys are kept on this laptop, if anywhere. Cheap to clone.
#[derive(Clone, Default)]
pub struct Keychain {
    store: Option<Arc<CredentialStore>>,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.store {
            Some(store) => write!(f, "Keychain({})", store.vendor()),
            None => f.write_str("Keychain(none)"),
        }
    }
}

impl Keychain {
    /// No keychain: keys are opened with the passphrase or access code only.
    pub fn none() -> Keychain {
        Keychain { store: None }
    }

    /// The operating system's keychain, when this laptop has one that answers and
    /// `JURI_KEYCHAIN` is not `off`; else [`Keychain::none`]. Connected once per process.
    pub fn system() -> Keychain {
        if std::env::var(KEYCHAIN_VARIABLE).is_ok_and(|v| v.trim().eq_ignore_ascii_case("off")) {
            return Keychain::none();
        }
        static SYSTEM: OnceLock<Option<Arc<CredentialStore>>> = OnceLock::new();
        let store = SYSTEM.get_or_init(|| match platform_store() {
            Ok(store) => {
                tracing::info!(keychain = %store.vendor(), "keychain available");
                Some(store)
            }
            Err(error) => {
                tracing::info!(%error, "no keychain: keys open with the passphrase only");
                None
            }
        });
        Keychain {
            store: store.clone(),
        }
    }

    /// A keychain in this process's memory only (the keychain library's mock store): for tests.
    pub fn in_memory() -> Keychain {
        let store: Arc<CredentialStore> =
            keyring_core::mock::Store::new().expect("the in-memory keychain always starts");
        Keychain { store: Some(store) }
    }

    /// Whether there is a keychain to keep keys in.
    pub fn is_available(&self) -> bool {
        self.store.is_some()
    }

    fn entry(&self, account: &str) -> Option<Entry> {
        let store = self.store.as_ref()?;
        Entry::new_in_store(store, KEYCHAIN_SERVICE, account)
            .inspect_err(|error| tracing::warn!(account, %error, "keychain entry refused"))
            .ok()
    }

    /// The secret kept under `account`, if the keychain has one and gives it.
    pub(crate) fn get(&self, account: &str) -> Option<Zeroizing<String>> {
        let entry = self.entry(account)?;
        match entry.get_secret() {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                match std::str::from_utf8(&bytes) {
                    Ok(text) => Some(Zeroizing::new(text.to_owned())),
                    Err(_) => {
                        tracing::warn!(account, "keychain entry is not text: ignored");
                        None
                    }
                }
            }
            Err(keyring_core::Error::NoEntry) => None,
            Err(error) => {
                tracing::warn!(account, %error, "keychain did not give the entry");
                None
            }
        }
    }

    /// Keeps `secret` under `account`; whether the keychain took it.
    pub(crate) fn put(&self, account: &str, secret: &str) -> bool {
        let Some(entry) = self.entry(account) else {
            return false;
        };
        match entry.set_secret(secret.as_bytes()) {
            Ok(()) => {
                tracing::info!(account, "key copied into the keychain");
                true
            }
            Err(error) => {
                tracing::warn!(account, %error, "keychain did not take the key");
                false
            }
        }
    }

    /// Removes what is kept under `account` (a stale or unusable copy).
    pub(crate) fn forget(&self, account: &str) {
        if let Some(entry) = self.entry(account) {
            match entry.delete_credential() {
                Ok(()) | Err(keyring_core::Error::NoEntry) => {}
                Err(error) => tracing::warn!(account, %error, "keychain did not remove the entry"),
            }
        }
    }
}

#[cfg(all(feature = "system-keychain", target_os = "windows"))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(all(feature = "system-keychain", target_os = "macos"))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(all(feature = "system-keychain", unix, not(target_os = "macos")))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    // Without a session bus there is no Secret Service to ask; say so without trying.
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && !std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| std::path::Path::new(&dir).join("bus").exists())
    {
        return Err(keyring_core::Error::NoDefaultStore);
    }
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

/// Built without the operating system's keychain (feature `system-keychain`), or on a platform Juri
/// has no store for.
#[cfg(any(
    not(feature = "system-keychain"),
    not(any(target_os = "windows", target_os = "macos", unix))
))]
fn platform_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_in_memory_keychain_keeps_and_forgets() {
        let keychain = Keychain::in_memory();
        assert!(keychain.get("chair x").is_none());
        assert!(keychain.put("chair x", "JURI-CHAIR-SECRET-1abc"));
        assert_eq!(
            keychain.get("chair x").as_deref().map(String::as_str),
            Some("JURI-CHAIR-SECRET-1abc")
        );
        // A clone is the same keychain.
        assert!(keychain.clone().get("chair x").is_some());
        keychain.forget("chair x");
        assert!(keychain.get("chair x").is_none());
        keychain.forget("chair x");
    }

    #[test]
    fn no_keychain_keeps_nothing() {
        let keychain = Keychain::none();
        assert!(!keychain.is_available());
        assert!(!keychain.put("chair x", "secret"));
        assert!(keychain.get("chair x").is_none());
    }
}
