//! Runs the real `juri` binary in a temp dir per test, with a cleared environment.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use juri_core::definition::StageKind;
use juri_core::scenario::{result_lines, Scenario};
use juri_core::{Definition, StageResults};

struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    fn new() -> Run {
        Run {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn juri(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_juri"))
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("JURI_NOW", "2025-12-15T10:00:00+08:00")
            .output()
            .unwrap()
    }

    /// Runs and requires success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.juri(args);
        assert!(
            o.status.success(),
            "juri {args:?} failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        );
        String::from_utf8(o.stdout).unwrap()
    }

    /// Runs and requires failure; returns stderr.
    fn fails(&self, args: &[&str]) -> String {
        let o = self.juri(args);
        assert!(
            !o.status.success(),
            "juri {args:?} should have failed; stdout:\n{}",
            String::from_utf8_lossy(&o.stdout)
        );
        String::from_utf8(o.stderr).unwrap()
    }
}

fn csv_line(fields: &[&str]) -> String {
    let mut w = csv::Writer::from_writer(vec![]);
    w.write_record(fields).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    v.sort();
    v
}

/// Loads a scenario through the command exactly as a chair would: files in, `juri` commands,
/// results out as JSON; the expected lines are the same as the core's.
#[test]
fn scenarios_through_the_command() {
    let files = scenario_files();
    assert!(files.len() >= 6);
    for file in files {
        let sc = Scenario::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let run = Run::new();
        let def_text = sc.definition_text().unwrap();
        let def = Definition::from_toml(&def_text).unwrap();
        run.write("lomba.toml", &def_text);
        run.ok(&["init", "--db", "lomba.db", "--definition", "lomba.toml"]);

        let mut entries = csv_line(&[
            "kode",
            "judul",
            "instansi",
            "kategori",
            "rintisan",
            "withdrawn",
        ]);
        for e in sc.entries() {
            entries += &csv_line(&[
                &e.code,
                &e.title,
                &e.institution,
                &e.category,
                if e.rintisan { "ya" } else { "tidak" },
                if e.withdrawn { "ya" } else { "" },
            ]);
        }
        run.write("entries.csv", &entries);
        run.ok(&["entries", "import", "--db", "lomba.db", "entries.csv"]);

        let mut jurors = csv_line(&["id", "name", "assign", "conflicts", "active"]);
        for j in &sc.jurors {
            jurors += &csv_line(&[
                &j.id,
                &format!("Juri {}", j.id),
                &j.assign,
                &j.conflicts,
                if j.active == Some(false) {
                    "tidak"
                } else {
                    "ya"
                },
            ]);
        }
        run.write("jurors.csv", &jurors);
        run.ok(&["jurors", "import", "--db", "lomba.db", "jurors.csv"]);

        let model_entries = sc.entries();
        let model_jurors = sc.jurors(&def, &model_entries).unwrap();
        for stage in &def.stages {
            match stage.kind {
                StageKind::Screening => {
                    let mut sheet = csv_line(&["entry", "result", "reasons"]);
                    for e in &model_entries {
                        let f = sc.fail.get(&stage.id).and_then(|v| {
                            v.iter()
                                .find(|f| f.split(':').next() == Some(e.code.as_str()))
                        });
                        let reason = f.and_then(|f| f.split_once(':')).map(|x| x.1).unwrap_or("");
                        sheet += &csv_line(&[
                            &e.code,
                            if f.is_some() { "gugur" } else { "lulus" },
                            reason,
                        ]);
                    }
                    run.write("screening.csv", &sheet);
                    run.ok(&[
                        "screen",
                        "--db",
                        "lomba.db",
                        "--stage",
                        &stage.id,
                        "--file",
                        "screening.csv",
                    ]);
                }
                StageKind::Scoring => {
                    let mut scores = csv_line(&["stage", "entry", "juror", "criterion", "score"]);
                    let mut n = 0;
                    let mut strays = Vec::new();
                    for s in sc
                        .sheets(&def)
                        .unwrap()
                        .into_iter()
                        .filter(|s| s.stage == stage.id)
                    {
                        let j = model_jurors.iter().find(|j| j.id == s.juror).unwrap();
                        let e = model_entries.iter().find(|e| e.code == s.entry).unwrap();
                        let mut lines = String::new();
                        for (c, v) in &s.values {
                            lines += &csv_line(&[&s.stage, &s.entry, &s.juror, c, &v.to_plain()]);
                        }
                        // Scores the core keeps for audit but never counts cannot be typed in from paper.
                        if !j.is_assigned(&stage.id, e) {
                            strays.push(lines);
                            continue;
                        }
                        scores += &lines;
                        n += 1;
                    }
                    if n > 0 {
                        run.write("scores.csv", &scores);
                        run.ok(&["scores", "import", "--db", "lomba.db", "scores.csv"]);
                    }
                    for stray in strays {
                        run.write(
                            "stray.csv",
                            &(csv_line(&["stage", "entry", "juror", "criterion", "score"])
                                + &stray),
                        );
                        let err = run.fails(&["scores", "import", "--db", "lomba.db", "stray.csv"]);
                        assert!(
                            err.contains("recused")
                                || err.contains("removed")
                                || err.contains("not assigned"),
                            "{err}"
                        );
                    }
                }
                StageKind::Final => {}
            }
            for d in sc.decisions.iter().filter(|d| d.stage() == stage.id) {
                let args: Vec<String> = match d {
                    juri_core::Decision::TieOrder {
                        stage,
                        entries,
                        reason,
                    } => {
                        vec![
                            "decide".into(),
                            "tie".into(),
                            "--stage".into(),
                            stage.clone(),
                            "--order".into(),
                            entries.join(","),
                            "--reason".into(),
                            reason.clone(),
                        ]
                    }
                    juri_core::Decision::Disqualify {
                        stage,
                        entry,
                        reason,
                    } => {
                        vec![
                            "decide".into(),
                            "disqualify".into(),
                            "--stage".into(),
                            stage.clone(),
                            "--entry".into(),
                            entry.clone(),
                            "--reason".into(),
                            reason.clone(),
                        ]
                    }
                    juri_core::Decision::Exception {
                        stage,
                        juror,
                        entry,
                        reason,
                    } => vec![
                        "decide".into(),
                        "exception".into(),
                        "--stage".into(),
                        stage.clone(),
                        "--juror".into(),
                        juror.clone(),
                        "--entry".into(),
                        entry.clone(),
                        "--reason".into(),
                        reason.clone(),
                    ],
                    juri_core::Decision::Unscored {
                        stage,
                        entry,
                        reason,
                    } => vec![
                        "decide".into(),
                        "exception".into(),
                        "--stage".into(),
                        stage.clone(),
                        "--entry".into(),
                        entry.clone(),
                        "--reason".into(),
                        reason.clone(),
                    ],
                };
                let mut full = args.clone();
                full.extend(["--db".to_string(), "lomba.db".to_string()]);
                run.ok(&full.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
        for (key, expected) in &sc.expect {
            let (stage, method) = key
                .split_once('/')
                .map(|(s, m)| (s, Some(m)))
                .unwrap_or((key.as_str(), None));
            let mut args = vec![
                "results", "--db", "lomba.db", "--stage", stage, "--format", "json",
            ];
            if let Some(m) = method {
                args.extend(["--method", m]);
            }
            let out = run.ok(&args);
            let res: StageResults = serde_json::from_str(&out).unwrap();
            assert_eq!(&result_lines(&res), expected, "{} [{key}]", file.display());
        }
    }
}

const BAD_DEFINITION: &str = r#"
[competition]
id = "bad id!"
name = "Bad"

[[categories]]
id = "a"
name = "A"

[[stages]]
id = "s"
name = "Scoring"
kind = "scoring"
tie_break = ["criterion:nope"]
advance = { top_per_category = 5, threshold = 70 }
[stages.rubric]
scale = { min = 10, max = 10, step = 1 }
criteria = [
  { id = "x", name = "X", weight = 60 },
  { id = "y", name = "Y", weight = 30 },
]
"#;

#[test]
fn an_invalid_definition_is_refused_with_every_problem_and_its_place() {
    let run = Run::new();
    run.write("bad.toml", BAD_DEFINITION);
    let err = run.fails(&["init", "--db", "x.db", "--definition", "bad.toml"]);
    for needle in [
        "competition.id",
        "stages[0] \"s\".tie_break[0]: unknown criterion 'nope'",
        "stages[0] \"s\".advance: give exactly one of",
        "stages[0] \"s\".rubric.scale: the scale is empty",
        "stages[0] \"s\".rubric.criteria: weights add up to 90, not 100",
    ] {
        assert!(err.contains(needle), "missing '{needle}' in:\n{err}");
    }
    assert!(
        !run.path("x.db").exists(),
        "no database is created from an invalid definition"
    );
    run.write("syntax.toml", "[competition]\nid = \"a\"\nname = \n");
    let err = run.fails(&["init", "--db", "x.db", "--definition", "syntax.toml"]);
    assert!(err.contains("line 3"), "{err}");
}

fn demo_with_files(run: &Run) {
    run.ok(&[
        "init",
        "--db",
        "l.db",
        "--definition",
        &run.write("d.toml", juri_core::templates::template("generic").unwrap())
            .display()
            .to_string(),
    ]);
    run.write("entries.csv", "code,title,institution,category\nE1,Satu,Dinas A,umum\nE2,Dua,Dinas B,umum\nE3,Tiga,Dinas A,umum\n");
    run.ok(&["entries", "import", "--db", "l.db", "entries.csv"]);
    run.write("jurors.csv", "id,name,role,assign,conflicts\nJ1,Ani,ketua,penilaian=*,\nJ2,Budi,anggota,penilaian=*,institution:Dinas A (mantan kepala dinas)\n");
    run.ok(&["jurors", "import", "--db", "l.db", "jurors.csv"]);
}

#[test]
fn bad_rows_are_all_reported_and_nothing_is_imported() {
    let run = Run::new();
    demo_with_files(&run);
    run.write("more.csv", "code,title,institution,category,rintisan\nE4,Empat,Dinas C,umum,ya\n,Tanpa kode,Dinas D,umum,\nE5,,Dinas E,nope,mungkin\nE4,Dobel,Dinas F,umum,\n");
    let err = run.fails(&["entries", "import", "--db", "l.db", "more.csv"]);
    for needle in [
        "row 3: the code is empty",
        "row 4: entry 'E5' has no title",
        "row 4: unknown category 'nope'",
        "row 4: rintisan 'mungkin'",
        "row 5: code 'E4' appears more than once",
    ] {
        assert!(err.contains(needle), "missing '{needle}' in:\n{err}");
    }
    let list = run.ok(&["entries", "list", "--db", "l.db", "--format", "json"]);
    assert!(!list.contains("E4"), "nothing may be imported: {list}");
    run.write("nothing.csv", "judul\nx\n");
    assert!(run
        .fails(&["entries", "import", "--db", "l.db", "nothing.csv"])
        .contains("has no 'code' or 'kode' column"));
    run.write("binary.xlsx", "this is not a spreadsheet");
    assert!(run
        .fails(&["entries", "import", "--db", "l.db", "binary.xlsx"])
        .contains("cannot be read as a spreadsheet"));
}

#[test]
fn bad_scores_are_refused_with_clear_messages_and_change_nothing() {
    let run = Run::new();
    demo_with_files(&run);
    run.write("s.csv", "entry,result\nE1,lulus\nE2,lulus\nE3,lulus\n");
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--file",
        "s.csv",
    ]);
    run.write("good.csv", "stage,entry,juror,criterion,score\npenilaian,E2,J1,gagasan,8.5\npenilaian,E2,J1,dampak,9\npenilaian,E2,J1,penyajian,7.2\n");
    run.ok(&["scores", "import", "--db", "l.db", "good.csv"]);
    let before = run.ok(&[
        "results",
        "--db",
        "l.db",
        "--stage",
        "penilaian",
        "--format",
        "json",
    ]);
    let cases = [
        ("penilaian,E2,J1,gagasan,10.5", "outside the scale 6–10"),
        ("penilaian,E2,J1,gagasan,7.25", "outside the scale"),
        ("penilaian,E2,J1,gagasan,tujuh", "'tujuh' is not a number"),
        (
            "penilaian,E2,J1,kreativitas,7",
            "unknown criterion 'kreativitas'",
        ),
        ("penilaian,E9,J1,gagasan,7", "unknown entry 'E9'"),
        ("penilaian,E2,J9,gagasan,7", "unknown juror 'J9'"),
        (
            "penilaian,E1,J2,gagasan,7",
            "juror 'J2' is recused from entry 'E1' (mantan kepala dinas)",
        ),
        ("final,E1,J1,gagasan,7", "not scored by jurors"),
        ("lomba,E1,J1,gagasan,7", "unknown stage 'lomba'"),
    ];
    for (row, needle) in cases {
        run.write(
            "bad.csv",
            &format!("stage,entry,juror,criterion,score\npenilaian,E3,J1,gagasan,8\n{row}\n"),
        );
        let err = run.fails(&["scores", "import", "--db", "l.db", "bad.csv"]);
        assert!(
            err.contains("row 3") && err.contains(needle),
            "{row}: missing '{needle}' in:\n{err}"
        );
    }
    assert_eq!(
        before,
        run.ok(&[
            "results",
            "--db",
            "l.db",
            "--stage",
            "penilaian",
            "--format",
            "json"
        ]),
        "a refused import changes nothing"
    );
    // the 8.5, 9, 7.2 sheet on a 6–10 scale: (0.4·8.5 + 0.4·9 + 0.2·7.2) / 10 · 100 = 84.4
    assert!(before.contains("\"display\": \"84.40\""), "{before}");
}

#[test]
fn finalising_needs_complete_sheets_or_recorded_exceptions() {
    let run = Run::new();
    demo_with_files(&run);
    run.write(
        "s.csv",
        "entry,result,reasons\nE1,lulus,\nE2,lulus,\nE3,gugur,A1\n",
    );
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--file",
        "s.csv",
    ]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "administrasi"]);
    run.write("sc.csv", "stage,entry,juror,criterion,score\npenilaian,E1,J1,gagasan,8\npenilaian,E1,J1,dampak,8\npenilaian,E1,J1,penyajian,8\npenilaian,E2,J1,gagasan,9\npenilaian,E2,J1,dampak,9\npenilaian,E2,J1,penyajian,9\npenilaian,E2,J2,gagasan,9\n");
    run.ok(&["scores", "import", "--db", "l.db", "sc.csv"]);
    let err = run.fails(&["finalize", "--db", "l.db", "--stage", "penilaian"]);
    assert!(
        err.contains("1 assigned sheet is not submitted (juror/entry): J2/E2"),
        "{err}"
    );
    // E3 failed screening; J2 is recused from E1 (Dinas A), so only J2/E2 is missing.
    run.ok(&[
        "decide",
        "exception",
        "--db",
        "l.db",
        "--stage",
        "penilaian",
        "--juror",
        "J2",
        "--entry",
        "E2",
        "--reason",
        "Juri sakit, berita acara terlampir",
    ]);
    let out = run.ok(&["finalize", "--db", "l.db", "--stage", "penilaian"]);
    assert!(out.contains("2 entries advance: E2, E1"), "{out}");
    let err = run.fails(&["scores", "import", "--db", "l.db", "sc.csv"]);
    assert!(err.contains("finalised"), "{err}");
    let log = run.ok(&["log", "--db", "l.db", "--format", "csv"]);
    for action in [
        "init", "entries", "jurors", "screen", "scores", "decide", "finalize",
    ] {
        assert!(
            log.contains(&format!(",{action},")),
            "audit log lacks {action}:\n{log}"
        );
    }
}

