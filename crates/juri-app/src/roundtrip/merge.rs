//! The chair's merge of score bundles: verify every file (on both cores), check it against the
//! competition, plan with the bundle crate's planner looking up only the records the files touch,
//! show the plan, and apply that same plan in one transaction, keeping every imported file.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use juri_bundle::{ChairKeys, Fingerprint};
use juri_store::{NewBundle, Tx};
use serde::Serialize;

use crate::chair::{Chair, Snapshot};
use crate::error::{AppError, Hint};
use crate::files::read_juri_file;
use crate::refusal::Refusal;
use crate::roundtrip::conflicts::{ConflictView, Names};
use crate::roundtrip::merge_engine::{
    read_all, Converted, Index, Progress, ReadResult, Reader, StoreBundle,
};
use crate::roundtrip::merge_plan::{preview, write, OutcomeCounts, Plan, Settled};
use crate::roundtrip::records::StoreRecords;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BundleStatus {
    /// Verified and merged (or to be merged, in a dry run).
    Accepted,
    /// The same file was imported before; nothing to do.
    AlreadyImported,
    /// The same file appears twice in this import.
    Duplicate,
    /// Refused whole; `problems` says why.
    Rejected,
}

/// One file of a merge.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BundleLine {
    pub file: String,
    /// Short fingerprint of the file, when it could be read.
    pub fingerprint: Option<String>,
    pub juror: Option<String>,
    pub sequence: Option<u64>,
    pub exported_at: Option<String>,
    /// Score cells in the file.
    pub cells: usize,
    /// Records in the file: score cells, notes and submission states.
    pub records: usize,
    pub status: BundleStatus,
    /// How this file's versions compare with the chair's records before the merge.
    pub outcomes: OutcomeCounts,
    pub problems: Vec<String>,
}

/// The plan of a merge, as the chair sees it before (dry run) or after applying it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeReport {
    pub dry_run: bool,
    /// Whether anything was written (false in a dry run or when no file was accepted).
    pub applied: bool,
    pub bundles: Vec<BundleLine>,
    /// Outcomes over the records the accepted files touch (score cells, notes, submissions).
    pub records: OutcomeCounts,
    pub accepted: usize,
    pub rejected: usize,
    pub skipped: usize,
    /// Records whose conflict this merge opens or widens.
    pub conflicts: Vec<ConflictView>,
}

/// A merge planned and previewed, not yet written: what [`Chair::apply_merge`] writes. It holds
/// the plan itself, with every record it touches as it was when planned, so what is applied is
/// what was previewed, or nothing.
pub struct PlannedMerge {
    /// The chair's database the plan was made against.
    db: PathBuf,
    files: Vec<PathBuf>,
    report: MergeReport,
    plan: Plan,
    /// (file index, fingerprint, what is stored with it), in file order.
    accepted: Vec<(usize, Fingerprint, AcceptedFile)>,
    /// The newest journal entry when planned.
    planned_against: i64,
}

impl PlannedMerge {
    /// The preview: what applying would do (`dry_run` is true, nothing is written yet).
    pub fn report(&self) -> &MergeReport {
        &self.report
    }

    /// The files this plan merges.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }
}

/// The merge the chair previewed, kept until it is applied or another is previewed (the desktop
/// app holds one between the preview and the chair's "apply").
#[derive(Default)]
pub struct PendingMerge(Option<PlannedMerge>);

impl Chair {
    /// Plans merging `files` and keeps the plan in `pending`; returns the preview.
    pub fn preview_merge(
        &self,
        pending: &mut PendingMerge,
        files: &[PathBuf],
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        pending.0 = None;
        let planned = self.plan_merge(files, progress)?;
        let report = planned.report.clone();
        pending.0 = Some(planned);
        Ok(report)
    }

    /// Applies the plan previewed for `files` (see [`Chair::apply_merge`]); refuses when none was.
    pub fn apply_previewed(
        &mut self,
        pending: &mut PendingMerge,
        files: &[PathBuf],
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        let planned = pending
            .0
            .take()
            .filter(|p| p.files == files)
            .ok_or_else(|| AppError::from(Refusal::NotPreviewed))?;
        self.apply_merge(planned, progress)
    }
}

