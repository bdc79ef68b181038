//! `juri publish`: the public verification archive of a competition, from the chair's database.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use rust_i18n::t;
use serde::Serialize;

use juri_bundle::{open_evidence, publish_bundle, sign_archive_manifest, DecryptedBundle};
use juri_core::model::Role;
use juri_core::Fixed;
use juri_store::{frozen::results_to_row, snapshot_to_row, StageSnapshot, Tx};

use super::{
    page, sha256_hex, stage_file_name, CompetitionFile, DefinitionFile, Event, Listed, Manifest,
    MergedBundle, PaperCell, PaperNote, PaperSubmission, Privacy, PublishedCorrection,
    PublishedJuror, PublishedKey, StageFile, StageListed, ARCHIVE_FORMAT, COMPETITION, CORRECTIONS,
    JOURNAL, MANIFEST, PAGE,
};
use crate::chair::paper_journal::read_paper;
use crate::chair::{Chair, Snapshot};
use crate::error::AppError;
use crate::refusal::Refusal;
use crate::roundtrip::conflicts::Names;
use crate::roundtrip::rederive::results_of;

/// What the chair chooses when publishing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PublishChoices {
    pub privacy: Privacy,
}

/// What `publish` wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublishReport {
    /// The folder or zip written.
    pub path: String,
    pub files: usize,
    /// Finalised stage snapshots published (every version of every stage).
    pub stages: usize,
    /// Merged bundles whose signed content is published.
    pub bundles: usize,
    /// Merged bundles of format version 1 whose signature covers texts the privacy choices
    /// withhold: not published, so the scores from them are not checkable.
    pub not_checkable: usize,
    pub paper_imports: usize,
    pub rulings: usize,
    /// Corrections published (each with its reason).
    pub corrections: usize,
    /// Hex SHA-256 of `manifest.juri`: the archive's fingerprint.
    pub manifest_sha256: String,
    /// Hex SHA-256 of the chair's public signing key, which signed the manifest.
    pub chair_key: String,
    pub privacy: Privacy,
}

/// The label of each juror when names are withheld: the role, and a number where the panel has
/// more than one of it ("Ketua", "Anggota 1", "Anggota 2").
fn role_labels(jurors: &[juri_core::model::Juror]) -> HashMap<String, String> {
    let word = |r: Role| match r {
        Role::Ketua => "Ketua",
        Role::WakilKetua => "Wakil Ketua",
        Role::Sekretaris => "Sekretaris",
        Role::Anggota => "Anggota",
    };
    let mut count: HashMap<&str, usize> = HashMap::new();
    for j in jurors {
        *count.entry(word(j.role)).or_default() += 1;
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    jurors
        .iter()
        .map(|j| {
            let w = word(j.role);
            let n = seen.entry(w).or_default();
            *n += 1;
            let label = if count[w] > 1 {
                format!("{w} {n}")
            } else {
                w.to_string()
            };
            (j.id.clone(), label)
        })
        .collect()
}

/// The snapshot with personal data withheld as `privacy` says.
fn withhold(
    mut s: StageSnapshot,
    privacy: Privacy,
    labels: &HashMap<String, String>,
) -> StageSnapshot {
    if !privacy.juror_names {
        for seat in &mut s.panel {
            seat.name = labels.get(&seat.juror).cloned().unwrap_or_default();
            seat.affiliation.clear();
            seat.nip = None;
            for c in &mut seat.conflicts {
                c.reason.clear();
            }
        }
    }
    for sheet in &mut s.sheets {
        if !privacy.comments {
            sheet.comments.clear();
        }
        if !privacy.notes {
            sheet.note = None;
        }
    }
    s
}

/// A kept bundle or key that does not open as it did when it was accepted.
fn damaged(e: juri_bundle::BundleError) -> AppError {
    AppError::Damaged(e.to_string())
}

fn json_value(text: &str) -> Result<serde_json::Value, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Internal(e.to_string()))
}

fn pretty<T: Serialize>(value: &T) -> Result<Vec<u8>, AppError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| AppError::Internal(e.to_string()))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The codes of the database's rows: the names the conflicts screen shows (`Names`), here refusing
/// an id that names nothing.
struct Codes(Names);

