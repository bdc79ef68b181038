//! The chair's merge of score bundles: verify every file (on both cores), check it against the
//! competition, plan with the bundle crate's rules, show the plan, and apply it in one
//! transaction, keeping every imported file.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use juri_bundle::{ChairKeys, DecryptedBundle, Fingerprint};
use juri_store::NewBundle;
use serde::Serialize;

use crate::chair::Chair;
use crate::error::AppError;
use crate::files::read_juri_file;
use crate::roundtrip::conflicts::{ConflictView, Names};
use crate::roundtrip::merge_engine::{convert, Incoming, Index};
use crate::roundtrip::merge_plan::{settle, Current, OutcomeCounts, Plan, Settled};

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

/// Progress of a long merge: files read so far, of how many.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

pub(crate) enum ReadResult {
    Skipped(Fingerprint, BundleStatus),
    Rejected(Option<Fingerprint>, Vec<String>),
    Accepted(Box<Incoming>),
}

/// What reading needs besides the inputs: the chair's keys and the competition.
pub(crate) struct Reader<'a> {
    pub chair: &'a ChairKeys,
    pub competition: &'a str,
    pub ix: &'a Index<'a>,
    /// Fingerprints (hex) of files imported before: skipped before decrypting.
    pub known: &'a HashSet<String>,
    /// Check every record against the competition (a rebuild replays without).
    pub validate: bool,
}

/// Reads, decrypts, verifies and converts every input on up to two threads, handing each result
/// to `sink` on this thread as soon as it is ready (so memory holds a few bundles at a time).
pub(crate) fn read_all(
    count: usize,
    load: &(dyn Fn(usize) -> Result<Vec<u8>, AppError> + Sync),
    reader: &Reader<'_>,
    progress: Option<Progress<'_>>,
    mut sink: impl FnMut(usize, ReadResult),
) {
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 2)
        .min(count.max(1));
    let (send, receive) = mpsc::sync_channel::<(usize, ReadResult)>(4);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= count {
                    break;
                }
                let result = read_one(load, i, reader);
                if send.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(send);
        let mut done = 0;
        for (i, result) in receive {
            done += 1;
            if let Some(p) = progress {
                p(done, count);
            }
            sink(i, result);
        }
    });
}

fn read_one(
    load: &(dyn Fn(usize) -> Result<Vec<u8>, AppError> + Sync),
    i: usize,
    reader: &Reader<'_>,
) -> ReadResult {
    let Reader {
        chair,
        competition,
        ix,
        known,
        validate,
    } = *reader;
    let bytes = match load(i) {
        Ok(b) => b,
        Err(AppError::BadFile { message, .. }) => return ReadResult::Rejected(None, vec![message]),
        Err(AppError::Io { source, .. }) => {
            return ReadResult::Rejected(None, vec![source.to_string()])
        }
        Err(e) => return ReadResult::Rejected(None, vec![e.to_string()]),
    };
    let fingerprint = Fingerprint::of(&bytes);
    if known.contains(&fingerprint.to_hex()) {
        return ReadResult::Skipped(fingerprint, BundleStatus::AlreadyImported);
    }
    let refused =
        |e: juri_bundle::BundleError| ReadResult::Rejected(Some(fingerprint), vec![e.to_string()]);
    let decrypted = match DecryptedBundle::decrypt_with_fingerprint(&bytes, fingerprint, chair) {
        Ok(d) => d,
        Err(e) => return refused(e),
    };
    drop(bytes);
    let view = match decrypted.verify(competition, |j| ix.keys_of(j)) {
        Ok(v) => v,
        Err(e) => return refused(e),
    };
    match convert(&view, ix, validate) {
        Ok(incoming) => ReadResult::Accepted(Box::new(incoming)),
        Err(problems) => ReadResult::Rejected(Some(fingerprint), problems.into_messages()),
    }
}

