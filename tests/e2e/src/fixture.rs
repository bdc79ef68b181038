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
        // The journeys read the command's English messages, whatever the machine's language.
        .env("JURI_LANG", "en")
        // The chair's keys sealed with the lowest documented scrypt work factor.
        .env("JURI_WORK_FACTOR", "15")
        // Never the keychain of the machine running the journeys.
        .env("JURI_KEYCHAIN", "off")
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

/// The chair's passphrase in the journeys.
pub const CHAIR_PASSPHRASE: &str = "kata sandi ketua uji";

/// Writes juror `juror`'s package to `out` (the chair's passphrase on standard input, as a
/// terminal would ask for it); returns the access code shown once.
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
        Some(&format!("{CHAIR_PASSPHRASE}\n")),
    )?;
    printed
        .lines()
        .find_map(|line| line.trim().strip_prefix("access code: "))
        .and_then(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Tool(format!("no access code in: {printed}")))
}

/// A D-Bus session bus of a journey's own (`dbus-daemon`), stopped when dropped. What runs on the
/// desktop of a Linux user; the journeys otherwise run without one.
pub struct SessionBus {
    daemon: std::process::Child,
    address: String,
}

impl SessionBus {
    /// Starts `dbus-daemon --session` listening on a socket inside `folders`.
    pub fn start(folders: &crate::Folders) -> Result<SessionBus, HarnessError> {
        let socket = folders.path().join("session-bus");
        let address = format!("unix:path={}", socket.display());
        let daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile"])
            .arg(format!("--address={address}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| {
                HarnessError::Tool(format!(
                    "dbus-daemon could not start ({error}); `make desktop-deps` installs it"
                ))
            })?;
        let bus = SessionBus { daemon, address };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !socket.exists() {
            if std::time::Instant::now() >= deadline {
                return Err(HarnessError::Timeout("dbus-daemon to listen".into()));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Ok(bus)
    }

    /// The bus's address, for `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }
}

/// A keychain on a journey's session bus: GNOME Keyring's Secret Service, unlocked, as on a Linux
/// desktop after login; stopped when dropped.
pub struct Keyring {
    daemon: std::process::Child,
}

impl Keyring {
    /// Starts `gnome-keyring-daemon` (secrets only) on `bus`, its keyrings inside `folders`, and
    /// waits until the Secret Service answers on the bus.
    pub fn start(bus: &SessionBus, folders: &crate::Folders) -> Result<Keyring, HarnessError> {
        let home = folders.path().join("keyring-home");
        std::fs::create_dir_all(&home)?;
        let mut daemon = Command::new("gnome-keyring-daemon")
            .args(["--foreground", "--unlock", "--components=secrets"])
            .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_RUNTIME_DIR", &home)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| {
                HarnessError::Tool(format!(
                    "gnome-keyring-daemon could not start ({error}); `make desktop-deps` installs it"
                ))
            })?;
        // The login password unlocks the (new) login keyring; end of input ends it.
        if let Some(mut stdin) = daemon.stdin.take() {
            std::io::Write::write_all(&mut stdin, b"kata sandi login")?;
        }
        let keyring = Keyring { daemon };
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        loop {
            let answer = Command::new("dbus-send")
                .args([
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ])
                .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
                .output()?;
            if String::from_utf8_lossy(&answer.stdout).contains("boolean true") {
                return Ok(keyring);
            }
            if std::time::Instant::now() >= deadline {
                return Err(HarnessError::Timeout(
                    "the Secret Service on the session bus".into(),
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

impl Drop for Keyring {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

/// Starts the desktop app directly — not through WebDriver, as a double-click in the file manager
/// does — in `folders` as `launch` says, with `args`, and waits up to `timeout` for it to end.
/// `None` when it is still running then (it was killed).
pub fn start_directly(
    folders: &crate::Folders,
    launch: &crate::Launch,
    args: &[&str],
    timeout: std::time::Duration,
) -> Result<Option<std::process::ExitStatus>, HarnessError> {
    let mut command = Command::new(crate::desktop_binary()?);
    command.args(args);
    folders.environment(&mut command, launch);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A valid PDF of `pages` pages, each with a coloured band and "`title` — halaman N".
pub fn sample_pdf(title: &str, pages: usize) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        Vec::new(), // the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut kids = Vec::new();
    for n in 1..=pages {
        let text = format!(
            "0.1 0.3 0.7 rg 40 700 515 60 re f BT /F1 28 Tf 1 1 1 rg 60 720 Td ({title} - halaman {n}) Tj ET"
        );
        objects.push(stream("", text.as_bytes()));
        let content = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R /Resources << /Font << /F1 3 0 R >> >> >>"
        ).into_bytes());
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    )
    .into_bytes();
    pdf_file(&objects)
}

/// A one-page PDF as a scanner writes it: the page is a JPEG 2000 image (`/JPXDecode`), here a
/// green band across the top of the page, which pdf.js decodes with its OpenJPEG module.
pub fn scanned_pdf() -> Vec<u8> {
    let jpx: &[u8] = include_bytes!("../fixtures/scan-green.jp2");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>".to_vec(),
        stream(
            "/Type /XObject /Subtype /Image /Width 64 /Height 64 /Filter /JPXDecode",
            jpx,
        ),
        stream("", b"q 515 0 0 200 40 600 cm /Scan Do Q"),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Scan 3 0 R >> >> >>".to_vec(),
    ];
    pdf_file(&objects)
}

/// A PDF stream object: `dictionary` entries besides its length, then `bytes`.
fn stream(dictionary: &str, bytes: &[u8]) -> Vec<u8> {
    let entries = match dictionary {
        "" => format!("/Length {}", bytes.len()),
        _ => format!("{dictionary} /Length {}", bytes.len()),
    };
    let mut object = format!("<< {entries} >>\nstream\n").into_bytes();
    object.extend_from_slice(bytes);
    object.extend_from_slice(b"\nendstream");
    object
}

/// A PDF file of `objects`, numbered from 1 (the first is the catalogue), with its cross-reference
/// table.
fn pdf_file(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Adds each of `files` to every entry of the competition in `chair_db` (`juri entries add-document`).
pub fn add_documents_to_every_entry(chair_db: &Path, files: &[&Path]) -> Result<(), HarnessError> {
    let db = chair_db.display().to_string();
    let entries: serde_json::Value = serde_json::from_str(&juri(
        &["entries", "list", "--db", &db, "--format", "json"],
        None,
    )?)
    .map_err(|e| HarnessError::Tool(format!("entries list: {e}")))?;
    for entry in entries.as_array().into_iter().flatten() {
        let code = entry["code"].as_str().unwrap_or_default();
        for file in files {
            juri(
                &[
                    "entries",
                    "add-document",
                    "--db",
                    &db,
                    "--entry",
                    code,
                    &file.display().to_string(),
                ],
                None,
            )?;
        }
    }
    Ok(())
}
