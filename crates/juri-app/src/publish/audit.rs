//! `juri audit`: checks a public verification archive with no database and no secret — the
//! chair's signature over the manifest, every file against it, every juror's signature over
//! the published bundles and every published text against its signed digest, the records the
//! journal makes (merged with the same planner as the chair's merge) against the score sheets
//! each stage snapshot froze, each stage's results re-derived from its snapshot alone with the
//! same core, and the results page against the data.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use rust_i18n::t;
use serde::Serialize;

use juri_bundle::{
    open_archive_manifest, open_evidence, BundleError, ChairDecision, EntryKey, MergePlan, Record,
    RecordMap, ScoreContent, ScoreKey, MAX_FILE_SIZE,
};
use juri_core::results::StageResults;
use juri_core::{Definition, Fixed};
use juri_store::{frozen::results_from_row, snapshot_from_row, StageSnapshot};

use super::{
    page, sha256_hex, CompetitionFile, Event, Manifest, Privacy, PublishedCorrection, StageFile,
    ARCHIVE_FORMAT, COMPETITION, CORRECTIONS, JOURNAL, MANIFEST, PAGE,
};
use crate::definition::toml_definition;
use crate::error::AppError;
use crate::roundtrip::rederive::snapshot_differs;

/// What auditing an archive found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditReport {
    pub path: String,
    pub competition_id: String,
    pub published_at: String,
    /// Hex SHA-256 of `manifest.juri`.
    pub manifest_sha256: String,
    /// Hex SHA-256 of the public key that signed the manifest.
    pub chair_key: String,
    pub privacy: Privacy,
    /// Files the manifest lists.
    pub files: usize,
    /// Stage snapshots whose results were re-derived.
    pub stages: usize,
    /// Published bundles whose juror signature was verified.
    pub bundles: usize,
    pub paper_imports: usize,
    pub rulings: usize,
    /// Corrections published, each with its reason.
    pub corrections: usize,
    /// Texts withheld (comments and notes), their digests still signed.
    pub texts_withheld: usize,
    /// What could not be checked, and why (a format version 1 bundle whose signature covers
    /// withheld text; a snapshot reconstructed at an upgrade).
    pub not_checkable: Vec<String>,
    /// Everything that differs, each naming its file.
    pub differences: Vec<String>,
    /// Nothing differs.
    pub identical: bool,
}

/// The archive's files, path → bytes.
type Files = BTreeMap<String, Vec<u8>>;

/// Reads the archive: a folder, or a zip of one.
fn read_archive(path: &Path) -> Result<Files, AppError> {
    let mut files = Files::new();
    let meta = std::fs::metadata(path).map_err(|e| AppError::io(path, e))?;
    if meta.is_dir() {
        read_folder(path, path, &mut files)?;
        return Ok(files);
    }
    let file = std::fs::File::open(path).map_err(|e| AppError::io(path, e))?;
    let bad = |e: zip::result::ZipError| AppError::BadFile {
        file: path.display().to_string(),
        message: t!("publish.not_an_archive", detail = e).into_owned(),
    };
    let mut zip = zip::ZipArchive::new(file).map_err(bad)?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(bad)?;
        if entry.is_dir() {
            continue;
        }
        let Some(name) = entry.enclosed_name() else {
            return Err(AppError::BadFile {
                file: path.display().to_string(),
                message: t!(
                    "publish.path_escapes",
                    name = String::from_utf8_lossy(entry.name_raw())
                )
                .into_owned(),
            });
        };
        let name = name.to_string_lossy().replace('\\', "/");
        let mut bytes = Vec::new();
        (&mut entry)
            .take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| AppError::io(path, e))?;
        files.insert(name, bytes);
    }
    Ok(files)
}

fn read_folder(root: &Path, dir: &Path, files: &mut Files) -> Result<(), AppError> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| AppError::io(dir, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| AppError::io(dir, e))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| AppError::io(&path, e))?;
        if kind.is_dir() {
            read_folder(root, &path, files)?;
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).map_err(|e| AppError::io(&path, e))?;
            files.insert(name, bytes);
        }
    }
    Ok(())
}

