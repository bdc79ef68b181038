//! Any bytes as a juror package: refused with an error, never a panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(p) = juri_bundle::open_package(data) {
        let _ = p.check_update(&p.pin());
    }
    let _ = juri_bundle::inspect(data, None);
});
