//! Who has scored what in a stage: the (entry, juror) matrix of assigned, started, complete,
//! submitted, excepted and recused sheets that decides whether a stage can be finalised.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::model::Decision;

use crate::results::{assigned_pairs, disqualified, StageInput};

/// The state of one assigned (juror, entry) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PairState {
    Empty,
    Partial,
    /// Every criterion scored, not yet submitted.
    Complete,
    Submitted,
    /// Not submitted, but the chair recorded an exception.
    Excepted,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Completeness {
    pub stage: String,
    pub jurors: Vec<String>,
    pub entries: Vec<String>,
    /// One row per entry, one column per juror: `None` where the juror is not assigned.
    pub matrix: Vec<Vec<Option<PairState>>>,
    pub assigned: usize,
    pub submitted: usize,
    pub excepted: usize,
    /// Recused (juror, entry) pairs, for the record.
    pub recused: Vec<(String, String)>,
    /// Entries of the pool disqualified in this stage or an earlier one: they wait for no sheet,
    /// so their rows of `matrix` hold no assigned pair.
    #[serde(default)]
    pub disqualified: Vec<String>,
}

impl Completeness {
    /// Every assigned pair is submitted or excepted.
    pub fn is_complete(&self) -> bool {
        self.submitted + self.excepted == self.assigned
    }
}

/// Who has scored what in a scoring stage.
pub fn completeness(input: &StageInput<'_>) -> Completeness {
    let nc = input.stage.criteria().len();
    // A disqualified entry has left the stage: no sheet of it is awaited.
    let disq = disqualified(input);
    let mut pairs = assigned_pairs(input);
    for (pos, &e) in input.pool.iter().enumerate() {
        if disq.contains_key(input.entries[e as usize].code.as_str()) {
            pairs[pos].clear();
        }
    }
    let jurors: Vec<u32> = {
        let mut v: Vec<u32> = pairs.iter().flatten().copied().collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let col: HashMap<u32, usize> = jurors.iter().enumerate().map(|(i, &j)| (j, i)).collect();
    let mut filled: HashMap<(u32, u32), usize> = HashMap::new();
    for c in input.cells {
        *filled.entry((c.entry, c.juror)).or_default() += 1;
    }
    let submitted: std::collections::HashSet<(u32, u32)> =
        input.submitted.iter().copied().collect();
    let mut out = Completeness {
        stage: input.stage.id.clone(),
        jurors: jurors
            .iter()
            .map(|&j| input.jurors[j as usize].id.clone())
            .collect(),
        entries: Vec::new(),
        matrix: Vec::new(),
        assigned: 0,
        submitted: 0,
        excepted: 0,
        recused: Vec::new(),
        disqualified: Vec::new(),
    };
    for (pos, &e) in input.pool.iter().enumerate() {
        let entry = &input.entries[e as usize];
        if entry.withdrawn {
            continue;
        }
        out.entries.push(entry.code.clone());
        let mut row = vec![None; jurors.len()];
        if disq.contains_key(entry.code.as_str()) {
            out.disqualified.push(entry.code.clone());
        }
        for &j in &pairs[pos] {
            let juror = &input.jurors[j as usize];
            let n = filled.get(&(e, j)).copied().unwrap_or(0);
            let state = if submitted.contains(&(e, j)) {
                PairState::Submitted
            } else if input.decisions.iter().any(|d| {
                matches!(d, Decision::Exception { stage, juror: jj, entry: ee, .. }
                if *stage == input.stage.id && *jj == juror.id && *ee == entry.code)
            }) {
                PairState::Excepted
            } else if n == 0 {
                PairState::Empty
            } else if n >= nc {
                PairState::Complete
            } else {
                PairState::Partial
            };
            out.assigned += 1;
            match state {
                PairState::Submitted => out.submitted += 1,
                PairState::Excepted => out.excepted += 1,
                _ => {}
            }
            row[col[&j]] = Some(state);
        }
        for juror in input.jurors.iter().filter(|j| {
            j.active
                && j.assignments
                    .get(&input.stage.id)
                    .is_some_and(|a| a.covers(entry))
        }) {
            if let Some(c) = juror.recusal(entry) {
                let _ = c;
                out.recused.push((juror.id.clone(), entry.code.clone()));
            }
        }
        out.matrix.push(row);
    }
    out
}
