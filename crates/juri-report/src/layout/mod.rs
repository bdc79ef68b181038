//! A small layout engine of our own: font metrics, wrapping, a page composer and tables.

pub(crate) mod composer;
pub(crate) mod fonts;
pub(crate) mod image;
pub(crate) mod table;
pub(crate) mod text;

pub use composer::Paper;
pub(crate) use composer::{Composer, Label, Orientation, MM};
pub(crate) use fonts::Face;
pub use image::{inspect_image, ImageFormat, ImageInfo};
pub(crate) use table::{Cell, Column, Row, Table, CELL_PAD_X};
pub(crate) use text::{Align, Style};
