//! A correction racing a merge committed by another connection: the merge commits after the
//! correction has read what it reads before its write and before it takes the write lock. The
//! correction then sees the merge whole (it checks and writes under the write lock, reading
//! everything it decides on there) or is refused with a clear message; it never half-applies, and
//! the database stays consistent — the records rebuild identically and every snapshot and
//! correction re-derives. A merge planned before a correction and applied after it is refused,
//! writing nothing.
//!
//! The interleaving is forced, not hoped for: a third connection holds the write lock while the
//! correction runs, so the correction waits in its busy handler; the lock is then released, the
//! merge commits, and only then does the handler let the correction take the lock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering::SeqCst};
use std::time::{Duration, Instant};

use juri_app::{AppError, AuditFilter, Chair, JurorWorkspace, Refusal, ScoreCorrection};
use juri_core::PairState;
use juri_store::rusqlite::Connection;

mod support;
use support::{bytes, write};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../juri-cli/tests/data/roundtrip")
        .join(name)
}

/// A chair's database with J1–J3 on the panel of `proposal` and J9 on none, J2's paper score of
/// A01/kebaruan typed in (revision 1), and J2's bundle, not merged yet: a submitted sheet of
/// every entry, A01/kebaruan edited twice (revision 2).
fn unmerged(dir: &Path) -> (PathBuf, PathBuf) {
    let db = dir.join("base.db");
    let def = std::fs::read_to_string(data("lomba.toml")).unwrap();
    let mut chair = Chair::init(&db, &def).unwrap();
    chair.import_entries(&data("entries.csv")).unwrap();
    chair.import_jurors(&data("jurors.csv")).unwrap();
    chair
        .import_jurors(&write(dir, "pengganti.csv", "id,nama\nJ9,Juri Pengganti\n"))
        .unwrap();
    let paper = write(
        dir,
        "kertas.csv",
        "stage,entry,juror,criterion,score\nproposal,A01,J2,kebaruan,3\n",
    );
    chair.import_scores(&paper).unwrap();
    let package = dir.join("J2.juri");
    chair.unlock("kata sandi ketua uji").unwrap();
    let code = chair
        .issue_package("J2", false, &package)
        .unwrap()
        .access_code
        .unwrap();
    let mut laptop = JurorWorkspace::open(&dir.join("laptop.db")).unwrap();
    laptop.install_package(&package, Some(&code)).unwrap();
    laptop
        .set_score("proposal", "A01", "kebaruan", Some("4"), None)
        .unwrap();
    for entry in ["A01", "A02", "A03", "A04"] {
        for (criterion, value) in [("kebaruan", "5"), ("manfaat", "6"), ("replikasi", "4")] {
            laptop
                .set_score("proposal", entry, criterion, Some(value), None)
                .unwrap();
        }
        laptop.submit("proposal", entry).unwrap();
    }
    let bundle = dir.join("nilai-J2.juri");
    laptop.export(&bundle, None).unwrap();
    (db, bundle)
}

/// A fresh copy of the base database.
fn copy(base: &Path, name: &str) -> PathBuf {
    let db = base.with_file_name(name);
    std::fs::copy(base, &db).unwrap();
    db
}

/// The correction is waiting for the write lock.
static WAITING: AtomicBool = AtomicBool::new(false);
/// The merge has committed: the correction may take the lock.
static MERGED: AtomicBool = AtomicBool::new(false);

