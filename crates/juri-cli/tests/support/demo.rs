//! The demo competition carried to a decided final: its presentation stage completed from paper
//! sheets and finalised, so the final can be finalised and its winners' documents printed.

use std::path::Path;

/// Completes the presentation stage of the demo in `dir`'s `d.db` from paper sheets (every sheet
/// not submitted yet gets scores derived from the entry code, the criterion and the juror) and
/// finalises it. `juri` runs the binary with the given arguments in `dir` and returns its stdout.
pub fn finalise_presentations(dir: &Path, juri: impl Fn(&[&str]) -> String) {
    let status: serde_json::Value = serde_json::from_str(&juri(&[
        "status",
        "--db",
        "d.db",
        "--stage",
        "presentasi",
        "--format",
        "json",
    ]))
    .unwrap();
    let criteria = [
        "kebaharuan",
        "kemanfaatan",
        "kolaborasi",
        "replikasi",
        "penyajian",
    ];
    let mut csv = String::from("stage,entry,juror,criterion,score\n");
    let jurors = status["jurors"].as_array().unwrap();
    for (entry, row) in status["entries"]
        .as_array()
        .unwrap()
        .iter()
        .zip(status["matrix"].as_array().unwrap())
    {
        for (n, (juror, cell)) in jurors.iter().zip(row.as_array().unwrap()).enumerate() {
            if cell != "submitted" {
                for (i, c) in criteria.iter().enumerate() {
                    let score = (entry.as_str().unwrap().len() + i + n) % 4 + 3;
                    csv.push_str(&format!(
                        "presentasi,{},{},{c},{score}\n",
                        entry.as_str().unwrap(),
                        juror.as_str().unwrap()
                    ));
                }
            }
        }
    }
    std::fs::write(dir.join("paper.csv"), csv).unwrap();
    juri(&["scores", "import", "--db", "d.db", "paper.csv"]);
    juri(&["finalize", "--db", "d.db", "--stage", "presentasi"]);
}
