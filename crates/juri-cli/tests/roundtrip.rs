//! The offline round trip through the real `juri` binary: packages, the juror's laptop, bundles,
//! merging, conflicts and rebuilding.

#[path = "support/run.rs"]
mod run;

use run::*;

#[test]
fn packages_scores_bundles_merge_and_rebuild() {
    let run = Run::new();
    let codes = scored(&run);
    assert_eq!(codes.len(), 3, "one access code per juror");

    // The package holds what the juror may see, signed by the chair; blind review hides institutions.
    let v = run.ok(&["verify", "paket/lomba-uji-2025-J3.juri", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&v).unwrap();
    assert_eq!(v["intact"], true);
    assert_eq!(v["entries"], 4);
    assert_eq!(v["assigned"], 2);
    let sheet = run.ok(&[
        "juror", "--db", "j1.db", "sheet", "--stage", "proposal", "--entry", "A01", "--format",
        "json",
    ]);
    let sheet: serde_json::Value = serde_json::from_str(&sheet).unwrap();
    assert_eq!(sheet["institution"], serde_json::Value::Null);
    assert_eq!(sheet["total"], "85.71");
    assert_eq!(
        sheet["criteria"][0]["levels"][1]["label"],
        "Baru sepenuhnya"
    );
    let status = run.ok(&["juror", "--db", "j2.db", "status"]);
    assert!(status.contains("3 of 4 scored, 3 submitted"), "{status}");

    // A bundle is encrypted: without the chair's keys only its kind shows.
    let locked = run.ok(&["verify", "nilai-J1.juri"]);
    assert!(locked.contains("encrypted for the chair"), "{locked}");
    let open = run.ok(&["verify", "nilai-J1.juri", "--db", "lomba.db"]);
    assert!(
        open.contains("juror J1") && open.contains("registered:  yes"),
        "{open}"
    );
    assert!(open.contains("12 cells, 0 notes, 4 submitted"), "{open}");
    assert!(open.contains("merge:       accepted"), "{open}");

    // Dry run: the plan, nothing written.
    let before = dump(&run.path("lomba.db"));
    let plan = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "--dry-run",
        "nilai-J1.juri",
        "nilai-J2.juri",
    ]);
    assert!(
        plan.contains("plan (dry run, nothing written): 28 new"),
        "{plan}"
    );
    assert_eq!(dump(&run.path("lomba.db")), before);

    let merged = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J2.juri",
        "nilai-J1.juri",
    ]);
    assert!(merged.contains("merged: 28 new, 0 updated"), "{merged}");
    // A01: J1 (6, 5, 7) = 85.71 and J2 (4, 5, 3) = 57.14 on 0–100; the mean counts.
    let results = run.results("lomba.db");
    assert!(results.contains("71.43"), "{results}");
    let status = run.ok(&[
        "status", "--db", "lomba.db", "--stage", "proposal", "--format", "json",
    ]);
    assert!(status.contains("submitted"), "{status}");

    // Merging again is skipped by fingerprint and changes nothing.
    let after = dump(&run.path("lomba.db"));
    let again = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J1.juri",
        "nilai-J2.juri",
    ]);
    assert!(again.contains("imported before"), "{again}");
    assert_eq!(dump(&run.path("lomba.db")), after);

    // A later export with one change: one record updated, the rest unchanged.
    let refused = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "score",
        "--stage",
        "proposal",
        "--entry",
        "A04",
        "--criterion",
        "manfaat",
        "--value",
        "3",
    ]);
    assert!(refused.contains("already submitted"), "{refused}");
    run.ok(&[
        "juror", "--db", "j1.db", "reopen", "--stage", "proposal", "--entry", "A04",
    ]);
    assert!(run
        .score("j1.db", "A04", "kebaruan", "7")
        .contains("revision 2"));
    run.ok(&[
        "juror", "--db", "j1.db", "submit", "--stage", "proposal", "--entry", "A04",
    ]);
    run.export("j1.db", "nilai-J1-2.juri");
    let update = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J1-2.juri",
        "nilai-J1.juri",
    ]);
    assert!(
        update.contains("0 new, 2 updated, 14 unchanged"),
        "{update}"
    );
    assert!(
        update.contains("1 accepted, 0 rejected, 1 skipped"),
        "{update}"
    );

    // J3 scored on paper; the import is journaled so a rebuild replays it.
    std::fs::write(
        run.path("kertas-J3.csv"),
        "tahap,inovasi,juri,kriteria,nilai\nproposal,A01,J3,kebaruan,7\nproposal,A01,J3,manfaat,6\nproposal,A01,J3,replikasi,6\n",
    )
    .unwrap();
    run.ok(&["scores", "import", "--db", "lomba.db", "kertas-J3.csv"]);

    // Rebuild from the stored bundles and paper imports gives identical records and results.
    let results = run.results("lomba.db");
    let rebuilt = run.ok(&["rebuild", "--db", "lomba.db"]);
    assert!(
        rebuilt.contains("2 merges (3 bundles), 1 paper imports") && rebuilt.contains("identical"),
        "{rebuilt}"
    );
    assert_eq!(run.results("lomba.db"), results);
}

