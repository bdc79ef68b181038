//! The offline round trip: juror packages, the juror's own commands, merging bundles, conflicts,
//! rebuilding and verifying files. Parsing and printing only; the work is in `juri-app`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use juri_app::{BundleStatus, Chair, ConflictView, FileReport, MergeReport, RecordRef};

use crate::{Db, Format};

mod juror;

use juror::JurorCmd;

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Write juror packages (definition, visible entries, assignments, signed by the chair).
    Package {
        #[command(flatten)]
        db: Db,
        /// The juror to write a package for.
        #[arg(long, required_unless_present = "all", conflicts_with = "all")]
        juror: Option<String>,
        /// The package file (with --juror).
        #[arg(long, requires = "juror")]
        out: Option<PathBuf>,
        /// Packages for every active juror.
        #[arg(long, requires = "out_dir")]
        all: bool,
        /// The folder for the packages (with --all).
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Make a new key and access code (the old key stays valid for bundles made before).
        #[arg(long)]
        new_code: bool,
    },
    /// The juror's own work, on the juror's laptop.
    Juror {
        /// The juror's database file (created by `open`).
        #[arg(long, env = "JURI_JUROR_DB")]
        db: PathBuf,
        #[command(subcommand)]
        action: JurorCmd,
    },
    /// Merge score bundles into the chair's database.
    Merge {
        #[command(flatten)]
        db: Db,
        /// Show the plan without changing anything.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Records whose versions conflict (same revision, different content).
    Conflicts {
        #[command(flatten)]
        db: Db,
        /// Also those the chair has ruled on.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Rule on a conflict: choose the version that counts.
    Resolve {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        juror: String,
        /// The score cell's criterion.
        #[arg(long, conflicts_with_all = ["note", "submission"], required_unless_present_any = ["note", "submission"])]
        criterion: Option<String>,
        /// The conflict is about the juror's note.
        #[arg(long)]
        note: bool,
        /// The conflict is about the submission state.
        #[arg(long, conflicts_with = "note")]
        submission: bool,
        /// A version label as `juri conflicts` shows it (v1, v2, …), or the value itself.
        #[arg(long)]
        choose: String,
    },
    /// Re-derive scores, notes and submissions from every stored bundle, paper import and ruling;
    /// re-derive every stage snapshot's results and every correction from what was kept.
    Rebuild {
        #[command(flatten)]
        db: Db,
        /// Compare only; keep the records as they are.
        #[arg(long)]
        check: bool,
    },
    /// Say what a package or bundle holds, who signed it, and whether it is intact; with --db, also
    /// whether the merge would take a bundle (every check the merge runs; nothing is written). Exits
    /// non-zero when the file is not intact or the merge would refuse it.
    Verify {
        file: PathBuf,
        /// The chair's database: opens bundles, checks the signer's registered key and runs the
        /// merge's checks.
        #[arg(long)]
        db: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

pub(crate) fn run(cmd: Command) -> Result<()> {
    match cmd {
        Command::Package {
            db,
            juror,
            out,
            all,
            out_dir,
            new_code,
        } => package(&db.db, juror, out, all, out_dir, new_code),
        Command::Juror { db, action } => juror::run(&db, action),
        Command::Merge {
            db,
            dry_run,
            format,
            files,
        } => merge(&db.db, dry_run, format, &files),
        Command::Conflicts { db, all, format } => {
            let list = Chair::open(&db.db)?.conflicts(all)?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                println!("no {}conflicts", if all { "" } else { "open " });
            } else {
                print_conflicts(&list);
            }
            Ok(())
        }
        Command::Resolve {
            db,
            stage,
            entry,
            juror,
            criterion,
            note,
            submission,
            choose,
        } => {
            let record = match (criterion, note, submission) {
                (Some(criterion), _, _) => RecordRef::Score {
                    stage,
                    entry,
                    juror,
                    criterion,
                },
                (None, true, _) => RecordRef::Note {
                    stage,
                    entry,
                    juror,
                },
                _ => RecordRef::Submission {
                    stage,
                    entry,
                    juror,
                },
            };
            let view = Chair::open(&db.db)?.resolve(&record, &choose)?;
            println!("ruling recorded; the version in force now:");
            print_conflicts(&[view]);
            Ok(())
        }
        Command::Rebuild { db, check } => {
            let r = Chair::open(&db.db)?.rebuild(check)?;
            println!(
                "replayed {} merges ({} bundles), {} paper imports, {} rulings ({} superseded): {} records",
                r.merges, r.bundles, r.paper_imports, r.rulings, r.rulings_superseded, r.records
            );
            println!("records before: {}", r.digest_before);
            println!("records after:  {}", r.digest_after);
            println!(
                "re-derived {} stage snapshots ({} reconstructed at an upgrade) and {} corrections",
                r.snapshots, r.snapshots_reconstructed, r.corrections
            );
            for d in &r.differences {
                println!("differs: {d}");
            }
            for d in &r.reconstructed_differences {
                println!("reconstructed at an upgrade, not as decided: {d}");
            }
            if r.identical {
                println!(
                    "identical{}",
                    if r.applied { "" } else { " (checked only)" }
                );
                Ok(())
            } else if r.digest_before == r.digest_after {
                bail!(
                    "{} do{} not re-derive from what was kept",
                    if r.differences.len() == 1 {
                        "1 stage snapshot or correction".to_string()
                    } else {
                        format!("{} stage snapshots or corrections", r.differences.len())
                    },
                    if r.differences.len() == 1 { "es" } else { "" }
                )
            } else if r.applied {
                bail!("the rebuilt records differ from the ones that were there; the rebuilt ones are now in force")
            } else {
                bail!("the rebuilt records would differ from the ones that are there")
            }
        }
        Command::Verify { file, db, format } => {
            let chair = db.map(|d| Chair::open(&d)).transpose()?;
            let r = juri_app::verify_file(&file, chair.as_ref())?;
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                print_verify(&r);
            }
            if !r.acceptable() && !r.verdict.starts_with("encrypted") {
                bail!("{}: {}", r.file, r.verdict);
            }
            Ok(())
        }
    }
}

fn package(
    db: &Path,
    juror: Option<String>,
    out: Option<PathBuf>,
    all: bool,
    out_dir: Option<PathBuf>,
    new_code: bool,
) -> Result<()> {
    let mut chair = Chair::open(db)?;
    let issued = if all {
        let dir = out_dir.context("--all needs --out-dir")?;
        chair.issue_packages(new_code, &dir)?
    } else {
        let juror = juror.context("name the juror with --juror, or use --all")?;
        let out = out.unwrap_or_else(|| PathBuf::from(format!("{juror}.juri")));
        vec![chair.issue_package(&juror, new_code, &out)?]
    };
    for p in &issued {
        println!(
            "{} ({}): package version {} → {} [{}], {} entries, {} assigned",
            p.juror, p.juror_name, p.version, p.file, p.fingerprint, p.entries, p.assigned
        );
        match &p.access_code {
            Some(code) => println!(
                "  access code: {code}   (shown once and stored nowhere: hand it to the juror in person)"
            ),
            None => println!("  access code unchanged (use --new-code to issue a new one)"),
        }
    }
    Ok(())
}

fn merge(db: &Path, dry_run: bool, format: Format, files: &[PathBuf]) -> Result<()> {
    let mut chair = Chair::open(db)?;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} bundles {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let tick = |done: usize, _total: usize| bar.set_position(done as u64);
    let report = chair.merge(files, dry_run, Some(&tick))?;
    bar.finish_and_clear();
    if format == Format::Json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_merge(&report);
    }
    if report.rejected > 0 {
        bail!(
            "{} of {} files rejected (see above){}",
            report.rejected,
            report.bundles.len(),
            if report.applied {
                "; the others were merged"
            } else {
                ""
            }
        );
    }
    Ok(())
}