#[test]
fn templates_print_and_load() {
    let run = Run::new();
    let list = run.ok(&["template", "--list"]);
    for t in ["koin-yanlik-berdasi", "kipp", "iga", "generic"] {
        assert!(list.contains(t));
        let text = run.ok(&["template", t]);
        run.write(&format!("{t}.toml"), &text);
        run.ok(&[
            "init",
            "--db",
            &format!("{t}.db"),
            "--definition",
            &format!("{t}.toml"),
        ]);
    }
    assert!(run
        .fails(&["template", "nope"])
        .contains("unknown template"));
}

#[test]
fn demo_shows_every_stage() {
    let run = Run::new();
    let out = run.ok(&["demo", "--db", "demo.db"]);
    assert!(out.contains("Koin Yanlik Berdasi"), "{out}");
    let status = run.ok(&["status", "--db", "demo.db"]);
    assert!(status.contains("presentasi"), "{status}");
    let res: StageResults = serde_json::from_str(&run.ok(&[
        "results", "--db", "demo.db", "--stage", "proposal", "--format", "json",
    ]))
    .unwrap();
    assert!(res.finalized_at.is_some());
    assert_eq!(
        res.advancing().len(),
        25,
        "top 5 of each of 5 categories advance"
    );
    let cmp = run.ok(&[
        "results",
        "--db",
        "demo.db",
        "--stage",
        "presentasi",
        "--compare-methods",
    ]);
    assert!(cmp.contains("entries change rank between methods"), "{cmp}");
    assert!(run
        .fails(&["demo", "--db", "demo.db"])
        .contains("already exists"));
}

