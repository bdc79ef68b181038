//! One module per document; each turns its view model into pages.

pub(crate) mod awards;
pub(crate) mod blank_sheet;
pub(crate) mod certificate;
pub(crate) mod common;
pub(crate) mod minutes;
pub(crate) mod recap;
pub(crate) mod recusals;
pub(crate) mod score_sheet;
