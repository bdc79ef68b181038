//! `juri juror`: the juror's own commands on the juror's laptop, over `JurorWorkspace`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Subcommand;
use juri_app::{JurorPrint, JurorWorkspace};
use rust_i18n::t;

use crate::{Format, ReportFormat};

/// The language of a printed document.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

#[derive(Subcommand)]
pub(crate) enum JurorCmd {
    /// Install a package from the chair (the first one needs the access code).
    Open {
        file: PathBuf,
        /// The access code. Better left out: `juri` then reads it from the file JURI_SECRET_FILE
        /// names, or asks for it (or reads one line of standard input), so it does not stay in the
        /// shell's history.
        #[arg(long)]
        code: Option<String>,
    },
    /// Set one score (saved at once).
    Score {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        criterion: String,
        /// The score; empty to clear it.
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Write a note on an entry (e.g. from a field visit).
    ///
    /// With --photo, attach photos to the note (JPEG, PNG or WebP, at most 40 MiB each): each is
    /// turned upright, scaled to at most 1600 pixels on its longer side and saved as a JPEG
    /// without its metadata; the time and place the camera recorded are kept only with
    /// --keep-location. A note carries at most 10 photos, a bundle at most 48 MiB of them.
    Note {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        /// The note's text (left as it is when not given).
        #[arg(long, required_unless_present_any = ["photo", "remove_photo"])]
        text: Option<String>,
        /// A photo to attach (repeat for several).
        #[arg(long, value_name = "FILE")]
        photo: Vec<PathBuf>,
        /// Keep the time and GPS position the camera recorded in the photos' EXIF.
        #[arg(long, requires = "photo")]
        keep_location: bool,
        /// Remove the photo whose SHA-256 starts with this (repeat for several).
        #[arg(long, value_name = "SHA256")]
        remove_photo: Vec<String>,
    },
    /// Submit an entry's sheet (every criterion must be scored), or with --all every finished
    /// sheet of the stage: a summary first, then a question (--yes answers it).
    Submit {
        #[arg(long)]
        stage: String,
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        entry: Option<String>,
        /// Every finished sheet of the stage; unfinished ones are listed and left as they are.
        #[arg(long)]
        all: bool,
        /// With --all: submit without asking.
        #[arg(long, requires = "all")]
        yes: bool,
    },
    /// Withdraw a submission to change the sheet again.
    Reopen {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
    },
    /// Progress per stage, or the entries of one stage.
    Status {
        #[arg(long)]
        stage: Option<String>,
    },
    /// One entry's score sheet.
    Sheet {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// Print your filled score sheets (PDF) of a stage, or of one entry, to sign; `--blank` prints
    /// empty ones to fill in on paper.
    Print {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: Option<String>,
        /// Empty sheets instead of your scores.
        #[arg(long)]
        blank: bool,
        #[arg(long, value_enum, default_value = "id")]
        lang: Lang,
        /// Date on the signature line (YYYY-MM-DD); today by default.
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the signed score bundle for the chair. The juror's key opens from the system's
    /// keychain when it keeps a copy, else with the access code, read from the file
    /// JURI_SECRET_FILE names, or asked for (or one line of standard input).
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// The documents and links your package names for your entries, and whether each document is
    /// installed.
    Documents {
        /// One entry only.
        #[arg(long)]
        entry: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Install the documents file the chair sent with your package (`…-documents.zip`). Each
    /// document must be one your package names, byte for byte; otherwise nothing is installed.
    /// (`open` installs the file by itself when it lies beside the package.)
    AddDocuments { file: PathBuf },
    /// Save a copy of one of an entry's documents, to read it with another program.
    SaveDocument {
        #[arg(long)]
        entry: String,
        /// The document's name, as `documents` lists it.
        #[arg(long)]
        name: String,
        /// The new file (an existing file is not overwritten).
        #[arg(long)]
        out: PathBuf,
    },
    /// Read `score STAGE ENTRY CRITERION VALUE [COMMENT…]` lines from standard input and answer
    /// `ok N` once line N is saved on disk.
    Stream,
}

fn documents_installed(d: &juri_app::InstalledDocuments) {
    say!(
        "cli.juror.documents_installed",
        file = d.file,
        installed = d.installed,
        size = juri_app::human_size(d.bytes),
        already = d.already
    );
    if d.missing > 0 {
        say!("cli.juror.documents_missing", count = d.missing);
    }
}

pub(crate) fn run(db: &Path, action: JurorCmd) -> Result<()> {
    let mut ws = JurorWorkspace::open(db)?;
    if matches!(action, JurorCmd::Open { .. } | JurorCmd::Export { .. }) {
        // The key opened with the access code is also kept in this laptop's keychain, and
        // opened from it next time.
        ws.use_keychain(juri_app::Keychain::system())?;
    }
    match action {
        JurorCmd::Open { file, code } => {
            let p = match ws.install_package(&file, code.as_deref()) {
                Err(
                    needs @ juri_app::AppError::Needs {
                        hint: juri_app::Hint::GiveAccessCode,
                        ..
                    },
                ) if code.is_none() => match crate::secret::secret("cli.juror.ask_code")? {
                    Some(code) => ws.install_package(&file, Some(&code))?,
                    None => return Err(needs.into()),
                },
                other => other?,
            };
            match p.previous_version {
                None => say!(
                    "cli.juror.installed",
                    version = p.version,
                    juror = p.juror,
                    name = p.juror_name,
                    competition = p.competition_name,
                    entries = p.entries,
                    assigned = p.assigned
                ),
                Some(prev) => say!(
                    "cli.juror.updated",
                    previous = prev,
                    version = p.version,
                    entries = p.entries,
                    assigned = p.assigned,
                    kept = p.cells_kept
                ),
            }
            if let Some(refused) = &p.documents_refused {
                eprintln!("{}", t!("cli.juror.documents_refused", reason = refused));
            }
            match &p.documents_installed {
                Some(d) => documents_installed(d),
                None if p.documents_missing > 0 => {
                    say!(
                        "cli.juror.documents_not_beside",
                        count = p.documents_missing
                    )
                }
                None => {}
            }
        }
        JurorCmd::Documents { entry, format } => {
            crate::output::juror_documents(&ws.documents(entry.as_deref())?, format)?
        }
        JurorCmd::AddDocuments { file } => documents_installed(&ws.install_documents(&file)?),
        JurorCmd::SaveDocument { entry, name, out } => {
            let bytes = ws.save_document(&entry, &name, &out)?;
            say!(
                "cli.juror.document_saved",
                entry = entry,
                name = name,
                file = out.display(),
                size = juri_app::human_size(bytes)
            );
        }
        JurorCmd::Score {
            stage,
            entry,
            criterion,
            value,
            comment,
        } => {
            let c = ws.set_score(&stage, &entry, &criterion, Some(&value), comment.as_deref())?;
            let empty = t!("cli.juror.empty");
            say!(
                if c.changed {
                    "cli.juror.score_saved"
                } else {
                    "cli.juror.score_unchanged"
                },
                stage = c.stage,
                entry = c.entry,
                criterion = c.criterion,
                value = c.value.as_deref().unwrap_or(&empty),
                revision = c.revision,
                filled = c.filled,
                criteria = c.criteria,
                total = c.total.as_deref().unwrap_or("-")
            );
        }
        JurorCmd::Note {
            stage,
            entry,
            text,
            photo,
            keep_location,
            remove_photo,
        } => {
            if let Some(text) = text {
                let r = ws.set_note(&stage, &entry, &text)?;
                say!(
                    "cli.juror.note_saved",
                    stage = stage,
                    entry = entry,
                    revision = r
                );
            }
            for sha256 in remove_photo {
                let r = ws.remove_note_photo(&stage, &entry, &sha256)?;
                say!(
                    "cli.juror.photo_removed",
                    sha256 = sha256,
                    stage = stage,
                    entry = entry,
                    revision = r
                );
            }
            for file in photo {
                let a = ws.add_note_photo(&stage, &entry, &file, keep_location)?;
                let kept = match (&a.photo.taken_at, &a.photo.location) {
                    (None, None) => t!("cli.juror.photo_nothing_kept").into_owned(),
                    (taken, place) => [taken.as_deref(), place.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", "),
                };
                say!(
                    if a.added {
                        "cli.juror.photo_added"
                    } else {
                        "cli.juror.photo_already"
                    },
                    file = file.display(),
                    stage = stage,
                    entry = entry,
                    width = a.photo.width,
                    height = a.photo.height,
                    size = juri_app::human_size(a.photo.size),
                    original = juri_app::human_size(a.original_size),
                    sha256 = &a.photo.sha256[..12],
                    kept = kept,
                    revision = a.revision
                );
            }
        }
        JurorCmd::Submit {
            stage,
            entry: Some(entry),
            ..
        } => {
            let s = ws.submit(&stage, &entry)?;
            say!(
                "cli.juror.submitted",
                stage = stage,
                entry = entry,
                total = s.total.as_deref().unwrap_or("-")
            );
        }
        JurorCmd::Submit { stage, yes, .. } => submit_all(&mut ws, &stage, yes)?,
        JurorCmd::Reopen { stage, entry } => {
            ws.reopen(&stage, &entry)?;
            say!("cli.juror.reopened", stage = stage, entry = entry);
        }
        JurorCmd::Status { stage } => juror_status(&ws, stage)?,
        JurorCmd::Sheet {
            stage,
            entry,
            format,
        } => {
            let s = ws.sheet(&stage, &entry)?;
            if format == ReportFormat::Json {
                println!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                println!(
                    "{} — {} ({}), {}",
                    s.entry, s.title, s.category, s.stage_name
                );
                say!(
                    "cli.juror.scale",
                    min = s.scale_min,
                    max = s.scale_max,
                    step = s.scale_step
                );
                for c in &s.criteria {
                    println!(
                        "  {:<24} {:>6}%  {:>6}  {}",
                        c.name,
                        c.weight,
                        c.value.as_deref().unwrap_or("-"),
                        c.comment
                    );
                }
                say!(
                    if s.submitted {
                        "cli.juror.sheet_total_submitted"
                    } else {
                        "cli.juror.sheet_total"
                    },
                    total = s.total.as_deref().unwrap_or("-"),
                    filled = s.filled,
                    criteria = s.criteria.len()
                );
                if !s.note.trim().is_empty() {
                    say!("cli.juror.sheet_note", note = s.note.trim());
                }
                for p in &s.photos {
                    let kept = [p.taken_at.as_deref(), p.location.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ");
                    say!(
                        "cli.juror.sheet_photo",
                        sha256 = &p.sha256[..12],
                        width = p.width,
                        height = p.height,
                        size = juri_app::human_size(p.size),
                        kept = kept
                    );
                }
            }
        }
        JurorCmd::Print {
            stage,
            entry,
            blank,
            lang,
            date,
            out,
        } => {
            let date = date
                .map(|d| {
                    chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .with_context(|| t!("cli.bad_date", date = d))
                })
                .transpose()?;
            let req = JurorPrint {
                stage,
                entry,
                filled: !blank,
                english: lang == Lang::En,
            };
            let pdf = ws.print_sheets(&req, date)?;
            juri_app::write_atomically(&out, &pdf)?;
            say!(
                if blank {
                    "cli.juror.blank_sheets_written"
                } else {
                    "cli.juror.score_sheets_written"
                },
                file = out.display(),
                kb = pdf.len().div_ceil(1024)
            );
        }
        JurorCmd::Export { out } => {
            let code = if ws.is_unlocked() {
                None
            } else {
                crate::secret::secret("cli.juror.ask_code")?
            };
            let r = ws.export(&out, code.as_deref())?;
            say!(
                "cli.juror.exported",
                file = r.file,
                export = r.sequence,
                fingerprint = r.fingerprint,
                scores = r.cells,
                notes = r.notes,
                submitted = r.submitted
            );
            if r.photos > 0 {
                say!("cli.juror.exported_photos", photos = r.photos);
            }
        }
        JurorCmd::Stream => stream(&mut ws)?,
    }
    Ok(())
}

fn juror_status(ws: &JurorWorkspace, stage: Option<String>) -> Result<()> {
    let info = ws.info()?.context(t!("cli.juror.no_package"))?;
    say!(
        "cli.juror.whoami",
        juror = info.juror,
        name = info.juror_name,
        competition = info.competition_name,
        version = info.package_version
    );
    match stage {
        None => {
            for s in ws.stages()? {
                say!(
                    "cli.juror.stage_progress",
                    stage = s.stage,
                    name = s.name,
                    scored = s.scored,
                    assigned = s.assigned,
                    submitted = s.submitted
                );
            }
        }
        Some(stage) => {
            for e in ws.entries(&stage)? {
                println!(
                    "  {:<10} {:<40} {}/{}  total {:>6}{}",
                    e.code,
                    e.title,
                    e.filled,
                    e.criteria,
                    e.total.as_deref().unwrap_or("-"),
                    if e.submitted {
                        t!("cli.juror.submitted_mark")
                    } else {
                        "".into()
                    }
                );
            }
        }
    }
    Ok(())
}

/// `score STAGE ENTRY CRITERION VALUE [COMMENT…]` per line; `ok N` once line N is on disk.
fn stream(ws: &mut JurorWorkspace) -> Result<()> {
    use std::io::Write;
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        let n = n + 1;
        let words: Vec<&str> = line.split_whitespace().collect();
        let result = match words.as_slice() {
            [] => continue,
            ["score", stage, entry, criterion, value, comment @ ..] => {
                let comment = (!comment.is_empty()).then(|| comment.join(" "));
                ws.set_score(stage, entry, criterion, Some(value), comment.as_deref())
                    .map(|_| ())
            }
            _ => {
                writeln!(out, "error {n} {}", t!("cli.juror.stream_expected"))?;
                out.flush()?;
                continue;
            }
        };
        match result {
            Ok(()) => writeln!(out, "ok {n}")?,
            Err(e) => writeln!(out, "error {n} {e}")?,
        }
        out.flush()?;
    }
    Ok(())
}

/// `juri juror submit --all`: what would be submitted, a question, then the submission.
fn submit_all(ws: &mut JurorWorkspace, stage: &str, yes: bool) -> Result<()> {
    use std::io::{IsTerminal, Write};
    let plan = ws.submit_all(stage, true)?;
    for u in &plan.unfinished {
        say!(
            "cli.juror.not_finished",
            stage = stage,
            entry = u.entry,
            filled = u.filled,
            criteria = u.criteria
        );
    }
    if plan.submitted.is_empty() {
        say!(
            "cli.juror.nothing_to_submit",
            stage = stage,
            already = plan.already,
            unfinished = plan.unfinished.len()
        );
        return Ok(());
    }
    say!(
        "cli.juror.to_submit",
        count = plan.submitted.len(),
        stage = stage,
        entries = plan.submitted.join(", ")
    );
    if !yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!(t!("cli.juror.add_yes"));
        }
        eprint!(
            "{}",
            t!("cli.juror.confirm_submit", count = plan.submitted.len())
        );
        std::io::stderr().flush().ok();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "ya" | "yes") {
            say!("cli.juror.nothing_submitted");
            return Ok(());
        }
    }
    let done = ws.submit_all(stage, false)?;
    say!(
        "cli.juror.submitted_all",
        count = done.submitted.len(),
        stage = stage,
        already = done.already,
        unfinished = done.unfinished.len()
    );
    Ok(())
}
