//! Printing: tables for people, CSV and JSON for other programs.

use std::collections::BTreeSet;

use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, ContentArrangement, Table};
use juri_app::core::notation;
use juri_app::core::results::{Cut, StageResults, TieState};
use juri_app::core::{Completeness, MethodComparison, PairState};
use juri_app::AuditRow;
use juri_app::{Overview, Snapshot};

use crate::Format;
use juri_app::core::zone::Tz;

fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.to_vec());
    t
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
    println!(
        "{} ({}) — {} entries, {} jurors, definition version {}",
        o.name, o.competition_id, o.entries, o.jurors, o.definition_version
    );
    let rows = o
        .stages
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.name.clone(),
                format!("{:?}", s.kind).to_lowercase(),
                s.pool.to_string(),
                format!("{}/{}", s.submitted, s.assigned),
                match (
                    &s.finalized_at,
                    o.current_stage.as_deref() == Some(s.id.as_str()),
                ) {
                    (Some(at), _) => format!("finalised {}", juri_app::shown_time(at, zone)),
                    (None, true) => "current".into(),
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
pub fn imported(file: &std::path::Path, what: &str, r: &juri_app::ImportReport) {
    println!(
        "{}: {} {what}added, {} updated, {} unchanged",
        file.display(),
        r.added,
        r.updated,
        r.unchanged
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
                if e.rintisan { "ya".into() } else { "".into() },
                if e.withdrawn {
                    "mundur".into()
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
                    "ya".into()
                } else {
                    "tidak".into()
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
        println!(
            "{}: {} of {} entries screened",
            c.stage, c.submitted, c.assigned
        );
        return Ok(());
    }
    emit(format, &headers, rows)?;
    if format == Format::Table {
        println!(
            "{}: {} of {} assigned sheets submitted, {} excepted{}{}. ✓ submitted  ○ complete, not submitted  ½ partial  · empty  E exception  DQ disqualified",
            c.stage,
            c.submitted,
            c.assigned,
            c.excepted,
            if c.recused.is_empty() { String::new() } else { format!("; {} recused pair(s)", c.recused.len()) },
            if c.disqualified.is_empty() { String::new() } else { format!("; {} disqualified entr{}", c.disqualified.len(), if c.disqualified.len() == 1 { "y" } else { "ies" }) }
        );
    }
    Ok(())
}

fn advance_text(a: Option<Cut>) -> &'static str {
    match a {
        Some(Cut::In) => "lolos",
        Some(Cut::Out) => "",
        Some(Cut::Undecided) => "perlu keputusan",
        None => "",
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
                g.category.clone().unwrap_or_else(|| "all".into()),
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
                TieState::BrokenBy(k) => notes.push(format!("tie broken by {k}")),
                TieState::Decided(_) => notes.push("tie ordered by decision".into()),
                TieState::Unresolved => notes.push("tie".into()),
                TieState::None => {}
            }
            if x.disagreement {
                notes.push("jurors disagree".into());
            }
            if !x.missing_jurors.is_empty() {
                notes.push(format!("waiting for {}", x.missing_jurors.join(", ")));
            }
            if let Some(d) = &x.disqualified {
                notes.push(format!("out: {d}"));
            }
            if x.award_undecided {
                notes.push("award needs a decision".into());
            }
            row.extend([
                x.score.map(|s| s.display(2)).unwrap_or_default(),
                x.spread.map(|s| s.display(2)).unwrap_or_default(),
                advance_text(x.advance).into(),
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
            .unwrap_or_else(|| "n/a".into());
        let w = r
            .agreement
            .kendall_w
            .map(|k| {
                format!(
                    "{:.3} ({} jurors × {} entries, p = {:.4})",
                    k.w, k.raters, k.items, k.p_value
                )
            })
            .unwrap_or_else(|| "n/a".into());
        println!(
            "{} — method: {}{}; Krippendorff's alpha: {alpha}; Kendall's W: {w}{}{}",
            r.stage_name,
            r.method.as_str(),
            if r.method == juri_app::core::definition::Method::Trimmed {
                format!(" (trim {})", r.trim)
            } else {
                String::new()
            },
            if r.excluded_cells > 0 {
                format!(
                    "; {} cells kept for audit but not counted",
                    r.excluded_cells
                )
            } else {
                String::new()
            },
            match (&r.finalized_at, r.provisional) {
                (Some(at), _) => format!("; finalised {}", juri_app::shown_time(at, zone)),
                (None, true) => "; provisional: the previous stage is not finalised".into(),
                _ => String::new(),
            }
        );
        for g in &r.unresolved_ties {
            println!(
                "unresolved tie: {} — record a decision with `juri decide tie` if it matters",
                g.join(" = ")
            );
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
                "yes".into()
            } else {
                String::new()
            });
            row
        })
        .collect();
    emit(format, &headers, rows)?;
    if format == Format::Table {
        println!(
            "{} of {} entries change rank between methods",
            c.rows.iter().filter(|r| r.changed).count(),
            c.rows.len()
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
        AppError::StageFinalized(_) => format!(
            "{e}; to correct it, {}",
            next_step(juri_app::Hint::ReopenStage)
        ),
        AppError::CannotFinalize { stage, reasons } => {
            let lines: Vec<String> = reasons
                .iter()
                .map(|r| match r.hint {
                    Some(h) => format!("  - {} — {}", r.message, next_step(h)),
                    None => format!("  - {}", r.message),
                })
                .collect();
            format!("stage '{stage}' cannot be finalised:\n{}", lines.join("\n"))
        }
        other => other.to_string(),
    }
}

/// What to do next, naming `juri`'s own flags and subcommands.
fn next_step(h: juri_app::Hint) -> &'static str {
    use juri_app::Hint;
    match h {
        Hint::ChooseStage => "name one with --stage",
        Hint::ChooseJuror => "give --juror",
        Hint::GiveAccessCode => "give it with --code",
        Hint::OpenPackage => "`juri juror open FILE --code …`",
        Hint::IssuePackages => "`juri package`",
        Hint::RecordException => {
            "import the bundles or record an exception with `juri decide exception`"
        }
        Hint::DecideTie => "record the order with `juri decide tie`",
        Hint::ReviewStage => {
            "re-check its entries, then acknowledge with `juri correct review --stage … --reason …`"
        }
        Hint::ReopenStage => "re-open it with `juri correct reopen --stage … --reason …`",
        Hint::ExceptEntry => {
            "assign a juror to it (`juri jurors import`), or record an exception for the entry with `juri decide exception --entry … --reason …` (without --juror)"
        }
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
        eprintln!(
            "warning: {final_name}: {} ({}) weighs {} %, effectively {} % of the score range, \
             because its {}–{} scale is divided by its maximum (its lowest possible total is {}); \
             conversion = \"range\" in its rubric keeps the stated weight",
            w.stage_name,
            w.stage,
            w.weight,
            w.effective.display(1),
            w.scale.min,
            w.scale.max,
            w.lowest,
        );
    }
}

/// What an official copy is, on one line: the document, stage, language, the request's options,
/// when it was first printed and by which Juri, and its SHA-256.
pub fn official_copy(c: &juri_app::OfficialCopy, zone: Tz) -> String {
    let mut options = format!("lang {}, date {}", c.lang, c.date);
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
        format!(" (version {})", c.version)
    } else {
        String::new()
    };
    format!(
        "{} of stage {}{version} ({options}); first printed {} by Juri {}; SHA-256 {}",
        c.document.as_str(),
        c.stage,
        juri_app::shown_time(&c.printed_at, zone),
        c.printed_by,
        c.sha256
    )
}
