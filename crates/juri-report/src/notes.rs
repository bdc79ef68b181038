//! The wording of the notes printed under a recap or in the minutes. The application says what
//! happened (a tie-break cascade, an advancement rule, a screening outcome, a disqualification);
//! the words, in either language, are chosen here.

use serde::{Deserialize, Serialize};

use crate::decimal::Decimal;
use crate::i18n::{Lang, BLANK};
use crate::model::Scale;

/// One step of a tie-break cascade, named as readers know it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieStep {
    /// The higher score on this criterion (its name).
    Criterion(String),
    /// The higher score in this earlier stage (its name).
    Stage(String),
}

/// The tie-break cascade of a stage in words: "Apabila nilai sama, diurutkan menurut nilai
/// kriteria Kemanfaatan, lalu nilai kriteria Kebaruan."
pub fn tie_break(lang: Lang, steps: &[TieStep]) -> String {
    let step = |s: &TieStep| match (lang, s) {
        (Lang::Id, TieStep::Criterion(name)) => format!("nilai kriteria {name}"),
        (Lang::Id, TieStep::Stage(name)) => format!("nilai tahap {name}"),
        (Lang::En, TieStep::Criterion(name)) => format!("the score on the criterion {name}"),
        (Lang::En, TieStep::Stage(name)) => format!("the score in the stage {name}"),
    };
    let steps: Vec<String> = steps.iter().map(step).collect();
    match lang {
        Lang::Id => format!(
            "Apabila nilai sama, diurutkan menurut {}.",
            steps.join(", lalu ")
        ),
        Lang::En => format!("Equal scores are ordered by {}.", steps.join(", then by ")),
    }
}

/// The advancement rule: the top `n` of each category.
pub fn top_per_category(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Id => format!(
            "{n} inovasi dengan nilai tertinggi di setiap kategori lolos ke tahap berikutnya."
        ),
        Lang::En => {
            format!("The {n} highest-scoring entries of each category go on to the next stage.")
        }
    }
}

/// The advancement rule: the top `n` overall.
pub fn top(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Id => format!(
            "{n} inovasi dengan nilai tertinggi, tanpa sekat kategori, lolos ke tahap berikutnya."
        ),
        Lang::En => {
            format!("The {n} highest-scoring entries, across categories, go on to the next stage.")
        }
    }
}

/// The advancement rule: a score of at least `threshold`.
pub fn threshold(lang: Lang, threshold: &Decimal) -> String {
    let t = threshold.display(lang);
    match lang {
        Lang::Id => format!("Inovasi dengan nilai paling rendah {t} lolos ke tahap berikutnya."),
        Lang::En => format!("Entries scoring at least {t} go on to the next stage."),
    }
}

/// Why the scores carry more than two decimals: two different scores would print alike.
pub fn more_decimals(lang: Lang, decimals: u32) -> String {
    match lang {
        Lang::Id => format!(
            "Nilai ditulis dengan {decimals} angka desimal karena dua nilai yang berbeda akan tampak sama bila dibulatkan ke 2 desimal."
        ),
        Lang::En => format!(
            "Scores are shown with {decimals} decimals because two different scores would look alike rounded to 2."
        ),
    }
}

/// How many entries passed a screening stage.
pub fn screened(lang: Lang, passed: usize, total: usize) -> String {
    match lang {
        Lang::Id => format!("{passed} / {total} lolos"),
        Lang::En => format!("{passed} / {total} passed"),
    }
}

/// How many entries of a screening pass and fail.
pub fn screening_summary(lang: Lang, passed: usize, failed: usize, total: usize) -> String {
    match lang {
        Lang::Id => format!(
            "Jumlah: {total} inovasi diperiksa, {passed} lolos dan {failed} tidak lolos seleksi administrasi."
        ),
        Lang::En => format!(
            "In all: {total} entries screened, {passed} pass and {failed} fail the administrative screening."
        ),
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

/// How a rubric turns a score into its share of the juror's 0–100 total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Conversion {
    /// weight × score ÷ the scale's maximum.
    OfMax,
    /// weight × (score − minimum) ÷ (maximum − minimum).
    Range,
}

/// A rubric's conversion with its scale: what the formula on a document is written from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formula {
    pub conversion: Conversion,
    pub scale: Scale,
}

