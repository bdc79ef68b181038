//! The CLI's merge in batches of whole jurors: a batch is planned, written (or previewed) and
//! dropped before the next, so a national merge never holds every file's records at once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use juri_bundle::Fingerprint;
use juri_store::Tx;

use crate::error::AppError;
use crate::files::read_juri_file;
use crate::roundtrip::conflicts::Names;
use crate::roundtrip::lines::{read_line, AcceptedFile, BundleLine, BundleStatus};
use crate::roundtrip::merge_engine::{read_all, Progress, ReadResult, Reader, StoreBundle};
use crate::roundtrip::merge_plan::{preview, write, Plan, Settled};
use crate::roundtrip::records::StoreRecords;

/// Records a batch of [`Chair::merge`] plans before it is written and dropped (a planned score
/// cell takes a few hundred bytes). Small enough that a batch is written while the next files are
/// read on the other core: the national full merge (214,000 records) takes 0.82 s against 0.91 s
/// with one batch of everything (`RUNS=5 bash bench/merge.sh national`).
pub(crate) const BATCH_RECORDS: usize = 20_000;

/// What reading the files of a merge in batches found.
pub(super) struct ReadBatched {
    pub lines: Vec<BundleLine>,
    pub settled: Settled,
    pub accepted: Vec<(usize, Fingerprint, AcceptedFile)>,
}

/// The batches of [`read_in_batches`]: the plan of the batch being made, and the accepted files
/// of the juror read last, absorbed when another juror's file comes (so that a juror's files,
/// when they come one after the other, are planned in the same batch).
struct Batches<'a, 't, 'c> {
    /// How many planned records make a batch.
    limit: usize,
    records: &'a StoreRecords<'t, 'c>,
    names: &'a Names,
    /// Where each batch is written; none in a dry run.
    tx: Option<&'a Tx<'c>>,
    plan: Plan,
    run: Vec<(usize, StoreBundle)>,
    run_juror: Option<usize>,
    /// Jurors whose records an earlier batch planned.
    done: HashSet<usize>,
    /// Jurors whose records the current batch plans.
    planning: HashSet<usize>,
    settled: Settled,
    /// A juror's files came apart around a batch.
    split: bool,
    failed: Option<AppError>,
}

impl Batches<'_, '_, '_> {
    fn take(
        &mut self,
        i: usize,
        juror: usize,
        versions: StoreBundle,
        lines: &mut [Option<BundleLine>],
    ) {
        if self.run_juror != Some(juror) {
            self.absorb_run(lines);
            if self.plan_len() >= self.limit {
                self.settle();
            }
            self.run_juror = Some(juror);
        }
        self.run.push((i, versions));
    }

    fn plan_len(&self) -> usize {
        self.plan.scores.len() + self.plan.notes.len() + self.plan.submissions.len()
    }

    fn absorb_run(&mut self, lines: &mut [Option<BundleLine>]) {
        let Some(juror) = self.run_juror else {
            return;
        };
        if self.done.contains(&juror) {
            self.split = true;
        }
        if self.split || self.failed.is_some() {
            self.run.clear();
            return;
        }
        self.planning.insert(juror);
        for (i, versions) in self.run.drain(..) {
            match self.plan.absorb(versions, self.records) {
                Ok(counts) => {
                    if let Some(line) = lines[i].as_mut() {
                        line.outcomes = counts.into();
                    }
                }
                Err(e) => {
                    self.failed = Some(e);
                    return;
                }
            }
        }
    }

    /// Writes the current batch (previews it in a dry run) and drops it.
    fn settle(&mut self) {
        if self.split || self.failed.is_some() {
            return;
        }
        let plan = std::mem::take(&mut self.plan);
        let settled = match self.tx {
            Some(tx) => match write(plan, self.names, tx) {
                Ok(s) => s,
                Err(e) => {
                    self.failed = Some(e);
                    return;
                }
            },
            None => preview(&plan, self.names),
        };
        self.settled.add(settled);
        self.done.extend(self.planning.drain());
    }
}

/// Reads every file in order and plans the accepted ones in batches (see
/// [`Chair::merge_in_batches`]), each written to `tx` (unless a dry run) as soon as it is made.
/// `None` when a juror's files came apart around a batch.
pub(super) fn read_in_batches<'c>(
    files: &[PathBuf],
    reader: &Reader<'_>,
    records: &StoreRecords<'_, 'c>,
    names: &Names,
    tx: Option<&Tx<'c>>,
    progress: Option<Progress<'_>>,
    limit: usize,
) -> Result<Option<ReadBatched>, AppError> {
    let mut lines: Vec<Option<BundleLine>> = vec![None; files.len()];
    let mut seen: HashMap<Fingerprint, usize> = HashMap::new();
    let mut accepted = Vec::new();
    let mut batches = Batches {
        limit,
        records,
        names,
        tx,
        plan: Plan::default(),
        run: Vec::new(),
        run_juror: None,
        done: HashSet::new(),
        planning: HashSet::new(),
        settled: Settled::default(),
        split: false,
        failed: None,
    };
    // Files are read on both cores and may arrive out of order: they are taken in file order.
    let mut waiting: BTreeMap<usize, ReadResult> = BTreeMap::new();
    let mut next = 0;
    let load = |i: usize| read_juri_file(&files[i]);
    read_all(files.len(), &load, reader, progress, |i, result| {
        waiting.insert(i, result);
        while let Some(result) = waiting.remove(&next) {
            let i = next;
            next += 1;
            let (mut line, found) = read_line(&files[i], result, &reader.ix.snap.jurors);
            if let Some((fingerprint, versions, file)) = found {
                if seen.insert(file.content_fingerprint, i).is_some() {
                    line.status = BundleStatus::Duplicate;
                } else {
                    line.status = BundleStatus::Accepted;
                    let juror = file.juror;
                    lines[i] = Some(line);
                    batches.take(i, juror, versions, &mut lines);
                    accepted.push((i, fingerprint, file));
                    continue;
                }
            }
            lines[i] = Some(line);
        }
    });
    batches.absorb_run(&mut lines);
    batches.settle();
    if let Some(e) = batches.failed {
        return Err(e);
    }
    if batches.split {
        return Ok(None);
    }
    Ok(Some(ReadBatched {
        lines: lines.into_iter().flatten().collect(),
        settled: batches.settled.sorted(),
        accepted,
    }))
}
