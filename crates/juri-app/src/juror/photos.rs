//! Photos on the juror's field notes: a photo the juror picks (JPEG, PNG or WebP) is decoded,
//! turned upright as its EXIF orientation says, scaled to at most 1600 pixels on its longer side
//! and written again as a JPEG without any metadata. Its time and place are read from the EXIF and
//! kept, as the photo's signed attributes, only when the juror agrees. The photos travel in the
//! juror's bundle (format version 3) and are merged with the note.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use juri_bundle::{MAX_PHOTOS_PER_NOTE, MAX_PHOTO_BYTES, MAX_PHOTO_SIDE};
use juri_store::JurorPhotoRow;
use serde::Serialize;

use crate::error::AppError;
use crate::juror::JurorWorkspace;
use crate::refusal::Refusal;

/// The largest photo file the juror may pick, before it is scaled: 40 MiB.
pub const MAX_PHOTO_INPUT_BYTES: u64 = 40 * 1024 * 1024;

/// The JPEG quality Juri writes photos at.
const QUALITY: u8 = 85;

/// A photo on a note, as the juror's sheet and the chair's entry page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotePhotoView {
    /// Lowercase hex SHA-256 of the JPEG, which names it.
    pub sha256: String,
    /// Bytes.
    pub size: u64,
    pub width: u32,
    pub height: u32,
    /// When it was taken (`2026-11-30T10:15:00`, the camera's local time), if kept.
    pub taken_at: Option<String>,
    /// Where, `latitude,longitude`, if kept.
    pub location: Option<String>,
}

impl From<&juri_bundle::NotePhoto> for NotePhotoView {
    fn from(p: &juri_bundle::NotePhoto) -> Self {
        Self {
            sha256: p.sha256.clone(),
            size: p.size,
            width: p.width,
            height: p.height,
            taken_at: p.taken_at.clone(),
            location: p.location.clone(),
        }
    }
}

impl From<&JurorPhotoRow> for NotePhotoView {
    fn from(p: &JurorPhotoRow) -> Self {
        Self {
            sha256: p.sha256.clone(),
            size: p.size as u64,
            width: p.width as u32,
            height: p.height as u32,
            taken_at: p.taken_at.clone(),
            location: p.location.clone(),
        }
    }
}

impl NotePhotoView {
    /// The photo as a bundle's note names it.
    pub fn to_bundle(&self) -> juri_bundle::NotePhoto {
        juri_bundle::NotePhoto {
            sha256: self.sha256.clone(),
            size: self.size,
            width: self.width,
            height: self.height,
            taken_at: self.taken_at.clone(),
            location: self.location.clone(),
        }
    }
}

/// A photo prepared for a note: the JPEG and what the note says of it.
#[derive(Debug, Clone)]
pub struct PreparedPhoto {
    pub view: NotePhotoView,
    pub jpeg: Vec<u8>,
}

/// What adding a photo to a note did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedPhoto {
    pub photo: NotePhotoView,
    /// The note's revision after it; unchanged when the photo was on the note already.
    pub revision: u64,
    /// False when the same photo was on the note already.
    pub added: bool,
    /// The size of the file the juror picked.
    pub original_size: u64,
}