impl Codes {
    fn load(tx: &Tx<'_>, snap: &Snapshot) -> Result<Self, AppError> {
        Ok(Codes(Names::load(tx, snap)?))
    }

    fn find(map: &HashMap<i64, String>, id: i64) -> Result<String, AppError> {
        map.get(&id)
            .cloned()
            .ok_or_else(|| AppError::Damaged(format!("row {id} is named by nothing")))
    }

    fn stage(&self, id: i64) -> Result<String, AppError> {
        Self::find(&self.0.stages, id)
    }
    fn entry(&self, id: i64) -> Result<String, AppError> {
        Self::find(&self.0.entries, id)
    }
    fn juror(&self, id: i64) -> Result<String, AppError> {
        Self::find(&self.0.jurors, id)
    }
    fn criterion(&self, id: i64) -> Result<String, AppError> {
        Self::find(&self.0.criteria, id)
    }
}

/// An archive's files, path → bytes (the manifest and page aside).
type Files = BTreeMap<String, Vec<u8>>;

impl Chair {
    /// Refuses to publish a competition with no finalised stage (before any key is asked for).
    pub fn check_publishable(&self) -> Result<(), AppError> {
        if self.db.read().stage_snapshots()?.is_empty() {
            return Err(Refusal::NothingToPublish.into());
        }
        Ok(())
    }

    /// Writes the public verification archive to `out`: a new folder, or a zip when the name
    /// ends in `.zip`. Needs the chair's keys (it signs the manifest and opens the bundles).
    #[tracing::instrument(name = "publish", skip(self))]
    pub fn publish(
        &mut self,
        out: &Path,
        choices: PublishChoices,
    ) -> Result<PublishReport, AppError> {
        self.check_publishable()?;
        let zip = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if out.exists()
            && (zip
                || std::fs::read_dir(out)
                    .map_err(|e| AppError::io(out, e))?
                    .next()
                    .is_some())
        {
            return Err(Refusal::PublishTargetExists {
                path: out.display().to_string(),
            }
            .into());
        }
        let keys = self.chair_keys()?;
        let privacy = choices.privacy;
        let now = crate::now();
        let (mut files, mut report, page_model) = self.read(|| {
            let snap = self.snapshot()?;
            let tx = self.db.read();
            archive_files(&tx, &snap, &keys, privacy, &now)
        })?;
        let chair_public = keys.public().signing_key_bytes().map_err(damaged)?;
        report.chair_key = sha256_hex(&chair_public);
        let manifest = Manifest {
            format: ARCHIVE_FORMAT.into(),
            format_version: juri_bundle::ARCHIVE_FORMAT_VERSION,
            competition_id: page_model.competition_id.clone(),
            published_at: now.clone(),
            privacy,
            files: files
                .iter()
                .map(|(path, bytes)| Listed {
                    path: path.clone(),
                    sha256: sha256_hex(bytes),
                    bytes: bytes.len() as u64,
                })
                .collect(),
        };
        let signed = sign_archive_manifest(&manifest, &keys).map_err(damaged)?;
        report.manifest_sha256 = sha256_hex(&signed);
        files.insert(MANIFEST.to_string(), signed);
        let page_model =
            page_model.signed(report.manifest_sha256.clone(), report.chair_key.clone());
        files.insert(PAGE.to_string(), page::render(&page_model)?.into_bytes());
        report.files = files.len();
        report.path = out.display().to_string();
        if zip {
            write_zip(out, &files)?;
        } else {
            write_folder(out, &files)?;
        }
        self.db.write(|tx| -> Result<(), AppError> {
            tx.audit(
                &now,
                "publish",
                &format!(
                    "verification archive published: {} stage snapshots, {} bundles ({} not checkable), juror names {}, comments {}, notes {}; manifest {}",
                    report.stages,
                    report.bundles,
                    report.not_checkable,
                    if privacy.juror_names { "published" } else { "withheld" },
                    if privacy.comments { "published" } else { "withheld" },
                    if privacy.notes { "published" } else { "withheld" },
                    report.manifest_sha256
                ),
            )?;
            Ok(())
        })?;
        Ok(report)
    }
}

