//! Conflicts between merged versions (the same revision of a record with different content),
//! and the chair's rulings on them. A ruling is journaled, so a rebuild replays it.

use rust_i18n::t;
use std::collections::HashMap;

use juri_bundle::{ChairDecision, Record};
use juri_core::Fixed;
use juri_store::{CellKey, RecordKind, Tx};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::chair::{Chair, Snapshot};
use crate::error::AppError;
use crate::refusal::Refusal;
use crate::roundtrip::records::{load_record, write_record, CellContent};

/// One version of a record in conflict.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictVersion {
    /// `v1`, `v2`, …: how `resolve` names it.
    pub label: String,
    /// The content as text: `8.5 — "comment"`, a note, or submitted / not submitted.
    pub text: String,
    pub updated_at: String,
    /// The version that counts now (the earliest written until the chair rules).
    pub in_force: bool,
    /// Ruled out by the chair.
    pub dismissed: bool,
}

/// A record with more than one content at its revision.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    /// `score`, `note` or `submission`.
    pub kind: String,
    pub stage: String,
    pub entry: String,
    pub juror: String,
    pub criterion: Option<String>,
    pub revision: u64,
    /// Versions the chair has not ruled on remain.
    pub open: bool,
    pub chosen_by_chair: bool,
    pub versions: Vec<ConflictVersion>,
}

/// Names a record for `resolve`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum RecordRef {
    Score {
        stage: String,
        entry: String,
        juror: String,
        criterion: String,
    },
    Note {
        stage: String,
        entry: String,
        juror: String,
    },
    Submission {
        stage: String,
        entry: String,
        juror: String,
    },
}

/// Content shown to the chair.
pub(crate) trait Shown: Clone + Ord + Serialize + DeserializeOwned {
    fn text(&self) -> String;
    /// Whether `choice` (as the chair typed it) names this content.
    fn matches(&self, choice: &str) -> bool;
}

impl Shown for CellContent {
    fn text(&self) -> String {
        let v = self
            .value
            .map(|v| Fixed(v).to_plain())
            .unwrap_or_else(|| "(empty)".into());
        if self.comment.is_empty() {
            v
        } else {
            format!("{v} — \"{}\"", self.comment)
        }
    }
    fn matches(&self, choice: &str) -> bool {
        match Fixed::parse(choice) {
            Ok(v) => self.value == Some(v.raw()),
            Err(_) => matches!(choice.trim(), "" | "empty" | "kosong") && self.value.is_none(),
        }
    }
}

impl Shown for String {
    fn text(&self) -> String {
        format!("\"{self}\"")
    }
    fn matches(&self, choice: &str) -> bool {
        self == choice
    }
}

impl Shown for juri_bundle::NoteContent {
    fn text(&self) -> String {
        match self.photos.len() {
            0 => format!("\"{}\"", self.text),
            1 => format!("\"{}\" + 1 photo", self.text),
            n => format!("\"{}\" + {n} photos", self.text),
        }
    }
    fn matches(&self, choice: &str) -> bool {
        self.text == choice
    }
}

impl Shown for bool {
    fn text(&self) -> String {
        if *self { "submitted" } else { "not submitted" }.into()
    }
    fn matches(&self, choice: &str) -> bool {
        let yes = matches!(
            choice.trim().to_lowercase().as_str(),
            "yes" | "ya" | "true" | "submitted"
        );
        let no = matches!(
            choice.trim().to_lowercase().as_str(),
            "no" | "tidak" | "false" | "not submitted"
        );
        (yes && *self) || (no && !*self)
    }
}

/// Store ids to text ids (an id without a name shows as `#id`).
#[derive(Default)]
pub(crate) struct Names {
    pub(crate) stages: HashMap<i64, String>,
    pub(crate) criteria: HashMap<i64, String>,
    pub(crate) entries: HashMap<i64, String>,
    pub(crate) jurors: HashMap<i64, String>,
}

impl Names {
    pub fn load(tx: &Tx<'_>, snap: &Snapshot) -> Result<Names, AppError> {
        let mut criteria = HashMap::new();
        let stages = tx.stage_codes()?;
        for id in stages.keys() {
            criteria.extend(tx.criteria(*id)?);
        }
        Ok(Names {
            stages: stages.into_iter().collect(),
            criteria,
            entries: snap
                .entry_ids
                .iter()
                .zip(&snap.entries)
                .map(|(id, e)| (*id, e.code.clone()))
                .collect(),
            jurors: snap
                .juror_ids
                .iter()
                .zip(&snap.jurors)
                .map(|(id, j)| (*id, j.id.clone()))
                .collect(),
        })
    }

