//! The merge rules, scenario by scenario.

#[path = "support/model.rs"]
mod model;
#[path = "support/panel.rs"]
mod panel;

use juri_bundle::{
    BundleError, EntryKey, Outcome, PlanCounts, ScoreContent, ScoreKey, VerifiedBundle,
};
use model::{plan_merge, plan_merge_many, Apply, MergeState, Plan as MergePlan};
use panel::*;

fn key(juror: &str, entry: &str) -> ScoreKey {
    ScoreKey {
        stage: "proposal".into(),
        entry: entry.into(),
        juror: juror.into(),
        criterion: "kebaruan".into(),
    }
}

fn value(v: &str) -> ScoreContent {
    ScoreContent {
        value: Some(v.into()),
        comment: String::new(),
    }
}

fn merged(state: &MergeState, bundles: &[&VerifiedBundle]) -> (MergePlan, MergeState) {
    let plan = plan_merge_many(state, bundles.iter().copied());
    let next = state.apply(&plan).unwrap();
    (plan, next)
}

fn outcomes(plan: &MergePlan) -> Vec<Outcome> {
    plan.scores.iter().map(|c| c.outcome).collect()
}

fn single(panel: &Panel, juror: &str, v: Option<&str>, revision: u64, time: u32) -> VerifiedBundle {
    panel.verified(&bundle(
        juror,
        revision,
        vec![cell("proposal", "A01", "kebaruan", v, revision, time)],
    ))
}

#[test]
fn new_then_unchanged_then_updated_then_stale() {
    let panel = Panel::new(20, &["J01"]);
    let first = single(&panel, "J01", Some("7"), 1, 1);
    let second = single(&panel, "J01", Some("8"), 2, 2);

    let (plan, state) = merged(&MergeState::default(), &[&first]);
    assert_eq!(outcomes(&plan), [Outcome::New]);
    assert_eq!(
        plan.counts(),
        PlanCounts {
            new: 1,
            ..Default::default()
        }
    );
    assert_eq!(plan.bundles, [first.fingerprint()]);

    let (plan, same) = merged(&state, &[&first]);
    assert_eq!(outcomes(&plan), [Outcome::Unchanged]);
    assert!(!plan.changes_anything());
    assert_eq!(same, state);

    let (plan, state) = merged(&state, &[&second]);
    assert_eq!(outcomes(&plan), [Outcome::Updated]);
    assert_eq!(state.scores[&key("J01", "A01")].current.content, value("8"));

    let (plan, _) = merged(&state, &[&first]);
    assert_eq!(outcomes(&plan), [Outcome::Stale]);
    assert_eq!(plan.counts().stale, 1);
}

#[test]
fn equal_revisions_with_different_content_conflict_whatever_the_order() {
    let panel = Panel::new(21, &["J01"]);
    let laptop = single(&panel, "J01", Some("7"), 3, 50);
    let tablet = single(&panel, "J01", Some("9"), 3, 40);

    let (plan_a, a) = merged(&merged(&MergeState::default(), &[&laptop]).1, &[&tablet]);
    let (plan_b, b) = merged(&merged(&MergeState::default(), &[&tablet]).1, &[&laptop]);
    assert_eq!(outcomes(&plan_a), [Outcome::Conflict]);
    assert_eq!(outcomes(&plan_b), [Outcome::Conflict]);
    assert_eq!(a, b);

    let record = &a.scores[&key("J01", "A01")];
    assert!(record.has_open_conflict());
    assert_eq!(
        record.current.content,
        value("9"),
        "the earliest written stays in force"
    );
    let versions: Vec<_> = record
        .versions()
        .map(|v| v.content.value.clone().unwrap())
        .collect();
    assert_eq!(versions, ["9", "7"]);
    assert_eq!(a.open_conflicts().len(), 1);

    // Seeing either side again changes nothing; the conflict stays open.
    let (plan, again) = merged(&a, &[&laptop, &tablet]);
    assert_eq!(outcomes(&plan), [Outcome::Unchanged]);
    assert_eq!(again, a);

    // A known side written again later is an update, not a new conflict.
    let (plan, retimed) = merged(&a, &[&single(&panel, "J01", Some("7"), 3, 55)]);
    assert_eq!(outcomes(&plan), [Outcome::Updated]);
    assert!(retimed.scores[&key("J01", "A01")].has_open_conflict());

    // A third version at the same revision joins the conflict.
    let (plan, three) = merged(&a, &[&single(&panel, "J01", Some("8"), 3, 60)]);
    assert_eq!(outcomes(&plan), [Outcome::Conflict]);
    assert_eq!(three.scores[&key("J01", "A01")].rivals.len(), 2);

    // A higher revision supersedes the conflict.
    let (plan, resolved) = merged(&three, &[&single(&panel, "J01", Some("8.5"), 4, 70)]);
    assert_eq!(outcomes(&plan), [Outcome::Updated]);
    assert!(plan.scores[0].before.as_ref().unwrap().has_open_conflict());
    assert!(resolved.open_conflicts().is_empty());
    assert_eq!(
        resolved.scores[&key("J01", "A01")].current.content,
        value("8.5")
    );
}

