//! Packages and bundles survive the trip, and bad input is refused with
//! every problem named.

#[path = "support/panel.rs"]
mod panel;

use juri_bundle::{
    issue_package, open_bundle, open_package, seal_bundle, BundleError, ChairKeys, ChairPublic,
    JurorCredential, JurorIdentity, JurorSigningKey, PackageContent, PackageEntry, StageAssignment,
};
use panel::*;
use rand_chacha::rand_core::SeedableRng;
use rand_chacha::ChaCha20Rng;

fn package_content(credential: JurorCredential) -> PackageContent {
    PackageContent {
        competition_id: COMPETITION.into(),
        package_version: 1,
        issued_at: "2025-11-01T08:00:00Z".into(),
        definition_toml: "[competition]\nid = \"lomba-inovasi\"\n".into(),
        entries: vec![PackageEntry {
            code: "A01".into(),
            title: "Inovasi Satu".into(),
            institution: None,
            category: "sekolah".into(),
            rintisan: true,
            description: None,
            documents: Vec::new(),
            links: Vec::new(),
        }],
        assignments: vec![StageAssignment {
            stage: "proposal".into(),
            entries: vec!["A01".into()],
        }],
        juror: JurorIdentity {
            id: "J01".into(),
            name: "Juri Satu".into(),
            affiliation: "Ombudsman".into(),
            role: "ombudsman".into(),
        },
        credential,
    }
}

#[test]
fn a_package_round_trips_deterministically_and_unlocks_with_its_code() {
    let mut rng = ChaCha20Rng::from_seed([9; 32]);
    let chair = ChairKeys::generate(&mut rng);
    let (credential, code) = JurorCredential::generate(&mut rng);
    let content = package_content(credential.clone());
    let bytes = issue_package(&content, &chair).unwrap();
    assert_eq!(bytes, issue_package(&content, &chair).unwrap());
    let package = open_package(&bytes).unwrap();
    assert_eq!(package.content(), &content);
    assert_eq!(package.chair(), &chair.public());
    assert_eq!(
        package.unlock(&code.to_string()).unwrap().public_key(),
        credential.public_key
    );
    let wrong = juri_bundle::AccessCode::generate(&mut rng);
    assert_eq!(
        package.unlock(&wrong.to_string()).unwrap_err(),
        BundleError::WrongAccessCode
    );
}

#[test]
fn later_packages_must_come_from_the_pinned_chair() {
    let mut rng = ChaCha20Rng::from_seed([10; 32]);
    let chair = ChairKeys::generate(&mut rng);
    let impostor = ChairKeys::generate(&mut rng);
    let (credential, _) = JurorCredential::generate(&mut rng);
    let mut content = package_content(credential);
    let first = open_package(&issue_package(&content, &chair).unwrap()).unwrap();
    let pin = first.pin();
    assert_eq!(
        first.check_update(&pin),
        Ok(()),
        "re-importing the same package"
    );

    content.package_version = 2;
    assert_eq!(
        open_package(&issue_package(&content, &chair).unwrap())
            .unwrap()
            .check_update(&pin),
        Ok(())
    );
    let forged = open_package(&issue_package(&content, &impostor).unwrap()).unwrap();
    assert_eq!(forged.check_update(&pin), Err(BundleError::ChairKeyChanged));

    let mut older = pin.clone();
    older.package_version = 3;
    assert_eq!(
        open_package(&issue_package(&content, &chair).unwrap())
            .unwrap()
            .check_update(&older),
        Err(BundleError::PackageOutdated {
            installed: 3,
            found: 2
        })
    );
    content.juror.id = "J09".into();
    assert_eq!(
        open_package(&issue_package(&content, &chair).unwrap())
            .unwrap()
            .check_update(&pin),
        Err(BundleError::OtherJuror {
            expected: "J01".into(),
            found: "J09".into()
        })
    );
    content.juror.id = "J01".into();
    content.competition_id = "lomba-lain".into();
    assert_eq!(
        open_package(&issue_package(&content, &chair).unwrap())
            .unwrap()
            .check_update(&pin),
        Err(BundleError::WrongCompetition {
            expected: COMPETITION.into(),
            found: "lomba-lain".into()
        })
    );
}

#[test]
fn an_invalid_package_lists_every_problem() {
    let mut rng = ChaCha20Rng::from_seed([11; 32]);
    let chair = ChairKeys::generate(&mut rng);
    let (credential, _) = JurorCredential::generate(&mut rng);
    let mut content = package_content(credential);
    content.competition_id = String::new();
    content.issued_at = "kemarin".into();
    content.entries.push(content.entries[0].clone());
    content.assignments[0].entries.push("Z99".into());
    let Err(BundleError::InvalidContent { problems }) = issue_package(&content, &chair) else {
        panic!("invalid content must be refused");
    };
    let expected = [
        "the competition id is empty",
        "the issue time `kemarin` is not an RFC 3339 date and time",
        "entry code `A01` appears more than once",
        "stage `proposal` assigns entry `Z99`, which is not among the package's entries",
    ];
    assert_eq!(problems, expected);
}

