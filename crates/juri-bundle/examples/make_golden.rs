//! Writes the golden files of format v1 under `tests/golden/v1/`, and the score bundle of format
//! v2 (the same content, keys and juror) under `tests/golden/v2/`.
//!
//! `cargo run -p juri-bundle --example make_golden`
//!
//! The files are byte-stable: the package is deterministic and is rewritten
//! only if it would differ; a bundle is re-encrypted (age draws fresh random
//! keys each time) only if the signed envelope inside it would differ. The
//! test keys are created once, if `keys.json` is missing, and then reused.

#[path = "../tests/support/fixture.rs"]
mod fixture;

use std::error::Error;
use std::fs;
use std::path::Path;

use fixture::*;
use juri_bundle::{
    decrypt_bundle, issue_package, seal_bundle, seal_bundle_v2, ChairKeys, Fingerprint,
    JurorSigningKey,
};
use rand_chacha::rand_core::SeedableRng;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = golden_dir();
    fs::create_dir_all(&dir)?;
    if !dir.join(KEYS_FILE).exists() {
        let keys = Keys::generate(&mut rand_chacha::ChaCha20Rng::from_seed([0x4a; 32]));
        fs::write(dir.join(KEYS_FILE), keys.to_json())?;
        println!("created {KEYS_FILE}");
    }
    let keys = Keys::load(&dir)?;
    let juror = keys.juror();

    write_if_changed(
        &dir.join(PACKAGE_FILE),
        &issue_package(&package_content(&keys), &keys.chair)?,
    )?;
    let bundles: [(&str, &str, &JurorSigningKey, &ChairKeys); 4] = [
        (BUNDLE_FILE, COMPETITION, &juror, &keys.chair),
        (
            OTHER_COMPETITION_FILE,
            OTHER_COMPETITION,
            &juror,
            &keys.chair,
        ),
        (WRONG_KEY_FILE, COMPETITION, &keys.intruder, &keys.chair),
        (OTHER_CHAIR_FILE, COMPETITION, &juror, &keys.other_chair),
    ];
    for (name, competition, signer, chair) in bundles {
        let fresh = seal_bundle(&bundle_content(competition), signer, &chair.public())?;
        let path = dir.join(name);
        let same = fs::read(&path)
            .ok()
            .and_then(|old| decrypt_bundle(&old, chair).ok())
            .is_some_and(|inner| {
                inner == decrypt_bundle(&fresh, chair).expect("fresh bundle decrypts")
            });
        if same {
            println!("kept      {name}");
        } else {
            fs::write(&path, &fresh)?;
            println!("wrote     {name}");
        }
    }

    let mut sums = String::new();
    for name in [
        PACKAGE_FILE,
        BUNDLE_FILE,
        OTHER_COMPETITION_FILE,
        WRONG_KEY_FILE,
        OTHER_CHAIR_FILE,
        KEYS_FILE,
    ] {
        sums.push_str(&format!(
            "{}  {name}\n",
            Fingerprint::of(&fs::read(dir.join(name))?)
        ));
    }
    write_if_changed(&dir.join(SUMS_FILE), sums.as_bytes())?;

    let v2 = golden_v2_dir();
    fs::create_dir_all(&v2)?;
    let (fresh, _) = seal_bundle_v2(&bundle_content(COMPETITION), &juror, &keys.chair.public())?;
    let path = v2.join(BUNDLE_FILE);
    let same = fs::read(&path)
        .ok()
        .and_then(|old| decrypt_bundle(&old, &keys.chair).ok())
        .is_some_and(|inner| inner == decrypt_bundle(&fresh, &keys.chair).expect("decrypts"));
    if same {
        println!("kept      v2/{BUNDLE_FILE}");
    } else {
        fs::write(&path, &fresh)?;
        println!("wrote     v2/{BUNDLE_FILE}");
    }
    // Package version 2: documents and links (signed deterministically).
    write_if_changed(
        &v2.join(PACKAGE_FILE),
        &issue_package(&package_content_v2(&keys), &keys.chair)?,
    )?;
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    if fs::read(path).is_ok_and(|old| old == bytes) {
        println!("kept      {name}");
        return Ok(());
    }
    fs::write(path, bytes)?;
    println!("wrote     {name}");
    Ok(())
}
