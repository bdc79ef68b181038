//! Issuing juror packages: the chair's keys, each juror's credential and access code, and the
//! signed package file.

use rust_i18n::t;
use std::path::Path;

use juri_bundle::rand_core::UnwrapErr;
use juri_bundle::{
    issue_package, ChairKeys, JurorCredential, JurorIdentity, PackageContent, PackageDocument,
    PackageEntry, StageAssignment,
};
use juri_core::definition::StageKind;
use juri_core::pipeline;
use serde::Serialize;

use crate::chair::{Chair, Snapshot};
use crate::error::{AppError, Hint};
use crate::files::write_private_atomically;
use crate::refusal::Refusal;
use crate::roundtrip::documents_file::{
    documents_file_beside, write_documents, DocumentsManifest, DocumentsReader,
};

/// Where an earlier Juri kept the chair's keys in clear, and where they are kept sealed with the
/// chair's passphrase (hex of the age file).
const CHAIR_SECRET: &str = "chair_secret";
const CHAIR_SECRET_SEALED: &str = "chair_secret_sealed";

/// The fewest characters a new chair passphrase has.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// Which passphrase the chair is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PassphraseNeeded {
    /// A new one, to seal the keys with (typed twice).
    New,
    /// The one chosen before.
    Existing,
}

/// How the chair's keys are kept in the database.
enum KeysKept {
    None,
    Sealed(Vec<u8>),
    InClear(Box<ChairKeys>),
}

/// The scrypt work factor the keys are sealed with: `JURI_WORK_FACTOR` when it names one of the
/// documented factors (tests and slow laptops use the lowest), else Juri's default.
fn work_factor() -> u8 {
    std::env::var("JURI_WORK_FACTOR")
        .ok()
        .and_then(|v| v.trim().parse::<u8>().ok())
        .filter(|f| juri_bundle::CHAIR_WORK_FACTORS.contains(f))
        .unwrap_or(juri_bundle::CHAIR_WORK_FACTOR)
}

fn check_new_passphrase(passphrase: &str) -> Result<(), AppError> {
    let chars = passphrase.trim().chars().count();
    if chars < MIN_PASSPHRASE_CHARS {
        return Err(AppError::Refused(Refusal::PassphraseTooShort {
            chars,
            min: MIN_PASSPHRASE_CHARS,
        }));
    }
    Ok(())
}

/// Whether a package carries the juror's key and access code as before, or new ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeChoice<'a> {
    /// The same key and access code (a new key and code for a juror who has none yet).
    Same,
    /// A new key and access code; the juror's earlier keys are retired, for `reason` (e.g. "laptop
    /// lost"). A bundle later signed by a retired key is held back until the chair accepts it.
    New { reason: Option<&'a str> },
}

impl<'a> CodeChoice<'a> {
    /// `New` with `reason` when `new_code`, else `Same`.
    pub fn new_code(new_code: bool, reason: Option<&'a str>) -> Self {
        if new_code {
            CodeChoice::New { reason }
        } else {
            CodeChoice::Same
        }
    }
}

/// A package that was written, and what the chair must tell the juror.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssuedPackage {
    pub juror: String,
    pub juror_name: String,
    pub file: String,
    pub version: u32,
    /// Short fingerprint of the file, e.g. `3f2a-91c0-7be4`.
    pub fingerprint: String,
    /// The access code, only when a new key was made for the juror (first package or
    /// `new_code`). It is stored nowhere: show it once and hand it over in person.
    pub access_code: Option<String>,
    pub entries: usize,
    /// Assigned (stage, entry) pairs.
    pub assigned: usize,
    /// The documents file written beside the package (`…-documents.zip`), when the package
    /// names documents; it holds those not sent to this juror's laptop before.
    pub documents_file: Option<String>,
    /// How many documents the package names (for the juror's assigned entries).
    pub documents: usize,
    /// How many of them the documents file holds, and their bytes.
    pub documents_sent: usize,
    pub documents_bytes: u64,
}

