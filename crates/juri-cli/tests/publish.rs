//! `juri publish` and `juri audit` through the real binary: a competition scored with signed juror
//! bundles (comments and a field note included) and a paper import, a tie decided with a reason,
//! finalised; the archive audits "identical" as a folder and as a zip; each tampering is reported
//! precisely, exits non-zero and writes nothing; publishing nothing finalised, or over a folder
//! that holds files, is refused with a clear message.

#[path = "support/demo.rs"]
mod demo;
#[path = "support/run.rs"]
mod run;

use std::path::Path;

use run::{access_codes, code_of, Run};

const DEFINITION: &str = r#"
[competition]
id = "uji-publikasi"
name = "Uji publikasi"
place = "Kupang"
[[categories]]
id = "x"
name = "X"
[[stages]]
id = "p"
name = "Proposal"
kind = "scoring"
advance = { top_per_category = 2 }
[stages.rubric]
scale = { min = 0, max = 100, step = 1 }
criteria = [{ id = "nilai", name = "Nilai", weight = 60 }, { id = "dampak", name = "Dampak", weight = 40 }]
"#;

/// J1 and J2 score on their laptops and export signed bundles; J3's sheets come typed from paper.
/// E2 and E3 tie for the last place that advances; the chair orders them, with a reason.
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
        "id,name,role,assign\nJ1,Dr. Maria Lado,ketua,p=*\nJ2,Yohanes Bria,anggota,p=*\nJ3,Agustina Kase,anggota,p=*\n",
    );
    run.ok(&["jurors", "import", "--db", "l.db", &jurors]);
    let codes = access_codes(&run.ok(&["package", "--db", "l.db", "--all", "--out-dir", "paket"]));
    type Sheets<'a> = [(&'a str, &'a str, &'a str); 3];
    let scores: [(&str, Sheets); 2] = [
        (
            "J1",
            [("E1", "90", "80"), ("E2", "70", "70"), ("E3", "70", "70")],
        ),
        (
            "J2",
            [("E1", "85", "75"), ("E2", "60", "80"), ("E3", "80", "60")],
        ),
    ];
    for (juror, sheets) in scores {
        let laptop = format!("{juror}.db");
        run.open(
            &laptop,
            &format!("paket/uji-publikasi-{juror}.juri"),
            code_of(&codes, juror),
        );
        for (entry, nilai, dampak) in sheets {
            for (criterion, value) in [("nilai", nilai), ("dampak", dampak)] {
                let mut args = vec![
                    "juror",
                    "--db",
                    &laptop,
                    "score",
                    "--stage",
                    "p",
                    "--entry",
                    entry,
                    "--criterion",
                    criterion,
                    "--value",
                    value,
                ];
                if entry == "E1" && criterion == "nilai" {
                    args.extend(["--comment", "Baik"]);
                }
                run.ok(&args);
            }
            run.ok(&[
                "juror", "--db", &laptop, "submit", "--stage", "p", "--entry", entry,
            ]);
        }
        if juror == "J1" {
            // With a photo from the visit: J1's bundle is format version 3, its photo named in
            // the signed payload by its hash (the archive never carries the photo itself).
            let mut jpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 80)
                .encode_image(&image::RgbImage::from_pixel(
                    64,
                    48,
                    image::Rgb([40, 120, 60]),
                ))
                .unwrap();
            std::fs::write(run.path("kunjungan.jpg"), jpeg).unwrap();
            run.ok(&[
                "juror",
                "--db",
                &laptop,
                "note",
                "--stage",
                "p",
                "--entry",
                "E1",
                "--text",
                "Kunjungan lapangan: layanan berjalan.",
                "--photo",
                "kunjungan.jpg",
            ]);
        }
        run.export(&laptop, &format!("nilai-{juror}.juri"));
    }
    run.ok(&["merge", "--db", "l.db", "nilai-J1.juri", "nilai-J2.juri"]);
    let paper = file(
        "kertas.csv",
        "stage,entry,juror,criterion,score\np,E1,J3,nilai,88\np,E1,J3,dampak,82\np,E2,J3,nilai,75\np,E2,J3,dampak,65\np,E3,J3,nilai,65\np,E3,J3,dampak,70\n",
    );
    run.ok(&["scores", "import", "--db", "l.db", &paper]);
    run.ok(&[
        "decide",
        "tie",
        "--db",
        "l.db",
        "--stage",
        "p",
        "--order",
        "E3,E2",
        "--reason",
        "Diputuskan dalam rapat pleno",
    ]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "p"]);
}

