//! Rekapitulasi nilai: entries × jurors for one stage and category.
//!
//! Portrait when the matrix fits, landscape otherwise; when even a landscape page cannot hold
//! every juror column, the jurors are split into groups, each printed as its own run of the
//! table (identifying columns and the final score repeated).

use super::common::{self, Signature, BODY, NOTE, SMALL, SUBTITLE};
use crate::error::ReportError;
use crate::i18n::Lang;
use crate::layout::{
    Align, Cell, Column, Composer, Label, Orientation, Paper, Row, Style, Table, CELL_PAD_X, MM,
};
use crate::model::{JurorScore, RecapRow, RecapTable};

const CELL: Style = Style::regular(7.5);
const CELL_BOLD: Style = Style::bold(7.5);
const HEAD: Style = Style::bold(7.5);
const INSTITUTION: Style = Style::regular(6.8).muted();
const PAD: f32 = 2.0 * CELL_PAD_X + 0.5;
const MIN_ENTRY_WIDTH: f32 = 48.0 * MM;
const ADVANCE_SHADE: f32 = 0.95;

pub(crate) fn render(
    recaps: &[RecapTable],
    lang: Lang,
    paper: Paper,
) -> Result<Vec<u8>, ReportError> {
    let mut c = Composer::new(lang, paper)?;
    for recap in recaps {
        recap_pages(&mut c, recap);
    }
    let l = lang.labels();
    let title = match recaps {
        [one] => format!(
            "{} — {} — {}",
            l.recap_title,
            one.competition,
            one.heading()
        ),
        _ => l.recap_title.to_string(),
    };
    let date = recaps.iter().map(|r| r.date).max().unwrap_or_default();
    c.finish(&title, date)
}

/// Widths of the fixed columns, measured from their widest content. A recap across categories
/// adds a category column; a final's, a column per stage it combines and the award tier.
struct Widths {
    rank: f32,
    code: f32,
    juror: f32,
    /// Zero when the recap has no category column.
    category: f32,
    /// One per [`RecapTable::components`].
    components: Vec<f32>,
    aggregate: f32,
    /// The award tier and the place within it: zero when the recap is not a final's.
    award: f32,
    place: f32,
    remarks: f32,
}

impl Widths {
    fn measure(c: &Composer, recap: &RecapTable) -> Self {
        let l = c.lang.labels();
        let f = c.fonts;
        let widest = |style: Style, texts: &mut dyn Iterator<Item = String>| -> f32 {
            texts.map(|t| f.measure(style, &t)).fold(0.0, f32::max)
        };
        let longest_word = |style: Style, text: &str| {
            text.split_whitespace()
                .map(|w| f.measure(style, w))
                .fold(0.0, f32::max)
        };
        let rank = widest(CELL_BOLD, &mut recap.rows.iter().map(rank_text))
            .max(longest_word(HEAD, l.rank));
        let code = widest(CELL, &mut recap.rows.iter().map(|r| r.entry.code.clone()))
            .max(longest_word(HEAD, l.code))
            .min(30.0 * MM);
        let juror = widest(
            CELL,
            &mut recap
                .rows
                .iter()
                .flat_map(|r| r.scores.iter().map(|s| score_text(s, c.lang))),
        )
        .max(widest(
            HEAD,
            &mut recap.jurors.iter().map(|j| j.code.clone()),
        ))
        .max(f.measure(CELL, "100,00"))
        .min(22.0 * MM);
        let category = if shows_category(recap) {
            // Wrapped at its words beyond a third of a portrait page's entry column.
            let whole = widest(
                CELL,
                &mut recap.rows.iter().filter_map(|r| r.entry.category.clone()),
            );
            let words = recap
                .rows
                .iter()
                .filter_map(|r| r.entry.category.as_deref())
                .map(|t| longest_word(CELL, t))
                .fold(longest_word(HEAD, l.category), f32::max);
            whole.min(24.0 * MM).max(words) + PAD
        } else {
            0.0
        };
        let components = recap
            .components
            .iter()
            .enumerate()
            .map(|(k, component)| {
                let scores = widest(
                    CELL,
                    &mut recap.rows.iter().map(|r| {
                        r.components
                            .get(k)
                            .and_then(Option::as_ref)
                            .map_or(String::new(), |d| d.display(c.lang))
                    }),
                );
                scores
                    .max(longest_word(HEAD, &component.name))
                    .max(f.measure(HEAD, &weight_text(&component.weight, c.lang)))
                    .max(f.measure(CELL, "100,00"))
                    + PAD
            })
            .collect();
        let aggregate = widest(
            CELL_BOLD,
            &mut recap.rows.iter().map(|r| {
                r.aggregate
                    .as_ref()
                    .map_or(String::new(), |a| a.display(c.lang))
            }),
        )
        .max(longest_word(HEAD, l.aggregate));
        let award = if recap.awards {
            let names = recap.rows.iter().filter_map(|r| r.award.as_ref());
            let whole = widest(CELL, &mut names.clone().map(|a| a.name.clone()));
            let words = names
                .clone()
                .map(|a| longest_word(CELL, &a.name))
                .fold(longest_word(HEAD, l.award), f32::max);
            whole.min(34.0 * MM).max(words) + PAD
        } else {
            0.0
        };
        let place = if recap.awards {
            widest(
                CELL_BOLD,
                &mut recap
                    .rows
                    .iter()
                    .filter_map(|r| r.award.as_ref()?.place)
                    .map(|p| p.to_string()),
            )
            .max(longest_word(HEAD, l.no))
                + PAD
        } else {
            0.0
        };
        let remarks = f
            .measure(CELL_BOLD, "✓ !")
            .max(longest_word(HEAD, l.remarks));
        Self {
            rank: rank + PAD,
            code: code + PAD,
            juror: juror + PAD,
            category,
            components,
            aggregate: aggregate + PAD,
            award,
            place,
            remarks: remarks + PAD,
        }
    }