/// Every file of the archive but the manifest and the page, what the page shows, and the
/// report's counts.
fn archive_files(
    tx: &Tx<'_>,
    snap: &Snapshot,
    keys: &juri_bundle::ChairKeys,
    privacy: Privacy,
    now: &str,
) -> Result<(Files, PublishReport, page::PageModel), AppError> {
    let mut files = Files::new();
    let mut report = PublishReport {
        path: String::new(),
        files: 0,
        stages: 0,
        bundles: 0,
        not_checkable: 0,
        paper_imports: 0,
        rulings: 0,
        corrections: 0,
        manifest_sha256: String::new(),
        chair_key: String::new(),
        privacy,
    };
    let codes = Codes::load(tx, snap)?;
    let labels = role_labels(&snap.jurors);
    let competition = &snap.definition.competition;

    // Stage snapshots and their frozen results, in the order they were written.
    let mut stages = Vec::new();
    let mut definitions = BTreeMap::new();
    let mut published_stages = Vec::new();
    let mut stage_files: Vec<(String, StageFile, Option<i64>)> = Vec::new();
    let journal_ids = tx.stage_snapshot_journal_ids()?;
    for (at, kept) in tx.stage_snapshots()?.into_iter().enumerate() {
        let Some(results) = results_of(tx, kept.stage_id, kept.version)? else {
            return Err(AppError::Damaged(
                t!("rebuild.results_not_kept").into_owned(),
            ));
        };
        let version = kept.snapshot.definition_version;
        if let std::collections::btree_map::Entry::Vacant(slot) = definitions.entry(version) {
            let text = tx.definition_at(version)?.ok_or_else(|| {
                AppError::Damaged(t!("rebuild.definition_not_kept", version = version).into_owned())
            })?;
            slot.insert(text);
        }
        let stage = kept.snapshot.stage.clone();
        let file = stage_file_name(&stage, kept.version);
        let snapshot = withhold(kept.snapshot, privacy, &labels);
        let body = StageFile {
            stage: stage.clone(),
            version: kept.version,
            finalized_at: kept.finalized_at.clone(),
            reconstructed: kept.reconstructed,
            journal_events: None,
            snapshot: json_value(&snapshot_to_row(&snapshot)?)?,
            results: json_value(&results_to_row(&results)?)?,
        };
        stage_files.push((file.clone(), body, journal_ids.get(at).copied().flatten()));
        stages.push(StageListed {
            stage,
            version: kept.version,
            file,
        });
        published_stages.push((kept.finalized_at, snapshot, results));
    }
    report.stages = stages.len();
    // The definition in force, whose names the page shows.
    if let std::collections::btree_map::Entry::Vacant(slot) =
        definitions.entry(snap.definition_version)
    {
        let text = tx.definition_at(snap.definition_version)?.ok_or_else(|| {
            AppError::Damaged(
                t!(
                    "rebuild.definition_not_kept",
                    version = snap.definition_version
                )
                .into_owned(),
            )
        })?;
        slot.insert(text);
    }
    let definition_files: Vec<DefinitionFile> = definitions
        .into_iter()
        .map(|(version, text)| {
            let file = format!("definitions/v{version}.toml");
            files.insert(file.clone(), text.into_bytes());
            DefinitionFile { version, file }
        })
        .collect();

    // The jurors and every key the chair registered for each.
    let mut keys_of: HashMap<i64, Vec<PublishedKey>> = HashMap::new();
    for k in tx.juror_keys(None)? {
        keys_of.entry(k.juror_id).or_default().push(PublishedKey {
            public_key: juri_bundle::to_base64(&k.public_key),
            created_at: k.created_at,
            retired_at: k.retired_at,
        });
    }
    let jurors: Vec<PublishedJuror> = snap
        .juror_ids
        .iter()
        .zip(&snap.jurors)
        .map(|(id, j)| PublishedJuror {
            id: j.id.clone(),
            label: if privacy.juror_names {
                j.name.clone()
            } else {
                labels.get(&j.id).cloned().unwrap_or_default()
            },
            keys: keys_of.remove(id).unwrap_or_default(),
        })
        .collect();

    // The journal: merges (with each bundle's signed content), paper imports and rulings.
    let mut events = Vec::new();
    // The journal id each published event came from, to place each snapshot among them.
    let mut event_ids: Vec<i64> = Vec::new();
    for entry in tx.journal()? {
        let before = events.len();
        match entry.kind.as_str() {
            "merge" => {
                let mut bundles = Vec::new();
                for (_, bytes) in tx.bundles_of_merge(entry.id)? {
                    let decrypted = DecryptedBundle::decrypt(&bytes, keys).map_err(damaged)?;
                    let published = publish_bundle(&decrypted, privacy.comments, privacy.notes)
                        .map_err(damaged)?;
                    let evidence = open_evidence(&published.envelope, published.texts.as_deref())
                        .map_err(damaged)?;
                    let fingerprint = evidence.content_fingerprint.to_hex();
                    let (evidence_file, texts_file) = if published.holds_withheld_text {
                        report.not_checkable += 1;
                        (None, None)
                    } else {
                        report.bundles += 1;
                        let file = format!("evidence/{fingerprint}.juri");
                        files.insert(file.clone(), published.envelope);
                        let texts = published.texts.map(|t| {
                            let name = format!("evidence/{fingerprint}.texts.json");
                            files.insert(name.clone(), t);
                            name
                        });
                        (Some(file), texts)
                    };
                    bundles.push(MergedBundle {
                        juror: evidence.content.juror_id,
                        content_fingerprint: fingerprint,
                        format_version: published.format_version,
                        evidence: evidence_file,
                        texts: texts_file,
                    });
                }
                if !bundles.is_empty() {
                    events.push(Event::Merge {
                        at: entry.at,
                        bundles,
                    });
                }
            }
            "paper" => {
                report.paper_imports += 1;
                events.push(paper_event(&codes, &entry.at, &entry.body, privacy)?);
            }
            "resolve" => {
                report.rulings += 1;
                events.push(ruling_event(&codes, &entry.at, &entry.body, privacy)?);
            }
            _ => {}
        }
        if events.len() > before {
            event_ids.push(entry.id);
        }
    }
    files.insert(JOURNAL.to_string(), pretty(&events)?);
    for (file, mut body, journal_id) in stage_files {
        body.journal_events =
            journal_id.map(|id| event_ids.iter().take_while(|&&e| e <= id).count());
        files.insert(file, pretty(&body)?);
    }
    let corrections: Vec<PublishedCorrection> = tx
        .corrections(None, None)?
        .into_iter()
        .map(|c| PublishedCorrection {
            id: c.id,
            at: c.at,
            kind: c.kind,
            stage: c.stage,
            entry: c.entry,
            reason: c.reason,
            before: serde_json::from_str(&c.before).unwrap_or(serde_json::Value::Null),
            after: serde_json::from_str(&c.after).unwrap_or(serde_json::Value::Null),
        })
        .collect();
    report.corrections = corrections.len();
    files.insert(CORRECTIONS.to_string(), pretty(&corrections)?);

    let competition_file = CompetitionFile {
        competition_id: competition.id.clone(),
        name: competition.name.clone(),
        organizer: competition.organizer.clone(),
        published_at: now.to_string(),
        definition_version: snap.definition_version,
        definitions: definition_files,
        jurors,
        stages,
    };
    files.insert(COMPETITION.to_string(), pretty(&competition_file)?);
    let model = page::PageModel::new(
        &snap.definition,
        &competition_file,
        &published_stages,
        privacy,
    );
    Ok((files, report, model))
}

