//! The fixed test keys and content behind the golden files of format v1.
//! Shared by `examples/make_golden.rs` (which writes the files) and the
//! tests (which check that the files still open and match).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use juri_bundle::{
    AccessCode, BundleContent, ChairKeys, EntryNote, JurorCredential, JurorIdentity,
    JurorSigningKey, PackageContent, PackageEntry, ScoreCell, StageAssignment, Submission,
};

pub const COMPETITION: &str = "koin-yanlik-berdasi-2025";
pub const OTHER_COMPETITION: &str = "koin-yanlik-berdasi-2024";
pub const JUROR: &str = "J02";

/// The golden files, by name, in the order they are listed in `SHA256SUMS`.
pub const PACKAGE_FILE: &str = "package.juri-package";
pub const BUNDLE_FILE: &str = "bundle.juri-bundle";
pub const OTHER_COMPETITION_FILE: &str = "bundle-other-competition.juri-bundle";
pub const WRONG_KEY_FILE: &str = "bundle-wrong-key.juri-bundle";
pub const OTHER_CHAIR_FILE: &str = "bundle-other-chair.juri-bundle";
pub const KEYS_FILE: &str = "keys.json";
pub const SUMS_FILE: &str = "SHA256SUMS";

/// The golden score bundle of format v2 (the v1 keys and content, sealed in v2).
pub fn golden_v2_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v2")
}

pub fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v1")
}

/// The test keys. Committed beside the golden files; never use them for
/// anything real.
pub struct Keys {
    pub chair: ChairKeys,
    pub other_chair: ChairKeys,
    pub access_code: String,
    pub credential: JurorCredential,
    /// A juror key that is not J02's registered key.
    pub intruder: JurorSigningKey,
}

impl Keys {
    pub fn load(dir: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(dir.join(KEYS_FILE)).map_err(|e| e.to_string())?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let field = |name: &str| -> Result<String, String> {
            json[name]
                .as_str()
                .map(str::to_owned)
                .ok_or(format!("keys.json lacks `{name}`"))
        };
        let bytes = |name: &str| -> Result<Vec<u8>, String> {
            BASE64
                .decode(field(name)?)
                .map_err(|e| format!("{name}: {e}"))
        };
        let public_key: [u8; 32] = bytes("juror_public_key")?
            .try_into()
            .map_err(|_| "juror_public_key is not 32 bytes".to_string())?;
        Ok(Self {
            chair: ChairKeys::from_secret_string(&field("chair_secret")?)
                .map_err(|e| e.to_string())?,
            other_chair: ChairKeys::from_secret_string(&field("other_chair_secret")?)
                .map_err(|e| e.to_string())?,
            access_code: field("access_code")?,
            credential: JurorCredential {
                public_key,
                sealed_secret: bytes("juror_sealed_secret")?,
            },
            intruder: JurorSigningKey::from_secret_string(&field("intruder_secret")?)
                .map_err(|e| e.to_string())?,
        })
    }

    /// Fresh keys from `rng` (sealing the juror key draws its salt from the
    /// operating system, so this is done once and the result committed).
    pub fn generate<R: juri_bundle::rand_core::CryptoRng>(rng: &mut R) -> Self {
        let chair = ChairKeys::generate(rng);
        let other_chair = ChairKeys::generate(rng);
        let juror = JurorSigningKey::generate(rng);
        let code = AccessCode::generate(rng);
        let intruder = JurorSigningKey::generate(rng);
        Self {
            chair,
            other_chair,
            access_code: code.to_string(),
            credential: JurorCredential::seal(&juror, &code),
            intruder,
        }
    }

    pub fn to_json(&self) -> String {
        let json = serde_json::json!({
            "note": "Test keys of the golden files. Public on purpose: never use them for a real competition.",
            "chair_secret": self.chair.to_secret_string(),
            "other_chair_secret": self.other_chair.to_secret_string(),
            "access_code": self.access_code,
            "juror_public_key": BASE64.encode(self.credential.public_key),
            "juror_sealed_secret": BASE64.encode(&self.credential.sealed_secret),
            "intruder_secret": self.intruder.to_secret_string(),
        });
        serde_json::to_string_pretty(&json).expect("JSON") + "\n"
    }

    /// J02's signing key, opened with the access code.
    pub fn juror(&self) -> JurorSigningKey {
        self.credential
            .unlock(&self.access_code)
            .expect("the committed access code opens the committed juror key")
    }

    /// The chair's registry of juror keys.
    pub fn registered(&self, juror: &str) -> Option<[u8; 32]> {
        (juror == JUROR).then_some(self.credential.public_key)
    }
}

fn s(text: &str) -> String {
    text.to_owned()
}