/// The correction's busy handler: says it is waiting, then waits for the merge to commit.
fn wait_for_the_merge(_attempt: i32) -> bool {
    WAITING.store(true, SeqCst);
    let start = Instant::now();
    while !MERGED.load(SeqCst) {
        if start.elapsed() > Duration::from_secs(60) {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    true
}

/// Runs `correction` on a connection of its own while `merge` commits on another, between the
/// correction's first reads and its write lock. Returns what the correction returned.
fn race<T: Send>(
    db: &Path,
    correction: impl FnOnce(&mut Chair) -> T + Send,
    merge: impl FnOnce(),
) -> T {
    WAITING.store(false, SeqCst);
    MERGED.store(false, SeqCst);
    let mut corrector = unlocked(db);
    corrector
        .db()
        .connection()
        .busy_handler(Some(wait_for_the_merge))
        .unwrap();
    let lock = Connection::open(db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::thread::scope(|scope| {
        let running = scope.spawn(move || correction(&mut corrector));
        let start = Instant::now();
        while !WAITING.load(SeqCst) {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the correction never waited for the write lock"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        lock.execute_batch("ROLLBACK").unwrap();
        merge();
        MERGED.store(true, SeqCst);
        running.join().unwrap()
    })
}

fn merge_bundle(db: &Path, bundle: &Path) {
    let report = unlocked(db)
        .merge(&[bundle.to_path_buf()], false, None)
        .unwrap();
    assert_eq!((report.accepted, report.rejected), (1, 0));
}

fn log(chair: &Chair, action: &str) -> usize {
    chair
        .log_where(&AuditFilter {
            action: Some(action.into()),
            ..AuditFilter::default()
        })
        .unwrap()
        .len()
}

/// Records, snapshots and corrections re-derive from what was kept.
fn consistent(db: &Path) {
    let mut chair = unlocked(db);
    assert!(chair.db().integrity_ok().unwrap());
    let r = chair.rebuild(true).unwrap();
    assert!(r.identical, "{:?}", r.differences);
}

#[test]
fn a_correction_racing_a_merge_sees_it_whole_or_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (base, bundle) = unmerged(dir.path());

    // A juror replaced, their submitted sheets kept: the merge that brings those sheets commits
    // while the replacement waits for the lock, and the replacement keeps all four.
    let db = copy(&base, "replace.db");
    let replaced = race(
        &db,
        |chair| chair.replace_juror("proposal", "J2", "J9", true, "J2 dimutasi"),
        || merge_bundle(&db, &bundle),
    )
    .unwrap();
    assert_eq!(replaced.kept, vec!["A01", "A02", "A03", "A04"]);
    let chair = unlocked(&db);
    let status = chair.status("proposal").unwrap();
    let col = status.jurors.iter().position(|j| j == "J2").unwrap();
    assert!(status
        .matrix
        .iter()
        .all(|row| row[col] == Some(PairState::Submitted)));
    assert!(!status.jurors.contains(&"J9".to_string()), "{status:?}");
    drop(chair);
    consistent(&db);

    // Without the race, the same replacement keeps nothing: J2 had submitted nothing yet.
    let db = copy(&base, "replace-alone.db");
    let alone = unlocked(&db)
        .replace_juror("proposal", "J2", "J9", true, "J2 dimutasi")
        .unwrap();
    assert!(alone.kept.is_empty());

    // A paper score corrected while the merge brings J2's own, newer version of that cell: the
    // correction sees it and is refused — the score is the juror's now — and writes nothing.
    let db = copy(&base, "score.db");
    let corrected = race(
        &db,
        |chair| {
            chair.correct_score(
                &ScoreCorrection {
                    stage: "proposal".into(),
                    entry: "A01".into(),
                    juror: "J2".into(),
                    criterion: "kebaruan".into(),
                    score: "7".into(),
                },
                "Salah ketik",
            )
        },
        || merge_bundle(&db, &bundle),
    );
    let e = corrected.unwrap_err();
    assert!(
        matches!(e, AppError::Refused(Refusal::ScoreFromBundle { .. })),
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "the score of J2/A01/kebaruan in stage 'proposal' came from the juror's bundle: a juror's bundle is the juror's — rule on conflicts instead"
    );
    let chair = unlocked(&db);
    assert_eq!(log(&chair, "correct-score"), 0);
    assert!(chair
        .db()
        .read()
        .corrections(None, None)
        .unwrap()
        .is_empty());
    assert_eq!(log(&chair, "merge"), 1);
    drop(chair);
    consistent(&db);
}

#[test]
fn a_merge_planned_before_a_correction_is_refused_after_it_writing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (base, bundle) = unmerged(dir.path());
    let files = [bundle.clone()];

    // Planned, then J2 is replaced by another connection: applying the plan is refused.
    let db = copy(&base, "panel.db");
    let mut merger = unlocked(&db);
    let planned = merger.plan_merge(&files, None).unwrap();
    unlocked(&db)
        .replace_juror("proposal", "J2", "J9", false, "J2 sakit")
        .unwrap();
    let before = bytes(&db);
    let e = merger.apply_merge(planned, None).unwrap_err();
    assert!(matches!(e, AppError::Refused(Refusal::PanelChanged)), "{e}");
    assert_eq!(
        e.to_string(),
        "a juror was replaced after this merge checked the files against the panel; nothing was written: merge the files again"
    );
    assert_eq!(bytes(&db), before, "a refused merge wrote");
    // Merged again, J2's bundle no longer fits the panel: rejected whole.
    let report = merger.merge(&files, false, None).unwrap();
    assert_eq!((report.accepted, report.rejected), (0, 1));
    drop(merger);
    consistent(&db);

    // Planned, then the paper score it touches is corrected: applying the plan is refused.
    let db = copy(&base, "paper.db");
    let mut merger = unlocked(&db);
    let planned = merger.plan_merge(&files, None).unwrap();
    unlocked(&db)
        .correct_score(
            &ScoreCorrection {
                stage: "proposal".into(),
                entry: "A01".into(),
                juror: "J2".into(),
                criterion: "kebaruan".into(),
                score: "6".into(),
            },
            "Lembar asli",
        )
        .unwrap();
    let before = bytes(&db);
    let e = merger.apply_merge(planned, None).unwrap_err();
    assert!(matches!(e, AppError::Refused(Refusal::PreviewStale)), "{e}");
    assert_eq!(bytes(&db), before, "a refused merge wrote");
    merger.merge(&files, false, None).unwrap();
    drop(merger);
    consistent(&db);
}

/// The chair's database opened with its keys unlocked (the tests' passphrase).
fn unlocked(db: &std::path::Path) -> Chair {
    let mut chair = Chair::open(db).unwrap();
    chair.unlock("kata sandi ketua uji").unwrap();
    chair
}