impl Formula {
    /// Whether the weighted score is counted from the scale's minimum (a `range` rubric on a
    /// scale that does not start at 0); on a scale from 0 both conversions read the same.
    fn counts_from_minimum(&self) -> bool {
        self.conversion == Conversion::Range
            && self
                .scale
                .min
                .as_plain()
                .chars()
                .any(|c| c.is_ascii_digit() && c != '0')
    }

    /// The weighted score of one criterion, in symbols: "bobot × skor ÷ 7" or
    /// "bobot × (skor − 1) ÷ (7 − 1)".
    fn weighted(&self, lang: Lang, weight: &str, score: &str) -> String {
        let (min, max) = (self.scale.min.display(lang), self.scale.max.display(lang));
        if self.counts_from_minimum() {
            format!("{weight} × ({score} − {min}) ÷ ({max} − {min})")
        } else {
            format!("{weight} × {score} ÷ {max}")
        }
    }
}

/// The formula of a juror's total in words, for a sheet or a recap:
/// "Nilai terbobot = bobot × skor ÷ 7 (nilai maksimal skala 1–7); nilai juri (0–100) = jumlah
/// nilai terbobot".
pub fn formula(lang: Lang, f: &Formula) -> String {
    let scale = f.scale.display(lang);
    match lang {
        Lang::Id => {
            let why = if f.counts_from_minimum() {
                format!(
                    "skala {scale} dihitung dari nilai terendahnya, sehingga skor {} bernilai 0",
                    f.scale.min.display(lang)
                )
            } else {
                format!("dibagi nilai maksimal skala {scale}")
            };
            format!(
                "Nilai terbobot = {} ({why}); nilai juri (0–100) = jumlah nilai terbobot.",
                f.weighted(lang, "bobot", "skor")
            )
        }
        Lang::En => {
            let why = if f.counts_from_minimum() {
                format!(
                    "the {scale} scale counted from its lowest score, so a score of {} is worth 0",
                    f.scale.min.display(lang)
                )
            } else {
                format!("divided by the maximum of the {scale} scale")
            };
            format!(
                "Weighted score = {} ({why}); juror total (0–100) = sum of the weighted scores.",
                f.weighted(lang, "weight", "score")
            )
        }
    }
}

/// A worked line under a blank sheet's formula: "Contoh: bobot 30, skor 5 → 30 × 5 ÷ 7 = 21,43".
pub fn worked_example(
    lang: Lang,
    f: &Formula,
    weight: &Decimal,
    score: &Decimal,
    weighted: &Decimal,
) -> String {
    let (w, s) = (weight.display(lang), score.display(lang));
    let label = match lang {
        Lang::Id => ("Contoh", "bobot", "skor"),
        Lang::En => ("Example", "weight", "score"),
    };
    format!(
        "{}: {} {w}, {} {s} → {} = {}",
        label.0,
        label.1,
        label.2,
        f.weighted(lang, &w, &s),
        weighted.display(lang)
    )
}

/// A final's combined score in words: "Nilai akhir = 70 % × Penilaian Proposal + 30 % ×
/// Presentasi dan Wawancara".
pub fn combination(lang: Lang, parts: &[(String, Decimal)]) -> String {
    let sum = parts
        .iter()
        .map(|(stage, weight)| format!("{} % × {stage}", weight.display(lang)))
        .collect::<Vec<_>>()
        .join(" + ");
    match lang {
        Lang::Id => format!("Nilai akhir = {sum}."),
        Lang::En => format!("Final score = {sum}."),
    }
}

/// One stage's formula under a final: "Penilaian Proposal: nilai terbobot = …".
pub fn stage_formula(lang: Lang, stage: &str, f: &Formula) -> String {
    let text = formula(lang, f);
    let mut chars = text.chars();
    let lowered: String = chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{stage}: {lowered}")
}

