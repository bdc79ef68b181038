//! A harness for end-to-end journeys through the real Juri desktop app.
//!
//! [`App::launch`] starts `tauri-driver` on free ports in front of WebKitWebDriver, opens a
//! WebDriver session on the debug build of `juri-desktop`, and gives the app a fresh temporary
//! data folder (`JURI_DATA_DIR`, plus `XDG_*` folders for WebKit's own files), so a journey never
//! touches real user data. [`App::close`] ends the session and stops `tauri-driver` with SIGTERM.
//!
//! Journeys find elements by their `data-testid` attribute and wait for text to appear, never for
//! a fixed time.

mod actions;
mod driver;
pub mod fixture;
mod paths;

pub use driver::{App, Folders, HarnessError, Launch};
pub use paths::{desktop_binary, tauri_driver_binary};
