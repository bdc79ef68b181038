//! Any bytes as a score bundle for the golden chair: open, inspect and the bulk view alike.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = juri_fuzz::keys();
    let juror = keys.juror_signing.verifying_key().to_bytes();
    let _ = juri_bundle::open_bundle(data, &keys.chair, "lomba-2025", |_| Some(juror));
    let _ = juri_bundle::inspect(data, Some(&keys.chair));
    if let Ok(d) = juri_bundle::DecryptedBundle::decrypt(data, &keys.chair) {
        let _ = d.verify("lomba-2025", |_| Some(vec![juror]));
    }
});