/// The line under a corrected stage's title: "PERUBAHAN KE-1".
pub fn correction_title(lang: Lang, number: u32) -> String {
    match lang {
        Lang::Id => format!("PERUBAHAN KE-{number}"),
        Lang::En => format!("CORRECTION NO. {number}"),
    }
}

/// The heading of a correction's note.
pub fn correction_heading(lang: Lang, number: u32) -> String {
    match lang {
        Lang::Id => format!("Catatan perubahan (Perubahan ke-{number})"),
        Lang::En => format!("Correction note (Correction no. {number})"),
    }
}

/// Why the stage was decided again.
pub fn correction_reason(lang: Lang, reason: &str) -> String {
    match lang {
        Lang::Id => format!(
            "Berita acara ini mengubah berita acara sebelumnya atas tahap yang sama. Alasan perubahan: {reason}"
        ),
        Lang::En => format!(
            "These minutes correct the earlier minutes of the same stage. Reason for the correction: {reason}"
        ),
    }
}

/// The sentence before the list of changes, or the one that says nothing changed.
pub fn correction_changes(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Id, 0) => "Tidak ada perubahan peringkat, nilai, maupun hasil.".into(),
        (Lang::En, 0) => "No rank, score or outcome changed.".into(),
        (Lang::Id, _) => "Perubahan peringkat, nilai, dan hasil:".into(),
        (Lang::En, _) => "Changes of rank, score and outcome:".into(),
    }
}

/// One entry's change: "A-07: peringkat 2 → 1; nilai 80,00 → 85,00; hasil: tidak lolos → lolos".
pub fn correction_change(lang: Lang, change: &crate::model::EntryChange) -> String {
    let rank = |r: Option<u32>| r.map_or("—".to_string(), |r| r.to_string());
    let score = |s: &Option<Decimal>| s.as_ref().map_or("—".to_string(), |d| d.display(lang));
    let outcome = |o: &crate::model::Outcome| {
        use crate::model::Outcome::*;
        match (lang, o) {
            (Lang::Id, Advances) => "lolos".to_string(),
            (Lang::En, Advances) => "advances".to_string(),
            (Lang::Id, Stays) => "tidak lolos".to_string(),
            (Lang::En, Stays) => "does not advance".to_string(),
            (Lang::Id, Undecided) => "menunggu keputusan".to_string(),
            (Lang::En, Undecided) => "awaiting a decision".to_string(),
            (_, Award(name)) => name.clone(),
            (Lang::Id, Absent) => "tidak dinilai".to_string(),
            (Lang::En, Absent) => "not ranked".to_string(),
        }
    };
    let mut parts = Vec::new();
    if let Some((b, a)) = change.rank {
        parts.push(match lang {
            Lang::Id => format!("peringkat {} → {}", rank(b), rank(a)),
            Lang::En => format!("rank {} → {}", rank(b), rank(a)),
        });
    }
    if let Some((b, a)) = &change.score {
        parts.push(match lang {
            Lang::Id => format!("nilai {} → {}", score(b), score(a)),
            Lang::En => format!("score {} → {}", score(b), score(a)),
        });
    }
    if let Some((b, a)) = &change.outcome {
        parts.push(match lang {
            Lang::Id => format!("hasil: {} → {}", outcome(b), outcome(a)),
            Lang::En => format!("outcome: {} → {}", outcome(b), outcome(a)),
        });
    }
    format!("{}: {}", change.entry, parts.join("; "))
}

/// The sentence before the corrections recorded while the stage was open again, or the one that
/// says there were none.
pub fn corrections_made(lang: Lang, count: usize) -> String {
    match (lang, count) {
        (Lang::Id, 0) => {
            "Tidak ada koreksi lain yang dicatat sejak tahap ini dibuka kembali hingga diputuskan kembali."
                .into()
        }
        (Lang::En, 0) => {
            "No other correction was recorded between the re-opening of this stage and this decision."
                .into()
        }
        (Lang::Id, _) => {
            "Koreksi yang dicatat sejak tahap ini dibuka kembali hingga diputuskan kembali:".into()
        }
        (Lang::En, _) => {
            "Corrections recorded between the re-opening of this stage and this decision:".into()
        }
    }
}