#[test]
fn a_new_package_keeps_scores_and_codes_and_old_packages_are_refused() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "v1");
    run.open("j1.db", "v1/lomba-uji-2025-J1.juri", code_of(&codes, "J1"));
    run.score("j1.db", "A01", "kebaruan", "6");
    // Re-issued: version 2, same access code, so no code is printed.
    let out = run.ok(&[
        "package",
        "--db",
        "lomba.db",
        "--juror",
        "J1",
        "--out",
        "J1-v2.juri",
    ]);
    assert!(
        out.contains("package version 2") && out.contains("access code unchanged"),
        "{out}"
    );
    let up = run.ok(&["juror", "--db", "j1.db", "open", "J1-v2.juri"]);
    assert!(
        up.contains("from version 1 to 2") && up.contains("1 scores are kept"),
        "{up}"
    );
    let before = dump(&run.path("j1.db"));
    let old = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "v1/lomba-uji-2025-J1.juri",
    ]);
    assert!(
        old.contains("package version 1 is older than the installed package version 2"),
        "{old}"
    );
    assert_eq!(dump(&run.path("j1.db")), before);
    // Another chair's package is refused.
    run.competition("lain.db", "lomba.toml");
    let other = run.packages("lain.db", "lain");
    let refused = run.fails(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "lain/lomba-uji-2025-J1.juri",
        "--code",
        code_of(&other, "J1"),
    ]);
    assert!(refused.contains("different chair key"), "{refused}");
    assert_eq!(dump(&run.path("j1.db")), before);

    // A new code (a lost laptop): the old key is retired, with the chair's reason.
    run.export("j1.db", "old-key.juri");
    let out = run.ok(&[
        "package",
        "--db",
        "lomba.db",
        "--juror",
        "J1",
        "--out",
        "J1-v3.juri",
        "--new-code",
        "--reason",
        "laptop hilang",
    ]);
    let new = access_codes(&out);
    assert_eq!(new.len(), 1);
    let needs = run.fails(&["juror", "--db", "j1.db", "open", "J1-v3.juri"]);
    assert!(needs.contains("needs the access code"), "{needs}");
    run.ok(&[
        "juror",
        "--db",
        "j1.db",
        "open",
        "J1-v3.juri",
        "--code",
        &new[0].1,
    ]);
    run.score("j1.db", "A01", "manfaat", "5");
    run.export("j1.db", "new-key.juri");
    // A bundle signed by the retired key is held back: a juror's clock cannot be trusted, so its
    // date proves nothing. The other file merges.
    let before = dump(&run.path("lomba.db"));
    let held = run.fails(&["merge", "--db", "lomba.db", "old-key.juri", "new-key.juri"]);
    assert!(
        held.contains(
            "old-key.juri: REJECTED: held back: signed by a key of juror J1 that was retired on \
             2025-12-15 (laptop hilang)"
        ) && held.contains("1 of 2 files rejected"),
        "{held}"
    );
    assert_ne!(
        dump(&run.path("lomba.db")),
        before,
        "the new-key bundle merged"
    );
    let fingerprint = held
        .split("--accept-retired ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the hint names the held bundle")
        .to_string();
    // Accepted one by one, with a reason that the audit log keeps.
    let empty = run.fails(&[
        "merge",
        "--db",
        "lomba.db",
        "--accept-retired",
        &fingerprint,
        "--reason",
        " ",
        "old-key.juri",
    ]);
    assert!(empty.contains("--reason is empty"), "{empty}");
    let accepted = run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "--accept-retired",
        &fingerprint,
        "--reason",
        "diekspor sebelum laptop hilang",
        "old-key.juri",
    ]);
    assert!(
        accepted.contains("1 accepted, 0 rejected")
            && accepted.contains("accepted although signed by a key retired on"),
        "{accepted}"
    );
    let log = run.ok(&["log", "--db", "lomba.db"]);
    assert!(
        log.contains("earlier keys retired (laptop hilang)")
            && log.contains("signed by a key retired on")
            && log.contains("because: diekspor sebelum laptop hilang"),
        "{log}"
    );
    // A rebuild replays the accepted bundle as accepted.
    let check = run.ok(&["rebuild", "--db", "lomba.db", "--check"]);
    assert!(check.contains("identical"), "{check}");
}

