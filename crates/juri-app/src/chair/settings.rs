//! The chair's document settings: the organiser's kop (institution lines, address, logo), the
//! decree (SK) that appointed the panel, the "Mengetahui" signer of the minutes and the panel
//! members' NIPs. Kept in the chair's database, never in the definition that travels to jurors
//! (the decree often exists only after a stage is finalised). Set from the app's print screen,
//! from flags or from a TOML file ([`read_settings_file`]); every change is audited.

use rust_i18n::t;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use juri_store::DocumentSettingsRow;

use crate::chair::Chair;
use crate::error::AppError;
use crate::refusal::Refusal;

/// The largest logo accepted, in bytes.
pub const LOGO_MAX_BYTES: u64 = 1024 * 1024;

/// The chair's document settings, as the front ends show and edit them. Every text is empty
/// when not set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocumentSettings {
    /// The kop's institution lines, from the highest down.
    pub kop_lines: Vec<String>,
    /// Address lines printed under them.
    pub address_lines: Vec<String>,
    /// The logo kept, if any (set or removed with a [`LogoChange`]).
    pub logo: Option<LogoInfo>,
    /// Who issued the decree that appointed the panel ("Gubernur Nusa Tenggara Timur").
    pub decree_issuer: String,
    pub decree_number: String,
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub decree_date: Option<NaiveDate>,
    /// The "Mengetahui" signer of the minutes: office, name and NIP.
    pub witness_title: String,
    pub witness_name: String,
    pub witness_nip: String,
    /// NIP of each panel member that has one, by juror id.
    pub nips: BTreeMap<String, String>,
}

/// What the kept logo is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogoInfo {
    /// `PNG` or `JPEG`.
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u32,
}

/// What to do with the logo when settings are saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "do", content = "path")]
pub enum LogoChange {
    // Keep the logo there is (or none).
    #[default]
    Keep,
    Remove,
    // Read the logo from this PNG or JPEG file.
    File(PathBuf),
}

impl DocumentSettings {
    /// The "Mengetahui" signer, when one is set.
    pub fn has_witness(&self) -> bool {
        !self.witness_name.trim().is_empty()
    }
}

/// Reads and checks a logo file: it exists, is at most [`LOGO_MAX_BYTES`] and is a PNG or JPEG
/// image that can be printed.
pub fn read_logo(path: &Path) -> Result<(Vec<u8>, LogoInfo), AppError> {
    let bad = |message: String| AppError::BadFile {
        file: path.display().to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|error| AppError::io(path, error))?;
    if !meta.is_file() {
        return Err(bad(t!("settings.logo_not_a_file").into_owned()));
    }
    if meta.len() > LOGO_MAX_BYTES {
        return Err(bad(t!(
            "settings.logo_too_large",
            bytes = meta.len(),
            limit = LOGO_MAX_BYTES
        )
        .into_owned()));
    }
    let bytes = std::fs::read(path).map_err(|error| AppError::io(path, error))?;
    let info = logo_info(&bytes)
        .map_err(|why| bad(t!("settings.logo_unusable", why = why).into_owned()))?;
    Ok((bytes, info))
}

fn logo_info(bytes: &[u8]) -> Result<LogoInfo, String> {
    let info = juri_report::inspect_image(bytes)?;
    Ok(LogoInfo {
        format: info.format.as_str().to_string(),
        width: info.width,
        height: info.height,
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    })
}

fn bad_setting(field: &str, message: impl Into<String>) -> AppError {
    Refusal::BadSetting {
        field: field.to_string(),
        message: message.into(),
    }
    .into()
}

/// Reads a date written `YYYY-MM-DD`; `field` names it in the error.
pub fn parse_settings_date(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| bad_setting(field, t!("settings.not_a_date", text = text.trim())))
}

fn clean_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

impl Chair {
    /// The document settings; all empty until the chair sets them.
    pub fn document_settings(&self) -> Result<DocumentSettings, AppError> {
        self.read(|| {
            let tx = self.db.read();
            let row = tx.document_settings()?;
            let codes: BTreeMap<i64, String> =
                tx.jurors()?.into_iter().map(|(id, j)| (id, j.id)).collect();
            let nips = tx
                .juror_nips()?
                .into_iter()
                .filter_map(|(id, nip)| codes.get(&id).map(|code| (code.clone(), nip)))
                .collect();
            let logo = match &row.logo {
                Some(bytes) => Some(logo_info(bytes).map_err(|why| {
                    AppError::Damaged(format!("the logo kept in the settings is {why}"))
                })?),
                None => None,
            };
            let decree_date = if row.decree_date.is_empty() {
                None
            } else {
                Some(
                    NaiveDate::parse_from_str(&row.decree_date, "%Y-%m-%d").map_err(|_| {
                        AppError::Damaged(format!("decree date '{}'", row.decree_date))
                    })?,
                )
            };
            Ok(DocumentSettings {
                kop_lines: row.kop_lines,
                address_lines: row.address_lines,
                logo,
                decree_issuer: row.decree_issuer,
                decree_number: row.decree_number,
                decree_date,
                witness_title: row.witness_title,
                witness_name: row.witness_name,
                witness_nip: row.witness_nip,
                nips,
            })
        })
    }

