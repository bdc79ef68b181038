//! The commands the web UI may invoke: one-line adapters from IPC to the state and the use cases.
//!
//! Every command returns `Result<T, CommandError>` so the UI always receives `{code, message,
//! problems}`. Every command that touches a database or a file is `async` and runs its work on a
//! blocking worker thread (`state::with`), so the window never waits on the disk.

pub mod app;
pub mod chair;
pub mod documents;
pub mod juror;
pub mod roundtrip;