fn plain(value: Option<i64>) -> Option<String> {
    value.map(|v| Fixed(v).to_plain())
}

fn paper_event(codes: &Codes, at: &str, body: &str, privacy: Privacy) -> Result<Event, AppError> {
    let batch = read_paper(body)?;
    let mut cells = Vec::new();
    for c in batch.cells {
        cells.push(PaperCell {
            stage: codes.stage(c.key[0])?,
            entry: codes.entry(c.key[1])?,
            juror: codes.juror(c.key[2])?,
            criterion: codes.criterion(c.key[3])?,
            value: plain(c.value),
            comment: if privacy.comments {
                c.comment
            } else {
                String::new()
            },
            revision: c.revision as u64,
            updated_at: c.updated_at,
        });
    }
    let mut submissions = Vec::new();
    for s in batch.submissions {
        submissions.push(PaperSubmission {
            stage: codes.stage(s.key[0])?,
            entry: codes.entry(s.key[1])?,
            juror: codes.juror(s.key[2])?,
            submitted: s.submitted,
            revision: s.revision as u64,
            updated_at: s.updated_at,
        });
    }
    let mut notes = Vec::new();
    for n in batch.notes {
        notes.push(PaperNote {
            stage: codes.stage(n.key[0])?,
            entry: codes.entry(n.key[1])?,
            juror: codes.juror(n.key[2])?,
            note: if privacy.notes { n.note } else { String::new() },
            revision: n.revision as u64,
            updated_at: n.updated_at,
        });
    }
    Ok(Event::Paper {
        at: at.to_string(),
        file: batch.file,
        cells,
        submissions,
        notes,
    })
}