    /// Replaces the document settings from a settings file ([`read_settings_file`]); a problem
    /// names the file and the key, and nothing is written.
    pub fn set_document_settings_from_file(
        &mut self,
        path: &Path,
    ) -> Result<DocumentSettings, AppError> {
        let (settings, logo) = read_settings_file(path)?;
        self.set_document_settings(&settings, &logo)
            .map_err(|e| match e {
                AppError::Refused(r @ Refusal::BadSetting { .. }) => AppError::BadFile {
                    file: path.display().to_string(),
                    message: r.to_string(),
                },
                other => other,
            })
    }

    /// The logo's bytes, if one is kept.
    pub(crate) fn logo_bytes(&self) -> Result<Option<Vec<u8>>, AppError> {
        Ok(self.db.read().document_settings()?.logo)
    }

    /// Replaces the document settings with `new` (its `logo` field is ignored: `logo` says what
    /// happens to the logo). Everything is checked first; on any problem nothing is written.
    /// The audit line names what changed. Returns the settings as now stored.
    pub fn set_document_settings(
        &mut self,
        new: &DocumentSettings,
        logo: &LogoChange,
    ) -> Result<DocumentSettings, AppError> {
        let old = self.document_settings()?;
        let snap = self.snapshot()?;
        let juror_rows: BTreeMap<&str, i64> = snap
            .jurors
            .iter()
            .zip(&snap.juror_ids)
            .map(|(j, id)| (j.id.as_str(), *id))
            .collect();
        for code in new.nips.keys() {
            if !juror_rows.contains_key(code.as_str()) {
                return Err(bad_setting(
                    &format!("nip.{code}"),
                    t!("settings.no_such_juror", juror = code),
                ));
            }
        }
        let witness_given = [&new.witness_title, &new.witness_name, &new.witness_nip]
            .iter()
            .any(|t| !t.trim().is_empty());
        if witness_given {
            if new.witness_name.trim().is_empty() {
                return Err(bad_setting(
                    "mengetahui.name",
                    t!("settings.signer_no_name"),
                ));
            }
            if new.witness_title.trim().is_empty() {
                return Err(bad_setting(
                    "mengetahui.title",
                    t!("settings.signer_no_office"),
                ));
            }
        }
        let kop_lines = clean_lines(&new.kop_lines);
        let address_lines = clean_lines(&new.address_lines);
        if kop_lines.is_empty() && !address_lines.is_empty() {
            return Err(bad_setting("kop.lines", t!("settings.kop_address_only")));
        }
        let (logo_bytes, logo_info) = match logo {
            LogoChange::Keep => (self.logo_bytes()?, old.logo.clone()),
            LogoChange::Remove => (None, None),
            LogoChange::File(path) => {
                let (bytes, info) = read_logo(path)?;
                (Some(bytes), Some(info))
            }
        };
        if logo_bytes.is_some() && kop_lines.is_empty() {
            return Err(bad_setting("kop.logo", t!("settings.logo_without_kop")));
        }
        let stored = DocumentSettings {
            kop_lines,
            address_lines,
            logo: logo_info,
            decree_issuer: new.decree_issuer.trim().to_string(),
            decree_number: new.decree_number.trim().to_string(),
            decree_date: new.decree_date,
            witness_title: new.witness_title.trim().to_string(),
            witness_name: new.witness_name.trim().to_string(),
            witness_nip: new.witness_nip.trim().to_string(),
            nips: new
                .nips
                .iter()
                .map(|(k, v)| (k.clone(), v.trim().to_string()))
                .filter(|(_, v)| !v.is_empty())
                .collect(),
        };
        let changes = describe_changes(&old, &stored, logo);
        if changes.is_empty() {
            return Ok(stored);
        }
        let row = DocumentSettingsRow {
            kop_lines: stored.kop_lines.clone(),
            address_lines: stored.address_lines.clone(),
            logo: logo_bytes,
            decree_issuer: stored.decree_issuer.clone(),
            decree_number: stored.decree_number.clone(),
            decree_date: stored
                .decree_date
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            witness_title: stored.witness_title.clone(),
            witness_name: stored.witness_name.clone(),
            witness_nip: stored.witness_nip.clone(),
        };
        let now = crate::now();
        self.db.write(|tx| -> Result<(), AppError> {
            tx.set_document_settings(&row)?;
            for (code, id) in &juror_rows {
                let nip = stored.nips.get(*code).map_or("", String::as_str);
                if old.nips.get(*code).map_or("", String::as_str) != nip {
                    tx.set_juror_nip(*id, nip)?;
                }
            }
            tx.audit(
                &now,
                "document-settings",
                &format!("document settings: {}", changes.join("; ")),
            )?;
            Ok(())
        })?;
        Ok(stored)
    }
}