pub fn package_content(keys: &Keys) -> PackageContent {
    let entry =
        |code: &str, title: &str, institution: Option<&str>, category: &str, rintisan: bool| {
            PackageEntry {
                code: s(code),
                title: s(title),
                institution: institution.map(s),
                category: s(category),
                rintisan,
                description: Some(format!(
                    "Ringkasan inovasi {code}.\nBaris kedua: \"kutipan\" & tab\t."
                )),
                documents: Vec::new(),
                links: Vec::new(),
            }
        };
    PackageContent {
        competition_id: s(COMPETITION),
        package_version: 2,
        issued_at: s("2025-10-01T09:00:00+08:00"),
        definition_toml: s("[competition]\nid = \"koin-yanlik-berdasi-2025\"\nname = \"Koin Yanlik Berdasi 2025\"\n"),
        entries: vec![
            entry("PD-01", "Layanan Perizinan Keliling", Some("Dinas PMPTSP Provinsi NTT"), "perangkat-daerah-provinsi", false),
            entry("DS-07", "Posyandu Digital Desa Oelnasi", None, "desa-kelurahan", true),
            entry("SK-03", "Rapor Anak Berbasis Pesan Singkat", Some("SMA Negeri 1 Kupang"), "sekolah", false),
        ],
        assignments: vec![
            StageAssignment {
                stage: s("proposal"),
                entries: vec![s("PD-01"), s("DS-07"), s("SK-03")],
            },
            StageAssignment {
                stage: s("presentasi"),
                entries: vec![s("DS-07")],
            },
        ],
        juror: JurorIdentity {
            id: s(JUROR),
            name: s("Dr. Maria Yosefina Kewa"),
            affiliation: s("Universitas Nusa Cendana"),
            role: s("akademisi"),
        },
        credential: keys.credential.clone(),
    }
}

pub fn bundle_content(competition: &str) -> BundleContent {
    let score = |stage: &str,
                 entry: &str,
                 criterion: &str,
                 value: Option<&str>,
                 comment: &str,
                 revision: u64,
                 at: &str| {
        ScoreCell {
            stage: s(stage),
            entry: s(entry),
            criterion: s(criterion),
            value: value.map(s),
            comment: s(comment),
            revision,
            updated_at: s(at),
        }
    };
    BundleContent {
        competition_id: s(competition),
        juror_id: s(JUROR),
        package_version: 2,
        exported_at: s("2025-10-14T16:45:00+08:00"),
        sequence: 3,
        scores: vec![
            score(
                "proposal",
                "PD-01",
                "kebaruan",
                Some("8.5"),
                "Ide baru untuk NTT",
                4,
                "2025-10-12T10:00:00+08:00",
            ),
            score(
                "proposal",
                "PD-01",
                "kemanfaatan",
                Some("7"),
                "",
                1,
                "2025-10-12T10:02:00+08:00",
            ),
            score(
                "proposal",
                "DS-07",
                "kebaruan",
                None,
                "Dikosongkan — tunggu verifikasi",
                2,
                "2025-10-13T08:30:00+08:00",
            ),
            score(
                "proposal",
                "DS-07",
                "kemanfaatan",
                Some("9.25"),
                "Sangat bermanfaat bagi ibu & balita",
                3,
                "2025-10-13T08:31:00+08:00",
            ),
            score(
                "proposal",
                "SK-03",
                "kebaruan",
                Some("6"),
                "",
                1,
                "2025-10-13T09:00:00+08:00",
            ),
            score(
                "presentasi",
                "DS-07",
                "penguasaan-materi",
                Some("90"),
                "Presentasi jelas",
                1,
                "2025-10-14T14:00:00+08:00",
            ),
        ],
        notes: vec![EntryNote {
            photos: Vec::new(),
            stage: s("presentasi"),
            entry: s("DS-07"),
            note: s("Kunjungan lapangan:\n- kader hadir 12 orang\n- sinyal lemah, aplikasi luring"),
            revision: 2,
            updated_at: s("2025-10-14T15:10:00+08:00"),
        }],
        submissions: vec![
            Submission {
                stage: s("proposal"),
                entry: s("PD-01"),
                submitted: true,
                revision: 1,
                updated_at: s("2025-10-12T10:05:00+08:00"),
            },
            Submission {
                stage: s("proposal"),
                entry: s("DS-07"),
                submitted: false,
                revision: 2,
                updated_at: s("2025-10-13T08:40:00+08:00"),
            },
        ],
    }
}

/// [`package_content`] with documents and links on its first entry: a version 2 package.
pub fn package_content_v2(keys: &Keys) -> PackageContent {
    let mut content = package_content(keys);
    let first = &mut content.entries[0];
    first.documents = vec![
        juri_bundle::PackageDocument {
            name: s("proposal.pdf"),
            kind: s("pdf"),
            size: 1234,
            sha256: s("3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7"),
        },
        juri_bundle::PackageDocument {
            name: s("foto lokasi.jpg"),
            kind: s("image"),
            size: 98765,
            sha256: s("0000000000000000000000000000000000000000000000000000000000000001"),
        },
    ];
    first.links = vec![s("https://www.youtube.com/watch?v=abc")];
    content
}
