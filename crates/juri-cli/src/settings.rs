//! `juri settings`: the chair's document settings — shown, replaced from a TOML file, or changed
//! one flag at a time.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use juri_app::{Chair, DocumentSettings, LogoChange};
use rust_i18n::t;

use crate::Db;

#[derive(Args)]
pub struct SettingsArgs {
    #[command(flatten)]
    db: Db,
    /// Replace every setting from this TOML file (keys in docs/documents.md); a key the file
    /// leaves out is cleared.
    #[arg(long, value_name = "settings.toml", conflicts_with_all = ["decree_number", "decree_date", "decree_issuer", "logo", "no_logo"])]
    file: Option<PathBuf>,
    /// The number of the decree (SK) that appointed the panel ("" clears it).
    #[arg(long, value_name = "NUMBER")]
    decree_number: Option<String>,
    /// The decree's date, YYYY-MM-DD ("" clears it).
    #[arg(long, value_name = "YYYY-MM-DD")]
    decree_date: Option<String>,
    /// Who issued the decree, as it follows "Keputusan" ("Gubernur Nusa Tenggara Timur").
    #[arg(long, value_name = "TEXT")]
    decree_issuer: Option<String>,
    /// The organiser's logo, a PNG or JPEG image of at most 1 MB.
    #[arg(long, value_name = "FILE", conflicts_with = "no_logo")]
    logo: Option<PathBuf>,
    /// Remove the logo.
    #[arg(long)]
    no_logo: bool,
}

pub fn run(args: SettingsArgs) -> Result<()> {
    let mut chair = Chair::open(&args.db.db)?;
    if let Some(file) = &args.file {
        let now = chair.set_document_settings_from_file(file)?;
        say!("cli.settings.replaced_from", file = file.display());
        show(&chair, &now);
        return Ok(());
    }
    let mut new = chair.document_settings()?;
    let mut changed = false;
    if let Some(n) = &args.decree_number {
        new.decree_number = n.clone();
        changed = true;
    }
    if let Some(i) = &args.decree_issuer {
        new.decree_issuer = i.clone();
        changed = true;
    }
    if let Some(d) = &args.decree_date {
        new.decree_date = if d.trim().is_empty() {
            None
        } else {
            Some(
                juri_app::parse_settings_date("--decree-date", d)
                    .map_err(|e| anyhow::anyhow!("{e}"))?,
            )
        };
        changed = true;
    }
    let logo = match (&args.logo, args.no_logo) {
        (Some(path), _) => LogoChange::File(path.clone()),
        (None, true) => LogoChange::Remove,
        (None, false) => LogoChange::Keep,
    };
    changed |= logo != LogoChange::Keep;
    if changed {
        let now = chair.set_document_settings(&new, &logo)?;
        say!("cli.settings.saved");
        show(&chair, &now);
    } else {
        show(&chair, &new);
    }
    Ok(())
}

/// Says on stderr that the minutes print a blank for the decree, and how to set it.
pub fn warn_unset_decree(s: &DocumentSettings, document: &str) {
    if s.decree_number.is_empty() {
        esay!("cli.settings.decree_number_unset", document = document);
    } else if s.decree_date.is_none() {
        esay!("cli.settings.decree_date_unset", document = document);
    }
}

fn show(chair: &Chair, s: &DocumentSettings) {
    let or_unset = |v: &str| {
        if v.is_empty() {
            t!("cli.settings.not_set").into_owned()
        } else {
            v.to_string()
        }
    };
    let lines = |l: &[String]| {
        if l.is_empty() {
            t!("cli.settings.not_set").into_owned()
        } else {
            l.join("\n                ")
        }
    };
    // A label in its column, then the value.
    let row = |label: std::borrow::Cow<str>, value: String| println!("{label:<15} {value}");
    row(t!("cli.settings.kop"), lines(&s.kop_lines));
    row(t!("cli.settings.address"), lines(&s.address_lines));
    row(
        t!("cli.settings.logo"),
        match &s.logo {
            Some(l) => t!(
                "cli.settings.logo_file",
                format = l.format,
                width = l.width,
                height = l.height,
                bytes = l.bytes
            )
            .into_owned(),
            None => t!("cli.settings.none").into_owned(),
        },
    );
    row(t!("cli.settings.decree_issuer"), or_unset(&s.decree_issuer));
    row(
        t!("cli.settings.decree_number"),
        if s.decree_number.is_empty() {
            t!("cli.settings.decree_number_blank").into_owned()
        } else {
            s.decree_number.clone()
        },
    );
    row(
        t!("cli.settings.decree_date"),
        s.decree_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| t!("cli.settings.not_set").into_owned()),
    );
    if s.has_witness() {
        row(t!("cli.settings.witness"), s.witness_title.clone());
        println!("                {}", s.witness_name);
        if !s.witness_nip.is_empty() {
            println!("                NIP {}", s.witness_nip);
        }
    } else {
        row(
            t!("cli.settings.witness"),
            t!("cli.settings.none").into_owned(),
        );
    }
    let jurors = chair.snapshot().map(|s| s.jurors).unwrap_or_default();
    for j in jurors.iter().filter(|j| j.active) {
        println!(
            "NIP {:<11} {:<40} {}",
            j.id,
            j.name,
            s.nips.get(&j.id).map_or("-", String::as_str)
        );
    }
}
