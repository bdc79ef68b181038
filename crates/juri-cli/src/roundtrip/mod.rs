//! The offline round trip: juror packages, the juror's own commands, merging bundles, conflicts,
//! rebuilding and verifying files. Parsing and printing only; the work is in `juri-app`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use clap::Subcommand;
use juri_app::{
    BundleStatus, Chair, CodeChoice, ConflictView, DocumentsChoice, FileReport, MergeReport,
    RecordRef,
};
use rust_i18n::t;

use crate::{Db, ReportFormat};

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
        /// Make a new key and access code, e.g. for a lost laptop. The old key is retired: a
        /// bundle signed with it later is held back until the chair accepts it
        /// (`juri merge --accept-retired`).
        #[arg(long)]
        new_code: bool,
        /// Why the old key is retired (with --new-code), e.g. "laptop lost"; the merge shows it
        /// beside any bundle the old key signs.
        #[arg(long, requires = "new_code")]
        reason: Option<String>,
        /// Put every document the package names in its documents file (`…-documents.zip`), also
        /// those sent to the juror's laptop before (e.g. a laptop set up again with the same
        /// access code). By default the file holds only the documents not sent before.
        #[arg(long)]
        all_documents: bool,
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
        format: ReportFormat,
        /// Accept the bundle with this fingerprint (the short form the merge shows, or the full
        /// one) although a retired key of its juror signed it. Repeat for several; each is
        /// accepted one by one with --reason, recorded in the audit log.
        #[arg(
            long = "accept-retired",
            value_name = "FINGERPRINT",
            requires = "reason"
        )]
        accept_retired: Vec<String>,
        /// Why the bundles named by --accept-retired are accepted.
        #[arg(long)]
        reason: Option<String>,
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
        format: ReportFormat,
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
    /// Write the chair's age identity (AGE-SECRET-KEY-1…) to a new file readable by its owner only,
    /// to decrypt bundles with other age tools during an audit (docs/formats.md). Audit-logged;
    /// never overwrites a file.
    AgeIdentity {
        #[command(flatten)]
        db: Db,
        /// The new file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Save a complete backup of the competition (definition, panel, every imported bundle, the
    /// journal, official copies, snapshots, document settings, keys) to one file, readable by you
    /// only; records when in the database. An existing file is replaced once the new one is whole.
    Backup {
        #[command(flatten)]
        db: Db,
        /// The backup file, e.g. cadangan-2025-12-15.juri-backup.
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup as a new database (e.g. on another laptop). The backup is checked whole
    /// first — its length and SHA-256, the database's integrity, the SHA-256 of every bundle and
    /// official copy it keeps — and nothing is written unless every check passes. Never replaces
    /// an existing file.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// The new database file (must not exist).
        #[arg(long, env = "JURI_DB")]
        db: PathBuf,
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
    /// Write the public verification archive: a folder (or a .zip) anyone can check with
    /// `juri audit`, holding every finalised stage's snapshot and results with the chair's
    /// decisions and reasons, the juror-signed content of every merged bundle, the paper imports
    /// and rulings, the jurors' public keys, a results page (index.html), and a manifest of every
    /// file's SHA-256 signed by the chair's key. Jurors' names, comments and field notes are
    /// withheld unless published with the flags below.
    Publish {
        #[command(flatten)]
        db: Db,
        /// A new folder, or a file ending in .zip.
        #[arg(long)]
        out: PathBuf,
        /// Publish the jurors' names, institutions and NIPs (else each juror is named by panel
        /// role and number, e.g. "Anggota 2").
        #[arg(long)]
        publish_names: bool,
        /// Publish the jurors' comments on their scores.
        #[arg(long)]
        publish_comments: bool,
        /// Publish the jurors' field notes.
        #[arg(long)]
        publish_notes: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
    },
    /// Check a verification archive (a folder or its .zip) with no database and no secret: the
    /// chair's signature over the manifest and every file against it, every juror's signature and
    /// every published text, the records the journal makes against each stage snapshot's sheets,
    /// each stage's results re-derived with the same core, and the results page. Prints
    /// "identical" or exactly what differs; exits non-zero when anything differs. Writes nothing.
    Audit {
        /// The archive: its folder or its .zip.
        archive: PathBuf,
        /// The chair's key the manifest must be signed with: the SHA-256 (hex) of the chair's
        /// public signing key as the results page and `juri publish` show it, or its short form
        /// as `juri verify` shows it for a juror's package (e.g. 3f2a-91c0-7be4).
        #[arg(long)]
        chair_key: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: ReportFormat,
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
        format: ReportFormat,
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
            reason,
            all_documents,
        } => package(
            &db.db,
            juror,
            out,
            all,
            out_dir,
            CodeChoice::new_code(new_code, reason.as_deref()),
            if all_documents {
                DocumentsChoice::All
            } else {
                DocumentsChoice::New
            },
        ),
        Command::Juror { db, action } => juror::run(&db, action),
        Command::Merge {
            db,
            dry_run,
            format,
            accept_retired,
            reason,
            files,
        } => {
            let reason = reason.unwrap_or_default();
            let accept: Vec<(String, String)> = accept_retired
                .into_iter()
                .map(|fp| (fp, reason.clone()))
                .collect();
            if !accept.is_empty() && reason.trim().is_empty() {
                bail!(t!("cli.merge.reason_empty"));
            }
            merge(&db.db, dry_run, format, &accept, &files)
        }
        Command::Conflicts { db, all, format } => {
            let list = Chair::open(&db.db)?.conflicts(all)?;
            if format == ReportFormat::Json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else if list.is_empty() {
                if all {
                    say!("cli.conflicts.none");
                } else {
                    say!("cli.conflicts.none_open");
                }
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
            say!("cli.ruling_recorded");
            print_conflicts(&[view]);
            Ok(())
        }
        Command::AgeIdentity { db, out } => {
            let recipient =
                crate::secret::open_unlocked(&db.db, false)?.export_age_identity(&out)?;
            say!(
                "cli.age_identity.written",
                file = out.display(),
                recipient = recipient
            );
            Ok(())
        }
        Command::Backup { db, out } => {
            let r = Chair::open(&db.db)?.backup(&out)?;
            say!(
                "cli.backup.saved",
                file = r.file,
                size = r.size,
                bundles = r.bundles,
                copies = r.official_copies,
                sha256 = r.database_sha256
            );
            Ok(())
        }
        Command::Restore { file, db } => {
            let (_, r) = juri_app::restore_backup(&file, &db)?;
            say!(
                "cli.restore.done",
                database = r.database,
                competition = r.competition_name,
                saved = r.created_at,
                bundles = r.bundles,
                copies = r.official_copies
            );
            if let Some(schema) = r.upgraded_from {
                say!("cli.restore.upgraded", schema = schema);
            }
            Ok(())
        }
        Command::Rebuild { db, check } => {
            let r = crate::secret::open_unlocked(&db.db, false)?.rebuild(check)?;
            say!(
                "cli.rebuild.replayed",
                merges = r.merges,
                bundles = r.bundles,
                papers = r.paper_imports,
                rulings = r.rulings,
                superseded = r.rulings_superseded,
                records = r.records
            );
            say!("cli.rebuild.before", digest = r.digest_before);
            say!("cli.rebuild.after", digest = r.digest_after);
            say!(
                "cli.rebuild.rederived",
                snapshots = r.snapshots,
                reconstructed = r.snapshots_reconstructed,
                corrections = r.corrections
            );
            for d in &r.differences {
                say!("cli.rebuild.differs", what = d);
            }
            for d in &r.reconstructed_differences {
                say!("cli.rebuild.reconstructed_differs", what = d);
            }
            if r.identical {
                if r.applied {
                    say!("cli.rebuild.identical");
                } else {
                    say!("cli.rebuild.identical_checked");
                }
                Ok(())
            } else if r.digest_before == r.digest_after {
                if r.differences.len() == 1 {
                    bail!(t!("cli.rebuild.not_rederived.one"))
                } else {
                    bail!(t!(
                        "cli.rebuild.not_rederived.other",
                        count = r.differences.len()
                    ))
                }
            } else if r.applied {
                bail!(t!("cli.rebuild.differ_applied"))
            } else {
                bail!(t!("cli.rebuild.would_differ"))
            }
        }
        Command::Publish {
            db,
            out,
            publish_names,
            publish_comments,
            publish_notes,
            format,
        } => {
            Chair::open(&db.db)?.check_publishable()?;
            let r = crate::secret::open_unlocked(&db.db, true)?.publish(
                &out,
                juri_app::PublishChoices {
                    privacy: juri_app::Privacy {
                        juror_names: publish_names,
                        comments: publish_comments,
                        notes: publish_notes,
                    },
                },
            )?;
            if format == ReportFormat::Json {
                println!("{}", serde_json::to_string_pretty(&r)?);
                return Ok(());
            }
            say!(
                "cli.publish.written",
                path = r.path,
                files = r.files,
                stages = r.stages,
                bundles = r.bundles,
                papers = r.paper_imports,
                rulings = r.rulings,
                corrections = r.corrections
            );
            if r.not_checkable > 0 {
                say!("cli.publish.not_checkable", count = r.not_checkable);
            }
            let shown = |published: bool| {
                if published {
                    t!("cli.publish.published")
                } else {
                    t!("cli.publish.withheld")
                }
            };
            say!(
                "cli.publish.privacy",
                names = shown(r.privacy.juror_names),
                comments = shown(r.privacy.comments),
                notes = shown(r.privacy.notes)
            );
            say!("cli.publish.manifest", sha256 = r.manifest_sha256);
            say!("cli.publish.chair_key", sha256 = r.chair_key);
            say!("cli.publish.check", path = r.path);
            Ok(())
        }
        Command::Audit {
            archive,
            chair_key,
            format,
        } => {
            let r = juri_app::audit_archive(&archive, chair_key.as_deref())?;
            if format == ReportFormat::Json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                say!(
                    "cli.audit.archive",
                    path = r.path,
                    competition = r.competition_id,
                    published = r.published_at
                );
                say!("cli.audit.manifest", sha256 = r.manifest_sha256);
                say!("cli.audit.chair_key", sha256 = r.chair_key);
                say!(
                    "cli.audit.checked",
                    files = r.files,
                    bundles = r.bundles,
                    withheld = r.texts_withheld,
                    papers = r.paper_imports,
                    rulings = r.rulings,
                    stages = r.stages,
                    corrections = r.corrections
                );
                for n in &r.not_checkable {
                    say!("cli.audit.not_checkable", what = n);
                }
                for d in &r.differences {
                    say!("cli.audit.differs", what = d);
                }
                if r.identical {
                    say!("cli.audit.identical");
                }
            }
            if !r.identical {
                bail!(t!("cli.audit.failed", count = r.differences.len()));
            }
            Ok(())
        }
        Command::Verify { file, db, format } => {
            let chair = db
                .map(|d| crate::secret::open_unlocked(&d, false))
                .transpose()?;
            let r = juri_app::verify_file(&file, chair.as_ref())?;
            if format == ReportFormat::Json {
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
    code: CodeChoice<'_>,
    documents: DocumentsChoice,
) -> Result<()> {
    let mut chair = crate::secret::open_unlocked(db, true)?;
    let issued = if all {
        let dir = out_dir.context(t!("cli.package.all_needs_out_dir"))?;
        chair.issue_packages_sending(code, documents, &dir)?
    } else {
        let juror = juror.context(t!("cli.package.name_juror"))?;
        let out = out.unwrap_or_else(|| PathBuf::from(format!("{juror}.juri")));
        vec![chair.issue_package_sending(&juror, code, documents, &out)?]
    };
    for p in &issued {
        say!(
            "cli.package.issued",
            juror = p.juror,
            name = p.juror_name,
            version = p.version,
            file = p.file,
            fingerprint = p.fingerprint,
            entries = p.entries,
            assigned = p.assigned
        );
        if let Some(file) = p
            .documents_file
            .as_ref()
            .filter(|_| p.documents_sent == p.documents)
        {
            say!(
                "cli.package.documents_all",
                file = file,
                named = p.documents,
                size = juri_app::human_size(p.documents_bytes)
            );
        } else if let Some(file) = &p.documents_file {
            say!(
                "cli.package.documents",
                file = file,
                sent = p.documents_sent,
                named = p.documents,
                size = juri_app::human_size(p.documents_bytes)
            );
        }
        match &p.access_code {
            Some(code) => say!("cli.package.access_code", code = code),
            None => say!("cli.package.code_unchanged"),
        }
    }
    Ok(())
}

fn merge(
    db: &Path,
    dry_run: bool,
    format: ReportFormat,
    accept: &[(String, String)],
    files: &[PathBuf],
) -> Result<()> {
    let mut chair = crate::secret::open_unlocked(db, false)?;
    let bar = indicatif::ProgressBar::new(files.len() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&t!("cli.merge.progress"))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let tick = |done: usize, _total: usize| bar.set_position(done as u64);
    let report = chair.merge_accepting(files, dry_run, accept, Some(&tick))?;
    bar.finish_and_clear();
    if format == ReportFormat::Json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_merge(&report);
    }
    if report.rejected > 0 {
        let key = if report.applied {
            "cli.merge.rejected_others_merged"
        } else {
            "cli.merge.rejected"
        };
        bail!(t!(
            key,
            rejected = report.rejected,
            files = report.bundles.len()
        ));
    }
    Ok(())
}

fn print_merge(r: &MergeReport) {
    for b in &r.bundles {
        let who = b.juror.as_deref().unwrap_or("?");
        let fp = b.fingerprint.as_deref().unwrap_or("-");
        match b.status {
            BundleStatus::Accepted => {
                say!(
                    "cli.merge.accepted",
                    file = b.file,
                    juror = who,
                    export = b.sequence.unwrap_or(0),
                    fingerprint = fp,
                    records = b.records,
                    scores = b.cells,
                    new = b.outcomes.new,
                    updated = b.outcomes.updated,
                    unchanged = b.outcomes.unchanged,
                    stale = b.outcomes.stale,
                    conflicts = b.outcomes.conflicts
                );
                if b.photos > 0 {
                    say!("cli.merge.photos", count = b.photos);
                }
            }
            BundleStatus::AlreadyImported => {
                say!("cli.merge.imported_before", file = b.file, fingerprint = fp)
            }
            BundleStatus::Duplicate => {
                say!("cli.merge.given_twice", file = b.file, fingerprint = fp)
            }
            BundleStatus::Rejected => {
                esay!(
                    "cli.merge.bundle_rejected",
                    file = b.file,
                    problems = b.problems.join("; ")
                );
            }
        }
    }
    let c = &r.records;
    for b in &r.bundles {
        for notice in &b.notices {
            say!("cli.merge.notice", file = b.file, notice = notice);
        }
        if let (Some(key), Some(reason)) = (&b.retired_key, &b.retired_key_accepted) {
            say!(
                "cli.merge.retired_accepted",
                file = b.file,
                retired = key.describe(),
                reason = reason
            );
        }
    }
    let held: Vec<&str> = r
        .bundles
        .iter()
        .filter(|b| b.status == BundleStatus::Rejected && b.retired_key.is_some())
        .filter_map(|b| b.fingerprint.as_deref())
        .collect();
    if !held.is_empty() {
        esay!(
            "cli.merge.retired_hint",
            flags = held
                .iter()
                .map(|fp| format!("--accept-retired {fp}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let what = if r.dry_run {
        t!("cli.merge.plan")
    } else if r.applied {
        t!("cli.merge.merged")
    } else {
        t!("cli.merge.nothing")
    };
    say!(
        "cli.merge.summary",
        what = what,
        new = c.new,
        updated = c.updated,
        unchanged = c.unchanged,
        stale = c.stale,
        conflicts = c.conflicts,
        accepted = r.accepted,
        rejected = r.rejected,
        skipped = r.skipped
    );
    if !r.conflicts.is_empty() {
        say!("cli.merge.conflicts_to_rule");
        print_conflicts(&r.conflicts);
    }
}

fn print_conflicts(list: &[ConflictView]) {
    for c in list {
        println!(
            "  {} {}/{}/{}{} {} {}{}",
            c.kind,
            c.stage,
            c.entry,
            c.juror,
            c.criterion
                .as_ref()
                .map(|k| format!("/{k}"))
                .unwrap_or_default(),
            t!("cli.conflict.revision"),
            c.revision,
            if !c.open && c.chosen_by_chair {
                t!("cli.conflict.ruled")
            } else {
                "".into()
            }
        );
        for v in &c.versions {
            println!(
                "      {} {}  {}{}{}",
                v.label,
                v.text,
                t!("cli.conflict.written", at = v.updated_at),
                if v.in_force {
                    t!("cli.conflict.in_force")
                } else {
                    "".into()
                },
                if v.dismissed {
                    t!("cli.conflict.dismissed")
                } else {
                    "".into()
                }
            );
        }
    }
}

fn print_verify(r: &FileReport) {
    println!("{}", r.file);
    let kind = r
        .kind
        .clone()
        .unwrap_or_else(|| t!("cli.verify.not_juri").into_owned());
    let format_version = r
        .format_version
        .map(|v| t!("cli.verify.format_version", version = v).into_owned())
        .unwrap_or_default();
    let juror = r.juror.as_ref().map(|j| match &r.juror_name {
        Some(n) => format!("{j} ({n})"),
        None => j.clone(),
    });
    let scores = r.scores.map(|n| {
        let mut said = t!(
            "cli.verify.scores_value",
            cells = n,
            notes = r.notes.unwrap_or(0),
            submitted = r.submitted.unwrap_or(0)
        )
        .into_owned();
        if let Some(photos) = r.photos.filter(|&p| p > 0) {
            said += &t!("cli.verify.photos", photos = photos);
        }
        said
    });
    let lines: Vec<(std::borrow::Cow<str>, Option<String>)> = vec![
        (
            t!("cli.verify.kind"),
            Some(format!("{kind}{format_version}")),
        ),
        (
            t!("cli.verify.size"),
            Some(t!("cli.verify.bytes", size = r.size).into_owned()),
        ),
        (
            t!("cli.verify.fingerprint"),
            Some(r.fingerprint.clone()).filter(|f| !f.is_empty()),
        ),
        (
            t!("cli.verify.content_fingerprint"),
            r.content_fingerprint.clone(),
        ),
        (t!("cli.verify.competition"), r.competition_id.clone()),
        (t!("cli.verify.juror"), juror),
        (
            t!("cli.verify.package"),
            r.package_version
                .map(|v| t!("cli.verify.version", version = v).into_owned()),
        ),
        (t!("cli.verify.written"), r.written_at.clone()),
        (
            t!("cli.verify.export"),
            r.sequence
                .map(|s| t!("cli.verify.number", number = s).into_owned()),
        ),
        (t!("cli.verify.entries"), r.entries.map(|n| n.to_string())),
        (t!("cli.verify.assigned"), r.assigned.map(|n| n.to_string())),
        (t!("cli.verify.scores"), scores),
        (t!("cli.verify.signed_by"), r.signed_by.clone()),
        (
            t!("cli.verify.registered"),
            r.signer_registered.map(|ok| {
                if ok {
                    t!("cli.verify.yes").into_owned()
                } else {
                    t!("cli.verify.no").into_owned()
                }
            }),
        ),
        (t!("cli.verify.merge"), r.merge.clone()),
        (t!("cli.verify.verdict"), Some(r.verdict.clone())),
    ];
    // The values in one column, after the longest label of the language.
    let width = lines
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0)
        .max(12);
    for (label, value) in lines {
        if let Some(v) = value {
            println!("  {label:<width$} {v}");
        }
    }
}