/// Every file of a folder, path → bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn copy(from: &Path, to: &Path) {
    for (name, bytes) in tree(from) {
        let target = to.join(name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

/// The manifest rewritten with `file`'s new SHA-256 and size, its signature line kept: what a
/// forger without the chair's key can do.
fn rehash(archive: &Path, file: &str) {
    let path = archive.join("manifest.juri");
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut manifest: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
    let bytes = std::fs::read(archive.join(file)).unwrap();
    for f in manifest["files"].as_array_mut().unwrap() {
        if f["path"] == file {
            f["sha256"] = juri_bundle::Fingerprint::of(&bytes).to_hex().into();
            f["bytes"] = bytes.len().into();
        }
    }
    let payload = juri_bundle::to_canonical_json(&manifest).unwrap();
    std::fs::write(&path, format!("{}\n{payload}\n{}\n", lines[0], lines[2])).unwrap();
}

/// `juri audit` of `dir`, which must fail; its output, after checking that it wrote nothing.
fn audit_fails(run: &Run, dir: &str) -> String {
    let before = tree(&run.path(dir));
    let out = run.fails(&["audit", dir]);
    assert_eq!(tree(&run.path(dir)), before, "audit wrote into {dir}");
    out
}

/// For every file of `archive` but the page: a copy with one byte changed, which the audit
/// reports by name, saying the archive is not what the chair signed.
fn each_byte_flipped(run: &Run, archive: &str) {
    for (name, _) in tree(&run.path(archive)) {
        if name == "index.html" {
            continue;
        }
        let dir = format!("{archive}-bita-{}", name.replace('/', "-"));
        copy(&run.path(archive), &run.path(&dir));
        let path = run.path(&dir).join(&name);
        let mut bytes = std::fs::read(&path).unwrap();
        let at = bytes.len() / 2;
        bytes[at] ^= 0x01;
        std::fs::write(&path, bytes).unwrap();
        let out = audit_fails(run, &dir);
        let expected = if name == "manifest.juri" {
            "differs: manifest.juri: ".to_string()
        } else {
            format!(
                "differs: {name}: its content is not the one the manifest lists (SHA-256 or size differs)\n"
            )
        };
        assert!(out.contains(&expected), "{name}: {out}");
        assert!(
            out.contains("juri: the archive is not what the chair signed"),
            "{out}"
        );
    }
}

/// A copy of `archive` without the file `removed`, and one with a file added: the audit names
/// each.
fn one_removed_one_added(run: &Run, archive: &str, removed: &str) {
    let dir = format!("{archive}-kurang");
    copy(&run.path(archive), &run.path(&dir));
    std::fs::remove_file(run.path(&dir).join(removed)).unwrap();
    let out = audit_fails(run, &dir);
    assert!(
        out.contains(&format!("differs: {removed}: listed but missing\n")),
        "{out}"
    );
    let dir = format!("{archive}-lebih");
    copy(&run.path(archive), &run.path(&dir));
    std::fs::write(run.path(&dir).join("catatan.txt"), "tambahan").unwrap();
    let out = audit_fails(run, &dir);
    assert!(
        out.contains("differs: catatan.txt: not listed in the manifest\n"),
        "{out}"
    );
}

/// A copy of `archive` whose first juror's first key is the second juror's, the manifest
/// re-hashed but not re-signed; the audit's report.
fn key_swapped(run: &Run, archive: &str) -> String {
    let dir = format!("{archive}-kunci");
    copy(&run.path(archive), &run.path(&dir));
    let comp = run.path(&dir).join("competition.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&comp).unwrap()).unwrap();
    let j2_key = v["jurors"][1]["keys"][0]["public_key"].clone();
    v["jurors"][0]["keys"][0]["public_key"] = j2_key;
    std::fs::write(&comp, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    rehash(&run.path(&dir), "competition.json");
    audit_fails(run, &dir)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_published_archive_audits_identical_and_every_tampering_is_reported() {
    let run = Run::new();
    competition(&run);
    let out = run.ok(&["publish", "--db", "l.db", "--out", "arsip"]);
    assert!(
        out.contains("verification archive written to arsip: ")
            && out
                .contains("1 stage snapshots, 2 juror-signed bundles, 1 paper imports, 0 rulings")
            && out.contains("juror names withheld, comments withheld, field notes withheld")
            && out.contains("anyone can check it: juri audit arsip"),
        "{out}"
    );
    let audit = run.ok(&["audit", "arsip"]);
    assert!(
        audit.contains("checked: ")
            && audit.contains("2 juror signatures (13 texts withheld), 1 paper imports, 0 rulings, 1 stage snapshots re-derived")
            && audit.ends_with(
                "identical: every signature holds and every result re-derives from the signed data\n"
            ),
        "{audit}"
    );
    // Personal data withheld: names, comments and the field note are nowhere in the archive.
    for (name, bytes) in tree(&run.path("arsip")) {
        let text = String::from_utf8_lossy(&bytes);
        for private in ["Maria Lado", "Yohanes Bria", "Baik", "Kunjungan lapangan"] {
            assert!(!text.contains(private), "{private} in {name}");
        }
    }
    let stage = run.path("arsip/stages/p-v1.json");
    let stage_text = std::fs::read_to_string(&stage).unwrap();
    assert!(stage_text.contains("\"Ketua\"") && stage_text.contains("\"Anggota 2\""));
    let evidence: Vec<String> = tree(&run.path("arsip"))
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.starts_with("evidence/"))
        .collect();
    assert_eq!(evidence.len(), 2, "{evidence:?}");

    // One byte changed in any file.
    each_byte_flipped(&run, "arsip");

    // A file removed, a file added.
    one_removed_one_added(&run, "arsip", &evidence[0]);

    // A score moved from one entry to another, the manifest re-hashed but not re-signed.
    copy(&run.path("arsip"), &run.path("pindah"));
    let moved = run.path("pindah/stages/p-v1.json");
    let text = std::fs::read_to_string(&moved).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let sheets = v["snapshot"]["sheets"].as_array_mut().unwrap();
    let at = |e: &str, j: &str| {
        sheets
            .iter()
            .position(|s| s["entry"] == e && s["juror"] == j)
            .unwrap()
    };
    let (e2, e3) = (at("E2", "J2"), at("E3", "J2"));
    let s2 = sheets[e2]["scores"].clone();
    sheets[e2]["scores"] = sheets[e3]["scores"].clone();
    sheets[e3]["scores"] = s2;
    std::fs::write(&moved, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    rehash(&run.path("pindah"), "stages/p-v1.json");
    let out = audit_fails(&run, "pindah");
    assert!(
        out.contains("differs: manifest.juri: the chair's signature does not match the manifest")
            && out.contains("differs: stages/p-v1.json: snapshot of stage 'p' version 1: E2, juror J2, criterion nilai: the snapshot has 80, the signed records give 60\n")
            && out.contains("differs: stages/p-v1.json: snapshot of stage 'p' version 1: E3, juror J2, criterion nilai: the snapshot has 60, the signed records give 80\n")
            && !out.contains("listed but missing")
            && !out.contains("its content is not the one"),
        "{out}"
    );

    // A decision's reason altered.
    copy(&run.path("arsip"), &run.path("alasan"));
    edit(
        &run.path("alasan/stages/p-v1.json"),
        "Diputuskan dalam rapat pleno",
        "Diputuskan sendiri",
    );
    let out = audit_fails(&run, "alasan");
    assert!(
        out.contains("differs: stages/p-v1.json: its content is not the one the manifest lists"),
        "{out}"
    );

    // A juror's key swapped for another juror's, the manifest re-hashed.
    let out = key_swapped(&run, "arsip");
    assert!(
        out.contains("differs: manifest.juri: the chair's signature does not match")
            && out.contains("signed by a key the chair did not register for juror J1\n"),
        "{out}"
    );

    // The page changed.
    copy(&run.path("arsip"), &run.path("halaman"));
    edit(&run.path("halaman/index.html"), "\"E1\"", "\"E9\"");
    let out = audit_fails(&run, "halaman");
    assert!(
        out.contains(
            "differs: index.html: the results page does not show what the archive holds\n"
        ),
        "{out}"
    );

    // Another chair's key; the chair's own, in full or in the short form of `juri verify`.
    let out = run.fails(&["audit", "arsip", "--chair-key", &"ab".repeat(32)]);
    assert!(
        out.contains("differs: manifest.juri: signed by the key "),
        "{out}"
    );
    let key = chair_key(&audit).to_string();
    run.ok(&["audit", "arsip", "--chair-key", &key]);
    let short = format!("{}-{}-{}", &key[..4], &key[4..8], &key[8..12]);
    run.ok(&["audit", "arsip", "--chair-key", &short]);
    let package = run.ok(&["verify", "paket/uji-publikasi-J1.juri"]);
    assert!(
        package.contains(&short),
        "juri verify shows the chair key as {short}: {package}"
    );
}

#[test]
fn a_zip_with_the_texts_published_audits_identical_and_a_changed_text_is_named() {
    let run = Run::new();
    competition(&run);
    let out = run.ok(&[
        "publish",
        "--db",
        "l.db",
        "--out",
        "arsip.zip",
        "--publish-names",
        "--publish-comments",
        "--publish-notes",
    ]);
    assert!(
        out.contains("juror names published, comments published, field notes published"),
        "{out}"
    );
    let audit = run.ok(&["audit", "arsip.zip"]);
    assert!(
        audit.contains("(0 texts withheld)") && audit.contains("\nidentical: "),
        "{audit}"
    );
    // The same, as a folder: the comment travels with its salt, checked against its digest.
    run.ok(&[
        "publish",
        "--db",
        "l.db",
        "--out",
        "terbuka",
        "--publish-comments",
        "--publish-notes",
    ]);
    let texts: Vec<_> = tree(&run.path("terbuka"))
        .into_iter()
        .filter(|(n, _)| n.ends_with(".texts.json"))
        .collect();
    assert_eq!(texts.len(), 2);
    let (name, bytes) = texts
        .iter()
        .find(|(_, b)| String::from_utf8_lossy(b).contains("Baik"))
        .unwrap();
    let path = run.path("terbuka").join(name);
    std::fs::write(
        &path,
        String::from_utf8_lossy(bytes).replace("Baik", "Buruk"),
    )
    .unwrap();
    rehash(&run.path("terbuka"), name);
    let out = audit_fails(&run, "terbuka");
    let envelope = name.replace(".texts.json", ".juri");
    assert!(
        out.contains("differs: manifest.juri: the chair's signature does not match")
            && out.contains(&format!(
                "differs: {envelope}: the file is damaged: score p/E1/nilai: its text does not match the digest the juror signed\n"
            ))
            && out.contains("differs: index.html: ")
            && out.matches("differs: ").count() == 3,
        "{out}"
    );
}

#[test]
fn publishing_nothing_finalised_or_over_files_is_refused() {
    let run = Run::new();
    let def = run.write("lomba.toml", DEFINITION);
    run.ok(&[
        "init",
        "--db",
        "l.db",
        "--definition",
        def.to_str().unwrap(),
    ]);
    let out = run.fails(&["publish", "--db", "l.db", "--out", "arsip"]);
    assert_eq!(
        out,
        "juri: no stage is finalised yet: a verification archive publishes finalised results, so finalise a stage first\n"
    );
    assert!(!run.path("arsip").exists());

    let run = Run::new();
    competition(&run);
    std::fs::create_dir(run.path("penuh")).unwrap();
    std::fs::write(run.path("penuh/lain.txt"), "milik orang lain").unwrap();
    let out = run.fails(&["publish", "--db", "l.db", "--out", "penuh"]);
    assert!(
        out.contains("penuh exists already and is not empty"),
        "{out}"
    );
    assert_eq!(tree(&run.path("penuh")).len(), 1);
    // An empty folder made for it is used.
    std::fs::create_dir(run.path("kosong")).unwrap();
    run.ok(&["publish", "--db", "l.db", "--out", "kosong"]);
    run.ok(&["audit", "kosong"]);
    let out = run.fails(&["audit", "tidak-ada"]);
    assert!(out.contains("tidak-ada"), "{out}");
}

/// The body of the first fenced block after `marker` in docs/formats.md.
fn documented(marker: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/formats.md");
    let doc = std::fs::read_to_string(path).unwrap();
    let rest = &doc[doc.find(marker).expect("marker")..];
    let open = rest.find("```").unwrap();
    let start = open + rest[open..].find('\n').unwrap() + 1;
    let len = rest[start..].find("\n```").unwrap();
    rest[start..start + len + 1].to_string()
}

/// Runs docs/formats.md's `check_archive.py` on the archive `dir` for `juror`.
fn check_archive_py(run: &Run, dir: &str, juror: &str) -> (bool, String) {
    let script = run.write(
        "check_archive.py",
        &documented("<!-- example: check_archive.py -->"),
    );
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(run.path(dir))
        .arg(juror)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn the_documented_python_script_checks_an_archive_without_juri() {
    let run = Run::new();
    competition(&run);
    run.ok(&[
        "publish",
        "--db",
        "l.db",
        "--out",
        "arsip",
        "--publish-comments",
    ]);
    let (ok, out) = check_archive_py(&run, "arsip", "J1");
    assert!(ok, "{out}");
    assert!(
        out.ends_with("J1 6 signed scores: every signature and file holds\n"),
        "{out}"
    );
    let audit = run.ok(&["audit", "arsip"]);
    let manifest = audit
        .lines()
        .find_map(|l| l.strip_prefix("manifest fingerprint: "))
        .unwrap();
    assert!(
        out.starts_with(&format!("archive {manifest} signed by ")),
        "{out}"
    );

    // A juror's key swapped, the manifest re-hashed: the manifest's signature no longer holds.
    copy(&run.path("arsip"), &run.path("kunci"));
    let comp = run.path("kunci/competition.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&comp).unwrap()).unwrap();
    v["jurors"][0]["keys"][0]["public_key"] = v["jurors"][1]["keys"][0]["public_key"].clone();
    std::fs::write(&comp, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    let (ok, out) = check_archive_py(&run, "kunci", "J1");
    assert!(
        !ok && out.contains("competition.json: not the file the manifest lists"),
        "{out}"
    );
    rehash(&run.path("kunci"), "competition.json");
    let (ok, out) = check_archive_py(&run, "kunci", "J1");
    assert!(!ok && out.contains("InvalidSignature"), "{out}");

    // A comment changed in the published texts (and its hash in a manifest re-signed by a forger
    // is out of reach): the file no longer matches.
    copy(&run.path("arsip"), &run.path("teks"));
    let texts = tree(&run.path("teks"))
        .into_iter()
        .find(|(n, b)| n.ends_with(".texts.json") && String::from_utf8_lossy(b).contains("Baik"))
        .unwrap()
        .0;
    edit(&run.path("teks").join(&texts), "Baik", "Buruk");
    let (ok, out) = check_archive_py(&run, "teks", "J1");
    assert!(
        !ok && out.contains("not the file the manifest lists"),
        "{out}"
    );
    // A forger re-signs the manifest with a key of their own: the archive holds together, but the
    // text is not the one the juror signed — and the chair's key is not the one printed.
    resign(&run.path("teks"), &texts);
    let envelope =
        std::fs::read_to_string(run.path("teks").join(texts.replace(".texts.json", ".juri")))
            .unwrap();
    let payload: serde_json::Value =
        serde_json::from_str(envelope.lines().nth(1).unwrap()).unwrap();
    let juror = payload["juror_id"].as_str().unwrap();
    let (ok, out) = check_archive_py(&run, "teks", juror);
    assert!(
        !ok && out.contains("a text does not match the digest the juror signed")
            && !out.contains(&format!("signed by {}", chair_key(&audit))),
        "{out}"
    );
    let out = run.fails(&["audit", "teks", "--chair-key", chair_key(&audit)]);
    assert!(
        out.contains("differs: manifest.juri: signed by the key ")
            && out.contains("its text does not match the digest the juror signed"),
        "{out}"
    );
}

fn chair_key(audit: &str) -> &str {
    audit
        .lines()
        .find_map(|l| l.strip_prefix("signed with the key: "))
        .unwrap()
}

/// The manifest rewritten with `file`'s new SHA-256 and size and signed with a forger's key.
fn resign(archive: &Path, file: &str) {
    rehash(archive, file);
    let path = archive.join("manifest.juri");
    let text = std::fs::read_to_string(&path).unwrap();
    let payload: serde_json::Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    let forger = juri_bundle::ChairKeys::from_secret_string(&format!(
        "juri-chair-secret-v1:{}",
        juri_bundle::to_base64(&[7u8; 64])
    ))
    .unwrap();
    let signed = juri_bundle::sign_archive_manifest(&payload, &forger).unwrap();
    std::fs::write(&path, signed).unwrap();
}

#[test]
fn the_demo_decided_to_its_final_publishes_and_audits_identical() {
    let run = Run::new();
    run.ok(&["demo", "--db", "d.db"]);
    demo::finalise_presentations(run.dir.path(), |args| run.ok(args));
    run.ok(&["finalize", "--db", "d.db", "--stage", "final"]);
    let out = run.ok(&["publish", "--db", "d.db", "--out", "transparansi"]);
    assert!(out.contains("4 stage snapshots"), "{out}");
    let audit = run.ok(&["audit", "transparansi", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&audit).unwrap();
    assert_eq!(report["identical"], true, "{audit}");
    assert_eq!(report["stages"], 4, "{audit}");
    assert_eq!(report["differences"], serde_json::json!([]), "{audit}");
    // The demo's jurors sent their scores in signed bundles: nine (five for the proposals, four
    // for the presentations), each juror's signature checked, the comments withheld by digest.
    assert_eq!(report["bundles"], 9, "{audit}");
    assert_eq!(report["not_checkable"], serde_json::json!([]), "{audit}");
    assert!(report["texts_withheld"].as_u64().unwrap() > 0, "{audit}");
    let journal: serde_json::Value =
        serde_json::from_slice(&std::fs::read(run.path("transparansi/journal.json")).unwrap())
            .unwrap();
    let merges: Vec<usize> = journal
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "merge")
        .map(|e| e["bundles"].as_array().unwrap().len())
        .collect();
    assert_eq!(merges, vec![5, 4], "{journal}");

    // Each tampering, on the demo's archive.
    each_byte_flipped(&run, "transparansi");
    let evidence_files: Vec<String> = tree(&run.path("transparansi"))
        .into_iter()
        .map(|(n, _)| n)
        .filter(|n| n.starts_with("evidence/"))
        .collect();
    // One signed envelope per bundle; no texts file, every text withheld.
    assert_eq!(evidence_files.len(), 9, "{evidence_files:?}");
    one_removed_one_added(&run, "transparansi", &evidence_files[0]);
    // Juror J1's proposal scores of two entries swapped, the manifest re-hashed.
    copy(&run.path("transparansi"), &run.path("pindah"));
    let moved = run.path("pindah/stages/proposal-v1.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&moved).unwrap()).unwrap();
    let sheets = v["snapshot"]["sheets"].as_array_mut().unwrap();
    let j1: Vec<usize> = (0..sheets.len())
        .filter(|&i| sheets[i]["juror"] == "J1")
        .collect();
    let criterion = "kebaruan";
    let (a, b) = j1
        .iter()
        .flat_map(|&a| j1.iter().map(move |&b| (a, b)))
        .find(|&(a, b)| sheets[a]["scores"][criterion] != sheets[b]["scores"][criterion])
        .unwrap();
    let raw = |i: usize| sheets[i]["scores"][criterion].as_i64().unwrap() / 1000;
    let (entry_a, entry_b) = (
        sheets[a]["entry"].as_str().unwrap().to_string(),
        sheets[b]["entry"].as_str().unwrap().to_string(),
    );
    let (score_a, score_b) = (raw(a), raw(b));
    let scores_a = sheets[a]["scores"].clone();
    sheets[a]["scores"] = sheets[b]["scores"].clone();
    sheets[b]["scores"] = scores_a;
    std::fs::write(&moved, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    rehash(&run.path("pindah"), "stages/proposal-v1.json");
    let out = audit_fails(&run, "pindah");
    for (entry, has, signed) in [(&entry_a, score_b, score_a), (&entry_b, score_a, score_b)] {
        let said = format!(
            "differs: stages/proposal-v1.json: snapshot of stage 'proposal' version 1: {entry}, juror J1, criterion {criterion}: the snapshot has {has}, the signed records give {signed}\n"
        );
        assert!(out.contains(&said), "{said} in {out}");
    }
    assert!(
        out.contains("differs: manifest.juri: the chair's signature does not match the manifest"),
        "{out}"
    );
    // Juror J1's key swapped for J2's, the manifest re-hashed.
    let out = key_swapped(&run, "transparansi");
    assert!(
        out.contains("signed by a key the chair did not register for juror J1\n"),
        "{out}"
    );
    // A score changed in one of the demo's signed bundles, the manifest re-hashed: the juror's
    // signature no longer holds.
    let evidence = tree(&run.path("transparansi"))
        .into_iter()
        .map(|(n, _)| n)
        .find(|n| n.starts_with("evidence/") && n.ends_with(".juri"))
        .unwrap();
    copy(&run.path("transparansi"), &run.path("ubah"));
    let path = run.path("ubah").join(&evidence);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("\"value\":\"").unwrap() + "\"value\":\"".len();
    let digit = text.as_bytes()[at];
    let mut bytes = text.into_bytes();
    bytes[at] = if digit == b'1' { b'2' } else { b'1' };
    std::fs::write(&path, bytes).unwrap();
    rehash(&run.path("ubah"), &evidence);
    let out = audit_fails(&run, "ubah");
    assert!(
        out.contains(&format!(
            "differs: {evidence}: the signature does not match the content: the file was altered after it was signed\n"
        )),
        "{out}"
    );
    // The page names every stage and the final's winners.
    let page = std::fs::read_to_string(run.path("transparansi/index.html")).unwrap();
    for name in [
        "Seleksi Administrasi",
        "Penilaian Proposal",
        "Presentasi dan Wawancara",
        "Top 10 Inovasi Terbaik",
    ] {
        assert!(page.contains(name), "{name} not on the page");
    }
}

#[test]
fn a_stage_corrected_after_finalisation_publishes_both_versions_and_the_correction() {
    let run = Run::new();
    competition(&run);
    run.ok(&[
        "correct",
        "reopen",
        "--db",
        "l.db",
        "--stage",
        "p",
        "--reason",
        "Salah ketik nilai J3",
    ]);
    run.ok(&[
        "correct",
        "score",
        "--db",
        "l.db",
        "--stage",
        "p",
        "--entry",
        "E1",
        "--juror",
        "J3",
        "--criterion",
        "nilai",
        "--score",
        "87",
        "--reason",
        "Lembar J3 menulis 87",
    ]);
    run.ok(&["finalize", "--db", "l.db", "--stage", "p"]);
    let out = run.ok(&["publish", "--db", "l.db", "--out", "arsip"]);
    assert!(
        out.contains("2 stage snapshots") && out.contains(", 2 corrections"),
        "{out}"
    );
    let audit = run.ok(&["audit", "arsip"]);
    assert!(
        audit.contains("2 stage snapshots re-derived, 2 corrections listed")
            && audit.contains("\nidentical: "),
        "{audit}"
    );
    let corrections = std::fs::read_to_string(run.path("arsip/corrections.json")).unwrap();
    assert!(
        corrections.contains("Lembar J3 menulis 87")
            && corrections.contains("Salah ketik nilai J3"),
        "{corrections}"
    );
    // Version 1 froze J3's 88, version 2 the corrected 87: each checked against the records then.
    copy(&run.path("arsip"), &run.path("ubah"));
    edit(
        &run.path("ubah/stages/p-v1.json"),
        "\"nilai\": 88000",
        "\"nilai\": 87000",
    );
    rehash(&run.path("ubah"), "stages/p-v1.json");
    let out = audit_fails(&run, "ubah");
    assert!(
        out.contains("differs: stages/p-v1.json: snapshot of stage 'p' version 1: E1, juror J3, criterion nilai: the snapshot has 87, the signed records give 88\n"),
        "{out}"
    );
}

#[test]
fn auditing_what_is_not_an_archive_says_so() {
    let run = Run::new();
    let zip = |name: &str, entry: &str| {
        let file = std::fs::File::create(run.path(name)).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        zip.start_file(entry, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, b"x").unwrap();
        zip.finish().unwrap();
    };
    zip("lari.zip", "../lari.txt");
    zip("biasa.zip", "a.txt");
    run.write("catatan.txt", "bukan arsip");
    for (file, message) in [
        (
            "lari.zip",
            "juri: lari.zip: the zip holds a file named ../lari.txt, which points outside the archive\n",
        ),
        (
            "biasa.zip",
            "juri: biasa.zip: no manifest.juri: this is not a verification archive written by `juri publish`\n",
        ),
        (
            "catatan.txt",
            "juri: catatan.txt: not a folder or a zip of a verification archive (",
        ),
    ] {
        let out = run.fails(&["audit", file]);
        assert!(out.starts_with(message), "{file}: {out}");
    }
    assert!(
        !run.path("lari.txt").exists()
            && !run.dir.path().parent().unwrap().join("lari.txt").exists()
    );
}
