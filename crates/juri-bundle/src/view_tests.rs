//! Unit tests of the borrowing import path against `open_bundle`'s own steps.
use super::*;
use crate::framing::{encode_base64, open_envelope, sign_envelope};
use crate::validate::check_bundle;
use crate::wire_v1::BundlePayload;
use ed25519_dalek::SigningKey;
use serde_json::{json, Value};

const COMPETITION: &str = "lomba";

fn key() -> SigningKey {
    SigningKey::from_bytes(&[9; 32])
}

fn registered(juror: &str) -> Option<Vec<[u8; 32]>> {
    (juror == "J1").then(|| vec![key().verifying_key().to_bytes()])
}

/// What `open_bundle` does after decrypting.
fn reference(envelope: &[u8]) -> Result<BundleContent, BundleError> {
    let opened = open_envelope::<BundlePayload>(envelope, FileKind::Bundle)?;
    let (mut content, named) = opened.payload.into_content()?;
    if named != opened.signer {
        return Err(BundleError::Corrupt("other key".into()));
    }
    if content.competition_id != COMPETITION {
        return Err(BundleError::WrongCompetition {
            expected: COMPETITION.into(),
            found: content.competition_id,
        });
    }
    let keys = registered(&content.juror_id)
        .ok_or_else(|| BundleError::UnknownJuror(content.juror_id.clone()))?;
    if !keys.contains(&opened.signer) {
        return Err(BundleError::KeyMismatch {
            juror: content.juror_id,
        });
    }
    check_bundle(&mut content, false)?;
    Ok(content)
}

fn fast(envelope: &[u8]) -> Result<BundleContent, BundleError> {
    let decrypted = DecryptedBundle {
        fingerprint: Fingerprint::of(envelope),
        inner: envelope.to_vec(),
        version: 1,
        envelope_len: envelope.len(),
        photos: Vec::new(),
    };
    let view = decrypted.verify(COMPETITION, registered)?;
    Ok(view.to_verified().content().clone())
}

fn signed_text(payload: &str) -> Vec<u8> {
    use ed25519_dalek::Signer;
    let mut signed = format!("JURI-BUNDLE v1\n{payload}\n").into_bytes();
    let signature = key().sign(&signed);
    let line = format!(
        "ed25519 {} {}\n",
        encode_base64(key().verifying_key().as_bytes()),
        encode_base64(&signature.to_bytes())
    );
    signed.extend_from_slice(line.as_bytes());
    signed
}

fn base() -> Value {
    json!({
        "competition_id": COMPETITION, "exported_at": "2025-12-15T10:30:00+08:00",
        "format": "juri-bundle", "format_version": 1, "juror_id": "J1",
        "juror_key": encode_base64(key().verifying_key().as_bytes()),
        "notes": [{"entry": "A1", "note": "Catatan \"lapangan\"\n", "revision": 1,
                   "stage": "s1", "updated_at": "2025-12-15T10:13:00+08:00"}],
        "package_version": 1,
        "scores": [
            {"comment": "Inovatif — é", "criterion": "k1", "entry": "A1", "revision": 2,
             "stage": "s1", "updated_at": "2025-12-15T10:12:00+08:00", "value": "8.5"},
            {"comment": "", "criterion": "k2", "entry": "A1", "revision": 1,
             "stage": "s1", "updated_at": "2025-12-15T10:12:00+08:00", "value": null}],
        "sequence": 1,
        "submissions": [{"entry": "A1", "revision": 1, "stage": "s1", "submitted": true,
                         "updated_at": "2025-12-15T10:14:00+08:00"}]
    })
}

fn with(path: &[&str], value: Value) -> Value {
    let mut v = base();
    let mut at = &mut v;
    for p in &path[..path.len() - 1] {
        at = match p.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*p],
        };
    }
    let last = path[path.len() - 1];
    match last.parse::<usize>() {
        Ok(i) => at[i] = value,
        Err(_) => at[last] = value,
    }
    v
}

