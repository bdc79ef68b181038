//! The audit log as the chair reads it: every line, and for a correction what was changed, from
//! what to what, by whom and why — so a front end can say it in the reader's language.

use std::collections::HashMap;

use juri_store::{AuditFilter, CorrectionRow};
use serde::Serialize;
use serde_json::Value;

use super::competition::Chair;
use crate::error::AppError;

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LogLine {
    pub id: i64,
    /// RFC 3339, as recorded.
    pub at: String,
    /// What kind of line (`merge`, `finalize`, `reopen`, …).
    pub action: String,
    /// The line as recorded, in English.
    pub detail: String,
    /// For a correction: what it changed and why.
    pub correction: Option<Correction>,
}

/// A correction as recorded beside its audit line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Correction {
    /// `reopen`, `review`, `revoke`, `withdraw`, `restore`, `score`, `entry`, …
    pub kind: String,
    pub stage: Option<String>,
    pub entry: Option<String>,
    /// The role acting (the chair's role name).
    pub by: String,
    pub reason: String,
    /// Every value that differs between before and after, field by field.
    pub changes: Vec<Change>,
}

/// One changed value: its field (empty when the whole value changed), before and after as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

impl Chair {
    /// The audit log narrowed by `filter` (a kind of line, a stage, an entry), oldest first, with
    /// each correction's reason and changes.
    pub fn audit(&self, filter: &AuditFilter) -> Result<Vec<LogLine>, AppError> {
        self.read(|| {
            let tx = self.db.read();
            let lines = tx.audit_log_where(filter)?;
            let mut corrections: HashMap<i64, CorrectionRow> = tx
                .corrections(None, None)?
                .into_iter()
                .map(|c| (c.audit_id, c))
                .collect();
            Ok(lines
                .into_iter()
                .map(|l| LogLine {
                    correction: corrections.remove(&l.id).map(correction),
                    id: l.id,
                    at: l.at,
                    action: l.action,
                    detail: l.detail,
                })
                .collect())
        })
    }
}

fn correction(c: CorrectionRow) -> Correction {
    Correction {
        changes: changes(&c.before, &c.after),
        kind: c.kind,
        stage: c.stage,
        entry: c.entry,
        by: c.by,
        reason: c.reason,
    }
}

/// The values that differ between two recorded states: field by field when both are objects
/// (nested objects joined with '.'), else the whole value.
pub fn changes(before: &str, after: &str) -> Vec<Change> {
    let parse = |s: &str| serde_json::from_str::<Value>(s).unwrap_or(Value::String(s.to_owned()));
    let mut out = Vec::new();
    diff("", &parse(before), &parse(after), &mut out);
    out
}

fn diff(field: &str, before: &Value, after: &Value, out: &mut Vec<Change>) {
    if before == after {
        return;
    }
    if let (Value::Object(b), Value::Object(a)) = (before, after) {
        let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let name = if field.is_empty() {
                key.clone()
            } else {
                format!("{field}.{key}")
            };
            diff(
                &name,
                b.get(key).unwrap_or(&Value::Null),
                a.get(key).unwrap_or(&Value::Null),
                out,
            );
        }
        return;
    }
    out.push(Change {
        field: field.to_owned(),
        before: text(before),
        after: text(after),
    });
}

/// A recorded value as a reader sees it: strings without quotes, nothing for null.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_listed_field_by_field() {
        let c = changes(
            r#"{"title":"Lama","category":"kab","score":{"value":"7","revision":1}}"#,
            r#"{"title":"Baru","category":"kab","score":{"value":"8","revision":2}}"#,
        );
        let fields: Vec<(&str, &str, &str)> = c
            .iter()
            .map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str()))
            .collect();
        assert_eq!(
            fields,
            [
                ("score.revision", "1", "2"),
                ("score.value", "7", "8"),
                ("title", "Lama", "Baru")
            ]
        );
        let whole = changes(r#""open""#, r#"null"#);
        assert_eq!(whole.len(), 1);
        assert_eq!(
            (whole[0].before.as_str(), whole[0].after.as_str()),
            ("open", "")
        );
        assert!(changes("{}", "{}").is_empty());
    }
}
