//! What a journey does with the app: type, press keys, read attributes, and answer the system's
//! file dialogs the way a person would (typing a path into the GTK file chooser).

use crate::driver::{selector, App, HarnessError, LONG_WAIT, POLL_INTERVAL, WAIT_TIMEOUT};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use thirtyfour::prelude::*;

impl App {
    /// Every element with this `data-testid`, now (possibly none).
    pub async fn all(&self, test_id: &str) -> Result<Vec<WebElement>, HarnessError> {
        Ok(self.driver().find_all(By::Css(selector(test_id))).await?)
    }

    /// The first element matching a CSS selector, waiting for it to appear.
    pub async fn find_css(&self, css: &str) -> Result<WebElement, HarnessError> {
        Ok(self
            .driver()
            .query(By::Css(css.to_owned()))
            .wait(WAIT_TIMEOUT, POLL_INTERVAL)
            .first()
            .await?)
    }

    /// The element with this `data-testid`, waiting as long as a slow step may take.
    pub async fn find_long(&self, test_id: &str) -> Result<WebElement, HarnessError> {
        Ok(self
            .driver()
            .query(By::Css(selector(test_id)))
            .wait(LONG_WAIT, POLL_INTERVAL)
            .first()
            .await?)
    }

    /// Replaces the text of the input with this `data-testid`.
    pub async fn type_into(&self, test_id: &str, text: &str) -> Result<(), HarnessError> {
        let element = self.find(test_id).await?;
        element.clear().await?;
        element.send_keys(text).await?;
        Ok(())
    }

    /// Types into whatever has the keyboard focus, as a person at the keyboard would.
    pub async fn keys(&self, keys: impl Into<TypingData>) -> Result<(), HarnessError> {
        self.driver()
            .active_element()
            .await?
            .send_keys(keys)
            .await?;
        Ok(())
    }

    /// The `data-testid` of the element that has the keyboard focus.
    pub async fn focused(&self) -> Result<String, HarnessError> {
        let element = self.driver().active_element().await?;
        Ok(element.attr("data-testid").await?.unwrap_or_default())
    }

    /// An attribute of the element with this `data-testid`.
    pub async fn attr(&self, test_id: &str, name: &str) -> Result<Option<String>, HarnessError> {
        Ok(self.find(test_id).await?.attr(name).await?)
    }

    /// A DOM property (e.g. `value`) of the element with this `data-testid`.
    pub async fn prop(&self, test_id: &str, name: &str) -> Result<String, HarnessError> {
        Ok(self
            .find(test_id)
            .await?
            .prop(name)
            .await?
            .unwrap_or_default())
    }

    /// Waits until `check` holds, polling; `what` names the condition in the error.
    pub async fn wait_until<F, Fut>(&self, what: &str, mut check: F) -> Result<(), HarnessError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<bool, HarnessError>>,
    {
        let deadline = Instant::now() + LONG_WAIT;
        loop {
            if check().await.unwrap_or(false) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                self.failure_screenshot("wait").await;
                return Err(HarnessError::Timeout(what.to_owned()));
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Waits until the text of the element with this `data-testid` contains `part`.
    pub async fn expect_contains(&self, test_id: &str, part: &str) -> Result<(), HarnessError> {
        let what = format!("[data-testid={test_id}] to contain {part:?}");
        self.wait_until(&what, || async {
            Ok(self.text(test_id).await?.contains(part))
        })
        .await
    }

    /// Clicks `test_id`, which opens a system file dialog, and answers it with `path`: types the
    /// path into the GTK file chooser's location field and presses Enter (xdotool).
    pub async fn choose_file(&self, test_id: &str, path: &Path) -> Result<(), HarnessError> {
        let before = windows()?;
        self.click(test_id).await?;
        answer_file_dialog(&before, path, true).await.map(drop)
    }

    /// Clicks the control with this `data-testid`, which opens the system's folder dialog, and
    /// chooses `path` in it.
    pub async fn choose_folder(&self, test_id: &str, path: &Path) -> Result<(), HarnessError> {
        let before = windows()?;
        self.click(test_id).await?;
        let dialog = answer_file_dialog(&before, path, false).await?;
        // In a folder dialog, Return on a typed folder goes into it; Return again (the location
        // field now empty) chooses the folder it is in. Only while the dialog is still there.
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_millis(700)).await;
            if !visible_windows()?.contains(&dialog) {
                return Ok(());
            }
            xdotool(&["windowfocus", "--sync", &dialog])?;
            xdotool(&["key", "Return"])?;
        }
        tokio::time::sleep(Duration::from_millis(700)).await;
        if visible_windows()?.contains(&dialog) {
            // Without a window manager the dialog may be taller than the screen: make its buttons
            // visible on the screenshot.
            xdotool(&["windowsize", "--sync", &dialog, "1000", "700"])?;
            tokio::time::sleep(Duration::from_millis(500)).await;
            self.failure_screenshot("folder-dialog").await;
            return Err(HarnessError::Timeout(format!(
                "the folder dialog to accept {}",
                path.display()
            )));
        }
        Ok(())
    }
}

