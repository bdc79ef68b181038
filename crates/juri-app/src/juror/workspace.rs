//! The juror's side: a workspace on the juror's own laptop. Install the chair's package, score
//! entry by entry (every change durable when it returns), write notes, submit, and export the
//! signed, encrypted score bundle for the chair. The desktop app and `juri juror` call the same
//! methods.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use juri_bundle::{
    open_package, seal_bundle, BundleContent, ChairPublic, EntryNote, Fingerprint, JurorSigningKey,
    PackagePin, ScoreCell, Submission,
};
use juri_core::{Definition, ScoreError, StageDef};
use juri_store::{JurorCell, JurorDb, JurorEntryRow, JurorExportRow, JurorPair};
use serde::Serialize;

use crate::error::AppError;
use crate::files::{read_juri_file, write_atomically};
use crate::juror::sheets::{SavedCell, Sheet};

/// A juror's workspace: one juror database.
pub struct JurorWorkspace {
    pub(crate) db: JurorDb,
    path: PathBuf,
}

/// What installing a package did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InstalledPackage {
    pub competition_id: String,
    pub competition_name: String,
    pub juror: String,
    pub juror_name: String,
    pub version: u32,
    /// The version installed before, if any.
    pub previous_version: Option<u32>,
    pub entries: usize,
    pub assigned: usize,
    /// The juror's own score cells, kept as they were.
    pub cells_kept: usize,
}

/// What exporting wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReport {
    pub file: String,
    pub sequence: u64,
    pub fingerprint: String,
    pub cells: usize,
    pub notes: usize,
    pub submitted: usize,
}

/// The installed package, as the workspace uses it.
pub(crate) struct Installed {
    pub pin: PackagePin,
    pub definition: Definition,
    pub juror_name: String,
    pub entries: Vec<JurorEntryRow>,
    /// Stage → assigned entry codes, in the chair's order.
    pub assigned: BTreeMap<String, Vec<String>>,
}

/// Each sheet's version, by (stage, entry): the sum of the revisions of its score cells, note and
/// submission state. Every change adds one to one record's revision (or makes a record at
/// revision 1), so a sheet whose version is unchanged is unchanged. The export records these for
/// what it sealed; a printout compares them with the ones now.
pub(crate) fn sheet_versions(
    cells: &[JurorCell],
    notes: &[JurorPair<String>],
    submissions: &[JurorPair<bool>],
) -> BTreeMap<(String, String), i64> {
    let records = cells
        .iter()
        .map(|c| (&c.stage, &c.entry, c.revision))
        .chain(notes.iter().map(|n| (&n.stage, &n.entry, n.revision)))
        .chain(submissions.iter().map(|s| (&s.stage, &s.entry, s.revision)));
    let mut out: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (stage, entry, revision) in records {
        *out.entry((stage.clone(), entry.clone())).or_default() += revision;
    }
    out
}

pub(crate) fn meta(db: &JurorDb, key: &str) -> Result<String, AppError> {
    db.read()
        .meta(key)?
        .ok_or_else(|| AppError::Invalid(format!("the juror database lacks '{key}'")))
}