/// The manifest's payload read without its signature (to go on checking a manifest whose
/// signature does not verify, and say what else differs).
fn unverified_manifest(bytes: &[u8]) -> Option<Manifest> {
    let line = bytes.split(|&b| b == b'\n').nth(1)?;
    serde_json::from_slice(line).ok()
}

/// The time of a stored timestamp, for ordering; text order when it is not a time.
fn instant(at: &str) -> (Option<i64>, String) {
    (
        chrono::DateTime::parse_from_rfc3339(at)
            .ok()
            .map(|t| t.timestamp()),
        at.to_string(),
    )
}

type Records = RecordMap<ScoreKey, EntryKey, ScoreContent>;

/// Audits the archive at `path` (a folder or a zip). `chair_key`, when given, is the hex SHA-256
/// of the chair's public signing key the manifest must be signed with.
pub fn audit_archive(path: &Path, chair_key: Option<&str>) -> Result<AuditReport, AppError> {
    let files = read_archive(path)?;
    let mut report = AuditReport {
        path: path.display().to_string(),
        competition_id: String::new(),
        published_at: String::new(),
        manifest_sha256: String::new(),
        chair_key: String::new(),
        privacy: Privacy::default(),
        files: 0,
        stages: 0,
        bundles: 0,
        paper_imports: 0,
        rulings: 0,
        corrections: 0,
        texts_withheld: 0,
        not_checkable: Vec::new(),
        differences: Vec::new(),
        identical: false,
    };
    let mut diffs: Vec<String> = Vec::new();

    // 1. The manifest and the chair's signature.
    let Some(manifest_bytes) = files.get(MANIFEST) else {
        return Err(AppError::BadFile {
            file: path.display().to_string(),
            message: t!("publish.no_manifest").into_owned(),
        });
    };
    report.manifest_sha256 = sha256_hex(manifest_bytes);
    let manifest = match open_archive_manifest::<Manifest>(manifest_bytes) {
        Ok((m, signer)) => {
            report.chair_key = sha256_hex(&signer);
            m
        }
        Err(e) => {
            report_difference(&mut diffs, format!("{MANIFEST}: {}", manifest_error(&e)));
            match unverified_manifest(manifest_bytes) {
                Some(m) => m,
                None => return Ok(finish(report, diffs)),
            }
        }
    };
    if let Some(expected) = chair_key {
        // The full fingerprint, or its short form as `juri verify` shows it (3f2a-91c0-7be4).
        let wanted: String = expected
            .trim()
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let matches = wanted.len() >= 12 && report.chair_key.starts_with(&wanted);
        if !report.chair_key.is_empty() && !matches {
            report_difference(
                &mut diffs,
                t!(
                    "publish.chair_key_differs",
                    file = MANIFEST,
                    found = report.chair_key,
                    expected = expected.trim()
                )
                .into_owned(),
            );
        }
    }
    if manifest.format != ARCHIVE_FORMAT
        || manifest.format_version != juri_bundle::ARCHIVE_FORMAT_VERSION
    {
        report_difference(
            &mut diffs,
            format!(
                "{MANIFEST}: {}",
                t!(
                    "publish.not_this_format",
                    format = manifest.format,
                    version = manifest.format_version
                )
            ),
        );
    }
    report.competition_id = manifest.competition_id.clone();
    report.published_at = manifest.published_at.clone();
    report.privacy = manifest.privacy;
    report.files = manifest.files.len();

    // 2. Every file against the manifest.
    let listed: HashSet<&str> = manifest.files.iter().map(|f| f.path.as_str()).collect();
    for f in &manifest.files {
        match files.get(&f.path) {
            None => report_difference(
                &mut diffs,
                t!("publish.file_missing", file = f.path).into_owned(),
            ),
            Some(bytes) if sha256_hex(bytes) != f.sha256 || bytes.len() as u64 != f.bytes => {
                report_difference(
                    &mut diffs,
                    t!("publish.file_altered", file = f.path).into_owned(),
                )
            }
            Some(_) => {}
        }
    }
    for name in files.keys() {
        if name != MANIFEST && name != PAGE && !listed.contains(name.as_str()) {
            report_difference(
                &mut diffs,
                t!("publish.file_not_listed", file = name).into_owned(),
            );
        }
    }

    // 3. What the archive holds.
    let read_json = |name: &str| -> Result<serde_json::Value, String> {
        let bytes = files
            .get(name)
            .ok_or_else(|| t!("publish.file_missing", file = name).into_owned())?;
        serde_json::from_slice(bytes)
            .map_err(|e| format!("{name}: {}", t!("publish.unreadable", detail = e)))
    };
    let competition: CompetitionFile = match read_json(COMPETITION)
        .and_then(|v| serde_json::from_value(v).map_err(|e| format!("{COMPETITION}: {e}")))
    {
        Ok(c) => c,
        Err(e) => {
            report_difference(&mut diffs, e);
            return Ok(finish(report, diffs));
        }
    };
    if competition.competition_id != manifest.competition_id {
        report_difference(
            &mut diffs,
            format!(
                "{COMPETITION}: {}",
                t!(
                    "publish.other_competition",
                    found = competition.competition_id,
                    expected = manifest.competition_id
                )
            ),
        );
    }
    let events: Vec<Event> = match read_json(JOURNAL)
        .and_then(|v| serde_json::from_value(v).map_err(|e| format!("{JOURNAL}: {e}")))
    {
        Ok(e) => e,
        Err(e) => {
            report_difference(&mut diffs, e);
            Vec::new()
        }
    };
    match read_json(CORRECTIONS).and_then(|v| {
        serde_json::from_value::<Vec<PublishedCorrection>>(v)
            .map_err(|e| format!("{CORRECTIONS}: {e}"))
    }) {
        Ok(c) => report.corrections = c.len(),
        Err(e) => report_difference(&mut diffs, e),
    }
    let mut definitions: HashMap<i64, Definition> = HashMap::new();
    for d in &competition.definitions {
        let Some(bytes) = files.get(&d.file) else {
            report_difference(
                &mut diffs,
                t!("publish.file_missing", file = d.file).into_owned(),
            );
            continue;
        };
        match std::str::from_utf8(bytes)
            .map_err(|e| e.to_string())
            .and_then(|text| toml_definition(text).map_err(|e| e.to_string()))
        {
            Ok(def) => {
                definitions.insert(d.version, def);
            }
            Err(e) => report_difference(&mut diffs, format!("{}: {e}", d.file)),
        }
    }
    let juror_keys: HashMap<&str, Vec<&str>> = competition
        .jurors
        .iter()
        .map(|j| {
            (
                j.id.as_str(),
                j.keys.iter().map(|k| k.public_key.as_str()).collect(),
            )
        })
        .collect();

    // 4. The published bundles: each juror's signature, each text against its digest.
    let mut evidence = HashMap::new();
    let mut referenced: BTreeSet<&str> = BTreeSet::new();
    // Jurors whose published bundle does not verify, and when it was merged: the differences in
    // their sheets follow from it, so they are not listed again one by one.
    let mut broken: Vec<(String, usize)> = Vec::new();
    for (n, event) in events.iter().enumerate() {
        let Event::Merge { bundles, .. } = event else {
            continue;
        };
        for b in bundles {
            let Some(file) = &b.evidence else {
                continue;
            };
            referenced.insert(file);
            if let Some(texts) = &b.texts {
                referenced.insert(texts);
            }
            if evidence.contains_key(file.as_str()) {
                continue;
            }
            let Some(envelope) = files.get(file) else {
                report_difference(
                    &mut diffs,
                    t!("publish.file_missing", file = file).into_owned(),
                );
                continue;
            };
            let texts = match &b.texts {
                Some(t) => match files.get(t) {
                    Some(bytes) => Some(bytes.as_slice()),
                    None => {
                        report_difference(
                            &mut diffs,
                            t!("publish.file_missing", file = t).into_owned(),
                        );
                        continue;
                    }
                },
                None => None,
            };
            let opened = match open_evidence(envelope, texts) {
                Ok(e) => e,
                Err(e) => {
                    report_difference(&mut diffs, format!("{file}: {e}"));
                    broken.push((b.juror.clone(), n));
                    continue;
                }
            };
            let content = &opened.content;
            let fingerprint = opened.content_fingerprint.to_hex();
            if fingerprint != b.content_fingerprint
                || *file != format!("evidence/{fingerprint}.juri")
            {
                report_difference(
                    &mut diffs,
                    format!("{file}: {}", t!("publish.fingerprint_differs")),
                );
            }
            if content.competition_id != manifest.competition_id {
                report_difference(
                    &mut diffs,
                    format!(
                        "{file}: {}",
                        t!(
                            "publish.other_competition",
                            found = content.competition_id,
                            expected = manifest.competition_id
                        )
                    ),
                );
            }
            if content.juror_id != b.juror {
                report_difference(
                    &mut diffs,
                    format!(
                        "{file}: {}",
                        t!(
                            "publish.juror_differs",
                            found = content.juror_id,
                            expected = b.juror
                        )
                    ),
                );
            }
            let signer = juri_bundle::to_base64(&opened.signer);
            let registered = juror_keys
                .get(content.juror_id.as_str())
                .is_some_and(|keys| keys.contains(&signer.as_str()));
            if !registered {
                report_difference(
                    &mut diffs,
                    format!(
                        "{file}: {}",
                        t!("publish.key_not_registered", juror = content.juror_id)
                    ),
                );
            }
            report.bundles += 1;
            report.texts_withheld += opened.withheld;
            evidence.insert(file.as_str(), opened);
        }
    }
    for name in files.keys() {
        if name.starts_with("evidence/") && !referenced.contains(name.as_str()) {
            report_difference(
                &mut diffs,
                t!("publish.evidence_not_in_journal", file = name).into_owned(),
            );
        }
    }

    // 5. Each stage's results re-derived from its snapshot alone.
    let mut stages: Vec<(String, String, StageFile, StageSnapshot, StageResults)> = Vec::new();
    for listed in &competition.stages {
        let file = &listed.file;
        let parsed = read_json(file)
            .and_then(|v| {
                serde_json::from_value::<StageFile>(v).map_err(|e| format!("{file}: {e}"))
            })
            .and_then(|s| {
                let snapshot = snapshot_from_row(&s.snapshot.to_string())
                    .map_err(|e| format!("{file}: {e}"))?;
                let results =
                    results_from_row(&s.results.to_string()).map_err(|e| format!("{file}: {e}"))?;
                Ok((s, snapshot, results))
            });
        match parsed {
            Ok((s, snapshot, results)) => {
                if s.stage != listed.stage
                    || s.version != listed.version
                    || snapshot.stage != s.stage
                {
                    report_difference(
                        &mut diffs,
                        format!("{file}: {}", t!("publish.stage_file_differs")),
                    );
                }
                stages.push((file.clone(), s.finalized_at.clone(), s, snapshot, results));
            }
            Err(e) => report_difference(&mut diffs, e),
        }
    }
    for (at, (file, _, s, snapshot, frozen)) in stages.iter().enumerate() {
        report.stages += 1;
        let name = format!(
            "{file}: {}",
            t!("rebuild.snapshot", stage = s.stage, version = s.version)
        );
        let Some(def) = definitions.get(&snapshot.definition_version) else {
            report_difference(
                &mut diffs,
                format!(
                    "{name}: {}",
                    t!(
                        "rebuild.definition_not_kept",
                        version = snapshot.definition_version
                    )
                ),
            );
            continue;
        };
        let Some(k) = def.stage_index(&s.stage) else {
            report_difference(
                &mut diffs,
                format!(
                    "{name}: {}",
                    t!(
                        "rebuild.definition_lacks_stage",
                        version = snapshot.definition_version,
                        stage = s.stage
                    )
                ),
            );
            continue;
        };
        // The results then in force of the stages before it: the version of each last published
        // before this one, else the latest published.
        let mut earlier = BTreeMap::new();
        for st in &def.stages[..k] {
            let then = stages[..at]
                .iter()
                .rev()
                .find(|x| x.2.stage == st.id)
                .or_else(|| stages.iter().rev().find(|x| x.2.stage == st.id));
            if let Some(x) = then {
                earlier.insert(st.id.clone(), x.4.clone());
            }
        }
        if let Some(d) = snapshot_differs(def, k, snapshot, frozen, earlier, true) {
            report_difference(&mut diffs, format!("{name}: {d}"));
        }
    }

    // 6. The records the journal makes, against the sheets each snapshot froze.
    let unpublished: Vec<(String, usize)> = events
        .iter()
        .enumerate()
        .filter_map(|(n, e)| match e {
            Event::Merge { bundles, .. } => Some((n, bundles)),
            _ => None,
        })
        .flat_map(|(n, bundles)| {
            bundles
                .iter()
                .filter(|b| b.evidence.is_none())
                .map(move |b| (b.juror.clone(), n))
        })
        .collect();
    for (juror, _) in &unpublished {
        report
            .not_checkable
            .push(t!("publish.bundle_not_checkable", juror = juror).into_owned());
    }
    // Each snapshot is checked once the events before its finalisation are applied: as many as
    // its file says, else those at or before its time.
    let position = |i: usize| -> usize {
        stages[i].2.journal_events.unwrap_or_else(|| {
            events
                .iter()
                .take_while(|e| {
                    let at = match e {
                        Event::Merge { at, .. }
                        | Event::Paper { at, .. }
                        | Event::Ruling { at, .. } => at,
                    };
                    instant(at) <= instant(&stages[i].1)
                })
                .count()
        })
    };
    let mut order: Vec<usize> = (0..stages.len()).collect();
    order.sort_by_key(|&i| position(i));
    let mut pending = order.into_iter().peekable();
    let mut records = Records::default();
    let check = |i: usize, records: &Records, report: &mut AuditReport, diffs: &mut Vec<String>| {
        let (file, _, s, snapshot, _) = &stages[i];
        let before = position(i);
        let name = format!(
            "{file}: {}",
            t!("rebuild.snapshot", stage = s.stage, version = s.version)
        );
        if s.reconstructed {
            report
                .not_checkable
                .push(format!("{name}: {}", t!("publish.reconstructed")));
            return;
        }
        let shaky: HashSet<&str> = unpublished
            .iter()
            .filter(|(_, n)| *n < before)
            .map(|(j, _)| j.as_str())
            .collect();
        let follows: HashSet<&str> = broken
            .iter()
            .filter(|(_, n)| *n < before)
            .map(|(j, _)| j.as_str())
            .collect();
        for (what, juror) in sheets_differ(snapshot, records) {
            if follows.contains(juror.as_str()) {
                continue;
            }
            if shaky.contains(juror.as_str()) {
                report.not_checkable.push(format!(
                    "{name}: {what} ({})",
                    t!("publish.from_unpublished")
                ));
            } else {
                report_difference(diffs, format!("{name}: {what}"));
            }
        }
    };
    for (n, event) in events.iter().enumerate() {
        while let Some(&i) = pending.peek() {
            if position(i) <= n {
                check(i, &records, &mut report, &mut diffs);
                pending.next();
            } else {
                break;
            }
        }
        match event {
            Event::Merge { bundles, .. } => {
                let mut plan: MergePlan<ScoreKey, EntryKey, ScoreContent> = MergePlan::new();
                for b in bundles {
                    if let Some(e) = b.evidence.as_deref().and_then(|f| evidence.get(f)) {
                        let Ok(_) = plan.absorb(e.records(), &records);
                    }
                }
                let changes = plan.into_changes();
                for c in changes.scores {
                    records.scores.insert(c.key, c.after);
                }
                for c in changes.notes {
                    records.notes.insert(c.key, c.after);
                }
                for c in changes.submissions {
                    records.submissions.insert(c.key, c.after);
                }
            }
            Event::Paper {
                cells,
                submissions,
                notes,
                ..
            } => {
                report.paper_imports += 1;
                for c in cells {
                    records.scores.insert(
                        ScoreKey {
                            stage: c.stage.clone(),
                            entry: c.entry.clone(),
                            juror: c.juror.clone(),
                            criterion: c.criterion.clone(),
                        },
                        Record::new(
                            c.revision,
                            ScoreContent {
                                value: c.value.clone(),
                                comment: c.comment.clone(),
                            },
                            c.updated_at.clone(),
                        ),
                    );
                }
                for s in submissions {
                    records.submissions.insert(
                        entry_key(&s.stage, &s.entry, &s.juror),
                        Record::new(s.revision, s.submitted, s.updated_at.clone()),
                    );
                }
                for n in notes {
                    records.notes.insert(
                        entry_key(&n.stage, &n.entry, &n.juror),
                        Record::new(
                            n.revision,
                            juri_bundle::NoteContent::text(n.note.clone()),
                            n.updated_at.clone(),
                        ),
                    );
                }
            }
            Event::Ruling {
                record,
                stage,
                entry,
                juror,
                criterion,
                revision,
                chosen,
                considered,
                ..
            } => {
                report.rulings += 1;
                apply_ruling(
                    &mut records,
                    record,
                    (stage, entry, juror, criterion.as_deref()),
                    *revision,
                    chosen,
                    considered,
                );
            }
        }
    }
    for i in pending {
        check(i, &records, &mut report, &mut diffs);
    }

    // 7. The results page shows exactly what the archive holds.
    match files.get(PAGE) {
        None => report_difference(
            &mut diffs,
            t!("publish.file_missing", file = PAGE).into_owned(),
        ),
        Some(html) => {
            let shown = std::str::from_utf8(html).ok().and_then(page::data_in_page);
            let current = definitions.get(&competition.definition_version);
            let expected = current.and_then(|def| {
                let published: Vec<(String, StageSnapshot, StageResults)> = stages
                    .iter()
                    .map(|(_, at, _, s, r)| (at.clone(), s.clone(), r.clone()))
                    .collect();
                let model = page::PageModel::new(def, &competition, &published, manifest.privacy)
                    .signed(report.manifest_sha256.clone(), report.chair_key.clone());
                page::page_json(&model).ok().map(|j| page::escaped(&j))
            });
            if shown.is_none() || shown != expected.as_deref() {
                report_difference(
                    &mut diffs,
                    format!("{PAGE}: {}", t!("publish.page_differs")),
                );
            }
        }
    }
    Ok(finish(report, diffs))
}