    fn name(map: &HashMap<i64, String>, id: i64) -> String {
        map.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    pub fn view<C: Shown>(&self, kind: RecordKind, key: CellKey, r: &Record<C>) -> ConflictView {
        let versions = r
            .versions()
            .enumerate()
            .map(|(i, v)| ConflictVersion {
                label: format!("v{}", i + 1),
                text: v.content.text(),
                updated_at: v.updated_at.clone(),
                in_force: i == 0,
                dismissed: i > 0 && r.rivals[i - 1].dismissed,
            })
            .collect();
        ConflictView {
            kind: kind.as_str().into(),
            stage: Self::name(&self.stages, key.stage_id),
            entry: Self::name(&self.entries, key.entry_id),
            juror: Self::name(&self.jurors, key.juror_id),
            criterion: (kind == RecordKind::Score)
                .then(|| Self::name(&self.criteria, key.criterion_id)),
            revision: r.revision,
            open: r.has_open_conflict(),
            chosen_by_chair: r.chosen_by_chair,
            versions,
        }
    }
}

/// A ruling as journaled.
#[derive(Serialize, Deserialize)]
pub(crate) struct Ruling<C> {
    pub kind: String,
    pub key: [i64; 4],
    pub revision: u64,
    pub chosen: C,
    pub considered: Vec<C>,
}

fn key_of(k: [i64; 4]) -> CellKey {
    CellKey {
        stage_id: k[0],
        entry_id: k[1],
        juror_id: k[2],
        criterion_id: k[3],
    }
}

/// Applies a journaled ruling to the records in `tx`. Returns the record after, or the reason it
/// no longer applies (a higher revision superseded it).
pub(crate) fn apply_ruling(tx: &Tx<'_>, body: &str) -> Result<Result<(), String>, AppError> {
    let kind: serde_json::Value = serde_json::from_str(body)
        .map_err(|e| AppError::Damaged(format!("a journaled ruling is damaged: {e}")))?;
    match kind["kind"].as_str() {
        Some("score") => apply_typed::<CellContent>(tx, RecordKind::Score, body),
        Some("note") => apply_typed::<juri_bundle::NoteContent>(tx, RecordKind::Note, body),
        Some("submission") => apply_typed::<bool>(tx, RecordKind::Submission, body),
        other => Err(AppError::Damaged(format!(
            "a journaled ruling has an unknown kind {other:?}"
        ))),
    }
}

fn apply_typed<C: Shown>(
    tx: &Tx<'_>,
    kind: RecordKind,
    body: &str,
) -> Result<Result<(), String>, AppError> {
    let ruling: Ruling<C> = serde_json::from_str(body)
        .map_err(|e| AppError::Damaged(format!("a journaled ruling is damaged: {e}")))?;
    let key = key_of(ruling.key);
    let Some(record) = load_record::<C>(tx, kind, key)? else {
        return Ok(Err("the record no longer exists".into()));
    };
    let decision = ChairDecision {
        revision: ruling.revision,
        chosen: ruling.chosen,
        considered: ruling.considered,
    };
    match record.resolve(&decision, kind.as_str()) {
        Ok(after) => {
            write_record(tx, kind, key, &record, &after)?;
            Ok(Ok(()))
        }
        Err(e) => Ok(Err(e.to_string())),
    }
}

impl Chair {
    /// Records in conflict: the open ones, or with `all` also those the chair ruled on.
    pub fn conflicts(&self, all: bool) -> Result<Vec<ConflictView>, AppError> {
        let snap = self.snapshot()?;
        let tx = self.db.read();
        let names = Names::load(&tx, &snap)?;
        let mut out = Vec::new();
        for row in tx.conflict_rows()? {
            let view = match row.kind {
                RecordKind::Score => load_record::<CellContent>(&tx, row.kind, row.key)?
                    .map(|r| names.view(row.kind, row.key, &r)),
                RecordKind::Note => load_record::<String>(&tx, row.kind, row.key)?
                    .map(|r| names.view(row.kind, row.key, &r)),
                RecordKind::Submission => load_record::<bool>(&tx, row.kind, row.key)?
                    .map(|r| names.view(row.kind, row.key, &r)),
            };
            if let Some(v) = view.filter(|v| v.versions.len() > 1 && (all || v.open)) {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// The chair's ruling on a record in conflict: `choose` is a version label (`v1`, `v2`, … as
    /// `conflicts` lists them) or the content itself (a score value, `yes`/`no` for a submission).
    /// The chosen version counts from now on; the ruling is journaled and audit-logged.
    pub fn resolve(&mut self, record: &RecordRef, choose: &str) -> Result<ConflictView, AppError> {
        match record {
            RecordRef::Score { criterion, .. } => self.resolve_typed::<CellContent>(
                record,
                Some(criterion),
                RecordKind::Score,
                choose,
            ),
            RecordRef::Note { .. } => {
                self.resolve_typed::<String>(record, None, RecordKind::Note, choose)
            }
            RecordRef::Submission { .. } => {
                self.resolve_typed::<bool>(record, None, RecordKind::Submission, choose)
            }
        }
    }

    fn resolve_typed<C: Shown>(
        &mut self,
        target: &RecordRef,
        criterion: Option<&String>,
        kind: RecordKind,
        choose: &str,
    ) -> Result<ConflictView, AppError> {
        let (stage, entry, juror) = match target {
            RecordRef::Score {
                stage,
                entry,
                juror,
                ..
            }
            | RecordRef::Note {
                stage,
                entry,
                juror,
            }
            | RecordRef::Submission {
                stage,
                entry,
                juror,
            } => (stage, entry, juror),
        };
        let snap = self.snapshot()?;
        let (key, names) = {
            let tx = self.db.read();
            let stage_id = tx
                .stage_id(stage)?
                .ok_or_else(|| AppError::UnknownStage(stage.clone()))?;
            let e = snap
                .entry_index(entry)
                .ok_or_else(|| AppError::UnknownEntry(entry.clone()))?;
            let j = snap
                .juror_index(juror)
                .ok_or_else(|| AppError::UnknownJuror(juror.clone()))?;
            let criterion_id = match criterion {
                None => 0,
                Some(c) => tx
                    .criteria(stage_id)?
                    .into_iter()
                    .find(|(_, code)| code == c)
                    .map(|(id, _)| id)
                    .ok_or_else(|| {
                        AppError::from(Refusal::NoSuchCriterion {
                            stage: stage.to_string(),
                            criterion: c.to_string(),
                        })
                    })?,
            };
            let key = CellKey {
                stage_id,
                entry_id: snap.entry_ids[e],
                juror_id: snap.juror_ids[j],
                criterion_id,
            };
            (key, Names::load(&tx, &snap)?)
        };
        let describe = format!(
            "{} of juror {juror} on {stage}/{entry}{}",
            kind.as_str(),
            criterion.map(|c| format!("/{c}")).unwrap_or_default()
        );
        // The record as the person reads it in a refusal; `describe` is what the log keeps.
        let named = t!(
            "conflict.record",
            kind = match kind {
                RecordKind::Score => t!("conflict.kind_score"),
                RecordKind::Note => t!("conflict.kind_note"),
                RecordKind::Submission => t!("conflict.kind_submission"),
            },
            juror = juror,
            stage = stage,
            entry = entry,
            criterion = criterion.map(|c| format!("/{c}")).unwrap_or_default()
        )
        .into_owned();
        let record = load_record::<C>(&self.db.read(), kind, key)?
            .filter(|r| r.has_open_conflict() || r.chosen_by_chair)
            .ok_or_else(|| Refusal::NotInConflict {
                record: named.clone(),
            })?;
        let versions: Vec<&C> = record.versions().map(|v| &v.content).collect();
        let chosen = match choose
            .trim()
            .strip_prefix(['v', 'V'])
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) if (1..=versions.len()).contains(&n) => versions[n - 1].clone(),
            Some(n) => {
                return Err(Refusal::NoSuchVersion {
                    record: named.clone(),
                    asked: n,
                    count: versions.len(),
                }
                .into())
            }
            None => {
                let hits: Vec<&&C> = versions.iter().filter(|c| c.matches(choose)).collect();
                match hits.as_slice() {
                    [one] => (**one).clone(),
                    [] => {
                        return Err(Refusal::NoMatchingVersion {
                            record: named.clone(),
                            chosen: choose.to_string(),
                            versions: versions.iter().map(|c| c.text()).collect(),
                        }
                        .into())
                    }
                    _ => {
                        return Err(Refusal::AmbiguousVersion {
                            record: named.clone(),
                            chosen: choose.to_string(),
                        }
                        .into())
                    }
                }
            }
        };
        let decision = record.decide(&chosen).ok_or_else(|| {
            AppError::from(Refusal::NotAVersion {
                record: named.clone(),
                chosen: choose.to_string(),
            })
        })?;
        let after = record
            .resolve(&decision, &describe)
            .map_err(|e| Refusal::RulingRefused {
                reason: e.to_string(),
            })?;
        let ruling = Ruling {
            kind: kind.as_str().into(),
            key: [key.stage_id, key.entry_id, key.juror_id, key.criterion_id],
            revision: decision.revision,
            chosen: decision.chosen.clone(),
            considered: decision.considered.clone(),
        };
        let body = serde_json::to_string(&ruling).map_err(|e| AppError::Internal(e.to_string()))?;
        let now = crate::now();
        let text = chosen.text();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.add_journal(&now, "resolve", &body)?;
            write_record(tx, kind, key, &record, &after)?;
            tx.audit(
                &now,
                "resolve",
                &format!(
                    "{describe}: the chair chose {text} (revision {})",
                    decision.revision
                ),
            )?;
            Ok(())
        })?;
        Ok(names.view(kind, key, &after))
    }
}
