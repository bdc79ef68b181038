//! Berita acara: the minutes of a stage decision, signed by every panel member.

use super::common::{self, Signature, BODY, BODY_BOLD, HEADING, SMALL, SMALL_BOLD, SUBTITLE};
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{
    Align, Cell, Column, Composer, Label, Orientation, Paper, Row, Style, Table, MM,
};
use crate::model::{
    DecisionKind, ItemCheck, Minutes, Recusal, ResultGroup, ScreeningGroup, ScreeningResults,
};
use crate::notes::Decree;
use crate::{notes, words};

const INSTITUTION: Style = Style::regular(7.5).muted();
const GRID_COLUMNS: usize = 2;
const GRID_GAP: f32 = 4.0 * MM;

pub(crate) fn render(doc: &Minutes, lang: Lang, paper: Paper) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    let l = lang.labels();
    let footer =
        Label::new(format!("{} {}", l.minutes_title, doc.number)).optional(doc.stage.as_str());
    c.begin_section(footer.clone(), Some(footer), Orientation::Portrait);
    if let Some(kop) = &doc.kop {
        common::kop(&mut c, kop);
    }
    let number = format!("{}: {}", l.number, doc.number);
    let stage = doc.stage.to_uppercase();
    let correction = doc
        .correction
        .as_ref()
        .map(|k| notes::correction_title(lang, k.number));
    let mut lines: Vec<(&str, Style)> = vec![(&stage, SUBTITLE)];
    if let Some(title) = &correction {
        lines.push((title, SUBTITLE));
    }
    lines.push((&doc.competition, BODY));
    lines.push((&number, BODY));
    if doc.draft {
        lines.push((l.draft_minutes, SMALL_BOLD));
    }
    common::title_block(&mut c, l.minutes_title, &lines);

    let opening = format!(
        "{}{}",
        words::date_in_words(doc.date, lang),
        notes::minutes_opening(
            lang,
            &doc.venue,
            &doc.competition,
            &Decree {
                issuer: doc
                    .decree_issuer
                    .as_deref()
                    .filter(|i| !i.trim().is_empty()),
                number: doc.decree.as_deref(),
                date: doc.decree_date,
            },
            &doc.stage
        )
    );
    c.paragraph(BODY, &opening, 0.0, Align::Left);
    c.advance(2.0 * MM);
    panel_table(&c, doc).draw(&mut c);

    c.advance(4.0 * MM);
    let intro = if doc.screening.is_some() {
        l.screening_intro
    } else {
        l.decision_intro
    };
    c.paragraph(BODY, intro, 0.0, Align::Left);
    if let Some(sc) = &doc.screening {
        screening(&mut c, sc);
    }
    for group in &doc.results {
        group_table(&mut c, &group.title, group.entries.is_empty(), |c| {
            results_table(c, group)
        });
    }

    // A screening has no ties, and its conflicts of interest are no part of its decision (they
    // are printed in the list of recusals).
    let screening = doc.screening.is_some();
    if !screening || !doc.decisions.is_empty() {
        section_heading(&mut c, l.decisions_heading);
    }
    if doc.decisions.is_empty() && !screening {
        c.paragraph(BODY, l.none, 0.0, Align::Left);
    }
    for (i, d) in doc.decisions.iter().enumerate() {
        let kind = match d.kind {
            DecisionKind::Tie => l.decision_tie,
            DecisionKind::Exception => l.decision_exception,
        };
        let entries = if d.entries.is_empty() {
            String::new()
        } else {
            format!(" ({})", d.entries.join(", "))
        };
        let text = format!(
            "{}. {kind}{entries}: {} {}: {}",
            i + 1,
            sentence(&d.decision),
            l.reason,
            sentence(&d.reason)
        );
        c.paragraph(BODY, &text, 0.0, Align::Left);
        c.advance(1.0 * MM);
    }

    if !screening {
        section_heading(&mut c, l.recusals_heading);
        if doc.recusals.is_empty() {
            c.paragraph(BODY, l.none, 0.0, Align::Left);
        } else {
            recusal_table(&c, &doc.recusals).draw(&mut c);
        }
    }

    if !doc.notes.is_empty() {
        c.advance(3.0 * MM);
        // Several notes are numbered; one stands as a sentence of its own.
        let numbered = doc.notes.len() > 1;
        for (i, note) in doc.notes.iter().enumerate() {
            let text = if numbered {
                format!("{}. {note}", i + 1)
            } else {
                note.clone()
            };
            c.paragraph(BODY, &text, 0.0, Align::Left);
        }
    }

    if let Some(k) = &doc.correction {
        section_heading(&mut c, &notes::correction_heading(lang, k.number));
        c.paragraph(
            BODY,
            &sentence(&notes::correction_reason(lang, &k.reason)),
            0.0,
            Align::Left,
        );
        c.advance(1.0 * MM);
        c.paragraph(
            BODY,
            &notes::correction_changes(lang, k.changes.len()),
            0.0,
            Align::Left,
        );
        for (i, change) in k.changes.iter().enumerate() {
            let text = format!("{}. {}", i + 1, notes::correction_change(lang, change));
            c.paragraph(BODY, &text, 3.0 * MM, Align::Left);
        }
        c.advance(1.0 * MM);
        c.paragraph(
            BODY,
            &notes::corrections_made(lang, k.made.len()),
            0.0,
            Align::Left,
        );
        for (i, made) in k.made.iter().enumerate() {
            let text = format!("{}. {}", i + 1, notes::correction_made(lang, made));
            c.paragraph(BODY, &text, 3.0 * MM, Align::Left);
        }
    }

    c.advance(4.0 * MM);
    // The closing paragraph goes to the next page with the signatures rather than leave them
    // alone; the whole grid stays on one page when it fits on one.
    let grid = SignatureGrid::new(&c, doc);
    let witness = doc.witness.as_ref().map(|w| Signature::of_witness(lang, w));
    let witness_height = witness.as_ref().map_or(0.0, |w| w.height() + 2.0 * MM);
    let whole = grid.whole() + witness_height;
    let end_height = if whole <= c.fresh_page_height() - 3.0 * BODY.leading() {
        whole
    } else {
        grid.intro + grid.row_height
    };
    c.keep_with_end(
        |c| {
            c.paragraph(BODY, l.closing, 0.0, Align::Left);
            c.advance(5.0 * MM);
        },
        end_height,
        |c| {
            grid.draw(c, doc);
            // The acknowledging official signs below the panel, centred.
            if let Some(signature) = &witness {
                c.advance(2.0 * MM);
                c.ensure(signature.height());
                let width = c.width() * 0.5;
                let x = c.left() + (c.width() - width) / 2.0;
                let top = c.y();
                signature.draw(c, x, width, top);
                c.advance(signature.height());
            }
        },
    );

    let title = format!("{} {} — {}", l.minutes_title, doc.number, doc.competition);
    c.finish(&title, doc.date)
}