fn finish(mut report: AuditReport, differences: Vec<String>) -> AuditReport {
    report.identical = differences.is_empty();
    report.differences = differences;
    report
}

/// Adds `d` once.
fn report_difference(differences: &mut Vec<String>, d: String) {
    if !differences.contains(&d) {
        differences.push(d);
    }
}

fn manifest_error(e: &BundleError) -> String {
    match e {
        BundleError::SignatureInvalid => t!("publish.manifest_signature").into_owned(),
        other => other.to_string(),
    }
}

fn entry_key(stage: &str, entry: &str, juror: &str) -> EntryKey {
    EntryKey {
        stage: stage.to_string(),
        entry: entry.to_string(),
        juror: juror.to_string(),
    }
}

/// Applies a published ruling as the chair's store does: only to a record still in conflict at
/// the ruling's revision (a later revision supersedes it).
fn apply_ruling(
    records: &mut Records,
    kind: &str,
    key: (&str, &str, &str, Option<&str>),
    revision: u64,
    chosen: &serde_json::Value,
    considered: &[serde_json::Value],
) {
    let (stage, entry, juror, criterion) = key;
    match kind {
        "score" => {
            let content = |v: &serde_json::Value| ScoreContent {
                value: v["value"].as_str().map(str::to_string),
                comment: v["comment"].as_str().unwrap_or_default().to_string(),
            };
            let key = ScoreKey {
                stage: stage.to_string(),
                entry: entry.to_string(),
                juror: juror.to_string(),
                criterion: criterion.unwrap_or_default().to_string(),
            };
            resolve(
                records.scores.get_mut(&key),
                ChairDecision {
                    revision,
                    chosen: content(chosen),
                    considered: considered.iter().map(content).collect(),
                },
            );
        }
        "note" => {
            let text = |v: &serde_json::Value| {
                serde_json::from_value::<juri_bundle::NoteContent>(v.clone()).unwrap_or_default()
            };
            resolve(
                records.notes.get_mut(&entry_key(stage, entry, juror)),
                ChairDecision {
                    revision,
                    chosen: text(chosen),
                    considered: considered.iter().map(text).collect(),
                },
            );
        }
        _ => {
            let state = |v: &serde_json::Value| v.as_bool().unwrap_or_default();
            resolve(
                records.submissions.get_mut(&entry_key(stage, entry, juror)),
                ChairDecision {
                    revision,
                    chosen: state(chosen),
                    considered: considered.iter().map(state).collect(),
                },
            );
        }
    }
}

