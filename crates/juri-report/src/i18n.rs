//! Document language and the typed string table: every label exists in both languages, or the
//! crate does not compile.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::ReportError;

/// Language of a document. Indonesian is the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Lang::Id => &ID,
            Lang::En => &EN,
        }
    }

    /// "Halaman 2 dari 5" / "Page 2 of 5".
    pub(crate) fn page_of(self, page: usize, pages: usize) -> String {
        match self {
            Lang::Id => format!("Halaman {page} dari {pages}"),
            Lang::En => format!("Page {page} of {pages}"),
        }
    }

    /// Heading of a juror-column group when a wide recap is split across pages.
    pub(crate) fn juror_columns(self, first: usize, last: usize, total: usize) -> String {
        match self {
            Lang::Id => format!("Kolom juri {first}–{last} dari {total}"),
            Lang::En => format!("Juror columns {first}–{last} of {total}"),
        }
    }

    /// The recap's legend for flagged disagreements; `tolerance` as already displayed.
    pub(crate) fn disagreement_legend(self, tolerance: Option<&str>) -> String {
        match (self, tolerance) {
            (Lang::Id, Some(t)) => {
                format!("selisih nilai antarjuri melebihi toleransi ({t} poin), perlu dibahas")
            }
            (Lang::Id, None) => "selisih nilai antarjuri melebihi toleransi, perlu dibahas".into(),
            (Lang::En, Some(t)) => format!(
                "juror totals differ by more than the tolerance ({t} points); to be discussed"
            ),
            (Lang::En, None) => {
                "juror totals differ by more than the tolerance; to be discussed".into()
            }
        }
    }

    /// The sheet name of the score export.
    pub(crate) fn score_export_sheet(self) -> &'static str {
        match self {
            Lang::Id => "Nilai per kriteria",
            Lang::En => "Scores by criterion",
        }
    }

    /// The sheet name of the nominees export.
    pub(crate) fn nominee_export_sheet(self) -> &'static str {
        match self {
            Lang::Id => "Nominasi",
            Lang::En => "Nominees",
        }
    }

    /// The column headings of the nominees export's sheet.
    pub(crate) fn nominee_export_columns(self) -> [&'static str; 8] {
        match self {
            Lang::Id => [
                "Peringkat",
                "Penghargaan",
                "Urutan",
                "Kode inovasi",
                "Judul inovasi",
                "Instansi",
                "Kategori",
                "Nilai",
            ],
            Lang::En => [
                "Rank",
                "Award",
                "Place",
                "Entry code",
                "Entry title",
                "Institution",
                "Category",
                "Score",
            ],
        }
    }

    /// The column headings of the score export's sheet.
    pub(crate) fn score_export_columns(self) -> [&'static str; 13] {
        match self {
            Lang::Id => [
                "Tahap",
                "Kode inovasi",
                "Judul inovasi",
                "Kategori",
                "Kode juri",
                "Nama juri",
                "Kriteria",
                "Nilai",
                "Revisi",
                "Sumber",
                "Waktu",
                "Komentar",
                "Dihitung",
            ],
            Lang::En => [
                "Stage",
                "Entry code",
                "Entry title",
                "Category",
                "Juror code",
                "Juror name",
                "Criterion",
                "Score",
                "Revision",
                "Source",
                "Time",
                "Comment",
                "Counted",
            ],
        }
    }

    pub(crate) fn trimmed_mean(self, k: u32) -> String {
        match self {
            Lang::Id => {
                format!("rata-rata terpangkas (tanpa {k} nilai tertinggi dan {k} nilai terendah)")
            }
            Lang::En => format!("trimmed mean (dropping the {k} highest and {k} lowest scores)"),
        }
    }
}

/// A dotted blank, to be filled in by hand where a fact was not given.
pub(crate) const BLANK: &str = "....................";