/// The shipped NTT template combines a 0–100 proposal with a 1–7 presentation: said at init and
/// when the definition is shown, not refused; `range` silences it and documents print its
/// formula.
#[test]
fn combining_scales_that_start_apart_is_warned_and_the_formula_printed() {
    let run = Run::new();
    let template = juri_core::templates::template("koin-yanlik-berdasi").unwrap();
    run.write("ntt.toml", template);
    let o = run.juri(&["init", "--db", "ntt.db", "--definition", "ntt.toml"]);
    assert!(o.status.success());
    let warned = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        warned.contains("warning: Penetapan Final: Presentasi dan Wawancara (presentasi) weighs 30 %, effectively 25.7 % of the score range")
            && warned.contains("1–7 scale is divided by its maximum (its lowest possible total is 14.29)"),
        "{warned}"
    );
    let shown = run.juri(&["definition", "--db", "ntt.db"]);
    assert!(String::from_utf8_lossy(&shown.stderr).contains("effectively 25.7 %"));
    assert_eq!(String::from_utf8_lossy(&shown.stdout), template);

    let scale = "scale = { min = 1, max = 7, step = 1 }";
    let ranged = template.replace(scale, &format!("{scale}\nconversion = \"range\""));
    run.write("ranged.toml", &ranged);
    let o = run.juri(&["definition", "--db", "ntt.db", "--update", "ranged.toml"]);
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("warning"));

    // The demo runs the same template; with `range` its presentation sheets print the formula.
    run.ok(&["demo", "--db", "demo.db"]);
    run.ok(&["definition", "--db", "demo.db", "--update", "ranged.toml"]);
    run.ok(&[
        "print",
        "--db",
        "demo.db",
        "--stage",
        "presentasi",
        "--entry",
        "PROV-02",
        "--lang",
        "en",
        "blank-sheet",
        "--out",
        "blank.pdf",
    ]);
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(run.path("blank.pdf"))
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Weighted score = weight × (score − 1) ÷ (7 − 1)")
            && text.contains("Example: weight 30, score 5 → 30 × (5 − 1) ÷ (7 − 1) = 20.00"),
        "{text}"
    );

    // A conversion that does not exist, or `range` over an empty scale: refused, naming the rubric.
    run.write(
        "unknown.toml",
        &template.replace(scale, &format!("{scale}\nconversion = \"persen\"")),
    );
    let err = run.fails(&["definition", "--db", "ntt.db", "--update", "unknown.toml"]);
    assert!(
        err.contains("stages[2] \"presentasi\".rubric.conversion: unknown conversion \"persen\""),
        "{err}"
    );
    run.write(
        "flat.toml",
        &template.replace(
            scale,
            "scale = { min = 7, max = 7, step = 1 }\nconversion = \"range\"",
        ),
    );
    let err = run.fails(&["definition", "--db", "ntt.db", "--update", "flat.toml"]);
    assert!(
        err.contains("stages[2] \"presentasi\".rubric.scale: the scale is empty")
            && err.contains("conversion \"range\" divides by maximum − minimum"),
        "{err}"
    );
    let versions = run.ok(&["definition", "--db", "ntt.db"]);
    assert_eq!(versions, ranged, "a refused definition records nothing");
}