/// `text` ending with a full stop (unless it already ends with punctuation).
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn section_heading(c: &mut Composer, text: &str) {
    c.advance(4.0 * MM);
    c.ensure(HEADING.leading() + 2.0 * BODY.leading());
    c.paragraph(HEADING, text, 0.0, Align::Left);
    c.advance(1.0 * MM);
}

fn panel_table(c: &Composer, doc: &Minutes) -> Table {
    let l = c.lang.labels();
    let w = c.width();
    let no = 9.0 * MM;
    let role = 30.0 * MM;
    let name = (w - no - role) * 0.45;
    let columns = vec![
        Column {
            width: no,
            align: Align::Center,
        },
        Column {
            width: name,
            align: Align::Left,
        },
        Column {
            width: role,
            align: Align::Left,
        },
        Column {
            width: w - no - role - name,
            align: Align::Left,
        },
    ];
    let head = |t: &str| Cell::new(t, SMALL_BOLD).align(Align::Center);
    let header = Row::new(vec![
        head(l.no),
        head(l.name),
        head(l.panel_role),
        head(l.affiliation),
    ]);
    let mut table = Table::new(columns, vec![header]);
    for (i, m) in doc.panel.iter().enumerate() {
        table.rows.push(Row::new(vec![
            Cell::new((i + 1).to_string(), SMALL),
            Cell::new(m.name.as_str(), SMALL_BOLD),
            Cell::new(m.role.label(c.lang), SMALL),
            Cell::new(m.affiliation.clone().unwrap_or_default(), SMALL),
        ]));
    }
    table
}