    fn fixed(&self) -> f32 {
        self.rank
            + self.code
            + self.category
            + self.components.iter().sum::<f32>()
            + self.aggregate
            + self.award
            + self.place
            + self.remarks
    }

    /// Whether `jurors` juror columns fit beside the fixed ones on a page `width` wide.
    fn fit(&self, width: f32, jurors: usize) -> bool {
        self.fixed() + MIN_ENTRY_WIDTH + self.juror * jurors as f32 <= width
    }

    /// How many juror columns fit beside the fixed ones on a page `width` wide.
    fn jurors_fitting(&self, width: f32) -> usize {
        ((width - self.fixed() - MIN_ENTRY_WIDTH) / self.juror)
            .floor()
            .max(1.0) as usize
    }
}

fn shows_category(recap: &RecapTable) -> bool {
    recap.shows_category()
}

fn weight_text(weight: &crate::decimal::Decimal, lang: Lang) -> String {
    crate::model::component_weight(weight, lang)
}

fn recap_pages(c: &mut Composer, recap: &RecapTable) {
    let lang = c.lang;
    let l = lang.labels();
    let widths = Widths::measure(c, recap);
    let n = recap.jurors.len();
    let (orientation, per_group) = if widths.fit(c.content_width(Orientation::Portrait), n) {
        (Orientation::Portrait, n)
    } else {
        (
            Orientation::Landscape,
            widths
                .jurors_fitting(c.content_width(Orientation::Landscape))
                .min(n.max(1)),
        )
    };
    let footer = Label::new(l.recap_title)
        .optional(recap.competition.as_str())
        .part(recap.heading());
    c.begin_section(footer.clone(), Some(footer), orientation);
    if let Some(kop) = &recap.kop {
        common::kop(c, kop);
    }
    let mut lines = vec![(recap.competition.as_str(), SUBTITLE)];
    let heading = recap.heading();
    lines.push((heading.as_str(), BODY));
    if recap.provisional {
        lines.push((l.provisional_recap, common::SMALL_BOLD));
    }
    common::title_block(c, l.recap_title, &lines);

    // Balanced groups of juror columns: 20 jurors at 9 per page print as 7 + 7 + 6.
    let groups = n.div_ceil(per_group.max(1)).max(1);
    let base = n / groups;
    let extra = n % groups;
    let mut start = 0;
    for g in 0..groups {
        let len = base + usize::from(g < extra);
        if groups > 1 {
            if g > 0 {
                c.new_page();
            }
            let heading = lang.juror_columns(start + 1, start + len, n);
            c.paragraph(Style::bold(8.5), &heading, 0.0, Align::Left);
            c.advance(1.0 * MM);
        }
        matrix(c, recap, &widths, start..start + len).draw(c);
        start += len;
    }

    c.advance(3.0 * MM);
    match &recap.signatory {
        Some(member) => {
            let heading = vec![
                common::place_date(&recap.place, recap.date, lang),
                l.signing_chair.to_string(),
            ];
            let signature = Signature::of_member(heading, member);
            // The explanations go to the next page with the signature rather than leave it alone.
            c.keep_with_end(
                |c| {
                    explanations(c, recap);
                    c.advance(4.0 * MM);
                },
                signature.height(),
                |c| common::signature_right(c, &signature),
            );
        }
        None => explanations(c, recap),
    }
}