#[test]
fn the_juror_gets_clear_messages_and_every_change_bumps_the_revision() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    let wrong = run.fails(&[
        "juror",
        "--db",
        "j3.db",
        "open",
        "paket/lomba-uji-2025-J3.juri",
        "--code",
        "0000-0000-0000-0000",
    ]);
    assert!(
        wrong.contains("paket/lomba-uji-2025-J3.juri")
            && wrong.contains("access code is not correct"),
        "{wrong}"
    );
    let status = run.fails(&["juror", "--db", "j3.db", "status"]);
    assert!(status.contains("no package is installed"), "{status}");
    run.open(
        "j3.db",
        "paket/lomba-uji-2025-J3.juri",
        code_of(&codes, "J3"),
    );
    let cases = [
        (["A02", "kebaruan", "5"], "not assigned to entry 'A02'"),
        (["A09", "kebaruan", "5"], "not in your package"),
        (["A01", "dampak", "5"], "unknown criterion 'dampak'"),
        (["A01", "kebaruan", "8"], "outside the scale 1–7"),
        (["A01", "kebaruan", "5,5"], "outside the scale"),
        (["A01", "kebaruan", "lima"], "not a number"),
    ];
    for ([entry, criterion, value], message) in cases {
        let e = run.fails(&[
            "juror",
            "--db",
            "j3.db",
            "score",
            "--stage",
            "proposal",
            "--entry",
            entry,
            "--criterion",
            criterion,
            "--value",
            value,
        ]);
        assert!(e.contains(message), "{entry}/{criterion}={value}: {e}");
    }
    assert!(run
        .score("j3.db", "A01", "kebaruan", "5")
        .contains("revision 1"));
    assert!(run
        .score("j3.db", "A01", "kebaruan", "6")
        .contains("revision 2"));
    assert!(run
        .score("j3.db", "A01", "kebaruan", "6")
        .contains("unchanged"));
    let incomplete = run.fails(&[
        "juror", "--db", "j3.db", "submit", "--stage", "proposal", "--entry", "A01",
    ]);
    assert!(
        incomplete.contains("2 of 3 criteria are not scored yet"),
        "{incomplete}"
    );
    run.ok(&[
        "juror",
        "--db",
        "j3.db",
        "note",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--text",
        "Kunjungan lapangan: alat berfungsi",
    ]);
    let status = run.ok(&["juror", "--db", "j3.db", "status"]);
    assert!(status.contains("0 of 2 scored"), "{status}");
}

#[test]
fn conflicts_are_shown_ruled_on_and_replayed_by_rebuild() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "paket");
    // The same juror on two laptops: both write revision 1 of the same cell, differently.
    run.open(
        "laptop-a.db",
        "paket/lomba-uji-2025-J1.juri",
        code_of(&codes, "J1"),
    );
    run.open(
        "laptop-b.db",
        "paket/lomba-uji-2025-J1.juri",
        code_of(&codes, "J1"),
    );
    run.score("laptop-a.db", "A01", "kebaruan", "6");
    run.score("laptop-b.db", "A01", "kebaruan", "3");
    run.export("laptop-a.db", "a.juri");
    run.export("laptop-b.db", "b.juri");
    let merged = run.ok(&["merge", "--db", "lomba.db", "a.juri", "b.juri"]);
    assert!(merged.contains("1 conflicts"), "{merged}");
    let list = run.ok(&["conflicts", "--db", "lomba.db"]);
    assert!(list.contains("proposal/A01/J1/kebaruan"), "{list}");
    assert!(list.contains("v1 3") && list.contains("v2 6"), "{list}");
    let wrong = run.fails(&[
        "resolve",
        "--db",
        "lomba.db",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--juror",
        "J1",
        "--criterion",
        "kebaruan",
        "--choose",
        "5",
    ]);
    assert!(wrong.contains("none of the versions"), "{wrong}");
    run.ok(&[
        "resolve",
        "--db",
        "lomba.db",
        "--stage",
        "proposal",
        "--entry",
        "A01",
        "--juror",
        "J1",
        "--criterion",
        "kebaruan",
        "--choose",
        "6",
    ]);
    assert!(run
        .ok(&["conflicts", "--db", "lomba.db"])
        .contains("no open conflicts"));
    let log = run.ok(&["log", "--db", "lomba.db", "--format", "json"]);
    assert!(log.contains("the chair chose 6"), "{log}");
    let results = run.results("lomba.db");
    let check = run.ok(&["rebuild", "--db", "lomba.db", "--check"]);
    assert!(
        check.contains("1 rulings (0 superseded)") && check.contains("identical (checked only)"),
        "{check}"
    );
    assert_eq!(run.results("lomba.db"), results);
}

