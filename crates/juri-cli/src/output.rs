//! Printing: tables for people, CSV and JSON for other programs.

use std::collections::BTreeSet;

use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, ContentArrangement, Table};
use juri_app::core::definition::StageKind;
use juri_app::core::notation;
use juri_app::core::results::{Cut, StageResults, TieState};
use juri_app::core::{Completeness, MethodComparison, PairState};
use juri_app::AuditRow;
use juri_app::{Overview, Snapshot};
use rust_i18n::t;

use crate::Format;
use juri_app::core::zone::Tz;

/// A table for people: its headers in the run's language. CSV and JSON keep their column names
/// and values whatever the language, for the programs that read them.
fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().map(|h| column(h)).collect::<Vec<_>>());
    t
}

/// A column's header in a table; a juror's or a method's id stays as it is.
fn column(name: &str) -> String {
    let said = match name {
        "stage" => t!("cli.column.stage"),
        "name" => t!("cli.column.name"),
        "kind" => t!("cli.column.kind"),
        "entries" => t!("cli.column.entries"),
        "done" => t!("cli.column.done"),
        "state" => t!("cli.column.state"),
        "code" => t!("cli.column.code"),
        "title" => t!("cli.column.title"),
        "institution" => t!("cli.column.institution"),
        "category" => t!("cli.column.category"),
        "rintisan" => t!("cli.column.rintisan"),
        "withdrawn" => t!("cli.column.withdrawn"),
        "affiliation" => t!("cli.column.affiliation"),
        "role" => t!("cli.column.role"),
        "assign" => t!("cli.column.assign"),
        "conflicts" => t!("cli.column.conflicts"),
        "active" => t!("cli.column.active"),
        "entry" => t!("cli.column.entry"),
        "group" => t!("cli.column.group"),
        "rank" => t!("cli.column.rank"),
        "score" => t!("cli.column.score"),
        "spread" => t!("cli.column.spread"),
        "advance" => t!("cli.column.advance"),
        "award" => t!("cli.column.award"),
        "notes" => t!("cli.column.notes"),
        "place" => t!("cli.column.place"),
        "changed" => t!("cli.column.changed"),
        "at" => t!("cli.column.at"),
        "action" => t!("cli.column.action"),
        "detail" => t!("cli.column.detail"),
        other => return other.to_string(),
    };
    said.into_owned()
}

/// "yes" in a table, in the run's language; a CSV cell keeps `csv`.
fn word(format: Format, csv: &str, said: std::borrow::Cow<str>) -> String {
    if format == Format::Csv {
        csv.to_string()
    } else {
        said.into_owned()
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<()> {
    println!("{}", serde_json::to_string_pretty(v)?);
    Ok(())
}

fn csv_out(headers: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    let mut w = csv::Writer::from_writer(std::io::stdout());
    w.write_record(headers)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

fn emit(format: Format, headers: &[&str], rows: Vec<Vec<String>>) -> Result<()> {
    match format {
        Format::Csv => csv_out(headers, rows),
        _ => {
            let mut t = table(headers);
            for r in rows {
                t.add_row(r);
            }
            println!("{t}");
            Ok(())
        }
    }
}

/// Times in tables are shown in the competition's zone ("2025-12-15 09:00 WITA"); JSON and CSV
/// keep the stored RFC 3339 text, which carries its offset.
pub fn overview(o: &Overview, zone: Tz, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(o);
    }
    // CSV is the stage table alone, so that it reads as one table.
    if format != Format::Csv {
        say!(
            "cli.overview",
            name = o.name,
            id = o.competition_id,
            entries = o.entries,
            jurors = o.jurors,
            version = o.definition_version
        );
    }
    let rows = o
        .stages
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.name.clone(),
                match s.kind {
                    StageKind::Screening => word(format, "screening", t!("cli.kind.screening")),
                    StageKind::Scoring => word(format, "scoring", t!("cli.kind.scoring")),
                    StageKind::Final => word(format, "final", t!("cli.kind.final")),
                },
                s.pool.to_string(),
                format!("{}/{}", s.submitted, s.assigned),
                match (
                    &s.finalized_at,
                    o.current_stage.as_deref() == Some(s.id.as_str()),
                ) {
                    (Some(at), _) => {
                        t!("cli.state.finalised", at = juri_app::shown_time(at, zone)).into_owned()
                    }
                    (None, true) => t!("cli.state.current").into_owned(),
                    (None, false) => "".into(),
                },
            ]
        })
        .collect();
    emit(
        format,
        &["stage", "name", "kind", "entries", "done", "state"],
        rows,
    )
}

