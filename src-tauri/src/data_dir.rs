//! Where Juri keeps its data: chosen by `--data-dir <path>`, else the `JURI_DATA_DIR` environment
//! variable, else the operating system's app-data folder. Tests and demos always pass one of the
//! first two, so they never touch a real user's data.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that names the data folder.
pub const DATA_DIR_ENV: &str = "JURI_DATA_DIR";

/// The command-line option that names the data folder (`--data-dir PATH` or `--data-dir=PATH`).
pub const DATA_DIR_ARG: &str = "--data-dir";

/// A problem with the data folder found while the app starts.
#[derive(Debug, thiserror::Error)]
pub enum DataDirError {
    #[error("{DATA_DIR_ARG} needs a folder path after it")]
    MissingValue,
    #[error("the data folder {path} cannot be created: {source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The data folder the user asked for, if any: the command line wins over the environment.
///
/// `args` excludes the program name. Other arguments are ignored, because the platform may add its
/// own. A relative path is taken relative to `cwd`. Empty values count as not given.
pub fn requested(
    args: impl IntoIterator<Item = OsString>,
    env_value: Option<OsString>,
    cwd: &Path,
) -> Result<Option<PathBuf>, DataDirError> {
    let from_args = from_args(args)?;
    let chosen = from_args.or(env_value.filter(|value| !value.is_empty()));
    Ok(chosen.map(|path| cwd.join(path)))
}

/// The `.juri` file the app was started with (what opening a package or bundle from the file
/// manager does): the first argument ending in `.juri` that is not the data folder's value,
/// taken relative to `cwd`.
pub fn opened_file(args: impl IntoIterator<Item = OsString>, cwd: &Path) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == DATA_DIR_ARG {
            args.next();
            continue;
        }
        let is_juri = Path::new(&arg)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("juri"));
        if is_juri && !arg.to_string_lossy().starts_with("--") {
            return Some(cwd.join(arg));
        }
    }
    None
}

fn from_args(args: impl IntoIterator<Item = OsString>) -> Result<Option<OsString>, DataDirError> {
    let mut args = args.into_iter();
    let mut found = None;
    while let Some(arg) = args.next() {
        if arg == DATA_DIR_ARG {
            let value = args.next().filter(|value| !value.is_empty());
            found = Some(value.ok_or(DataDirError::MissingValue)?);
        } else if let Some(value) = arg
            .to_str()
            .and_then(|text| text.strip_prefix(DATA_DIR_ARG))
            .and_then(|rest| rest.strip_prefix('='))
        {
            if value.is_empty() {
                return Err(DataDirError::MissingValue);
            }
            found = Some(OsString::from(value));
        }
    }
    Ok(found)
}

/// Creates the data folder (and its parents) when it does not exist yet.
pub fn ensure(path: &Path) -> Result<(), DataDirError> {
    std::fs::create_dir_all(path).map_err(|source| DataDirError::Create {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn a_juri_file_on_the_command_line_is_the_file_to_open() {
        let cwd = Path::new("/home/juri");
        assert_eq!(
            opened_file(args(&["--data-dir", "x.juri", "Unduhan/J5.JURI"]), cwd),
            Some(PathBuf::from("/home/juri/Unduhan/J5.JURI"))
        );
        assert_eq!(
            opened_file(args(&["/tmp/bundel-J1.juri", "--demo"]), cwd),
            Some(PathBuf::from("/tmp/bundel-J1.juri"))
        );
        assert_eq!(opened_file(args(&["--demo", "notes.txt"]), cwd), None);
        assert_eq!(opened_file(args(&["--data-dir=a.juri"]), cwd), None);
    }

    fn resolve(list: &[&str], env: Option<&str>) -> Result<Option<PathBuf>, DataDirError> {
        requested(args(list), env.map(OsString::from), Path::new("/home/juri"))
    }

    #[test]
    fn chooses_the_data_folder_in_order_of_precedence() {
        let cases: &[(&[&str], Option<&str>, Option<&str>)] = &[
            (&[], None, None),
            (&[], Some(""), None),
            (&[], Some("/srv/juri"), Some("/srv/juri")),
            (&["--data-dir", "/tmp/a"], Some("/srv/juri"), Some("/tmp/a")),
            (&["--data-dir=/tmp/b"], None, Some("/tmp/b")),
            (&["--data-dir", "demo"], None, Some("/home/juri/demo")),
            (
                &["--verbose", "--data-dir", "/x", "extra"],
                None,
                Some("/x"),
            ),
            (
                &["--data-dir", "/first", "--data-dir=/second"],
                None,
                Some("/second"),
            ),
            (&["--data-directory=/nope"], None, None),
        ];
        for (list, env, expected) in cases {
            let got = resolve(list, *env).unwrap();
            assert_eq!(
                got.as_deref(),
                expected.map(Path::new),
                "args {list:?}, env {env:?}"
            );
        }
    }

    #[test]
    fn refuses_the_option_without_a_value() {
        for list in [&["--data-dir"][..], &["--data-dir="], &["--data-dir", ""]] {
            let result = resolve(list, Some("/srv/juri"));
            assert!(
                matches!(result, Err(DataDirError::MissingValue)),
                "args {list:?} gave {result:?}"
            );
        }
    }

    #[test]
    fn ensure_creates_nested_folders_and_reports_failures() {
        let temp = tempfile::tempdir().unwrap();
        let nested = temp.path().join("a/b/c");
        ensure(&nested).unwrap();
        assert!(nested.is_dir());
        ensure(&nested).unwrap();

        let file = temp.path().join("plain-file");
        std::fs::write(&file, b"x").unwrap();
        let error = ensure(&file.join("below")).unwrap_err();
        assert!(matches!(error, DataDirError::Create { .. }));
        assert!(error.to_string().contains("plain-file"), "{error}");
    }
}
