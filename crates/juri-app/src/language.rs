//! The language of the messages a person reads: one per run, chosen once by the front end.
//!
//! Every crate keeps its messages in `locales/messages.yml`, each in English and Indonesian; the
//! choice made here applies to all of them. Printed documents choose their own language
//! (`juri print --lang`, the competition's setting), whatever the messages' language.

pub use juri_report::Lang;

/// The environment variable that chooses the language of messages: `id` or `en`.
pub const LANGUAGE_VARIABLE: &str = "JURI_LANG";

/// The language of this run's messages: `JURI_LANG` when it is set, else the system's language
/// (on Linux the first of `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG` that is set; the user's
/// preferred language on macOS and Windows).
/// Indonesian when that names Indonesian (`id`, `id_ID.UTF-8`, `id-ID`, `in`), English otherwise.
pub fn message_language() -> Lang {
    match std::env::var(LANGUAGE_VARIABLE) {
        Ok(v) if !v.trim().is_empty() => language_named(&v),
        _ => sys_locale::get_locale()
            .map(|l| language_named(&l))
            .unwrap_or(Lang::En),
    }
}

/// Indonesian for a locale name that names Indonesian, English for any other.
pub fn language_named(locale: &str) -> Lang {
    let code: String = locale
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    match code.as_str() {
        // `in` is the old ISO 639 code for Indonesian, still reported by some systems.
        "id" | "ind" | "in" | "indonesian" => Lang::Id,
        _ => Lang::En,
    }
}

/// Say every later message in `lang`, in every crate.
pub fn use_message_language(lang: Lang) {
    rust_i18n::set_locale(match lang {
        Lang::Id => "id",
        Lang::En => "en",
    });
}

/// What `f` says, in English whatever the run's language: for words another crate puts in a
/// message that is also stored (an audit line keeps its English words, whoever ran the command).
/// Another thread's message may come out in English while `f` runs.
pub fn in_english<T>(f: impl FnOnce() -> T) -> T {
    static SWITCH: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = SWITCH
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let previous = rust_i18n::locale().to_string();
    if previous == "en" {
        return f();
    }
    rust_i18n::set_locale("en");
    let out = f();
    rust_i18n::set_locale(&previous);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_choose_the_language() {
        for id in [
            "id",
            "ID",
            "id_ID.UTF-8",
            "id-ID",
            "in",
            "ind",
            "Indonesian",
        ] {
            assert_eq!(language_named(id), Lang::Id, "{id}");
        }
        for en in [
            "en",
            "en_US.UTF-8",
            "C",
            "POSIX",
            "C.UTF-8",
            "fr_FR",
            "",
            "idx",
        ] {
            assert_eq!(language_named(en), Lang::En, "{en}");
        }
    }
}