fn matrix(c: &Composer, recap: &RecapTable, w: &Widths, jurors: std::ops::Range<usize>) -> Table {
    let lang = c.lang;
    let l = lang.labels();
    let entry_width = c.width() - w.fixed() - w.juror * jurors.len() as f32;
    let mut columns = vec![
        Column {
            width: w.rank,
            align: Align::Center,
        },
        Column {
            width: w.code,
            align: Align::Left,
        },
        Column {
            width: entry_width,
            align: Align::Left,
        },
    ];
    let category = shows_category(recap);
    if category {
        columns.push(Column {
            width: w.category,
            align: Align::Left,
        });
    }
    columns.extend(jurors.clone().map(|_| Column {
        width: w.juror,
        align: Align::Right,
    }));
    columns.extend(w.components.iter().map(|&width| Column {
        width,
        align: Align::Right,
    }));
    columns.push(Column {
        width: w.aggregate,
        align: Align::Right,
    });
    if recap.awards {
        columns.push(Column {
            width: w.award,
            align: Align::Left,
        });
        columns.push(Column {
            width: w.place,
            align: Align::Center,
        });
    }
    columns.push(Column {
        width: w.remarks,
        align: Align::Center,
    });

    let head = |text: &str| Cell::new(text, HEAD).align(Align::Center);
    let mut header = vec![head(l.rank), head(l.code), head(l.entry)];
    if category {
        header.push(head(l.category));
    }
    header.extend(recap.jurors[jurors.clone()].iter().map(|j| head(&j.code)));
    header.extend(
        recap
            .components
            .iter()
            .map(|k| head(&k.name).then(weight_text(&k.weight, lang), HEAD)),
    );
    header.push(head(l.aggregate));
    if recap.awards {
        header.push(head(l.award));
        header.push(head(l.no));
    }
    header.push(head(l.remarks));
    let mut table = Table::new(columns, vec![Row::new(header)]);

    for row in &recap.rows {
        let mut cells = vec![
            Cell::new(rank_text(row), CELL_BOLD),
            Cell::new(row.entry.code.as_str(), CELL),
            Cell::new(row.entry.title.as_str(), CELL).then(
                row.entry.institution.clone().unwrap_or_default(),
                INSTITUTION,
            ),
        ];
        if category {
            cells.push(Cell::new(
                row.entry.category.clone().unwrap_or_default(),
                CELL,
            ));
        }
        cells.extend(
            row.scores[jurors.clone()]
                .iter()
                .map(|s| Cell::new(score_text(s, lang), CELL)),
        );
        cells.extend(row.components.iter().map(|score| {
            Cell::new(
                score
                    .as_ref()
                    .map_or(l.not_scored.to_string(), |d| d.display(lang)),
                CELL,
            )
        }));
        let aggregate = row
            .aggregate
            .as_ref()
            .map_or(l.not_scored.to_string(), |a| a.display(lang));
        cells.push(Cell::new(aggregate, CELL_BOLD));
        if recap.awards {
            let award = row.award.as_ref();
            cells.push(Cell::new(award.map_or("", |a| a.name.as_str()), CELL));
            cells.push(Cell::new(
                award
                    .and_then(|a| a.place)
                    .map_or(String::new(), |p| p.to_string()),
                CELL_BOLD,
            ));
        }
        cells.push(Cell::new(remarks_text(row), CELL_BOLD));
        let mut line = Row::new(cells);
        if row.advances {
            line = line.shaded(ADVANCE_SHADE);
        }
        table.rows.push(line);
    }
    table
}

