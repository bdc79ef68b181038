//! Ranking with a tie-break cascade, recorded tie decisions, and cut-offs (advancement, awards).

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::aggregate::{desc, Score};
use crate::model::Decision;

/// How an entry's position relates to entries with the same score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "state", content = "by")]
pub enum TieState {
    /// No other entry has the same score.
    None,
    /// Same score as another entry; separated by this tie-break key.
    BrokenBy(String),
    /// Still tied after the whole cascade; ordered by a recorded chair decision.
    Decided(String),
    /// Still tied after the whole cascade; needs a chair decision.
    Unresolved,
}

/// One entry to rank: its aggregate score and the tie-break values in cascade order.
pub(crate) struct Candidate<'a> {
    pub code: &'a str,
    pub score: Score,
    pub keys: Vec<Option<Score>>,
}

pub(crate) struct Placed {
    /// Index into the candidate slice.
    pub index: usize,
    pub rank: u32,
    pub tie: TieState,
    /// Size of the group that shares this rank (1 unless unresolved).
    pub shared: u32,
}

/// Ranks candidates best first. `key_names` names the tie-break keys for display.
pub(crate) fn rank(
    cands: &[Candidate<'_>],
    key_names: &[String],
    stage: &str,
    decisions: &[Decision],
) -> Vec<Placed> {
    let mut order: Vec<usize> = (0..cands.len()).collect();
    let full = |a: &Candidate<'_>, b: &Candidate<'_>| -> Ordering {
        b.score.cmp(&a.score).then_with(|| {
            for (x, y) in a.keys.iter().zip(&b.keys) {
                let o = desc(x, y);
                if o != Ordering::Equal {
                    return o;
                }
            }
            Ordering::Equal
        })
    };
    order.sort_by(|&a, &b| {
        full(&cands[a], &cands[b]).then_with(|| cands[a].code.cmp(cands[b].code))
    });

    let mut placed: Vec<Placed> = Vec::with_capacity(cands.len());
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && full(&cands[order[i]], &cands[order[j]]) == Ordering::Equal {
            j += 1;
        }
        let group = &order[i..j];
        let base = i as u32 + 1;
        if group.len() == 1 {
            placed.push(Placed {
                index: group[0],
                rank: base,
                tie: TieState::None,
                shared: 1,
            });
        } else if let Some((reason, positions)) = decided_order(group, cands, stage, decisions) {
            let mut g: Vec<usize> = group.to_vec();
            g.sort_by_key(|&k| positions(cands[k].code));
            for (n, k) in g.into_iter().enumerate() {
                placed.push(Placed {
                    index: k,
                    rank: base + n as u32,
                    tie: TieState::Decided(reason.clone()),
                    shared: 1,
                });
            }
        } else {
            for &k in group {
                placed.push(Placed {
                    index: k,
                    rank: base,
                    tie: TieState::Unresolved,
                    shared: group.len() as u32,
                });
            }
        }
        i = j;
    }
    // Name the key that separated entries with equal aggregate scores.
    for w in 0..placed.len() {
        if placed[w].tie != TieState::None {
            continue;
        }
        let me = &cands[placed[w].index];
        let mut by: Option<usize> = None;
        for n in [w.wrapping_sub(1), w + 1] {
            if let Some(other) = placed.get(n) {
                let o = &cands[other.index];
                if o.score == me.score {
                    let k = me
                        .keys
                        .iter()
                        .zip(&o.keys)
                        .position(|(x, y)| desc(x, y) != Ordering::Equal);
                    by = match (by, k) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        (a, b) => a.or(b),
                    };
                }
            }
        }
        if let Some(k) = by {
            placed[w].tie = TieState::BrokenBy(key_names.get(k).cloned().unwrap_or_default());
        }
    }
    placed
}

type Positions<'d> = Box<dyn Fn(&str) -> usize + 'd>;

fn decided_order<'d>(
    group: &[usize],
    cands: &[Candidate<'_>],
    stage: &str,
    decisions: &'d [Decision],
) -> Option<(String, Positions<'d>)> {
    decisions.iter().rev().find_map(|d| match d {
        Decision::TieOrder {
            stage: s,
            entries,
            reason,
        } if s == stage => {
            let covers = group
                .iter()
                .all(|&k| entries.iter().any(|e| e == cands[k].code));
            covers.then(|| {
                let f: Positions<'d> = Box::new(move |code: &str| {
                    entries.iter().position(|e| e == code).unwrap_or(usize::MAX)
                });
                (reason.clone(), f)
            })
        }
        _ => None,
    })
}

/// Where an entry stands relative to a cut-off (advancement or an award tier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Cut {
    In,
    Out,
    /// An unresolved tie straddles the cut: a chair decision is needed.
    Undecided,
}

/// Position `rank` in a group of `shared` tied entries against a capacity.
pub(crate) fn cut(rank: u32, shared: u32, capacity: u32) -> Cut {
    if rank + shared - 1 <= capacity {
        Cut::In
    } else if rank > capacity {
        Cut::Out
    } else {
        Cut::Undecided
    }
}
