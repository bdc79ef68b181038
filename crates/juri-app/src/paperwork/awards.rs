//! The documents of a decided final: the announcement of its winners (pengumuman), the
//! attachment to the decree (lampiran keputusan) and the certificates (piagam penghargaan). Each
//! prints from the final's snapshot, its tiers as the definition declares them, each numbered
//! within its pool as the minutes number them; a stage that is not a finalised final is refused.

use juri_core::definition::{Definition, StageKind};
use juri_report::{
    Announcement, AwardTier, Certificate, Certificates, DecreeAttachment, Kop, PanelMember, Winner,
    Witness,
};

use super::common::*;
use super::request::{DocumentKind, PrintRequest};
use super::sitting::Sitting;
use crate::chair::{Chair, Snapshot};
use crate::error::{AppError, Hint};
use crate::refusal::Refusal;

/// The stage a final's document prints: the one the request names, or the definition's final
/// stage (the last, when it has more than one).
pub(crate) fn final_stage(def: &Definition, req: &PrintRequest) -> Option<String> {
    req.stage.clone().or_else(|| {
        def.stages
            .iter()
            .rev()
            .find(|s| s.kind == StageKind::Final)
            .map(|s| s.id.clone())
    })
}

/// What every document of a decided final carries besides its body.
struct Decided {
    competition: String,
    place: String,
    date: chrono::NaiveDate,
    year: i32,
    stage: String,
    tiers: Vec<AwardTier>,
    kop: Option<Kop>,
    signatory: PanelMember,
    witness: Option<Witness>,
    settings: crate::chair::DocumentSettings,
}

impl Chair {
    /// The final the request names, decided: its winners tier by tier from the snapshot of the
    /// version printed. Refused for a stage that is not a final, or a final not finalised.
    fn decided_final(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
        doc: DocumentKind,
    ) -> Result<Decided, AppError> {
        let document = doc.as_str().to_string();
        let stage = final_stage(&snap.definition, req).ok_or_else(|| {
            AppError::needs(rust_i18n::t!("print.no_final_stage"), Hint::ChooseStage)
        })?;
        if snap.stage(&stage)?.kind != StageKind::Final {
            return Err(Refusal::NotAFinal { stage, document }.into());
        }
        if req.version.is_none() && snap.finalized_at(snap.stage_ref(&stage)?).is_none() {
            return Err(Refusal::FinalNotFinalized { stage, document }.into());
        }
        let sitting: Sitting = self.sitting(snap, &stage, req.version)?;
        if sitting.version.is_none() {
            return Err(Refusal::FinalNotFinalized { stage, document }.into());
        }
        let snap = sitting.snap(snap);
        let st = snap.stage(&stage)?;
        let res = &sitting.results;
        let tiers = st
            .awards
            .iter()
            .map(|a| {
                let mut winners: Vec<Winner> = res
                    .rows()
                    .filter(|r| r.award.as_deref() == Some(a.id.as_str()))
                    .map(|r| Winner {
                        // Numbered within the award's pool (Top 20 after Top 10: 11–20).
                        place: r.award_place.or(r.rank).unwrap_or(0),
                        entry: ranked_entry_info(&sitting, r, snap),
                    })
                    .collect();
                winners.sort_by_key(|w| w.place);
                AwardTier {
                    title: a.name.clone(),
                    winners,
                }
            })
            .collect();
        let signatory =
            chair_of(&sitting.jurors, &sitting.nips).ok_or_else(|| Refusal::NoChairToSign {
                stage: stage.clone(),
                document,
            })?;
        let date = self.today(req);
        // The competition's year, not the year it is printed in.
        let year = snap
            .definition
            .competition
            .year
            .unwrap_or_else(|| chrono::Datelike::year(&date));
        let settings = self.document_settings()?;
        Ok(Decided {
            competition: snap.definition.competition.name.clone(),
            place: snap.definition.competition.place.clone(),
            date,
            year,
            stage,
            tiers,
            kop: self.kop(&settings)?,
            signatory,
            witness: witness(&settings),
            settings,
        })
    }

    pub(super) fn announcement(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<Announcement, AppError> {
        let d = self.decided_final(snap, req, DocumentKind::Announcement)?;
        Ok(Announcement {
            kop: d.kop,
            // Like the minutes' default number ("…/BA/FINAL/2025"), as an announcement's.
            number: req
                .number
                .clone()
                .unwrap_or_else(|| format!("…/PENG/{}/{}", d.stage.to_uppercase(), d.year)),
            competition: d.competition,
            place: d.place,
            date: d.date,
            tiers: d.tiers,
            signatory: d.signatory,
            witness: d.witness,
        })
    }

    pub(super) fn decree_attachment(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<DecreeAttachment, AppError> {
        let d = self.decided_final(snap, req, DocumentKind::DecreeAttachment)?;
        let s = &d.settings;
        Ok(DecreeAttachment {
            kop: d.kop,
            competition: d.competition,
            // The decree is the chair's document setting; not set: a dotted blank.
            decree_issuer: (!s.decree_issuer.is_empty()).then(|| s.decree_issuer.clone()),
            decree: (!s.decree_number.is_empty()).then(|| s.decree_number.clone()),
            decree_date: s.decree_date,
            place: d.place,
            date: d.date,
            tiers: d.tiers,
            signatory: d.signatory,
            witness: d.witness,
        })
    }

    pub(super) fn certificates(
        &self,
        snap: &Snapshot,
        req: &PrintRequest,
    ) -> Result<Certificates, AppError> {
        let d = self.decided_final(snap, req, DocumentKind::Certificate)?;
        let certificates: Vec<Certificate> = d
            .tiers
            .iter()
            .flat_map(|t| {
                t.winners.iter().map(|w| Certificate {
                    tier: t.title.clone(),
                    entry: w.entry.clone(),
                })
            })
            .collect();
        if certificates.is_empty() {
            return Err(Refusal::NoWinners {
                stage: d.stage,
                document: DocumentKind::Certificate.as_str().to_string(),
            }
            .into());
        }
        Ok(Certificates {
            kop: d.kop,
            competition: d.competition,
            place: d.place,
            date: d.date,
            certificates,
            signatory: d.signatory,
            witness: d.witness,
        })
    }
}
