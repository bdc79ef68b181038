//! Pictures on a page (the organiser's logo): PNG or JPEG bytes checked, then turned into a PDF
//! image. A JPEG is embedded as it is (the PDF reader decodes it); a PNG is decoded here and its
//! pixels, with any transparency as a soft mask, compressed into the file.

use std::collections::BTreeMap;

use printpdf::{
    DictItem, ExternalStream, ExternalXObject, Px, RawImage, RawImageData, RawImageFormat, XObject,
};

/// The formats a picture may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ImageFormat::Png => "PNG",
            ImageFormat::Jpeg => "JPEG",
        }
    }
}

/// What a picture's bytes hold, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub format: ImageFormat,
    /// Pixels.
    pub width: u32,
    pub height: u32,
}

/// Checks that `bytes` are a PNG or JPEG image that can be printed, and says what it is. The
/// error says why not, in a few words ("not a PNG or JPEG image", "a damaged PNG image: …").
pub fn inspect_image(bytes: &[u8]) -> Result<ImageInfo, String> {
    decode(bytes).map(|p| p.info)
}

/// A picture ready to be placed.
pub(crate) struct Picture {
    pub(crate) info: ImageInfo,
    pub(crate) xobject: XObject,
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Picture, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        png_picture(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        jpeg_picture(bytes)
    } else {
        Err(rust_i18n::t!("image.not_png_or_jpeg").into_owned())
    }
}

fn png_picture(bytes: &[u8]) -> Result<Picture, String> {
    let damaged =
        |e: png::DecodingError| rust_i18n::t!("image.damaged_png", detail = e).into_owned();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(damaged)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| rust_i18n::t!("image.png_too_large").into_owned())?;
    let mut pixels = vec![0; size];
    let frame = reader.next_frame(&mut pixels).map_err(damaged)?;
    pixels.truncate(frame.buffer_size());
    let format = match frame.color_type {
        png::ColorType::Grayscale => RawImageFormat::R8,
        png::ColorType::GrayscaleAlpha => RawImageFormat::RG8,
        png::ColorType::Rgb => RawImageFormat::RGB8,
        png::ColorType::Rgba => RawImageFormat::RGBA8,
        png::ColorType::Indexed => return Err(rust_i18n::t!("image.png_palette").into_owned()),
    };
    let info = ImageInfo {
        format: ImageFormat::Png,
        width: frame.width,
        height: frame.height,
    };
    Ok(Picture {
        info,
        xobject: XObject::Image(RawImage {
            pixels: RawImageData::U8(pixels),
            width: frame.width as usize,
            height: frame.height as usize,
            data_format: format,
            tag: Vec::new(),
        }),
    })
}

/// A JPEG's size and colour components, from its frame header.
fn jpeg_frame(bytes: &[u8]) -> Result<(u32, u32, u8), String> {
    let damaged = || rust_i18n::t!("image.jpeg_no_frame").into_owned();
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(damaged());
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let is_frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if is_frame {
            let f = bytes.get(i + 4..i + 4 + 6).ok_or_else(damaged)?;
            let height = u32::from(u16::from_be_bytes([f[1], f[2]]));
            let width = u32::from(u16::from_be_bytes([f[3], f[4]]));
            if width == 0 || height == 0 {
                return Err(damaged());
            }
            return Ok((width, height, f[5]));
        }
        if marker == 0xD9 || marker == 0xDA {
            break;
        }
        i += 2 + length;
    }
    Err(damaged())
}

fn jpeg_picture(bytes: &[u8]) -> Result<Picture, String> {
    let (width, height, components) = jpeg_frame(bytes)?;
    if !bytes.ends_with(&[0xFF, 0xD9]) {
        return Err(rust_i18n::t!("image.jpeg_cut_short").into_owned());
    }
    let space = match components {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => return Err(rust_i18n::t!("image.jpeg_cmyk").into_owned()),
    };
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let dict = BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(width))),
        ("Height".to_string(), DictItem::Int(i64::from(height))),
        ("ColorSpace".to_string(), name(space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name("DCTDecode")),
    ]);
    Ok(Picture {
        info: ImageInfo {
            format: ImageFormat::Jpeg,
            width,
            height,
        },
        xobject: XObject::External(ExternalXObject {
            stream: ExternalStream {
                dict,
                content: bytes.to_vec(),
                compress: false,
            },
            width: Some(Px(width as usize)),
            height: Some(Px(height as usize)),
            dpi: None,
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_png() -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, 2, 1);
        e.set_color(png::ColorType::Rgba);
        e.set_depth(png::BitDepth::Eight);
        let mut w = e.write_header().unwrap();
        w.write_image_data(&[255, 0, 0, 255, 0, 0, 255, 128])
            .unwrap();
        w.finish().unwrap();
        out
    }

    #[test]
    fn a_png_is_read_and_anything_else_refused() {
        let info = inspect_image(&tiny_png()).unwrap();
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Png, 2, 1)
        );
        assert_eq!(
            inspect_image(b"GIF89a....").unwrap_err(),
            "not a PNG or JPEG image"
        );
        let cut = &tiny_png()[..30];
        assert!(inspect_image(cut)
            .unwrap_err()
            .starts_with("a damaged PNG image"));
    }

    #[test]
    fn a_jpeg_frame_header_gives_its_size() {
        // SOI, an APP0 segment, SOF0 (8 bits, 3 × 2 pixels, 3 components), EOI.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00];
        jpeg.extend([0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x02, 0x00, 0x03, 0x03]);
        jpeg.extend([0; 9]);
        jpeg.extend([0xFF, 0xD9]);
        let info = inspect_image(&jpeg).unwrap();
        assert_eq!(
            (info.format, info.width, info.height),
            (ImageFormat::Jpeg, 3, 2)
        );
        assert!(inspect_image(&jpeg[..6]).is_err());
    }
}
