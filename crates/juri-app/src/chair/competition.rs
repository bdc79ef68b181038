//! The competition as the chair holds it: the database, the definition and its versions, and the
//! [`Snapshot`] every computation starts from, with each stage resolved once into a [`StageRef`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use juri_core::model::{Decision, Entry, Juror};
use juri_core::replacement::Replacement;
use juri_core::{Definition, StageDef};
use juri_store::{AuditRow, ChairDb, Tx};

use crate::definition::toml_definition;
use crate::error::AppError;
use crate::refusal::Refusal;

/// An open competition, as the chair holds it.
pub struct Chair {
    pub(crate) db: ChairDb,
    pub(crate) path: PathBuf,
    /// The chair's keys, opened with the passphrase for this session (never written in clear).
    pub(crate) unlocked: Option<juri_bundle::ChairKeys>,
    /// A new passphrase given before any keys exist, for the keys the first package makes.
    pub(crate) new_passphrase: Option<zeroize::Zeroizing<String>>,
    /// Where a copy of the opened keys is kept on this laptop ([`Chair::use_keychain`]).
    pub(crate) keychain: crate::Keychain,
}

/// Everything loaded once per computation.
pub struct Snapshot {
    pub definition: Definition,
    pub definition_version: i64,
    pub entries: Vec<Entry>,
    pub entry_ids: Vec<i64>,
    /// The panel as it sits: the jurors as imported, with every juror replacement applied
    /// (`juri_core::replacement::seat`).
    pub jurors: Vec<Juror>,
    pub juror_ids: Vec<i64>,
    /// The juror replacements recorded, in order.
    pub replacements: Vec<Replacement>,
    pub decisions: Vec<Decision>,
    /// Each stage of the definition, in its order.
    stages: Vec<StageState>,
}

/// A stage of the competition, resolved once: its place in the definition. Made only by a
/// [`Snapshot`], so it always names a stage that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct StageRef(usize);

impl StageRef {
    /// The stage's position in the definition (0 for the first stage).
    pub fn index(self) -> usize {
        self.0
    }
}

/// What the database says of one stage.
struct StageState {
    /// The stage's row id, which score and screening rows point to.
    row: i64,
    /// (row id, code) of every criterion the stage ever had, as interned in the database.
    criteria: BTreeMap<i64, String>,
    finalized_at: Option<String>,
}

impl Snapshot {
    pub fn entry_index(&self, code: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.code == code)
    }
    pub fn juror_index(&self, id: &str) -> Option<usize> {
        self.jurors.iter().position(|j| j.id == id)
    }
    pub fn stage(&self, id: &str) -> Result<&StageDef, AppError> {
        self.definition
            .stage(id)
            .ok_or_else(|| AppError::UnknownStage(id.to_string()))
    }
    /// Resolves a stage id once; every later step takes the [`StageRef`].
    pub fn stage_ref(&self, id: &str) -> Result<StageRef, AppError> {
        self.definition
            .stage_index(id)
            .map(StageRef)
            .ok_or_else(|| AppError::UnknownStage(id.to_string()))
    }
    /// Every stage, in the definition's order.
    pub fn stage_refs(&self) -> impl Iterator<Item = StageRef> {
        (0..self.stages.len()).map(StageRef)
    }
    /// The stage before `stage`, if any.
    pub fn previous(&self, stage: StageRef) -> Option<StageRef> {
        stage.0.checked_sub(1).map(StageRef)
    }
    /// The definition of a stage.
    pub fn def(&self, stage: StageRef) -> &StageDef {
        &self.definition.stages[stage.0]
    }
    /// The stage's row id in the chair's database.
    pub(crate) fn row(&self, stage: StageRef) -> i64 {
        self.stages[stage.0].row
    }
    /// The row id of a criterion of the stage's rubric.
    pub(crate) fn criterion_row(&self, stage: StageRef, code: &str) -> Result<i64, AppError> {
        self.stages[stage.0]
            .criteria
            .iter()
            .find(|(_, c)| *c == code)
            .map(|(id, _)| *id)
            .ok_or_else(|| {
                AppError::Damaged(format!(
                    "criterion '{code}' of stage '{}' has no row in the database",
                    self.def(stage).id
                ))
            })
    }
    /// (row id, code) of every criterion the stage ever had.
    pub(crate) fn criterion_rows(&self, stage: StageRef) -> &BTreeMap<i64, String> {
        &self.stages[stage.0].criteria
    }
    /// When the stage was finalised, if it was.
    pub fn finalized_at(&self, stage: StageRef) -> Option<&str> {
        self.stages[stage.0].finalized_at.as_deref()
    }
    /// The first stage that is not finalised: the one the competition is at.
    pub fn current_stage(&self) -> Option<StageRef> {
        self.stage_refs().find(|&s| self.finalized_at(s).is_none())
    }
}

