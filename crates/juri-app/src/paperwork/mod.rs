//! The paperwork: the chair's data mapped onto `juri-report`'s documents and exports.

mod documents;

pub use documents::*;
