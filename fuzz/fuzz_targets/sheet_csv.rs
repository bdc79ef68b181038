//! Any bytes as a CSV sheet: read into rows or refused with a message, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = juri_fuzz::file_with(data, "csv");
    let _ = juri_app::Table::read(&path);
});