#[test]
fn an_unscored_entry_needs_an_exception_and_a_tie_order_needs_a_tie() {
    let run = Run::new();
    demo_with_files(&run);
    // J1 is assigned E1 and E2 only; J2 is recused from E1 and E3 (Dinas A): nobody scores E3.
    run.write("jurors.csv", "id,name,role,assign,conflicts\nJ1,Ani,ketua,\"penilaian=E1,E2\",\nJ2,Budi,anggota,penilaian=*,institution:Dinas A (mantan kepala dinas)\n");
    run.ok(&["jurors", "import", "--db", "l.db", "jurors.csv"]);
    run.write(
        "s.csv",
        "entry,result,reasons\nE1,lulus,\nE2,lulus,\nE3,lulus,\n",
    );
    run.ok(&[
        "screen",
        "--db",
        "l.db",
        "--stage",
        "administrasi",
        "--file",
        "s.csv",
    ]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "administrasi"]);
    let mut sheets = String::from("stage,entry,juror,criterion,score\n");
    for (juror, entry, value) in [("J1", "E1", "8"), ("J1", "E2", "8"), ("J2", "E2", "9")] {
        for criterion in ["gagasan", "dampak", "penyajian"] {
            sheets += &format!("penilaian,{entry},{juror},{criterion},{value}\n");
        }
    }
    run.write("sc.csv", &sheets);
    run.ok(&["scores", "import", "--db", "l.db", "sc.csv"]);
    let err = run.fails(&["finalize", "--db", "l.db", "--stage", "penilaian"]);
    assert!(
        err.contains("1 entry is scored by no counted juror (none assigned, or every assigned juror recused or removed): E3")
            && err.contains("`juri decide exception --entry … --reason …` (without --juror)"),
        "{err}"
    );
    let err = run.fails(&[
        "decide",
        "tie",
        "--db",
        "l.db",
        "--stage",
        "penilaian",
        "--order",
        "E2,E1",
        "--reason",
        "Rapat pleno",
    ]);
    assert!(
        err.contains("E1, E2 are not tied in stage 'penilaian'")
            || err.contains("E2, E1 are not tied in stage 'penilaian'"),
        "{err}"
    );
    assert!(err.contains("unresolved tie: none"), "{err}");
    let out = run.ok(&[
        "decide",
        "exception",
        "--db",
        "l.db",
        "--stage",
        "penilaian",
        "--entry",
        "E3",
        "--reason",
        "Tidak ada juri yang dapat menilai",
    ]);
    assert!(
        out.contains("exception for E3, scored by no counted juror"),
        "{out}"
    );
    run.ok(&["finalize", "--db", "l.db", "--stage", "penilaian"]);
}

