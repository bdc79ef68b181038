//! Test harness: fixtures from `tests/data`, and poppler-utils (`pdfinfo`, `pdftotext`,
//! `pdftoppm`) to read the PDFs the way a viewer does.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::de::DeserializeOwned;
use tempfile::TempDir;

/// A view model from `tests/data/<name>`.
pub fn fixture<T: DeserializeOwned>(name: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A rendered PDF written to its own temporary directory.
pub struct Pdf {
    dir: TempDir,
    path: PathBuf,
}

/// Size of a page in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

impl PageSize {
    pub fn is_a4_portrait(&self) -> bool {
        (self.width - 595.28).abs() < 0.5 && (self.height - 841.89).abs() < 0.5
    }

    pub fn is_a4_landscape(&self) -> bool {
        (self.height - 595.28).abs() < 0.5 && (self.width - 841.89).abs() < 0.5
    }
}

/// A word and its box, in points from the top-left corner of its page.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x_min: f32,
    pub y_min: f32,
    pub x_max: f32,
    pub y_max: f32,
}

fn run(cmd: &mut Command) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?} could not start (poppler-utils installed?): {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

impl Pdf {
    pub fn new(bytes: &[u8]) -> Self {
        assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("document.pdf");
        std::fs::write(&path, bytes).expect("write pdf");
        Self { dir, path }
    }

    /// Page sizes as `pdfinfo` reports them (which also proves the file parses).
    pub fn page_sizes(&self) -> Vec<PageSize> {
        let out = run(Command::new("pdfinfo")
            .args(["-f", "1", "-l", "100000"])
            .arg(&self.path));
        let text = String::from_utf8_lossy(&out);
        let pages: usize = text
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .map(|v| v.trim().parse().expect("page count"))
            .expect("pdfinfo prints Pages");
        let sizes: Vec<PageSize> = text
            .lines()
            .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
            .map(|l| {
                let dims = l.split("size:").nth(1).expect("size").trim();
                let mut it = dims.split_whitespace();
                let width: f32 = it.next().and_then(|v| v.parse().ok()).expect("width");
                it.next();
                let height: f32 = it.next().and_then(|v| v.parse().ok()).expect("height");
                PageSize { width, height }
            })
            .collect();
        assert_eq!(sizes.len(), pages, "one size per page");
        sizes
    }

    pub fn page_count(&self) -> usize {
        self.page_sizes().len()
    }

    /// Text of one page (1-based) in content order, runs of white space collapsed.
    pub fn page_text(&self, page: usize) -> String {
        let p = page.to_string();
        let out = run(Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8", "-f", &p, "-l", &p])
            .arg(&self.path)
            .arg("-"));
        collapse(&String::from_utf8(out).expect("utf-8 text"))
    }

    /// Non-empty lines of one page (1-based) as laid out on the page.
    pub fn page_lines(&self, page: usize) -> Vec<String> {
        let p = page.to_string();
        let out = run(Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8", "-f", &p, "-l", &p])
            .arg(&self.path)
            .arg("-"));
        String::from_utf8(out)
            .expect("utf-8 text")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Text of the whole document, white space collapsed.
    pub fn text(&self) -> String {
        let out = run(Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&self.path)
            .arg("-"));
        collapse(&String::from_utf8(out).expect("utf-8 text"))
    }

    /// The font lines of `pdffonts` (after its two header lines).
    pub fn fonts(&self) -> Vec<String> {
        let out = run(Command::new("pdffonts").arg(&self.path));
        String::from_utf8_lossy(&out)
            .lines()
            .skip(2)
            .map(str::to_string)
            .collect()
    }

    /// Every word with its bounding box.
    pub fn words(&self) -> Vec<Word> {
        let html = self.dir.path().join("bbox.html");
        run(Command::new("pdftotext")
            .args(["-bbox", "-enc", "UTF-8"])
            .arg(&self.path)
            .arg(&html));
        let text = std::fs::read_to_string(&html).expect("bbox output");
        let mut words = Vec::new();
        let mut page = 0;
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with("<page ") {
                page += 1;
            } else if line.starts_with("<word ") {
                let attr = |name: &str| -> f32 {
                    let key = format!("{name}=\"");
                    let start = line.find(&key).expect("attribute") + key.len();
                    let end = start + line[start..].find('"').expect("closing quote");
                    line[start..end].parse().expect("number")
                };
                let text_start = line.find('>').expect("tag end") + 1;
                let text_end = line.rfind("</word>").expect("word end");
                words.push(Word {
                    page,
                    text: line[text_start..text_end].to_string(),
                    x_min: attr("xMin"),
                    y_min: attr("yMin"),
                    x_max: attr("xMax"),
                    y_max: attr("yMax"),
                });
            }
        }
        words
    }

    /// Every page rendered in grey at `dpi`.
    pub fn render(&self, dpi: u32) -> Vec<Greymap> {
        let prefix = self.dir.path().join("page");
        run(Command::new("pdftoppm")
            .args(["-gray", "-r", &dpi.to_string()])
            .arg(&self.path)
            .arg(&prefix));
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("list")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "pgm"))
            .collect();
        // pdftoppm pads page numbers to the same width, so names sort in page order.
        files.sort();
        files.iter().map(|f| Greymap::read(f, dpi)).collect()
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rendered page: 8-bit grey pixels, 255 = white.
pub struct Greymap {
    pub width: usize,
    pub height: usize,
    pub dpi: u32,
    pub pixels: Vec<u8>,
}

impl Greymap {
    fn read(path: &Path, dpi: u32) -> Self {
        let bytes = std::fs::read(path).expect("read pgm");
        // Binary PGM: "P5" width height maxval, each followed by one white-space byte.
        let mut fields = Vec::new();
        let mut pos = 0;
        while fields.len() < 4 {
            while bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let start = pos;
            while !bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..pos]).to_string());
        }
        assert_eq!(fields[0], "P5", "binary greymap");
        let width: usize = fields[1].parse().expect("width");
        let height: usize = fields[2].parse().expect("height");
        let pixels = bytes[pos + 1..].to_vec();
        assert_eq!(pixels.len(), width * height, "pixel count");
        Self {
            width,
            height,
            dpi,
            pixels,
        }
    }

    /// Number of pixels darker than `threshold` inside the rectangle given in millimetres
    /// from the top-left corner.
    pub fn ink_in_mm(&self, x0: f32, y0: f32, x1: f32, y1: f32, threshold: u8) -> usize {
        let px = |mm: f32| ((mm / 25.4) * self.dpi as f32).round().max(0.0) as usize;
        let (xa, xb) = (px(x0).min(self.width), px(x1).min(self.width));
        let (ya, yb) = (px(y0).min(self.height), px(y1).min(self.height));
        let mut n = 0;
        for y in ya..yb {
            let row = &self.pixels[y * self.width..(y + 1) * self.width];
            n += row[xa..xb].iter().filter(|&&v| v < threshold).count();
        }
        n
    }

    pub fn width_mm(&self) -> f32 {
        self.width as f32 * 25.4 / self.dpi as f32
    }

    pub fn height_mm(&self) -> f32 {
        self.height as f32 * 25.4 / self.dpi as f32
    }
}