/// Prepares the photo file `bytes` (named `name` in messages): refused when it is not a JPEG, PNG
/// or WebP image, is cut short or damaged, or is larger than [`MAX_PHOTO_INPUT_BYTES`]. With
/// `keep_place_and_time`, the EXIF's original time and GPS position become the photo's
/// attributes; otherwise nothing of the EXIF is kept.
pub fn prepare_photo(
    name: &str,
    bytes: &[u8],
    keep_place_and_time: bool,
) -> Result<PreparedPhoto, AppError> {
    let refused = |reason: String| -> AppError {
        Refusal::PhotoUnreadable {
            name: name.to_string(),
            reason,
        }
        .into()
    };
    if bytes.len() as u64 > MAX_PHOTO_INPUT_BYTES {
        return Err(Refusal::PhotoTooLarge {
            name: name.to_string(),
            size: bytes.len() as u64,
            limit: MAX_PHOTO_INPUT_BYTES,
        }
        .into());
    }
    if is_heif(bytes) {
        return Err(Refusal::PhotoHeic {
            name: name.to_string(),
        }
        .into());
    }
    let format = image::guess_format(bytes)
        .ok()
        .filter(|f| matches!(f, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP))
        .ok_or_else(|| {
            AppError::from(Refusal::PhotoNotImage {
                name: name.to_string(),
            })
        })?;
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(1024 * 1024 * 1024);
    reader.limits(limits);
    let mut image = reader.decode().map_err(|e| refused(e.to_string()))?;
    if format == ImageFormat::Jpeg && !bytes.ends_with(&[0xFF, 0xD9]) {
        // The decoder fills a JPEG cut short with grey; a photo must arrive whole.
        return Err(refused(
            rust_i18n::t!("refusal.photo_cut_short").into_owned(),
        ));
    }
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok();
    if let Some(orientation) = exif
        .as_ref()
        .and_then(|e| e.get_field(exif::Tag::Orientation, exif::In::PRIMARY))
        .and_then(|f| f.value.get_uint(0))
        .and_then(|o| u8::try_from(o).ok())
        .and_then(image::metadata::Orientation::from_exif)
    {
        image.apply_orientation(orientation);
    }
    let (taken_at, location) = match (&exif, keep_place_and_time) {
        (Some(exif), true) => (taken_at(exif), location(exif)),
        _ => (None, None),
    };
    let image = scaled(image);
    let mut quality = QUALITY;
    let jpeg = loop {
        let jpeg = encode(&image, quality).map_err(|e| refused(e.to_string()))?;
        if jpeg.len() as u64 <= MAX_PHOTO_BYTES || quality <= 50 {
            break jpeg;
        }
        quality -= 15;
    };
    if jpeg.len() as u64 > MAX_PHOTO_BYTES {
        return Err(Refusal::PhotoTooLarge {
            name: name.to_string(),
            size: jpeg.len() as u64,
            limit: MAX_PHOTO_BYTES,
        }
        .into());
    }
    let sha256 = juri_bundle::Fingerprint::of(&jpeg).to_hex();
    Ok(PreparedPhoto {
        view: NotePhotoView {
            sha256,
            size: jpeg.len() as u64,
            width: image.width(),
            height: image.height(),
            taken_at,
            location,
        },
        jpeg,
    })
}

/// A small JPEG of a photo for a printed sheet: at most 480 pixels on its longer side.
pub(crate) fn thumbnail(jpeg: &[u8]) -> Option<Vec<u8>> {
    let image = image::load_from_memory_with_format(jpeg, ImageFormat::Jpeg).ok()?;
    let image = if image.width().max(image.height()) > 480 {
        image.resize(480, 480, image::imageops::FilterType::Triangle)
    } else {
        image
    };
    encode(&image, 80).ok()
}

/// A photo's caption on a printed sheet: `2 · 1600 × 1200 · 2026-11-30 10:15 ·
/// -10.177200,123.607000 · 3f2a9c0d41e7`.
pub(crate) fn caption(number: usize, p: &NotePhotoView) -> String {
    let mut parts = vec![number.to_string(), format!("{} × {}", p.width, p.height)];
    if let Some(taken) = &p.taken_at {
        parts.push(taken.replace('T', " ").chars().take(16).collect());
    }
    if let Some(place) = &p.location {
        parts.push(place.clone());
    }
    parts.push(p.sha256.chars().take(12).collect());
    parts.join(" · ")
}

/// HEIC and HEIF (an ISO base media file whose brand is one of HEIF's).
fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() >= 12
        && &bytes[4..8] == b"ftyp"
        && matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif"
        )
}

