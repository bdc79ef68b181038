//! How stages feed each other: the entry pool of a stage, the results of a screening stage, and
//! [`evaluate`], which computes the stages of a competition in order, each once.

use std::collections::{BTreeMap, HashMap};

use crate::definition::{Definition, Method, StageDef, StageKind};
use crate::model::{Cell, Decision, Entry, Juror, Screening};
use crate::ranking::Cut;
use crate::results::{self, Agreement, RankGroup, RankedEntry, StageInput, StageResults};

/// The competition as the stages see it: its definition and the people and entries in it.
#[derive(Debug, Clone, Copy)]
pub struct Competition<'a> {
    pub definition: &'a Definition,
    pub entries: &'a [Entry],
    pub jurors: &'a [Juror],
    pub decisions: &'a [Decision],
}

/// What a stage's records hold, as the store gives them.
#[derive(Debug, Clone)]
pub enum StageRecords {
    /// A screening stage: the pass/fail records.
    Screening(Vec<Screening>),
    /// A scored stage: score cells and submitted (entry, juror) pairs, as dense indexes.
    Scores {
        cells: Vec<Cell>,
        submitted: Vec<(u32, u32)>,
    },
}

/// Where [`evaluate`] finds each stage's frozen results and records.
pub trait StageSource {
    type Error;
    /// The results frozen when stage `index` was finalised (with `finalized_at` set), if it was.
    fn frozen(&mut self, index: usize) -> Result<Option<StageResults>, Self::Error>;
    /// The records of stage `index`.
    fn records(&mut self, index: usize) -> Result<StageRecords, Self::Error>;
}

/// The results of stages `0..=upto`, each computed once, in order: a finalised stage gives its
/// frozen results, any other is computed over the pool its predecessor advanced, and is
/// provisional while that predecessor is not finalised. `method` overrides the aggregation method
/// of stage `upto` only; a finalised stage asked for another method is computed afresh.
pub fn evaluate<S: StageSource>(
    competition: &Competition<'_>,
    upto: usize,
    method: Option<Method>,
    source: &mut S,
) -> Result<Vec<StageResults>, S::Error> {
    let def = competition.definition;
    let mut earlier: BTreeMap<String, StageResults> = BTreeMap::new();
    let mut out: Vec<StageResults> = Vec::with_capacity(upto + 1);
    for k in 0..def.stages.len().min(upto + 1) {
        let method = if k == upto { method } else { None };
        let frozen = source
            .frozen(k)?
            .filter(|f| method.is_none() || method == Some(f.method));
        let res = match frozen {
            Some(mut frozen) => {
                frozen.number_awards(&def.stages[k]);
                frozen
            }
            None => {
                let prev = out.last();
                let records = source.records(k)?;
                let mut res = stage_results(competition, k, prev, &earlier, method, records);
                res.provisional = prev.is_some_and(|p| p.finalized_at.is_none());
                res
            }
        };
        earlier.insert(res.stage.clone(), res.clone());
        out.push(res);
    }
    Ok(out)
}

fn stage_results(
    c: &Competition<'_>,
    k: usize,
    prev: Option<&StageResults>,
    earlier: &BTreeMap<String, StageResults>,
    method: Option<Method>,
    records: StageRecords,
) -> StageResults {
    let stage = &c.definition.stages[k];
    let pool = pool(c.definition, k, c.entries, prev);
    match (stage.kind, records) {
        (StageKind::Screening, StageRecords::Screening(records)) => {
            screening_results(c.definition, stage, c.entries, &pool, &records)
        }
        (_, records) => {
            let (cells, submitted) = match records {
                StageRecords::Scores { cells, submitted } => (cells, submitted),
                StageRecords::Screening(_) => (Vec::new(), Vec::new()),
            };
            results::compute(&StageInput {
                definition: c.definition,
                stage,
                entries: c.entries,
                jurors: c.jurors,
                pool: &pool,
                cells: &cells,
                submitted: &submitted,
                decisions: c.decisions,
                earlier,
                method,
            })
        }
    }
}

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
            advance: rec.map(|r| if r.passed { Cut::In } else { Cut::Out }),
            disqualified: rec.filter(|r| !r.passed).map(|r| r.reasons.join(", ")),
            ..results::unranked(e)
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
