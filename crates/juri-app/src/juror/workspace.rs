//! The juror's side: a workspace on the juror's own laptop. Install the chair's package, score
//! entry by entry (every change durable when it returns), write notes, submit, and export the
//! signed, encrypted score bundle for the chair. The desktop app and `juri juror` call the same
//! methods.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use juri_bundle::{open_package, Fingerprint, JurorCredential, JurorSigningKey, PackagePin};
use juri_core::{Definition, StageDef};
use juri_store::{JurorDb, JurorEntryRow};
use serde::Serialize;

use crate::error::{AppError, Hint};
use crate::files::read_juri_file;
use crate::refusal::Refusal;

/// A juror's workspace: one juror database.
///
/// The database keeps the juror's signing key only sealed with the access code (as the chair's
/// package carries it) and its public key; the key is opened with the access code when the
/// package is installed or before an export, and kept in memory for as long as the workspace is
/// open (the desktop app's session), never written in clear.
pub struct JurorWorkspace {
    pub(crate) db: JurorDb,
    path: PathBuf,
    unlocked: Option<JurorSigningKey>,
    /// Where a copy of the opened key is kept on this laptop ([`JurorWorkspace::use_keychain`]).
    keychain: crate::Keychain,
}

/// Meta keys of the juror's key: its public half and the secret sealed with the access code (both
/// hex), and where an earlier Juri kept the secret in clear.
const JUROR_PUBLIC_KEY: &str = "juror_public_key";
const JUROR_SECRET_SEALED: &str = "juror_secret_sealed";
const JUROR_SECRET_IN_CLEAR: &str = "juror_secret";

/// What installing a package did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstalledPackage {
    pub competition_id: String,
    pub competition_name: String,
    pub juror: String,
    pub juror_name: String,
    pub version: u32,
    /// The version installed before, if any.
    pub previous_version: Option<u32>,
    pub entries: usize,
    pub assigned: usize,
    /// The juror's own score cells, kept as they were.
    pub cells_kept: usize,
    /// How many documents the package names for the juror's entries.
    pub documents: usize,
    /// The documents file found beside the package (`…-documents.zip`) and installed with it.
    pub documents_installed: Option<crate::juror::InstalledDocuments>,
    /// How many of the documents are not installed on this laptop (yet).
    pub documents_missing: usize,
    /// Why the documents file beside the package was refused (the package is installed all the
    /// same; none of the file's documents is).
    pub documents_refused: Option<String>,
}

/// The installed package, as the workspace uses it.
pub(crate) struct Installed {
    pub pin: PackagePin,
    pub definition: Definition,
    pub juror_name: String,
    pub entries: Vec<JurorEntryRow>,
    /// Stage → assigned entry codes, in the chair's order.
    pub assigned: BTreeMap<String, Vec<String>>,
}

pub(crate) fn meta(db: &JurorDb, key: &str) -> Result<String, AppError> {
    db.read()
        .meta(key)?
        .ok_or_else(|| AppError::Damaged(format!("the juror database lacks '{key}'")))
}

impl JurorWorkspace {
    /// Opens the juror database at `path`, creating an empty one if the file does not exist.
    pub fn open(path: &Path) -> Result<JurorWorkspace, AppError> {
        let mut workspace = JurorWorkspace {
            db: JurorDb::open_or_create(path)?,
            path: path.to_path_buf(),
            unlocked: None,
            keychain: crate::Keychain::none(),
        };
        workspace.seal_key_kept_in_clear()?;
        Ok(workspace)
    }

    /// A database from an earlier Juri keeps the juror's key in clear: keep only its public half
    /// and the sealed copy of the installed package (the same key, sealed with the access code),
    /// and overwrite the clear one.
    fn seal_key_kept_in_clear(&mut self) -> Result<(), AppError> {
        let Some(text) = self.db.read().meta(JUROR_SECRET_IN_CLEAR)? else {
            return Ok(());
        };
        let key = JurorSigningKey::from_secret_string(&text)
            .map_err(|e| AppError::Damaged(format!("the stored juror key is damaged: {e}")))?;
        let bytes = self.db.read().newest_package_bytes()?.ok_or_else(|| {
            AppError::Damaged("the juror database keeps a key but no package".into())
        })?;
        let package = open_package(&bytes).map_err(|e| AppError::Damaged(e.to_string()))?;
        let credential = &package.content().credential;
        if credential.public_key != key.public_key() {
            return Err(AppError::Damaged(
                "the stored juror key is not the installed package's".into(),
            ));
        }
        self.db.write(|tx| -> Result<(), AppError> {
            tx.set_meta(JUROR_PUBLIC_KEY, &hex::encode(credential.public_key))?;
            tx.set_meta(JUROR_SECRET_SEALED, &hex::encode(&credential.sealed_secret))?;
            tx.delete_meta(JUROR_SECRET_IN_CLEAR)?;
            Ok(())
        })?;
        self.db.checkpoint()?;
        Ok(())
    }

