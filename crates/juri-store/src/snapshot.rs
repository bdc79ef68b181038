//! Stage snapshots (migration `006_stage_snapshots.sql`): what a finalised stage's documents are
//! printed from — the definition version, the panel as it sat, the entries and their data, every
//! score sheet of the stage with its source, and the decisions in force — so that a reprint is a
//! reproduction, whatever changed since. Written once per stage and snapshot version, in the
//! transaction that freezes that version's results (which stay in `finalized`), never changed or
//! removed.
//!
//! Like the frozen results (`frozen.rs`), a snapshot is stored as a version-1 row type,
//! [`StageSnapshotV1`], whose JSON shape never changes; [`StageSnapshot`] is what the application
//! fills and reads, in the core's types, and the conversions between the two are here and nowhere
//! else. A new shape is a new version type beside this one.

use std::collections::BTreeMap;

use juri_core::model::{Assignment, Conflict, ConflictTarget, Decision, Role};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::frozen::AnyDecisionV1;
use crate::{Result, StoreError, Tx};

/// A finalised stage as it was decided: what its documents are printed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageSnapshot {
    /// The stage's code.
    pub stage: String,
    /// The version of the competition definition in force.
    pub definition_version: i64,
    /// Every juror of the competition at that moment, in the order of their rows.
    pub panel: Vec<Seat>,
    /// The entries the stage's documents name: its pool, and any other entry a recusal or a
    /// score sheet of the stage names.
    pub entries: Vec<SnapshotEntry>,
    /// Every score sheet (entry × juror) of the stage.
    pub sheets: Vec<SnapshotSheet>,
    /// The chair's decisions on the stage in force, in the order made.
    pub decisions: Vec<SnapshotDecision>,
}

/// A panel member as they sat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    /// The juror's code (`J1`).
    pub juror: String,
    pub name: String,
    /// Their position on the panel.
    pub role: Role,
    /// Their institution; empty when none.
    pub affiliation: String,
    /// The NIP the document settings gave them.
    pub nip: Option<String>,
    /// Whether they were on the panel (not removed).
    pub active: bool,
    /// What they were assigned to score in this stage.
    pub assignment: Option<Assignment>,
    /// Their declared conflicts of interest.
    pub conflicts: Vec<Conflict>,
}

/// An entry and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotEntry {
    pub code: String,
    pub title: String,
    pub institution: String,
    /// The category's id.
    pub category: String,
    pub rintisan: bool,
    pub withdrawn: bool,
    /// Whether it took part in the stage (its pool); otherwise a recusal or a sheet names it.
    pub in_pool: bool,
    /// Why it was disqualified or failed screening in this stage, as the results say.
    pub disqualified: Option<String>,
    /// A screening stage: the checklist items it met, when they were recorded.
    pub met: Option<Vec<String>>,
}

/// A juror's score sheet of one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotSheet {
    pub entry: String,
    pub juror: String,
    /// Whether the juror's total counted in the stage's results.
    pub counted: bool,
    /// Where the scores came from: the juror's bundle fingerprint (64 hex digits), `paper`, or
    /// the source the scores were recorded with.
    pub source: String,
    /// Criterion code → score in thousandths (criteria left empty are absent).
    pub scores: BTreeMap<String, i64>,
    /// Criterion code → the juror's comment, when there is one.
    pub comments: BTreeMap<String, String>,
    /// The juror's note on the entry, when there is one.
    pub note: Option<String>,
    /// When the sheet was submitted (as stored), when it was.
    pub submitted_at: Option<String>,
}

/// A chair's decision in force, with its id and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotDecision {
    pub id: i64,
    pub at: String,
    pub decision: Decision,
}

/// A stored snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSnapshot {
    pub stage_id: i64,
    pub version: i64,
    /// When this version was finalised.
    pub finalized_at: String,
    /// Built from the data as it stood when a database from an earlier Juri was upgraded, not
    /// at finalisation.
    pub reconstructed: bool,
    pub snapshot: StageSnapshot,
}

// ── the stored rows (version 1) ─────────────────────────────────────────────────────────────────