/// What reading the files of a merge found.
struct Read {
    lines: Vec<BundleLine>,
    plan: Plan,
    accepted: Vec<(usize, Fingerprint, AcceptedFile)>,
}

fn empty_line(file: &Path) -> BundleLine {
    BundleLine {
        file: file.display().to_string(),
        fingerprint: None,
        juror: None,
        sequence: None,
        exported_at: None,
        cells: 0,
        records: 0,
        status: BundleStatus::Rejected,
        outcomes: OutcomeCounts::default(),
        problems: Vec::new(),
    }
}

/// Reads every file and plans the accepted ones over `records`, which is asked only for the keys
/// the files touch.
fn read_and_plan(
    files: &[PathBuf],
    reader: &Reader<'_>,
    records: &StoreRecords<'_, '_>,
    progress: Option<Progress<'_>>,
) -> Result<Read, AppError> {
    let mut plan = Plan::default();
    let mut failed = None;
    let mut lines: Vec<Option<BundleLine>> = vec![None; files.len()];
    let mut seen: HashMap<Fingerprint, usize> = HashMap::new();
    let mut accepted = Vec::new();
    let load = |i: usize| read_juri_file(&files[i]);
    read_all(files.len(), &load, reader, progress, |i, result| {
        let mut line = empty_line(&files[i]);
        match result {
            ReadResult::Known(fp) => {
                line.fingerprint = Some(fp.short());
                line.status = BundleStatus::AlreadyImported;
            }
            ReadResult::Rejected(fp, problems) => {
                line.fingerprint = fp.map(|f| f.short());
                line.problems = problems;
            }
            ReadResult::Accepted(converted) => {
                let Converted {
                    fingerprint,
                    juror,
                    sequence,
                    package_version,
                    exported_at,
                    records: versions,
                } = *converted;
                line.fingerprint = Some(fingerprint.short());
                line.juror = Some(reader.ix.snap.jurors[juror].id.clone());
                line.sequence = Some(sequence);
                line.exported_at = Some(exported_at.clone());
                line.cells = versions.scores.len();
                line.records = versions.len();
                if seen.insert(fingerprint, i).is_some() {
                    line.status = BundleStatus::Duplicate;
                } else if failed.is_none() {
                    line.status = BundleStatus::Accepted;
                    match plan.absorb(versions, records) {
                        Ok(counts) => line.outcomes = counts.into(),
                        Err(e) => failed = Some(e),
                    }
                    let file = AcceptedFile {
                        juror,
                        sequence,
                        package_version,
                        exported_at,
                    };
                    accepted.push((i, fingerprint, file));
                }
            }
        }
        lines[i] = Some(line);
    });
    if let Some(e) = failed {
        return Err(e);
    }
    accepted.sort_by_key(|(i, _, _)| *i);
    Ok(Read {
        lines: lines.into_iter().flatten().collect(),
        plan,
        accepted,
    })
}

impl Chair {
    /// Merges score bundle files: plans ([`Chair::plan_merge`]) and, unless `dry_run`, applies
    /// that plan ([`Chair::apply_merge`]) in the same run. Every file is verified and checked
    /// against the competition; a bad one is rejected whole and the others still merge.
    pub fn merge(
        &mut self,
        files: &[PathBuf],
        dry_run: bool,
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        if let Some(report) = self.merge_in_batches(files, dry_run, progress)? {
            return Ok(report);
        }
        // A juror's files were not next to each other: one plan of every file.
        let planned = self.plan_merge(files, progress)?;
        if dry_run {
            return Ok(planned.report);
        }
        self.apply_merge(planned, None)
    }