/// The access code need not be an argument (it would stay in the shell's history): without
/// `--code`, `juri juror open` reads it from standard input (a prompt on a terminal).
#[test]
fn the_access_code_can_come_from_standard_input() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "v1");
    let open = |code: &str| {
        run.with_input(
            &[
                "juror",
                "--db",
                "j1.db",
                "open",
                "v1/lomba-uji-2025-J1.juri",
            ],
            &format!("{code}\n"),
        )
    };
    let wrong = open("AAAA-BBBB-CCCC-DDDD");
    assert!(!wrong.status.success());
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert!(said.contains("code"), "{said}");
    let right = open(code_of(&codes, "J1"));
    assert!(
        right.status.success(),
        "{}",
        String::from_utf8_lossy(&right.stderr)
    );
    assert!(String::from_utf8_lossy(&right.stdout).contains("package version 1 installed for J1"));
}

/// `juri juror submit --all` submits every finished sheet of a stage after a summary and a
/// question (`--yes` answers it; without a terminal it must be given), and leaves unfinished ones.
#[test]
fn a_juror_submits_every_finished_sheet_at_once() {
    let run = Run::new();
    run.competition("lomba.db", "lomba.toml");
    let codes = run.packages("lomba.db", "v1");
    run.open("j1.db", "v1/lomba-uji-2025-J1.juri", code_of(&codes, "J1"));
    for (entry, criteria) in [("A01", 3), ("A02", 3), ("A03", 1)] {
        for c in ["kebaruan", "manfaat", "replikasi"].iter().take(criteria) {
            run.score("j1.db", entry, c, "5");
        }
    }
    let before = dump(&run.path("j1.db"));
    let asked = run.fails(&[
        "juror", "--db", "j1.db", "submit", "--stage", "proposal", "--all",
    ]);
    assert!(asked.contains("add --yes"), "{asked}");
    assert_eq!(
        dump(&run.path("j1.db")),
        before,
        "nothing submitted without an answer"
    );

    let done = run.ok(&[
        "juror", "--db", "j1.db", "submit", "--stage", "proposal", "--all", "--yes",
    ]);
    assert!(
        done.contains("proposal/A03: not finished (1 of 3 criteria), left as it is")
            && done.contains("2 finished sheet(s) to submit in proposal: A01, A02")
            && done.contains("2 sheet(s) submitted in proposal"),
        "{done}"
    );
    let again = run.ok(&[
        "juror", "--db", "j1.db", "submit", "--stage", "proposal", "--all", "--yes",
    ]);
    assert!(
        again.contains("nothing to submit in proposal: 2 submitted before, 2 not finished"),
        "{again}"
    );
    // One entry or all, not both.
    run.fails(&[
        "juror", "--db", "j1.db", "submit", "--stage", "proposal", "--all", "--entry", "A01",
    ]);
}

/// `--verbose` says on stderr how long each step of a merge took; stdout is the same as without it.
#[test]
fn verbose_times_each_step_on_stderr_and_leaves_stdout_alone() {
    let run = Run::new();
    scored(&run);
    let quiet = run.ok(&["merge", "--db", "lomba.db", "--dry-run", "nilai-J1.juri"]);
    let o = run.juri(&[
        "--verbose",
        "merge",
        "--db",
        "lomba.db",
        "--dry-run",
        "nilai-J1.juri",
    ]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), quiet);
    let steps = String::from_utf8(o.stderr).unwrap();
    for step in ["open{", "merge{", "read, plan and write records"] {
        assert!(
            steps
                .lines()
                .any(|l| l.contains(step) && l.contains("close time.busy=")),
            "{step} in {steps}"
        );
    }
    // Without it, nothing of the kind.
    let o = run.juri(&["merge", "--db", "lomba.db", "--dry-run", "nilai-J1.juri"]);
    assert!(!String::from_utf8(o.stderr).unwrap().contains("time.busy"));
}

