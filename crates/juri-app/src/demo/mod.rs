//! The demo competition: Koin Yanlik Berdasi 2025 style, five categories, four stages, forty
//! entries and five jurors with partial scores, so a newcomer sees every screen working.

use std::path::Path;

use juri_core::model::{Assignment, Conflict, ConflictTarget, Decision, Entry, Juror, Screening};
use juri_core::templates;
use juri_store::PairRow;

mod people;

use people::{ENTRIES, JURORS, KOP_ADDRESS, KOP_LINES, LOGO, NIPS, WITNESS};

use crate::chair::Chair;
use crate::error::AppError;

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

    // Stage 2: proposals — every assigned sheet scored and submitted.
    let mut rng = Rng(2025);
    let quality: Vec<i64> = entries.iter().map(|_| rng.range(55, 92)).collect();
    let bias = [0_i64, -4, 2, -7, 6];
    score_stage(&mut chair, "proposal", &quality, &bias, &mut rng, |_, _| {
        true
    })?;
    settle_ties(&mut chair, "proposal")?;
    chair.finalize("proposal")?;

    // Stage 3: presentations — partial: J1 and J2 done, J3 has drafts, J4 half, J5 not started.
    score_stage(
        &mut chair,
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
    Ok(chair)
}

/// Scores a stage for every assigned pair that `take(juror index, pair number)` selects. Sheets
/// of J3 in the presentation stage stay drafts (not submitted).
fn score_stage(
    chair: &mut Chair,
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
    let stage_ref = snap.stage_ref(stage)?;
    let sid = snap.row(stage_ref);
    chair.db.write(|tx| -> Result<(), AppError> {
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
                let (eid, jid) = (snap.entry_ids[ei], snap.juror_ids[ji]);
                for c in st.criteria() {
                    let base = quality[ei] + bias[ji] + rng.range(-8, 8);
                    let v = if scale.max.raw() <= 10_000 {
                        // 1–7 style scale: map 40..100 onto min..max.
                        let span = (scale.max.raw() - scale.min.raw()) / 1000;
                        (scale.min.raw() / 1000 + ((base - 40).clamp(0, 60) * span + 30) / 60).clamp(scale.min.raw() / 1000, scale.max.raw() / 1000)
                    } else {
                        base.clamp(0, 100)
                    };
                    let cid = snap.criterion_row(stage_ref, &c.id)?;
                    let comment = if rng.range(0, 5) == 0 { "Perlu data pembanding sebelum dan sesudah inovasi.".to_string() } else { String::new() };
                    tx.put_cell(&juri_store::CellRow {
                        stage_id: sid,
                        entry_id: eid,
                        juror_id: jid,
                        criterion_id: cid,
                        value: Some(v * 1000),
                        comment,
                        revision: 1,
                        updated_at: now.clone(),
                        source: "demo".into(),
                    })?;
                }
                let draft = stage == "presentasi" && ji == 2;
                tx.put_submission(&PairRow { stage_id: sid, entry_id: eid, juror_id: jid, value: !draft, revision: 1, updated_at: now.clone() })?;
                if ji == 0 && stage == "presentasi" {
                    tx.put_note(&PairRow {
                        stage_id: sid,
                        entry_id: eid,
                        juror_id: jid,
                        value: "Verifikasi lapangan: layanan berjalan, warga yang ditemui membenarkan manfaatnya.".into(),
                        revision: 1,
                        updated_at: now.clone(),
                    })?;
                }
            }
        }
        // Journaled like a paper import, so a rebuild replays the demo's scores.
        crate::chair::paper_journal::record_demo_scores(tx, sid, &now)?;
        tx.audit(&now, "demo", &format!("{stage}: demo scores entered"))?;
        Ok(())
    })
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
