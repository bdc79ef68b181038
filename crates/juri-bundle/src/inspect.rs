//! `juri verify FILE`: say what a file is and whether it is intact, without
//! needing the competition's records.

use crate::error::{BundleError, FileKind};
use crate::fingerprint::Fingerprint;
use crate::framing::{check_size, read_header};
use crate::keys::ChairKeys;
use crate::package::open_package;
use crate::view::DecryptedBundle;

/// What [`inspect`] found out about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// `None` when the file is not a Juri file.
    pub kind: Option<FileKind>,
    /// The format version named in the header, supported or not.
    pub format_version: Option<u32>,
    pub size: u64,
    /// SHA-256 of the file's bytes.
    pub fingerprint: Fingerprint,
    /// Present when the content could be read.
    pub summary: Option<Summary>,
    pub verdict: Verdict,
}

/// The readable content of a file, in counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    Package {
        competition_id: String,
        package_version: u32,
        issued_at: String,
        juror_id: String,
        juror_name: String,
        /// Fingerprint of the chair's signing key (who signed the package).
        chair_key: Fingerprint,
        entries: usize,
        stages: usize,
        assigned: usize,
    },
    Bundle {
        competition_id: String,
        juror_id: String,
        package_version: u32,
        exported_at: String,
        sequence: u64,
        /// SHA-256 of the signed envelope inside: the same for every encryption of the same
        /// content, and what score sheets print.
        content_fingerprint: Fingerprint,
        /// Fingerprint of the juror key that signed the bundle. Whether it
        /// is that juror's registered key is checked when importing.
        signer_key: Fingerprint,
        scores: usize,
        notes: usize,
        /// Photos on the notes (format version 3), each counted once.
        photos: usize,
        submissions: usize,
        submitted: usize,
    },
}

/// Whether the file is intact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The signature matches the content and the content follows the rules.
    Intact,
    /// A score bundle inspected without the chair's key: it is encrypted,
    /// so only its header was checked.
    Locked,
    /// The file is refused, and why.
    Refused(BundleError),
}

/// Inspects `bytes`. Packages are verified fully; bundles need the chair's
/// keys to be decrypted and verified.
pub fn inspect(bytes: &[u8], chair: Option<&ChairKeys>) -> Inspection {
    let mut inspection = Inspection {
        kind: None,
        format_version: None,
        size: bytes.len() as u64,
        fingerprint: Fingerprint::of(bytes),
        summary: None,
        verdict: Verdict::Intact,
    };
    if let Err(e) = check_size(bytes) {
        inspection.verdict = Verdict::Refused(e);
        return inspection;
    }
    let header = match read_header(bytes) {
        Ok(header) => header,
        Err(e) => {
            inspection.verdict = Verdict::Refused(e);
            return inspection;
        }
    };
    inspection.kind = Some(header.kind);
    inspection.format_version = Some(header.version);
    let verdict = match header.kind {
        FileKind::Package => inspect_package(bytes, &mut inspection.summary),
        FileKind::Bundle => match chair {
            Some(chair) => inspect_bundle(bytes, chair, &mut inspection.summary),
            None => crate::framing::expect_header(bytes, FileKind::Bundle).map(|_| Verdict::Locked),
        },
        // An archive's manifest: its signature (what it lists, `juri audit` checks).
        FileKind::Archive => crate::archive::open_archive_manifest::<serde_json::Value>(bytes)
            .map(|_| Verdict::Intact),
    };
    inspection.verdict = verdict.unwrap_or_else(Verdict::Refused);
    inspection
}

fn inspect_package(bytes: &[u8], summary: &mut Option<Summary>) -> Result<Verdict, BundleError> {
    let package = open_package(bytes)?;
    let content = package.content();
    *summary = Some(Summary::Package {
        competition_id: content.competition_id.clone(),
        package_version: content.package_version,
        issued_at: content.issued_at.clone(),
        juror_id: content.juror.id.clone(),
        juror_name: content.juror.name.clone(),
        chair_key: Fingerprint::of(&package.chair().signing_key_bytes()?),
        entries: content.entries.len(),
        stages: content.assignments.len(),
        assigned: content.assignments.iter().map(|a| a.entries.len()).sum(),
    });
    Ok(Verdict::Intact)
}

fn inspect_bundle(
    bytes: &[u8],
    chair: &ChairKeys,
    summary: &mut Option<Summary>,
) -> Result<Verdict, BundleError> {
    // The borrowing reader: the content is read in place, so inspecting a file costs about twice
    // its size (the file and what it decrypts to), not three or four times.
    let decrypted = DecryptedBundle::decrypt(bytes, chair)?;
    let (view, rules) = decrypted.verify_signature()?;
    *summary = Some(Summary::Bundle {
        competition_id: view.competition_id().to_owned(),
        juror_id: view.juror_id().to_owned(),
        package_version: view.package_version(),
        exported_at: view.exported_at().to_owned(),
        sequence: view.sequence(),
        content_fingerprint: view.content_fingerprint(),
        signer_key: Fingerprint::of(view.signer_key()),
        scores: view.scores().len(),
        notes: view.notes().len(),
        photos: view.photos().len(),
        submissions: view.submissions().len(),
        submitted: view.submissions().iter().filter(|s| s.submitted).count(),
    });
    rules?;
    Ok(Verdict::Intact)
}
