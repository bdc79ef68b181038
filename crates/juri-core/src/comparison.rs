//! How an entry's rank would change under each aggregation method.

use serde::{Deserialize, Serialize};

use crate::aggregate::Score;
use crate::definition::Method;
use crate::results::StageResults;

/// Ranks of every entry under each aggregation method, and whether they differ.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MethodComparison {
    pub methods: Vec<Method>,
    pub rows: Vec<ComparedEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComparedEntry {
    pub entry: String,
    pub category: String,
    /// Rank under each method, in the order of `methods`.
    pub ranks: Vec<Option<u32>>,
    pub scores: Vec<Option<Score>>,
    pub changed: bool,
}

/// Ranks of every entry under every aggregation method, and which entries move. `results_under`
/// gives the stage's results under one method (the caller decides where earlier stages come from).
pub fn compare_methods<E>(
    mut results_under: impl FnMut(Method) -> Result<StageResults, E>,
) -> Result<MethodComparison, E> {
    let all: Vec<StageResults> = Method::ALL
        .iter()
        .map(|&m| results_under(m))
        .collect::<Result<_, _>>()?;
    let rows = all[0]
        .rows()
        .map(|r| {
            let ranks: Vec<Option<u32>> = all
                .iter()
                .map(|res| res.row(&r.entry).and_then(|x| x.rank))
                .collect();
            let scores = all
                .iter()
                .map(|res| res.row(&r.entry).and_then(|x| x.score))
                .collect();
            ComparedEntry {
                entry: r.entry.clone(),
                category: r.category.clone(),
                changed: ranks.windows(2).any(|w| w[0] != w[1]),
                ranks,
                scores,
            }
        })
        .collect();
    Ok(MethodComparison {
        methods: Method::ALL.to_vec(),
        rows,
    })
}