fn explanations(c: &mut Composer, recap: &RecapTable) {
    let lang = c.lang;
    let l = lang.labels();
    // A final combines stage scores by its weights (the formula in the notes): it aggregates
    // no juror totals, so it states no aggregation method of its own.
    if recap.components.is_empty() {
        c.paragraph(
            BODY,
            &format!("{}: {}.", l.method, recap.method.describe(lang)),
            0.0,
            Align::Left,
        );
    }
    // Agreement statistics only where they could be computed: no line saying "not computable".
    let stats: Vec<String> = [
        (l.alpha, &recap.krippendorff_alpha),
        (l.kendall_w, &recap.kendall_w),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.as_ref().map(|d| format!("{name} = {}", d.display(lang))))
    .collect();
    if !stats.is_empty() {
        c.paragraph(
            BODY,
            &format!("{}: {}.", l.agreement, stats.join("; ")),
            0.0,
            Align::Left,
        );
    }
    c.advance(2.0 * MM);
    let mut legend = vec![
        format!("= {}", l.legend_tie),
        format!(
            "✓ {}",
            if recap.awards {
                l.legend_awarded
            } else {
                l.legend_advances
            }
        ),
    ];
    if recap
        .rows
        .iter()
        .any(|r| r.award.as_ref().is_some_and(|a| a.place.is_some()))
    {
        legend.push(format!("{} n {}", l.no, l.legend_award_place));
    }
    // What juror columns hold, on a recap that has them.
    if !recap.jurors.is_empty() {
        legend.extend([
            format!(
                "! {}",
                lang.disagreement_legend(
                    recap
                        .disagreement_tolerance
                        .as_ref()
                        .map(|t| t.display(lang))
                        .as_deref(),
                )
            ),
            format!("R {}", l.legend_recused),
        ]);
    }
    legend.push(format!("{} {}", l.not_scored, l.legend_not_scored));
    if !recap.jurors.is_empty() {
        legend.push(l.legend_not_assigned.to_string());
    }
    c.ensure(SMALL.leading() * 3.0);
    c.paragraph(
        Style::bold(8.0),
        &format!("{}:", l.legend),
        0.0,
        Align::Left,
    );
    for line in legend {
        c.paragraph(SMALL, &line, 3.0 * MM, Align::Left);
    }
    if !recap.jurors.is_empty() {
        let names: Vec<String> = recap
            .jurors
            .iter()
            .map(|j| format!("{} = {}", j.code, j.name))
            .collect();
        c.paragraph(
            SMALL,
            &end_sentence(format!("{}: {}", l.jurors, names.join("; "))),
            3.0 * MM,
            Align::Left,
        );
    }
    for note in &recap.notes {
        c.paragraph(NOTE, note, 3.0 * MM, Align::Left);
    }
    if !recap.components.is_empty() {
        c.paragraph(NOTE, l.components_exact, 3.0 * MM, Align::Left);
    }
}

fn rank_text(row: &RecapRow) -> String {
    match (row.rank, row.tied) {
        (Some(rank), true) => format!("{rank}="),
        (Some(rank), false) => rank.to_string(),
        (None, _) => String::new(),
    }
}

fn score_text(score: &JurorScore, lang: Lang) -> String {
    match score {
        JurorScore::Score(d) => d.display(lang),
        JurorScore::NotScored => lang.labels().not_scored.to_string(),
        JurorScore::Recused => "R".to_string(),
        JurorScore::NotAssigned => String::new(),
    }
}

fn remarks_text(row: &RecapRow) -> String {
    let mut marks = Vec::new();
    if row.advances {
        marks.push("✓");
    }
    if row.disagreement {
        marks.push("!");
    }
    marks.join(" ")
}

/// `text` with a full stop at its end, unless it ends with one already (a name ending in an
/// abbreviated degree: "Theresia Kase, S.H.").
fn end_sentence(mut text: String) -> String {
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
    text
}
