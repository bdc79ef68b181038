//! juri-store