/// What changed between two settings, in the audit log's words.
fn describe_changes(
    old: &DocumentSettings,
    new: &DocumentSettings,
    logo: &LogoChange,
) -> Vec<String> {
    let mut out = Vec::new();
    let mut text = |name: &str, a: &str, b: &str| {
        if a != b {
            out.push(if b.is_empty() {
                format!("{name} cleared (was '{a}')")
            } else if a.is_empty() {
                format!("{name} set to '{b}'")
            } else {
                format!("{name} '{a}' → '{b}'")
            });
        }
    };
    text(
        "kop lines",
        &old.kop_lines.join(" / "),
        &new.kop_lines.join(" / "),
    );
    text(
        "address",
        &old.address_lines.join(" / "),
        &new.address_lines.join(" / "),
    );
    text("decree issuer", &old.decree_issuer, &new.decree_issuer);
    text("decree number", &old.decree_number, &new.decree_number);
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    text(
        "decree date",
        &date(old.decree_date),
        &date(new.decree_date),
    );
    text("Mengetahui title", &old.witness_title, &new.witness_title);
    text("Mengetahui name", &old.witness_name, &new.witness_name);
    text("Mengetahui NIP", &old.witness_nip, &new.witness_nip);
    let codes: std::collections::BTreeSet<&String> =
        old.nips.keys().chain(new.nips.keys()).collect();
    for code in codes {
        let a = old.nips.get(code).map_or("", String::as_str);
        let b = new.nips.get(code).map_or("", String::as_str);
        text(&format!("NIP of {code}"), a, b);
    }
    match (logo, &new.logo) {
        (LogoChange::File(path), Some(info)) => out.push(format!(
            "logo set from {} ({} {}×{}, {} bytes)",
            path.display(),
            info.format,
            info.width,
            info.height,
            info.bytes
        )),
        (LogoChange::Remove, _) if old.logo.is_some() => out.push("logo removed".to_string()),
        _ => {}
    }
    out
}

// ── the settings file ────────────────────────────────────────────────────────────────────────

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    #[serde(default)]
    kop: KopFile,
    #[serde(default)]
    decree: DecreeFile,
    #[serde(default)]
    mengetahui: WitnessFile,
    #[serde(default)]
    nip: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct KopFile {
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    address: Vec<String>,
    logo: Option<PathBuf>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct DecreeFile {
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    number: String,
    date: Option<toml::Value>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WitnessFile {
    #[serde(default)]
    title: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    nip: String,
}

/// Reads a settings file (TOML, described in `docs/documents.md`): the settings it gives and
/// what happens to the logo (a `kop.logo` path is read relative to the file's folder; no
/// `kop.logo` removes the logo). Unknown keys and bad values are refused naming the file and
/// the key; the logo file is checked here too.
pub fn read_settings_file(path: &Path) -> Result<(DocumentSettings, LogoChange), AppError> {
    let bad = |message: String| AppError::BadFile {
        file: path.display().to_string(),
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|error| AppError::io(path, error))?;
    let file: SettingsFile = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let decree_date = match &file.decree.date {
        None => None,
        Some(toml::Value::String(s)) if s.trim().is_empty() => None,
        Some(toml::Value::String(s)) => {
            Some(parse_settings_date("decree.date", s).map_err(|e| bad(e.to_string()))?)
        }
        Some(toml::Value::Datetime(d)) => Some(
            parse_settings_date("decree.date", &d.to_string()).map_err(|e| bad(e.to_string()))?,
        ),
        Some(other) => {
            return Err(bad(
                t!("settings.decree_date_not_a_date", value = other).into_owned()
            ))
        }
    };
    let logo = match file.kop.logo {
        Some(logo) => {
            let logo = if logo.is_absolute() {
                logo
            } else {
                path.parent().unwrap_or(Path::new(".")).join(logo)
            };
            read_logo(&logo)?;
            LogoChange::File(logo)
        }
        None => LogoChange::Remove,
    };
    Ok((
        DocumentSettings {
            kop_lines: file.kop.lines,
            address_lines: file.kop.address,
            logo: None,
            decree_issuer: file.decree.issuer,
            decree_number: file.decree.number,
            decree_date,
            witness_title: file.mengetahui.title,
            witness_name: file.mengetahui.name,
            witness_nip: file.mengetahui.nip,
            nips: file.nip,
        },
        logo,
    ))
}
