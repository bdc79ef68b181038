//! juri-app
