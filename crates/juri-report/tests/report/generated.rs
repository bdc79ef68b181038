//! View models built in code for sizes no hand-written fixture reaches.

use chrono::NaiveDate;
use juri_report::{
    AggregationMethod, Decimal, EntryInfo, Juror, JurorScore, PanelMember, PanelRole, RecapAward,
    RecapComponent, RecapRow, RecapTable,
};

const WORDS: [&str; 16] = [
    "Layanan",
    "Terpadu",
    "Digital",
    "Desa",
    "Sehat",
    "Pangan",
    "Lokal",
    "Kelor",
    "Posyandu",
    "Sekolah",
    "Ramah",
    "Disabilitas",
    "Administrasi",
    "Kependudukan",
    "Berbasis",
    "Masyarakat",
];

const NAMES: [&str; 8] = [
    "Maria Goreti Ndolu",
    "José Ximenes da Costa",
    "Gérard Müller-Nuñez",
    "Antónia Soares Bélo",
    "Yohanes Bosco Lelangwayan",
    "Siti Rahmawati Ba'i",
    "Darius Beda Daton",
    "Łucja Kowalczyk-Nggadas",
];

/// Entry code of row `i` (1-based): `E-001` …
pub fn code(i: usize) -> String {
    format!("E-{i:03}")
}

/// A recap of `entries` entries scored by `jurors` jurors; deterministic, with ties,
/// recusals, missing and unassigned cells, and titles from one to six lines long.
pub fn recap(entries: usize, jurors: usize) -> RecapTable {
    let jurors_list: Vec<Juror> = (1..=jurors)
        .map(|j| Juror {
            code: format!("J{j}"),
            name: format!("Dr. {} {j}", NAMES[j % NAMES.len()]),
        })
        .collect();
    let rows = (1..=entries)
        .map(|i| {
            let title_words = 3 + (i * 7) % 40;
            let title: Vec<&str> = (0..title_words)
                .map(|k| WORDS[(i + k * 3) % WORDS.len()])
                .collect();
            let scores = (0..jurors)
                .map(|j| match (i + j) % 17 {
                    0 => JurorScore::Recused,
                    5 => JurorScore::NotAssigned,
                    9 if i > entries - 3 => JurorScore::NotScored,
                    _ => JurorScore::Score(juror_score(i, j)),
                })
                .collect();
            let tied = i == 4 || i == 5;
            RecapRow {
                rank: Some(if i == 5 { 4 } else { i as u32 }),
                tied,
                entry: EntryInfo {
                    code: code(i),
                    title: format!("{} {}", title.join(" "), i),
                    institution: Some(format!("Pemerintah Desa Nomor {i}, Kabupaten Kupang")),
                    category: None,
                },
                scores,
                aggregate: Some(Decimal::from_scaled(9500 - (i as i64) * 97, 2)),
                advances: i <= 5,
                disagreement: i % 6 == 0,
                components: vec![],
                award: None,
            }
        })
        .collect();
    RecapTable {
        provisional: false,
        kop: None,
        competition: "Kompetisi Inovasi Pelayanan Publik 2025".into(),
        stage: "Penilaian Proposal".into(),
        category: Some("Desa/Kelurahan".into()),
        method: AggregationMethod::Mean,
        awards: false,
        jurors: jurors_list,
        components: vec![],
        rows,
        krippendorff_alpha: Some("0.688".parse().expect("decimal")),
        kendall_w: None,
        disagreement_tolerance: Some("15.00".parse().expect("decimal")),
        notes: vec![],
        place: "Kupang".into(),
        date: NaiveDate::from_ymd_opt(2025, 12, 15).expect("date"),
        signatory: Some(PanelMember {
            name: "Prof. Dr. Maria Goreti Ndolu, M.Pd.".into(),
            role: PanelRole::Chair,
            affiliation: None,
            id_number: None,
        }),
    }
}

/// The total juror `j` (0-based) gave entry `i` (1-based) in [`recap`].
pub fn juror_score(i: usize, j: usize) -> Decimal {
    Decimal::from_scaled(6000 + ((i * 131 + j * 577) % 3900) as i64, 2)
}

const CATEGORIES: [&str; 5] = [
    "Perangkat Daerah Provinsi",
    "Perangkat Daerah Kabupaten/Kota",
    "UPT/UPTD",
    "Sekolah",
    "Desa/Kelurahan",
];

/// A final's recap of `entries` entries across categories: two stages combined 70/30, Top 10
/// then Top 20 over the regular entries and a rintisan award over every third entry, numbered
/// within their tiers; the last entry has no presentation score.
pub fn final_recap(entries: usize) -> RecapTable {
    let mut regular = 0;
    let mut rintisan = 0;
    let rows = (1..=entries)
        .map(|i| {
            let proposal = Decimal::from_scaled(9400 - (i as i64) * 71, 2);
            let presentation =
                (i < entries).then(|| Decimal::from_scaled(8800 - (i as i64) * 53, 2));
            let award = if i % 3 == 0 {
                rintisan += 1;
                (rintisan <= 3).then(|| RecapAward {
                    name: "Inovasi Rintisan Terbaik".into(),
                    place: Some(rintisan),
                })
            } else {
                regular += 1;
                match regular {
                    1..=10 => Some(RecapAward {
                        name: "Top 10 Inovasi Terbaik".into(),
                        place: Some(regular),
                    }),
                    11..=20 => Some(RecapAward {
                        name: "Top 20 Inovasi".into(),
                        place: Some(regular),
                    }),
                    _ => None,
                }
            };
            RecapRow {
                rank: presentation.is_some().then_some(i as u32),
                tied: false,
                entry: EntryInfo {
                    code: code(i),
                    title: format!("Layanan {} {} {i}", WORDS[i % 16], WORDS[(i * 5) % 16]),
                    institution: Some(format!("Dinas Kesehatan Kabupaten Nomor {i}")),
                    category: Some(CATEGORIES[i % CATEGORIES.len()].into()),
                },
                scores: vec![],
                aggregate: presentation.as_ref().map(|p| {
                    Decimal::from_scaled(
                        (proposal.to_f64() * 70.0 + p.to_f64() * 30.0).round() as i64,
                        2,
                    )
                }),
                advances: award.is_some(),
                disagreement: false,
                components: vec![Some(proposal), presentation],
                award,
            }
        })
        .collect();
    RecapTable {
        provisional: false,
        stage: "Penetapan Final".into(),
        category: None,
        awards: true,
        jurors: vec![],
        components: vec![
            RecapComponent {
                name: "Penilaian Proposal".into(),
                weight: "70".parse().expect("decimal"),
            },
            RecapComponent {
                name: "Presentasi dan Wawancara".into(),
                weight: "30".parse().expect("decimal"),
            },
        ],
        rows,
        krippendorff_alpha: None,
        disagreement_tolerance: None,
        ..recap(1, 1)
    }
}