/// One line after an import: `FILE: N [what ]added, N updated, N unchanged`.
pub fn imported(file: &std::path::Path, scores: bool, r: &juri_app::ImportReport) {
    let key = if scores {
        "cli.imported_scores"
    } else {
        "cli.imported"
    };
    say!(
        key,
        file = file.display(),
        added = r.added,
        updated = r.updated,
        unchanged = r.unchanged
    );
}

pub fn entries(s: &Snapshot, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(&s.entries);
    }
    let rows = s
        .entries
        .iter()
        .map(|e| {
            vec![
                e.code.clone(),
                e.title.clone(),
                e.institution.clone(),
                e.category.clone(),
                if e.rintisan {
                    word(format, "ya", t!("cli.yes"))
                } else {
                    "".into()
                },
                if e.withdrawn {
                    word(format, "mundur", t!("cli.withdrawn_mark"))
                } else {
                    "".into()
                },
            ]
        })
        .collect();
    emit(
        format,
        &[
            "code",
            "title",
            "institution",
            "category",
            "rintisan",
            "withdrawn",
        ],
        rows,
    )
}

/// Each entry's documents, one row per document or link.
pub fn entry_documents(evidence: &[juri_app::EntryEvidence], format: Format) -> Result<()> {
    if format == Format::Json {
        return json(&evidence);
    }
    let mut rows = Vec::new();
    for e in evidence {
        for d in &e.documents {
            rows.push(vec![
                e.entry.clone(),
                d.name.clone(),
                d.kind.clone(),
                d.size.to_string(),
                d.sha256.clone(),
            ]);
        }
        for link in &e.links {
            rows.push(vec![
                e.entry.clone(),
                link.clone(),
                "link".into(),
                String::new(),
                String::new(),
            ]);
        }
        if e.documents.is_empty() && e.links.is_empty() {
            rows.push(vec![
                e.entry.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    emit(
        format,
        &["entry", "document", "kind", "bytes", "sha256"],
        rows,
    )
}

/// The jurors' merged field notes and their photos, as `juri entries notes` prints them: one row
/// per note, then one per photo (its SHA-256, pixels, bytes, and time and place when kept).
pub fn field_notes(notes: &[juri_app::FieldNote], format: Format) -> Result<()> {
    if format == Format::Json {
        return json(&notes);
    }
    let mut rows = Vec::new();
    for n in notes {
        rows.push(vec![
            n.entry.clone(),
            n.stage.clone(),
            n.juror.clone(),
            n.revision.to_string(),
            n.text.clone(),
        ]);
        for p in &n.photos {
            let mut said = format!(
                "photo {} {}×{} {} bytes",
                p.sha256, p.width, p.height, p.size
            );
            for kept in [&p.taken_at, &p.location].into_iter().flatten() {
                said += &format!(" {kept}");
            }
            rows.push(vec![
                n.entry.clone(),
                n.stage.clone(),
                n.juror.clone(),
                n.revision.to_string(),
                said,
            ]);
        }
    }
    emit(
        format,
        &["entry", "stage", "juror", "revision", "note"],
        rows,
    )
}

/// The juror's documents and links, as `juri juror documents` prints them.
pub fn juror_documents(evidence: &[juri_app::JurorEntryEvidence], format: Format) -> Result<()> {
    if format == Format::Json {
        return json(&evidence);
    }
    let mut rows = Vec::new();
    for e in evidence {
        for d in &e.documents {
            rows.push(vec![
                e.entry.clone(),
                d.name.clone(),
                d.kind.clone(),
                d.size.to_string(),
                d.sha256.clone(),
                if d.installed { "yes" } else { "no" }.into(),
            ]);
        }
        for link in &e.links {
            rows.push(vec![
                e.entry.clone(),
                link.clone(),
                "link".into(),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
    }
    emit(
        format,
        &["entry", "document", "kind", "bytes", "sha256", "installed"],
        rows,
    )
}

pub fn jurors(s: &Snapshot, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(&s.jurors);
    }
    let rows = s
        .jurors
        .iter()
        .map(|j| {
            vec![
                j.id.clone(),
                j.name.clone(),
                j.affiliation.clone(),
                j.role.as_str().into(),
                notation::format_assignments(&j.assignments),
                notation::format_conflicts(&j.conflicts),
                if j.active {
                    word(format, "ya", t!("cli.yes"))
                } else {
                    word(format, "tidak", t!("cli.no"))
                },
            ]
        })
        .collect();
    emit(
        format,
        &[
            "id",
            "name",
            "affiliation",
            "role",
            "assign",
            "conflicts",
            "active",
        ],
        rows,
    )
}

fn state_mark(s: Option<PairState>) -> &'static str {
    match s {
        None => "",
        Some(PairState::Empty) => "·",
        Some(PairState::Partial) => "½",
        Some(PairState::Complete) => "○",
        Some(PairState::Submitted) => "✓",
        Some(PairState::Excepted) => "E",
    }
}

pub fn status(c: &Completeness, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(c);
    }
    let mut headers: Vec<&str> = vec!["entry"];
    headers.extend(c.jurors.iter().map(String::as_str));
    let rows = c
        .entries
        .iter()
        .zip(&c.matrix)
        .map(|(e, row)| {
            let mut r = vec![e.clone()];
            if c.disqualified.contains(e) {
                // A disqualified entry waits for no sheet.
                r.extend(row.iter().map(|_| "DQ".to_string()));
            } else {
                r.extend(row.iter().map(|s| state_mark(*s).to_string()));
            }
            r
        })
        .collect();
    if c.jurors.is_empty() {
        say!(
            "cli.screened_count",
            stage = c.stage,
            done = c.submitted,
            of = c.assigned
        );
        return Ok(());
    }
    emit(format, &headers, rows)?;
    if format == Format::Table {
        let recused = if c.recused.is_empty() {
            String::new()
        } else {
            t!("cli.status.recused", count = c.recused.len()).into_owned()
        };
        let disqualified = match c.disqualified.len() {
            0 => String::new(),
            1 => t!("cli.status.disqualified.one").into_owned(),
            n => t!("cli.status.disqualified.other", count = n).into_owned(),
        };
        say!(
            "cli.status.summary",
            stage = c.stage,
            submitted = c.submitted,
            assigned = c.assigned,
            excepted = c.excepted,
            recused = recused,
            disqualified = disqualified
        );
    }
    Ok(())
}

fn advance_text(a: Option<Cut>, format: Format) -> String {
    match a {
        Some(Cut::In) => word(format, "lolos", t!("cli.advance.in")),
        Some(Cut::Undecided) => word(format, "perlu keputusan", t!("cli.advance.undecided")),
        Some(Cut::Out) | None => String::new(),
    }
}

pub fn results(r: &StageResults, zone: Tz, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(r);
    }
    let jurors: Vec<String> = {
        let set: BTreeSet<&str> = r
            .rows()
            .flat_map(|x| x.juror_totals.iter().map(|t| t.juror.as_str()))
            .collect();
        set.into_iter().map(str::to_string).collect()
    };
    let mut headers: Vec<&str> = vec!["group", "rank", "entry", "title"];
    headers.extend(jurors.iter().map(String::as_str));
    // `place`: an awarded entry's place within its award's pool (Top 10: 1–10), not its rank.
    headers.extend(["score", "spread", "advance", "award", "notes", "place"]);
    let mut rows = Vec::new();
    for g in &r.groups {
        for x in &g.rows {
            let mut row = vec![
                g.category
                    .clone()
                    .unwrap_or_else(|| word(format, "all", t!("cli.all_categories"))),
                match (x.rank, &x.tie) {
                    (Some(n), TieState::Unresolved) => format!("{n}="),
                    (Some(n), _) => n.to_string(),
                    _ => "-".into(),
                },
                x.entry.clone(),
                x.title.clone(),
            ];
            for j in &jurors {
                row.push(
                    x.juror_totals
                        .iter()
                        .find(|t| t.juror == *j)
                        .map(|t| t.total.display(2))
                        .unwrap_or_default(),
                );
            }
            let mut notes = Vec::new();
            match &x.tie {
                TieState::BrokenBy(k) => notes.push(t!("cli.note.tie_broken", by = k)),
                TieState::Decided(_) => notes.push(t!("cli.note.tie_decided")),
                TieState::Unresolved => notes.push(t!("cli.note.tie")),
                TieState::None => {}
            }
            if x.disagreement {
                notes.push(t!("cli.note.disagree"));
            }
            if !x.missing_jurors.is_empty() {
                notes.push(t!("cli.note.waiting", jurors = x.missing_jurors.join(", ")));
            }
            if let Some(d) = &x.disqualified {
                notes.push(t!("cli.note.out", reason = d));
            }
            if x.award_undecided {
                notes.push(t!("cli.note.award_undecided"));
            }
            row.extend([
                x.score.map(|s| s.display(2)).unwrap_or_default(),
                x.spread.map(|s| s.display(2)).unwrap_or_default(),
                advance_text(x.advance, format),
                x.award.clone().unwrap_or_default(),
                notes.join("; "),
                x.award_place.map(|p| p.to_string()).unwrap_or_default(),
            ]);
            rows.push(row);
        }
    }
    emit(format, &headers, rows)?;
    if format == Format::Table {
        let alpha = r
            .agreement
            .alpha
            .map(|a| format!("{a:.3}"))
            .unwrap_or_else(|| t!("cli.not_available").into_owned());
        let w = r
            .agreement
            .kendall_w
            .map(|k| {
                t!(
                    "cli.results.kendall",
                    w = format!("{:.3}", k.w),
                    jurors = k.raters,
                    entries = k.items,
                    p = format!("{:.4}", k.p_value)
                )
                .into_owned()
            })
            .unwrap_or_else(|| t!("cli.not_available").into_owned());
        let trim = if r.method == juri_app::core::definition::Method::Trimmed {
            t!("cli.results.trim", trim = r.trim).into_owned()
        } else {
            String::new()
        };
        let excluded = if r.excluded_cells > 0 {
            t!("cli.results.excluded", cells = r.excluded_cells).into_owned()
        } else {
            String::new()
        };
        let state = match (&r.finalized_at, r.provisional) {
            (Some(at), _) => {
                t!("cli.results.finalised", at = juri_app::shown_time(at, zone)).into_owned()
            }
            (None, true) => t!("cli.results.provisional").into_owned(),
            _ => String::new(),
        };
        say!(
            "cli.results.summary",
            stage = r.stage_name,
            method = r.method.as_str(),
            trim = trim,
            alpha = alpha,
            w = w,
            excluded = excluded,
            state = state
        );
        for g in &r.unresolved_ties {
            say!("cli.results.unresolved_tie", entries = g.join(" = "));
        }
    }
    Ok(())
}

pub fn comparison(c: &MethodComparison, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(c);
    }
    let mut headers = vec!["entry", "category"];
    headers.extend(c.methods.iter().map(|m| m.as_str()));
    headers.push("changed");
    let rows = c
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![r.entry.clone(), r.category.clone()];
            row.extend(r.ranks.iter().zip(&r.scores).map(|(k, s)| match (k, s) {
                (Some(k), Some(s)) => format!("{k} ({})", s.display(2)),
                _ => "-".into(),
            }));
            row.push(if r.changed {
                word(format, "yes", t!("cli.yes"))
            } else {
                String::new()
            });
            row
        })
        .collect();
    emit(format, &headers, rows)?;
    if format == Format::Table {
        say!(
            "cli.comparison.summary",
            changed = c.rows.iter().filter(|r| r.changed).count(),
            of = c.rows.len()
        );
    }
    Ok(())
}

