//! How stages feed each other: the entry pool of a stage and the results of a screening stage.

use std::collections::HashMap;

use crate::definition::{Definition, StageDef};
use crate::model::{Entry, Screening};
use crate::ranking::{Cut, TieState};
use crate::results::{Agreement, RankGroup, RankedEntry, StageResults};

/// The entries taking part in stage `index`: every entry that is not withdrawn for the first stage,
/// else the entries that advanced from the (finalised) previous stage. `None` for `previous` means
/// the previous stage is not finalised yet, so the pool is empty.
pub fn pool(
    def: &Definition,
    index: usize,
    entries: &[Entry],
    previous: Option<&StageResults>,
) -> Vec<u32> {
    let _ = def;
    if index == 0 {
        return (0..entries.len() as u32)
            .filter(|&i| !entries[i as usize].withdrawn)
            .collect();
    }
    let Some(prev) = previous else {
        return Vec::new();
    };
    let at: HashMap<&str, u32> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.code.as_str(), i as u32))
        .collect();
    let mut v: Vec<u32> = prev
        .advancing()
        .iter()
        .filter_map(|c| at.get(c.as_str()).copied())
        .filter(|&i| !entries[i as usize].withdrawn)
        .collect();
    v.sort_unstable();
    v
}

/// Results of a screening stage: passed entries advance, failed ones do not, unscreened ones are
/// pending (`advance: None`).
pub fn screening_results(
    def: &Definition,
    stage: &StageDef,
    entries: &[Entry],
    pool: &[u32],
    records: &[Screening],
) -> StageResults {
    let by_entry: HashMap<&str, &Screening> =
        records.iter().map(|s| (s.entry.as_str(), s)).collect();
    let mut groups: Vec<RankGroup> = def
        .categories
        .iter()
        .map(|c| RankGroup {
            category: Some(c.id.clone()),
            name: c.name.clone(),
            rows: Vec::new(),
        })
        .collect();
    for &i in pool {
        let e = &entries[i as usize];
        let rec = by_entry.get(e.code.as_str());
        let row = RankedEntry {
            entry: e.code.clone(),
            title: e.title.clone(),
            institution: e.institution.clone(),
            category: e.category.clone(),
            rintisan: e.rintisan,
            juror_totals: Vec::new(),
            missing_jurors: Vec::new(),
            components: Vec::new(),
            score: None,
            rank: None,
            tie: TieState::None,
            advance: rec.map(|r| if r.passed { Cut::In } else { Cut::Out }),
            award: None,
            award_undecided: false,
            spread: None,
            disagreement: false,
            disqualified: rec.filter(|r| !r.passed).map(|r| r.reasons.join(", ")),
        };
        if let Some(g) = groups
            .iter_mut()
            .find(|g| g.category.as_deref() == Some(e.category.as_str()))
        {
            g.rows.push(row);
        }
    }
    StageResults {
        stage: stage.id.clone(),
        stage_name: stage.name.clone(),
        kind: stage.kind,
        method: stage.aggregation.method,
        trim: 0,
        scope: stage.scope,
        groups,
        agreement: Agreement::default(),
        excluded_cells: 0,
        unresolved_ties: Vec::new(),
        undecided: Vec::new(),
        provisional: false,
        finalized_at: None,
    }
}
