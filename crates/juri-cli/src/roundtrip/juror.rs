//! `juri juror`: the juror's own commands on the juror's laptop, over `JurorWorkspace`.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Subcommand;
use juri_app::{JurorPrint, JurorWorkspace};

use crate::Format;

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
        /// The access code. Better left out: `juri` then asks for it (or reads one line from
        /// standard input), so it does not stay in the shell's history.
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
    Note {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        text: String,
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
        format: Format,
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
    /// Write the signed score bundle for the chair.
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Read `score STAGE ENTRY CRITERION VALUE [COMMENT…]` lines from standard input and answer
    /// `ok N` once line N is saved on disk.
    Stream,
}

pub(crate) fn run(db: &Path, action: JurorCmd) -> Result<()> {
    let mut ws = JurorWorkspace::open(db)?;
    match action {
        JurorCmd::Open { file, code } => {
            let p = match ws.install_package(&file, code.as_deref()) {
                Err(
                    needs @ juri_app::AppError::Needs {
                        hint: juri_app::Hint::GiveAccessCode,
                        ..
                    },
                ) if code.is_none() => match ask_access_code()? {
                    Some(code) => ws.install_package(&file, Some(&code))?,
                    None => return Err(needs.into()),
                },
                other => other?,
            };
            match p.previous_version {
                None => println!(
                    "package version {} installed for {} ({}) in \"{}\": {} entries, {} assigned",
                    p.version, p.juror, p.juror_name, p.competition_name, p.entries, p.assigned
                ),
                Some(prev) => println!(
                    "package updated from version {prev} to {}: {} entries, {} assigned; your {} scores are kept",
                    p.version, p.entries, p.assigned, p.cells_kept
                ),
            }
        }
        JurorCmd::Score {
            stage,
            entry,
            criterion,
            value,
            comment,
        } => {
            let c = ws.set_score(&stage, &entry, &criterion, Some(&value), comment.as_deref())?;
            println!(
                "{} {}/{}/{} = {} (revision {}); {} of {} criteria scored, total {}",
                if c.changed { "saved" } else { "unchanged" },
                c.stage,
                c.entry,
                c.criterion,
                c.value.as_deref().unwrap_or("(empty)"),
                c.revision,
                c.filled,
                c.criteria,
                c.total.as_deref().unwrap_or("-")
            );
        }
        JurorCmd::Note { stage, entry, text } => {
            let r = ws.set_note(&stage, &entry, &text)?;
            println!("note on {stage}/{entry} saved (revision {r})");
        }
        JurorCmd::Submit {
            stage,
            entry: Some(entry),
            ..
        } => {
            let s = ws.submit(&stage, &entry)?;
            println!(
                "{stage}/{entry} submitted, total {}",
                s.total.as_deref().unwrap_or("-")
            );
        }
        JurorCmd::Submit { stage, yes, .. } => submit_all(&mut ws, &stage, yes)?,
        JurorCmd::Reopen { stage, entry } => {
            ws.reopen(&stage, &entry)?;
            println!("{stage}/{entry} reopened; submit it again when it is done");
        }
        JurorCmd::Status { stage } => juror_status(&ws, stage)?,
        JurorCmd::Sheet {
            stage,
            entry,
            format,
        } => {
            let s = ws.sheet(&stage, &entry)?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&s)?);
            } else {
                println!(
                    "{} — {} ({}), {}",
                    s.entry, s.title, s.category, s.stage_name
                );
                println!(
                    "scale {}–{} (step {})",
                    s.scale_min, s.scale_max, s.scale_step
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
                println!(
                    "total {} ({} of {} scored){}",
                    s.total.as_deref().unwrap_or("-"),
                    s.filled,
                    s.criteria.len(),
                    if s.submitted { ", submitted" } else { "" }
                );
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
                        .with_context(|| format!("--date {d}: use YYYY-MM-DD"))
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
            println!(
                "{} written: {} ({} KB)",
                if blank {
                    "blank sheets"
                } else {
                    "score sheets"
                },
                out.display(),
                pdf.len().div_ceil(1024)
            );
        }
        JurorCmd::Export { out } => {
            let r = ws.export(&out)?;
            println!(
                "{}: export {} [{}], {} scores, {} notes, {} submitted — send this file to the chair",
                r.file, r.sequence, r.fingerprint, r.cells, r.notes, r.submitted
            );
        }
        JurorCmd::Stream => stream(&mut ws)?,
    }
    Ok(())
}

fn juror_status(ws: &JurorWorkspace, stage: Option<String>) -> Result<()> {
    let info = ws
        .info()?
        .context("no package is installed yet (`juri juror open FILE --code …`)")?;
    println!(
        "{} ({}) — {}, package version {}",
        info.juror, info.juror_name, info.competition_name, info.package_version
    );
    match stage {
        None => {
            for s in ws.stages()? {
                println!(
                    "  {} — {}: {} dari {} dinilai, {} dikirim",
                    s.stage, s.name, s.scored, s.assigned, s.submitted
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
                    if e.submitted { "  dikirim" } else { "" }
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
                writeln!(
                    out,
                    "error {n} expected: score STAGE ENTRY CRITERION VALUE [COMMENT…]"
                )?;
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

/// The access code, asked for on the terminal, or one line of standard input when it is not one;
/// `None` when nothing was given.
fn ask_access_code() -> Result<Option<String>> {
    use std::io::{IsTerminal, Write};
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Access code (from the chair): ");
        std::io::stderr().flush().ok();
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("cannot read the access code")?;
    let code = line.trim().to_string();
    Ok((!code.is_empty()).then_some(code))
}

/// `juri juror submit --all`: what would be submitted, a question, then the submission.
fn submit_all(ws: &mut JurorWorkspace, stage: &str, yes: bool) -> Result<()> {
    use std::io::{IsTerminal, Write};
    let plan = ws.submit_all(stage, true)?;
    for u in &plan.unfinished {
        println!(
            "{stage}/{}: not finished ({} of {} criteria), left as it is",
            u.entry, u.filled, u.criteria
        );
    }
    if plan.submitted.is_empty() {
        println!(
            "nothing to submit in {stage}: {} submitted before, {} not finished",
            plan.already,
            plan.unfinished.len()
        );
        return Ok(());
    }
    println!(
        "{} finished sheet(s) to submit in {stage}: {}",
        plan.submitted.len(),
        plan.submitted.join(", ")
    );
    if !yes {
        if !std::io::stdin().is_terminal() {
            anyhow::bail!("add --yes to submit them without a question");
        }
        eprint!("Submit {} sheet(s)? [y/N] ", plan.submitted.len());
        std::io::stderr().flush().ok();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_lowercase().as_str(), "y" | "ya" | "yes") {
            println!("nothing submitted");
            return Ok(());
        }
    }
    let done = ws.submit_all(stage, false)?;
    println!(
        "{} sheet(s) submitted in {stage}; {} submitted before, {} not finished",
        done.submitted.len(),
        done.already,
        done.unfinished.len()
    );
    Ok(())
}