/// One correction recorded while the stage was open again: "15 Desember 2025 pukul 10.00 WITA:
/// nilai kertas J2 untuk E3, kriteria nilai: 82 → 92. Alasan: Lembar asli J2".
pub fn correction_made(lang: Lang, made: &crate::model::CorrectionMade) -> String {
    let when = crate::words::date_time(made.at, &made.time_zone, lang);
    let reason = made.reason.trim();
    let reason = if reason.ends_with(['.', '!', '?']) {
        reason.to_string()
    } else {
        format!("{reason}.")
    };
    match lang {
        Lang::Id => format!("{when}: {}. Alasan: {reason}", corrected(lang, &made.what)),
        Lang::En => format!("{when}: {}. Reason: {reason}", corrected(lang, &made.what)),
    }
}

/// What a correction changed, before → after.
fn corrected(lang: Lang, what: &crate::model::Corrected) -> String {
    use crate::model::Corrected::*;
    let value = |v: &Option<Decimal>| match v {
        Some(d) => d.display(lang),
        None => match lang {
            Lang::Id => "kosong".to_string(),
            Lang::En => "empty".to_string(),
        },
    };
    let juror = |j: &crate::model::JurorRef| {
        if j.name.trim().is_empty() {
            j.id.clone()
        } else {
            format!("{} ({})", j.id, j.name)
        }
    };
    match (lang, what) {
        (
            Lang::Id,
            Score {
                juror,
                entry,
                criterion,
                before,
                after,
            },
        ) => format!(
            "nilai kertas {juror} untuk {entry}, kriteria {criterion}: {} → {}",
            value(before),
            value(after)
        ),
        (
            Lang::En,
            Score {
                juror,
                entry,
                criterion,
                before,
                after,
            },
        ) => format!(
            "paper score of {juror} for {entry}, criterion {criterion}: {} → {}",
            value(before),
            value(after)
        ),
        (Lang::Id, DecisionRevoked { number, decision }) => format!(
            "keputusan no. {number} ({}) dicabut",
            decision_made(lang, decision)
        ),
        (Lang::En, DecisionRevoked { number, decision }) => format!(
            "decision no. {number} ({}) revoked",
            decision_made(lang, decision)
        ),
        (
            Lang::Id,
            DecisionReplaced {
                number,
                decision,
                new_number,
                new_decision,
            },
        ) => format!(
            "keputusan no. {number} ({}) diganti dengan keputusan no. {new_number} ({})",
            decision_made(lang, decision),
            decision_made(lang, new_decision)
        ),
        (
            Lang::En,
            DecisionReplaced {
                number,
                decision,
                new_number,
                new_decision,
            },
        ) => format!(
            "decision no. {number} ({}) replaced with decision no. {new_number} ({})",
            decision_made(lang, decision),
            decision_made(lang, new_decision)
        ),
        (Lang::Id, Withdrawn { entry }) => {
            format!("peserta {entry} ditarik: ikut serta → ditarik")
        }
        (Lang::En, Withdrawn { entry }) => {
            format!("entry {entry} withdrawn: taking part → withdrawn")
        }
        (Lang::Id, Restored { entry }) => {
            format!("peserta {entry} dipulihkan: ditarik → ikut serta")
        }
        (Lang::En, Restored { entry }) => {
            format!("entry {entry} restored: withdrawn → taking part")
        }
        (_, EntryEdited { entry, changes }) => {
            let fields: Vec<String> = changes
                .iter()
                .map(|c| {
                    use crate::model::EntryField::*;
                    let field = match (lang, c.field) {
                        (Lang::Id, Title) => "judul",
                        (Lang::En, Title) => "title",
                        (Lang::Id, Institution) => "instansi",
                        (Lang::En, Institution) => "institution",
                        (Lang::Id, Category) => "kategori",
                        (Lang::En, Category) => "category",
                    };
                    format!("{field} \"{}\" → \"{}\"", c.before, c.after)
                })
                .collect();
            match lang {
                Lang::Id => format!("data peserta {entry} diubah: {}", fields.join("; ")),
                Lang::En => format!("data of entry {entry} edited: {}", fields.join("; ")),
            }
        }
        (
            _,
            JurorReplaced {
                departing,
                replacement,
                kept,
            },
        ) => {
            let sheets = match (lang, kept) {
                (Lang::Id, None) => {
                    format!("lembar penilaian {} tidak lagi dihitung", departing.id)
                }
                (Lang::En, None) => format!("{}'s sheets no longer count", departing.id),
                (Lang::Id, Some(kept)) => format!(
                    "lembar penilaian {} yang telah dikirim tetap dihitung: {}",
                    departing.id,
                    if kept.is_empty() {
                        "tidak ada".to_string()
                    } else {
                        kept.join(", ")
                    }
                ),
                (Lang::En, Some(kept)) => format!(
                    "{}'s submitted sheets still count: {}",
                    departing.id,
                    if kept.is_empty() {
                        "none".to_string()
                    } else {
                        kept.join(", ")
                    }
                ),
            };
            match lang {
                Lang::Id => format!(
                    "juri {} diganti oleh {}; {sheets}",
                    juror(departing),
                    juror(replacement)
                ),
                Lang::En => format!(
                    "juror {} replaced by {}; {sheets}",
                    juror(departing),
                    juror(replacement)
                ),
            }
        }
        (Lang::Id, Reviewed { because }) => {
            format!("tahap ini diperiksa ulang setelah tahap {because} dikoreksi")
        }
        (Lang::En, Reviewed { because }) => {
            format!("this stage re-checked after stage {because} was corrected")
        }
    }
}

