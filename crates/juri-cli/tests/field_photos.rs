//! Field photos travel with the juror's note: attached on the laptop (turned upright, scaled to
//! 1600 pixels, time and place kept only when the juror says so), carried signed inside the
//! bundle (format version 3), merged with the note and shown to the chair. Anything that is not a
//! whole photo within the limits is refused with a clear message, and nothing changes.

#[path = "support/run.rs"]
mod run;

use std::io::Cursor;

use run::*;
use sha2::Digest;

/// A camera's JPEG: `width` × `height` pixels as stored, EXIF orientation 6 (to be turned a
/// quarter clockwise), taken 2026-11-30 10:15:00 at 10°10'37.92"S 123°36'25.2"E.
fn camera_photo(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 120])
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&image)
        .unwrap();
    use exif::{Field, In, Rational, Tag, Value};
    let r = |num: u32, denom: u32| Rational { num, denom };
    let fields = [
        Field {
            tag: Tag::Orientation,
            ifd_num: In::PRIMARY,
            value: Value::Short(vec![6]),
        },
        Field {
            tag: Tag::DateTimeOriginal,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"2026:11:30 10:15:00".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"S".to_vec()]),
        },
        Field {
            tag: Tag::GPSLatitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(10, 1), r(10, 1), r(3792, 100)]),
        },
        Field {
            tag: Tag::GPSLongitudeRef,
            ifd_num: In::PRIMARY,
            value: Value::Ascii(vec![b"E".to_vec()]),
        },
        Field {
            tag: Tag::GPSLongitude,
            ifd_num: In::PRIMARY,
            value: Value::Rational(vec![r(123, 1), r(36, 1), r(252, 10)]),
        },
    ];
    let mut writer = exif::experimental::Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut tiff = Cursor::new(Vec::new());
    writer.write(&mut tiff, false).unwrap();
    let tiff = tiff.into_inner();
    // APP1 "Exif\0\0" + TIFF, right after the start-of-image marker.
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(&tiff);
    [&jpeg[..2], &app1, &jpeg[2..]].concat()
}

fn sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

fn note(run: &Run, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "juror", "--db", "j1.db", "note", "--stage", "proposal", "--entry", "A01",
    ];
    args.extend_from_slice(extra);
    run.juri(&args)
}

