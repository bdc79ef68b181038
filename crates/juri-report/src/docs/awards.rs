//! A decided final's announcement (pengumuman) and the attachment to its decree (lampiran
//! keputusan): the winners tier by tier, each tier numbered as the caller numbered it.

use super::common::{self, SignaturePair, BODY, HEADING, SMALL, SMALL_BOLD, SUBTITLE};
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{Align, Cell, Column, Composer, Label, Orientation, Paper, Row, Table, MM};
use crate::model::{Announcement, AwardTier, DecreeAttachment};
use crate::notes::{self, Decree};

pub(crate) fn announcement(
    doc: &Announcement,
    lang: Lang,
    paper: Paper,
) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    let l = lang.labels();
    let footer = Label::new(format!("{} {}", l.announcement_title, doc.number))
        .optional(doc.competition.as_str());
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    if let Some(kop) = &doc.kop {
        common::kop(&mut c, kop);
    }
    let number = format!("{}: {}", l.number, doc.number);
    let about = l.about.to_uppercase();
    let subject = notes::winners_subject(lang, &doc.competition);
    common::title_block(
        &mut c,
        l.announcement_title,
        &[(&number, BODY), (&about, BODY), (&subject, SUBTITLE)],
    );
    c.paragraph(
        BODY,
        &notes::announcement_opening(lang, &doc.competition),
        0.0,
        Align::Left,
    );
    tiers(&mut c, &doc.tiers);
    c.advance(4.0 * MM);
    let signatures = SignaturePair::new(
        lang,
        &doc.place,
        doc.date,
        &doc.signatory,
        doc.witness.as_ref(),
    );
    let gap = 6.0 * MM;
    c.keep_with_end(
        |c| c.paragraph(BODY, l.announcement_closing, 0.0, Align::Left),
        gap + signatures.height(),
        |c| {
            c.advance(gap);
            signatures.draw(c);
        },
    );
    let title = format!(
        "{} {} — {}",
        l.announcement_title, doc.number, doc.competition
    );
    c.finish(&title, doc.date)
}

pub(crate) fn decree_attachment(
    doc: &DecreeAttachment,
    lang: Lang,
    paper: Paper,
) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    let l = lang.labels();
    let decree = Decree {
        issuer: doc
            .decree_issuer
            .as_deref()
            .filter(|i| !i.trim().is_empty()),
        number: doc.decree.as_deref(),
        date: doc.decree_date,
    };
    let footer = Label::new(notes::attachment_of(lang, &decree))
        .part(format!("{} {}", l.number, decree.number_text()))
        .optional(doc.competition.as_str());
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    if let Some(kop) = &doc.kop {
        common::kop(&mut c, kop);
    }
    // The heading citing the decree, in the right half of the page.
    let x = c.left() + c.width() * 0.42;
    let width = c.right() - x;
    for line in c
        .fonts
        .wrap(BODY, &notes::attachment_of(lang, &decree), width)
    {
        c.ensure(BODY.leading());
        c.text(x, c.y(), BODY, &line);
        c.advance(BODY.leading());
    }
    let rows = [
        (l.number.to_uppercase(), decree.number_text()),
        (l.date_label.to_uppercase(), decree.date_text(lang)),
        (
            l.about.to_uppercase(),
            notes::winners_subject(lang, &doc.competition),
        ),
    ];
    let label_width = rows
        .iter()
        .map(|(label, _)| c.fonts.measure(BODY, label))
        .fold(0.0, f32::max)
        + 1.5 * MM;
    let colon = c.fonts.measure(BODY, ": ");
    for (label, value) in &rows {
        let vx = x + label_width + colon;
        c.ensure(BODY.leading());
        c.text(x, c.y(), BODY, label);
        c.text(x + label_width, c.y(), BODY, ":");
        for line in c.fonts.wrap(BODY, value, c.right() - vx) {
            c.ensure(BODY.leading());
            c.text(vx, c.y(), BODY, &line);
            c.advance(BODY.leading());
        }
    }
    c.advance(6.0 * MM);
    let competition = doc.competition.trim().to_uppercase();
    common::title_block(
        &mut c,
        l.attachment_title,
        &[(competition.as_str(), SUBTITLE)],
    );
    let signatures = SignaturePair::new(
        lang,
        &doc.place,
        doc.date,
        &doc.signatory,
        doc.witness.as_ref(),
    );
    let gap = 8.0 * MM;
    let end_height = gap + signatures.height();
    // The last tier's last row goes to the next page with the signatures rather than leave them
    // alone.
    tiers_keeping(&mut c, &doc.tiers, end_height);
    c.ensure(end_height);
    c.advance(gap);
    signatures.draw(&mut c);
    let title = format!(
        "{} — {}",
        notes::attachment_of(lang, &decree),
        doc.competition
    );
    c.finish(&title, doc.date)
}

fn tiers(c: &mut Composer, tiers: &[AwardTier]) {
    tiers_keeping(c, tiers, 0.0);
}

/// Each tier's heading and table; the last row of the last tier keeps `end_height` below it.
fn tiers_keeping(c: &mut Composer, tiers: &[AwardTier], end_height: f32) {
    let l = c.lang.labels();
    for (i, tier) in tiers.iter().enumerate() {
        let last = i + 1 == tiers.len();
        c.advance(4.0 * MM);
        c.ensure(HEADING.leading() + 20.0 * MM);
        c.paragraph(HEADING, &tier.title, 0.0, Align::Left);
        c.advance(1.0 * MM);
        if tier.winners.is_empty() {
            c.paragraph(BODY, l.none, 3.0 * MM, Align::Left);
        } else {
            let mut table = winners_table(c, tier);
            if last {
                table.keep_with_last = end_height;
            }
            table.draw(c);
        }
    }
}

/// No. (the place within the tier), title, institution, category.
fn winners_table(c: &Composer, tier: &AwardTier) -> Table {
    let l = c.lang.labels();
    let w = c.width();
    let no = 11.0 * MM;
    let category = 32.0 * MM;
    let institution = (w - no - category) * 0.38;
    let columns = vec![
        Column {
            width: no,
            align: Align::Center,
        },
        Column {
            width: w - no - category - institution,
            align: Align::Left,
        },
        Column {
            width: institution,
            align: Align::Left,
        },
        Column {
            width: category,
            align: Align::Left,
        },
    ];
    let head = |t: &str| Cell::new(t, SMALL_BOLD).align(Align::Center);
    let header = Row::new(vec![
        head(l.no),
        head(l.entry_title),
        head(l.institution),
        head(l.category),
    ]);
    let mut table = Table::new(columns, vec![header]);
    for winner in &tier.winners {
        table.rows.push(Row::new(vec![
            Cell::new(winner.place.to_string(), SMALL_BOLD),
            Cell::new(winner.entry.title.as_str(), SMALL),
            Cell::new(winner.entry.institution.clone().unwrap_or_default(), SMALL),
            Cell::new(winner.entry.category.clone().unwrap_or_default(), SMALL),
        ]));
    }
    table
}