/// A decision as a correction names it.
fn decision_made(lang: Lang, d: &crate::model::DecisionMade) -> String {
    use crate::model::DecisionMade::*;
    match (lang, d) {
        (Lang::Id, Tie { entries }) => format!("urutan nilai sama {}", entries.join(" > ")),
        (Lang::En, Tie { entries }) => format!("tie order {}", entries.join(" > ")),
        (Lang::Id, Exception { juror, entry }) => {
            format!("pengecualian lembar {juror}/{entry}")
        }
        (Lang::En, Exception { juror, entry }) => {
            format!("exception for the sheet {juror}/{entry}")
        }
        (Lang::Id, Unscored { entry }) => {
            format!("pengecualian {entry} yang tidak dinilai juri yang dihitung")
        }
        (Lang::En, Unscored { entry }) => {
            format!("exception for {entry}, scored by no counted juror")
        }
        (Lang::Id, Disqualification { entry }) => format!("diskualifikasi {entry}"),
        (Lang::En, Disqualification { entry }) => format!("disqualification of {entry}"),
    }
}

/// The decree (SK) cited in the minutes' opening; what is not given prints as a blank.
pub(crate) struct Decree<'a> {
    pub(crate) issuer: Option<&'a str>,
    pub(crate) number: Option<&'a str>,
    pub(crate) date: Option<chrono::NaiveDate>,
}

impl Decree<'_> {
    /// The number without a leading "Nomor" / "No." the chair may have typed, so the sentence
    /// never says "Nomor" twice; a blank when not given.
    pub(crate) fn number_text(&self) -> String {
        let Some(number) = self.number.map(str::trim).filter(|n| !n.is_empty()) else {
            return BLANK.to_string();
        };
        let lower = number.to_lowercase();
        for prefix in ["nomor", "number", "no."] {
            if lower.starts_with(prefix) {
                let rest = number[prefix.len()..].trim_start_matches([' ', ':', '.']);
                if !rest.is_empty() && rest.len() < number.len() {
                    return rest.trim().to_string();
                }
            }
        }
        number.to_string()
    }
}

impl Decree<'_> {
    /// The decree's date in words, or a dotted blank when not given.
    pub(crate) fn date_text(&self, lang: Lang) -> String {
        self.date
            .map_or(BLANK.to_string(), |d| crate::words::long_date(d, lang))
    }
}