impl Chair {
    /// Creates the chair's database from a definition file's text.
    pub fn init(path: &Path, definition_toml: &str) -> Result<Chair, AppError> {
        let def: Definition = toml_definition(definition_toml)?;
        let mut db = ChairDb::create(path)?;
        let now = crate::now();
        db.write(|tx| -> Result<(), AppError> {
            tx.add_definition(definition_toml, &def, &now)?;
            tx.set_meta("competition_id", &def.competition.id)?;
            tx.audit(
                &now,
                "init",
                &format!(
                    "competition {} created from definition version 1",
                    def.competition.id
                ),
            )?;
            Ok(())
        })?;
        Ok(Chair {
            db,
            path: path.to_path_buf(),
            unlocked: None,
            new_passphrase: None,
            keychain: crate::Keychain::none(),
        })
    }

    /// The competition at `path` when the app starts: opened if the database exists, else the
    /// demo competition created there when `demo` is asked for, else none.
    pub fn open_or_demo(path: &Path, demo: bool) -> Result<Option<Chair>, AppError> {
        if path.exists() {
            Chair::open(path).map(Some)
        } else if demo {
            crate::create_demo(path).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Moves the competition database at `path` (with its write-ahead files) aside, to
    /// `lomba-<time>.db` in the same folder, so a new competition can start there. Returns where
    /// it went. The caller closes the database first.
    /// The database records that it was archived first: an archived competition's record can
    /// no longer be corrected.
    pub fn archive(path: &Path) -> Result<PathBuf, AppError> {
        let now = crate::now();
        {
            let mut db = ChairDb::open(path)?;
            db.write(|tx| -> Result<(), AppError> {
                tx.set_meta("archived_at", &now)?;
                tx.audit(&now, "archive", "competition archived")?;
                Ok(())
            })?;
        }
        let stamp = now.replace([':', '+'], "-");
        let target = archive_name(path, &stamp);
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", path.display()));
            if side.exists() {
                let moved = PathBuf::from(format!("{}{suffix}", target.display()));
                std::fs::rename(&side, &moved).map_err(|error| AppError::io(&side, error))?;
            }
        }
        std::fs::rename(path, &target).map_err(|error| AppError::io(path, error))?;
        Ok(target)
    }

    /// Opens the competition at `path`. A database from before stage snapshots gets one for
    /// each stage it has finalised, built from the data as it stands and marked reconstructed
    /// (once: the next open finds them).
    #[tracing::instrument(name = "open", skip_all, fields(db = %path.display()))]
    pub fn open(path: &Path) -> Result<Chair, AppError> {
        let chair = Chair {
            db: ChairDb::open(path)?,
            path: path.to_path_buf(),
            unlocked: None,
            new_passphrase: None,
            keychain: crate::Keychain::none(),
        };
        chair.reconstruct_snapshots()?;
        Ok(chair)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn db(&self) -> &ChairDb {
        &self.db
    }

    pub fn db_mut(&mut self) -> &mut ChairDb {
        &mut self.db
    }

    pub fn definition(&self) -> Result<(i64, String, Definition), AppError> {
        let (v, text) = self
            .db
            .read()
            .definition()?
            .ok_or_else(|| AppError::Damaged("the database holds no definition".into()))?;
        let def = toml_definition(&text)?;
        Ok((v, text, def))
    }

    /// Replaces the definition with a new version. Scores are untouched; finalised stages stay frozen.
    pub fn update_definition(&mut self, toml: &str) -> Result<i64, AppError> {
        let def = toml_definition(toml)?;
        let (_, _, old) = self.definition()?;
        if def.competition.id != old.competition.id {
            return Err(Refusal::OtherCompetition {
                found: def.competition.id,
                expected: old.competition.id,
            }
            .into());
        }
        let now = crate::now();
        self.db.write(|tx| -> Result<i64, AppError> {
            let v = tx.add_definition(toml, &def, &now)?;
            tx.audit(
                &now,
                "definition",
                &format!("definition version {v} recorded"),
            )?;
            Ok(v)
        })
    }

    /// Runs `f` over the database as of one moment, in one read transaction: every read it
    /// makes sees a merge (or any write) committed meanwhile by another connection entirely or
    /// not at all. Every read here that combines tables runs this way; a front end that combines
    /// several reads wraps them in one `read` too. Reads nest; `f` must not write.
    pub fn read<T>(&self, f: impl FnOnce() -> Result<T, AppError>) -> Result<T, AppError> {
        self.db.reading(f)
    }

    pub fn snapshot(&self) -> Result<Snapshot, AppError> {
        self.snapshot_under(None)
    }

    /// The [`Snapshot`] with version `definition` of the definition (the current one when
    /// `None`): a finalised stage's documents print under the definition it was finalised under.
    pub(crate) fn snapshot_under(&self, definition: Option<i64>) -> Result<Snapshot, AppError> {
        self.read(|| {
            let (version, definition) = match definition {
                None => {
                    let (version, _, definition) = self.definition()?;
                    (version, definition)
                }
                Some(version) => {
                    let text = self.db.read().definition_at(version)?.ok_or_else(|| {
                        AppError::Damaged(format!(
                            "the database holds no definition version {version}"
                        ))
                    })?;
                    (version, toml_definition(&text)?)
                }
            };
            let tx = self.db.read();
            let (entry_ids, entries): (Vec<i64>, Vec<Entry>) = tx.entries()?.into_iter().unzip();
            let (juror_ids, mut jurors): (Vec<i64>, Vec<Juror>) = tx.jurors()?.into_iter().unzip();
            let replacements = tx.juror_replacements()?;
            juri_core::replacement::seat(&mut jurors, &entries, &replacements);
            let decisions = decisions(&tx)?;
            let stages = definition
                .stages
                .iter()
                .map(|s| -> Result<StageState, AppError> {
                    let row = tx.stage_id(&s.id)?.ok_or_else(|| {
                        AppError::Damaged(format!("stage '{}' has no row in the database", s.id))
                    })?;
                    let finalized_at = tx.finalized_at(row)?;
                    Ok(StageState {
                        row,
                        criteria: tx.criteria(row)?,
                        finalized_at,
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok(Snapshot {
                definition,
                definition_version: version,
                entries,
                entry_ids,
                jurors,
                juror_ids,
                replacements,
                decisions,
                stages,
            })
        })
    }

    pub fn log(&self) -> Result<Vec<AuditRow>, AppError> {
        Ok(self.db.read().audit_log()?)
    }

    pub(crate) fn ensure_open(&self, stage: &str) -> Result<(), AppError> {
        let tx = self.db.read();
        let sid = tx
            .stage_id(stage)?
            .ok_or_else(|| AppError::UnknownStage(stage.to_string()))?;
        if tx.finalized_at(sid)?.is_some() {
            return Err(AppError::StageFinalized(stage.to_string()));
        }
        Ok(())
    }
}

fn archive_name(path: &Path, stamp: &str) -> PathBuf {
    path.with_file_name(format!("lomba-{stamp}.db"))
}

pub(crate) fn decisions(tx: &Tx<'_>) -> Result<Vec<Decision>, AppError> {
    Ok(tx.decisions()?.into_iter().map(|(_, _, d)| d).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archives_keep_the_database_beside_it() {
        let path = Path::new("/data/lomba.db");
        assert_eq!(
            archive_name(path, "2025-12-15T10-00-00-08-00"),
            Path::new("/data/lomba-2025-12-15T10-00-00-08-00.db")
        );
    }
}