/// Two entries whose exact scores differ but round alike at two decimals print with enough
/// decimals to see the order, in the recap and the minutes, with a note saying why.
#[test]
fn scores_that_round_alike_print_with_the_decimals_that_tell_them_apart() {
    let run = Run::new();
    run.write(
        "d.toml",
        r#"
[competition]
id = "rapat"
name = "Rapat"
place = "Kupang"
year = 2025
[[categories]]
id = "u"
name = "Umum"
[[stages]]
id = "s"
name = "Penilaian"
kind = "scoring"
[stages.rubric]
scale = { min = 0, max = 100, step = 0.001 }
criteria = [{ id = "a", name = "A", weight = 100 }]
"#,
    );
    run.ok(&["init", "--db", "r.db", "--definition", "d.toml"]);
    run.write(
        "e.csv",
        "code,title,institution,category\nA1,Satu,Dinas A,u\nA2,Dua,Dinas B,u\n",
    );
    run.ok(&["entries", "import", "--db", "r.db", "e.csv"]);
    run.write(
        "j.csv",
        "id,name,role,assign\nJ1,Ani,ketua,s=*\nJ2,Budi,anggota,s=*\n",
    );
    run.ok(&["jurors", "import", "--db", "r.db", "j.csv"]);
    // A1: (58.68 + 58.69) / 2 = 58.685; A2: 58.694. Both are "58,69" at two decimals.
    run.write(
        "s.csv",
        "stage,entry,juror,criterion,score\ns,A1,J1,a,58.68\ns,A1,J2,a,58.69\ns,A2,J1,a,58.694\ns,A2,J2,a,58.694\n",
    );
    run.ok(&["scores", "import", "--db", "r.db", "s.csv"]);
    for (document, file) in [("recap", "recap.pdf"), ("minutes", "ba.pdf")] {
        run.ok(&[
            "print", "--db", "r.db", "--stage", "s", document, "--out", file,
        ]);
        let out = Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(run.path(file))
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("58,694") && text.contains("58,685"),
            "{document}: {text}"
        );
        assert!(
            text.contains("Nilai ditulis dengan 3 angka desimal"),
            "{document}: {text}"
        );
    }
}