/// What a final's announcement and decree attachment are about: "PENETAPAN PEMENANG {competition}".
pub(crate) fn winners_subject(lang: Lang, competition: &str) -> String {
    match lang {
        Lang::Id => format!("PENETAPAN PEMENANG {}", competition.trim().to_uppercase()),
        Lang::En => format!("THE WINNERS OF {}", competition.trim().to_uppercase()),
    }
}

/// The opening sentence of a final's announcement.
pub(crate) fn announcement_opening(lang: Lang, competition: &str) -> String {
    let competition = competition.trim();
    match lang {
        Lang::Id => format!(
            "Berdasarkan hasil penilaian dan keputusan Tim Penilai {competition}, dengan ini \
             diumumkan inovasi yang ditetapkan sebagai pemenang sebagai berikut:"
        ),
        Lang::En => format!(
            "Following the assessment and decision of the jury panel of {competition}, the \
             innovations below are announced as the winners:"
        ),
    }
}

/// The first line of a decree attachment: "LAMPIRAN KEPUTUSAN GUBERNUR …", or "LAMPIRAN SURAT
/// KEPUTUSAN" without an issuer.
pub(crate) fn attachment_of(lang: Lang, decree: &Decree<'_>) -> String {
    match (lang, decree.issuer) {
        (Lang::Id, Some(issuer)) => format!("LAMPIRAN KEPUTUSAN {}", issuer.trim().to_uppercase()),
        (Lang::Id, None) => "LAMPIRAN SURAT KEPUTUSAN".to_string(),
        (Lang::En, Some(issuer)) => {
            format!(
                "ATTACHMENT TO THE DECREE OF THE {}",
                issuer.trim().to_uppercase()
            )
        }
        (Lang::En, None) => "ATTACHMENT TO THE DECREE".to_string(),
    }
}

/// Where a certificate's award was given: "pada Koin Yanlik Berdasi 2025, kategori Desa".
pub(crate) fn certificate_in(lang: Lang, competition: &str, category: Option<&str>) -> String {
    let competition = competition.trim();
    match (lang, category.map(str::trim).filter(|c| !c.is_empty())) {
        (Lang::Id, Some(category)) => format!("pada {competition}, kategori {category}"),
        (Lang::Id, None) => format!("pada {competition}"),
        (Lang::En, Some(category)) => format!("in {competition}, category {category}"),
        (Lang::En, None) => format!("in {competition}"),
    }
}