#[test]
fn the_fast_path_accepts_and_refuses_exactly_what_open_bundle_does() {
    let mut envelopes: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: &str, v: &Value| {
        envelopes.push((
            name.into(),
            sign_envelope(FileKind::Bundle, v, &key()).unwrap(),
        ))
    };
    add("valid", &base());
    add("unknown field", &with(&["extra"], json!(1)));
    add("other competition", &with(&["competition_id"], json!("x")));
    add("unknown juror", &with(&["juror_id"], json!("J9")));
    add(
        "other key named",
        &with(&["juror_key"], json!(encode_base64(&[3; 32]))),
    );
    add("bad key text", &with(&["juror_key"], json!("abc")));
    add("format", &with(&["format"], json!("juri-package")));
    add("version", &with(&["format_version"], json!(2)));
    add("decimal", &with(&["scores", "0", "value"], json!("08.50")));
    add(
        "not decimal",
        &with(&["scores", "0", "value"], json!("8,5")),
    );
    add(
        "time",
        &with(&["scores", "0", "updated_at"], json!("kemarin")),
    );
    add("stage id", &with(&["scores", "0", "stage"], json!(" s1")));
    add("empty entry", &with(&["notes", "0", "entry"], json!("")));
    add(
        "revision float",
        &with(&["scores", "0", "revision"], json!(1.5)),
    );
    add("negative", &with(&["sequence"], json!(-1)));
    add("sequence zero", &with(&["sequence"], json!(0)));
    add("package zero", &with(&["package_version"], json!(0)));
    add(
        "year 9999",
        &with(&["exported_at"], json!("9999-12-31T23:59:59+08:00")),
    );
    add(
        "cell in 9999",
        &with(
            &["scores", "0", "updated_at"],
            json!("9999-01-01T00:00:00Z"),
        ),
    );
    add(
        "revision 2^63",
        &with(&["scores", "0", "revision"], json!(1u64 << 63)),
    );
    add(
        "note revision 2^64-1",
        &with(&["notes", "0", "revision"], json!(u64::MAX)),
    );
    add("value number", &with(&["scores", "0", "value"], json!(8)));
    add("missing field", &{
        let mut v = base();
        v.as_object_mut().unwrap().remove("notes");
        v
    });
    add("duplicate cell", &{
        let mut v = base();
        let cell = v["scores"][0].clone();
        v["scores"].as_array_mut().unwrap().push(cell);
        v
    });
    add("unsorted", &{
        let mut v = base();
        v["scores"].as_array_mut().unwrap().reverse();
        v
    });
    add("duplicate submission", &{
        let mut v = base();
        let s = v["submissions"][0].clone();
        v["submissions"].as_array_mut().unwrap().push(s);
        v
    });
    let text = crate::framing::canonical_json(&base()).unwrap();
    envelopes.push(("spaces".into(), signed_text(&text.replace(",\"", ", \""))));
    envelopes.push((
        "escaped letter".into(),
        signed_text(&text.replace("J1", "\\u004a1")),
    ));
    envelopes.push(("not json".into(), signed_text("{\"competition_id\":")));
    envelopes.push((
        "duplicate key".into(),
        signed_text(&text.replace(
            "{\"competition_id\":\"lomba\",",
            "{\"competition_id\":\"lomba\",\"competition_id\":\"lomba\",",
        )),
    ));
    for (name, envelope) in &envelopes {
        let (slow, quick) = (reference(envelope), fast(envelope));
        match (&slow, &quick) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{name}"),
            (Err(a), Err(b)) => assert_eq!(
                std::mem::discriminant(a),
                std::mem::discriminant(b),
                "{name}: {a} / {b}"
            ),
            _ => panic!("{name}: open_bundle {slow:?}, view {quick:?}"),
        }
    }
    let accepted: Vec<&str> = envelopes
        .iter()
        .filter(|(_, e)| fast(e).is_ok())
        .map(|(n, _)| n.as_str())
        .collect();
    assert_eq!(accepted, ["valid"]);
}

