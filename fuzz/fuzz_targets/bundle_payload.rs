//! A fuzzed payload line, signed by the juror's test key and encrypted to the golden chair: the
//! fuzzer gets past the signature and the encryption to the content rules and the merge view.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.contains(&b'\n') {
        return;
    }
    let keys = juri_fuzz::keys();
    let juror = keys.juror_signing.verifying_key().to_bytes();
    let file = juri_fuzz::bundle(&juri_fuzz::envelope(
        "JURI-BUNDLE v1",
        data,
        &keys.juror_signing,
    ));
    let opened = juri_bundle::open_bundle(&file, &keys.chair, "lomba-2025", |_| Some(juror));
    let d = juri_bundle::DecryptedBundle::decrypt(&file, &keys.chair).unwrap();
    let viewed = d.verify("lomba-2025", |_| Some(vec![juror]));
    // The two readers of a bundle agree on what they accept.
    assert_eq!(
        opened.is_ok(),
        viewed.is_ok(),
        "{:?} / {:?}",
        opened.as_ref().err(),
        viewed.as_ref().err()
    );
    if let (Ok(o), Ok(v)) = (opened, viewed) {
        assert_eq!(o.scores().len(), v.scores().len());
        assert_eq!(o.notes().len(), v.notes().len());
        assert_eq!(o.submissions().len(), v.submissions().len());
    }
});