/// Second sentence of the minutes, after the date in words.
pub(crate) fn minutes_opening(
    lang: Lang,
    venue: &str,
    competition: &str,
    decree: &Decree<'_>,
    stage: &str,
) -> String {
    let number = decree.number_text();
    let date = decree
        .date
        .map_or(BLANK.to_string(), |d| crate::words::long_date(d, lang));
    match lang {
        Lang::Id => {
            let by = match decree.issuer {
                Some(issuer) => format!("Keputusan {issuer}"),
                None => "Surat Keputusan".to_string(),
            };
            format!(
                ", bertempat di {venue}, Tim Penilai {competition} yang ditetapkan dengan \
                 {by} Nomor {number} tanggal {date} telah melaksanakan rapat penetapan hasil \
                 {stage} dengan susunan Tim Penilai sebagai berikut:"
            )
        }
        Lang::En => {
            let by = match decree.issuer {
                Some(issuer) => format!("the decree of the {issuer}"),
                None => "decree".to_string(),
            };
            format!(
                ", at {venue}, the jury panel of {competition}, appointed by {by} number \
                 {number} dated {date}, met to decide the results of the {stage}, with the \
                 following members:"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decree_is_cited_once_or_left_blank() {
        let date = chrono::NaiveDate::from_ymd_opt(2025, 11, 3);
        let given = Decree {
            issuer: Some("Gubernur Nusa Tenggara Timur"),
            number: Some("Nomor 100.3.3.1/123/2025"),
            date,
        };
        let id = minutes_opening(Lang::Id, "Kupang", "KYB", &given, "Final");
        assert!(id.contains(
            "Keputusan Gubernur Nusa Tenggara Timur Nomor 100.3.3.1/123/2025 tanggal 3 November 2025"
        ));
        assert_eq!(id.matches("Nomor").count(), 1);
        let en = minutes_opening(Lang::En, "Kupang", "KYB", &given, "Final");
        assert!(en.contains("number 100.3.3.1/123/2025 dated 3 November 2025"));
        let blank = Decree {
            issuer: None,
            number: None,
            date: None,
        };
        let id = minutes_opening(Lang::Id, "Kupang", "KYB", &blank, "Final");
        assert!(id.contains(&format!("Surat Keputusan Nomor {BLANK} tanggal {BLANK}")));
        let en = minutes_opening(Lang::En, "Kupang", "KYB", &blank, "Final");
        assert!(en.contains(&format!("decree number {BLANK} dated {BLANK}")));
    }

    fn formula_on(conversion: Conversion, min: &str, max: &str) -> Formula {
        Formula {
            conversion,
            scale: Scale {
                min: min.parse().unwrap(),
                max: max.parse().unwrap(),
            },
        }
    }

    #[test]
    fn formulas_say_how_a_score_becomes_its_share() {
        let of_max = formula_on(Conversion::OfMax, "1", "7");
        assert_eq!(
            formula(Lang::Id, &of_max),
            "Nilai terbobot = bobot × skor ÷ 7 (dibagi nilai maksimal skala 1–7); nilai juri (0–100) = jumlah nilai terbobot."
        );
        let range = formula_on(Conversion::Range, "6.0", "10.0");
        assert_eq!(
            formula(Lang::En, &range),
            "Weighted score = weight × (score − 6.0) ÷ (10.0 − 6.0) (the 6.0–10.0 scale counted from its lowest score, so a score of 6.0 is worth 0); juror total (0–100) = sum of the weighted scores."
        );
        // On a scale from 0 the two conversions are one formula.
        assert_eq!(
            formula(Lang::Id, &formula_on(Conversion::Range, "0", "100")),
            formula(Lang::Id, &formula_on(Conversion::OfMax, "0", "100"))
        );
        let d = |s: &str| -> Decimal { s.parse().unwrap() };
        assert_eq!(
            worked_example(Lang::Id, &of_max, &d("30"), &d("5"), &d("21.43")),
            "Contoh: bobot 30, skor 5 → 30 × 5 ÷ 7 = 21,43"
        );
        assert_eq!(
            combination(
                Lang::Id,
                &[("Proposal".into(), d("70")), ("Presentasi".into(), d("30"))]
            ),
            "Nilai akhir = 70 % × Proposal + 30 % × Presentasi."
        );
        assert!(stage_formula(Lang::En, "Presentation", &of_max)
            .starts_with("Presentation: weighted score = weight × score ÷ 7"));
    }

    #[test]
    fn notes_read_in_the_document_language() {
        let steps = [
            TieStep::Criterion("Kemanfaatan".into()),
            TieStep::Stage("Presentasi".into()),
        ];
        assert_eq!(
            tie_break(Lang::Id, &steps),
            "Apabila nilai sama, diurutkan menurut nilai kriteria Kemanfaatan, lalu nilai tahap Presentasi."
        );
        assert_eq!(
            tie_break(Lang::En, &steps[..1]),
            "Equal scores are ordered by the score on the criterion Kemanfaatan."
        );
        assert_eq!(
            top_per_category(Lang::Id, 5),
            "5 inovasi dengan nilai tertinggi di setiap kategori lolos ke tahap berikutnya."
        );
        assert_eq!(
            top(Lang::En, 10),
            "The 10 highest-scoring entries, across categories, go on to the next stage."
        );
        assert_eq!(screened(Lang::Id, 27, 30), "27 / 30 lolos");
        assert_eq!(screened(Lang::En, 27, 30), "27 / 30 passed");
        assert_eq!(
            disqualified(Lang::En, "A01", "plagiat"),
            "A01: disqualified — plagiat"
        );
        let t: Decimal = "70.5".parse().unwrap();
        assert_eq!(
            threshold(Lang::Id, &t),
            "Inovasi dengan nilai paling rendah 70,5 lolos ke tahap berikutnya."
        );
    }
}