/// `juri export --what scores`: one row per juror × entry × criterion, with the revision, the
/// bundle the score came in and whether it counts.
#[test]
fn every_score_is_exported_with_its_source() {
    let run = Run::new();
    scored(&run);
    run.ok(&[
        "merge",
        "--db",
        "lomba.db",
        "nilai-J1.juri",
        "nilai-J2.juri",
    ]);
    run.ok(&[
        "export", "--db", "lomba.db", "--what", "scores", "--format", "csv", "--out", "s.csv",
    ]);
    let text = std::fs::read_to_string(run.path("s.csv")).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // J1 scored 4 entries, J2 3, each on 3 criteria.
    assert_eq!(rows.len(), (4 + 3) * 3);
    let juror_col = col("juror");
    let of = |juror: &'static str| rows.iter().filter(move |r| &r[juror_col] == juror);
    for juror in ["J1", "J2"] {
        let sources: std::collections::HashSet<&str> =
            of(juror).map(|r| &r[col("source")]).collect();
        assert_eq!(sources.len(), 1, "{juror}: {sources:?}");
        let source = sources.into_iter().next().unwrap();
        assert!(
            source.len() == 64 && source.chars().all(|c| c.is_ascii_hexdigit()),
            "{juror}'s scores came in a bundle: {source}"
        );
        assert!(of(juror).all(|r| &r[col("counted")] == "true" && &r[col("revision")] == "1"));
    }
    let a01_j1: Vec<&str> = of("J1")
        .filter(|r| &r[col("entry_code")] == "A01")
        .map(|r| &r[col("score")])
        .collect();
    assert_eq!(a01_j1, ["6", "5", "7"]);

    // XLSX and JSON too; a stage that jurors do not score is refused, and --stage is for scores.
    run.ok(&[
        "export", "--db", "lomba.db", "--what", "scores", "--format", "xlsx", "--lang", "en",
        "--out", "s.xlsx",
    ]);
    assert!(std::fs::read(run.path("s.xlsx"))
        .unwrap()
        .starts_with(b"PK"));
    let err = run.fails(&[
        "export", "--db", "lomba.db", "--what", "scores", "--stage", "nope", "--format", "csv",
        "--out", "x.csv",
    ]);
    assert!(err.contains("nope"), "{err}");
    let err = run.fails(&[
        "export", "--db", "lomba.db", "--stage", "proposal", "--format", "csv", "--out", "x.csv",
    ]);
    assert!(err.contains("--what scores or nominees"), "{err}");
    assert!(!run.path("x.csv").exists());
}

/// `juri export --what nominees`: the final's winners in tier order, or a stage's top N.
#[test]
fn nominees_are_the_winners_or_the_top_n() {
    let run = Run::new();
    run.ok(&["demo", "--db", "d.db"]);
    let rows = |args: &[&str]| -> Vec<Vec<String>> {
        let mut all = vec![
            "export", "--db", "d.db", "--what", "nominees", "--format", "csv",
        ];
        all.extend(args);
        all.extend(["--out", "n.csv"]);
        run.ok(&all);
        let text = std::fs::read_to_string(run.path("n.csv")).unwrap();
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    // The final: every winner, the first tier first, each tier numbered from its first place.
    let winners = rows(&[]);
    assert!(!winners.is_empty());
    assert_eq!(winners[0][2], "1", "{:?}", winners[0]);
    let tiers: Vec<&str> = winners.iter().map(|r| r[1].as_str()).collect();
    let mut seen: Vec<&str> = tiers.clone();
    seen.dedup();
    assert!(tiers.iter().all(|t| !t.is_empty()));
    assert_eq!(
        seen.len(),
        seen.iter().collect::<std::collections::HashSet<_>>().len(),
        "each tier comes once, in order: {seen:?}"
    );
    // A stage ranked per category: its top 1 is one entry per category.
    let top = rows(&["--stage", "proposal", "--top", "1"]);
    let categories: std::collections::HashSet<&str> = top.iter().map(|r| r[6].as_str()).collect();
    assert_eq!(top.len(), categories.len());
    assert!(top.iter().all(|r| r[0] == "1" && r[1].is_empty()));
    let err = run.fails(&[
        "export", "--db", "d.db", "--top", "3", "--format", "csv", "--out", "x.csv",
    ]);
    assert!(err.contains("--top goes with --what nominees"), "{err}");
}
