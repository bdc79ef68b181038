//! `juri correct replace-juror` through the real binary: every refusal says why and leaves the
//! database byte for byte as it was; a replacement is printed, logged, seats the panel of the
//! stage and the later ones, and `juri rebuild --check` re-derives it.

#[path = "support/run.rs"]
mod run;

use run::Run;

const DEFINITION: &str = r#"
[competition]
id = "uji-cli-ganti"
name = "Uji ganti juri"
place = "Kupang"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "Proposal"
kind = "scoring"
advance = { top_per_category = 3 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
[[stages]]
id = "s"
name = "Presentasi"
kind = "scoring"
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 100 }]
"#;

/// p scored by J1 and J2 and finalised; in s, J1 scored every entry and J2 only E1.
fn competition(run: &Run) {
    let file = |name: &str, text: &str| {
        std::fs::write(run.path(name), text).unwrap();
        run.p(name)
    };
    let def = file("lomba.toml", DEFINITION);
    run.ok(&["init", "--db", "l.db", "--definition", &def]);
    let entries = file(
        "entries.csv",
        "kode,judul,instansi,kategori\nE1,Inovasi E1,Dinas A,x\nE2,Inovasi E2,Dinas B,x\nE3,Inovasi E3,Dinas C,x\n",
    );
    run.ok(&["entries", "import", "--db", "l.db", &entries]);
    let jurors = file(
        "jurors.csv",
        "id,name,role,assign,conflicts,active\n\
         J1,Dr. Maria Lado,ketua,\"p=*;s=*\",,ya\n\
         J2,Yohanes Bria,anggota,\"p=*;s=*\",,ya\n\
         J9,Agustina Kase,anggota,,entry:E3 (adik pengusul),ya\n\
         J7,Benediktus Nope,anggota,,,tidak\n",
    );
    run.ok(&["jurors", "import", "--db", "l.db", &jurors]);
    let p = file(
        "p.csv",
        "stage,entry,juror,criterion,score\n\
         p,E1,J1,nilai,90\np,E1,J2,nilai,80\np,E2,J1,nilai,70\n\
         p,E2,J2,nilai,75\np,E3,J1,nilai,60\np,E3,J2,nilai,65\n",
    );
    run.ok(&["scores", "import", "--db", "l.db", &p]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "p"]);
    let s = file(
        "s.csv",
        "stage,entry,juror,criterion,score\ns,E1,J1,nilai,88\ns,E2,J1,nilai,77\ns,E3,J1,nilai,66\ns,E1,J2,nilai,50\n",
    );
    run.ok(&["scores", "import", "--db", "l.db", &s]);
}

fn replace<'a>(stage: &'a str, juror: &'a str, by: &'a str, reason: &'a str) -> Vec<&'a str> {
    vec![
        "correct",
        "replace-juror",
        "--db",
        "l.db",
        "--stage",
        stage,
        "--juror",
        juror,
        "--by",
        by,
        "--reason",
        reason,
    ]
}