/// The X windows that have a name, by id.
fn windows() -> Result<Vec<String>, HarnessError> {
    Ok(xdotool(&["search", "--name", "."])?
        .lines()
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
        .collect())
}

/// The X windows that are mapped (a closed dialog may linger unmapped).
fn visible_windows() -> Result<Vec<String>, HarnessError> {
    Ok(xdotool(&["search", "--onlyvisible", "--name", "."])?
        .lines()
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty())
        .collect())
}

/// Finds the file dialog (the window that was not there before the click), focuses it and types
/// the path into its location field, then Return. Returns the dialog's window id.
/// With `retry` (a file, not a folder: a chosen file closes the dialog), a dialog still open after
/// Return is given the path again.
async fn answer_file_dialog(
    before: &[String],
    path: &Path,
    retry: bool,
) -> Result<String, HarnessError> {
    let deadline = Instant::now() + WAIT_TIMEOUT;
    let window = loop {
        let mut fresh = Vec::new();
        for id in windows()?.into_iter().filter(|id| !before.contains(id)) {
            let name = xdotool(&["getwindowname", &id])?;
            if !name.trim().is_empty() && !name.contains("WebKit") {
                fresh.push(id);
            }
        }
        if let Some(id) = fresh.pop() {
            break id;
        }
        if Instant::now() >= deadline {
            return Err(HarnessError::Timeout("a file dialog to open".into()));
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    };
    // Let the dialog finish mapping before typing into it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    xdotool(&["windowfocus", "--sync", &window])?;
    // An open dialog shows its location field on Ctrl+L; a save dialog has its name field
    // focused already, with a suggested name that Ctrl+A selects to be replaced.
    xdotool(&["key", "ctrl+l"])?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    xdotool(&["key", "ctrl+a"])?;
    tokio::time::sleep(Duration::from_millis(100)).await;
    type_path(path)?;
    if let Some(dir) = std::env::var_os("JURI_E2E_DIALOGS") {
        let shot = Path::new(&dir).join(format!("dialog-{window}.png"));
        let _ = Command::new("/usr/bin/import")
            .args(["-window", "root"])
            .arg(&shot)
            .status();
    }
    xdotool(&["key", "Return"])?;
    // On a busy machine the chooser's completion can swallow a key, and the dialog then stays
    // open on a folder that does not exist ("The folder contents could not be displayed"): close
    // that message and type the path again, up to twice.
    for _ in 0..if retry { 2 } else { 0 } {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        if !visible_windows()?.contains(&window) {
            break;
        }
        xdotool(&["windowfocus", "--sync", &window])?;
        xdotool(&["key", "Return"])?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["key", "ctrl+l"])?;
        tokio::time::sleep(Duration::from_millis(200)).await;
        xdotool(&["key", "ctrl+a"])?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        type_path(path)?;
        xdotool(&["key", "Return"])?;
    }
    Ok(window)
}

/// Types `path` into the focused location field one folder at a time, pausing after each `/` while
/// the chooser lists that folder for its completion (typing on meanwhile can lose a key).
fn type_path(path: &Path) -> Result<(), HarnessError> {
    let text = path.display().to_string();
    let mut parts = text.split_inclusive('/').peekable();
    while let Some(part) = parts.next() {
        xdotool(&["type", "--delay", "40", part])?;
        if parts.peek().is_some() {
            std::thread::sleep(Duration::from_millis(150));
        }
    }
    std::thread::sleep(Duration::from_millis(200));
    Ok(())
}

fn xdotool(args: &[&str]) -> Result<String, HarnessError> {
    let output = Command::new("xdotool")
        .args(args)
        .output()
        .map_err(|error| HarnessError::Tool(format!("xdotool: {error} (install xdotool)")))?;
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