    /// [`Chair::merge`] without holding every file's records at once: reads the files in order
    /// and plans them in batches of whole jurors (a record is one juror's, so batches touch
    /// disjoint records and each is planned against the records as they were before the merge),
    /// writing each batch and dropping it before the next, all in one transaction. Returns
    /// `None`, writing nothing, when a juror's files come apart around a batch.
    fn merge_in_batches(
        &mut self,
        files: &[PathBuf],
        dry_run: bool,
        progress: Option<Progress<'_>>,
    ) -> Result<Option<MergeReport>, AppError> {
        let keys = self.keys_for_merge()?;
        let snap = self.snapshot()?;
        let competition = snap.definition.competition.id.clone();
        let now = crate::now();
        if !dry_run {
            set_bulk_pragmas(self, true)?;
        }
        let done = self.db.write_or_discard(|tx| {
            let ix = Index::new(tx, &snap)?;
            let known: HashSet<String> =
                tx.bundles()?.into_iter().map(|b| b.fingerprint).collect();
            let reader = Reader {
                chair: &keys,
                competition: &competition,
                ix: &ix,
                known: &known,
                validate: true,
            };
            let records = StoreRecords::new(tx)?;
            let names = Names::load(tx, &snap)?;
            let write_to = (!dry_run).then_some(tx);
            let Some(read) = read_in_batches(files, &reader, &records, &names, write_to, progress)?
            else {
                return Ok((None, false));
            };
            let count = |s: BundleStatus| read.lines.iter().filter(|b| b.status == s).count();
            let mut report = MergeReport {
                dry_run,
                applied: false,
                records: read.settled.counts,
                accepted: count(BundleStatus::Accepted),
                rejected: count(BundleStatus::Rejected),
                skipped: count(BundleStatus::AlreadyImported) + count(BundleStatus::Duplicate),
                conflicts: read.settled.conflicts,
                bundles: read.lines,
            };
            if dry_run || read.accepted.is_empty() {
                return Ok((Some(report), false));
            }
            let body = serde_json::json!({
                "files": read.accepted.iter().map(|(i, _, _)| files[*i].display().to_string()).collect::<Vec<_>>(),
            });
            let journal = tx.add_journal(&now, "merge", &body.to_string())?;
            for (i, fp, b) in &read.accepted {
                store_file(tx, &files[*i], *fp, b, &report.bundles[*i], &snap, journal)?;
            }
            tx.audit(&now, "merge", &describe_merge(&report, &report.records))?;
            report.applied = true;
            Ok((Some(report), true))
        });
        if !dry_run {
            set_bulk_pragmas(self, false)?;
        }
        done
    }

    /// The chair's keys, which a merge needs to decrypt the bundles.
    fn keys_for_merge(&self) -> Result<ChairKeys, AppError> {
        self.stored_chair_keys()?.ok_or_else(|| {
            AppError::needs(
                "this competition has no chair keys yet: issue the juror packages first, then \
                 merge the bundles the jurors send back",
                Hint::IssuePackages,
            )
        })
    }

    /// Plans merging score bundle files without writing anything: verifies and checks every file,
    /// and looks up only the chair's records the accepted files touch. The preview is
    /// [`PlannedMerge::report`]; [`Chair::apply_merge`] writes exactly this plan.
    pub fn plan_merge(
        &self,
        files: &[PathBuf],
        progress: Option<Progress<'_>>,
    ) -> Result<PlannedMerge, AppError> {
        let keys = self.keys_for_merge()?;
        let snap = self.snapshot()?;
        let competition = snap.definition.competition.id.clone();
        let tx = self.db.read();
        let ix = Index::new(&tx, &snap)?;
        let known: HashSet<String> = tx.bundles()?.into_iter().map(|b| b.fingerprint).collect();
        // Records change through the journal (merges, paper imports, rulings): the plan is
        // applied only if no entry was added since it was made.
        let planned_against = tx.last_journal_id()?;
        let reader = Reader {
            chair: &keys,
            competition: &competition,
            ix: &ix,
            known: &known,
            validate: true,
        };
        let records = StoreRecords::new(&tx)?;
        let read = read_and_plan(files, &reader, &records, progress)?;
        let names = Names::load(&tx, &snap)?;
        let settled = preview(&read.plan, &names);
        let count = |s: BundleStatus| read.lines.iter().filter(|b| b.status == s).count();
        let report = MergeReport {
            dry_run: true,
            applied: false,
            records: settled.counts,
            accepted: count(BundleStatus::Accepted),
            rejected: count(BundleStatus::Rejected),
            skipped: count(BundleStatus::AlreadyImported) + count(BundleStatus::Duplicate),
            conflicts: settled.conflicts,
            bundles: read.lines,
        };
        Ok(PlannedMerge {
            db: self.path.clone(),
            files: files.to_vec(),
            report,
            plan: read.plan,
            accepted: read.accepted,
            planned_against,
        })
    }

