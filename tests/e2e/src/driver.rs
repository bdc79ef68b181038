//! Starting and stopping tauri-driver and the WebDriver session.

use crate::paths::{desktop_binary, tauri_driver_binary};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;
use std::fs::File;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use thirtyfour::prelude::*;
use thirtyfour::Capabilities;

/// How long tauri-driver may take to listen, and an element to show its expected text.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);
pub(crate) const WAIT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a step the app works on may take to show (creating a competition, an import, a merge,
/// a document): what the screen should come to say is waited for this long.
pub(crate) const LONG_WAIT: Duration = Duration::from_secs(30);
pub(crate) const POLL_INTERVAL: Duration = Duration::from_millis(50);

#[derive(thiserror::Error)]
pub enum HarnessError {
    #[error("{program} not found at {path}: {hint}")]
    MissingProgram {
        program: &'static str,
        path: PathBuf,
        hint: &'static str,
    },
    #[error("no X display: run the journeys under `xvfb-run -a`")]
    NoDisplay,
    #[error("cannot prepare the test folders: {0}")]
    Io(#[from] std::io::Error),
    #[error("tauri-driver exited before listening ({status}); its log:\n{log}")]
    DriverExited { status: String, log: String },
    #[error(
        "tauri-driver did not listen on port {port} within {STARTUP_TIMEOUT:?}; its log:\n{log}"
    )]
    DriverSilent { port: u16, log: String },
    #[error("WebDriver: {0}")]
    WebDriver(#[from] WebDriverError),
    #[error("timed out waiting for {0}")]
    Timeout(String),
    #[error("{0}")]
    Tool(String),
    #[error(
        "[data-testid={test_id}] should read {expected:?} but read {actual:?} after {LONG_WAIT:?}"
    )]
    TextMismatch {
        test_id: String,
        expected: String,
        actual: String,
    },
}

// A failed journey returns its error from the test function, which prints it with `Debug`:
// show the readable message there.
impl std::fmt::Debug for HarnessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

/// The temporary folders of one journey: the app's data folder, WebKit's own folders, and room for
/// the files a journey brings (packages, bundles, sheets). They outlive every launch that uses them,
/// so a journey can quit the app and start it again on the same data.
pub struct Folders {
    dir: TempDir,
}

impl Folders {
    pub fn new() -> Result<Arc<Folders>, HarnessError> {
        let dir = tempfile::Builder::new().prefix("juri-e2e-").tempdir()?;
        for sub in ["data", "xdg-data", "xdg-config", "xdg-cache", "files"] {
            std::fs::create_dir(dir.path().join(sub))?;
        }
        Ok(Arc::new(Folders { dir }))
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The data folder the app is given (`JURI_DATA_DIR`).
    pub fn data_dir(&self) -> PathBuf {
        self.path().join("data")
    }

    /// The environment the app runs in: WebKit's and the platform's folders inside this journey's,
    /// and the data folder as `launch` says.
    pub fn environment(&self, command: &mut Command, launch: &Launch) {
        if launch.installed {
            command.env_remove("JURI_DATA_DIR");
        } else {
            command.env("JURI_DATA_DIR", self.data_dir());
        }
        command
            // GTK keeps its settings in memory: no dconf or D-Bus session is needed.
            .env("GSETTINGS_BACKEND", "memory")
            .env("XDG_DATA_HOME", self.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", self.path().join("xdg-cache"))
            // Keys are never copied into the keychain of the machine running the journeys: each
            // journey asks for the passphrase and access code as a laptop without a keychain does.
            .env("JURI_KEYCHAIN", "off");
        for (name, value) in &launch.env {
            command.env(name, value);
        }
    }

    /// A folder for the files a journey brings or expects the app to write.
    pub fn files(&self) -> PathBuf {
        self.path().join("files")
    }
}

/// How a journey starts the app.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// Started as an installed app is: no data folder named (`JURI_DATA_DIR` unset), so the app keeps
    /// its data in the platform's folder — inside the journey's own `XDG_DATA_HOME`.
    pub installed: bool,
    /// More environment variables, e.g. the address of a journey's own D-Bus session.
    pub env: Vec<(String, String)>,
}

/// The running app under test, with its temporary folders.
pub struct App {
    driver: Option<WebDriver>,
    tauri_driver: Child,
    application: PathBuf,
    folders: Option<Arc<Folders>>,
    log_path: PathBuf,
}

impl App {
    /// Starts tauri-driver and the app in fresh folders, and waits until the shell is on screen.
    pub async fn launch() -> Result<App, HarnessError> {
        App::launch_in(Folders::new()?, &[]).await
    }