#[test]
fn a_bundle_round_trips_with_canonical_decimals_and_sorted_lists() {
    let panel = Panel::new(1, &["J01"]);
    let mut content = bundle(
        "J01",
        1,
        vec![
            cell("proposal", "B02", "kebaruan", Some("08.50"), 2, 5),
            cell("proposal", "A01", "kebaruan", Some("7.0"), 1, 3),
            cell("proposal", "A01", "efektivitas", None, 4, 4),
        ],
    );
    content
        .notes
        .push(note("lapangan", "A01", "Sinyal lemah.\nKader aktif.", 1, 9));
    content
        .submissions
        .push(submission("proposal", "A01", true, 1, 10));
    let opened = panel.verified(&content);
    let values: Vec<_> = opened
        .scores()
        .iter()
        .map(|c| (c.entry.as_str(), c.criterion.as_str(), c.value.as_deref()))
        .collect();
    assert_eq!(
        values,
        [
            ("A01", "efektivitas", None),
            ("A01", "kebaruan", Some("7")),
            ("B02", "kebaruan", Some("8.5"))
        ]
    );
    assert_eq!(opened.notes(), content.notes.as_slice());
    assert_eq!(opened.submissions(), content.submissions.as_slice());
    assert_eq!(
        (
            opened.juror_id(),
            opened.sequence(),
            opened.package_version()
        ),
        ("J01", 1, 1)
    );
    assert_eq!(opened.fingerprint().short().len(), 14);
}

#[test]
fn an_invalid_bundle_lists_every_problem() {
    let panel = Panel::new(2, &["J01"]);
    let mut content = bundle(
        "J01",
        1,
        vec![
            cell("proposal", "A01", "kebaruan", Some("delapan"), 1, 1),
            cell("proposal", "A01", "kebaruan", Some("8"), 2, 2),
            cell(" proposal", "A02", "", Some("1e3"), 1, 3),
        ],
    );
    content.exported_at = "2025-13-01T00:00:00Z".into();
    let result = seal_bundle(&content, &panel.jurors["J01"], &panel.chair.public());
    let Err(BundleError::InvalidContent { problems }) = result else {
        panic!("invalid content must be refused, got {result:?}");
    };
    assert_eq!(
        problems,
        [
            "the export time `2025-13-01T00:00:00Z` is not an RFC 3339 date and time",
            "score  proposal/A02/: the stage ` proposal` has spaces around it",
            "score  proposal/A02/: the criterion is empty",
            "score  proposal/A02/: `1e3` is not a decimal number",
            "score proposal/A01/kebaruan: `delapan` is not a decimal number",
            "score proposal/A01/kebaruan appears more than once",
        ]
    );
}

#[test]
fn a_bundle_signed_by_another_key_or_for_another_chair_is_refused() {
    let panel = Panel::new(3, &["J01", "J02"]);
    let content = bundle(
        "J01",
        1,
        vec![cell("proposal", "A01", "kebaruan", Some("8"), 1, 1)],
    );
    let signed_by_j02 = seal_bundle(&content, &panel.jurors["J02"], &panel.chair.public()).unwrap();
    assert_eq!(
        open_bundle(&signed_by_j02, &panel.chair, COMPETITION, |j| panel
            .registered(j))
        .unwrap_err(),
        BundleError::KeyMismatch {
            juror: "J01".into()
        }
    );
    let other_chair = Panel::new(4, &[]).chair;
    let sealed = panel.seal(&content);
    assert_eq!(
        open_bundle(&sealed, &other_chair, COMPETITION, |j| panel.registered(j)).unwrap_err(),
        BundleError::NotForThisChair
    );
    assert_eq!(
        open_bundle(&sealed, &panel.chair, "lomba-lain", |j| panel.registered(j)).unwrap_err(),
        BundleError::WrongCompetition {
            expected: "lomba-lain".into(),
            found: COMPETITION.into()
        }
    );
    assert_eq!(
        open_bundle(&sealed, &panel.chair, COMPETITION, |_| None).unwrap_err(),
        BundleError::UnknownJuror("J01".into())
    );
}

#[test]
fn sealing_to_a_malformed_chair_key_is_refused() {
    let key = JurorSigningKey::generate(&mut ChaCha20Rng::from_seed([5; 32]));
    let chair = ChairPublic {
        signing_key: "AAAA".into(),
        age_recipient: "age1notakey".into(),
    };
    let content = bundle("J01", 1, Vec::new());
    assert!(matches!(
        seal_bundle(&content, &key, &chair),
        Err(BundleError::InvalidKey(_))
    ));
}