impl FromStr for Lang {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "id" | "ind" | "indonesia" | "bahasa" => Ok(Lang::Id),
            "en" | "eng" | "english" => Ok(Lang::En),
            _ => Err(ReportError::InvalidInput(vec![crate::error::Problem::new(
                "lang",
                rust_i18n::t!("report.unknown_language", lang = format!("{s:?}")),
            )])),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Id => "id",
            Lang::En => "en",
        })
    }
}

/// Every fixed piece of text the documents print.
pub(crate) struct Labels {
    pub continued: &'static str,
    pub competition: &'static str,
    pub stage: &'static str,
    pub category: &'static str,
    pub entry_code: &'static str,
    pub entry_title: &'static str,
    pub institution: &'static str,
    pub juror: &'static str,
    pub juror_name: &'static str,
    pub no: &'static str,
    pub code: &'static str,
    pub name: &'static str,
    pub not_scored: &'static str,
    // Score sheets, blank and filled.
    pub sheet_title: &'static str,
    pub blank_sheet_title: &'static str,
    pub blank_instruction: &'static str,
    pub blind_review: &'static str,
    pub criterion: &'static str,
    pub weight: &'static str,
    pub scale: &'static str,
    pub score: &'static str,
    pub weighted: &'static str,
    pub levels: &'static str,
    pub comment: &'static str,
    pub general_note: &'static str,
    /// "Field photos" above the thumbnails of the photos on the juror's note.
    pub field_photos: &'static str,
    pub total: &'static str,
    pub submitted_at: &'static str,
    pub not_submitted: &'static str,
    pub fingerprint: &'static str,
    pub paper_source: &'static str,
    pub draft_source: &'static str,
    pub draft_not_exported: &'static str,
    pub draft_changed: &'static str,
    pub declaration: &'static str,
    pub juror_signature: &'static str,
    // Recap.
    pub recap_title: &'static str,
    pub rank: &'static str,
    pub entry: &'static str,
    pub aggregate: &'static str,
    pub remarks: &'static str,
    pub method: &'static str,
    pub method_mean: &'static str,
    pub method_median: &'static str,
    pub method_zscore: &'static str,
    pub agreement: &'static str,
    pub alpha: &'static str,
    pub kendall_w: &'static str,
    pub not_computable: &'static str,
    pub legend: &'static str,
    pub legend_tie: &'static str,
    pub legend_advances: &'static str,
    pub legend_awarded: &'static str,
    pub legend_award_place: &'static str,
    pub award: &'static str,
    pub award_place: &'static str,
    pub components_exact: &'static str,
    pub legend_recused: &'static str,
    pub legend_not_scored: &'static str,
    pub legend_not_assigned: &'static str,
    pub jurors: &'static str,
    pub tie: &'static str,
    pub advances: &'static str,
    pub disagreement: &'static str,
    // Minutes.
    pub minutes_title: &'static str,
    /// Under the title of minutes of a stage not finalised yet.
    pub draft_minutes: &'static str,
    /// Under the title of a recap of a stage not finalised yet.
    pub provisional_recap: &'static str,
    pub number: &'static str,
    pub panel_role: &'static str,
    pub affiliation: &'static str,
    pub role_chair: &'static str,
    pub role_vice_chair: &'static str,
    pub role_secretary: &'static str,
    pub role_member: &'static str,
    pub signing_chair: &'static str,
    pub decision_intro: &'static str,
    pub decisions_heading: &'static str,
    pub decision_tie: &'static str,
    pub decision_exception: &'static str,
    pub reason: &'static str,
    pub recusals_heading: &'static str,
    pub none: &'static str,
    // Minutes of a screening stage.
    pub screening_intro: &'static str,
    pub checklist_heading: &'static str,
    pub checklist_legend: &'static str,
    pub check_met: &'static str,
    pub check_not_met: &'static str,
    pub check_not_applicable: &'static str,
    pub result: &'static str,
    pub screening_passed: &'static str,
    pub screening_failed: &'static str,
    pub screening_pending: &'static str,
    pub legend_not_recorded: &'static str,
    pub closing: &'static str,
    pub panel_signatures: &'static str,
    pub acknowledged: &'static str,
    // Conflicts of interest.
    pub recusal_title: &'static str,
    pub recusal_empty: &'static str,
    // A decided final: announcement, decree attachment, certificates.
    pub announcement_title: &'static str,
    pub announcement_closing: &'static str,
    pub about: &'static str,
    pub date_label: &'static str,
    pub attachment_title: &'static str,
    pub certificate_title: &'static str,
    pub presented_to: &'static str,
    pub for_innovation: &'static str,
    pub as_tier: &'static str,
}