/// The image at most [`MAX_PHOTO_SIDE`] pixels on its longer side.
fn scaled(image: DynamicImage) -> DynamicImage {
    let (w, h) = (image.width(), image.height());
    if w.max(h) <= MAX_PHOTO_SIDE {
        return image;
    }
    image.resize(
        MAX_PHOTO_SIDE,
        MAX_PHOTO_SIDE,
        image::imageops::FilterType::CatmullRom,
    )
}

/// The image as a baseline JPEG without metadata (transparency over white).
fn encode(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    let rgb = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
        for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
            let [r, g, b, a] = from.0;
            let over = |c: u8| ((c as u32 * a as u32 + 255 * (255 - a as u32)) / 255) as u8;
            *to = image::Rgb([over(r), over(g), over(b)]);
        }
        rgb
    } else {
        image.to_rgb8()
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(&rgb)?;
    Ok(out)
}

/// The EXIF's original time as `YYYY-MM-DDTHH:MM:SS`.
fn taken_at(exif: &exif::Exif) -> Option<String> {
    let field = exif
        .get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY)
        .or_else(|| exif.get_field(exif::Tag::DateTime, exif::In::PRIMARY))?;
    let exif::Value::Ascii(ref parts) = field.value else {
        return None;
    };
    let t = exif::DateTime::from_ascii(parts.first()?).ok()?;
    let text = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    );
    chrono::NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|_| text)
}

/// The EXIF's GPS position as `latitude,longitude` with six decimals.
fn location(exif: &exif::Exif) -> Option<String> {
    let degrees = |tag: exif::Tag, reference: exif::Tag, negative: &[u8]| -> Option<f64> {
        let field = exif.get_field(tag, exif::In::PRIMARY)?;
        let exif::Value::Rational(ref parts) = field.value else {
            return None;
        };
        if parts.len() < 3 || parts.iter().any(|p| p.denom == 0) {
            return None;
        }
        let value = parts[0].to_f64() + parts[1].to_f64() / 60.0 + parts[2].to_f64() / 3600.0;
        let sign = match exif
            .get_field(reference, exif::In::PRIMARY)
            .map(|f| &f.value)
        {
            Some(exif::Value::Ascii(r)) if r.first().is_some_and(|r| r.as_slice() == negative) => {
                -1.0
            }
            _ => 1.0,
        };
        Some(sign * value)
    };
    let lat = degrees(exif::Tag::GPSLatitude, exif::Tag::GPSLatitudeRef, b"S")?;
    let lon = degrees(exif::Tag::GPSLongitude, exif::Tag::GPSLongitudeRef, b"W")?;
    let text = |v: f64| {
        let t = format!("{v:.6}");
        if t == "-0.000000" {
            "0.000000".to_string()
        } else {
            t
        }
    };
    let location = format!("{},{}", text(lat), text(lon));
    juri_bundle::is_location(&location).then_some(location)
}

impl JurorWorkspace {
    /// The photos on the juror's note on `entry` in `stage`, in order.
    pub fn note_photos(&self, stage: &str, entry: &str) -> Result<Vec<NotePhotoView>, AppError> {
        Ok(self
            .db
            .read()
            .note_photos()?
            .iter()
            .filter(|p| p.stage == stage && p.entry == entry)
            .map(NotePhotoView::from)
            .collect())
    }

    /// The JPEG of a photo on one of the juror's notes.
    pub fn note_photo_bytes(&self, sha256: &str) -> Result<Vec<u8>, AppError> {
        self.db.read().note_photo_bytes(sha256)?.ok_or_else(|| {
            Refusal::PhotoNotOnNote {
                sha256: sha256.get(..12).unwrap_or(sha256).to_string(),
            }
            .into()
        })
    }

