//! Juror package format version 2: each assigned entry's documents (named by SHA-256) and links.
//! A package without them is still version 1, byte for byte; a version 2 package opens forever,
//! and a changed document name, hash or link breaks the chair's signature.

#[path = "support/fixture.rs"]
mod fixture;

use fixture::*;
use juri_bundle::{issue_package, open_package, BundleError, PackageDocument};

fn keys() -> Keys {
    Keys::load(&golden_dir()).expect("the committed test keys")
}

#[test]
fn a_package_without_documents_stays_version_1_and_one_with_them_is_version_2() {
    let keys = keys();
    let one = issue_package(&package_content(&keys), &keys.chair).unwrap();
    assert!(one.starts_with(b"JURI-PACKAGE v1\n"));
    assert_eq!(one, std::fs::read(golden_dir().join(PACKAGE_FILE)).unwrap());
    let two = issue_package(&package_content_v2(&keys), &keys.chair).unwrap();
    assert!(two.starts_with(b"JURI-PACKAGE v2\n"));
    let text = String::from_utf8_lossy(&two);
    assert!(text.contains(r#""format_version":2"#));
    assert!(text.contains(
        r#""documents":[{"kind":"pdf","name":"proposal.pdf","sha256":"3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7","size":1234}"#
    ));
    assert!(text.contains(r#""links":["https://www.youtube.com/watch?v=abc"]"#));
    // The entries without documents carry empty lists.
    assert!(text.contains(r#""documents":[],"#));
}

/// The golden version 2 package (`cargo run -p juri-bundle --example make_golden`) opens with
/// every document and link, and issuing its content again gives the same bytes: frozen.
#[test]
fn the_golden_version_2_package_opens_and_is_byte_stable() {
    let keys = keys();
    let golden = std::fs::read(golden_v2_dir().join(PACKAGE_FILE)).unwrap();
    let package = open_package(&golden).unwrap();
    assert_eq!(package.content(), &package_content_v2(&keys));
    assert_eq!(package.content().entries[0].documents.len(), 2);
    assert!(package.content().entries[1].documents.is_empty());
    assert_eq!(
        issue_package(&package_content_v2(&keys), &keys.chair).unwrap(),
        golden
    );
}

#[test]
fn a_document_hash_name_or_link_changed_after_signing_breaks_the_signature() {
    let golden = std::fs::read(golden_v2_dir().join(PACKAGE_FILE)).unwrap();
    let text = String::from_utf8(golden).unwrap();
    for (from, to) in [
        ("3a6eb079", "3a6eb078"),
        ("proposal.pdf", "proposal.PDF"),
        ("watch?v=abc", "watch?v=abd"),
        (r#""size":1234"#, r#""size":1235"#),
    ] {
        assert!(text.contains(from), "{from}");
        let changed = text.replacen(from, to, 1);
        assert!(
            matches!(
                open_package(changed.as_bytes()),
                Err(BundleError::SignatureInvalid)
            ),
            "{from} → {to}"
        );
    }
    // A version 2 payload under a version 1 header does not verify either: the header is signed.
    let relabelled = text.replacen("JURI-PACKAGE v2", "JURI-PACKAGE v1", 1);
    assert!(open_package(relabelled.as_bytes()).is_err());
}

#[test]
fn bad_documents_and_links_are_each_named_and_nothing_is_signed() {
    let keys = keys();
    let mut content = package_content_v2(&keys);
    let doc = |name: &str, kind: &str, size: u64, sha256: &str| PackageDocument {
        name: name.into(),
        kind: kind.into(),
        size,
        sha256: sha256.into(),
    };
    let good = "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7";
    content.entries[0].documents = vec![
        doc("../proposal.pdf", "pdf", 10, good),
        doc("a.pdf", "video", 10, good),
        doc("b.pdf", "pdf", 0, good),
        doc("c.pdf", "pdf", 25 * 1024 * 1024 + 1, good),
        doc("d.pdf", "pdf", 10, &good.to_uppercase()),
        doc("e.pdf", "pdf", 10, good),
        doc("E.PDF", "pdf", 10, good),
    ];
    content.entries[0].links = vec!["ftp://example.org/x".into(), "https://".into()];
    let Err(BundleError::InvalidContent { problems }) = issue_package(&content, &keys.chair) else {
        panic!("refused");
    };
    let all = problems.join("\n");
    for expected in [
        "has the name \"../proposal.pdf\", which is not a plain file name",
        "document a.pdf of entry `PD-01` is of kind `video`",
        "document b.pdf of entry `PD-01` is 0 bytes",
        "document c.pdf of entry `PD-01` is 26214401 bytes",
        "document d.pdf of entry `PD-01` is not named by a SHA-256",
        "entry `PD-01` names the document E.PDF more than once",
        "\"ftp://example.org/x\", which is not an http or https address",
        "\"https://\", which is not an http or https address",
    ] {
        assert!(all.contains(expected), "{expected}\n--\n{all}");
    }
    assert_eq!(problems.len(), 8, "{all}");
}
