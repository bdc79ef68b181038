//! The chair's document settings (migration `005_document_settings.sql`): the organiser's kop,
//! the decree that appointed the panel, the "Mengetahui" signer and the panel members' NIPs.
//!
//! Stored as given; what is a valid logo or date is the application's to check.

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};

use crate::{Result, Tx};

/// The document settings as stored; every text is empty when not set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentSettingsRow {
    /// Institution lines of the kop, in order.
    pub kop_lines: Vec<String>,
    /// Address lines under them.
    pub address_lines: Vec<String>,
    /// The logo's bytes (PNG or JPEG).
    pub logo: Option<Vec<u8>>,
    pub decree_issuer: String,
    pub decree_number: String,
    /// `YYYY-MM-DD`.
    pub decree_date: String,
    pub witness_title: String,
    pub witness_name: String,
    pub witness_nip: String,
}

fn lines(text: String) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_string).collect()
    }
}

impl Tx<'_> {
    /// The document settings; all empty until the chair sets them.
    pub fn document_settings(&self) -> Result<DocumentSettingsRow> {
        let row = self
            .conn
            .query_row(
                "SELECT kop_lines, address_lines, logo, decree_issuer, decree_number, decree_date,
                        witness_title, witness_name, witness_nip
                 FROM document_settings WHERE id = 1",
                [],
                |r| {
                    Ok(DocumentSettingsRow {
                        kop_lines: lines(r.get(0)?),
                        address_lines: lines(r.get(1)?),
                        logo: r.get(2)?,
                        decree_issuer: r.get(3)?,
                        decree_number: r.get(4)?,
                        decree_date: r.get(5)?,
                        witness_title: r.get(6)?,
                        witness_name: r.get(7)?,
                        witness_nip: r.get(8)?,
                    })
                },
            )
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Replaces the document settings.
    pub fn set_document_settings(&self, s: &DocumentSettingsRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO document_settings(id, kop_lines, address_lines, logo, decree_issuer,
                 decree_number, decree_date, witness_title, witness_name, witness_nip)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT(id) DO UPDATE SET kop_lines=excluded.kop_lines,
                 address_lines=excluded.address_lines, logo=excluded.logo,
                 decree_issuer=excluded.decree_issuer, decree_number=excluded.decree_number,
                 decree_date=excluded.decree_date, witness_title=excluded.witness_title,
                 witness_name=excluded.witness_name, witness_nip=excluded.witness_nip",
            params![
                s.kop_lines.join("\n"),
                s.address_lines.join("\n"),
                s.logo,
                s.decree_issuer,
                s.decree_number,
                s.decree_date,
                s.witness_title,
                s.witness_name,
                s.witness_nip
            ],
        )?;
        Ok(())
    }

    /// The NIP of each panel member that has one, by the juror's row id.
    pub fn juror_nips(&self) -> Result<BTreeMap<i64, String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT juror_id, nip FROM juror_nips ORDER BY juror_id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets the NIP of the juror with row id `juror_id`; an empty NIP removes it.
    pub fn set_juror_nip(&self, juror_id: i64, nip: &str) -> Result<()> {
        if nip.is_empty() {
            self.conn
                .execute("DELETE FROM juror_nips WHERE juror_id = ?1", [juror_id])?;
        } else {
            self.conn.execute(
                "INSERT INTO juror_nips(juror_id, nip) VALUES (?1, ?2)
                 ON CONFLICT(juror_id) DO UPDATE SET nip = excluded.nip",
                params![juror_id, nip],
            )?;
        }
        Ok(())
    }

    /// The row id of the juror with code `code`, if any.
    pub fn juror_row(&self, code: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM jurors WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChairDb;
    use juri_core::model::Juror;

    #[test]
    fn settings_are_empty_until_set_and_read_back_as_written() {
        let mut db = ChairDb::in_memory().unwrap();
        assert_eq!(
            db.read().document_settings().unwrap(),
            DocumentSettingsRow::default()
        );
        let settings = DocumentSettingsRow {
            kop_lines: vec![
                "PEMERINTAH PROVINSI NUSA TENGGARA TIMUR".into(),
                "BIRO ORGANISASI".into(),
            ],
            address_lines: vec!["Jl. El Tari No. 52, Kupang".into()],
            logo: Some(vec![0x89, b'P', b'N', b'G']),
            decree_issuer: "Gubernur Nusa Tenggara Timur".into(),
            decree_number: "100.3.3.1/123/2025".into(),
            decree_date: "2025-11-03".into(),
            witness_title: "Kepala Biro Organisasi".into(),
            witness_name: "Dra. Maria Goreti".into(),
            witness_nip: "196805121994032004".into(),
        };
        db.write(|tx| tx.set_document_settings(&settings)).unwrap();
        assert_eq!(db.read().document_settings().unwrap(), settings);
        let cleared = DocumentSettingsRow::default();
        db.write(|tx| tx.set_document_settings(&cleared)).unwrap();
        assert_eq!(db.read().document_settings().unwrap(), cleared);
    }

    #[test]
    fn a_jurors_nip_is_set_replaced_and_removed() {
        let mut db = ChairDb::in_memory().unwrap();
        let juror: Juror = serde_json::from_str(r#"{"id":"J1","name":"Ana"}"#).unwrap();
        db.write(|tx| tx.upsert_jurors(&[juror])).unwrap();
        let row = db.read().juror_row("J1").unwrap().unwrap();
        assert_eq!(db.read().juror_row("J9").unwrap(), None);
        db.write(|tx| tx.set_juror_nip(row, "1970")).unwrap();
        db.write(|tx| tx.set_juror_nip(row, "1971")).unwrap();
        assert_eq!(
            db.read().juror_nips().unwrap(),
            BTreeMap::from([(row, "1971".to_string())])
        );
        db.write(|tx| tx.set_juror_nip(row, "")).unwrap();
        assert!(db.read().juror_nips().unwrap().is_empty());
    }
}
