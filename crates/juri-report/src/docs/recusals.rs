//! Daftar konflik kepentingan: who did not score which entry, and why.

use super::common::{self, Signature, BODY, SUBTITLE};
use super::minutes::recusal_table;
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{Align, Composer, Orientation, MM};
use crate::model::RecusalList;

pub(crate) fn render(doc: &RecusalList, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang)?;
    let l = lang.labels();
    let scope = doc.stage.clone().unwrap_or_default();
    let footer = if scope.is_empty() {
        format!("{} · {}", l.recusal_title, doc.competition)
    } else {
        format!("{} · {} · {scope}", l.recusal_title, doc.competition)
    };
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    common::title_block(
        &mut c,
        l.recusal_title,
        &[(&doc.competition, SUBTITLE), (&scope, BODY)],
    );
    if doc.recusals.is_empty() {
        c.paragraph(BODY, l.recusal_empty, 0.0, Align::Left);
    } else {
        recusal_table(&c, &doc.recusals).draw(&mut c);
    }
    if let Some(member) = &doc.signatory {
        c.advance(8.0 * MM);
        let heading = vec![
            common::place_date(&doc.place, doc.date, lang),
            l.signing_chair.to_string(),
        ];
        common::signature_right(&mut c, &Signature::of_member(heading, member));
    }
    let title = format!("{} — {}", l.recusal_title, doc.competition);
    c.finish(&title, doc.date)
}