fn ruling_event(codes: &Codes, at: &str, body: &str, privacy: Privacy) -> Result<Event, AppError> {
    let damaged =
        |e: serde_json::Error| AppError::Damaged(format!("a journaled ruling is damaged: {e}"));
    let raw: serde_json::Value = serde_json::from_str(body).map_err(damaged)?;
    let record = raw["kind"].as_str().unwrap_or_default().to_string();
    let key: [i64; 4] = serde_json::from_value(raw["key"].clone()).map_err(damaged)?;
    let revision = raw["revision"].as_u64().unwrap_or_default();
    // A score's content in the archive's words: the value as exact decimal text, the comment
    // (withheld unless published); a note's text (likewise); a submission state as is.
    let content = |v: &serde_json::Value| -> serde_json::Value {
        match record.as_str() {
            "score" => serde_json::json!({
                "value": plain(v["value"].as_i64()),
                "comment": if privacy.comments { v["comment"].as_str().unwrap_or_default() } else { "" },
            }),
            "note" => serde_json::json!(if privacy.notes {
                v.as_str().unwrap_or_default()
            } else {
                ""
            }),
            _ => v.clone(),
        }
    };
    Ok(Event::Ruling {
        at: at.to_string(),
        stage: codes.stage(key[0])?,
        entry: codes.entry(key[1])?,
        juror: codes.juror(key[2])?,
        criterion: if record == "score" {
            Some(codes.criterion(key[3])?)
        } else {
            None
        },
        revision,
        chosen: content(&raw["chosen"]),
        considered: raw["considered"]
            .as_array()
            .map(|a| a.iter().map(&content).collect())
            .unwrap_or_default(),
        record,
    })
}

/// Writes `files` into the new folder `out`, whole or not at all: into a folder beside it, then
/// renamed into place.
fn write_folder(out: &Path, files: &Files) -> Result<(), AppError> {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| AppError::io(parent, e))?;
    let staging = tempfile::Builder::new()
        .prefix(".juri-publish-")
        .tempdir_in(parent)
        .map_err(|e| AppError::io(parent, e))?;
    for (path, bytes) in files {
        let target = staging.path().join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| AppError::io(dir, e))?;
        }
        std::fs::write(&target, bytes).map_err(|e| AppError::io(&target, e))?;
    }
    if out.exists() {
        // An empty folder the chair made for it.
        std::fs::remove_dir(out).map_err(|e| AppError::io(out, e))?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, out).map_err(|e| AppError::io(out, e))?;
    Ok(())
}

/// Writes `files` as the zip `out` (atomically).
fn write_zip(out: &Path, files: &Files) -> Result<(), AppError> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (path, bytes) in files {
            zip.start_file(path.as_str(), options)
                .map_err(|e| AppError::Internal(e.to_string()))?;
            zip.write_all(bytes).map_err(|e| AppError::io(out, e))?;
        }
        zip.finish()
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    crate::files::write_atomically(out, &buffer.into_inner())
}
