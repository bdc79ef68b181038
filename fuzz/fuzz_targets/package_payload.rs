//! A fuzzed payload line signed by the golden chair's key as a juror package: the fuzzer gets past
//! the signature to the package's content rules.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.contains(&b'\n') {
        return;
    }
    let keys = juri_fuzz::keys();
    let file = juri_fuzz::envelope("JURI-PACKAGE v1", data, &keys.chair_signing);
    if let Ok(p) = juri_bundle::open_package(&file) {
        let _ = p.check_update(&p.pin());
        let _ = p.content().definition_toml.len();
    }
});