#[test]
fn replace_juror_refuses_bad_requests_and_replaces_with_a_reason() {
    let run = Run::new();
    competition(&run);
    let help = run.ok(&["correct", "replace-juror", "--help"]);
    assert!(
        help.contains("--stage <STAGE>")
            && help.contains("--juror <JUROR>")
            && help.contains("--by <JUROR>")
            && help.contains("--keep-sheets")
            && help.contains("--reason <REASON>"),
        "{help}"
    );
    let bytes = || {
        (
            std::fs::read(run.path("l.db")).unwrap(),
            std::fs::read(run.path("l.db-wal")).unwrap_or_default(),
        )
    };
    let before = bytes();
    for (args, message) in [
        (replace("s", "J2", "J99", "Sakit"), "juri: unknown juror 'J99'"),
        (
            replace("s", "J2", "J2", "Sakit"),
            "juri: juror 'J2' cannot replace themselves; name another juror to take over",
        ),
        (
            replace("p", "J2", "J9", "Sakit"),
            "juri: stage 'p' is finalised; its results are frozen",
        ),
        (
            replace("s", "J2", "J7", "Sakit"),
            "juri: juror 'J7' has been removed from the panel and cannot take over; name an active juror",
        ),
        (
            replace("s", "J2", "J1", "Sakit"),
            "juri: juror 'J1' already sits on stage 's'; the replacement must be a juror who does not",
        ),
        (
            replace("s", "J2", "J9", " "),
            "juri: a correction needs a reason; it is kept in the audit log and printed in the correction minutes",
        ),
    ] {
        let out = run.fails(&args);
        assert!(out.starts_with(message), "{args:?}: {out}");
        assert!(bytes() == before, "{args:?} changed the database");
    }
    let out = run.fails(&[
        "correct",
        "replace-juror",
        "--db",
        "l.db",
        "--stage",
        "s",
        "--juror",
        "J2",
        "--by",
        "J9",
    ]);
    assert!(out.contains("--reason <REASON>"), "{out}");
    assert!(bytes() == before);

    let out = run.ok(&replace("s", "J2", "J9", "J2 sakit; diganti sesuai SK"));
    assert_eq!(
        out,
        "s: J2 replaced with J9 (stages s)\n\
         J2's sheets in s no longer count\n\
         set aside: E1\n\
         J9 is recused from, so not seated on: s/E3 (adik pengusul)\n"
    );
    let log = run.ok(&[
        "log",
        "--db",
        "l.db",
        "--kind",
        "replace-juror",
        "--format",
        "csv",
    ]);
    assert!(
        log.contains("s: juror J2 (Yohanes Bria) replaced with J9 (Agustina Kase) by ketua (Dr. Maria Lado) in stages s; J2's sheets in s no longer count; set aside: E1; J9 is recused from, so not seated on: s/E3 (adik pengusul) — reason: J2 sakit; diganti sesuai SK"),
        "{log}"
    );
    let status = run.ok(&["status", "--db", "l.db", "--stage", "s", "--format", "json"]);
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["jurors"], serde_json::json!(["J1", "J9"]));
    let check = run.ok(&["rebuild", "--db", "l.db", "--check"]);
    assert!(
        check.contains(
            "re-derived 1 stage snapshots (0 reconstructed at an upgrade) and 1 corrections"
        ) && check.contains("identical (checked only)"),
        "{check}"
    );
}

#[test]
fn keep_sheets_keeps_the_departing_jurors_submitted_sheets() {
    let run = Run::new();
    competition(&run);
    let mut args = replace("s", "J2", "J9", "J2 dimutasi");
    args.push("--keep-sheets");
    let out = run.ok(&args);
    assert_eq!(
        out,
        "s: J2 replaced with J9 (stages s)\n\
         J2's submitted sheets still count: E1; J9 scores the rest of J2's entries in s\n\
         J9 is recused from, so not seated on: s/E3 (adik pengusul)\n"
    );
    let results = run.ok(&[
        "results", "--db", "l.db", "--stage", "s", "--format", "json",
    ]);
    let results: serde_json::Value = serde_json::from_str(&results).unwrap();
    let rows = results["groups"][0]["rows"].as_array().unwrap();
    let e1 = rows.iter().find(|r| r["entry"] == "E1").unwrap();
    let jurors: Vec<&str> = e1["juror_totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["juror"].as_str().unwrap())
        .collect();
    assert_eq!(jurors, vec!["J1", "J2"]);
    let e2 = rows.iter().find(|r| r["entry"] == "E2").unwrap();
    assert_eq!(e2["missing_jurors"], serde_json::json!(["J9"]));
}

#[test]
fn rebuild_check_names_a_snapshot_that_does_not_re_derive() {
    let run = Run::new();
    competition(&run);
    let check = run.ok(&["rebuild", "--db", "l.db", "--check"]);
    assert!(
        check.contains("re-derived 1 stage snapshots (0 reconstructed at an upgrade) and 0 corrections\nidentical (checked only)"),
        "{check}"
    );
    {
        let conn = juri_store::rusqlite::Connection::open(run.path("l.db")).unwrap();
        conn.execute_batch("DROP TRIGGER stage_snapshots_no_update;")
            .unwrap();
        let n = conn
            .execute(
                "UPDATE stage_snapshots SET content = replace(content, '\"nilai\":90000', '\"nilai\":10000')",
                [],
            )
            .unwrap();
        assert_eq!(n, 1);
    }
    let out = run.fails(&["rebuild", "--db", "l.db", "--check"]);
    assert!(
        out.contains("differs: snapshot of stage 'p' version 1: its panel, entries, sheets and decisions do not give the results frozen for it\n")
            && out.contains("juri: 1 stage snapshot or correction does not re-derive from what was kept"),
        "{out}"
    );
}
