//! The chair's merge of score bundles: verify every file (on both cores), check it against the
//! competition, plan with the bundle crate's planner looking up only the records the files touch,
//! show the plan, and apply that same plan in one transaction, keeping every imported file.

use rust_i18n::t;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use juri_bundle::{ChairKeys, Fingerprint};
use juri_store::{NewBundle, Tx};
use serde::Serialize;

use crate::chair::{Chair, Snapshot};
use crate::error::{AppError, Hint};
use crate::files::read_juri_file;
use crate::refusal::Refusal;
use crate::roundtrip::batches::{read_in_batches, BATCH_RECORDS};
use crate::roundtrip::conflicts::{ConflictView, Names};
use crate::roundtrip::lines::{
    notice_reused_numbers, read_line, AcceptedFile, BundleLine, BundleStatus, ExportNumber,
};
use crate::roundtrip::merge_engine::{read_all, Index, Progress, Reader, RetiredAcceptances};
use crate::roundtrip::merge_plan::{preview, write, OutcomeCounts, Plan, Settled};
use crate::roundtrip::records::StoreRecords;

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
    /// How many juror replacements the panel was seated from when planned.
    replacements: usize,
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
        self.preview_merge_accepting(pending, files, &[], progress)
    }

    /// [`Chair::preview_merge`], accepting the bundles signed by a retired key that `accept`
    /// names (fingerprint, reason).
    pub fn preview_merge_accepting(
        &self,
        pending: &mut PendingMerge,
        files: &[PathBuf],
        accept: &RetiredAcceptances,
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        pending.0 = None;
        let planned = self.plan_merge_accepting(files, accept, progress)?;
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
        let (mut line, found) = read_line(&files[i], result, &reader.ix.snap.jurors);
        if let Some((fingerprint, versions, file)) = found {
            if seen.insert(file.content_fingerprint, i).is_some() {
                line.status = BundleStatus::Duplicate;
            } else if failed.is_none() {
                line.status = BundleStatus::Accepted;
                match plan.absorb(versions, records) {
                    Ok(counts) => line.outcomes = counts.into(),
                    Err(e) => failed = Some(e),
                }
                accepted.push((i, fingerprint, file));
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
        self.merge_accepting(files, dry_run, &[], progress)
    }

    /// [`Chair::merge`], accepting the bundles signed by a retired key of their juror that
    /// `accept` names (fingerprint, full or short, and the chair's reason). Any other bundle
    /// signed by a retired key is held back: rejected, its line saying when and why the key was
    /// retired.
    pub fn merge_accepting(
        &mut self,
        files: &[PathBuf],
        dry_run: bool,
        accept: &RetiredAcceptances,
        progress: Option<Progress<'_>>,
    ) -> Result<MergeReport, AppError> {
        self.merge_with(files, dry_run, accept, progress, BATCH_RECORDS)
    }

    /// [`Chair::merge`] with batches of `records_per_batch` planned records instead of the usual
    /// 20,000 (the report and the records are the same whatever the size; tests use tiny ones).
    pub fn merge_in_batches_of(
        &mut self,
        files: &[PathBuf],
        dry_run: bool,
        progress: Option<Progress<'_>>,
        records_per_batch: usize,
    ) -> Result<MergeReport, AppError> {
        self.merge_with(files, dry_run, &[], progress, records_per_batch)
    }

    #[tracing::instrument(name = "merge", skip_all, fields(files = files.len(), dry_run))]
    fn merge_with(
        &mut self,
        files: &[PathBuf],
        dry_run: bool,
        accept: &RetiredAcceptances,
        progress: Option<Progress<'_>>,
        records_per_batch: usize,
    ) -> Result<MergeReport, AppError> {
        if let Some(report) =
            self.merge_in_batches(files, dry_run, accept, progress, records_per_batch.max(1))?
        {
            return Ok(report);
        }
        // A juror's files were not next to each other: one plan of every file.
        let planned = self.plan_merge_accepting(files, accept, progress)?;
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
        accept: &RetiredAcceptances,
        progress: Option<Progress<'_>>,
        limit: usize,
    ) -> Result<Option<MergeReport>, AppError> {
        let keys = self.keys_for_merge()?;
        let snap = self.snapshot()?;
        let competition = snap.definition.competition.id.clone();
        let now = crate::now();
        if !dry_run {
            set_bulk_pragmas(self, true)?;
        }
        let done = self.db.write_or_discard(|tx| {
            // Every record is checked against the panel read above: a juror replaced since
            // (another connection) refuses the merge, which writes nothing.
            if tx.juror_replacements()?.len() != snap.replacements.len() {
                return Err(Refusal::PanelChanged.into());
            }
            let ix = Index::new(tx, &snap)?;
            let known = known_bundles(tx)?;
            let reader = Reader {
                chair: &keys,
                competition: &competition,
                ix: &ix,
                known: &known,
                validate: true,
                accept_retired: accept,
            };
            let records = StoreRecords::new(tx)?;
            let names = Names::load(tx, &snap)?;
            let write_to = (!dry_run).then_some(tx);
            let read = tracing::info_span!("read, plan and write records")
                .in_scope(|| read_in_batches(files, &reader, &records, &names, write_to, progress, limit))?;
            let Some(read) = read else {
                return Ok((None, false));
            };
            let mut read = read;
            notice_numbers(tx, &snap, &mut read.lines, &read.accepted)?;
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
            let _keep = tracing::info_span!("keep the bundles", bundles = read.accepted.len()).entered();
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
            AppError::needs(rust_i18n::t!("merge.no_chair_keys"), Hint::IssuePackages)
        })
    }

    /// Plans merging score bundle files without writing anything: verifies and checks every file,
    /// and looks up only the chair's records the accepted files touch. The preview is
    /// [`PlannedMerge::report`]; [`Chair::apply_merge`] writes exactly this plan.
    #[tracing::instrument(name = "plan merge", skip_all)]
    pub fn plan_merge(
        &self,
        files: &[PathBuf],
        progress: Option<Progress<'_>>,
    ) -> Result<PlannedMerge, AppError> {
        self.plan_merge_accepting(files, &[], progress)
    }

    /// [`Chair::plan_merge`], accepting the bundles signed by a retired key that `accept` names.
    pub fn plan_merge_accepting(
        &self,
        files: &[PathBuf],
        accept: &RetiredAcceptances,
        progress: Option<Progress<'_>>,
    ) -> Result<PlannedMerge, AppError> {
        let keys = self.keys_for_merge()?;
        let snap = self.snapshot()?;
        let competition = snap.definition.competition.id.clone();
        let tx = self.db.read();
        let ix = Index::new(&tx, &snap)?;
        let known = known_bundles(&tx)?;
        // Records change through the journal (merges, paper imports, rulings): the plan is
        // applied only if no entry was added since it was made.
        let planned_against = tx.last_journal_id()?;
        let reader = Reader {
            chair: &keys,
            competition: &competition,
            ix: &ix,
            known: &known,
            validate: true,
            accept_retired: accept,
        };
        let records = StoreRecords::new(&tx)?;
        let mut read = read_and_plan(files, &reader, &records, progress)?;
        notice_numbers(&tx, &snap, &mut read.lines, &read.accepted)?;
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
            replacements: snap.replacements.len(),
        })
    }

    /// Writes a planned merge in one transaction, with every accepted file. Refuses, writing
    /// nothing, when the chair's records changed since the plan was made (another merge, a paper
    /// import, a ruling, or any record the plan touches) or a file changed since it was read.
    /// `progress` hears each file stored.
    #[tracing::instrument(name = "apply merge", skip_all)]
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
            replacements,
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
        // One large transaction with a larger cache. Its commit waits for the disk (WAL,
        // synchronous=FULL, as every write of the chair's): "merged" is said only of what a power
        // cut can no longer take back.
        set_bulk_pragmas(self, true)?;
        let report_ref = &report;
        let written = self.db.write(|tx| -> Result<Settled, AppError> {
            let records = StoreRecords::new(tx)?;
            if tx.last_journal_id()? != planned_against || !plan.is_current(&records)? {
                return Err(Refusal::PreviewStale.into());
            }
            // Every record was checked against the panel as it sat when planned.
            if tx.juror_replacements()?.len() != replacements {
                return Err(Refusal::PanelChanged.into());
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

/// Every kept bundle, by the fingerprint (hex) of its file and of its signed content (when kept),
/// each giving the fingerprint the merge shows for it: the content's when kept, else the file's.
pub(crate) fn known_bundles(tx: &Tx<'_>) -> Result<HashMap<String, Fingerprint>, AppError> {
    let mut known = HashMap::new();
    for b in tx.bundles()? {
        let content = b
            .content_fingerprint
            .as_deref()
            .and_then(Fingerprint::from_hex);
        let Some(file) = Fingerprint::from_hex(&b.fingerprint) else {
            continue;
        };
        let shown = content.unwrap_or(file);
        known.insert(b.fingerprint, shown);
        if let Some(content) = b.content_fingerprint {
            known.insert(content, shown);
        }
    }
    Ok(known)
}

/// Notes on each accepted line whose juror, key and export number another bundle has
/// ([`notice_reused_numbers`]), against every kept bundle's (its short fingerprint: the signed
/// content's when kept, else the file's).
fn notice_numbers(
    tx: &Tx<'_>,
    snap: &Snapshot,
    lines: &mut [BundleLine],
    accepted: &[(usize, Fingerprint, AcceptedFile)],
) -> Result<(), AppError> {
    let keys: HashMap<(i64, i64), i64> = tx
        .package_keys()?
        .into_iter()
        .map(|(juror, version, key)| ((juror, version), key))
        .collect();
    let jurors: HashMap<i64, &str> = snap
        .juror_ids
        .iter()
        .zip(&snap.jurors)
        .map(|(row, j)| (*row, j.id.as_str()))
        .collect();
    let stored: Vec<ExportNumber> = tx
        .bundles()?
        .into_iter()
        .filter_map(|b| {
            let juror = jurors.get(&b.juror_id)?;
            Some(ExportNumber {
                juror: juror.to_string(),
                key: keys.get(&(b.juror_id, b.package_version)).copied(),
                sequence: u64::try_from(b.sequence).ok()?,
                shown: Fingerprint::from_hex(b.sheet_fingerprint())?.short(),
            })
        })
        .collect();
    let line_keys: HashMap<usize, i64> = accepted
        .iter()
        .filter_map(|(i, _, a)| {
            let juror = *snap.juror_ids.get(a.juror)?;
            Some((*i, *keys.get(&(juror, i64::from(a.package_version)))?))
        })
        .collect();
    notice_reused_numbers(lines, &stored, |i| line_keys.get(&i).copied());
    Ok(())
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
            message: t!("merge.file_changed").into_owned(),
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
        retired_key_accepted: b.retired_key_accepted.as_deref(),
        content_fingerprint: &b.content_fingerprint.to_hex(),
    })?;
    for (sha256, photo) in &b.photos {
        tx.put_photo(sha256, photo)?;
    }
    Ok(())
}

/// The connection's cache for one large merge transaction, or back to the usual one. The commit
/// stays durable (`synchronous=FULL`, set when the database is opened).
fn set_bulk_pragmas(chair: &Chair, bulk: bool) -> Result<(), AppError> {
    let conn = chair.db.connection();
    let cache = if bulk { -262_144 } else { -65_536 };
    conn.pragma_update(None, "cache_size", cache)
        .map_err(juri_store::StoreError::from)?;
    Ok(())
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
        s += &format!("; rejected {}: {}", b.file, b.recorded_problems.join("; "));
    }
    for b in r
        .bundles
        .iter()
        .filter(|b| b.status == BundleStatus::Accepted)
    {
        if let (Some(key), Some(reason)) = (&b.retired_key, &b.retired_key_accepted) {
            s += &format!(
                "; accepted {} [{}] of juror {}, signed by a key retired on {}, because: {}",
                b.file,
                b.fingerprint.as_deref().unwrap_or_default(),
                b.juror.as_deref().unwrap_or_default(),
                key.describe(),
                reason
            );
        }
    }
    s
}