/// Which documents a package's documents file carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DocumentsChoice {
    /// Those not sent before to the juror's laptop (the same juror key).
    #[default]
    New,
    /// Every document the package names, e.g. for a laptop set up again.
    All,
}

fn rng() -> UnwrapErr<getrandom::SysRng> {
    UnwrapErr(getrandom::SysRng)
}

impl Chair {
    /// The chair's keys, made on first need — sealed with the passphrase the chair gave
    /// ([`Chair::unlock`]) — and kept in the database only sealed.
    pub fn chair_keys(&mut self) -> Result<ChairKeys, AppError> {
        if let Some(keys) = self.stored_chair_keys()? {
            return Ok(keys);
        }
        let passphrase = self
            .new_passphrase
            .clone()
            .ok_or_else(|| AppError::needs(t!("keys.choose_passphrase"), Hint::ChoosePassphrase))?;
        let keys = ChairKeys::generate(&mut rng());
        let sealed = keys.seal(&passphrase, work_factor());
        let now = crate::now();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.set_meta(CHAIR_SECRET_SEALED, &hex::encode(&sealed))?;
            tx.audit(
                &now,
                "chair-keys",
                &format!(
                    "chair keys created, sealed with the chair's passphrase; signing key {}",
                    keys.public().signing_key
                ),
            )?;
            Ok(())
        })?;
        self.new_passphrase = None;
        self.copy_into_keychain(&keys, &sealed);
        self.unlocked = Some(keys.clone());
        Ok(keys)
    }

    /// The chair's keys if they were made already and are open for this session; `Ok(None)`
    /// before any package was issued. Keys kept sealed (or, by an earlier Juri, in clear) but not
    /// opened yet need the passphrase ([`Chair::unlock`]).
    pub fn stored_chair_keys(&self) -> Result<Option<ChairKeys>, AppError> {
        if let Some(keys) = &self.unlocked {
            return Ok(Some(keys.clone()));
        }
        match self.keys_kept()? {
            KeysKept::None => Ok(None),
            KeysKept::Sealed(_) => Err(AppError::needs(
                t!("keys.give_passphrase"),
                Hint::GivePassphrase,
            )),
            KeysKept::InClear(_) => Err(AppError::needs(
                t!("keys.seal_with_passphrase"),
                Hint::ChoosePassphrase,
            )),
        }
    }

    /// Whether the chair's passphrase is needed before the keys can be used, and whether it is a new
    /// one to choose (no keys yet, or keys an earlier Juri kept in clear) or the one chosen before.
    /// Sealed keys whose copy this laptop's keychain holds ([`Chair::use_keychain`]) are opened from
    /// it: no passphrase is needed then.
    pub fn passphrase_needed(&mut self) -> Result<Option<PassphraseNeeded>, AppError> {
        if self.unlocked.is_some() {
            return Ok(None);
        }
        Ok(Some(match self.keys_kept()? {
            KeysKept::Sealed(sealed) => {
                if let Some(keys) = self.keys_from_keychain(&sealed) {
                    self.unlocked = Some(keys);
                    return Ok(None);
                }
                PassphraseNeeded::Existing
            }
            KeysKept::None | KeysKept::InClear(_) => PassphraseNeeded::New,
        }))
    }

    /// Keeps a copy of the chair's opened keys in `keychain` from now on, and opens them from it
    /// when it holds one ([`Chair::passphrase_needed`]). The database keeps them sealed all the
    /// same. The `juri` command and the desktop app use the system's keychain
    /// ([`Keychain::system`](crate::Keychain::system)); by default a chair uses none.
    pub fn use_keychain(&mut self, keychain: crate::Keychain) {
        self.keychain = keychain;
    }

    /// The keychain account of keys sealed as `sealed`: named by the competition and the sealed
    /// copy's SHA-256, so a copy is found only for the very keys this database keeps.
    fn keychain_account(&self, sealed: &[u8]) -> String {
        use sha2::Digest;
        let digest = hex::encode(sha2::Sha256::digest(sealed));
        let competition = self
            .db
            .read()
            .meta("competition_id")
            .ok()
            .flatten()
            .unwrap_or_default();
        format!("chair {competition} {}", &digest[..16])
    }

    fn keys_from_keychain(&self, sealed: &[u8]) -> Option<ChairKeys> {
        if !self.keychain.is_available() {
            return None;
        }
        let account = self.keychain_account(sealed);
        let text = self.keychain.get(&account)?;
        match ChairKeys::from_secret_string(&text) {
            Ok(keys) => Some(keys),
            Err(_) => {
                tracing::warn!(account, "the keychain's copy of the chair keys is unusable");
                self.keychain.forget(&account);
                None
            }
        }
    }

    /// Keeps a copy of `keys` (sealed in the database as `sealed`) in the keychain, if any.
    fn copy_into_keychain(&self, keys: &ChairKeys, sealed: &[u8]) {
        if self.keychain.is_available() {
            let secret = zeroize::Zeroizing::new(keys.to_secret_string());
            self.keychain.put(&self.keychain_account(sealed), &secret);
        }
    }

    /// Gives the chair's passphrase for this session. With sealed keys it opens them (a wrong
    /// passphrase is refused and changes nothing). With keys an earlier Juri kept in clear it seals
    /// them with this new passphrase and overwrites the clear copy. Before any keys exist it is
    /// remembered for the keys the first package makes. A new passphrase has at least
    /// [`MIN_PASSPHRASE_CHARS`] characters.
    pub fn unlock(&mut self, passphrase: &str) -> Result<(), AppError> {
        match self.keys_kept()? {
            KeysKept::Sealed(sealed) => {
                let keys = ChairKeys::unseal(&sealed, passphrase)
                    .map_err(|e| AppError::Refused(Refusal::Passphrase(e.to_string())))?;
                self.copy_into_keychain(&keys, &sealed);
                self.unlocked = Some(keys);
            }
            KeysKept::InClear(keys) => {
                check_new_passphrase(passphrase)?;
                let sealed = keys.seal(passphrase, work_factor());
                let now = crate::now();
                self.db.write(|tx| -> Result<(), AppError> {
                    tx.set_meta(CHAIR_SECRET_SEALED, &hex::encode(&sealed))?;
                    tx.delete_meta_securely(CHAIR_SECRET)?;
                    tx.audit(
                        &now,
                        "chair-keys",
                        "chair keys sealed with the chair's passphrase (they were kept in clear)",
                    )?;
                    Ok(())
                })?;
                self.db.checkpoint()?;
                self.copy_into_keychain(&keys, &sealed);
                self.unlocked = Some(*keys);
            }
            KeysKept::None => {
                check_new_passphrase(passphrase)?;
                self.new_passphrase = Some(passphrase.to_owned().into());
            }
        }
        Ok(())
    }

    /// Makes the demo competition's chair keys and keeps them in clear, open for this session
    /// only: the demo merges its jurors' signed bundles with them, and the first time a passphrase
    /// is given ([`Chair::unlock`]) they are sealed with it, as a fresh competition's keys are
    /// made sealed. Refuses a database that has keys already.
    pub(crate) fn make_demo_chair_keys(&mut self) -> Result<ChairKeys, AppError> {
        if self.has_chair_keys()? {
            return Err(AppError::Internal(
                "the demo's chair keys exist already".into(),
            ));
        }
        let keys = ChairKeys::generate(&mut rng());
        let secret = zeroize::Zeroizing::new(keys.to_secret_string());
        let now = crate::now();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.set_meta(CHAIR_SECRET, &secret)?;
            tx.audit(
                &now,
                "chair-keys",
                &format!(
                    "demo chair keys created, kept in clear until the chair chooses a passphrase; signing key {}",
                    keys.public().signing_key
                ),
            )?;
            Ok(())
        })?;
        self.unlocked = Some(keys.clone());
        Ok(keys)
    }

    /// Closes the chair's keys opened for this session: the next use asks for the passphrase.
    pub(crate) fn lock_chair_keys(&mut self) {
        self.unlocked = None;
    }

    /// Whether the chair's keys were made (the first package makes them).
    pub fn has_chair_keys(&self) -> Result<bool, AppError> {
        Ok(self.unlocked.is_some() || !matches!(self.keys_kept()?, KeysKept::None))
    }

    fn keys_kept(&self) -> Result<KeysKept, AppError> {
        let tx = self.db.read();
        if let Some(hex_text) = tx.meta(CHAIR_SECRET_SEALED)? {
            let sealed = hex::decode(hex_text.trim())
                .map_err(|_| AppError::Damaged("the chair's sealed keys are damaged".into()))?;
            return Ok(KeysKept::Sealed(sealed));
        }
        match tx.meta(CHAIR_SECRET)? {
            None => Ok(KeysKept::None),
            Some(text) => ChairKeys::from_secret_string(&text)
                .map(|keys| KeysKept::InClear(Box::new(keys)))
                .map_err(|e| AppError::Damaged(format!("the stored chair key is damaged: {e}"))),
        }
    }

    /// Writes the chair's age identity (`AGE-SECRET-KEY-1…`, docs/formats.md section 5) to a new
    /// file `out`, readable by its owner only, for decrypting bundles with other age tools during
    /// an audit; audit-logged. Refuses to overwrite a file, and before any package was issued (the
    /// chair has no keys yet). Returns the matching recipient (`age1…`).
    pub fn export_age_identity(&mut self, out: &Path) -> Result<String, AppError> {
        let keys = self.stored_chair_keys()?.ok_or_else(|| {
            AppError::needs(rust_i18n::t!("merge.no_chair_keys"), Hint::IssuePackages)
        })?;
        let recipient = keys.public().age_recipient;
        let text = format!(
            "# the age identity of the chair of this Juri competition; recipient: {recipient}\n{}\n",
            keys.age_secret_key()
        );
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(out).map_err(|e| AppError::io(out, e))?;
        std::io::Write::write_all(&mut file, text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| AppError::io(out, e))?;
        let now = crate::now();
        let shown = out.display().to_string();
        self.db.write(|tx| {
            tx.audit(
                &now,
                "chair-keys",
                &format!("age identity of the chair exported to {shown} (recipient {recipient})"),
            )
        })?;
        Ok(recipient)
    }

    /// Writes juror `juror`'s package to `out`, one version above the last one issued. The first
    /// package (or any with `new_code`) makes a new key and access code; earlier keys stay in the
    /// juror's key history so bundles signed with them still verify.
    pub fn issue_package(
        &mut self,
        juror: &str,
        new_code: bool,
        out: &Path,
    ) -> Result<IssuedPackage, AppError> {
        self.issue_package_with(juror, CodeChoice::new_code(new_code, None), out)
    }

    /// [`Chair::issue_package`], saying why the juror's key is retired when a new one is made.
    pub fn issue_package_with(
        &mut self,
        juror: &str,
        code: CodeChoice<'_>,
        out: &Path,
    ) -> Result<IssuedPackage, AppError> {
        self.issue_package_from(juror, code, DocumentsChoice::New, Some(out), &mut rng())
    }

    /// [`Chair::issue_package_with`], choosing which documents the documents file carries.
    pub fn issue_package_sending(
        &mut self,
        juror: &str,
        code: CodeChoice<'_>,
        documents: DocumentsChoice,
        out: &Path,
    ) -> Result<IssuedPackage, AppError> {
        self.issue_package_from(juror, code, documents, Some(out), &mut rng())
    }

    /// [`Chair::issue_package_with`] with the juror's new key and access code drawn from `rng`;
    /// without `out` the package is recorded but written nowhere (the demo competition's, whose
    /// jurors exist only in the demo). Beside a package that names documents, the documents file
    /// (`…-documents.zip`) holds those `documents` chooses.
    pub(crate) fn issue_package_from<R: juri_bundle::rand_core::CryptoRng + ?Sized>(
        &mut self,
        juror: &str,
        code: CodeChoice<'_>,
        documents: DocumentsChoice,
        out: Option<&Path>,
        rng: &mut R,
    ) -> Result<IssuedPackage, AppError> {
        let (new_code, retire_reason) = match code {
            CodeChoice::Same => (false, None),
            CodeChoice::New { reason } => (true, reason.map(str::trim).filter(|r| !r.is_empty())),
        };
        let keys = self.chair_keys()?;
        let snap = self.snapshot()?;
        let j = snap
            .juror_index(juror)
            .ok_or_else(|| AppError::UnknownJuror(juror.to_string()))?;
        let person = &snap.jurors[j];
        if !person.active {
            return Err(Refusal::JurorRemoved {
                juror: juror.into(),
            }
            .into());
        }
        let juror_id = snap.juror_ids[j];
        let (stored, version) = {
            let tx = self.db.read();
            (
                tx.current_juror_key(juror_id)?,
                tx.last_package_version(juror_id)?.unwrap_or(0) + 1,
            )
        };
        let (credential, code) = match stored {
            Some(k) if !new_code => {
                let public_key: [u8; 32] = k.public_key.as_slice().try_into().map_err(|_| {
                    AppError::Damaged(format!("the stored key of juror '{juror}' is damaged"))
                })?;
                (
                    JurorCredential {
                        public_key,
                        sealed_secret: k.sealed_secret,
                    },
                    None,
                )
            }
            _ => {
                let (credential, code) = JurorCredential::generate(rng);
                (credential, Some(code.to_string()))
            }
        };
        let (entries, assignments) = self.visible_to(&snap, j)?;
        let now = crate::now();
        let content = PackageContent {
            competition_id: snap.definition.competition.id.clone(),
            package_version: u32::try_from(version)
                .map_err(|_| AppError::Damaged("too many package versions".into()))?,
            issued_at: now.clone(),
            definition_toml: self.definition()?.1,
            entries,
            assignments,
            juror: JurorIdentity {
                id: person.id.clone(),
                name: person.name.clone(),
                affiliation: person.affiliation.clone(),
                role: person.role.as_str().to_string(),
            },
            credential: credential.clone(),
        };
        let bytes = issue_package(&content, &keys)
            .map_err(|e| AppError::render(t!("render.package", juror = juror), e))?;
        let fingerprint = juri_bundle::Fingerprint::of(&bytes);
        // The documents the package names, each once, in its order; those the file carries.
        let mut named: Vec<&PackageDocument> = Vec::new();
        for d in content.entries.iter().flat_map(|e| &e.documents) {
            if !named.iter().any(|n| n.sha256 == d.sha256) {
                named.push(d);
            }
        }
        let sent_before: Vec<String> = match (&code, documents) {
            (None, DocumentsChoice::New) => {
                let tx = self.db.read();
                match tx.current_juror_key(juror_id)? {
                    Some(k) => tx.documents_sent(juror_id, k.id)?,
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        let to_send: Vec<&PackageDocument> = named
            .iter()
            .copied()
            .filter(|d| !sent_before.contains(&d.sha256))
            .collect();
        let documents_out = out.filter(|_| !named.is_empty()).map(documents_file_beside);
        if let Some(path) = &documents_out {
            let manifest = DocumentsManifest::new(
                &content.competition_id,
                &person.id,
                content.package_version,
                to_send.iter().map(|d| d.sha256.clone()).collect(),
            );
            let db = &self.db;
            write_private_atomically(path, |file| {
                write_documents(file, &manifest, |sha256| {
                    db.read().document_bytes(sha256)?.ok_or_else(|| {
                        AppError::Damaged(format!("document {sha256} is named but not kept"))
                    })
                })
                .map(|_| ())
                .map_err(|e| std::io::Error::other(e.to_string()))
            })?;
        }
        if let Some(out) = out {
            write_private_atomically(out, |file| std::io::Write::write_all(file, &bytes))?;
            if documents_out.is_none() {
                remove_stale_documents_file(out, &content.competition_id, &person.id);
            }
        }
        let documents_bytes: u64 = to_send.iter().map(|d| d.size).sum();
        let sent: Vec<String> = match documents_out {
            Some(_) => to_send.iter().map(|d| d.sha256.clone()).collect(),
            None => Vec::new(),
        };
        let assigned = content.assignments.iter().map(|a| a.entries.len()).sum();
        let file = out.map(|o| o.display().to_string()).unwrap_or_default();
        let written = match out {
            Some(_) => format!("written to {file}"),
            None => "made for the demo competition, written to no file".to_string(),
        };
        self.db.write(|tx| -> Result<(), AppError> {
            let key_id = match &code {
                Some(_) => {
                    tx.retire_juror_keys(juror_id, &now, retire_reason)?;
                    tx.add_juror_key(
                        juror_id,
                        &credential.public_key,
                        &credential.sealed_secret,
                        &now,
                    )?
                }
                None => tx
                    .current_juror_key(juror_id)?
                    .map(|k| k.id)
                    .unwrap_or_default(),
            };
            tx.add_package(juror_id, version, &fingerprint.to_hex(), key_id, &now)?;
            for sha256 in &sent {
                tx.add_document_sent(juror_id, key_id, sha256, version)?;
            }
            tx.audit(
                &now,
                "package",
                &format!(
                    "package version {version} for juror {juror} {written} ({}){}{}",
                    fingerprint.short(),
                    match &documents_out {
                        Some(path) => format!(
                            "; documents file {} with {} of its {} documents ({})",
                            path.display(),
                            sent.len(),
                            named.len(),
                            crate::chair::human_size(documents_bytes)
                        ),
                        None => String::new(),
                    },
                    match (&code, version, retire_reason) {
                        (None, _, _) => ", same access code".to_string(),
                        (Some(_), 1, _) => ", new key and access code".to_string(),
                        (Some(_), _, None) =>
                            ", new key and access code; earlier keys retired".to_string(),
                        (Some(_), _, Some(reason)) =>
                            format!(", new key and access code; earlier keys retired ({reason})"),
                    }
                ),
            )?;
            Ok(())
        })?;
        Ok(IssuedPackage {
            juror: person.id.clone(),
            juror_name: person.name.clone(),
            file,
            version: content.package_version,
            fingerprint: fingerprint.short(),
            access_code: code,
            entries: content.entries.len(),
            assigned,
            documents_file: documents_out.map(|p| p.display().to_string()),
            documents: named.len(),
            documents_sent: sent.len(),
            documents_bytes,
        })
    }

    /// Packages for every active juror, written into `dir` as `<competition>-<juror>.juri`.
    pub fn issue_packages(
        &mut self,
        new_code: bool,
        dir: &Path,
    ) -> Result<Vec<IssuedPackage>, AppError> {
        self.issue_packages_with(CodeChoice::new_code(new_code, None), dir)
    }

    /// [`Chair::issue_packages`], saying why the jurors' keys are retired when new ones are made.
    pub fn issue_packages_with(
        &mut self,
        code: CodeChoice<'_>,
        dir: &Path,
    ) -> Result<Vec<IssuedPackage>, AppError> {
        self.issue_packages_sending(code, DocumentsChoice::New, dir)
    }

    /// [`Chair::issue_packages_with`], choosing which documents each documents file carries.
    pub fn issue_packages_sending(
        &mut self,
        code: CodeChoice<'_>,
        documents: DocumentsChoice,
        dir: &Path,
    ) -> Result<Vec<IssuedPackage>, AppError> {
        let snap = self.snapshot()?;
        std::fs::create_dir_all(dir).map_err(|e| AppError::io(dir, e))?;
        let competition = snap.definition.competition.id.clone();
        let mut out = Vec::new();
        for j in snap.jurors.iter().filter(|j| j.active) {
            let file = dir.join(format!("{competition}-{}.juri", j.id));
            out.push(self.issue_package_sending(&j.id, code, documents, &file)?);
        }
        Ok(out)
    }

    /// The entries juror `j` may see (not recused, not withdrawn; no institution under blind
    /// review) and, per scoring stage, the entries of the stage's pool assigned to the juror.
    fn visible_to(
        &self,
        snap: &Snapshot,
        j: usize,
    ) -> Result<(Vec<PackageEntry>, Vec<StageAssignment>), AppError> {
        let juror = &snap.jurors[j];
        let blind = snap.definition.competition.blind_review;
        let mut entries: Vec<PackageEntry> = snap
            .entries
            .iter()
            .filter(|e| !e.withdrawn && juror.recusal(e).is_none())
            .map(|e| PackageEntry {
                code: e.code.clone(),
                title: e.title.clone(),
                institution: (!blind).then(|| e.institution.clone()),
                category: e.category.clone(),
                rintisan: e.rintisan,
                description: (!e.description.is_empty()).then(|| e.description.clone()),
                documents: Vec::new(),
                links: Vec::new(),
            })
            .collect();
        let mut assignments = Vec::new();
        for (k, stage) in snap.definition.stages.iter().enumerate() {
            if stage.kind != StageKind::Scoring {
                continue;
            }
            let prev = match k {
                0 => None,
                _ => Some(self.results_in(snap, &snap.definition.stages[k - 1].id, None)?),
            };
            let codes: Vec<String> =
                pipeline::pool(&snap.definition, k, &snap.entries, prev.as_ref())
                    .into_iter()
                    .map(|i| &snap.entries[i as usize])
                    .filter(|e| !e.withdrawn && juror.is_assigned(&stage.id, e))
                    .map(|e| e.code.clone())
                    .collect();
            if !codes.is_empty() {
                assignments.push(StageAssignment {
                    stage: stage.id.clone(),
                    entries: codes,
                });
            }
        }
        // The documents and links travel for the entries the juror scores, in any stage.
        let evidence = self.entry_evidence(None)?;
        for entry in entries
            .iter_mut()
            .filter(|e| assignments.iter().any(|a| a.entries.contains(&e.code)))
        {
            if let Some(ev) = evidence.iter().find(|ev| ev.entry == entry.code) {
                entry.documents = ev
                    .documents
                    .iter()
                    .map(|d| PackageDocument {
                        name: d.name.clone(),
                        kind: d.kind.clone(),
                        size: d.size,
                        sha256: d.sha256.clone(),
                    })
                    .collect();
                entry.links = ev.links.clone();
            }
        }
        Ok((entries, assignments))
    }
}

/// Removes the documents file an earlier issue wrote beside `package` for the same juror of the
/// same competition, when the package now names no document: the folder then holds only what
/// this issue made. Any other file of that name is left alone.
fn remove_stale_documents_file(package: &Path, competition_id: &str, juror_id: &str) {
    let beside = documents_file_beside(package);
    let ours = std::fs::File::open(&beside)
        .ok()
        .and_then(|f| DocumentsReader::open(f, &beside.display().to_string()).ok())
        .is_some_and(|r| {
            r.manifest.competition_id == competition_id && r.manifest.juror_id == juror_id
        });
    if ours {
        // A file that cannot be removed is harmless: the juror's laptop reads it only beside a
        // package naming documents, and checks each against that package.
        let _ = std::fs::remove_file(&beside);
    }
}
