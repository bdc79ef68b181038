//! Integration tests of juri-report: the PDFs are read back with poppler-utils and the
//! spreadsheets with calamine and csv, the way their users' programs will read them.

mod awards;
mod corrections;
mod determinism;
mod documents;
mod exports;
mod generated;
mod kop;
mod pagination;
mod recap;
mod rendering;
mod signatures;
mod support;
mod validation;