fn print_merge(r: &MergeReport) {
    for b in &r.bundles {
        let who = b.juror.as_deref().unwrap_or("?");
        let fp = b.fingerprint.as_deref().unwrap_or("-");
        match b.status {
            BundleStatus::Accepted => println!(
                "  {}: juror {who}, export {} [{fp}]: {} records ({} scores) — {} new, {} updated, {} unchanged, {} stale, {} conflicts",
                b.file,
                b.sequence.unwrap_or(0),
                b.records,
                b.cells,
                b.outcomes.new,
                b.outcomes.updated,
                b.outcomes.unchanged,
                b.outcomes.stale,
                b.outcomes.conflicts
            ),
            BundleStatus::AlreadyImported => println!("  {}: imported before [{fp}], skipped", b.file),
            BundleStatus::Duplicate => println!("  {}: the same file is given twice [{fp}], skipped", b.file),
            BundleStatus::Rejected => {
                eprintln!("  {}: REJECTED: {}", b.file, b.problems.join("; "));
            }
        }
    }
    let c = &r.records;
    println!(
        "{}: {} new, {} updated, {} unchanged, {} stale, {} conflicts; bundles: {} accepted, {} rejected, {} skipped",
        if r.dry_run {
            "plan (dry run, nothing written)"
        } else if r.applied {
            "merged"
        } else {
            "nothing to merge"
        },
        c.new,
        c.updated,
        c.unchanged,
        c.stale,
        c.conflicts,
        r.accepted,
        r.rejected,
        r.skipped
    );
    if !r.conflicts.is_empty() {
        println!("conflicts for the chair to rule on (`juri resolve`):");
        print_conflicts(&r.conflicts);
    }
}

