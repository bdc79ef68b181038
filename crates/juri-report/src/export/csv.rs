//! One CSV file holding every recap.

use crate::error::{Checker, ReportError};
use crate::model::{AggregationMethod, JurorScore, RecapComponent, RecapTable};

const FIXED: [&str; 14] = [
    "stage",
    "category",
    "rank",
    "tied",
    "entry_code",
    "entry_title",
    "institution",
    "aggregate",
    "advances",
    "disagreement",
    "method",
    "entry_category",
    "award",
    "award_place",
];

/// All `recaps` as one CSV file.
///
/// Format (stable, for scripts as much as for spreadsheets):
/// - UTF-8 with a byte-order mark (so spreadsheet programs read names with diacritics
///   correctly), comma separated, RFC 4180 quoting, `\n` line ends.
/// - One row per (recap, entry), in the order given. Fixed columns: `stage`, `category`
///   (empty for a recap across categories), `rank` (empty when unranked), `tied`,
///   `entry_code`, `entry_title`, `institution`, `aggregate`, `advances`, `disagreement`,
///   `method` (empty on a final's rows), `entry_category` (the entry's own category), `award` and `award_place` (a
///   final's award tier and the place within it, empty elsewhere); then one column per stage a
///   final combines, headed by its name and weight (`Penilaian Proposal (70 %)`), the union over
///   all recaps in order of appearance; then one column per juror code, the union over all
///   recaps in natural order (`J2` before `J10`).
/// - Numbers use `.` as decimal separator with the precision they were given (`85.50`).
///   Flags are `true`/`false`. A juror cell holds the juror's total, `recused`, `missing`
///   (assigned but not scored) or nothing (not assigned, or the juror is not on that recap).
pub fn export_csv(recaps: &[RecapTable]) -> Result<Vec<u8>, ReportError> {
    let mut c = Checker::default();
    for (i, r) in recaps.iter().enumerate() {
        r.check(&mut c, &format!("recaps[{i}]."));
    }
    c.finish()?;

    let mut codes: Vec<&str> = Vec::new();
    for r in recaps {
        for j in &r.jurors {
            if !codes.contains(&j.code.as_str()) {
                codes.push(&j.code);
            }
        }
    }
    codes.sort_by(|a, b| natural_cmp(a, b));
    let component = |k: &RecapComponent| format!("{} ({} %)", k.name, k.weight.as_plain());
    let mut components: Vec<String> = Vec::new();
    for r in recaps {
        for k in &r.components {
            if !components.contains(&component(k)) {
                components.push(component(k));
            }
        }
    }
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(&mut out);
        let header: Vec<&str> = FIXED
            .iter()
            .copied()
            .chain(components.iter().map(String::as_str))
            .chain(codes.iter().copied())
            .collect();
        w.write_record(&header).map_err(to_error)?;
        for r in recaps {
            // A final aggregates no juror totals: it has no method to name.
            let is_final = r.awards || !r.components.is_empty();
            let method = if is_final {
                String::new()
            } else {
                method_key(r.method)
            };
            for row in &r.rows {
                let mut record: Vec<String> = vec![
                    r.stage.clone(),
                    r.category.clone().unwrap_or_default(),
                    row.rank.map_or(String::new(), |n| n.to_string()),
                    row.tied.to_string(),
                    row.entry.code.clone(),
                    row.entry.title.clone(),
                    row.entry.institution.clone().unwrap_or_default(),
                    row.aggregate
                        .as_ref()
                        .map_or(String::new(), |a| a.as_plain()),
                    row.advances.to_string(),
                    row.disagreement.to_string(),
                    method.clone(),
                    row.entry.category.clone().unwrap_or_default(),
                    row.award.as_ref().map_or(String::new(), |a| a.name.clone()),
                    row.award
                        .as_ref()
                        .and_then(|a| a.place)
                        .map_or(String::new(), |p| p.to_string()),
                ];
                for header in &components {
                    let score = r
                        .components
                        .iter()
                        .position(|k| component(k) == *header)
                        .and_then(|k| row.components.get(k))
                        .and_then(Option::as_ref);
                    record.push(score.map_or(String::new(), |d| d.as_plain()));
                }
                for code in &codes {
                    let cell = r
                        .jurors
                        .iter()
                        .position(|j| j.code == *code)
                        .and_then(|k| row.scores.get(k));
                    record.push(match cell {
                        Some(JurorScore::Score(d)) => d.as_plain(),
                        Some(JurorScore::Recused) => "recused".to_string(),
                        Some(JurorScore::NotScored) => "missing".to_string(),
                        Some(JurorScore::NotAssigned) | None => String::new(),
                    });
                }
                w.write_record(&record).map_err(to_error)?;
            }
        }
        w.flush().map_err(|e| ReportError::Csv(e.to_string()))?;
    }
    Ok(out)
}

/// Order codes as people read them: runs of digits compare as numbers (`J2` < `J10`).
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes: Vec<(usize, char)> = s.char_indices().collect();
        for (k, &(i, ch)) in bytes.iter().enumerate() {
            let boundary = k > 0 && ch.is_ascii_digit() != bytes[k - 1].1.is_ascii_digit();
            if boundary {
                out.push((
                    s[start..i].starts_with(|c: char| c.is_ascii_digit()),
                    &s[start..i],
                ));
                start = i;
            }
        }
        if start < s.len() {
            out.push((
                s[start..].starts_with(|c: char| c.is_ascii_digit()),
                &s[start..],
            ));
        }
        out
    }
    let (x, y) = (chunks(a), chunks(b));
    for (p, q) in x.iter().zip(&y) {
        let order = match (p, q) {
            ((true, m), (true, n)) => {
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                m.len().cmp(&n.len()).then_with(|| m.cmp(n))
            }
            _ => p.1.cmp(q.1),
        };
        if order.is_ne() {
            return order;
        }
    }
    x.len().cmp(&y.len()).then_with(|| a.cmp(b))
}

/// Machine name of a method: `mean`, `median`, `trimmed_mean_1`, `z_score`.
fn method_key(method: AggregationMethod) -> String {
    match method {
        AggregationMethod::Mean => "mean".into(),
        AggregationMethod::Median => "median".into(),
        AggregationMethod::TrimmedMean { k } => format!("trimmed_mean_{k}"),
        AggregationMethod::ZScore => "z_score".into(),
    }
}

fn to_error(e: ::csv::Error) -> ReportError {
    ReportError::Csv(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;

    #[test]
    fn juror_codes_sort_naturally() {
        let mut codes = vec!["J10", "J2", "J6", "J1", "J5", "JA", "J02", "K1"];
        codes.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(codes, ["J1", "J02", "J2", "J5", "J6", "J10", "JA", "K1"]);
    }
}
