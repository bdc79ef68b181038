//! Juror packages and score bundles: the two files that travel between the
//! chair and the jurors, their keys and signatures, and the pure merge plan.
//!
//! The crate owns:
//! - **keys**: [`ChairKeys`] (Ed25519 signing key + age X25519 identity),
//!   [`JurorSigningKey`], the [`JurorCredential`] the chair keeps per juror
//!   and the [`AccessCode`] that unseals it;
//! - the **juror package** (chair → one juror): [`issue_package`],
//!   [`open_package`] → [`VerifiedPackage`];
//! - the **score bundle** (juror → chair): [`seal_bundle`], [`open_bundle`]
//!   → [`VerifiedBundle`], and [`inspect`] for `juri verify FILE`;
//! - the **merge plan**: one planner, [`MergePlan`], pure over a lookup of
//!   the chair's records ([`ChairRecords`]; [`RecordMap`] in memory, the
//!   chair's database in the application), asking only for the keys the
//!   bundles touch; [`Record`]'s join rules and the chair's decisions on
//!   conflicts ([`Record::decide`], [`Record::resolve`]).
//!
//! *Architecture invariant*: this crate knows nothing of the competition
//! model, the database, the clock or the filesystem. Callers pass bytes in
//! and get bytes out; times are RFC 3339 strings; randomness comes from a
//! caller-supplied [`rand_core::CryptoRng`] (age draws its own salts and
//! ephemeral keys from the operating system). Merge input comes from
//! verified bundles: [`VerifiedBundle::records`], or [`BundleView`] for bulk
//! imports; only [`open_bundle`] and [`DecryptedBundle::verify`] make them.
//!
//! The formats, the canonical signed bytes and the merge rules are specified
//! in `docs/formats.md`; the golden files of format version 1 live in
//! `tests/golden/v1/` and must open forever.
//!
//! ```
//! use juri_bundle::*;
//! # use rand_chacha::rand_core::SeedableRng;
//! # fn main() -> Result<(), BundleError> {
//! # let mut rng = rand_chacha::ChaCha20Rng::from_seed([1; 32]);
//! // The chair: keys, and a credential + access code for juror J01.
//! let chair = ChairKeys::generate(&mut rng);
//! let (credential, code) = JurorCredential::generate(&mut rng);
//! let package = issue_package(
//!     &PackageContent {
//!         competition_id: "lomba-2025".into(),
//!         package_version: 1,
//!         issued_at: "2025-10-01T09:00:00+08:00".into(),
//!         definition_toml: String::new(),
//!         entries: vec![],
//!         assignments: vec![],
//!         juror: JurorIdentity {
//!             id: "J01".into(),
//!             name: "Juri Satu".into(),
//!             affiliation: "Universitas".into(),
//!             role: "akademisi".into(),
//!         },
//!         credential: credential.clone(),
//!     },
//!     &chair,
//! )?;
//!
//! // The juror: open the package, unlock the key, export a bundle.
//! let package = open_package(&package)?;
//! let key = package.unlock(&code.to_string())?;
//! let bundle = seal_bundle(
//!     &BundleContent {
//!         competition_id: "lomba-2025".into(),
//!         juror_id: "J01".into(),
//!         package_version: 1,
//!         exported_at: "2025-10-02T17:00:00+08:00".into(),
//!         sequence: 1,
//!         scores: vec![ScoreCell {
//!             stage: "proposal".into(),
//!             entry: "A01".into(),
//!             criterion: "kebaruan".into(),
//!             value: Some("8.5".into()),
//!             comment: String::new(),
//!             revision: 1,
//!             updated_at: "2025-10-02T16:59:00+08:00".into(),
//!         }],
//!         notes: vec![],
//!         submissions: vec![],
//!     },
//!     &key,
//!     package.chair(),
//! )?;
//!
//! // The chair: verify, preview, apply.
//! let verified = open_bundle(&bundle, &chair, "lomba-2025", |juror| {
//!     (juror == "J01").then_some(credential.public_key)
//! })?;
//! let records: RecordMap<ScoreKey, EntryKey, ScoreContent> = RecordMap::default();
//! let mut plan: MergePlan<ScoreKey, EntryKey, ScoreContent> = MergePlan::new();
//! let Ok(counts) = plan.absorb(verified.records(), &records);
//! assert_eq!(counts.new, 1);
//! let Ok(current) = plan.is_current(&records);
//! assert!(current);
//! let changes = plan.into_changes();
//! assert!(!changes.scores[0].after.has_open_conflict());
//! # Ok(())
//! # }
//! ```

// Messages in Indonesian and English, from `locales/messages.yml`; the run's language is set once
// by the front end (`juri_app::use_message_language`), English when none is set.
rust_i18n::i18n!("locales", fallback = "en");

mod archive;
mod bundle;
mod content;
mod error;
mod fingerprint;
mod framing;
mod inspect;
mod keys;
mod merge;
mod package;
mod validate;
mod view;
mod wire_package_v2;
mod wire_v1;
mod wire_v2;

pub use archive::{
    open_archive_manifest, open_evidence, publish_bundle, sign_archive_manifest, to_base64,
    to_canonical_json, Evidence, PublishedBundle, ARCHIVE_FORMAT_VERSION,
};
pub use bundle::{
    decrypt_bundle, open_bundle, seal_bundle, seal_bundle_fingerprinted, seal_bundle_v2,
    seal_bundle_with_photos, PhotoRef, VerifiedBundle,
};
pub use content::{
    BundleContent, EntryNote, JurorIdentity, NotePhoto, PackageContent, PackageDocument,
    PackageEntry, PhotoBytes, ScoreCell, StageAssignment, Submission,
};
pub use error::{BundleError, FileKind};
pub use fingerprint::Fingerprint;
pub use framing::{
    BUNDLE_FORMAT_VERSIONS, DOCUMENT_KINDS, FORMAT_VERSION, MAX_BUNDLE_PHOTO_BYTES,
    MAX_COMMENT_BYTES, MAX_DOCUMENTS_PER_ENTRY, MAX_DOCUMENT_BYTES, MAX_FILE_SIZE,
    MAX_LINKS_PER_ENTRY, MAX_LINK_BYTES, MAX_NOTE_BYTES, MAX_PHOTOS_PER_NOTE, MAX_PHOTO_BYTES,
    MAX_PHOTO_SIDE, PACKAGE_FORMAT_VERSIONS,
};
pub use inspect::{inspect, Inspection, Summary, Verdict};
pub use keys::{
    AccessCode, ChairKeys, ChairPublic, JurorCredential, JurorSigningKey, CHAIR_WORK_FACTOR,
    CHAIR_WORK_FACTORS,
};
pub use merge::{
    BundleRecords, ChairDecision, ChairRecords, Change, Changes, EntryKey, Incoming, KeyedPlan,
    MergePlan, NoteContent, Outcome, PlanCounts, Record, RecordMap, Rival, ScoreContent, ScoreKey,
    Version,
};
pub use package::{issue_package, open_package, PackagePin, VerifiedPackage};
pub use rand_core;
pub use validate::{is_file_name, is_location, is_sha256_hex, is_web_link};
pub use view::{BundleView, DecryptedBundle, EntryNoteRef, ScoreCellRef, SubmissionRef};