impl JurorWorkspace {
    /// Opens the juror database at `path`, creating an empty one if the file does not exist.
    pub fn open(path: &Path) -> Result<JurorWorkspace, AppError> {
        Ok(JurorWorkspace {
            db: JurorDb::open_or_create(path)?,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a package has been installed.
    pub fn is_set_up(&self) -> Result<bool, AppError> {
        Ok(self.db.read().meta("package_version")?.is_some())
    }

    pub(crate) fn installed(&self) -> Result<Installed, AppError> {
        let tx = self.db.read();
        let Some(version) = tx.meta("package_version")? else {
            return Err(AppError::Invalid(
                "no package is installed yet; open the package file from the chair first \
                 (`juri juror open FILE --code …`)"
                    .into(),
            ));
        };
        let pin = PackagePin {
            competition_id: meta(&self.db, "competition_id")?,
            juror_id: meta(&self.db, "juror_id")?,
            chair_signing_key: meta(&self.db, "chair_signing_key")?,
            package_version: version.parse().map_err(|_| {
                AppError::Invalid("the installed package version is damaged".into())
            })?,
        };
        let definition = crate::definition::toml_definition(&meta(&self.db, "definition_toml")?)?;
        let mut assigned: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (stage, entry) in tx.assignments()? {
            assigned.entry(stage).or_default().push(entry);
        }
        Ok(Installed {
            pin,
            definition,
            juror_name: meta(&self.db, "juror_name")?,
            entries: tx.entries()?,
            assigned,
        })
    }

    /// Installs a package from the chair. The first package needs the access code; a later one
    /// (a newer version from the same chair) replaces the definition and entries and never
    /// touches the juror's scores. A package from another chair key, competition or juror, or
    /// older than the installed one, is refused.
    pub fn install_package(
        &mut self,
        file: &Path,
        access_code: Option<&str>,
    ) -> Result<InstalledPackage, AppError> {
        let bad = |message: String| AppError::BadFile {
            file: file.display().to_string(),
            message,
        };
        let bytes = read_juri_file(file)?;
        let package = open_package(&bytes).map_err(|e| bad(e.to_string()))?;
        let previous = match self.installed() {
            Ok(installed) => {
                package
                    .check_update(&installed.pin)
                    .map_err(|e| bad(e.to_string()))?;
                Some(installed.pin.package_version)
            }
            Err(_) => None,
        };
        let content = package.content();
        let definition = crate::definition::toml_definition(&content.definition_toml)
            .map_err(|e| bad(format!("the competition definition inside is invalid: {e}")))?;
        if definition.competition.id != content.competition_id {
            return Err(bad(format!(
                "the definition inside is for competition '{}', the package for '{}'",
                definition.competition.id, content.competition_id
            )));
        }
        let stored_key = self.db.read().meta("juror_secret")?;
        let stored_key =
            match stored_key {
                Some(text) => Some(JurorSigningKey::from_secret_string(&text).map_err(|e| {
                    AppError::Invalid(format!("the stored juror key is damaged: {e}"))
                })?),
                None => None,
            };
        let key_is_known = stored_key
            .as_ref()
            .is_some_and(|k| k.public_key() == content.credential.public_key);
        let key = match (access_code, stored_key) {
            (Some(code), _) => package.unlock(code).map_err(|e| bad(e.to_string()))?,
            (None, Some(key)) if key_is_known => key,
            (None, _) => {
                return Err(AppError::Invalid(format!(
                    "{}: this package needs the access code the chair gave you (--code)",
                    file.display()
                )))
            }
        };
        let entries: Vec<JurorEntryRow> = content
            .entries
            .iter()
            .map(|e| JurorEntryRow {
                code: e.code.clone(),
                title: e.title.clone(),
                institution: e.institution.clone(),
                category: e.category.clone(),
                rintisan: e.rintisan,
                description: e.description.clone(),
            })
            .collect();
        let assignments: Vec<(String, Vec<String>)> = content
            .assignments
            .iter()
            .map(|a| (a.stage.clone(), a.entries.clone()))
            .collect();
        let chair = package.chair().clone();
        let now = crate::now();
        let fingerprint = package.fingerprint().to_hex();
        let cells_kept = self.db.write(|tx| -> Result<usize, AppError> {
            let pairs = [
                ("competition_id", content.competition_id.as_str()),
                ("juror_id", content.juror.id.as_str()),
                ("juror_name", content.juror.name.as_str()),
                ("juror_affiliation", content.juror.affiliation.as_str()),
                ("juror_role", content.juror.role.as_str()),
                ("chair_signing_key", chair.signing_key.as_str()),
                ("chair_age_recipient", chair.age_recipient.as_str()),
                ("definition_toml", content.definition_toml.as_str()),
                ("issued_at", content.issued_at.as_str()),
            ];
            for (k, v) in pairs {
                tx.set_meta(k, v)?;
            }
            tx.set_meta("package_version", &content.package_version.to_string())?;
            tx.set_meta("juror_secret", &key.to_secret_string())?;
            tx.install_package(
                i64::from(content.package_version),
                &fingerprint,
                &bytes,
                &now,
                &entries,
                &assignments,
            )?;
            Ok(tx.cells()?.len())
        })?;
        Ok(InstalledPackage {
            competition_id: content.competition_id.clone(),
            competition_name: definition.competition.name.clone(),
            juror: content.juror.id.clone(),
            juror_name: content.juror.name.clone(),
            version: content.package_version,
            previous_version: previous,
            entries: entries.len(),
            assigned: assignments.iter().map(|(_, e)| e.len()).sum(),
            cells_kept,
        })
    }

    /// Checks that the juror may score `entry` in `stage` and returns the stage.
    pub(crate) fn scoring_stage<'d>(
        installed: &'d Installed,
        stage: &str,
        entry: &str,
    ) -> Result<&'d StageDef, AppError> {
        let st = installed
            .definition
            .stage(stage)
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        if !st.is_scored_by_jurors() {
            return Err(AppError::Invalid(format!(
                "stage '{stage}' is not scored by jurors"
            )));
        }
        if !installed.entries.iter().any(|e| e.code == entry) {
            return Err(AppError::Invalid(format!(
                "entry '{entry}' is not in your package: it does not exist, or you are recused from it"
            )));
        }
        if !installed
            .assigned
            .get(stage)
            .is_some_and(|codes| codes.iter().any(|c| c == entry))
        {
            return Err(AppError::Invalid(format!(
                "you are not assigned to entry '{entry}' in stage '{stage}'"
            )));
        }
        Ok(st)
    }

    fn ensure_not_submitted(&self, stage: &str, entry: &str) -> Result<(), AppError> {
        let submitted = self
            .db
            .read()
            .submissions()?
            .into_iter()
            .any(|s| s.stage == stage && s.entry == entry && s.value);
        if submitted {
            return Err(AppError::Invalid(format!(
                "entry '{entry}' in stage '{stage}' is already submitted; reopen it first to change it"
            )));
        }
        Ok(())
    }

    /// Sets one score cell (and its comment; `None` keeps the comment). `value` is typed as a
    /// person would ("8,5" works); an empty value clears the cell. Returns the saved cell, durable
    /// on disk. Setting the same value and comment again changes nothing.
    pub fn set_score(
        &mut self,
        stage: &str,
        entry: &str,
        criterion: &str,
        value: Option<&str>,
        comment: Option<&str>,
    ) -> Result<SavedCell, AppError> {
        let installed = self.installed()?;
        let st = Self::scoring_stage(&installed, stage, entry)?;
        let crit = st.criterion(criterion).ok_or_else(|| {
            AppError::Invalid(format!(
                "unknown criterion '{criterion}' in stage '{stage}' (one of: {})",
                st.criteria()
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let value = match value.map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(text) => match juri_core::read_score(st, text) {
                Ok(v) => Some(v.to_plain()),
                Err(ScoreError::Unreadable(e)) => {
                    return Err(AppError::Invalid(format!("score for '{criterion}': {e}")))
                }
                Err(ScoreError::OutsideScale { text, scale }) => {
                    return Err(AppError::Invalid(format!(
                        "score {text} for '{criterion}' is outside the scale {}",
                        scale.describe()
                    )))
                }
            },
        };
        self.ensure_not_submitted(stage, entry)?;
        let before = self.db.read().cell(stage, entry, &crit.id)?;
        let comment = comment
            .map(str::to_string)
            .or_else(|| before.as_ref().map(|c| c.comment.clone()))
            .unwrap_or_default();
        let unchanged = before
            .as_ref()
            .is_some_and(|b| b.value == value && b.comment == comment);
        if !unchanged && before.is_none() && value.is_none() && comment.is_empty() {
            return Err(AppError::Invalid(format!(
                "'{criterion}' of entry '{entry}' has no score to clear"
            )));
        }
        if !unchanged {
            let now = crate::now();
            self.db.write(|tx| {
                tx.put_cell(stage, entry, &crit.id, value.as_deref(), &comment, &now)
            })?;
        }
        let cell = self
            .db
            .read()
            .cell(stage, entry, &crit.id)?
            .ok_or_else(|| AppError::Invalid("the saved cell cannot be read back".into()))?;
        let sheet = self.sheet(stage, entry)?;
        Ok(SavedCell {
            stage: stage.to_string(),
            entry: entry.to_string(),
            criterion: crit.id.clone(),
            value: cell.value,
            comment: cell.comment,
            revision: cell.revision as u64,
            updated_at: cell.updated_at,
            changed: !unchanged,
            filled: sheet.filled,
            criteria: sheet.criteria.len(),
            total: sheet.total,
        })
    }

    /// Writes the juror's note on an entry (e.g. from a field visit). Durable when it returns.
    pub fn set_note(&mut self, stage: &str, entry: &str, text: &str) -> Result<u64, AppError> {
        let installed = self.installed()?;
        Self::scoring_stage(&installed, stage, entry)?;
        let same = self
            .db
            .read()
            .notes()?
            .into_iter()
            .find(|n| n.stage == stage && n.entry == entry);
        if let Some(n) = same.filter(|n| n.value == text) {
            return Ok(n.revision as u64);
        }
        let now = crate::now();
        let revision = self.db.write(|tx| tx.put_note(stage, entry, text, &now))?;
        Ok(revision as u64)
    }

    /// Marks an entry's sheet submitted; refused unless every criterion is scored.
    pub fn submit(&mut self, stage: &str, entry: &str) -> Result<Sheet, AppError> {
        let sheet = self.sheet(stage, entry)?;
        if sheet.submitted {
            return Ok(sheet);
        }
        let missing: Vec<&str> = sheet
            .criteria
            .iter()
            .filter(|c| c.value.is_none())
            .map(|c| c.id.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(AppError::Invalid(format!(
                "entry '{entry}' cannot be submitted: {} of {} criteria are not scored yet ({})",
                missing.len(),
                sheet.criteria.len(),
                missing.join(", ")
            )));
        }
        let now = crate::now();
        self.db
            .write(|tx| tx.put_submission(stage, entry, true, &now))?;
        self.sheet(stage, entry)
    }

    /// Withdraws a submission so the sheet can be changed again.
    pub fn reopen(&mut self, stage: &str, entry: &str) -> Result<Sheet, AppError> {
        let sheet = self.sheet(stage, entry)?;
        if !sheet.submitted {
            return Ok(sheet);
        }
        let now = crate::now();
        self.db
            .write(|tx| tx.put_submission(stage, entry, false, &now))?;
        self.sheet(stage, entry)
    }

    /// Writes the juror's full current state as a signed score bundle encrypted to the chair,
    /// atomically (a temporary file, flushed, renamed, the folder flushed).
    pub fn export(&mut self, out: &Path) -> Result<ExportReport, AppError> {
        let installed = self.installed()?;
        let key = JurorSigningKey::from_secret_string(&meta(&self.db, "juror_secret")?)
            .map_err(|e| AppError::Invalid(format!("the stored juror key is damaged: {e}")))?;
        let chair = ChairPublic {
            signing_key: meta(&self.db, "chair_signing_key")?,
            age_recipient: meta(&self.db, "chair_age_recipient")?,
        };
        let tx = self.db.read();
        let sequence = tx.next_export_sequence()?;
        let (cells, notes, submissions) = (tx.cells()?, tx.notes()?, tx.submissions()?);
        let versions = sheet_versions(&cells, &notes, &submissions);
        let now = crate::now();
        let content = BundleContent {
            competition_id: installed.pin.competition_id.clone(),
            juror_id: installed.pin.juror_id.clone(),
            package_version: installed.pin.package_version,
            exported_at: now.clone(),
            sequence: sequence as u64,
            scores: cells
                .into_iter()
                .map(|c| ScoreCell {
                    stage: c.stage,
                    entry: c.entry,
                    criterion: c.criterion,
                    value: c.value,
                    comment: c.comment,
                    revision: c.revision as u64,
                    updated_at: c.updated_at,
                })
                .collect(),
            notes: notes
                .into_iter()
                .map(|n| EntryNote {
                    stage: n.stage,
                    entry: n.entry,
                    note: n.value,
                    revision: n.revision as u64,
                    updated_at: n.updated_at,
                })
                .collect(),
            submissions: submissions
                .into_iter()
                .map(|s| Submission {
                    stage: s.stage,
                    entry: s.entry,
                    submitted: s.value,
                    revision: s.revision as u64,
                    updated_at: s.updated_at,
                })
                .collect(),
        };
        let bytes = seal_bundle(&content, &key, &chair)
            .map_err(|e| AppError::Invalid(format!("the bundle cannot be made: {e}")))?;
        write_atomically(out, &bytes)?;
        let fingerprint = Fingerprint::of(&bytes);
        let file = out.display().to_string();
        let versions: Vec<(String, String, i64)> = versions
            .into_iter()
            .map(|((stage, entry), version)| (stage, entry, version))
            .collect();
        let row = JurorExportRow {
            sequence,
            exported_at: now.clone(),
            file: file.clone(),
            fingerprint: fingerprint.to_hex(),
        };
        self.db.write(|tx| tx.add_export(&row, &versions))?;
        Ok(ExportReport {
            file,
            sequence: sequence as u64,
            fingerprint: fingerprint.short(),
            cells: content.scores.len(),
            notes: content.notes.len(),
            submitted: content.submissions.iter().filter(|s| s.submitted).count(),
        })
    }

    /// `PRAGMA integrity_check` says "ok".
    pub fn integrity_ok(&self) -> Result<bool, AppError> {
        Ok(self.db.integrity_ok()?)
    }
}
