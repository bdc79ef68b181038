//! Files a journey brings, made with the real `juri` command of the root workspace: competitions,
//! juror packages (with their access codes) and score bundles.

use crate::HarnessError;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The `juri` command: `JURI_CLI`, else the root workspace's `target/debug/juri`.
pub fn juri_binary() -> Result<PathBuf, HarnessError> {
    let path = match std::env::var_os("JURI_CLI") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/juri"),
    };
    std::fs::canonicalize(&path).map_err(|_| HarnessError::MissingProgram {
        program: "juri",
        path,
        hint: "build it first with `cargo build -p juri-cli` (make cli)",
    })
}

/// Runs `juri` with `args` (and `input` on standard input); its standard output, or an error with
/// what it printed.
pub fn juri(args: &[&str], input: Option<&str>) -> Result<String, HarnessError> {
    let mut command = Command::new(juri_binary()?);
    command
        .args(args)
        .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn()?;
    if let (Some(text), Some(mut stdin)) = (input, child.stdin.take()) {
        use std::io::Write;
        stdin.write_all(text.as_bytes())?;
    }
    let output = child.wait_with_output()?;
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(HarnessError::Tool(format!(
            "juri {} failed: {}{}",
            args.join(" "),
            stdout,
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    Ok(stdout)
}

/// Installs a package on a juror's laptop database with its access code, as `juri juror open`
/// does; returns what it printed.
pub fn open_package(laptop: &Path, package: &Path, code: &str) -> Result<String, HarnessError> {
    juri(
        &[
            "juror",
            "--db",
            &laptop.display().to_string(),
            "open",
            &package.display().to_string(),
            "--code",
            code,
        ],
        None,
    )
}

/// Writes juror `juror`'s package to `out`; returns the access code shown once.
pub fn issue_package(chair_db: &Path, juror: &str, out: &Path) -> Result<String, HarnessError> {
    let printed = juri(
        &[
            "package",
            "--db",
            &chair_db.display().to_string(),
            "--juror",
            juror,
            "--out",
            &out.display().to_string(),
        ],
        None,
    )?;
    printed
        .lines()
        .find_map(|line| line.trim().strip_prefix("access code: "))
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Tool(format!("no access code in: {printed}")))
}