fn print_conflicts(list: &[ConflictView]) {
    for c in list {
        println!(
            "  {} {}/{}/{}{} revision {}{}",
            c.kind,
            c.stage,
            c.entry,
            c.juror,
            c.criterion
                .as_ref()
                .map(|k| format!("/{k}"))
                .unwrap_or_default(),
            c.revision,
            if c.open {
                ""
            } else if c.chosen_by_chair {
                " (ruled by the chair)"
            } else {
                ""
            }
        );
        for v in &c.versions {
            println!(
                "      {} {}  written {}{}{}",
                v.label,
                v.text,
                v.updated_at,
                if v.in_force { "  ← in force" } else { "" },
                if v.dismissed { "  (dismissed)" } else { "" }
            );
        }
    }
}

fn print_verify(r: &FileReport) {
    println!("{}", r.file);
    println!(
        "  kind:        {}{}",
        r.kind.as_deref().unwrap_or("not a Juri file"),
        r.format_version
            .map(|v| format!(", format version {v}"))
            .unwrap_or_default()
    );
    println!("  size:        {} bytes", r.size);
    if !r.fingerprint.is_empty() {
        println!("  fingerprint: {}", r.fingerprint);
    }
    let line = |label: &str, v: Option<String>| {
        if let Some(v) = v {
            println!("  {label:<12} {v}");
        }
    };
    line("competition:", r.competition_id.clone());
    line(
        "juror:",
        r.juror.as_ref().map(|j| match &r.juror_name {
            Some(n) => format!("{j} ({n})"),
            None => j.clone(),
        }),
    );
    line(
        "package:",
        r.package_version.map(|v| format!("version {v}")),
    );
    line("written:", r.written_at.clone());
    line("export:", r.sequence.map(|s| format!("number {s}")));
    line("entries:", r.entries.map(|n| n.to_string()));
    line("assigned:", r.assigned.map(|n| n.to_string()));
    line(
        "scores:",
        r.scores.map(|n| {
            format!(
                "{n} cells, {} notes, {} submitted",
                r.notes.unwrap_or(0),
                r.submitted.unwrap_or(0)
            )
        }),
    );
    line("signed by:", r.signed_by.clone());
    line(
        "registered:",
        r.signer_registered
            .map(|ok| if ok { "yes" } else { "NO" }.to_string()),
    );
    line("merge:", r.merge.clone());
    println!("  verdict:     {}", r.verdict);
}