/// A stage snapshot, as stored (version 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StageSnapshotV1 {
    stage: String,
    definition_version: i64,
    panel: Vec<SeatV1>,
    entries: Vec<EntryV1>,
    sheets: Vec<SheetV1>,
    decisions: Vec<DecisionInForceV1>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SeatV1 {
    juror: String,
    name: String,
    role: RoleV1,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nip: Option<String>,
    active: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assignment: Option<AssignmentV1>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<ConflictV1>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RoleV1 {
    Ketua,
    WakilKetua,
    Sekretaris,
    Anggota,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by", content = "ids")]
enum AssignmentV1 {
    All,
    Categories(Vec<String>),
    Entries(Vec<String>),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ConflictV1 {
    kind: ConflictKindV1,
    target: String,
    reason: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum ConflictKindV1 {
    Entry,
    Institution,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct EntryV1 {
    code: String,
    title: String,
    institution: String,
    category: String,
    rintisan: bool,
    withdrawn: bool,
    in_pool: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    disqualified: Option<String>,
    /// Added with migration 007; absent when the items were not recorded, so a snapshot without
    /// them keeps its JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    met: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct SheetV1 {
    entry: String,
    juror: String,
    counted: bool,
    source: String,
    /// Thousandths.
    scores: BTreeMap<String, i64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    comments: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    submitted_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct DecisionInForceV1 {
    id: i64,
    at: String,
    decision: AnyDecisionV1,
}

/// The stored text of a stage snapshot: canonical JSON (fields in a fixed order, maps sorted,
/// no white space).
pub fn snapshot_to_row(s: &StageSnapshot) -> Result<String> {
    let row = StageSnapshotV1::try_from(s)?;
    serde_json::to_string(&row).map_err(|e| StoreError::Damaged(e.to_string()))
}

/// A stage snapshot read back from its stored text.
pub fn snapshot_from_row(text: &str) -> Result<StageSnapshot> {
    let row: StageSnapshotV1 =
        serde_json::from_str(text).map_err(|e| StoreError::Damaged(e.to_string()))?;
    Ok(row.into())
}

// ── to the stored rows ──────────────────────────────────────────────────────────────────────────

impl TryFrom<&StageSnapshot> for StageSnapshotV1 {
    type Error = StoreError;
    fn try_from(s: &StageSnapshot) -> Result<Self> {
        Ok(StageSnapshotV1 {
            stage: s.stage.clone(),
            definition_version: s.definition_version,
            panel: s.panel.iter().map(SeatV1::from).collect(),
            entries: s
                .entries
                .iter()
                .map(|e| EntryV1 {
                    code: e.code.clone(),
                    title: e.title.clone(),
                    institution: e.institution.clone(),
                    category: e.category.clone(),
                    rintisan: e.rintisan,
                    withdrawn: e.withdrawn,
                    in_pool: e.in_pool,
                    disqualified: e.disqualified.clone(),
                    met: e.met.clone(),
                })
                .collect(),
            sheets: s
                .sheets
                .iter()
                .map(|x| SheetV1 {
                    entry: x.entry.clone(),
                    juror: x.juror.clone(),
                    counted: x.counted,
                    source: x.source.clone(),
                    scores: x.scores.clone(),
                    comments: x.comments.clone(),
                    note: x.note.clone(),
                    submitted_at: x.submitted_at.clone(),
                })
                .collect(),
            decisions: s
                .decisions
                .iter()
                .map(|d| {
                    Ok(DecisionInForceV1 {
                        id: d.id,
                        at: d.at.clone(),
                        decision: AnyDecisionV1::of(&d.decision)?,
                    })
                })
                .collect::<Result<_>>()?,
        })
    }
}

impl From<&Seat> for SeatV1 {
    fn from(s: &Seat) -> Self {
        SeatV1 {
            juror: s.juror.clone(),
            name: s.name.clone(),
            role: match s.role {
                Role::Ketua => RoleV1::Ketua,
                Role::WakilKetua => RoleV1::WakilKetua,
                Role::Sekretaris => RoleV1::Sekretaris,
                Role::Anggota => RoleV1::Anggota,
            },
            affiliation: (!s.affiliation.is_empty()).then(|| s.affiliation.clone()),
            nip: s.nip.clone(),
            active: s.active,
            assignment: s.assignment.as_ref().map(|a| match a {
                Assignment::All => AssignmentV1::All,
                Assignment::Categories(c) => AssignmentV1::Categories(c.clone()),
                Assignment::Entries(e) => AssignmentV1::Entries(e.clone()),
            }),
            conflicts: s
                .conflicts
                .iter()
                .map(|c| {
                    let (kind, target) = match &c.target {
                        ConflictTarget::Entry(code) => (ConflictKindV1::Entry, code.clone()),
                        ConflictTarget::Institution(name) => {
                            (ConflictKindV1::Institution, name.clone())
                        }
                    };
                    ConflictV1 {
                        kind,
                        target,
                        reason: c.reason.clone(),
                    }
                })
                .collect(),
        }
    }
}

// ── back from the stored rows ───────────────────────────────────────────────────────────────────

impl From<StageSnapshotV1> for StageSnapshot {
    fn from(s: StageSnapshotV1) -> Self {
        StageSnapshot {
            stage: s.stage,
            definition_version: s.definition_version,
            panel: s.panel.into_iter().map(Seat::from).collect(),
            entries: s
                .entries
                .into_iter()
                .map(|e| SnapshotEntry {
                    code: e.code,
                    title: e.title,
                    institution: e.institution,
                    category: e.category,
                    rintisan: e.rintisan,
                    withdrawn: e.withdrawn,
                    in_pool: e.in_pool,
                    disqualified: e.disqualified,
                    met: e.met,
                })
                .collect(),
            sheets: s
                .sheets
                .into_iter()
                .map(|x| SnapshotSheet {
                    entry: x.entry,
                    juror: x.juror,
                    counted: x.counted,
                    source: x.source,
                    scores: x.scores,
                    comments: x.comments,
                    note: x.note,
                    submitted_at: x.submitted_at,
                })
                .collect(),
            decisions: s
                .decisions
                .into_iter()
                .map(|d| SnapshotDecision {
                    id: d.id,
                    at: d.at,
                    decision: d.decision.into(),
                })
                .collect(),
        }
    }
}

impl From<SeatV1> for Seat {
    fn from(s: SeatV1) -> Self {
        Seat {
            juror: s.juror,
            name: s.name,
            role: match s.role {
                RoleV1::Ketua => Role::Ketua,
                RoleV1::WakilKetua => Role::WakilKetua,
                RoleV1::Sekretaris => Role::Sekretaris,
                RoleV1::Anggota => Role::Anggota,
            },
            affiliation: s.affiliation.unwrap_or_default(),
            nip: s.nip,
            active: s.active,
            assignment: s.assignment.map(|a| match a {
                AssignmentV1::All => Assignment::All,
                AssignmentV1::Categories(c) => Assignment::Categories(c),
                AssignmentV1::Entries(e) => Assignment::Entries(e),
            }),
            conflicts: s
                .conflicts
                .into_iter()
                .map(|c| Conflict {
                    target: match c.kind {
                        ConflictKindV1::Entry => ConflictTarget::Entry(c.target),
                        ConflictKindV1::Institution => ConflictTarget::Institution(c.target),
                    },
                    reason: c.reason,
                })
                .collect(),
        }
    }
}

// ── queries ─────────────────────────────────────────────────────────────────────────────────────

impl Tx<'_> {
    /// Keeps the snapshot of a stage's snapshot version. Refused (a constraint error) when one
    /// is kept already: a snapshot is never replaced.
    pub fn put_stage_snapshot(
        &self,
        stage_id: i64,
        version: i64,
        finalized_at: &str,
        reconstructed: bool,
        snapshot: &StageSnapshot,
    ) -> Result<()> {
        let content = snapshot_to_row(snapshot)?;
        self.conn.execute(
            "INSERT INTO stage_snapshots(stage_id, version, finalized_at, reconstructed, content,
                                         journal_id)
             VALUES (?1, ?2, ?3, ?4, ?5, (SELECT COALESCE(MAX(id), 0) FROM journal))",
            params![stage_id, version, finalized_at, reconstructed, content],
        )?;
        Ok(())
    }

    /// The snapshot of a stage's snapshot version, if one is kept.
    pub fn stage_snapshot(&self, stage_id: i64, version: i64) -> Result<Option<StoredSnapshot>> {
        let row: Option<(String, bool, String)> = self
            .conn
            .query_row(
                "SELECT finalized_at, reconstructed, content FROM stage_snapshots
                 WHERE stage_id=?1 AND version=?2",
                params![stage_id, version],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(finalized_at, reconstructed, text)| {
            let snapshot = snapshot_from_row(&text).map_err(|e| {
                StoreError::Damaged(
                    rust_i18n::t!(
                        "store.damaged_snapshot",
                        version = version,
                        stage = stage_id,
                        detail = e
                    )
                    .into_owned(),
                )
            })?;
            Ok(StoredSnapshot {
                stage_id,
                version,
                finalized_at,
                reconstructed,
                snapshot,
            })
        })
        .transpose()
    }

    /// Every snapshot kept, in the order they were written.
    pub fn stage_snapshots(&self) -> Result<Vec<StoredSnapshot>> {
        let mut st = self.conn.prepare_cached(
            "SELECT stage_id, version, finalized_at, reconstructed, content FROM stage_snapshots
             ORDER BY rowid",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (stage_id, version, finalized_at, reconstructed, text) = row?;
            let snapshot = snapshot_from_row(&text).map_err(|e| {
                StoreError::Damaged(
                    rust_i18n::t!(
                        "store.damaged_snapshot",
                        version = version,
                        stage = stage_id,
                        detail = e
                    )
                    .into_owned(),
                )
            })?;
            Ok(StoredSnapshot {
                stage_id,
                version,
                finalized_at,
                reconstructed,
                snapshot,
            })
        })
        .collect()
    }

    /// The journal's last entry id when each snapshot was written, in the order of
    /// [`Tx::stage_snapshots`] (`None` for one written before Juri kept it).
    pub fn stage_snapshot_journal_ids(&self) -> Result<Vec<Option<i64>>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT journal_id FROM stage_snapshots ORDER BY rowid")?;
        let rows = st.query_map([], |r| r.get::<_, Option<i64>>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// (stage id, version, finalised at) of every finalised stage whose version in force has no
    /// snapshot, in stage id order.
    pub fn finalized_without_snapshot(&self) -> Result<Vec<(i64, i64, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT f.stage_id, f.version, f.at FROM finalized f
             WHERE NOT EXISTS (SELECT 1 FROM stage_snapshots s
                               WHERE s.stage_id = f.stage_id AND s.version = f.version)
             ORDER BY f.stage_id",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChairDb;

    fn sample() -> StageSnapshot {
        StageSnapshot {
            stage: "proposal".into(),
            definition_version: 2,
            panel: vec![
                Seat {
                    juror: "J1".into(),
                    name: "Dr. Maria Lado".into(),
                    role: Role::Ketua,
                    affiliation: "Universitas Nusa Cendana".into(),
                    nip: Some("197203151998032001".into()),
                    active: true,
                    assignment: Some(Assignment::Categories(vec!["pd".into()])),
                    conflicts: vec![Conflict {
                        target: ConflictTarget::Institution("Dinas Kesehatan".into()),
                        reason: "Suami bertugas di sana".into(),
                    }],
                },
                Seat {
                    juror: "J2".into(),
                    name: "Yohanes Bria".into(),
                    role: Role::WakilKetua,
                    affiliation: String::new(),
                    nip: None,
                    active: false,
                    assignment: None,
                    conflicts: vec![],
                },
            ],
            entries: vec![SnapshotEntry {
                code: "PD-01".into(),
                title: "Layanan Air Bersih".into(),
                institution: "Dinas PUPR".into(),
                category: "pd".into(),
                rintisan: false,
                withdrawn: false,
                in_pool: true,
                disqualified: None,
                met: None,
            }],
            sheets: vec![SnapshotSheet {
                entry: "PD-01".into(),
                juror: "J1".into(),
                counted: true,
                source: "paper".into(),
                scores: BTreeMap::from([("kebaruan".into(), 85_500), ("dampak".into(), 90_000)]),
                comments: BTreeMap::from([("dampak".into(), "Data lengkap".into())]),
                note: None,
                submitted_at: Some("2025-12-15T10:00:00+08:00".into()),
            }],
            decisions: vec![SnapshotDecision {
                id: 3,
                at: "2025-12-15T09:00:00+08:00".into(),
                decision: Decision::Unscored {
                    stage: "proposal".into(),
                    entry: "PD-02".into(),
                    reason: "Tidak ada juri".into(),
                },
            }],
        }
    }

    #[test]
    fn the_stored_snapshot_is_canonical_json_and_reads_back() {
        let s = sample();
        let text = snapshot_to_row(&s).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"{"stage":"proposal","definition_version":2,"panel":["#,
                r#"{"juror":"J1","name":"Dr. Maria Lado","role":"ketua","affiliation":"Universitas Nusa Cendana","nip":"197203151998032001","active":true,"assignment":{"by":"categories","ids":["pd"]},"conflicts":[{"kind":"institution","target":"Dinas Kesehatan","reason":"Suami bertugas di sana"}]},"#,
                r#"{"juror":"J2","name":"Yohanes Bria","role":"wakil_ketua","active":false}],"#,
                r#""entries":[{"code":"PD-01","title":"Layanan Air Bersih","institution":"Dinas PUPR","category":"pd","rintisan":false,"withdrawn":false,"in_pool":true}],"#,
                r#""sheets":[{"entry":"PD-01","juror":"J1","counted":true,"source":"paper","scores":{"dampak":90000,"kebaruan":85500},"comments":{"dampak":"Data lengkap"},"submitted_at":"2025-12-15T10:00:00+08:00"}],"#,
                r#""decisions":[{"id":3,"at":"2025-12-15T09:00:00+08:00","decision":{"kind":"unscored","stage":"proposal","entry":"PD-02","reason":"Tidak ada juri"}}]}"#
            )
        );
        assert_eq!(snapshot_from_row(&text).unwrap(), s);
        assert!(snapshot_from_row(r#"{"stage":1}"#)
            .unwrap_err()
            .to_string()
            .starts_with("stored data is damaged"));
    }

    #[test]
    fn a_snapshot_is_kept_once_and_never_changes() {
        let mut db = ChairDb::in_memory().unwrap();
        db.write(|tx| -> Result<()> {
            tx.conn
                .execute("INSERT INTO stages(code) VALUES ('proposal')", [])?;
            tx.conn.execute(
                "INSERT INTO finalized(stage_id, at, results, version) VALUES (1, 'then', '{}', 1)",
                [],
            )?;
            Ok(())
        })
        .unwrap();
        assert_eq!(
            db.read().finalized_without_snapshot().unwrap(),
            vec![(1, 1, "then".to_string())]
        );
        db.write(|tx| tx.put_stage_snapshot(1, 1, "then", false, &sample()))
            .unwrap();
        assert!(db.read().finalized_without_snapshot().unwrap().is_empty());
        let kept = db.read().stage_snapshot(1, 1).unwrap().unwrap();
        assert_eq!(
            (kept.version, kept.finalized_at.as_str(), kept.reconstructed),
            (1, "then", false)
        );
        assert_eq!(kept.snapshot, sample());
        assert!(db.read().stage_snapshot(1, 2).unwrap().is_none());
        // Not replaced, not changed, not removed.
        assert!(db
            .write(|tx| tx.put_stage_snapshot(1, 1, "later", true, &sample()))
            .is_err());
        let conn = db.connection();
        let e = conn
            .execute("UPDATE stage_snapshots SET reconstructed=1", [])
            .unwrap_err();
        assert!(
            e.to_string().contains("stage snapshots are immutable"),
            "{e}"
        );
        assert!(conn.execute("DELETE FROM stage_snapshots", []).is_err());
        assert_eq!(db.read().stage_snapshot(1, 1).unwrap().unwrap(), kept);
    }
}
