//! The demo competition: Koin Yanlik Berdasi 2025 style, five categories, four stages, forty
//! entries and five jurors with partial scores, so a newcomer sees every screen working. The
//! jurors' scores arrive as they would in a real competition: in signed, encrypted score bundles
//! the chair merges.

use std::path::Path;

use juri_core::model::{Assignment, Conflict, ConflictTarget, Decision, Entry, Juror, Screening};
use juri_core::templates;

mod people;

use people::{ENTRIES, JURORS, KOP_ADDRESS, KOP_LINES, LOGO, NIPS, WITNESS};

use juri_bundle::{
    seal_bundle_v2, BundleContent, ChairKeys, EntryNote, JurorCredential, JurorSigningKey,
    ScoreCell, Submission,
};
use rand_chacha::rand_core::SeedableRng;

use crate::chair::Chair;
use crate::error::AppError;
use crate::roundtrip::CodeChoice;

/// splitmix64: a tiny deterministic generator, so the demo is the same on every machine.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
}

/// Creates the demo competition at `path`.
pub fn create_demo(path: &Path) -> Result<Chair, AppError> {
    let text = templates::template("koin-yanlik-berdasi").unwrap_or_default();
    let mut chair = Chair::init(path, text)?;
    let entries: Vec<Entry> = ENTRIES
        .iter()
        .map(|(cat, code, title, inst, rintisan)| Entry {
            code: code.to_string(),
            title: title.to_string(),
            institution: inst.to_string(),
            category: cat.to_string(),
            rintisan: *rintisan,
            description: format!("{title}: inovasi pelayanan publik dari {inst}."),
            withdrawn: false,
        })
        .collect();
    let jurors: Vec<Juror> = JURORS
        .iter()
        .map(|(id, name, aff, role, cats)| Juror {
            id: id.to_string(),
            name: name.to_string(),
            affiliation: aff.to_string(),
            role: *role,
            assignments: [
                (
                    "proposal".to_string(),
                    Assignment::Categories(cats.iter().map(|c| c.to_string()).collect()),
                ),
                ("presentasi".to_string(), Assignment::All),
            ]
            .into_iter()
            .collect(),
            conflicts: if *id == "J3" {
                vec![Conflict {
                    target: ConflictTarget::Institution("UPTD Puskesmas Maumere".into()),
                    reason: "Suami bertugas di UPTD tersebut".into(),
                }]
            } else {
                vec![]
            },
            active: true,
        })
        .collect();
    let now = crate::now();
    chair.db.write(|tx| -> Result<(), AppError> {
        tx.upsert_entries(&entries)?;
        tx.upsert_jurors(&jurors)?;
        tx.audit(&now, "demo", "demo competition: 40 entries, 5 jurors")?;
        // Document settings: the organiser's kop with its logo, the Mengetahui signer and the
        // NIPs. The decree is left unset: the minutes print a blank for it.
        tx.set_document_settings(&juri_store::DocumentSettingsRow {
            kop_lines: KOP_LINES.iter().map(|l| l.to_string()).collect(),
            address_lines: KOP_ADDRESS.iter().map(|l| l.to_string()).collect(),
            logo: Some(LOGO.to_vec()),
            witness_title: WITNESS.0.to_string(),
            witness_name: WITNESS.1.to_string(),
            witness_nip: WITNESS.2.to_string(),
            ..Default::default()
        })?;
        for (code, nip) in NIPS {
            if let Some(row) = tx.juror_row(code)? {
                tx.set_juror_nip(row, nip)?;
            }
        }
        tx.audit(
            &now,
            "demo",
            "demo document settings: kop, logo, Mengetahui signer, NIPs",
        )?;
        Ok(())
    })?;

    // Stage 1: administration — three entries fail, each on the checklist item its reason
    // names; every other entry meets every item that applies to it ("setahun" is not checked
    // for rintisan entries).
    let fails = [
        ("KAB-08", "ADM-1", "berkas"),
        ("SEK-08", "ADM-2", "setahun"),
        ("DES-08", "ADM-4", "tepat-waktu"),
    ];
    let (_, _, definition) = chair.definition()?;
    let screening = definition
        .stage("administrasi")
        .ok_or_else(|| AppError::UnknownStage("administrasi".into()))?;
    let records: Vec<Screening> = entries
        .iter()
        .map(|e| {
            let f = fails.iter().find(|f| f.0 == e.code);
            Screening {
                entry: e.code.clone(),
                passed: f.is_none(),
                reasons: f.map(|f| vec![f.1.to_string()]).unwrap_or_default(),
                note: String::new(),
                met: Some(
                    screening
                        .checklist_for(&e.category, e.rintisan)
                        .into_iter()
                        .filter(|i| f.is_none_or(|f| f.2 != i.id))
                        .map(|i| i.id.clone())
                        .collect(),
                ),
            }
        })
        .collect();
    chair.screen("administrasi", &records)?;
    chair.finalize("administrasi")?;

    // The jurors' packages: recorded (written nowhere), each with a juror key drawn from a fixed
    // seed, so the demo's signatures and fingerprints are the same on every machine. The chair's
    // keys are kept in clear until the chair chooses a passphrase.
    let chair_keys = chair.make_demo_chair_keys()?;
    let mut key_rng = rand_chacha::ChaCha20Rng::seed_from_u64(2025);
    let competition = chair.snapshot()?.definition.competition.id.clone();
    let mut panel = Vec::new();
    for juror in &jurors {
        let issued = chair.issue_package_from(
            &juror.id,
            CodeChoice::Same,
            crate::roundtrip::DocumentsChoice::New,
            None,
            &mut key_rng,
        )?;
        let code = issued.access_code.as_deref().unwrap_or_default();
        let stored = {
            let tx = chair.db.read();
            let row = tx.juror_row(&juror.id)?;
            row.map(|row| tx.current_juror_key(row))
                .transpose()?
                .flatten()
                .ok_or_else(|| AppError::Internal(format!("juror {} has no key", juror.id)))?
        };
        let credential = JurorCredential {
            public_key: stored.public_key.as_slice().try_into().map_err(|_| {
                AppError::Internal(format!("the key of juror {} is damaged", juror.id))
            })?,
            sealed_secret: stored.sealed_secret,
        };
        let key = credential
            .unlock(code)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        panel.push(DemoJuror {
            key,
            content: BundleContent {
                competition_id: competition.clone(),
                juror_id: juror.id.clone(),
                package_version: issued.version,
                exported_at: String::new(),
                sequence: 0,
                scores: Vec::new(),
                notes: Vec::new(),
                submissions: Vec::new(),
            },
            sent: 0,
        });
    }
    let bundles = tempfile::tempdir().map_err(|e| AppError::Internal(e.to_string()))?;

    // Stage 2: proposals — every assigned sheet scored and submitted, sent as each juror's
    // first bundle.
    let mut rng = Rng(2025);
    let quality: Vec<i64> = entries.iter().map(|_| rng.range(55, 92)).collect();
    let bias = [0_i64, -4, 2, -7, 6];
    score_stage(
        &chair,
        &mut panel,
        "proposal",
        &quality,
        &bias,
        &mut rng,
        |_, _| true,
    )?;
    send_bundles(&mut chair, &mut panel, &chair_keys, bundles.path())?;
    settle_ties(&mut chair, "proposal")?;
    chair.finalize("proposal")?;

    // Stage 3: presentations — partial: J1 and J2 done, J3 has drafts, J4 half, J5 not started.
    score_stage(
        &chair,
        &mut panel,
        "presentasi",
        &quality,
        &bias,
        &mut rng,
        |j, n| match j {
            0 | 1 => true,
            2 => n % 3 != 0,
            3 => n % 2 == 0,
            _ => false,
        },
    )?;
    send_bundles(&mut chair, &mut panel, &chair_keys, bundles.path())?;

    // The demo's jurors have no laptops: their keys are retired, so the first package the chair
    // issues gives each juror a new key and an access code to type.
    let now = crate::now();
    chair.db.write(|tx| -> Result<(), AppError> {
        for juror in &jurors {
            if let Some(row) = tx.juror_row(&juror.id)? {
                tx.retire_juror_keys(row, &now, Some(DEMO_KEYS_RETIRED))?;
            }
        }
        tx.audit(
            &now,
            "demo",
            &format!("demo jurors' keys retired ({DEMO_KEYS_RETIRED})"),
        )?;
        Ok(())
    })?;
    chair.lock_chair_keys();
    Ok(chair)
}

