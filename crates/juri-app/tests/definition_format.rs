//! A definition written by a newer Juri (a newer `format`) is refused with the version it needs,
//! never with a parse error about the fields this Juri does not know.

use juri_app::{AppError, Chair, Refusal};

fn template() -> &'static str {
    juri_core::templates::template("generic").unwrap()
}

#[test]
fn a_newer_definition_names_the_juri_it_needs_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    // A field this Juri does not know, as a newer format would have.
    let newer = format!(
        "format = 2\nrequires = \"0.4.0\"\n{}\n[extras]\nsomething = true\n",
        template()
    );
    let error = Chair::init(&db, &newer).err().expect("refused");
    match &error {
        AppError::Refused(Refusal::NewerDefinition { .. }) => {}
        other => panic!("{other:?}"),
    }
    let message = error.to_string();
    assert!(message.contains("needs Juri 0.4.0 or later"), "{message}");
    assert!(message.contains("definition format 2"), "{message}");
    assert!(!db.exists(), "nothing is created");

    // Without `requires`, it still says that a newer Juri is needed.
    let error = Chair::init(&db, &format!("format = 3\n{}", template()))
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("needs a newer Juri"), "{error}");
}

#[test]
fn this_format_is_read_and_a_format_that_never_was_is_a_problem_in_its_place() {
    let dir = tempfile::tempdir().unwrap();
    Chair::init(
        &dir.path().join("one.db"),
        &format!("format = 1\n{}", template()),
    )
    .expect("format 1 is this Juri's");
    let error = Chair::init(
        &dir.path().join("zero.db"),
        &format!("format = 0\n{}", template()),
    )
    .err()
    .expect("refused");
    match error {
        AppError::Definition(e) => {
            assert_eq!(e.problems[0].place, "format");
            assert!(e.problems[0].message.contains("not a definition format"));
        }
        other => panic!("{other:?}"),
    }
}