fn results_table(c: &Composer, group: &ResultGroup) -> Table {
    let lang = c.lang;
    let l = lang.labels();
    let with_category = group.entries.iter().any(|e| e.entry.category.is_some());
    let w = c.width();
    let rank = 17.0 * MM;
    let code = 22.0 * MM;
    let score = 17.0 * MM;
    let category = if with_category { 32.0 * MM } else { 0.0 };
    let mut columns = vec![
        Column {
            width: rank,
            align: Align::Center,
        },
        Column {
            width: code,
            align: Align::Left,
        },
        Column {
            width: w - rank - code - score - category,
            align: Align::Left,
        },
    ];
    let head = |t: &str| Cell::new(t, SMALL_BOLD).align(Align::Center);
    let mut header = vec![head(l.rank), head(l.code), head(l.entry_title)];
    if with_category {
        columns.push(Column {
            width: category,
            align: Align::Left,
        });
        header.push(head(l.category));
    }
    columns.push(Column {
        width: score,
        align: Align::Right,
    });
    header.push(head(l.score));
    let mut table = Table::new(columns, vec![Row::new(header)]);
    for e in &group.entries {
        let rank = if e.tied {
            format!("{}=", e.rank)
        } else {
            e.rank.to_string()
        };
        let mut cells = vec![
            Cell::new(rank, SMALL_BOLD),
            Cell::new(e.entry.code.as_str(), SMALL),
            Cell::new(e.entry.title.as_str(), SMALL)
                .then(e.entry.institution.clone().unwrap_or_default(), INSTITUTION),
        ];
        if with_category {
            cells.push(Cell::new(
                e.entry.category.clone().unwrap_or_default(),
                SMALL,
            ));
        }
        cells.push(Cell::new(e.score.display(lang), SMALL_BOLD));
        table.rows.push(Row::new(cells));
    }
    table
}

/// A screening's decision: the numbered checklist with its legend, then per category a table
/// of every entry with a column per item, the result and the reasons.
fn screening(c: &mut Composer, sc: &ScreeningResults) {
    let l = c.lang.labels();
    c.advance(3.0 * MM);
    c.ensure(HEADING.leading() + (sc.items.len() as f32 + 2.0) * BODY.leading());
    c.paragraph(HEADING, l.checklist_heading, 0.0, Align::Left);
    c.advance(1.0 * MM);
    for (i, item) in sc.items.iter().enumerate() {
        c.paragraph(
            BODY,
            &format!("{}. {}", i + 1, item.label),
            3.0 * MM,
            Align::Left,
        );
    }
    c.advance(1.0 * MM);
    c.paragraph(SMALL, l.checklist_legend, 3.0 * MM, Align::Left);
    let unrecorded = sc
        .groups
        .iter()
        .flat_map(|g| &g.entries)
        .any(|e| e.checks.contains(&ItemCheck::NotRecorded));
    if unrecorded {
        c.paragraph(SMALL, l.legend_not_recorded, 3.0 * MM, Align::Left);
    }
    for group in &sc.groups {
        group_table(c, &group.title, group.entries.is_empty(), |c| {
            screening_table(c, sc.items.len(), group)
        });
    }
}

/// A group of the decision (a category, or the whole stage) under its heading: its table, or
/// "Tidak ada." when it has no entry.
fn group_table(c: &mut Composer, title: &str, empty: bool, table: impl FnOnce(&Composer) -> Table) {
    c.advance(3.0 * MM);
    c.ensure(HEADING.leading() + 20.0 * MM);
    c.paragraph(HEADING, title, 0.0, Align::Left);
    c.advance(1.0 * MM);
    if empty {
        c.paragraph(BODY, c.lang.labels().none, 3.0 * MM, Align::Left);
    } else {
        table(c).draw(c);
    }
}

fn screening_table(c: &Composer, items: usize, group: &ScreeningGroup) -> Table {
    let l = c.lang.labels();
    let w = c.width();
    let no = 9.0 * MM;
    let code = 20.0 * MM;
    let item = (7.5 * MM).min(w * 0.35 / items.max(1) as f32);
    let result = 22.0 * MM;
    let rest = w - no - code - item * items as f32 - result;
    let title = rest * 0.55;
    let mut columns = vec![
        Column {
            width: no,
            align: Align::Center,
        },
        Column {
            width: code,
            align: Align::Left,
        },
        Column {
            width: title,
            align: Align::Left,
        },
    ];
    let head = |t: &str| Cell::new(t, SMALL_BOLD).align(Align::Center);
    let mut header = vec![head(l.no), head(l.code), head(l.entry_title)];
    for i in 0..items {
        columns.push(Column {
            width: item,
            align: Align::Center,
        });
        header.push(head(&(i + 1).to_string()));
    }
    columns.push(Column {
        width: result,
        align: Align::Center,
    });
    header.push(head(l.result));
    columns.push(Column {
        width: rest - title,
        align: Align::Left,
    });
    header.push(head(l.reason));
    let mut table = Table::new(columns, vec![Row::new(header)]);
    for (i, e) in group.entries.iter().enumerate() {
        let mut cells = vec![
            Cell::new((i + 1).to_string(), SMALL),
            Cell::new(e.entry.code.as_str(), SMALL),
            Cell::new(e.entry.title.as_str(), SMALL)
                .then(e.entry.institution.clone().unwrap_or_default(), INSTITUTION),
        ];
        for check in &e.checks {
            let mark = match check {
                ItemCheck::Met => l.check_met,
                ItemCheck::NotMet => l.check_not_met,
                ItemCheck::NotApplicable => l.check_not_applicable,
                ItemCheck::NotRecorded => "",
            };
            cells.push(Cell::new(mark, SMALL));
        }
        let result = match e.passed {
            Some(true) => l.screening_passed,
            Some(false) => l.screening_failed,
            None => l.screening_pending,
        };
        cells.push(Cell::new(result, SMALL_BOLD));
        cells.push(Cell::new(e.reasons.join("; "), SMALL));
        table.rows.push(Row::new(cells));
    }
    table
}