/// Why the demo's juror keys are retired, as the key history says.
const DEMO_KEYS_RETIRED: &str =
    "demo keys: the first package gives the juror a new key and access code";

/// A demo juror: the key their package carries and everything they scored so far.
struct DemoJuror {
    key: JurorSigningKey,
    content: BundleContent,
    /// How many cells and submissions the last bundle carried.
    sent: usize,
}

/// Scores a stage for every assigned pair that `take(juror index, pair number)` selects, into
/// the jurors' states. Sheets of J3 in the presentation stage stay drafts (not submitted).
fn score_stage(
    chair: &Chair,
    panel: &mut [DemoJuror],
    stage: &str,
    quality: &[i64],
    bias: &[i64],
    rng: &mut Rng,
    take: impl Fn(usize, usize) -> bool,
) -> Result<(), AppError> {
    let snap = chair.snapshot()?;
    let st = snap.stage(stage)?.clone();
    let status = chair.status_in(&snap, stage)?;
    let scale = st
        .rubric
        .as_ref()
        .map(|r| r.scale)
        .ok_or_else(|| AppError::Damaged(format!("stage '{stage}' has no rubric")))?;
    let now = crate::now();
    let mut n = 0;
    for (e_row, code) in status.entries.iter().enumerate() {
        let ei = snap.entry_index(code).unwrap_or(0);
        for (jc, jid_code) in status.jurors.iter().enumerate() {
            if status.matrix[e_row][jc].is_none() {
                continue;
            }
            let ji = snap.juror_index(jid_code).unwrap_or(0);
            n += 1;
            if !take(ji, n) {
                continue;
            }
            let content = &mut panel[ji].content;
            for c in st.criteria() {
                let base = quality[ei] + bias[ji] + rng.range(-8, 8);
                let v = if scale.max.raw() <= 10_000 {
                    // 1–7 style scale: map 40..100 onto min..max.
                    let span = (scale.max.raw() - scale.min.raw()) / 1000;
                    (scale.min.raw() / 1000 + ((base - 40).clamp(0, 60) * span + 30) / 60)
                        .clamp(scale.min.raw() / 1000, scale.max.raw() / 1000)
                } else {
                    base.clamp(0, 100)
                };
                let comment = if rng.range(0, 5) == 0 {
                    "Perlu data pembanding sebelum dan sesudah inovasi.".to_string()
                } else {
                    String::new()
                };
                content.scores.push(ScoreCell {
                    stage: stage.to_string(),
                    entry: code.clone(),
                    criterion: c.id.clone(),
                    value: Some(v.to_string()),
                    comment,
                    revision: 1,
                    updated_at: now.clone(),
                });
            }
            let draft = stage == "presentasi" && ji == 2;
            content.submissions.push(Submission {
                stage: stage.to_string(),
                entry: code.clone(),
                submitted: !draft,
                revision: 1,
                updated_at: now.clone(),
            });
            if ji == 0 && stage == "presentasi" {
                content.notes.push(EntryNote {
                    photos: Vec::new(),
                    stage: stage.to_string(),
                    entry: code.clone(),
                    note: "Verifikasi lapangan: layanan berjalan, warga yang ditemui membenarkan manfaatnya.".into(),
                    revision: 1,
                    updated_at: now.clone(),
                });
            }
        }
    }
    Ok(())
}

