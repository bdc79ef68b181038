//! `juri`: the headless front end. Argument parsing and printing only; every use case lives in
//! `juri-app`, so the command and the desktop app agree by construction.

// Messages in Indonesian and English, from `locales/messages.yml`; the run's language is set once
// by the front end (`juri_app::use_message_language`), English when none is set.
rust_i18n::i18n!("locales", fallback = "en");

/// Prints one message in the run's language: `say!(KEY, name = value, …)` is
/// `println!("{}", t!(KEY, name = value, …))`, KEY an entry of `locales/messages.yml`.
macro_rules! say {
    ($($message:tt)*) => {
        println!("{}", rust_i18n::t!($($message)*))
    };
}

/// [`say!`] on standard error (warnings, refused files).
macro_rules! esay {
    ($($message:tt)*) => {
        eprintln!("{}", rust_i18n::t!($($message)*))
    };
}

mod output;
mod roundtrip;
mod secret;
mod settings;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use juri_app::core::definition::Method;
use juri_app::core::model::{Decision, Screening};
use juri_app::core::templates::{template, TEMPLATES};
use juri_app::Chair;
use rust_i18n::t;

#[derive(Parser)]
#[command(
    name = "juri",
    version,
    about = "Juri — scoring for public-service innovation competitions",
    long_about = None,
    after_help = "Messages are in Indonesian or English: JURI_LANG=id or JURI_LANG=en, else the \
                  system's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). This help and argument \
                  errors are in English; printed documents choose their own language (--lang).\n\n\
                  Secrets (the chair's passphrase, a juror's access code) are read from the file \
                  JURI_SECRET_FILE names (its first line), else asked on the terminal without echo. \
                  Keys opened with them are also kept in the system's keychain, when there is one, \
                  and not asked again on this laptop; JURI_KEYCHAIN=off keeps Juri away from it."
)]
struct Cli {
    /// Say on stderr how long each step took (opening the database, reading and planning the
    /// bundles, writing, printing …).
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Db {
    /// The chair's database file.
    #[arg(long, env = "JURI_DB")]
    db: PathBuf,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Table,
    Csv,
    Json,
}

/// `--format` of a command that prints a report rather than rows: text or JSON (no CSV).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ReportFormat {
    Table,
    Json,
}

