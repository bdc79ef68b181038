//! Daftar konflik kepentingan: who did not score which entry, and why.

use super::common::{self, Signature, BODY, SUBTITLE};
use super::minutes::recusal_table;
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{Align, Composer, Label, Orientation, Paper, MM};
use crate::model::RecusalList;

pub(crate) fn render(doc: &RecusalList, lang: Lang, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    let l = lang.labels();
    let scope = doc.stage.clone().unwrap_or_default();
    let footer = Label::new(l.recusal_title)
        .optional(doc.competition.as_str())
        .part(scope.as_str());
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    common::title_block(
        &mut c,
        l.recusal_title,
        &[(&doc.competition, SUBTITLE), (&scope, BODY)],
    );
    let gap = 8.0 * MM;
    let signature = doc.signatory.as_ref().map(|member| {
        let heading = vec![
            common::place_date(&doc.place, doc.date, lang),
            l.signing_chair.to_string(),
        ];
        Signature::of_member(heading, member)
    });
    let end_height = signature.as_ref().map_or(0.0, |s| gap + s.height());
    let end = |c: &mut Composer| {
        if let Some(signature) = &signature {
            c.advance(gap);
            common::signature_right(c, signature);
        }
    };
    if doc.recusals.is_empty() {
        let body = |c: &mut Composer| c.paragraph(BODY, l.recusal_empty, 0.0, Align::Left);
        c.keep_with_end(body, end_height, end);
    } else {
        // The last row goes to the next page with the signature rather than leave it alone.
        let mut table = recusal_table(&c, &doc.recusals);
        table.keep_with_last = end_height;
        table.draw(&mut c);
        c.ensure(end_height);
        end(&mut c);
    }
    let title = format!("{} — {}", l.recusal_title, doc.competition);
    c.finish(&title, doc.date)
}