pub(crate) fn recusal_table(c: &Composer, recusals: &[Recusal]) -> Table {
    let l = c.lang.labels();
    let w = c.width();
    let no = 9.0 * MM;
    let code = 22.0 * MM;
    let juror = (w - no - code) * 0.26;
    let entry = (w - no - code) * 0.40;
    let columns = vec![
        Column {
            width: no,
            align: Align::Center,
        },
        Column {
            width: juror,
            align: Align::Left,
        },
        Column {
            width: code,
            align: Align::Left,
        },
        Column {
            width: entry,
            align: Align::Left,
        },
        Column {
            width: w - no - code - juror - entry,
            align: Align::Left,
        },
    ];
    let head = |t: &str| Cell::new(t, SMALL_BOLD).align(Align::Center);
    let header = Row::new(vec![
        head(l.no),
        head(l.juror),
        head(l.code),
        head(&format!("{} / {}", l.entry, l.institution)),
        head(l.reason),
    ]);
    let mut table = Table::new(columns, vec![header]);
    for (i, r) in recusals.iter().enumerate() {
        table.rows.push(Row::new(vec![
            Cell::new((i + 1).to_string(), SMALL),
            Cell::new(r.juror.as_str(), SMALL),
            Cell::new(r.entry.code.as_str(), SMALL),
            Cell::new(r.entry.title.as_str(), SMALL)
                .then(r.entry.institution.clone().unwrap_or_default(), INSTITUTION),
            Cell::new(r.reason.as_str(), SMALL),
        ]));
    }
    table
}

/// Place and date, then a grid with a signature block for every panel member; no single
/// block is ever split.
struct SignatureGrid<'a> {
    blocks: Vec<Signature<'a>>,
    row_height: f32,
    intro: f32,
}

impl<'a> SignatureGrid<'a> {
    fn new(c: &Composer, doc: &'a Minutes) -> Self {
        let lang = c.lang;
        let blocks: Vec<Signature<'_>> = doc
            .panel
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let heading = vec![format!("{}. {}", i + 1, m.role.label(lang))];
                Signature::of_member(heading, m)
            })
            .collect();
        let row_height = blocks.iter().map(Signature::height).fold(0.0, f32::max) + 3.0 * MM;
        Self {
            blocks,
            row_height,
            intro: 2.0 * BODY.leading() + 2.0 * MM,
        }
    }

    fn whole(&self) -> f32 {
        self.intro + self.row_height * self.blocks.len().div_ceil(GRID_COLUMNS) as f32
    }

    fn draw(&self, c: &mut Composer, doc: &Minutes) {
        let lang = c.lang;
        let l = lang.labels();
        c.ensure(self.intro + self.row_height);
        let date_line = common::place_date(&doc.place, doc.date, lang);
        c.paragraph(BODY, &date_line, 0.0, Align::Right);
        c.paragraph(BODY_BOLD, l.panel_signatures, 0.0, Align::Left);
        c.advance(2.0 * MM);
        let cell_width = (c.width() - GRID_GAP * (GRID_COLUMNS - 1) as f32) / GRID_COLUMNS as f32;
        for row in self.blocks.chunks(GRID_COLUMNS) {
            c.ensure(self.row_height);
            let top = c.y();
            // A lone last block sits in the middle.
            let offset = if row.len() < GRID_COLUMNS {
                (c.width() - cell_width) / 2.0
            } else {
                0.0
            };
            for (k, block) in row.iter().enumerate() {
                let x = c.left() + offset + k as f32 * (cell_width + GRID_GAP);
                block.draw(c, x, cell_width, top);
            }
            c.advance(self.row_height);
        }
    }
}
