//! A chair and a few jurors with deterministic keys, to make verified
//! bundles the only way the crate allows: seal, then open.

#![allow(dead_code)]

use std::collections::BTreeMap;

use juri_bundle::{
    open_bundle, seal_bundle, BundleContent, ChairKeys, EntryNote, JurorSigningKey, ScoreCell,
    Submission, VerifiedBundle,
};
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

pub const COMPETITION: &str = "lomba-inovasi";

pub struct Panel {
    pub chair: ChairKeys,
    pub jurors: BTreeMap<String, JurorSigningKey>,
}

impl Panel {
    pub fn new(seed: u8, jurors: &[&str]) -> Self {
        let mut rng = ChaCha20Rng::from_seed([seed; 32]);
        Self {
            chair: ChairKeys::generate(&mut rng),
            jurors: jurors
                .iter()
                .map(|id| (id.to_string(), JurorSigningKey::generate(&mut rng)))
                .collect(),
        }
    }

    pub fn registered(&self, juror: &str) -> Option<[u8; 32]> {
        self.jurors.get(juror).map(JurorSigningKey::public_key)
    }

    pub fn seal(&self, content: &BundleContent) -> Vec<u8> {
        let key = &self.jurors[&content.juror_id];
        seal_bundle(content, key, &self.chair.public()).expect("valid test content")
    }

    pub fn verified(&self, content: &BundleContent) -> VerifiedBundle {
        open_bundle(&self.seal(content), &self.chair, COMPETITION, |j| {
            self.registered(j)
        })
        .expect("a freshly sealed bundle opens")
    }
}

/// Second `n` of a fixed day, as RFC 3339.
pub fn at(n: u32) -> String {
    format!(
        "2025-11-03T{:02}:{:02}:{:02}+08:00",
        8 + n / 3600,
        (n / 60) % 60,
        n % 60
    )
}

pub fn cell(
    stage: &str,
    entry: &str,
    criterion: &str,
    value: Option<&str>,
    revision: u64,
    time: u32,
) -> ScoreCell {
    ScoreCell {
        stage: stage.into(),
        entry: entry.into(),
        criterion: criterion.into(),
        value: value.map(Into::into),
        comment: String::new(),
        revision,
        updated_at: at(time),
    }
}

pub fn note(stage: &str, entry: &str, text: &str, revision: u64, time: u32) -> EntryNote {
    EntryNote {
        photos: Vec::new(),
        stage: stage.into(),
        entry: entry.into(),
        note: text.into(),
        revision,
        updated_at: at(time),
    }
}

pub fn submission(
    stage: &str,
    entry: &str,
    submitted: bool,
    revision: u64,
    time: u32,
) -> Submission {
    Submission {
        stage: stage.into(),
        entry: entry.into(),
        submitted,
        revision,
        updated_at: at(time),
    }
}

pub fn bundle(juror: &str, sequence: u64, scores: Vec<ScoreCell>) -> BundleContent {
    BundleContent {
        competition_id: COMPETITION.into(),
        juror_id: juror.into(),
        package_version: 1,
        exported_at: at(10_000 + sequence as u32),
        sequence,
        scores,
        notes: Vec::new(),
        submissions: Vec::new(),
    }
}
