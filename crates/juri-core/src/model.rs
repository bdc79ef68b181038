//! Entries, jurors, assignments, conflicts, score cells and chair decisions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::decimal::Fixed;

/// An innovation registered in the competition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    /// Registration code shown everywhere (e.g. `PD-07`).
    pub code: String,
    pub title: String,
    pub institution: String,
    pub category: String,
    /// Early-stage innovation (inovasi rintisan), eligible for the rintisan award pool.
    #[serde(default)]
    pub rintisan: bool,
    #[serde(default)]
    pub description: String,
    /// Withdrawn entries stay for audit; their scores are never counted.
    #[serde(default)]
    pub withdrawn: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Ketua,
    WakilKetua,
    Sekretaris,
    #[default]
    Anggota,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_lowercase().as_str() {
            "ketua" | "chair" => Some(Role::Ketua),
            "wakil ketua" | "wakil-ketua" | "wakil_ketua" | "vice chair" | "vice-chair"
            | "vice_chair" => Some(Role::WakilKetua),
            "sekretaris" | "secretary" => Some(Role::Sekretaris),
            "anggota" | "member" | "" => Some(Role::Anggota),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Ketua => "ketua",
            Role::WakilKetua => "wakil_ketua",
            Role::Sekretaris => "sekretaris",
            Role::Anggota => "anggota",
        }
    }
}

/// What a juror is assigned to score in one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "by", content = "ids")]
pub enum Assignment {
    All,
    Categories(Vec<String>),
    Entries(Vec<String>),
}

impl Assignment {
    pub fn covers(&self, entry: &Entry) -> bool {
        match self {
            Assignment::All => true,
            Assignment::Categories(c) => c.contains(&entry.category),
            Assignment::Entries(e) => e.contains(&entry.code),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind", content = "target")]
pub enum ConflictTarget {
    Entry(String),
    Institution(String),
}

/// A declared conflict of interest: the juror is recused from the entry, or from every entry of
/// the institution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    pub target: ConflictTarget,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Juror {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub affiliation: String,
    #[serde(default)]
    pub role: Role,
    /// Per stage id.
    #[serde(default)]
    pub assignments: BTreeMap<String, Assignment>,
    #[serde(default)]
    pub conflicts: Vec<Conflict>,
    /// Removed jurors stay for audit; their scores are never counted.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

impl Juror {
    /// The conflict that recuses this juror from the entry, if any.
    pub fn recusal(&self, entry: &Entry) -> Option<&Conflict> {
        self.conflicts.iter().find(|c| match &c.target {
            ConflictTarget::Entry(code) => *code == entry.code,
            ConflictTarget::Institution(inst) => normalise(inst) == normalise(&entry.institution),
        })
    }

    /// Whether the juror must score this entry in this stage (assigned and not recused).
    pub fn is_assigned(&self, stage: &str, entry: &Entry) -> bool {
        self.active
            && self.assignments.get(stage).is_some_and(|a| a.covers(entry))
            && self.recusal(entry).is_none()
    }
}

fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One score as the core sees it: indexes into the entry and juror slices of a stage input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub entry: u32,
    pub juror: u32,
    /// Index into the stage rubric's criteria.
    pub criterion: u16,
    pub value: Fixed,
}

/// The chair's record of one entry in a screening stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Screening {
    pub entry: String,
    pub passed: bool,
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// The checklist items (ids) the entry meets, of those that apply to it; `None` when the
    /// items were not recorded (only pass or fail).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub met: Option<Vec<String>>,
}

/// A recorded chair decision. Printed in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Decision {
    /// Orders entries that remain tied after the tie-break cascade.
    TieOrder {
        stage: String,
        entries: Vec<String>,
        reason: String,
    },
    /// Allows a stage to be finalised although this (juror, entry) pair was not submitted.
    Exception {
        stage: String,
        juror: String,
        entry: String,
        reason: String,
    },
    /// Removes an entry from this stage onwards.
    Disqualify {
        stage: String,
        entry: String,
        reason: String,
    },
    /// An exception for an entry of a scored stage that no counted juror scored (none assigned,
    /// or every assigned juror recused or removed): the stage may be finalised with the entry
    /// unscored, so it does not advance.
    Unscored {
        stage: String,
        entry: String,
        reason: String,
    },
}

impl Decision {
    pub fn stage(&self) -> &str {
        match self {
            Decision::TieOrder { stage, .. }
            | Decision::Exception { stage, .. }
            | Decision::Disqualify { stage, .. }
            | Decision::Unscored { stage, .. } => stage,
        }
    }
    pub fn reason(&self) -> &str {
        match self {
            Decision::TieOrder { reason, .. }
            | Decision::Exception { reason, .. }
            | Decision::Disqualify { reason, .. }
            | Decision::Unscored { reason, .. } => reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn roles_read_in_every_spelling_and_sort_by_rank() {
        for s in ["wakil ketua", "Wakil-Ketua", "wakil_ketua", "vice chair"] {
            assert_eq!(Role::parse(s), Some(Role::WakilKetua), "{s}");
        }
        assert_eq!(
            Role::parse(Role::WakilKetua.as_str()),
            Some(Role::WakilKetua)
        );
        let mut roles = [
            Role::Anggota,
            Role::Sekretaris,
            Role::WakilKetua,
            Role::Ketua,
        ];
        roles.sort();
        assert_eq!(
            roles,
            [
                Role::Ketua,
                Role::WakilKetua,
                Role::Sekretaris,
                Role::Anggota
            ]
        );
    }
}
