//! Juri's use cases: everything the chair and the juror do, called alike by the `juri` command
//! and the desktop app, so both front ends agree by construction.
//!
//! Architecture invariant: no argument parsing, no printing, no Tauri. Scoring lives in
//! `juri-core`, SQL in `juri-store`; this crate orchestrates them, reads the files people bring
//! (CSV, XLSX), and turns every failure into an [`AppError`] with a stable code for the UI.

// Messages in Indonesian and English, from `locales/messages.yml`; the run's language is set once
// by the front end (`juri_app::use_message_language`), English when none is set.
rust_i18n::i18n!("locales", fallback = "en");

mod chair;
mod definition;
mod demo;
mod error;
mod files;
mod juror;
mod keychain;
mod language;
mod paperwork;
mod publish;
mod refusal;
mod roundtrip;

pub use chair::*;
pub use definition::definition_from_json;
pub use demo::create_demo;
pub use error::{AppError, Blocker, ErrorCode, Hint, RowProblem};
pub use files::{juri_file_kind, read_juri_file, write_atomically, JuriFile};
pub use juri_bundle::is_web_link;
pub use juri_core as core;
pub use juri_store::{AuditFilter, AuditRow};
pub use juror::*;
pub use keychain::{Keychain, KEYCHAIN_SERVICE, KEYCHAIN_VARIABLE};
pub use language::{
    in_english, language_named, message_language, use_message_language, Lang, LANGUAGE_VARIABLE,
};
pub use paperwork::{
    DocumentKind, ExportContent, ExportFormat, OfficialCopy, PrintRequest, Printed,
};
pub use publish::{audit_archive, AuditReport, Privacy, PublishChoices, PublishReport};
pub use refusal::Refusal;
pub use roundtrip::*;

/// The current time as RFC 3339, or `JURI_NOW` when set (for reproducible tests and documents).
/// The only place Juri reads the clock.
#[allow(clippy::disallowed_methods)]
pub fn now() -> String {
    match std::env::var("JURI_NOW") {
        Ok(v) if !v.is_empty() => v,
        _ => chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
    }
}

/// Today's date in a competition's time zone, from [`now`].
pub(crate) fn today_in(zone: juri_core::zone::Tz) -> chrono::NaiveDate {
    chrono::DateTime::parse_from_rfc3339(&now())
        .map(|d| d.with_timezone(&zone).date_naive())
        .unwrap_or_else(|_| today())
}

/// A stored time (RFC 3339) as the clock on the wall in `zone` showed it.
pub fn local_time(at: &str, zone: juri_core::zone::Tz) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|d| d.with_timezone(&zone).naive_local())
}

/// A stored time (RFC 3339) for people: "2025-12-15 09:00 WITA" in the competition's zone; the
/// text as stored when it is not a time.
pub fn shown_time(at: &str, zone: juri_core::zone::Tz) -> String {
    match local_time(at, zone) {
        Some(t) => format!(
            "{} {}",
            t.format("%Y-%m-%d %H:%M"),
            juri_core::zone::zone_label(zone)
        ),
        None => at.to_string(),
    }
}

/// Today's date, from [`now`].
pub(crate) fn today() -> chrono::NaiveDate {
    let now = now();
    chrono::DateTime::parse_from_rfc3339(&now)
        .map(|d| d.date_naive())
        .or_else(|_| chrono::NaiveDate::parse_from_str(now.get(..10).unwrap_or(""), "%Y-%m-%d"))
        .unwrap_or_default()
}