    /// Writes a planned merge in one transaction, with every accepted file. Refuses, writing
    /// nothing, when the chair's records changed since the plan was made (another merge, a paper
    /// import, a ruling, or any record the plan touches) or a file changed since it was read.
    /// `progress` hears each file stored.
    pub fn apply_merge(
        &mut self,
        planned: PlannedMerge,
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        let PlannedMerge {
            db,
            files,
            mut report,
            plan,
            accepted,
            planned_against,
        } = planned;
        report.dry_run = false;
        if db != self.path {
            return Err(Refusal::PlannedElsewhere.into());
        }
        if accepted.is_empty() {
            return Ok(report);
        }
        let snap = self.snapshot()?;
        let now = crate::now();
        // A merge can be redone from the files, so its one large transaction is written without
        // waiting for the disk at commit (WAL, synchronous=NORMAL: the database stays consistent;
        // a power cut right after may lose the merge, not corrupt anything), with a larger cache.
        set_bulk_pragmas(self, true)?;
        let report_ref = &report;
        let written = self.db.write(|tx| -> Result<Settled, AppError> {
            let records = StoreRecords::new(tx)?;
            if tx.last_journal_id()? != planned_against || !plan.is_current(&records)? {
                return Err(Refusal::PreviewStale.into());
            }
            let body = serde_json::json!({
                "files": accepted.iter().map(|(i, _, _)| files[*i].display().to_string()).collect::<Vec<_>>(),
            });
            let journal = tx.add_journal(&now, "merge", &body.to_string())?;
            for (n, (i, fp, b)) in accepted.iter().enumerate() {
                let line = &report_ref.bundles[*i];
                store_file(tx, &files[*i], *fp, b, line, &snap, journal)?;
                if let Some(p) = progress {
                    p(n + 1, accepted.len());
                }
            }
            let names = Names::load(tx, &snap)?;
            let settled = write(plan, &names, tx)?;
            tx.audit(&now, "merge", &describe_merge(report_ref, &settled.counts))?;
            Ok(settled)
        });
        set_bulk_pragmas(self, false)?;
        let settled = written?;
        report.records = settled.counts;
        report.conflicts = settled.conflicts;
        report.applied = true;
        Ok(report)
    }
}

/// Stores an accepted file with the merge's journal entry, refusing it when it changed since it
/// was read.
fn store_file(
    tx: &Tx<'_>,
    file: &Path,
    fp: Fingerprint,
    b: &AcceptedFile,
    line: &BundleLine,
    snap: &Snapshot,
    journal: i64,
) -> Result<(), AppError> {
    let bytes = read_juri_file(file)?;
    if Fingerprint::of(&bytes) != fp {
        return Err(AppError::BadFile {
            file: file.display().to_string(),
            message: "the file changed since the merge was previewed; merge again".into(),
        });
    }
    tx.add_bundle(&NewBundle {
        fingerprint: &fp.to_hex(),
        juror_id: snap.juror_ids[b.juror],
        sequence: b.sequence as i64,
        package_version: i64::from(b.package_version),
        exported_at: &b.exported_at,
        cells: line.cells as i64,
        file_name: &file_name(file),
        journal_id: journal,
        bytes: &bytes,
    })?;
    Ok(())
}

