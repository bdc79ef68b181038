//! The wording of the notes printed under a recap or in the minutes. The application says what
//! happened (a tie-break cascade, an advancement rule, a screening outcome, a disqualification);
//! the words, in either language, are chosen here.

use crate::decimal::Decimal;
use crate::i18n::Lang;

/// "Tie-break: a → b": the cascade of a stage, each step as the definition names it.
pub fn tie_break(lang: Lang, steps: &[String]) -> String {
    let label = match lang {
        Lang::Id | Lang::En => "Tie-break",
    };
    format!("{label}: {}", steps.join(" → "))
}

/// The advancement rule: the top `n` of each category.
pub fn top_per_category(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Id => format!("Top {n} / kategori"),
        Lang::En => format!("Top {n} / category"),
    }
}

/// The advancement rule: the top `n` overall.
pub fn top(_lang: Lang, n: u32) -> String {
    format!("Top {n}")
}

/// The advancement rule: a score of at least `threshold`.
pub fn threshold(lang: Lang, threshold: &Decimal) -> String {
    format!("≥ {}", threshold.display(lang))
}

/// How many entries passed a screening stage.
pub fn screened(lang: Lang, passed: usize, total: usize) -> String {
    match lang {
        Lang::Id => format!("{passed} / {total} lolos"),
        Lang::En => format!("{passed} / {total} passed"),
    }
}

/// One entry that failed screening, with its reasons ("code label").
pub fn screening_failure(_lang: Lang, entry: &str, title: &str, reasons: &[String]) -> String {
    format!("{entry} — {title}: {}", reasons.join("; "))
}

/// A recorded disqualification and its reason.
pub fn disqualified(lang: Lang, entry: &str, reason: &str) -> String {
    match lang {
        Lang::Id => format!("{entry}: didiskualifikasi — {reason}"),
        Lang::En => format!("{entry}: disqualified — {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_read_in_the_document_language() {
        assert_eq!(
            tie_break(Lang::Id, &["criterion:a".into(), "stage:b".into()]),
            "Tie-break: criterion:a → stage:b"
        );
        assert_eq!(top_per_category(Lang::Id, 5), "Top 5 / kategori");
        assert_eq!(top_per_category(Lang::En, 5), "Top 5 / category");
        assert_eq!(screened(Lang::Id, 27, 30), "27 / 30 lolos");
        assert_eq!(screened(Lang::En, 27, 30), "27 / 30 passed");
        assert_eq!(
            disqualified(Lang::En, "A01", "plagiat"),
            "A01: disqualified — plagiat"
        );
        let t: Decimal = "70.5".parse().unwrap();
        assert_eq!(threshold(Lang::Id, &t), "≥ 70,5");
    }
}