    /// Whether the juror's key is open for this session (the access code was given since the
    /// workspace was opened): an export then needs no code.
    pub fn is_unlocked(&self) -> bool {
        self.unlocked.is_some()
    }

    /// Opens the juror's key with the access code, for this session. A wrong code is refused and
    /// changes nothing.
    pub fn unlock(&mut self, access_code: &str) -> Result<(), AppError> {
        let public = meta(&self.db, JUROR_PUBLIC_KEY)?;
        let sealed = meta(&self.db, JUROR_SECRET_SEALED)?;
        let damaged =
            |what: &str| AppError::Damaged(format!("the stored juror key is damaged: {what}"));
        let credential = JurorCredential {
            public_key: hex::decode(&public)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| damaged("public key"))?,
            sealed_secret: hex::decode(&sealed).map_err(|_| damaged("sealed key"))?,
        };
        let key = credential
            .unlock(access_code)
            .map_err(|e| AppError::Refused(Refusal::AccessCode(e.to_string())))?;
        self.copy_into_keychain(&key);
        self.unlocked = Some(key);
        Ok(())
    }

    /// Keeps a copy of the juror's opened key in `keychain` from now on, and opens the key from it
    /// now when it holds one (so [`JurorWorkspace::is_unlocked`] tells whether an export still
    /// needs the access code). The database keeps the key sealed all the same. The `juri` command
    /// and the desktop app use the system's keychain
    /// ([`Keychain::system`](crate::Keychain::system)); by default a workspace uses none.
    pub fn use_keychain(&mut self, keychain: crate::Keychain) -> Result<(), AppError> {
        self.keychain = keychain;
        if self.unlocked.is_some() || !self.keychain.is_available() {
            return Ok(());
        }
        let Some(account) = self.keychain_account()? else {
            return Ok(());
        };
        let Some(text) = self.keychain.get(&account) else {
            return Ok(());
        };
        let public = meta(&self.db, JUROR_PUBLIC_KEY)?;
        match JurorSigningKey::from_secret_string(&text) {
            Ok(key) if hex::encode(key.public_key()) == public => self.unlocked = Some(key),
            _ => {
                tracing::warn!(account, "the keychain's copy of the juror key is unusable");
                self.keychain.forget(&account);
            }
        }
        Ok(())
    }

    /// The keychain account of the installed key: the competition, the juror and the key's public
    /// half, so a copy is found only for the very key this workspace keeps. `None` before a package
    /// is installed.
    fn keychain_account(&self) -> Result<Option<String>, AppError> {
        let tx = self.db.read();
        let (Some(competition), Some(juror), Some(public)) = (
            tx.meta("competition_id")?,
            tx.meta("juror_id")?,
            tx.meta(JUROR_PUBLIC_KEY)?,
        ) else {
            return Ok(None);
        };
        Ok(Some(format!(
            "juror {competition} {juror} {}",
            &public[..public.len().min(16)]
        )))
    }

    fn copy_into_keychain(&self, key: &JurorSigningKey) {
        if !self.keychain.is_available() {
            return;
        }
        if let Ok(Some(account)) = self.keychain_account() {
            let secret = zeroize::Zeroizing::new(key.to_secret_string());
            self.keychain.put(&account, &secret);
        }
    }

    /// The juror's key for an export: opened with `access_code` when one is given, else the one
    /// opened earlier in this session.
    pub(crate) fn signing_key(
        &mut self,
        access_code: Option<&str>,
    ) -> Result<JurorSigningKey, AppError> {
        if let Some(code) = access_code {
            self.unlock(code)?;
        }
        self.unlocked.clone().ok_or_else(|| {
            AppError::needs(
                rust_i18n::t!("juror.export_needs_access_code"),
                Hint::GiveAccessCode,
            )
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a package has been installed.
    pub fn is_set_up(&self) -> Result<bool, AppError> {
        Ok(self.db.read().meta("package_version")?.is_some())
    }

    pub(crate) fn installed(&self) -> Result<Installed, AppError> {
        let tx = self.db.read();
        let Some(version) = tx.meta("package_version")? else {
            return Err(AppError::needs(
                rust_i18n::t!("juror.no_package"),
                Hint::OpenPackage,
            ));
        };
        let package_version: u32 = version
            .parse()
            .map_err(|_| AppError::Damaged("the installed package version is damaged".into()))?;
        let fingerprint = tx
            .package_fingerprint(i64::from(package_version))?
            .and_then(|hex| Fingerprint::from_hex(&hex));
        let pin = PackagePin {
            competition_id: meta(&self.db, "competition_id")?,
            juror_id: meta(&self.db, "juror_id")?,
            chair_signing_key: meta(&self.db, "chair_signing_key")?,
            package_version,
            fingerprint,
        };
        let definition = crate::definition::toml_definition(&meta(&self.db, "definition_toml")?)?;
        let mut assigned: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (stage, entry) in tx.assignments()? {
            assigned.entry(stage).or_default().push(entry);
        }
        Ok(Installed {
            pin,
            definition,
            juror_name: meta(&self.db, "juror_name")?,
            entries: tx.entries()?,
            assigned,
        })
    }

    /// Installs a package from the chair. The first package needs the access code; a later one
    /// (a newer version from the same chair) replaces the definition and entries and never
    /// touches the juror's scores. A package from another chair key, competition or juror, or
    /// older than the installed one, is refused.
    pub fn install_package(
        &mut self,
        file: &Path,
        access_code: Option<&str>,
    ) -> Result<InstalledPackage, AppError> {
        let bad = |message: String| AppError::BadFile {
            file: file.display().to_string(),
            message,
        };
        let bytes = read_juri_file(file)?;
        let package = open_package(&bytes).map_err(|e| bad(e.to_string()))?;
        let previous = match self.installed() {
            Ok(installed) => {
                package
                    .check_update(&installed.pin)
                    .map_err(|e| bad(e.to_string()))?;
                Some(installed.pin.package_version)
            }
            Err(_) => None,
        };
        let content = package.content();
        if let Some(newer) = juri_core::newer_format(&content.definition_toml) {
            return Err(AppError::Refused(Refusal::NewerPackage {
                needs: newer.to_string(),
            }));
        }
        let definition =
            crate::definition::toml_definition(&content.definition_toml).map_err(|e| {
                bad(rust_i18n::t!("juror.package_definition_invalid", error = e).into_owned())
            })?;
        if definition.competition.id != content.competition_id {
            return Err(bad(rust_i18n::t!(
                "juror.package_definition_elsewhere",
                definition = definition.competition.id,
                package = content.competition_id
            )
            .into_owned()));
        }
        // A later package with the juror's key installs without the code; the first one, or one
        // with a new key (the chair made a new code), needs it.
        let key_is_known = self.db.read().meta(JUROR_PUBLIC_KEY)?.as_deref()
            == Some(hex::encode(content.credential.public_key).as_str());
        let key = match access_code {
            Some(code) => Some(package.unlock(code).map_err(|e| bad(e.to_string()))?),
            None if key_is_known => None,
            None => {
                return Err(AppError::needs(
                    rust_i18n::t!("juror.needs_access_code", file = file.display()),
                    Hint::GiveAccessCode,
                ))
            }
        };
        let entries: Vec<JurorEntryRow> = content
            .entries
            .iter()
            .map(|e| JurorEntryRow {
                code: e.code.clone(),
                title: e.title.clone(),
                institution: e.institution.clone(),
                category: e.category.clone(),
                rintisan: e.rintisan,
                description: e.description.clone(),
            })
            .collect();
        let assignments: Vec<(String, Vec<String>)> = content
            .assignments
            .iter()
            .map(|a| (a.stage.clone(), a.entries.clone()))
            .collect();
        let documents: Vec<juri_store::JurorDocumentRow> = content
            .entries
            .iter()
            .flat_map(|e| {
                e.documents.iter().map(|d| juri_store::JurorDocumentRow {
                    entry: e.code.clone(),
                    name: d.name.clone(),
                    kind: d.kind.clone(),
                    size: i64::try_from(d.size).unwrap_or(i64::MAX),
                    sha256: d.sha256.clone(),
                    installed: false,
                })
            })
            .collect();
        let links: Vec<(String, String)> = content
            .entries
            .iter()
            .flat_map(|e| e.links.iter().map(|l| (e.code.clone(), l.clone())))
            .collect();
        let chair = package.chair().clone();
        let previous_account = self.keychain_account()?;
        let now = crate::now();
        let fingerprint = package.fingerprint().to_hex();
        let cells_kept = self.db.write(|tx| -> Result<usize, AppError> {
            let pairs = [
                ("competition_id", content.competition_id.as_str()),
                ("juror_id", content.juror.id.as_str()),
                ("juror_name", content.juror.name.as_str()),
                ("juror_affiliation", content.juror.affiliation.as_str()),
                ("juror_role", content.juror.role.as_str()),
                ("chair_signing_key", chair.signing_key.as_str()),
                ("chair_age_recipient", chair.age_recipient.as_str()),
                ("definition_toml", content.definition_toml.as_str()),
                ("issued_at", content.issued_at.as_str()),
            ];
            for (k, v) in pairs {
                tx.set_meta(k, v)?;
            }
            tx.set_meta("package_version", &content.package_version.to_string())?;
            tx.set_meta(
                JUROR_PUBLIC_KEY,
                &hex::encode(content.credential.public_key),
            )?;
            tx.set_meta(
                JUROR_SECRET_SEALED,
                &hex::encode(&content.credential.sealed_secret),
            )?;
            tx.install_package(
                i64::from(content.package_version),
                &fingerprint,
                &bytes,
                &now,
                &entries,
                &assignments,
            )?;
            tx.set_package_documents(&documents, &links)?;
            Ok(tx.cells()?.len())
        })?;
        if let Some(key) = key {
            // A new key retires the old one: its keychain copy goes.
            if let Some(old) = previous_account.filter(|old| {
                self.keychain_account().ok().flatten().as_deref() != Some(old.as_str())
            }) {
                self.keychain.forget(&old);
            }
            self.copy_into_keychain(&key);
            self.unlocked = Some(key);
        }
        // The documents file the chair wrote beside the package is installed with it.
        let beside = crate::roundtrip::documents_file_beside(file);
        let (documents_installed, documents_refused) = if !documents.is_empty() && beside.is_file()
        {
            match self.install_documents(&beside) {
                Ok(done) => (Some(done), None),
                Err(refused) => (None, Some(refused.to_string())),
            }
        } else {
            (None, None)
        };
        let documents_missing = self.documents_missing()?;
        Ok(InstalledPackage {
            competition_id: content.competition_id.clone(),
            competition_name: definition.competition.name.clone(),
            juror: content.juror.id.clone(),
            juror_name: content.juror.name.clone(),
            version: content.package_version,
            previous_version: previous,
            entries: entries.len(),
            assigned: assignments.iter().map(|(_, e)| e.len()).sum(),
            cells_kept,
            documents: documents.len(),
            documents_installed,
            documents_missing,
            documents_refused,
        })
    }

    /// Checks that the juror may score `entry` in `stage` and returns the stage.
    pub(crate) fn scoring_stage<'d>(
        installed: &'d Installed,
        stage: &str,
        entry: &str,
    ) -> Result<&'d StageDef, AppError> {
        let st = installed
            .definition
            .stage(stage)
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        if !st.is_scored_by_jurors() {
            return Err(Refusal::StageNotScored {
                stage: stage.into(),
            }
            .into());
        }
        if !installed.entries.iter().any(|e| e.code == entry) {
            return Err(Refusal::EntryNotInPackage {
                entry: entry.into(),
            }
            .into());
        }
        if !installed
            .assigned
            .get(stage)
            .is_some_and(|codes| codes.iter().any(|c| c == entry))
        {
            return Err(Refusal::NotYourEntry {
                stage: stage.into(),
                entry: entry.into(),
            }
            .into());
        }
        Ok(st)
    }

    pub(super) fn ensure_not_submitted(&self, stage: &str, entry: &str) -> Result<(), AppError> {
        let submitted = self
            .db
            .read()
            .submissions()?
            .into_iter()
            .any(|s| s.stage == stage && s.entry == entry && s.value);
        if submitted {
            return Err(Refusal::AlreadySubmitted {
                stage: stage.into(),
                entry: entry.into(),
            }
            .into());
        }
        Ok(())
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool, AppError> {
        Ok(self.db.integrity_ok()?)
    }
}
