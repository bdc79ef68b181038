//! Juror packages (chair → one juror): issuing, opening and unlocking.

use rust_i18n::t;

use crate::content::PackageContent;
use crate::error::{BundleError, FileKind};
use crate::fingerprint::Fingerprint;
use crate::framing::{
    expect_header, open_envelope, sign_envelope, sign_envelope_in, OpenedEnvelope,
};
use crate::keys::{ChairKeys, ChairPublic, JurorSigningKey};
use crate::validate::check_package;
use crate::wire_package_v2;
use crate::wire_v1::PackagePayload;

/// Signs a juror package with the chair's keys and returns the file bytes.
///
/// The same content and keys always give the same bytes. A package whose entries name documents
/// or links is written in format version 2, any other in version 1. Fails with
/// [`BundleError::InvalidContent`] listing every problem in `content`.
pub fn issue_package(content: &PackageContent, chair: &ChairKeys) -> Result<Vec<u8>, BundleError> {
    let public = chair.public();
    check_package(content, &public)?;
    if wire_package_v2::needed_for(content) {
        let payload = wire_package_v2::PackagePayload::from_content(content, &public);
        return sign_envelope_in(
            FileKind::Package,
            wire_package_v2::VERSION,
            &payload,
            chair.signing_key(),
        );
    }
    let payload = PackagePayload::from_content(content, &public);
    sign_envelope(FileKind::Package, &payload, chair.signing_key())
}

/// Opens a juror package and checks its signature against the chair key it
/// names. Whether that is the chair this juror trusts is checked with
/// [`VerifiedPackage::check_update`] against the pinned first package.
pub fn open_package(bytes: &[u8]) -> Result<VerifiedPackage, BundleError> {
    let (content, chair, signer) = match expect_header(bytes, FileKind::Package)?.version {
        wire_package_v2::VERSION => {
            let OpenedEnvelope { payload, signer } =
                open_envelope::<wire_package_v2::PackagePayload>(bytes, FileKind::Package)?;
            let (content, chair) = payload.into_content()?;
            (content, chair, signer)
        }
        _ => {
            let OpenedEnvelope { payload, signer } =
                open_envelope::<PackagePayload>(bytes, FileKind::Package)?;
            let (content, chair) = payload.into_content()?;
            (content, chair, signer)
        }
    };
    if chair.signing_key_bytes().ok() != Some(signer) {
        return Err(BundleError::Corrupt(
            t!("bundle.signed_by_other_chair_key").into_owned(),
        ));
    }
    check_package(&content, &chair)?;
    Ok(VerifiedPackage {
        fingerprint: Fingerprint::of(bytes),
        content,
        chair,
    })
}

/// A juror package whose signature has been verified. Only
/// [`open_package`] makes one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedPackage {
    fingerprint: Fingerprint,
    content: PackageContent,
    chair: ChairPublic,
}

/// What a juror's laptop remembers of the first package it installed, to
/// judge later packages by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackagePin {
    pub competition_id: String,
    pub juror_id: String,
    /// The chair's signing key (base64), trusted on first use.
    pub chair_signing_key: String,
    /// The newest package version installed so far.
    pub package_version: u32,
    /// The fingerprint of the package installed at that version, when known: the same version
    /// may be installed again only with the same content (erratum 4).
    pub fingerprint: Option<Fingerprint>,
}

impl VerifiedPackage {
    /// The package's content.
    pub fn content(&self) -> &PackageContent {
        &self.content
    }

    /// The chair keys that signed the package.
    pub fn chair(&self) -> &ChairPublic {
        &self.chair
    }

    /// SHA-256 of the package file.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// Takes the content out.
    pub fn into_content(self) -> PackageContent {
        self.content
    }

    /// Opens the juror's signing key with the access code the chair printed.
    pub fn unlock(&self, access_code: &str) -> Result<JurorSigningKey, BundleError> {
        self.content.credential.unlock(access_code)
    }

    /// What to remember after installing this package.
    pub fn pin(&self) -> PackagePin {
        PackagePin {
            competition_id: self.content.competition_id.clone(),
            juror_id: self.content.juror.id.clone(),
            chair_signing_key: self.chair.signing_key.clone(),
            package_version: self.content.package_version,
            fingerprint: Some(self.fingerprint),
        }
    }

    /// Checks that this package may replace the installed one: same chair
    /// key, same competition, same juror, and not an older version (the same
    /// version again is allowed with the same content, so re-importing is harmless;
    /// a package is signed deterministically, so the same content is the same file).
    pub fn check_update(&self, installed: &PackagePin) -> Result<(), BundleError> {
        if self.chair.signing_key != installed.chair_signing_key {
            return Err(BundleError::ChairKeyChanged);
        }
        if self.content.competition_id != installed.competition_id {
            return Err(BundleError::WrongCompetition {
                expected: installed.competition_id.clone(),
                found: self.content.competition_id.clone(),
            });
        }
        if self.content.juror.id != installed.juror_id {
            return Err(BundleError::OtherJuror {
                expected: installed.juror_id.clone(),
                found: self.content.juror.id.clone(),
            });
        }
        if self.content.package_version < installed.package_version {
            return Err(BundleError::PackageOutdated {
                installed: installed.package_version,
                found: self.content.package_version,
            });
        }
        if self.content.package_version == installed.package_version {
            if let Some(installed_fingerprint) = installed.fingerprint {
                if installed_fingerprint != self.fingerprint {
                    return Err(BundleError::PackageChanged {
                        version: installed.package_version,
                        installed: installed_fingerprint.short(),
                        found: self.fingerprint.short(),
                    });
                }
            }
        }
        Ok(())
    }
}
