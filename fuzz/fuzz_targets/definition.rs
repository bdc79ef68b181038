//! Any text as a competition definition: every problem listed, never a panic; a definition that
//! validates also comes back whole from the JSON the desktop app sends.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(def) = juri_core::Definition::from_toml(text) {
            let value = serde_json::to_value(&def).unwrap();
            let again = juri_app::definition_from_json(value);
            assert!(again.is_ok(), "{again:?}");
        }
    }
});