/// Records a batch of [`Chair::merge`] plans before it is written and dropped (a planned score
/// cell takes a few hundred bytes).
const BATCH_RECORDS: usize = 300_000;

/// What reading the files of a merge in batches found.
struct ReadBatched {
    lines: Vec<BundleLine>,
    settled: Settled,
    accepted: Vec<(usize, Fingerprint, AcceptedFile)>,
}

/// The batches of [`read_in_batches`]: the plan of the batch being made, and the accepted files
/// of the juror read last, absorbed when another juror's file comes (so that a juror's files,
/// when they come one after the other, are planned in the same batch).
struct Batches<'a, 't, 'c> {
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
            if self.plan_len() >= BATCH_RECORDS {
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
fn read_in_batches<'c>(
    files: &[PathBuf],
    reader: &Reader<'_>,
    records: &StoreRecords<'_, 'c>,
    names: &Names,
    tx: Option<&Tx<'c>>,
    progress: Option<Progress<'_>>,
) -> Result<Option<ReadBatched>, AppError> {
    let mut lines: Vec<Option<BundleLine>> = vec![None; files.len()];
    let mut seen: HashMap<Fingerprint, usize> = HashMap::new();
    let mut accepted = Vec::new();
    let mut batches = Batches {
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
            let mut line = empty_line(&files[i]);
            match result {
                ReadResult::Known(fp) => {
                    line.fingerprint = Some(fp.short());
                    line.status = BundleStatus::AlreadyImported;
                }
                ReadResult::Rejected(fp, problems) => {
                    line.fingerprint = fp.map(|f| f.short());
                    line.problems = problems;
                }
                ReadResult::Accepted(converted) => {
                    let Converted {
                        fingerprint,
                        juror,
                        sequence,
                        package_version,
                        exported_at,
                        records: versions,
                    } = *converted;
                    line.fingerprint = Some(fingerprint.short());
                    line.juror = Some(reader.ix.snap.jurors[juror].id.clone());
                    line.sequence = Some(sequence);
                    line.exported_at = Some(exported_at.clone());
                    line.cells = versions.scores.len();
                    line.records = versions.len();
                    if seen.insert(fingerprint, i).is_some() {
                        line.status = BundleStatus::Duplicate;
                    } else {
                        line.status = BundleStatus::Accepted;
                        lines[i] = Some(line);
                        batches.take(i, juror, versions, &mut lines);
                        let file = AcceptedFile {
                            juror,
                            sequence,
                            package_version,
                            exported_at,
                        };
                        accepted.push((i, fingerprint, file));
                        continue;
                    }
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

/// The connection's settings for one large merge transaction, or back to the usual ones.
fn set_bulk_pragmas(chair: &Chair, bulk: bool) -> Result<(), AppError> {
    let conn = chair.db.connection();
    let (synchronous, cache) = if bulk {
        ("NORMAL", -262_144)
    } else {
        ("FULL", -65_536)
    };
    conn.pragma_update(None, "synchronous", synchronous)
        .map_err(juri_store::StoreError::from)?;
    conn.pragma_update(None, "cache_size", cache)
        .map_err(juri_store::StoreError::from)?;
    Ok(())
}

/// What is stored with an accepted file.
struct AcceptedFile {
    juror: usize,
    sequence: u64,
    package_version: u32,
    exported_at: String,
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn describe_merge(r: &MergeReport, c: &OutcomeCounts) -> String {
    let mut s = format!(
        "{} bundle{} merged ({} new, {} updated, {} unchanged, {} stale, {} conflicts)",
        r.accepted,
        if r.accepted == 1 { "" } else { "s" },
        c.new,
        c.updated,
        c.unchanged,
        c.stale,
        c.conflicts
    );
    if r.skipped > 0 {
        s += &format!("; {} already imported", r.skipped);
    }
    for b in r
        .bundles
        .iter()
        .filter(|b| b.status == BundleStatus::Rejected)
    {
        s += &format!("; rejected {}: {}", b.file, b.problems.join("; "));
    }
    s
}