/// Times are shown in the competition's zone: the NTT template runs on WITA (UTC+8), so a
/// sheet submitted at 01:30 UTC reads 09.30 WITA; an unknown zone is refused, naming its field.
#[test]
fn times_are_shown_in_the_competitions_zone() {
    let run = Run::new();
    // JURI_NOW is 2025-12-15T10:00:00+08:00 for every command of these tests.
    run.ok(&["demo", "--db", "d.db"]);
    let log = run.ok(&["log", "--db", "d.db"]);
    assert!(log.contains("2025-12-15 10:00 WITA"), "{log}");
    let csv = run.ok(&["log", "--db", "d.db", "--format", "csv"]);
    assert!(csv.contains("2025-12-15T10:00:00+08:00"), "{csv}");
    let info = run.ok(&["info", "--db", "d.db"]);
    assert!(info.contains("finalised 2025-12-15 10:00 WITA"), "{info}");

    let template = juri_core::templates::template("generic").unwrap();
    run.write(
        "kupang.toml",
        &template.replace(
            "time_zone = \"Asia/Jakarta\"",
            "time_zone = \"Asia/Kupang\"",
        ),
    );
    let err = run.fails(&["init", "--db", "k.db", "--definition", "kupang.toml"]);
    assert!(
        err.contains("competition.time_zone: unknown time zone \"Asia/Kupang\""),
        "{err}"
    );
    assert!(!run.path("k.db").exists());
}