impl Chair {
    /// Merges score bundle files. Every file is verified and checked against the competition; a
    /// bad one is rejected whole and the others still merge. With `dry_run` nothing is written;
    /// otherwise the plan is applied in one transaction and every accepted file is stored.
    pub fn merge(
        &mut self,
        files: &[PathBuf],
        dry_run: bool,
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        let t0 = std::time::Instant::now();
        let keys = self.stored_chair_keys()?.ok_or_else(|| {
            AppError::Invalid(
                "this competition has no chair keys yet: issue the juror packages first \
                 (`juri package`), then merge the bundles the jurors send back"
                    .into(),
            )
        })?;
        let snap = self.snapshot()?;
        let competition = snap.definition.competition.id.clone();
        let tx = self.db.read();
        let ix = Index::new(&tx, &snap)?;
        let known: HashSet<String> = tx.bundles()?.into_iter().map(|b| b.fingerprint).collect();
        // Records change only through the journal (merges, paper imports, rulings): a plan is
        // applied only if no entry was added since it was made.
        let planned_against = tx.last_journal_id()?;
        let trace = std::env::var_os("JURI_TRACE").is_some();
        let lap = |what: &str| {
            if trace {
                eprintln!("{what}: {:.3} s", t0.elapsed().as_secs_f64());
            }
        };
        lap("snapshot and index");
        // The chair's records are loaded only once a file turns out to be new.
        let has_records = tx.has_records()?;
        let mut current: Option<Current> = None;
        let mut load_error = None;
        let mut plan = Plan::new(0);
        let mut lines: Vec<Option<BundleLine>> = vec![None; files.len()];
        let mut seen: HashMap<Fingerprint, usize> = HashMap::new();
        let mut accepted_files: Vec<(usize, Fingerprint, AcceptedFile)> = Vec::new();
        let load = |i: usize| read_juri_file(&files[i]);
        let reader = Reader {
            chair: &keys,
            competition: &competition,
            ix: &ix,
            known: &known,
            validate: true,
        };
        read_all(files.len(), &load, &reader, progress, |i, result| {
            let file = files[i].display().to_string();
            let mut line = BundleLine {
                file,
                fingerprint: None,
                juror: None,
                sequence: None,
                exported_at: None,
                cells: 0,
                records: 0,
                status: BundleStatus::Rejected,
                outcomes: OutcomeCounts::default(),
                problems: Vec::new(),
            };
            match result {
                ReadResult::Skipped(fp, status) => {
                    line.fingerprint = Some(fp.short());
                    line.status = status;
                }
                ReadResult::Rejected(fp, problems) => {
                    line.fingerprint = fp.map(|f| f.short());
                    line.problems = problems;
                }
                ReadResult::Accepted(incoming) => {
                    let fp = incoming.fingerprint;
                    line.fingerprint = Some(fp.short());
                    line.juror = Some(snap.jurors[incoming.juror].id.clone());
                    line.sequence = Some(incoming.sequence);
                    line.exported_at = Some(incoming.exported_at.clone());
                    line.cells = incoming.cells.len();
                    line.records =
                        incoming.cells.len() + incoming.notes.len() + incoming.submissions.len();
                    if seen.insert(fp, i).is_some() {
                        line.status = BundleStatus::Duplicate;
                    } else {
                        line.status = BundleStatus::Accepted;
                        let summary = AcceptedFile {
                            juror: incoming.juror,
                            sequence: incoming.sequence,
                            package_version: incoming.package_version,
                            exported_at: incoming.exported_at.clone(),
                        };
                        if current.is_none() {
                            current = Some(if has_records {
                                Current::load(&tx, &[]).unwrap_or_else(|e| {
                                    load_error = Some(e);
                                    Current::default()
                                })
                            } else {
                                Current::default()
                            });
                        }
                        let records = current.as_ref().expect("loaded above");
                        line.outcomes = plan.absorb(records, *incoming, files.len());
                        accepted_files.push((i, fp, summary));
                    }
                }
            }
            lines[i] = Some(line);
        });
        if let Some(e) = load_error {
            return Err(e);
        }
        lap("read, verify, check and plan");
        drop(current);
        let names = Names::load(&tx, &snap)?;
        let bundles: Vec<BundleLine> = lines.into_iter().flatten().collect();
        let count = |s: BundleStatus| bundles.iter().filter(|b| b.status == s).count();
        let mut report = MergeReport {
            dry_run,
            applied: false,
            records: OutcomeCounts::default(),
            accepted: count(BundleStatus::Accepted),
            rejected: count(BundleStatus::Rejected),
            skipped: count(BundleStatus::AlreadyImported) + count(BundleStatus::Duplicate),
            conflicts: Vec::new(),
            bundles,
        };
        if dry_run || accepted_files.is_empty() {
            let settled = settle(plan, &names, None)?;
            lap("plan settled");
            report.records = settled.counts;
            report.conflicts = settled.conflicts;
            return Ok(report);
        }
        accepted_files.sort_by_key(|(i, _, _)| *i);
        let now = crate::now();
        // A merge can be redone from the files, so its one large transaction is written without
        // waiting for the disk at commit (WAL, synchronous=NORMAL: the database stays consistent;
        // a power cut right after may lose the merge, not corrupt anything), with a larger cache.
        let conn = self.db.connection();
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(juri_store::StoreError::from)?;
        conn.pragma_update(None, "cache_size", -262_144)
            .map_err(juri_store::StoreError::from)?;
        let report_ref = &report;
        let written = self.db.write(|tx| -> Result<Settled, AppError> {
            let body = serde_json::json!({
                "files": accepted_files.iter().map(|(i, _, _)| files[*i].display().to_string()).collect::<Vec<_>>(),
            });
            if tx.last_journal_id()? != planned_against {
                return Err(AppError::Invalid(
                    "the chair's records changed while this merge was being planned; merge again"
                        .into(),
                ));
            }
            let journal = tx.add_journal(&now, "merge", &body.to_string())?;
            for (i, fp, b) in &accepted_files {
                let bytes = read_juri_file(&files[*i])?;
                if Fingerprint::of(&bytes) != *fp {
                    return Err(AppError::BadFile {
                        file: files[*i].display().to_string(),
                        message: "the file changed while it was being merged; merge again".into(),
                    });
                }
                tx.add_bundle(&NewBundle {
                    fingerprint: &fp.to_hex(),
                    juror_id: snap.juror_ids[b.juror],
                    sequence: b.sequence as i64,
                    package_version: i64::from(b.package_version),
                    exported_at: &b.exported_at,
                    cells: report_ref.bundles[*i].cells as i64,
                    file_name: &file_name(&files[*i]),
                    journal_id: journal,
                    bytes: &bytes,
                })?;
            }
            lap("bundles stored");
            let settled = settle(plan, &names, Some(tx))?;
            lap("records written");
            tx.audit(&now, "merge", &describe_merge(report_ref, &settled.counts))?;
            Ok(settled)
        });
        let conn = self.db.connection();
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(juri_store::StoreError::from)?;
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(juri_store::StoreError::from)?;
        let settled = written?;
        lap("written");
        report.records = settled.counts;
        report.conflicts = settled.conflicts;
        report.applied = true;
        Ok(report)
    }
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