fn text(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

#[test]
fn photos_travel_signed_with_the_note_and_the_chair_sees_them() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    std::fs::write(run.path("lapangan.jpg"), camera_photo(2400, 1200)).unwrap();
    std::fs::write(run.path("papan.jpg"), camera_photo(640, 480)).unwrap();

    // Without --keep-location: upright (orientation 6 turns 2400 × 1200 into 1200 × 2400), scaled
    // to 1600 on the longer side, nothing of the EXIF kept.
    let o = note(
        &run,
        &[
            "--text",
            "Kunjungan: posyandu aktif",
            "--photo",
            "lapangan.jpg",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let said = text(&o);
    assert!(said.contains("note on proposal/A01 saved"), "{said}");
    assert!(said.contains("800 × 1600"), "{said}");
    assert!(said.contains("kept: no time or place"), "{said}");

    // With it: the camera's time and place.
    let o = note(&run, &["--photo", "papan.jpg", "--keep-location"]);
    assert!(o.status.success(), "{}", text(&o));
    let said = text(&o);
    assert!(said.contains("480 × 640"), "{said}");
    assert!(
        said.contains("kept: 2026-11-30T10:15:00, -10.177200,123.607000"),
        "{said}"
    );
    // The same photo again changes nothing.
    let o = note(&run, &["--photo", "papan.jpg", "--keep-location"]);
    assert!(text(&o).contains("is on the note on proposal/A01 already"));

    let sheet = run.ok(&[
        "juror", "--db", "j1.db", "sheet", "--stage", "proposal", "--entry", "A01",
    ]);
    assert!(sheet.contains("note: Kunjungan: posyandu aktif"), "{sheet}");
    assert!(sheet.contains("800 × 1600"), "{sheet}");
    assert!(
        sheet.contains("480 × 640") && sheet.contains("-10.177200,123.607000"),
        "{sheet}"
    );
    let exported = run.ok(&["juror", "--db", "j1.db", "export", "--out", "nilai-J1.juri"]);
    assert!(
        exported.contains("with 2 photos on your notes"),
        "{exported}"
    );
    let bundle = std::fs::read(run.path("nilai-J1.juri")).unwrap();
    assert!(bundle.starts_with(b"JURI-BUNDLE v3\n"));

    let verified = run.ok(&["verify", "nilai-J1.juri", "--db", "lomba.db"]);
    assert!(
        verified.contains("1 notes, 0 submitted, 2 photos on the notes"),
        "{verified}"
    );
    let merged = run.ok(&["merge", "--db", "lomba.db", "nilai-J1.juri"]);
    assert!(merged.contains("with 2 photos on field notes"), "{merged}");

    let notes: serde_json::Value = serde_json::from_str(&run.ok(&[
        "entries", "notes", "--db", "lomba.db", "--entry", "A01", "--format", "json",
    ]))
    .unwrap();
    let first_note = &notes[0];
    assert_eq!(first_note["juror"], "J1");
    assert_eq!(first_note["text"], "Kunjungan: posyandu aktif");
    let photos = first_note["photos"].as_array().unwrap();
    assert_eq!(photos.len(), 2);
    assert_eq!(
        (photos[0]["width"].as_u64(), photos[0]["height"].as_u64()),
        (Some(800), Some(1600))
    );
    assert_eq!(photos[0]["location"], serde_json::Value::Null);
    assert_eq!(photos[1]["taken_at"], "2026-11-30T10:15:00");
    assert_eq!(photos[1]["location"], "-10.177200,123.607000");
    let table = run.ok(&["entries", "notes", "--db", "lomba.db"]);
    assert!(table.contains("-10.177200,123.607000"), "{table}");

    // The chair saves a copy: the JPEG the juror signed, no EXIF left in it.
    let first = photos[0]["sha256"].as_str().unwrap();
    let said = run.ok(&[
        "entries",
        "save-photo",
        "--db",
        "lomba.db",
        "--photo",
        &first[..12],
        "--out",
        "foto.jpg",
    ]);
    assert!(said.contains("saved as"), "{said}");
    let saved = std::fs::read(run.path("foto.jpg")).unwrap();
    assert_eq!(sha(&saved), first);
    assert!(!saved.windows(6).any(|w| w == b"Exif\0\0"));
    let again = run.fails(&[
        "entries",
        "save-photo",
        "--db",
        "lomba.db",
        "--photo",
        first,
        "--out",
        "foto.jpg",
    ]);
    assert!(again.contains("foto.jpg"), "{again}");
    let unknown = run.fails(&[
        "entries",
        "save-photo",
        "--db",
        "lomba.db",
        "--photo",
        "0123456789ab",
        "--out",
        "x.jpg",
    ]);
    assert!(
        unknown.contains("no merged note carries a photo"),
        "{unknown}"
    );

    // Removing a photo is a new revision of the note, merged like any other.
    let o = note(&run, &["--remove-photo", &first[..12]]);
    assert!(
        text(&o).contains("removed from the note on proposal/A01"),
        "{}",
        text(&o)
    );
    run.export("j1.db", "nilai-J1-2.juri");
    let merged = run.ok(&["merge", "--db", "lomba.db", "nilai-J1-2.juri"]);
    assert!(merged.contains("1 updated"), "{merged}");
    let notes: serde_json::Value = serde_json::from_str(
        &run.ok(&["entries", "notes", "--db", "lomba.db", "--format", "json"]),
    )
    .unwrap();
    assert_eq!(notes[0]["photos"].as_array().unwrap().len(), 1);
    assert_eq!(notes[0]["photos"][0]["location"], "-10.177200,123.607000");
}

#[test]
fn what_is_not_a_whole_photo_within_the_limits_is_refused_and_nothing_changes() {
    let run = Run::new();
    run.with_laptop("j1.db", "J1");
    let photo = camera_photo(320, 240);
    let files: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "catatan.txt",
            b"bukan foto".to_vec(),
            "is not a photo Juri can read",
        ),
        (
            "proposal.pdf",
            b"%PDF-1.7\n%%EOF\n".to_vec(),
            "is not a photo Juri can read",
        ),
        (
            "terpotong.jpg",
            photo[..photo.len() / 2].to_vec(),
            "cannot be read as a whole image",
        ),
        (
            "IMG_0001.HEIC",
            [&[0, 0, 0, 24][..], b"ftypheic", &[0; 40]].concat(),
            "is a HEIC photo",
        ),
    ];
    for (name, bytes, _) in &files {
        std::fs::write(run.path(name), bytes).unwrap();
    }
    // Larger than 40 MiB, before it is read.
    let big = std::fs::File::create(run.path("besar.jpg")).unwrap();
    big.set_len(40 * 1024 * 1024 + 1).unwrap();
    let before = dump(&run.path("j1.db"));
    for (name, _, expected) in files.iter().map(|(n, b, e)| (*n, b, *e)).chain([(
        "besar.jpg",
        &Vec::new(),
        "a photo may have at most",
    )]) {
        let o = note(&run, &["--photo", name]);
        assert!(!o.status.success(), "{name}");
        let said = text(&o);
        assert!(said.contains(expected), "{name}: {said}");
        assert!(said.contains(name), "{name}: {said}");
        assert_eq!(dump(&run.path("j1.db")), before, "{name}");
    }
    // A photo on an entry the juror does not score, and a photo the note does not carry.
    std::fs::write(run.path("foto.jpg"), &photo).unwrap();
    let o = run.juri(&[
        "juror", "--db", "j1.db", "note", "--stage", "proposal", "--entry", "Z99", "--photo",
        "foto.jpg",
    ]);
    assert!(!o.status.success());
    let o = note(&run, &["--remove-photo", "0123456789ab"]);
    assert!(
        text(&o).contains("no photo 0123456789ab is on that note"),
        "{}",
        text(&o)
    );
    assert_eq!(dump(&run.path("j1.db")), before);

    // At most ten photos on a note.
    for i in 0..10u32 {
        let name = format!("foto-{i}.jpg");
        std::fs::write(run.path(&name), camera_photo(64 + i, 48)).unwrap();
        let o = note(&run, &["--photo", &name]);
        assert!(o.status.success(), "{}", text(&o));
    }
    let o = note(&run, &["--photo", "foto.jpg"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("has 10 photos already"), "{}", text(&o));

    // A start of a hash that two photos share removes neither (the photos are the same on every
    // run, and two of these ten hashes begin with the same digit).
    let sheet: serde_json::Value = serde_json::from_str(&run.ok(&[
        "juror", "--db", "j1.db", "sheet", "--stage", "proposal", "--entry", "A01", "--format",
        "json",
    ]))
    .unwrap();
    let hashes: Vec<&str> = sheet["photos"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["sha256"].as_str().unwrap())
        .collect();
    assert_eq!(hashes.len(), 10);
    let shared = hashes
        .iter()
        .map(|h| &h[..1])
        .find(|start| hashes.iter().filter(|h| h.starts_with(*start)).count() > 1)
        .expect("two hashes begin alike");
    let before = dump(&run.path("j1.db"));
    let o = note(&run, &["--remove-photo", shared]);
    assert!(!o.status.success());
    assert!(text(&o).contains("give more of its digits"), "{}", text(&o));
    assert_eq!(dump(&run.path("j1.db")), before);
}
