//! Piagam penghargaan: one landscape page per winner, each a document of its own.

use super::common::{self, SignaturePair};
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{Align, Composer, Label, Orientation, Paper, Style, MM};
use crate::model::{Certificate, Certificates};
use crate::notes;

const TITLE: Style = Style::bold(24.0);
const LEAD: Style = Style::regular(11.0);
const NAME: Style = Style::bold(17.0);
const ENTRY: Style = Style::bold(13.0);
const TIER: Style = Style::bold(15.0);

pub(crate) fn render(doc: &Certificates, lang: Lang, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    let l = lang.labels();
    for k in &doc.certificates {
        let footer = Label::new(l.certificate_title)
            .optional(doc.competition.as_str())
            .part(k.entry.code.as_str());
        c.begin_section(footer, None, Orientation::Landscape);
        if let Some(kop) = &doc.kop {
            common::kop(&mut c, kop);
        } else {
            c.advance(8.0 * MM);
        }
        let signatures = SignaturePair::new(
            lang,
            &doc.place,
            doc.date,
            &doc.signatory,
            doc.witness.as_ref(),
        );
        // The body is drawn once to measure it, then again a third of the spare room lower, so
        // that it stands between the kop and the signatures rather than under the kop.
        let mark = c.mark();
        body(&mut c, lang, doc, k);
        let spare = c.remaining() - signatures.height() - 6.0 * MM;
        if spare > 0.0 && c.page_count() == mark.page_count() {
            c.rewind(mark);
            c.advance(spare / 3.0);
            body(&mut c, lang, doc, k);
        }
        // The signatures sit at the foot of the page.
        let room = c.remaining() - signatures.height();
        c.advance(room.max(6.0 * MM));
        signatures.draw(&mut c);
    }
    let title = format!("{} — {}", l.certificate_title, doc.competition);
    c.finish(&title, doc.date)
}

/// The certificate's text: what it is, to whom, for what and as what.
fn body(c: &mut Composer, lang: Lang, doc: &Certificates, k: &Certificate) {
    let l = lang.labels();
    c.advance(4.0 * MM);
    centred(c, TITLE, l.certificate_title);
    c.advance(6.0 * MM);
    centred(c, LEAD, l.presented_to);
    c.advance(2.0 * MM);
    let name = k
        .entry
        .institution
        .as_deref()
        .filter(|i| !i.trim().is_empty())
        .unwrap_or(k.entry.title.as_str());
    centred(c, NAME, name);
    c.advance(4.0 * MM);
    centred(c, LEAD, l.for_innovation);
    c.advance(1.0 * MM);
    centred(c, ENTRY, &format!("“{}”", k.entry.title.trim()));
    c.advance(4.0 * MM);
    centred(c, LEAD, l.as_tier);
    c.advance(1.0 * MM);
    centred(c, TIER, &k.tier);
    c.advance(2.0 * MM);
    centred(
        c,
        LEAD,
        &notes::certificate_in(lang, &doc.competition, k.entry.category.as_deref()),
    );
}

/// Centred lines, wrapped within the middle of the page.
fn centred(c: &mut Composer, style: Style, text: &str) {
    let inset = 15.0 * MM;
    let x = c.left() + inset;
    let width = c.width() - 2.0 * inset;
    for line in c.fonts.wrap(style, text, width) {
        c.ensure(style.leading());
        c.text_in(x, width, c.y(), style, Align::Center, &line);
        c.advance(style.leading());
    }
}