    /// Starts the app on `folders` with extra command-line `args` (e.g. `--demo`).
    pub async fn launch_in(folders: Arc<Folders>, args: &[&str]) -> Result<App, HarnessError> {
        App::launch_with(folders, args, &Launch::default()).await
    }

    /// Starts the app on `folders` with `args`, as `launch` says.
    pub async fn launch_with(
        folders: Arc<Folders>,
        args: &[&str],
        launch: &Launch,
    ) -> Result<App, HarnessError> {
        if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
            return Err(HarnessError::NoDisplay);
        }
        let application = desktop_binary()?;
        let program = tauri_driver_binary()?;
        let (child, port, log_path) = start_driver(&program, &folders, launch)?;
        // From here on, dropping `app` stops tauri-driver whatever happens next.
        let mut app = App {
            driver: None,
            tauri_driver: child,
            application: application.clone(),
            folders: Some(folders),
            log_path,
        };

        let mut capabilities = Capabilities::new();
        capabilities.set(
            "tauri:options",
            serde_json::json!({ "application": application, "args": args }),
        )?;
        // tauri-driver may accept connections a moment before it answers them: try again briefly.
        let url = format!("http://127.0.0.1:{port}");
        let mut attempt = 0;
        let driver = loop {
            match WebDriver::new(&url, capabilities.clone()).await {
                Ok(driver) => break driver,
                Err(error)
                    if attempt < 5 && error.to_string().contains("error sending request") =>
                {
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(error) => return Err(error.into()),
            }
        };
        app.driver = Some(driver);
        app.find("app-shell").await?;
        Ok(app)
    }

    /// The WebDriver session.
    pub fn driver(&self) -> &WebDriver {
        self.driver
            .as_ref()
            .expect("the session is open until close()")
    }

    /// The data folder the app was given.
    pub fn data_dir(&self) -> PathBuf {
        self.folders().data_dir()
    }

    /// The folders of this journey.
    pub fn folders(&self) -> &Folders {
        self.folders
            .as_ref()
            .expect("the folders live as long as the app")
    }

    /// The element with this `data-testid`, waiting for it to appear.
    pub async fn find(&self, test_id: &str) -> Result<WebElement, HarnessError> {
        let element = self
            .driver()
            .query(By::Css(selector(test_id)))
            .wait(WAIT_TIMEOUT, POLL_INTERVAL)
            .first()
            .await?;
        Ok(element)
    }

    /// Clicks the element with this `data-testid`. When a notice in the corner covers it, the
    /// notices are closed and the element scrolled to the middle of the view, as a person would.
    pub async fn click(&self, test_id: &str) -> Result<(), HarnessError> {
        let element = self.find(test_id).await?;
        match element.click().await {
            Err(error) if error.to_string().contains("intercepted") => {
                self.driver()
                    .execute(
                        "document.querySelectorAll('[data-testid=toast] button')\
                         .forEach((close) => close.click());\
                         arguments[0].scrollIntoView({ block: 'center' });",
                        vec![element.to_json()?],
                    )
                    .await?;
                tokio::time::sleep(POLL_INTERVAL).await;
                element.click().await?;
                Ok(())
            }
            Err(error) => {
                eprintln!("clicking [data-testid={test_id}] failed: {error}");
                self.failure_screenshot(&format!("click-{test_id}")).await;
                Err(error.into())
            }
            Ok(()) => Ok(()),
        }
    }

    /// The rendered text of the element with this `data-testid`, trimmed.
    ///
    /// This reads the DOM's `innerText`, not WebDriver's "visible text": WebKitWebDriver reports an
    /// empty text for any element with `overflow: hidden` (such as a title cut with an ellipsis).
    pub async fn text(&self, test_id: &str) -> Result<String, HarnessError> {
        let element = self.find(test_id).await?;
        let text = element.prop("innerText").await?.unwrap_or_default();
        Ok(text.trim().to_owned())
    }

