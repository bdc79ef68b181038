//! Rebuilds the crate when its message catalogue changes: `rust_i18n::i18n!` reads
//! `locales/messages.yml` at compile time but does not tell Cargo so.
fn main() {
    println!("cargo:rerun-if-changed=locales");
}