    /// Attaches the photo file `path` to the juror's note on `entry` in `stage` (see
    /// [`prepare_photo`]), raising the note's revision. Durable when it returns.
    pub fn add_note_photo(
        &mut self,
        stage: &str,
        entry: &str,
        path: &Path,
        keep_place_and_time: bool,
    ) -> Result<AddedPhoto, AppError> {
        let size = std::fs::metadata(path)
            .map_err(|e| AppError::io(path, e))?
            .len();
        if size > MAX_PHOTO_INPUT_BYTES {
            return Err(Refusal::PhotoTooLarge {
                name: path.display().to_string(),
                size,
                limit: MAX_PHOTO_INPUT_BYTES,
            }
            .into());
        }
        let bytes = std::fs::read(path).map_err(|e| AppError::io(path, e))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        self.add_note_photo_bytes(stage, entry, &name, &bytes, keep_place_and_time)
    }

    /// [`JurorWorkspace::add_note_photo`] for a photo's bytes (`name` names it in messages).
    pub fn add_note_photo_bytes(
        &mut self,
        stage: &str,
        entry: &str,
        name: &str,
        bytes: &[u8],
        keep_place_and_time: bool,
    ) -> Result<AddedPhoto, AppError> {
        let installed = self.installed()?;
        Self::scoring_stage(&installed, stage, entry)?;
        let prepared = prepare_photo(name, bytes, keep_place_and_time)?;
        let on_note: Vec<JurorPhotoRow> = self
            .db
            .read()
            .note_photos()?
            .into_iter()
            .filter(|p| p.stage == stage && p.entry == entry)
            .collect();
        let revision_now = self
            .db
            .read()
            .notes()?
            .into_iter()
            .find(|n| n.stage == stage && n.entry == entry)
            .map(|n| n.revision as u64)
            .unwrap_or(0);
        if on_note.iter().any(|p| p.sha256 == prepared.view.sha256) {
            return Ok(AddedPhoto {
                photo: prepared.view,
                revision: revision_now,
                added: false,
                original_size: bytes.len() as u64,
            });
        }
        if on_note.len() >= MAX_PHOTOS_PER_NOTE {
            return Err(Refusal::PhotosPerNote {
                entry: entry.to_string(),
                limit: MAX_PHOTOS_PER_NOTE,
            }
            .into());
        }
        let total: u64 = self.photo_bytes_total()? + prepared.view.size;
        if total > juri_bundle::MAX_BUNDLE_PHOTO_BYTES {
            return Err(Refusal::PhotosPerBundle {
                size: total,
                limit: juri_bundle::MAX_BUNDLE_PHOTO_BYTES,
            }
            .into());
        }
        let row = JurorPhotoRow {
            stage: stage.to_string(),
            entry: entry.to_string(),
            position: 0,
            sha256: prepared.view.sha256.clone(),
            size: prepared.view.size as i64,
            width: prepared.view.width as i64,
            height: prepared.view.height as i64,
            taken_at: prepared.view.taken_at.clone(),
            location: prepared.view.location.clone(),
        };
        let now = crate::now();
        let revision = self
            .db
            .write(|tx| tx.add_note_photo(&row, &prepared.jpeg, &now))?
            .unwrap_or(revision_now as i64);
        Ok(AddedPhoto {
            photo: prepared.view,
            revision: revision as u64,
            added: true,
            original_size: bytes.len() as u64,
        })
    }