#[test]
fn a_conflict_within_one_import_is_reported_as_a_conflict() {
    let panel = Panel::new(22, &["J01"]);
    let (plan, state) = merged(
        &MergeState::default(),
        &[
            &single(&panel, "J01", Some("7"), 1, 1),
            &single(&panel, "J01", None, 1, 2),
        ],
    );
    assert_eq!(outcomes(&plan), [Outcome::Conflict]);
    assert_eq!(plan.counts().conflicts, 1);
    assert_eq!(state.scores[&key("J01", "A01")].current.content, value("7"));
}

#[test]
fn the_same_content_written_again_later_is_no_conflict() {
    let panel = Panel::new(23, &["J01"]);
    let (_, state) = merged(
        &MergeState::default(),
        &[&single(&panel, "J01", Some("7"), 1, 1)],
    );
    let (plan, state) = merged(&state, &[&single(&panel, "J01", Some("7"), 1, 9)]);
    assert_eq!(outcomes(&plan), [Outcome::Updated]);
    let record = &state.scores[&key("J01", "A01")];
    assert!(!record.has_open_conflict());
    assert_eq!(record.current.updated_at, at(9));
}

#[test]
fn different_jurors_never_conflict() {
    let panel = Panel::new(24, &["J01", "J02"]);
    let (plan, state) = merged(
        &MergeState::default(),
        &[
            &single(&panel, "J01", Some("7"), 1, 1),
            &single(&panel, "J02", Some("9"), 1, 1),
        ],
    );
    assert_eq!(outcomes(&plan), [Outcome::New, Outcome::New]);
    assert_eq!(state.scores.len(), 2);
    assert!(state.open_conflicts().is_empty());
}

#[test]
fn notes_and_submissions_follow_the_same_rules() {
    let panel = Panel::new(25, &["J01"]);
    let mut one = bundle("J01", 1, Vec::new());
    one.notes.push(note("lapangan", "A01", "jalan rusak", 2, 1));
    one.submissions
        .push(submission("proposal", "A01", true, 1, 1));
    let mut two = bundle("J01", 2, Vec::new());
    two.notes.push(note("lapangan", "A01", "jalan baik", 2, 2));
    two.submissions
        .push(submission("proposal", "A01", false, 2, 2));
    let (plan, state) = merged(
        &MergeState::default(),
        &[&panel.verified(&one), &panel.verified(&two)],
    );
    assert_eq!(plan.notes[0].outcome, Outcome::Conflict);
    assert_eq!(plan.submissions[0].outcome, Outcome::New);
    let entry = EntryKey {
        stage: "proposal".into(),
        entry: "A01".into(),
        juror: "J01".into(),
    };
    assert!(!state.submissions[&entry].current.content);
    assert_eq!(state.open_conflicts().notes.len(), 1);
}

