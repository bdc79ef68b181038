//! Render every sample view model in `tests/data/` in both languages.
//!
//! `cargo run -p juri-report --example samples -- OUT_DIR` writes `OUT_DIR/<name>-<lang>.pdf`
//! plus `recaps.xlsx` and `recaps.csv`; look at them with any PDF viewer.

use std::path::{Path, PathBuf};

use juri_report::{
    export_csv, export_xlsx, render_pdf, BlankSheets, Document, Lang, Minutes, RecapTable,
    RecusalList, ScoreSheets,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "samples".into()));
    std::fs::create_dir_all(&out)?;
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let read = |name: &str| std::fs::read_to_string(data.join(name));
    let recap: RecapTable = serde_json::from_str(&read("recap.json")?)?;
    let documents = [
        (
            "blank-sheets",
            Document::BlankSheets(serde_json::from_str::<BlankSheets>(&read(
                "blank_sheets.json",
            )?)?),
        ),
        (
            "score-sheets",
            Document::ScoreSheets(serde_json::from_str::<ScoreSheets>(&read(
                "score_sheets.json",
            )?)?),
        ),
        ("recap", Document::Recap(vec![recap.clone()])),
        (
            "minutes",
            Document::Minutes(serde_json::from_str::<Minutes>(&read("minutes.json")?)?),
        ),
        (
            "recusals",
            Document::Recusals(serde_json::from_str::<RecusalList>(&read(
                "recusals.json",
            )?)?),
        ),
    ];
    for (name, document) in &documents {
        for lang in [Lang::Id, Lang::En] {
            let path = out.join(format!("{name}-{lang}.pdf"));
            std::fs::write(&path, render_pdf(document, lang)?)?;
            println!("{}", path.display());
        }
    }
    std::fs::write(
        out.join("recaps.xlsx"),
        export_xlsx(std::slice::from_ref(&recap), Lang::Id)?,
    )?;
    std::fs::write(
        out.join("recaps.csv"),
        export_csv(std::slice::from_ref(&recap))?,
    )?;
    Ok(())
}