    /// Removes the photo `sha256` (or the one photo whose hash starts with it) from the note on
    /// `entry` in `stage`, raising the note's revision. Returns the note's new revision.
    pub fn remove_note_photo(
        &mut self,
        stage: &str,
        entry: &str,
        sha256: &str,
    ) -> Result<u64, AppError> {
        let installed = self.installed()?;
        Self::scoring_stage(&installed, stage, entry)?;
        let wanted = sha256.trim().to_ascii_lowercase();
        let matching: Vec<NotePhotoView> = self
            .note_photos(stage, entry)?
            .into_iter()
            .filter(|p| !wanted.is_empty() && p.sha256.starts_with(&wanted))
            .collect();
        let found = match matching.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Refusal::PhotoNotOnNote {
                    sha256: wanted.clone(),
                }
                .into())
            }
            _ => {
                return Err(Refusal::PhotoAmbiguous {
                    sha256: wanted.clone(),
                    count: matching.len(),
                }
                .into())
            }
        };
        let now = crate::now();
        let revision = self
            .db
            .write(|tx| tx.remove_note_photo(stage, entry, &found.sha256, &now))?
            .ok_or(Refusal::PhotoNotOnNote { sha256: wanted })?;
        Ok(revision as u64)
    }

    /// The bytes of every distinct photo on the juror's notes.
    fn photo_bytes_total(&self) -> Result<u64, AppError> {
        let mut seen = std::collections::BTreeSet::new();
        Ok(self
            .db
            .read()
            .note_photos()?
            .into_iter()
            .filter(|p| seen.insert(p.sha256.clone()))
            .map(|p| p.size as u64)
            .sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, alpha: bool) -> Vec<u8> {
        let image: DynamicImage = if alpha {
            DynamicImage::ImageRgba8(image::RgbaImage::from_fn(width, height, |x, y| {
                image::Rgba([(x % 256) as u8, (y % 256) as u8, 90, 128])
            }))
        } else {
            DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
                image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
            }))
        };
        let mut out = Vec::new();
        image
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_large_photo_is_scaled_to_1600_pixels_and_written_as_jpeg() {
        let prepared = prepare_photo("besar.png", &png(3200, 1800, false), true).unwrap();
        assert_eq!((prepared.view.width, prepared.view.height), (1600, 900));
        assert!(prepared.jpeg.starts_with(&[0xFF, 0xD8, 0xFF]));
        assert!(prepared.jpeg.ends_with(&[0xFF, 0xD9]));
        assert_eq!(prepared.view.size, prepared.jpeg.len() as u64);
        assert!(prepared.view.size <= MAX_PHOTO_BYTES);
        // A PNG has no EXIF: no time, no place.
        assert_eq!(prepared.view.taken_at, None);
        assert_eq!(prepared.view.location, None);
        // A small one keeps its size; transparency is laid over white.
        let small = prepare_photo("kecil.png", &png(40, 30, true), false).unwrap();
        assert_eq!((small.view.width, small.view.height), (40, 30));
        // The same file gives the same JPEG (and so the same name).
        let again = prepare_photo("kecil.png", &png(40, 30, true), false).unwrap();
        assert_eq!(small.view.sha256, again.view.sha256);
    }

    #[test]
    fn what_is_not_a_whole_image_is_refused() {
        let text = prepare_photo("catatan.txt", b"bukan gambar", false).unwrap_err();
        assert!(text.to_string().contains("catatan.txt"), "{text}");
        let pdf = prepare_photo("a.pdf", b"%PDF-1.7\n", false).unwrap_err();
        assert!(
            matches!(pdf, AppError::Refused(Refusal::PhotoNotImage { .. })),
            "{pdf}"
        );
        let heic = [&[0, 0, 0, 24][..], b"ftypheic", &[0; 12]].concat();
        let heic = prepare_photo("IMG_0001.HEIC", &heic, false).unwrap_err();
        assert!(
            matches!(heic, AppError::Refused(Refusal::PhotoHeic { .. })),
            "{heic}"
        );
        // A JPEG cut short.
        let jpeg = prepare_photo("x.png", &png(64, 64, false), false)
            .unwrap()
            .jpeg;
        let cut = prepare_photo("terpotong.jpg", &jpeg[..jpeg.len() / 2], false).unwrap_err();
        assert!(
            matches!(cut, AppError::Refused(Refusal::PhotoUnreadable { .. })),
            "{cut}"
        );
        // A PNG cut short.
        let png = png(64, 64, false);
        let cut = prepare_photo("terpotong.png", &png[..png.len() - 20], false).unwrap_err();
        assert!(
            matches!(cut, AppError::Refused(Refusal::PhotoUnreadable { .. })),
            "{cut}"
        );
    }
}