pub fn log(rows: &[AuditRow], zone: Tz, format: Format) -> Result<()> {
    if format == Format::Json {
        return json(&rows);
    }
    let rows = rows
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                if format == Format::Csv {
                    r.at.clone()
                } else {
                    juri_app::shown_time(&r.at, zone)
                },
                r.action.clone(),
                r.detail.clone(),
            ]
        })
        .collect();
    let mut t = table(&["#", "at", "action", "detail"]);
    if format == Format::Csv {
        return csv_out(&["id", "at", "action", "detail"], rows);
    }
    for r in rows {
        t.add_row(r);
    }
    if let Some(c) = t.column_mut(0) {
        c.set_cell_alignment(CellAlignment::Right);
    }
    println!("{t}");
    Ok(())
}

/// An error as `juri` says it: every cause in the chain, each application error with what to do
/// next in this command's words (its flags and subcommands).
pub fn error(e: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = match cause.downcast_ref::<juri_app::AppError>() {
            Some(app) => app_error(app),
            None => cause.to_string(),
        };
        // An error that already says its cause ("file.pdf: No such file …") says it once.
        if !parts.last().is_some_and(|last| last.ends_with(&text)) {
            parts.push(text);
        }
    }
    parts.join(": ")
}

fn app_error(e: &juri_app::AppError) -> String {
    use juri_app::AppError;
    match e {
        AppError::Needs { message, hint } => format!("{message} ({})", next_step(*hint)),
        AppError::StageFinalized(_) => t!(
            "cli.error.finalised",
            error = e,
            next = next_step(juri_app::Hint::ReopenStage)
        )
        .into_owned(),
        AppError::CannotFinalize { stage, reasons } => {
            let lines: Vec<String> = reasons
                .iter()
                .map(|r| match r.hint {
                    Some(h) => format!("  - {} — {}", r.message, next_step(h)),
                    None => format!("  - {}", r.message),
                })
                .collect();
            t!(
                "cli.error.cannot_finalise",
                stage = stage,
                reasons = lines.join("\n")
            )
            .into_owned()
        }
        other => other.to_string(),
    }
}