/// Numbers and times no Juri writes are refused by both readers, naming the field.
#[test]
fn impossible_numbers_and_times_are_refused_naming_the_field() {
    let cases = [
        (
            with(&["sequence"], json!(0)),
            "`sequence` (the export number) is 0: exports are numbered from 1",
        ),
        (
            with(&["package_version"], json!(0)),
            "`package_version` is 0: packages are numbered from 1",
        ),
        (
            with(&["exported_at"], json!("9999-12-31T23:59:59+08:00")),
            "the export time `9999-12-31T23:59:59+08:00` is after the year 2099: no clock is that far ahead",
        ),
        (
            with(&["scores", "0", "revision"], json!(1u64 << 63)),
            "score s1/A1/k1: revision 9223372036854775808 is above 9223372036854775807 (2⁶³ − 1)",
        ),
        (
            with(&["submissions", "0", "revision"], json!(u64::MAX)),
            "submission s1/A1: revision 18446744073709551615 is above 9223372036854775807 (2⁶³ − 1)",
        ),
        (
            {
                let mut v = base();
                v["scores"].as_array_mut().unwrap().reverse();
                v
            },
            "the scores are not in key order: score s1/A1/k2 comes before score s1/A1/k1 (writers sort each list by key)",
        ),
        (
            with(&["scores", "0", "comment"], json!("x".repeat(8 * 1024 + 1))),
            "score s1/A1/k1: the comment is 8193 bytes long, above the limit of 8192",
        ),
        (
            with(&["notes", "0", "note"], json!("é".repeat(32 * 1024 + 1))),
            "note s1/A1: the note is 65538 bytes long, above the limit of 65536",
        ),
    ];
    for (payload, message) in cases {
        let envelope = sign_envelope(FileKind::Bundle, &payload, &key()).unwrap();
        for (path, result) in [
            ("open_bundle", reference(&envelope)),
            ("view", fast(&envelope)),
        ] {
            match result {
                Err(BundleError::InvalidContent { problems }) => assert!(
                    problems.iter().any(|p| p == message),
                    "{path}: {problems:?}, wanted {message:?}"
                ),
                other => panic!("{path}: {other:?}, wanted {message:?}"),
            }
        }
    }
    // A bundle merged before the errata is replayed by a rebuild as it was accepted then.
    for payload in [
        with(&["sequence"], json!(0)),
        with(&["exported_at"], json!("9999-12-31T23:59:59+08:00")),
        with(
            &["scores", "0", "updated_at"],
            json!("9999-01-01T00:00:00Z"),
        ),
        with(&["notes", "0", "revision"], json!(u64::MAX)),
        {
            let mut v = base();
            v["scores"].as_array_mut().unwrap().reverse();
            v
        },
        with(&["scores", "0", "comment"], json!("x".repeat(100_000))),
    ] {
        let envelope = sign_envelope(FileKind::Bundle, &payload, &key()).unwrap();
        let decrypted = DecryptedBundle {
            fingerprint: Fingerprint::of(&envelope),
            version: 1,
            envelope_len: envelope.len(),
            photos: Vec::new(),
            inner: envelope,
        };
        assert!(decrypted.verify(COMPETITION, registered).is_err());
        if let Err(e) = decrypted.verify_as_merged(COMPETITION, registered) {
            panic!("{payload}: {e}");
        }
    }
    // A laptop whose clock was reset still exports: 1970 is a possible (wrong) time.
    let reset = with(&["exported_at"], json!("1970-01-01T00:00:00Z"));
    let envelope = sign_envelope(FileKind::Bundle, &reset, &key()).unwrap();
    assert!(reference(&envelope).is_ok() && fast(&envelope).is_ok());
}

#[test]
fn canonical_decimals_are_recognised_without_allocating() {
    for text in [
        "8.5", "08.50", "10", "10.000", "0", "-0.0", "-0", "-3.25", "000", "", "-", ".5", "5.",
        "+5", "5e2", "1,5", " 5", "0.05", "-0.5", "100",
    ] {
        assert_eq!(
            is_canonical_decimal(text),
            canonical_decimal(text).as_deref() == Some(text),
            "{text:?}"
        );
    }
}

#[test]
fn duplicates_are_found_in_sorted_and_unsorted_lists() {
    assert!(duplicates([1, 2, 3].iter().copied()).is_empty());
    assert_eq!(duplicates([1, 2, 2].iter().copied()), vec![2]);
    assert!(duplicates([3, 1, 2].iter().copied()).is_empty());
    assert_eq!(duplicates([3, 1, 3].iter().copied()), vec![3]);
}