    /// Waits until the element with this `data-testid` shows exactly `expected` (trimmed).
    pub async fn expect_text(&self, test_id: &str, expected: &str) -> Result<(), HarnessError> {
        let deadline = Instant::now() + LONG_WAIT;
        loop {
            let actual = self.text(test_id).await.unwrap_or_default();
            if actual == expected {
                return Ok(());
            }
            if Instant::now() >= deadline {
                self.failure_screenshot(test_id).await;
                return Err(HarnessError::TextMismatch {
                    test_id: test_id.to_owned(),
                    expected: expected.to_owned(),
                    actual,
                });
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// Saves what the screen shows when a step fails, to `target/failures/<name>.png`. It grabs
    /// the X screen (ImageMagick's `import`), which works whatever WebKit's rendering mode, where
    /// WebKitWebDriver's own screenshot needs compositing.
    pub async fn failure_screenshot(&self, name: &str) {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/failures");
        if std::fs::create_dir_all(&folder).is_ok() {
            let path = folder.join(format!("{name}.png"));
            let grabbed = Command::new("/usr/bin/import")
                .args(["-window", "root"])
                .arg(&path)
                .status()
                .is_ok_and(|status| status.success());
            if grabbed {
                eprintln!("screenshot of the failure: {}", path.display());
            }
        }
    }

    /// Saves a PNG of the app's window content.
    pub async fn screenshot(&self, path: &Path) -> Result<(), HarnessError> {
        self.driver().screenshot(path).await?;
        Ok(())
    }

    /// Ends the session (closing the app) and stops tauri-driver.
    pub async fn close(mut self) -> Result<(), HarnessError> {
        if let Some(driver) = self.driver.take() {
            driver.quit().await?;
        }
        Ok(())
    }
}

impl Drop for App {
    fn drop(&mut self) {
        // A journey that failed midway still ends its session before tauri-driver goes.
        drop(self.driver.take());
        stop(&mut self.tauri_driver);
        if std::thread::panicking() {
            eprintln!("tauri-driver log:\n{}", read_log(&self.log_path));
        }
        // The app may still be writing WebKit's caches for a moment after the session ends;
        // the folders go when the last launch using them has stopped.
        wait_for_exit(&self.application, Duration::from_secs(10));
        drop(self.folders.take());
    }
}

/// SIGTERM lets tauri-driver stop WebKitWebDriver too; SIGKILL would leave it running.
fn stop(child: &mut Child) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let Ok(raw) = i32::try_from(child.id()) else {
        return;
    };
    if kill(Pid::from_raw(raw), Signal::SIGTERM).is_ok() {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(POLL_INTERVAL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Waits until no process runs `program` (Linux: by the `/proc/<pid>/exe` links).
fn wait_for_exit(program: &Path, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while running(program) && Instant::now() < deadline {
        std::thread::sleep(POLL_INTERVAL);
    }
}

fn running(program: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return false;
    };
    entries
        .flatten()
        .filter_map(|entry| std::fs::read_link(entry.path().join("exe")).ok())
        .any(|exe| exe == program)
}

/// Starts tauri-driver on two free ports and waits until it listens. A port found free can be taken
/// by another program before tauri-driver binds it ("can not listen to address"): then it starts
/// again on two other ports, up to three times.
fn start_driver(
    program: &Path,
    folders: &Folders,
    launch: &Launch,
) -> Result<(Child, u16, PathBuf), HarnessError> {
    let mut attempt = 1;
    loop {
        let (port, native_port) = (free_port()?, free_port()?);
        let log_path = folders.path().join(format!("tauri-driver-{port}.log"));
        let log = File::create(&log_path)?;
        let mut command = Command::new(program);
        command.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ]);
        folders.environment(&mut command, launch);
        let mut child = command
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()?;
        match wait_until_listening(&mut child, port, &log_path) {
            Ok(()) => return Ok((child, port, log_path)),
            Err(HarnessError::DriverExited { log, .. })
                if attempt < 3 && log.contains("can not listen") =>
            {
                attempt += 1;
            }
            Err(error) => {
                stop(&mut child);
                return Err(error);
            }
        }
    }
}

fn wait_until_listening(child: &mut Child, port: u16, log_path: &Path) -> Result<(), HarnessError> {
    let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let deadline = Instant::now() + STARTUP_TIMEOUT;
    loop {
        if let Some(status) = child.try_wait()? {
            return Err(HarnessError::DriverExited {
                status: status.to_string(),
                log: read_log(log_path),
            });
        }
        if TcpStream::connect_timeout(&address, POLL_INTERVAL).is_ok() {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(HarnessError::DriverSilent {
                port,
                log: read_log(log_path),
            });
        }
        std::thread::sleep(POLL_INTERVAL);
    }
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

pub(crate) fn selector(test_id: &str) -> String {
    format!("[data-testid=\"{test_id}\"]")
}

fn read_log(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| format!("(no log: {error})"))
}