const ID: Labels = Labels {
    continued: "(lanjutan)",
    competition: "Kompetisi",
    stage: "Tahap",
    category: "Kategori",
    entry_code: "Kode Inovasi",
    entry_title: "Judul Inovasi",
    institution: "Instansi",
    juror: "Juri",
    juror_name: "Nama Juri",
    no: "No.",
    code: "Kode",
    name: "Nama",
    not_scored: "–",
    sheet_title: "LEMBAR PENILAIAN JURI",
    blank_sheet_title: "LEMBAR PENILAIAN JURI (KOSONG)",
    blank_instruction:
        "Tuliskan nilai setiap kriteria di dalam kotak, sesuai skala kriteria tersebut.",
    blind_review: "Penilaian tertutup: identitas instansi tidak ditampilkan.",
    criterion: "Kriteria",
    weight: "Bobot",
    scale: "Skala",
    score: "Nilai",
    weighted: "Nilai Terbobot",
    levels: "Deskripsi tingkat",
    comment: "Catatan",
    general_note: "Catatan umum",
    field_photos: "Foto lapangan",
    total: "Total Nilai (0–100)",
    submitted_at: "Waktu pengiriman",
    not_submitted: "belum dikirim (draf)",
    fingerprint: "Sidik bundel",
    paper_source: "Sumber nilai: lembar penilaian kertas",
    draft_source: "Sumber nilai: laptop juri (draf)",
    draft_not_exported: "belum dikirim sebagai bundel nilai",
    draft_changed: "diubah setelah bundel",
    declaration: "Dengan ini saya menyatakan bahwa penilaian di atas saya berikan secara jujur, \
                  objektif, dan tanpa konflik kepentingan.",
    juror_signature: "Juri,",
    recap_title: "REKAPITULASI NILAI",
    rank: "Peringkat",
    entry: "Inovasi",
    aggregate: "Nilai Akhir",
    remarks: "Ket.",
    method: "Metode agregasi",
    method_mean: "rata-rata",
    method_median: "median",
    method_zscore: "normalisasi skor-z per juri",
    agreement: "Kesepakatan antarjuri",
    alpha: "α Krippendorff",
    kendall_w: "W Kendall",
    not_computable: "tidak dapat dihitung",
    legend: "Keterangan",
    legend_tie: "nilai seri yang tidak terurai oleh aturan pemecah seri (lihat berita acara)",
    legend_advances: "lolos ke tahap berikutnya",
    legend_awarded: "menerima penghargaan (lihat berita acara)",
    legend_award_place: "urutan di dalam penghargaan itu, dihitung di antara inovasi \
                         yang bersaing untuknya, bukan peringkat keseluruhan",
    award: "Penghargaan",
    award_place: "Urutan",
    components_exact: "Nilai akhir dihitung dari nilai setiap tahap yang tepat, sebelum dibulatkan: \
                       dihitung ulang dari nilai tahap yang tertulis di atas, hasilnya dapat berbeda \
                       pada angka desimal terakhir.",
    legend_recused: "juri tidak menilai karena konflik kepentingan",
    legend_not_scored: "belum dinilai",
    legend_not_assigned: "(kosong) juri tidak ditugaskan menilai inovasi ini",
    jurors: "Juri",
    tie: "Seri",
    advances: "Lolos",
    disagreement: "Perlu dibahas",
    minutes_title: "BERITA ACARA",
    draft_minutes: "RANCANGAN — tahap ini belum ditetapkan; belum untuk ditandatangani",
    provisional_recap: "SEMENTARA — tahap ini belum ditetapkan; nilai dan peringkat masih dapat berubah",
    number: "Nomor",
    panel_role: "Jabatan dalam Tim",
    affiliation: "Unsur / Instansi",
    role_chair: "Ketua",
    role_vice_chair: "Wakil Ketua",
    role_secretary: "Sekretaris",
    role_member: "Anggota",
    signing_chair: "Ketua Tim Penilai,",
    decision_intro:
        "Setelah meneliti dan membahas seluruh hasil penilaian, Tim Penilai menetapkan \
                     hasil sebagai berikut:",
    decisions_heading: "Keputusan atas nilai seri dan pengecualian",
    decision_tie: "Nilai seri",
    decision_exception: "Pengecualian",
    reason: "Alasan",
    recusals_heading: "Konflik kepentingan",
    none: "Tidak ada.",
    screening_intro: "Setelah memeriksa kelengkapan berkas dan persyaratan administrasi setiap \
                      inovasi, Tim Penilai menetapkan hasil sebagai berikut:",
    checklist_heading: "Butir pemeriksaan",
    checklist_legend: "✓ terpenuhi, – tidak terpenuhi, t.b. tidak berlaku bagi inovasi tersebut.",
    check_met: "✓",
    check_not_met: "–",
    check_not_applicable: "t.b.",
    result: "Hasil",
    screening_passed: "Lolos",
    screening_failed: "Tidak lolos",
    screening_pending: "Belum diperiksa",
    legend_not_recorded:
        "Kolom butir yang kosong: butir pemeriksaan inovasi tersebut tidak dicatat.",
    closing: "Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana \
              mestinya.",
    panel_signatures: "Tim Penilai:",
    acknowledged: "Mengetahui,",
    recusal_title: "DAFTAR KONFLIK KEPENTINGAN",
    recusal_empty: "Tidak ada konflik kepentingan yang tercatat.",
    announcement_title: "PENGUMUMAN",
    announcement_closing:
        "Demikian pengumuman ini disampaikan untuk diketahui sebagaimana mestinya.",
    about: "Tentang",
    date_label: "Tanggal",
    attachment_title: "DAFTAR PEMENANG",
    certificate_title: "PIAGAM PENGHARGAAN",
    presented_to: "diberikan kepada",
    for_innovation: "atas inovasi",
    as_tier: "sebagai",
};

