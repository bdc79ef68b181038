//! The competitions of a data folder. The desktop app keeps several — this year's and last year's,
//! the province's own and a national one — and has one of them open at a time. Each is a chair's
//! database: `lomba.db` (the first, and every competition from before there were several),
//! `lomba-<time>.db` (an archived one, see [`Chair::archive`](crate::Chair::archive)) and
//! `kompetisi/<competition id>.db` (the ones created while another existed).

use crate::{AppError, Chair};
use juri_store::ChairDb;
use rust_i18n::t;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The file, inside the data folder, naming the competition that is open (its database's path,
/// relative to the data folder). Without it, the competition is `lomba.db`.
pub const OPEN_COMPETITION: &str = "kompetisi-terbuka";

/// The competitions of one data folder, and which of them is open.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

impl Library {
    pub fn new(dir: impl Into<PathBuf>) -> Library {
        Library { dir: dir.into() }
    }

    /// Every competition of the folder (see [`competitions_in`]).
    pub fn competitions(&self) -> Vec<CompetitionFile> {
        competitions_in(&self.dir)
    }

    /// The database of the competition that is open, or was open last: the one named in
    /// `kompetisi-terbuka`, else `lomba.db`.
    pub fn open_path(&self) -> PathBuf {
        let named = std::fs::read_to_string(self.dir.join(OPEN_COMPETITION))
            .ok()
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        self.dir
            .join(named.unwrap_or_else(|| FIRST_COMPETITION.to_owned()))
    }

    /// Creates a new competition from the definition `text` with `make` (e.g. [`Chair::init`]) at
    /// its place in the folder ([`new_competition_path`]) and remembers it as the open one.
    pub fn create(
        &self,
        text: &str,
        make: impl FnOnce(&Path, &str) -> Result<Chair, AppError>,
    ) -> Result<Chair, AppError> {
        let path = new_competition_path(&self.dir, text);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| AppError::io(parent, error))?;
        }
        let chair = make(&path, text)?;
        self.remember(&path)?;
        Ok(chair)
    }

    /// Opens the competition at `path` — one [`Library::competitions`] lists, nothing else — and
    /// remembers it as the open one.
    pub fn open(&self, path: &str) -> Result<Chair, AppError> {
        let listed = self.competitions().into_iter().any(|c| c.path == path);
        if !listed {
            return Err(AppError::BadFile {
                file: path.to_owned(),
                message: t!("files.not_in_data_folder").into_owned(),
            });
        }
        let chair = Chair::open(Path::new(path))?;
        self.remember(Path::new(path))?;
        Ok(chair)
    }

    /// Archives the open competition ([`Chair::archive`]) and forgets it: the next start opens
    /// `lomba.db`. Returns where the archive went.
    pub fn archive_open(&self) -> Result<PathBuf, AppError> {
        let archived = Chair::archive(&self.open_path())?;
        let file = self.dir.join(OPEN_COMPETITION);
        match std::fs::remove_file(&file) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(AppError::io(&file, error))
            }
            _ => Ok(archived),
        }
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn remember(&self, path: &Path) -> Result<(), AppError> {
        let canonical_dir = std::fs::canonicalize(&self.dir).unwrap_or_else(|_| self.dir.clone());
        let relative = path
            .strip_prefix(&self.dir)
            .or_else(|_| path.strip_prefix(&canonical_dir))
            .unwrap_or(path);
        crate::write_atomically(
            &self.dir.join(OPEN_COMPETITION),
            relative.to_string_lossy().as_bytes(),
        )
    }
}

/// The first competition's database in a data folder.
pub const FIRST_COMPETITION: &str = "lomba.db";

/// The folder, inside the data folder, of the competitions created while another existed.
pub const COMPETITIONS_DIR: &str = "kompetisi";

/// One competition of a data folder, as the switcher lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CompetitionFile {
    /// The database file's absolute path.
    pub path: String,
    /// The competition's id from its definition.
    pub id: String,
    /// The competition's name from its newest definition (its id when the definition has none).
    pub name: String,
    /// When it was archived (RFC 3339); an archived competition can be read and printed, not changed.
    pub archived_at: Option<String>,
}

/// Every competition in the data folder `dir`, the ones still in use first, then by name. Files that
/// are not a chair's database (a juror's `juri.db`, anything else) are left out; nothing is changed.
pub fn competitions_in(dir: &Path) -> Vec<CompetitionFile> {
    let mut files: Vec<PathBuf> = Vec::new();
    for folder in [dir.to_path_buf(), dir.join(COMPETITIONS_DIR)] {
        let Ok(read) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in read.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let in_root = folder == dir;
            let listed = if in_root {
                name == FIRST_COMPETITION || (name.starts_with("lomba-") && name.ends_with(".db"))
            } else {
                name.ends_with(".db")
            };
            if listed && path.is_file() {
                files.push(path);
            }
        }
    }
    let mut found: Vec<CompetitionFile> = files
        .into_iter()
        .filter_map(|path| {
            let peek = ChairDb::peek(&path)?;
            let definition = peek
                .definition
                .as_deref()
                .and_then(|text| text.parse::<toml::Table>().ok());
            let competition = definition
                .as_ref()
                .and_then(|table| table.get("competition"));
            let field = |key: &str| {
                competition
                    .and_then(|table| table.get(key))
                    .and_then(|value| value.as_str())
                    .map(str::to_owned)
            };
            let id = peek
                .competition_id
                .or_else(|| field("id"))
                .unwrap_or_default();
            let name = field("name").unwrap_or_else(|| id.clone());
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            Some(CompetitionFile {
                path: path.display().to_string(),
                id,
                name,
                archived_at: peek.archived_at,
            })
        })
        .collect();
    found.sort_by(|a, b| {
        (a.archived_at.is_some(), &a.name, &a.path).cmp(&(
            b.archived_at.is_some(),
            &b.name,
            &b.path,
        ))
    });
    found
}