/// Each juror whose state changed since their last bundle exports one (format version 2, signed
/// with the juror's key, encrypted to the chair) into `dir`, and the chair merges them all.
fn send_bundles(
    chair: &mut Chair,
    panel: &mut [DemoJuror],
    chair_keys: &ChairKeys,
    dir: &Path,
) -> Result<(), AppError> {
    let now = crate::now();
    let mut files = Vec::new();
    for juror in panel.iter_mut() {
        let sent = juror.content.scores.len() + juror.content.submissions.len();
        if sent == juror.sent {
            continue;
        }
        juror.sent = sent;
        let content = &mut juror.content;
        content.sequence += 1;
        content.exported_at = now.clone();
        let (bytes, _) = seal_bundle_v2(content, &juror.key, &chair_keys.public())
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let file = dir.join(format!(
            "{}-{}-{}.juri",
            content.competition_id, content.juror_id, content.sequence
        ));
        std::fs::write(&file, bytes).map_err(|e| AppError::io(&file, e))?;
        files.push(file);
    }
    let report = chair.merge(&files, false, None)?;
    if report.rejected > 0 || report.accepted != files.len() {
        return Err(AppError::Internal(format!(
            "the demo's bundles did not merge: {:?}",
            report.bundles
        )));
    }
    Ok(())
}

/// Records a plenary decision for any tie left at the cut, so the stage can be finalised.
fn settle_ties(chair: &mut Chair, stage: &str) -> Result<(), AppError> {
    let res = chair.results(stage, None)?;
    for group in res
        .unresolved_ties
        .iter()
        .filter(|g| g.iter().any(|c| res.undecided.contains(c)))
    {
        chair.decide(Decision::TieOrder {
            stage: stage.into(),
            entries: group.clone(),
            reason: "Diputuskan dalam rapat pleno berdasarkan hasil verifikasi lapangan".into(),
        })?;
    }
    Ok(())
}