const EN: Labels = Labels {
    continued: "(continued)",
    competition: "Competition",
    stage: "Stage",
    category: "Category",
    entry_code: "Entry code",
    entry_title: "Innovation title",
    institution: "Institution",
    juror: "Juror",
    juror_name: "Juror name",
    no: "No.",
    code: "Code",
    name: "Name",
    not_scored: "–",
    sheet_title: "JUROR SCORE SHEET",
    blank_sheet_title: "JUROR SCORE SHEET (BLANK)",
    blank_instruction: "Write each criterion's score in its box, within that criterion's scale.",
    blind_review: "Blind review: the institution is not shown.",
    criterion: "Criterion",
    weight: "Weight",
    scale: "Scale",
    score: "Score",
    weighted: "Weighted score",
    levels: "Level descriptors",
    comment: "Comments",
    general_note: "General note",
    field_photos: "Field photos",
    total: "Total score (0–100)",
    submitted_at: "Submitted at",
    not_submitted: "not submitted (draft)",
    fingerprint: "Bundle fingerprint",
    paper_source: "Source: paper score sheet",
    draft_source: "Source: the juror's laptop (draft)",
    draft_not_exported: "not yet exported as a score bundle",
    draft_changed: "changed after bundle",
    declaration: "I declare that I gave the scores above honestly, objectively and without any \
                  conflict of interest.",
    juror_signature: "Juror,",
    recap_title: "SCORE RECAPITULATION",
    rank: "Rank",
    entry: "Innovation",
    aggregate: "Final score",
    remarks: "Notes",
    method: "Aggregation method",
    method_mean: "mean",
    method_median: "median",
    method_zscore: "per-juror z-score normalisation",
    agreement: "Inter-rater agreement",
    alpha: "Krippendorff's α",
    kendall_w: "Kendall's W",
    not_computable: "not computable",
    legend: "Legend",
    legend_tie: "tie not broken by the tie-break rules (see the minutes)",
    legend_advances: "advances to the next stage",
    legend_awarded: "receives an award (see the minutes)",
    legend_award_place: "place within that award, counted among the innovations competing \
                         for it, not the overall rank",
    award: "Award",
    award_place: "Place",
    components_exact:
        "The final score is computed from each stage's exact score, before rounding: \
                       recomputed from the stage scores printed above, it may differ in the last \
                       decimal.",
    legend_recused: "juror recused (conflict of interest)",
    legend_not_scored: "not scored yet",
    legend_not_assigned: "(empty) juror not assigned to this innovation",
    jurors: "Jurors",
    tie: "Tie",
    advances: "Advances",
    disagreement: "To discuss",
    minutes_title: "MINUTES",
    draft_minutes: "DRAFT — this stage is not finalised yet; not for signature",
    provisional_recap:
        "PROVISIONAL — this stage is not finalised yet; scores and ranks may still change",
    number: "Number",
    panel_role: "Role on the panel",
    affiliation: "Constituency / institution",
    role_chair: "Chair",
    role_vice_chair: "Vice-chair",
    role_secretary: "Secretary",
    role_member: "Member",
    signing_chair: "Chair of the jury panel,",
    decision_intro: "Having examined and discussed all scores, the jury panel decided the results \
                     as follows:",
    decisions_heading: "Decisions on ties and exceptions",
    decision_tie: "Tie",
    decision_exception: "Exception",
    reason: "Reason",
    recusals_heading: "Conflicts of interest",
    none: "None.",
    screening_intro: "Having checked every entry's documents against the administrative \
                      requirements, the jury panel decided the results as follows:",
    checklist_heading: "Checklist items",
    checklist_legend: "✓ met, – not met, n/a does not apply to the entry.",
    check_met: "✓",
    check_not_met: "–",
    check_not_applicable: "n/a",
    result: "Result",
    screening_passed: "Passes",
    screening_failed: "Fails",
    screening_pending: "Not yet screened",
    legend_not_recorded: "Blank item columns: the entry's checklist items were not recorded.",
    closing: "These minutes were drawn up truthfully, to be used as appropriate.",
    panel_signatures: "The jury panel:",
    acknowledged: "Acknowledged,",
    recusal_title: "CONFLICTS OF INTEREST",
    recusal_empty: "No conflict of interest was recorded.",
    announcement_title: "ANNOUNCEMENT",
    announcement_closing: "This announcement is made for the information of all concerned.",
    about: "On",
    date_label: "Date",
    attachment_title: "LIST OF WINNERS",
    certificate_title: "CERTIFICATE OF AWARD",
    presented_to: "presented to",
    for_innovation: "for the innovation",
    as_tier: "as",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_parse() {
        assert_eq!("ID".parse::<Lang>().unwrap(), Lang::Id);
        assert_eq!(" en ".parse::<Lang>().unwrap(), Lang::En);
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::Id);
        assert_eq!(Lang::En.to_string(), "en");
    }

    #[test]
    fn parameterised_labels() {
        assert_eq!(Lang::Id.page_of(1, 3), "Halaman 1 dari 3");
        assert_eq!(Lang::En.page_of(1, 3), "Page 1 of 3");
        let t: crate::decimal::Decimal = "15.00".parse().unwrap();
        assert!(Lang::Id
            .disagreement_legend(Some(&t.display(Lang::Id)))
            .contains("15,00 poin"));
        assert!(Lang::En.trimmed_mean(1).contains("1 highest"));
    }
}