/// Where a new competition with the definition `text` goes in the data folder `dir`: `lomba.db`
/// when that is free, else `kompetisi/<competition id>.db` (`-2`, `-3` … when taken).
pub fn new_competition_path(dir: &Path, text: &str) -> PathBuf {
    let first = dir.join(FIRST_COMPETITION);
    if !first.exists() {
        return first;
    }
    let id = text
        .parse::<toml::Table>()
        .ok()
        .and_then(|table| {
            table
                .get("competition")?
                .get("id")?
                .as_str()
                .map(str::to_owned)
        })
        .unwrap_or_default();
    competition_path_for(dir, &id)
}

/// Where a new competition with the id `id` goes in the data folder `dir` when `lomba.db` is
/// taken: `kompetisi/<id>.db` (`-2`, `-3` … when taken).
pub(crate) fn competition_path_for(dir: &Path, id: &str) -> PathBuf {
    let stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = if stem.trim_matches('-').is_empty() {
        "kompetisi".to_owned()
    } else {
        stem
    };
    let folder = dir.join(COMPETITIONS_DIR);
    (1..)
        .map(|n| match n {
            1 => folder.join(format!("{stem}.db")),
            n => folder.join(format!("{stem}-{n}.db")),
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| folder.join(format!("{stem}.db")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Chair;
    use juri_core::templates::template;

    #[test]
    fn lists_every_competition_of_a_data_folder_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let generic = template("generic").unwrap();
        let kipp = template("kipp").unwrap();
        assert_eq!(competitions_in(dir.path()), vec![]);

        let first = new_competition_path(dir.path(), generic);
        assert_eq!(first, dir.path().join("lomba.db"));
        drop(Chair::init(&first, generic).unwrap());
        let second = new_competition_path(dir.path(), kipp);
        assert!(
            second.starts_with(dir.path().join("kompetisi")),
            "{second:?}"
        );
        std::fs::create_dir_all(second.parent().unwrap()).unwrap();
        drop(Chair::init(&second, kipp).unwrap());
        // The same definition again gets a file of its own.
        let third = new_competition_path(dir.path(), kipp);
        assert_ne!(third, second);
        assert!(third.display().to_string().ends_with("-2.db"), "{third:?}");

        // A juror's database and stray files are not competitions.
        crate::JurorWorkspace::open(&dir.path().join("juri.db")).unwrap();
        std::fs::write(dir.path().join("kompetisi/catatan.db"), "bukan basis data").unwrap();
        std::fs::write(dir.path().join("lomba.db.bak"), "salinan").unwrap();

        let listed = competitions_in(dir.path());
        assert_eq!(listed.len(), 2, "{listed:#?}");
        assert!(listed
            .iter()
            .all(|c| c.archived_at.is_none() && !c.name.is_empty() && !c.id.is_empty()));
        let names: Vec<&str> = listed.iter().map(|c| c.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);

        // An archived competition is listed after the ones in use, with when it was archived.
        let archived = Chair::archive(&first).unwrap();
        let listed = competitions_in(dir.path());
        assert_eq!(listed.len(), 2);
        assert!(listed[0].archived_at.is_none());
        assert!(listed[1].archived_at.is_some());
        assert_eq!(
            listed[1].path,
            std::fs::canonicalize(&archived)
                .unwrap()
                .display()
                .to_string()
        );
        // lomba.db is free again: the next competition takes it.
        assert_eq!(
            new_competition_path(dir.path(), generic),
            dir.path().join("lomba.db")
        );
    }

    #[test]
    fn the_library_opens_only_its_own_competitions_and_remembers_the_open_one() {
        let dir = tempfile::tempdir().unwrap();
        let library = Library::new(dir.path());
        assert_eq!(library.open_path(), dir.path().join("lomba.db"));
        drop(
            library
                .create(template("generic").unwrap(), Chair::init)
                .unwrap(),
        );
        drop(
            library
                .create(template("kipp").unwrap(), Chair::init)
                .unwrap(),
        );
        let kipp = library.open_path();
        assert!(kipp.ends_with("kompetisi/kipp-2025.db"), "{kipp:?}");
        // The next start (another Library on the folder) finds the same one open.
        assert_eq!(Library::new(dir.path()).open_path(), kipp);

        let first = library
            .competitions()
            .into_iter()
            .find(|c| c.id == "lomba-inovasi")
            .unwrap();
        drop(library.open(&first.path).unwrap());
        let open = || {
            std::fs::canonicalize(library.open_path())
                .unwrap()
                .display()
                .to_string()
        };
        assert_eq!(open(), first.path);
        // A database elsewhere is not opened, and nothing changes.
        let stray = tempfile::tempdir().unwrap();
        Chair::init(&stray.path().join("lain.db"), template("generic").unwrap()).unwrap();
        let path = stray.path().join("lain.db").display().to_string();
        let Err(err) = library.open(&path) else {
            panic!("{path} was opened")
        };
        let err = err.to_string();
        assert!(
            err.contains("not a competition of this data folder"),
            "{err}"
        );
        assert_eq!(open(), first.path);

        // Archived, it is forgotten: the next start opens lomba.db, which is free again.
        let archived = library.archive_open().unwrap();
        assert!(archived.exists());
        assert_eq!(library.open_path(), dir.path().join("lomba.db"));
        assert!(!library.open_path().exists());
    }
}