/// What to do next, naming `juri`'s own flags and subcommands.
fn next_step(h: juri_app::Hint) -> std::borrow::Cow<'static, str> {
    use juri_app::Hint;
    match h {
        Hint::ChooseStage => t!("cli.hint.choose_stage"),
        Hint::ChooseJuror => t!("cli.hint.choose_juror"),
        Hint::GiveAccessCode => t!("cli.hint.give_access_code"),
        Hint::GivePassphrase | Hint::ChoosePassphrase => t!("cli.hint.give_passphrase"),
        Hint::OpenPackage => t!("cli.hint.open_package"),
        Hint::IssuePackages => t!("cli.hint.issue_packages"),
        Hint::RecordException => t!("cli.hint.record_exception"),
        Hint::DecideTie => t!("cli.hint.decide_tie"),
        Hint::ReviewStage => t!("cli.hint.review_stage"),
        Hint::ReopenStage => t!("cli.hint.reopen_stage"),
        Hint::ExceptEntry => t!("cli.hint.except_entry"),
    }
}

/// Stages of a final that cannot move the final score by their stated weight, on stderr: said,
/// not refused (`docs/definition.md`, "Converting a scale to 0–100").
pub fn weight_warnings(def: &juri_app::core::Definition) {
    for w in def.weight_warnings() {
        let final_name = def
            .stages
            .iter()
            .find(|s| s.id == w.final_stage)
            .map_or(w.final_stage.as_str(), |s| s.name.as_str());
        esay!(
            "cli.weight_warning",
            final_stage = final_name,
            stage_name = w.stage_name,
            stage = w.stage,
            weight = w.weight,
            effective = w.effective.display(1),
            min = w.scale.min,
            max = w.scale.max,
            lowest = w.lowest
        );
    }
}

/// What an official copy is, on one line: the document, stage, language, the request's options,
/// when it was first printed and by which Juri, and its SHA-256.
pub fn official_copy(c: &juri_app::OfficialCopy, zone: Tz) -> String {
    let mut options = t!("cli.copy.options", lang = c.lang, date = c.date).into_owned();
    for (flag, value) in [
        ("category", &c.category),
        ("juror", &c.juror),
        ("entry", &c.entry),
        ("number", &c.number),
        ("venue", &c.venue),
    ] {
        if let Some(v) = value {
            options.push_str(&format!(", {flag} {v}"));
        }
    }
    let version = if c.version > 1 {
        t!("cli.copy.version", version = c.version).into_owned()
    } else {
        String::new()
    };
    t!(
        "cli.copy.described",
        document = c.document.as_str(),
        stage = c.stage,
        version = version,
        options = options,
        at = juri_app::shown_time(&c.printed_at, zone),
        by = c.printed_by,
        sha256 = c.sha256
    )
    .into_owned()
}
