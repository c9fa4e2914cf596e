//! Every Rust snippet the book shows. One module per chapter:
//! `// ANCHOR: name` markers mark what a chapter includes, and the module's
//! tests prove what that chapter claims.
//!
//! Time-based tests run on tokio's paused clock (`start_paused = true`): a
//! 1-second `sleep` takes no real time, and `tokio::time::Instant` measures
//! exactly how much simulated time passed.

pub mod aggregate;
pub mod batch;
pub mod client;
pub mod errors;
pub mod join;
pub mod sequential;

use std::sync::{Arc, Mutex};

// ANCHOR: log
/// A shared list of what happened, in order. A clone is another handle to
/// the same list, so a clone can be moved into a spawned task.
#[derive(Debug, Clone, Default)]
pub struct Log(Arc<Mutex<Vec<String>>>);

impl Log {
    pub fn push(&self, entry: impl Into<String>) {
        self.0.lock().unwrap().push(entry.into());
    }

    pub fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }
}
// ANCHOR_END: log
