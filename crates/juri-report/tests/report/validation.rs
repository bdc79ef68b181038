//! Inconsistent view models are refused with every problem named.

use juri_report::{
    export_csv, export_xlsx, render_pdf, Document, JurorScore, Lang, Minutes, RecapTable,
    ReportError, ScoreSheets, ScoreSource,
};

use crate::support::fixture;

fn problems(err: ReportError) -> Vec<String> {
    match err {
        ReportError::InvalidInput(list) => list.iter().map(ToString::to_string).collect(),
        other => panic!("expected invalid input, got {other}"),
    }
}

#[test]
fn a_broken_recap_reports_every_problem() {
    let mut recap: RecapTable = fixture("recap.json");
    recap.competition = " ".into();
    recap.rows[2].scores.pop();
    recap.rows[6].tied = true;
    recap.jurors[4].code = "J1".into();
    let expected = [
        "recaps[0].competition: must not be empty",
        "recaps[0].jurors[4].code: juror code \"J1\" appears twice",
        "recaps[0].rows[2].scores: 4 cells for 5 jurors",
        "recaps[0].rows[6].tied: an unranked entry cannot be tied",
    ];
    let from_pdf =
        problems(render_pdf(&Document::Recap(vec![recap.clone()]), Lang::Id).unwrap_err());
    assert_eq!(from_pdf, expected);
    let from_xlsx = problems(export_xlsx(std::slice::from_ref(&recap), Lang::Id).unwrap_err());
    assert_eq!(from_xlsx, expected);
    let from_csv = problems(export_csv(std::slice::from_ref(&recap)).unwrap_err());
    assert_eq!(from_csv, expected);
    recap.rows[0].scores[0] = JurorScore::NotScored;
}

#[test]
fn score_sheets_check_scales_and_fingerprints() {
    let mut sheets: ScoreSheets = fixture("score_sheets.json");
    sheets.sheets[0].criteria[1].score = Some("8".parse().unwrap());
    sheets.sheets[1].source = ScoreSource::Bundle {
        fingerprint: "not-hex".into(),
    };
    sheets.sheets[2].entry.title = String::new();
    let got = problems(render_pdf(&Document::ScoreSheets(sheets), Lang::En).unwrap_err());
    assert_eq!(
        got,
        [
            "sheets[0].criteria[1].score: 8 is outside the scale 1–7",
            "sheets[1].source.fingerprint: must be hexadecimal (groups may be joined by '-')",
            "sheets[2].entry.title: must not be empty",
        ]
    );
}

#[test]
fn minutes_need_a_chair_to_sign() {
    let mut minutes: Minutes = fixture("minutes.json");
    minutes
        .panel
        .retain(|m| m.role != juri_report::PanelRole::Chair);
    minutes.decisions[0].reason = String::new();
    let got = problems(render_pdf(&Document::Minutes(minutes), Lang::Id).unwrap_err());
    assert_eq!(
        got,
        [
            "panel: the panel has no chair",
            "decisions[0].reason: must not be empty"
        ]
    );
}

#[test]
fn empty_documents_are_refused() {
    let got = problems(render_pdf(&Document::Recap(vec![]), Lang::Id).unwrap_err());
    assert_eq!(got, ["recaps: there is no recap to print"]);
    let mut sheets: ScoreSheets = fixture("score_sheets.json");
    sheets.sheets.clear();
    let got = problems(render_pdf(&Document::ScoreSheets(sheets), Lang::Id).unwrap_err());
    assert_eq!(got, ["sheets: there is no sheet to print"]);
}

#[test]
fn view_models_round_trip_through_json() {
    let recap: RecapTable = fixture("recap.json");
    let json = serde_json::to_string(&Document::Recap(vec![recap.clone()])).unwrap();
    let back: Document = serde_json::from_str(&json).unwrap();
    assert_eq!(back, Document::Recap(vec![recap]));
}

#[test]
fn a_screening_needs_one_check_per_checklist_item() {
    use juri_report::{
        EntryInfo, ItemCheck, ScreenedEntry, ScreeningGroup, ScreeningItem, ScreeningResults,
    };
    let mut minutes: Minutes = fixture("minutes.json");
    let item = |id: &str| ScreeningItem {
        id: id.into(),
        label: format!("Butir {id}"),
    };
    minutes.screening = Some(ScreeningResults {
        items: vec![item("berkas"), item("setahun")],
        groups: vec![ScreeningGroup {
            title: " ".into(),
            entries: vec![ScreenedEntry {
                entry: EntryInfo {
                    code: "UPT-01".into(),
                    title: "Puskesmas Ramah Lansia".into(),
                    institution: None,
                    category: None,
                },
                checks: vec![ItemCheck::Met],
                passed: Some(true),
                reasons: vec![],
            }],
        }],
    });
    let got = problems(render_pdf(&Document::Minutes(minutes), Lang::Id).unwrap_err());
    assert_eq!(
        got,
        [
            "screening.groups[0].title: must not be empty",
            "screening.groups[0].entries[0].checks: one check per checklist item",
        ]
    );
}