fn resolve<C: Ord + Clone>(record: Option<&mut Record<C>>, decision: ChairDecision<C>) {
    if let Some(record) = record {
        if let Ok(after) = record.resolve(&decision, "") {
            *record = after;
        }
    }
}

/// Where a snapshot's sheets differ from the records: each difference in words, with the juror.
fn sheets_differ(s: &StageSnapshot, records: &Records) -> Vec<(String, String)> {
    type Sheet = (BTreeMap<String, i64>, bool);
    let mut signed: BTreeMap<(String, String), Sheet> = BTreeMap::new();
    for (k, r) in records.scores.iter().filter(|(k, _)| k.stage == s.stage) {
        let Some(value) = &r.current.content.value else {
            continue;
        };
        let thousandths = Fixed::parse(value).map(|f| f.raw()).unwrap_or(i64::MIN);
        signed
            .entry((k.entry.clone(), k.juror.clone()))
            .or_default()
            .0
            .insert(k.criterion.clone(), thousandths);
    }
    for (k, r) in records
        .submissions
        .iter()
        .filter(|(k, _)| k.stage == s.stage)
    {
        if r.current.content {
            signed
                .entry((k.entry.clone(), k.juror.clone()))
                .or_default()
                .1 = true;
        }
    }
    let frozen: BTreeMap<(String, String), Sheet> = s
        .sheets
        .iter()
        .map(|x| {
            (
                (x.entry.clone(), x.juror.clone()),
                (x.scores.clone(), x.submitted_at.is_some()),
            )
        })
        .filter(|(_, (scores, submitted))| !scores.is_empty() || *submitted)
        .collect();
    let empty: Sheet = (BTreeMap::new(), false);
    let keys: BTreeSet<&(String, String)> = signed.keys().chain(frozen.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let (entry, juror) = key;
        let a = frozen.get(key).unwrap_or(&empty);
        let b = signed.get(key).unwrap_or(&empty);
        let criteria: BTreeSet<&String> = a.0.keys().chain(b.0.keys()).collect();
        for c in criteria {
            let (x, y) = (a.0.get(c), b.0.get(c));
            if x != y {
                let shown = |v: Option<&i64>| {
                    v.map_or_else(
                        || t!("publish.no_score").into_owned(),
                        |v| Fixed(*v).to_plain(),
                    )
                };
                out.push((
                    t!(
                        "publish.score_differs",
                        entry = entry,
                        juror = juror,
                        criterion = c,
                        frozen = shown(x),
                        signed = shown(y)
                    )
                    .into_owned(),
                    juror.clone(),
                ));
            }
        }
        if a.1 != b.1 {
            out.push((
                t!(
                    "publish.submission_differs",
                    entry = entry,
                    juror = juror,
                    frozen = a.1,
                    signed = b.1
                )
                .into_owned(),
                juror.clone(),
            ));
        }
    }
    out
}