/// `--paper`: the sheet every printed page takes.
#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    A4,
    F4,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportWhat {
    Recaps,
    Scores,
    Nominees,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportArg {
    Xlsx,
    Csv,
    Json,
}

/// `--method`: the aggregation methods `juri-core` defines (`Method::ALL`), by their names.
fn method_arg() -> impl clap::builder::TypedValueParser<Value = Method> {
    clap::builder::PossibleValuesParser::new(Method::ALL.map(Method::as_str))
        .map(|name| Method::parse(&name).expect("a possible value names a method"))
}

#[derive(Subcommand)]
enum Command {
    /// Print a competition definition template (koin-yanlik-berdasi, kipp, iga, generic).
    Template {
        name: Option<String>,
        /// List the templates.
        #[arg(long)]
        list: bool,
    },
    /// Create the chair's database from a definition file.
    Init {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        definition: PathBuf,
    },
    /// Show or replace the competition definition.
    Definition {
        #[command(flatten)]
        db: Db,
        /// Record this file as the new version of the definition.
        #[arg(long)]
        update: Option<PathBuf>,
    },
    /// Create the demo competition (Koin Yanlik Berdasi style): its jurors' partial scores
    /// arrive in signed bundles, merged; their keys are then retired, so a juror's first package
    /// gives a new access code.
    Demo {
        #[command(flatten)]
        db: Db,
    },
    /// Competition overview: stages, progress.
    Info {
        #[command(flatten)]
        db: Db,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Import or list entries (CSV or XLSX), and their documents and links.
    Entries {
        #[command(subcommand)]
        action: EntriesAction,
    },
    /// Import or list jurors with assignments and conflicts of interest (CSV or XLSX).
    Jurors {
        #[command(subcommand)]
        action: ListOrImport,
    },
    /// Import scores typed from paper sheets (CSV or XLSX).
    Scores {
        #[command(subcommand)]
        action: ScoresAction,
    },
    /// Record pass or fail in a screening stage, with the checklist items each entry meets.
    ///
    /// With --met (or --none-met) the entry's checklist is recorded and printed in the minutes:
    /// a passing entry must meet every item that applies to it, and an item that does not apply
    /// to the entry (its `applies_to`) cannot be met. Without them only pass or fail is recorded.
    Screen {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long, conflicts_with = "file")]
        entry: Option<String>,
        #[arg(long, conflicts_with = "fail")]
        pass: bool,
        #[arg(long)]
        fail: bool,
        /// Reason code for failing (repeat for several).
        #[arg(long = "reason")]
        reasons: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
        /// A checklist item (its id) the entry meets; repeat, or separate with commas.
        #[arg(
            long,
            value_name = "ITEM",
            value_delimiter = ',',
            conflicts_with = "file"
        )]
        met: Vec<String>,
        /// Records that the entry meets none of its checklist items (a fail).
        #[arg(long, conflicts_with_all = ["met", "file", "pass"])]
        none_met: bool,
        /// A sheet (CSV or XLSX) with columns entry, result (pass/fail or lulus/gugur), reasons,
        /// note, and optionally one column per checklist item named by its id: yes/ya/y/1/✓ is
        /// met, no/tidak/n/0 or blank is not, n/a marks an item that does not apply. A sheet with
        /// one item column has them all. Every row is checked first; nothing is recorded when one
        /// is wrong.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Completeness matrix: who has scored what.
    Status {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Rankings of a stage.
    Results {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: Option<String>,
        #[arg(long, value_parser = method_arg())]
        method: Option<Method>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
        /// Show which ranks change between aggregation methods.
        #[arg(long)]
        compare_methods: bool,
    },
    /// Record a chair decision.
    Decide {
        #[command(subcommand)]
        decision: DecideCmd,
    },
    /// Correct the record, always with a reason: re-open a finalised stage, review a later stage,
    /// revoke or replace a decision, withdraw or restore an entry, correct a paper score, edit an
    /// entry's data, replace a juror mid-stage. Each correction is kept in the audit log (`juri
    /// log --kind …`).
    Correct {
        #[command(subcommand)]
        correction: CorrectCmd,
    },
    /// List recorded decisions.
    Decisions {
        #[command(flatten)]
        db: Db,
    },
    /// Freeze a stage's results and hand its advancing entries to the next stage.
    Finalize {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
    },
    /// Print a document as PDF: blank-sheet, score-sheet, recap, minutes, recusals,
    /// announcement, decree-attachment, certificate.
    ///
    /// A document of a finalised stage (--stage) is an official copy: its first print is kept
    /// in the database, and printing the same request again writes exactly those bytes.
    /// announcement, decree-attachment and certificate are of a finalised final stage (the
    /// definition's final when --stage is not given) and are refused for any other stage.
    Print {
        #[command(flatten)]
        db: Db,
        /// blank-sheet | score-sheet | recap | minutes | recusals | announcement |
        /// decree-attachment | certificate
        #[arg(required_unless_present = "check")]
        document: Option<String>,
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        juror: Option<String>,
        #[arg(long)]
        entry: Option<String>,
        /// id (Bahasa Indonesia, default) or en.
        #[arg(long, default_value = "id")]
        lang: String,
        /// Date printed on the document (YYYY-MM-DD); today by default, or for a finalised stage
        /// the date of the official copy already printed for the same request.
        #[arg(long)]
        date: Option<String>,
        /// Minutes and announcement: document number.
        #[arg(long)]
        number: Option<String>,
        /// Minutes: where the plenary met.
        #[arg(long)]
        venue: Option<String>,
        /// a4 or f4 (folio, 215 × 330 mm).
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
        /// The stage's snapshot version: an earlier version of a stage re-opened and finalised
        /// again writes the official copy kept for it, or prints one from that version's
        /// snapshot (refused when it has neither).
        #[arg(long, value_name = "N")]
        version: Option<i64>,
        #[arg(long, required_unless_present = "check")]
        out: Option<PathBuf>,
        /// Say whether FILE.pdf is an official copy of this competition, and of what (with
        /// DOCUMENT: of that document); exits non-zero when it is not. Changes nothing.
        #[arg(long, value_name = "FILE.pdf", conflicts_with_all = ["out", "stage", "category", "juror", "entry", "date", "number", "venue"])]
        check: Option<PathBuf>,
    },
    /// Show or change the document settings: the organiser's kop and logo, the decree that
    /// appointed the panel, the "Mengetahui" signer and the panel's NIPs (docs/documents.md).
    ///
    /// Without options it shows them; --file replaces them all from a TOML file; the flags
    /// change one setting each.
    Settings(settings::SettingsArgs),
    /// Export every recap (xlsx, csv) or the full results (json); with `--what scores`, every
    /// score (one row per juror × entry × criterion, with its revision and source).
    ///
    /// The xlsx workbook starts with one sheet per screening stage: every entry with its
    /// category, one column per checklist item (✓ met, – not met, n/a), the result and the
    /// reasons.
    Export {
        #[command(flatten)]
        db: Db,
        #[arg(long, value_enum)]
        format: ExportArg,
        /// recaps: every recap (the full results as JSON); scores: every score cell with its
        /// revision, source (`paper` or the juror's bundle fingerprint) and whether it counts;
        /// nominees: the final's winners (or the entries advancing from --stage, or its --top N)
        #[arg(long, value_enum, default_value = "recaps")]
        what: ExportWhat,
        /// scores: only this scoring stage; nominees: this stage instead of the final
        #[arg(long)]
        stage: Option<String>,
        /// nominees: every entry ranked 1..N (within its category where the stage ranks per
        /// category) instead of the winners or the advancing entries
        #[arg(long)]
        top: Option<u32>,
        #[arg(long, default_value = "id")]
        lang: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// The append-only audit log.
    Log {
        #[command(flatten)]
        db: Db,
        /// Only lines of this kind: reopen, review, revoke, replace, withdraw, restore,
        /// correct-score, edit-entry, replace-juror, finalize, decide, scores, official-copy,
        /// snapshot …
        #[arg(long)]
        kind: Option<String>,
        /// Only corrections of this stage, and lines about it.
        #[arg(long)]
        stage: Option<String>,
        /// Only corrections of this entry.
        #[arg(long)]
        entry: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    #[command(flatten)]
    Roundtrip(roundtrip::Command),
}

#[derive(Subcommand)]
enum ListOrImport {
    Import {
        #[command(flatten)]
        db: Db,
        file: PathBuf,
    },
    List {
        #[command(flatten)]
        db: Db,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

#[derive(Subcommand)]
enum EntriesAction {
    /// Import entries from a sheet: columns code, title, institution, category, and optionally
    /// rintisan, description, withdrawn, documents, links.
    ///
    /// A `documents` (or `dokumen`) cell names the entry's documents, separated by `;` or line
    /// breaks, relative to the sheet's folder; a folder names every file in it. Each must be a
    /// PDF, an image (PNG, JPEG, WebP) or an office document (Word, Excel, PowerPoint,
    /// OpenDocument) of at most 25 MiB, and an entry carries at most 20; each is kept in the
    /// competition's database by its SHA-256. A `links` (or `tautan`) cell lists web addresses
    /// (http:// or https://). A missing, oversized or unknown file, or a bad link, is an error of
    /// its row, and nothing is imported.
    Import {
        #[command(flatten)]
        db: Db,
        file: PathBuf,
    },
    List {
        #[command(flatten)]
        db: Db,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// List each entry's documents (name, kind, size, SHA-256) and links.
    Documents {
        #[command(flatten)]
        db: Db,
        /// Only this entry (listed even when it has none).
        #[arg(long)]
        entry: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// List the jurors' merged field notes (those with text or photos), with each photo's
    /// SHA-256, size in pixels and bytes, and the time and place when the juror kept them.
    Notes {
        #[command(flatten)]
        db: Db,
        /// Only this entry's notes.
        #[arg(long)]
        entry: Option<String>,
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Save a copy of a photo on a merged field note (a JPEG) to a new file.
    SavePhoto {
        #[command(flatten)]
        db: Db,
        /// The photo's SHA-256, or its first 12 or more hex digits.
        #[arg(long, value_name = "SHA256")]
        photo: String,
        /// The new file (an existing file is not overwritten).
        #[arg(long)]
        out: PathBuf,
    },
    /// Add a document to an entry, or replace one of its documents; audit-logged.
    AddDocument {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        entry: String,
        /// The document: a PDF, an image or an office document of at most 25 MiB.
        file: PathBuf,
        /// Put it in the place of the entry's document of this name.
        #[arg(long, value_name = "NAME")]
        replace: Option<String>,
    },
}

#[derive(Subcommand)]
enum ScoresAction {
    Import {
        #[command(flatten)]
        db: Db,
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum DecideCmd {
    /// Order entries still tied after the tie-break cascade (best first).
    Tie {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        /// Entry codes, best first, comma separated.
        #[arg(long, value_delimiter = ',')]
        order: Vec<String>,
        #[arg(long)]
        reason: String,
    },
    /// Allow finalising although a juror did not submit an entry's sheet; without --juror, although
    /// no counted juror scored the entry (it stays unscored and does not advance).
    Exception {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long)]
        juror: Option<String>,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        reason: String,
    },
    /// Remove an entry from a stage onwards.
    Disqualify {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
enum CorrectCmd {
    /// Re-open a finalised stage: its results are kept as a superseded version, the stage is open
    /// again, and later stages holding anything are marked to be reviewed. Finalising it again
    /// makes the next version; its minutes print "Perubahan ke-N" and what changed.
    Reopen {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long)]
        reason: String,
    },
    /// Acknowledge that a stage marked for review was re-checked after the earlier stage was
    /// finalised again; the stage may then be finalised.
    Review {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long)]
        reason: String,
    },
    /// Revoke a decision in force (its number in `juri decisions`), or replace it with a new
    /// tie order (--order) or disqualification (--disqualify ENTRY) of the same stage.
    Revoke {
        #[command(flatten)]
        db: Db,
        /// The decision's number, as `juri decisions` lists it.
        #[arg(long)]
        decision: i64,
        #[arg(long)]
        reason: String,
        /// Replace it with this tie order (entry codes, best first, comma separated).
        #[arg(long, value_delimiter = ',', conflicts_with = "disqualify")]
        order: Vec<String>,
        /// Replace it with the disqualification of this entry.
        #[arg(long, value_name = "ENTRY")]
        disqualify: Option<String>,
    },
    /// Withdraw an entry from the competition (stages still open no longer count it).
    Withdraw {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        reason: String,
    },
    /// Restore a withdrawn entry.
    Restore {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        reason: String,
    },
    /// Correct a score typed from paper (a new revision; the original is kept). A score from a
    /// juror's bundle is the juror's: rule on conflicts instead.
    Score {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        juror: String,
        #[arg(long)]
        criterion: String,
        /// The corrected score ("" clears it).
        #[arg(long)]
        score: String,
        #[arg(long)]
        reason: String,
    },
    /// Edit an entry's title, institution or category; the log keeps each field before and after.
    Entry {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        entry: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        institution: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        reason: String,
    },
    /// Replace a juror mid-stage: the departing juror (--juror) leaves the panel from this open
    /// stage on, and the replacement (--by) takes over their assignments in it and in every later
    /// stage not finalised. The departing juror's sheets in the stage no longer count, unless
    /// --keep-sheets. Finalised stages are untouched.
    ReplaceJuror {
        #[command(flatten)]
        db: Db,
        #[arg(long)]
        stage: String,
        /// The departing juror.
        #[arg(long)]
        juror: String,
        /// The juror who takes over.
        #[arg(long, value_name = "JUROR")]
        by: String,
        /// The sheets the departing juror has submitted in the stage still count; the replacement
        /// scores the rest of their entries there.
        #[arg(long)]
        keep_sheets: bool,
        #[arg(long)]
        reason: String,
    },
}

/// `juri correct`: one correction with its reason.
fn correct(correction: CorrectCmd) -> Result<()> {
    match correction {
        CorrectCmd::Reopen { db, stage, reason } => {
            let r = Chair::open(&db.db)?.reopen(&stage, &reason)?;
            say!(
                "cli.reopened",
                stage = r.stage,
                version = r.version,
                next = r.version + 1
            );
            if !r.to_review.is_empty() {
                say!("cli.to_review", stages = r.to_review.join(", "));
            }
        }
        CorrectCmd::Review { db, stage, reason } => {
            Chair::open(&db.db)?.review(&stage, &reason)?;
            say!("cli.reviewed", stage = stage);
        }
        CorrectCmd::Revoke {
            db,
            decision,
            reason,
            order,
            disqualify,
        } => {
            let mut chair = Chair::open(&db.db)?;
            let stage = || -> Result<String> {
                chair
                    .decisions()?
                    .into_iter()
                    .find(|(id, _, _)| *id == decision)
                    .map(|(_, _, d)| d.stage().to_string())
                    .with_context(|| t!("cli.no_such_decision", decision = decision))
            };
            let replacement = match (order.is_empty(), disqualify) {
                (false, _) => Some(Decision::TieOrder {
                    stage: stage()?,
                    entries: order,
                    reason: reason.clone(),
                }),
                (true, Some(entry)) => Some(Decision::Disqualify {
                    stage: stage()?,
                    entry,
                    reason: reason.clone(),
                }),
                (true, None) => None,
            };
            match chair.revoke(decision, &reason, replacement)? {
                Some(id) => say!("cli.decision_replaced", decision = decision, id = id),
                None => say!("cli.decision_revoked", decision = decision),
            }
        }
        CorrectCmd::Withdraw { db, entry, reason } => {
            Chair::open(&db.db)?.set_withdrawn(&entry, true, &reason)?;
            say!("cli.withdrawn", entry = entry);
        }
        CorrectCmd::Restore { db, entry, reason } => {
            Chair::open(&db.db)?.set_withdrawn(&entry, false, &reason)?;
            say!("cli.restored", entry = entry);
        }
        CorrectCmd::Score {
            db,
            stage,
            entry,
            juror,
            criterion,
            score,
            reason,
        } => {
            let c = juri_app::ScoreCorrection {
                stage,
                entry,
                juror,
                criterion,
                score,
            };
            Chair::open(&db.db)?.correct_score(&c, &reason)?;
            say!(
                "cli.paper_score_corrected",
                stage = c.stage,
                juror = c.juror,
                entry = c.entry,
                criterion = c.criterion
            );
        }
        CorrectCmd::Entry {
            db,
            entry,
            title,
            institution,
            category,
            reason,
        } => {
            let edit = juri_app::EntryEdit {
                title,
                institution,
                category,
            };
            for c in Chair::open(&db.db)?.edit_entry(&entry, &edit, &reason)? {
                println!("{entry}: {} \"{}\" → \"{}\"", c.field, c.before, c.after);
            }
        }
        CorrectCmd::ReplaceJuror {
            db,
            stage,
            juror,
            by,
            keep_sheets,
            reason,
        } => {
            let r =
                Chair::open(&db.db)?.replace_juror(&stage, &juror, &by, keep_sheets, &reason)?;
            say!(
                "cli.juror_replaced",
                stage = r.stage,
                departing = r.departing,
                replacement = r.replacement,
                stages = r.stages.join(", ")
            );
            if r.counts_departing {
                say!(
                    "cli.departing_sheets_count",
                    departing = r.departing,
                    kept = if r.kept.is_empty() {
                        t!("cli.none").into_owned()
                    } else {
                        r.kept.join(", ")
                    },
                    replacement = r.replacement,
                    stage = r.stage
                );
            } else {
                say!(
                    "cli.departing_sheets_dropped",
                    departing = r.departing,
                    stage = r.stage
                );
            }
            if !r.set_aside.is_empty() {
                say!("cli.set_aside", sheets = r.set_aside.join(", "));
            }
            if !r.recused.is_empty() {
                let recused = r
                    .recused
                    .iter()
                    .map(|x| format!("{}/{} ({})", x.stage, x.entry, x.reason))
                    .collect::<Vec<_>>()
                    .join(", ");
                say!(
                    "cli.replacement_recused",
                    replacement = r.replacement,
                    entries = recused
                );
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    quiet_when_the_reader_leaves();
    // One language for every message of this run (JURI_LANG, else the system's); `--help` and
    // clap's own argument errors stay in English.
    juri_app::use_message_language(juri_app::message_language());
    let cli = Cli::parse();
    if cli.verbose {
        // Each step as it ends, with the time it took, on stderr; stdout stays the command's.
        tracing_subscriber::fmt()
            .with_writer(std::io::stderr)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .with_target(false)
            // Seconds since `juri` started (`without_time` would also drop the spans' timings).
            .with_timer(tracing_subscriber::fmt::time::Uptime::default())
            .with_ansi(false)
            .init();
    }
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("juri: {}", output::error(&e));
            ExitCode::FAILURE
        }
    }
}

/// A template's one-line description in the run's language.
fn template_description(name: &str, english: &str) -> String {
    match name {
        "koin-yanlik-berdasi" => t!("cli.template.koin_yanlik_berdasi").into_owned(),
        "kipp" => t!("cli.template.kipp").into_owned(),
        "iga" => t!("cli.template.iga").into_owned(),
        "generic" => t!("cli.template.generic").into_owned(),
        _ => english.to_string(),
    }
}

fn stage_or_current(chair: &Chair, stage: Option<String>) -> Result<String> {
    match stage {
        Some(s) => Ok(s),
        None => chair
            .current_stage()?
            .context(t!("cli.every_stage_finalised")),
    }
}

fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Template { name, list } => {
            if list || name.is_none() {
                for (n, d, _) in TEMPLATES {
                    println!("{n:22} {}", template_description(n, d));
                }
                return Ok(());
            }
            let name = name.unwrap_or_default();
            let t = template(&name).with_context(|| t!("cli.unknown_template", name = name))?;
            print!("{t}");
        }
        Command::Init { db, definition } => {
            let text = std::fs::read_to_string(&definition)
                .with_context(|| t!("cli.cannot_read", file = definition.display()))?;
            let chair = Chair::init(&db.db, &text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", definition.display()))?;
            let (_, _, def) = chair.definition()?;
            output::weight_warnings(&def);
            say!(
                "cli.created",
                db = db.db.display(),
                name = def.competition.name,
                categories = def.categories.len(),
                stages = def.stages.len()
            );
        }
        Command::Definition { db, update } => {
            let mut chair = Chair::open(&db.db)?;
            match update {
                Some(f) => {
                    let text = std::fs::read_to_string(&f)
                        .with_context(|| t!("cli.cannot_read", file = f.display()))?;
                    let v = chair
                        .update_definition(&text)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
                    output::weight_warnings(&chair.definition()?.2);
                    say!("cli.definition_recorded", version = v);
                }
                None => {
                    let (_, text, def) = chair.definition()?;
                    output::weight_warnings(&def);
                    print!("{text}");
                }
            }
        }
        Command::Demo { db } => {
            let chair = juri_app::create_demo(&db.db)?;
            let o = chair.overview()?;
            say!("cli.demo_created", name = o.name, db = db.db.display());
            output::overview(&o, zone_of(&chair)?, Format::Table)?;
        }
        Command::Info { db, format } => {
            let chair = Chair::open(&db.db)?;
            output::overview(&chair.overview()?, zone_of(&chair)?, format)?
        }
        Command::Entries { action } => match action {
            EntriesAction::Import { db, file } => {
                let r = Chair::open(&db.db)?.import_entries(&file)?;
                output::imported(&file, false, &r);
            }
            EntriesAction::List { db, format } => {
                output::entries(&Chair::open(&db.db)?.snapshot()?, format)?
            }
            EntriesAction::Documents { db, entry, format } => {
                let evidence = Chair::open(&db.db)?.entry_evidence(entry.as_deref())?;
                output::entry_documents(&evidence, format)?
            }
            EntriesAction::Notes { db, entry, format } => {
                let notes = Chair::open(&db.db)?.field_notes(entry.as_deref())?;
                output::field_notes(&notes, format)?
            }
            EntriesAction::SavePhoto { db, photo, out } => {
                let size = Chair::open(&db.db)?.save_photo(&photo, &out)?;
                say!(
                    "cli.photo_saved",
                    sha256 = photo,
                    file = out.display(),
                    size = juri_app::human_size(size)
                );
            }
            EntriesAction::AddDocument {
                db,
                entry,
                file,
                replace,
            } => {
                let d =
                    Chair::open(&db.db)?.add_entry_document(&entry, &file, replace.as_deref())?;
                say!(
                    "cli.document_added",
                    entry = entry,
                    name = d.name,
                    kind = d.kind,
                    size = d.size,
                    sha256 = d.sha256
                );
            }
        },
        Command::Jurors { action } => match action {
            ListOrImport::Import { db, file } => {
                let r = Chair::open(&db.db)?.import_jurors(&file)?;
                output::imported(&file, false, &r);
            }
            ListOrImport::List { db, format } => {
                output::jurors(&Chair::open(&db.db)?.snapshot()?, format)?
            }
        },
        Command::Scores {
            action: ScoresAction::Import { db, file },
        } => {
            let r = Chair::open(&db.db)?.import_scores(&file)?;
            output::imported(&file, true, &r);
        }
        Command::Screen {
            db,
            stage,
            entry,
            pass,
            fail,
            reasons,
            note,
            met,
            none_met,
            file,
        } => {
            let met = (none_met || !met.is_empty()).then_some(met);
            screen(db, stage, entry, (pass, fail), reasons, note, met, file)?;
        }
        Command::Status { db, stage, format } => {
            let chair = Chair::open(&db.db)?;
            let stage = stage_or_current(&chair, stage)?;
            output::status(&chair.status(&stage)?, format)?;
        }
        Command::Results {
            db,
            stage,
            method,
            format,
            compare_methods,
        } => {
            let chair = Chair::open(&db.db)?;
            let stage = stage_or_current(&chair, stage)?;
            if compare_methods {
                output::comparison(&chair.compare_methods(&stage)?, format)?;
            } else {
                output::results(&chair.results(&stage, method)?, zone_of(&chair)?, format)?;
            }
        }
        Command::Decide { decision } => {
            decide(decision)?;
        }
        Command::Correct { correction } => {
            correct(correction)?;
        }
        Command::Decisions { db } => {
            for (id, at, d) in Chair::open(&db.db)?.decisions()? {
                println!("{id:>3}  {at}  {}", juri_app::describe(&d));
            }
        }
        Command::Finalize { db, stage } => {
            let f = Chair::open(&db.db)?.finalize(&stage)?;
            let again = if f.version > 1 {
                t!(
                    "cli.finalised_again",
                    version = f.version,
                    correction = f.version - 1
                )
                .into_owned()
            } else {
                String::new()
            };
            say!(
                "cli.finalised",
                stage = f.stage,
                again = again,
                at = f.at,
                count = f.advancing.len(),
                entries = f.advancing.join(", ")
            );
        }
        Command::Print {
            db,
            document,
            stage,
            category,
            juror,
            entry,
            lang,
            date,
            number,
            venue,
            paper,
            version,
            out,
            check,
        } => {
            let kind = document.as_deref().map(document_kind).transpose()?;
            if let Some(file) = check {
                return check_official_copy(&db, kind, &file);
            }
            let (Some(kind), Some(out)) = (kind, out) else {
                bail!(t!("cli.name_document"));
            };
            let paper = match paper {
                PaperArg::A4 => "a4",
                PaperArg::F4 => "f4",
            };
            let request = juri_app::PrintRequest {
                stage,
                category,
                juror,
                entry,
                lang: Some(lang),
                date: None,
                number,
                venue,
                paper: Some(paper.to_string()),
                version,
            };
            print(&db, kind, request, date.as_deref(), &out)?;
        }
        Command::Settings(args) => settings::run(args)?,
        Command::Export {
            db,
            format,
            what,
            stage,
            top,
            lang,
            out,
        } => {
            let f = match format {
                ExportArg::Xlsx => juri_app::ExportFormat::Xlsx,
                ExportArg::Csv => juri_app::ExportFormat::Csv,
                ExportArg::Json => juri_app::ExportFormat::Json,
            };
            let chair = Chair::open(&db.db)?;
            if top.is_some() && !matches!(what, ExportWhat::Nominees) {
                bail!(t!("cli.top_with_nominees"));
            }
            let what = match what {
                ExportWhat::Recaps if stage.is_some() => {
                    bail!(t!("cli.stage_with_scores_or_nominees"))
                }
                ExportWhat::Recaps => juri_app::ExportContent::Recaps,
                ExportWhat::Scores => juri_app::ExportContent::Scores,
                ExportWhat::Nominees => juri_app::ExportContent::Nominees,
            };
            let req = juri_app::PrintRequest {
                lang: Some(lang),
                stage,
                ..Default::default()
            };
            let bytes = match (what, top) {
                (juri_app::ExportContent::Nominees, Some(n)) => {
                    chair.export_nominees(f, &req, Some(n))?
                }
                _ => chair.export_content(what, f, &req)?,
            };
            juri_app::write_atomically(&out, &bytes)?;
            say!(
                "cli.exported",
                file = out.display(),
                kb = bytes.len().div_ceil(1024)
            );
        }
        Command::Log {
            db,
            kind,
            stage,
            entry,
            format,
        } => {
            let chair = Chair::open(&db.db)?;
            let filter = juri_app::AuditFilter {
                action: kind,
                stage,
                entry,
            };
            output::log(&chair.log_where(&filter)?, zone_of(&chair)?, format)?
        }
        Command::Roundtrip(c) => roundtrip::run(c)?,
    }
    Ok(())
}

/// `juri screen`: one entry's verdict from the flags, or a whole screening sheet.
#[allow(clippy::too_many_arguments)]
fn screen(
    db: Db,
    stage: String,
    entry: Option<String>,
    (pass, fail): (bool, bool),
    reasons: Vec<String>,
    note: String,
    met: Option<Vec<String>>,
    file: Option<PathBuf>,
) -> Result<()> {
    let mut chair = Chair::open(&db.db)?;
    let n = match (entry, file) {
        (Some(entry), None) => {
            if pass == fail {
                bail!(t!("cli.pass_or_fail"));
            }
            chair.screen(
                &stage,
                &[Screening {
                    entry,
                    passed: pass,
                    reasons,
                    note,
                    met,
                }],
            )?;
            1
        }
        (None, Some(file)) => chair.screen_file(&stage, &file)?,
        _ => bail!(t!("cli.entry_or_file")),
    };
    let key = if n == 1 {
        "cli.screened.one"
    } else {
        "cli.screened.other"
    };
    say!(key, stage = stage, count = n);
    Ok(())
}

/// `juri decide`: records one chair decision.
fn decide(decision: DecideCmd) -> Result<()> {
    let (db, d) = match decision {
        DecideCmd::Tie {
            db,
            stage,
            order,
            reason,
        } => (
            db,
            Decision::TieOrder {
                stage,
                entries: order,
                reason,
            },
        ),
        DecideCmd::Exception {
            db,
            stage,
            juror,
            entry,
            reason,
        } => (
            db,
            match juror {
                Some(juror) => Decision::Exception {
                    stage,
                    juror,
                    entry,
                    reason,
                },
                None => Decision::Unscored {
                    stage,
                    entry,
                    reason,
                },
            },
        ),
        DecideCmd::Disqualify {
            db,
            stage,
            entry,
            reason,
        } => (
            db,
            Decision::Disqualify {
                stage,
                entry,
                reason,
            },
        ),
    };
    let id = Chair::open(&db.db)?.decide(d.clone())?;
    say!(
        "cli.decision_recorded",
        id = id,
        decision = juri_app::describe(&d)
    );
    Ok(())
}

fn document_kind(document: &str) -> Result<juri_app::DocumentKind> {
    juri_app::DocumentKind::parse(document)
        .with_context(|| t!("cli.unknown_document", document = document))
}

/// `juri print`: renders one document of the chair's into `out`; for a finalised stage, its
/// official copy.
fn print(
    db: &Db,
    kind: juri_app::DocumentKind,
    mut request: juri_app::PrintRequest,
    date: Option<&str>,
    out: &Path,
) -> Result<()> {
    request.date = date
        .map(|d| {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .with_context(|| t!("cli.bad_date", date = d))
        })
        .transpose()?;
    let mut chair = Chair::open(&db.db)?;
    let printed = chair.print_document(kind, &request)?;
    juri_app::write_atomically(out, &printed.bytes)?;
    let reprint = printed.official.is_some() && !printed.first_print;
    let cites_decree = matches!(
        kind,
        juri_app::DocumentKind::Minutes | juri_app::DocumentKind::DecreeAttachment
    );
    if cites_decree && !reprint {
        let document = match kind {
            juri_app::DocumentKind::DecreeAttachment => t!("cli.document.decree_attachment"),
            _ => t!("cli.document.minutes"),
        };
        settings::warn_unset_decree(&chair.document_settings()?, &document);
    }
    say!(
        "cli.printed",
        document = kind.as_str(),
        file = out.display(),
        kb = printed.bytes.len().div_ceil(1024)
    );
    if let Some(copy) = &printed.official {
        let copy = output::official_copy(copy, zone_of(&chair)?);
        if printed.first_print {
            say!("cli.official_copy_kept", copy = copy);
        } else {
            say!("cli.official_copy", copy = copy);
        }
    }
    Ok(())
}

/// `juri print --check FILE.pdf`: whether the file is an official copy (of `kind`, when given).
fn check_official_copy(db: &Db, kind: Option<juri_app::DocumentKind>, file: &Path) -> Result<()> {
    let chair = Chair::open(&db.db)?;
    let found = chair.check_official_copy(file)?;
    let matching: Vec<_> = found
        .iter()
        .filter(|c| kind.is_none_or(|k| c.document == k))
        .collect();
    if matching.is_empty() {
        match (kind, found.first()) {
            (Some(k), Some(other)) => bail!(t!(
                "cli.not_official_copy_of",
                file = file.display(),
                document = k.as_str(),
                copy = output::official_copy(other, zone_of(&chair)?)
            )),
            _ => bail!(t!(
                "cli.not_official_copy",
                file = file.display(),
                db = db.db.display()
            )),
        }
    }
    for copy in matching {
        say!(
            "cli.is_official_copy",
            file = file.display(),
            copy = output::official_copy(copy, zone_of(&chair)?)
        );
    }
    Ok(())
}

/// The competition's time zone, in which tables show times.
fn zone_of(chair: &Chair) -> Result<juri_app::core::zone::Tz> {
    Ok(chair.definition()?.2.competition.zone())
}

/// `juri log | head` closes the pipe before everything is printed: end quietly, as a command that
/// is killed by SIGPIPE does (status 141), instead of a panic and a backtrace.
fn quiet_when_the_reader_leaves() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(141);
        }
        default(info);
    }));
}