/// Commands that print a report (not rows) take `--format table|json`: CSV is refused before
/// anything runs, naming the values they take, instead of printing the table under that name.
#[test]
fn report_commands_refuse_csv() {
    let run = Run::new();
    run.ok(&["demo", "--db", "d.db"]);
    let before = std::fs::read(run.path("d.db")).unwrap();
    for args in [
        &[
            "merge",
            "--db",
            "d.db",
            "--dry-run",
            "--format",
            "csv",
            "x.juri-bundle",
        ][..],
        &["conflicts", "--db", "d.db", "--format", "csv"],
        &["publish", "--db", "d.db", "--out", "pub", "--format", "csv"],
        &["audit", "pub", "--format", "csv"],
        &["verify", "x.juri", "--format", "csv"],
        &[
            "juror", "--db", "j.db", "sheet", "--stage", "proposal", "--entry", "A1", "--format",
            "csv",
        ],
    ] {
        let err = run.fails(args);
        assert!(
            err.contains("invalid value 'csv'") && err.contains("[possible values: table, json]"),
            "{args:?}: {err}"
        );
    }
    assert!(!run.path("pub").exists() && !run.path("j.db").exists());
    assert_eq!(std::fs::read(run.path("d.db")).unwrap(), before);
    // Row commands keep CSV: `juri info`'s is its stage table alone.
    let info = run.ok(&["info", "--db", "d.db", "--format", "csv"]);
    assert!(
        info.starts_with("stage,name,kind,entries,done,state\n"),
        "{info}"
    );
}