#[test]
fn the_chair_resolves_a_conflict_and_a_new_rival_reopens_it() {
    let panel = Panel::new(26, &["J01"]);
    let laptop = single(&panel, "J01", Some("7"), 3, 50);
    let tablet = single(&panel, "J01", Some("9"), 3, 40);
    let (_, mut state) = merged(&MergeState::default(), &[&laptop, &tablet]);
    let k = key("J01", "A01");
    let decision = state.scores[&k].decide(&value("7")).unwrap();
    assert_eq!(state.scores[&k].decide(&value("1")), None);
    state.resolve_score(&k, &decision).unwrap();
    let record = &state.scores[&k];
    assert!(!record.has_open_conflict());
    assert!(record.chosen_by_chair);
    assert_eq!(record.current.content, value("7"));

    // The sides the chair ruled on change nothing when imported again.
    let (plan, again) = merged(&state, &[&tablet, &laptop]);
    assert!(!plan.changes_anything());
    assert_eq!(again, state);

    // A version the chair has not seen opens the conflict again; the
    // chair's choice stays in force meanwhile.
    let (plan, reopened) = merged(&state, &[&single(&panel, "J01", Some("8"), 3, 10)]);
    assert_eq!(outcomes(&plan), [Outcome::Conflict]);
    assert!(reopened.scores[&k].has_open_conflict());
    assert_eq!(reopened.scores[&k].current.content, value("7"));

    // Replaying every bundle first and the decision after gives the same.
    let (_, mut replay) = merged(
        &MergeState::default(),
        &[&single(&panel, "J01", Some("8"), 3, 10), &tablet, &laptop],
    );
    replay.resolve_score(&k, &decision).unwrap();
    assert_eq!(replay, reopened);
}

#[test]
fn decisions_that_do_not_fit_are_refused() {
    let panel = Panel::new(27, &["J01"]);
    let (_, mut state) = merged(
        &MergeState::default(),
        &[
            &single(&panel, "J01", Some("7"), 3, 50),
            &single(&panel, "J01", Some("9"), 3, 40),
        ],
    );
    let k = key("J01", "A01");
    let decision = state.scores[&k].decide(&value("7")).unwrap();
    let mut foreign = decision.clone();
    foreign.chosen = value("5");
    assert!(matches!(
        state.resolve_score(&k, &foreign),
        Err(BundleError::NotACandidate { .. })
    ));
    assert!(matches!(
        state.resolve_score(&key("J01", "Z99"), &decision),
        Err(BundleError::NoSuchConflict { .. })
    ));
    let (_, mut later) = merged(&state, &[&single(&panel, "J01", Some("6"), 4, 60)]);
    assert_eq!(
        later.resolve_score(&k, &decision),
        Err(BundleError::DecisionSuperseded {
            record: k.to_string(),
            decided: 3,
            current: 4
        })
    );
    let (_, mut calm) = merged(
        &MergeState::default(),
        &[&single(&panel, "J01", Some("6"), 4, 60)],
    );
    let mut stale = decision;
    stale.revision = 4;
    assert!(matches!(
        calm.resolve_score(&k, &stale),
        Err(BundleError::NoSuchConflict { .. })
    ));
}

#[test]
fn a_plan_applies_only_to_the_records_it_was_made_against() {
    let panel = Panel::new(28, &["J01"]);
    let first = single(&panel, "J01", Some("7"), 1, 1);
    let plan = plan_merge(
        &MergeState::default(),
        &single(&panel, "J01", Some("8"), 2, 2),
    );
    let (_, moved_on) = merged(&MergeState::default(), &[&first]);
    assert_eq!(moved_on.apply(&plan), Err(BundleError::PlanOutdated));
}

#[test]
fn merging_many_at_once_equals_merging_one_by_one() {
    let panel = Panel::new(29, &["J01", "J02"]);
    let bundles = [
        single(&panel, "J01", Some("7"), 1, 1),
        single(&panel, "J02", Some("6"), 2, 1),
        single(&panel, "J01", Some("8"), 2, 2),
        single(&panel, "J01", Some("9"), 2, 3),
    ];
    let at_once = merged(&MergeState::default(), &bundles.iter().collect::<Vec<_>>()).1;
    let one_by_one = bundles.iter().fold(MergeState::default(), |state, b| {
        state.apply(&plan_merge(&state, b)).unwrap()
    });
    assert_eq!(at_once, one_by_one);
    assert_eq!(at_once.open_conflicts().len(), 1);
}
