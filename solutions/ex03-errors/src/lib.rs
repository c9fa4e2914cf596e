//! # Exercise 3: errors in concurrent work, `tokio::try_join!`
//!
//! Book chapter: `book/src/ex03-errors.md` ("Error handling: try_join! and join!").
//!
//! The lesson's `may_fail()` raises `ValueError("실패!")` and `will_succeed()` returns `"성공"`.
//! Here they return `Result`s, and [`save_audit_log`] is a slow sibling: it writes
//! `"감사 로그 저장"` to an [`AuditLog`] after 1 second. Write three functions:
//!
//! 1. [`fail_fast`]: `asyncio.gather(...)` with the default `return_exceptions=False`. Run the
//!    three calls with `tokio::try_join!` and return the first error as soon as it happens.
//! 2. [`collect_all`]: `asyncio.gather(..., return_exceptions=True)`. Run `may_fail` and
//!    `will_succeed` with `tokio::join!` and return both results, the error as a value, in the
//!    order they were passed.
//! 3. [`fail_fast_spawned`]: like [`fail_fast`], but each call runs as its own task
//!    (`tokio::spawn`), so the slow sibling still finishes after the error, as in Python.
//!
//! ## One error type for `try_join!`
//!
//! `try_join!` needs every future to fail with the **same** error type, and here there are two:
//! [`ValueError`] and [`std::io::Error`]. `anyhow::Error` holds either: inside an `async` block,
//! `?` converts the error, and `anyhow::Ok` names the result type for the compiler.
//!
//! ```text
//! let (failed, succeeded) = tokio::try_join!(
//!     async { anyhow::Ok(may_fail().await?) },     // ValueError -> anyhow::Error
//!     async { anyhow::Ok(will_succeed().await?) }, // io::Error  -> anyhow::Error
//! )?;
//! ```
//!
//! The original error is still inside: `err.downcast_ref::<ValueError>()` gets it back, like
//! `except ValueError as e` in Python.
//!
//! ## Where Rust differs from Python
//!
//! When one coroutine raises, `asyncio.gather` raises too, but it does **not** cancel the others:
//! they are tasks, and they keep running. `try_join!` works on plain futures and returns at the
//! first error, **dropping** the unfinished ones: a dropped future never runs again, so the audit
//! log is never written. To get Python's behaviour, spawn the siblings as tasks
//! ([`fail_fast_spawned`]): a task keeps running even when nobody waits for it.
//!
//! Check your work with:
//!
//! ```text
//! cargo test -p ex03-errors
//! ```

// ANCHOR: imports
use std::fmt;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::Duration;
// ANCHOR_END: imports

// ANCHOR: given
/// The lesson's `ValueError("실패!")`: a small error type of our own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError(pub String);

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ValueError {}

/// Fails at once, like `raise ValueError("실패!")`.
pub async fn may_fail() -> Result<String, ValueError> {
    calls::call("may_fail", Duration::ZERO).await; // at once, unless a test chose a delay
    Err(ValueError("실패!".into()))
}

/// Succeeds at once. Its error type is a different one: an I/O error.
pub async fn will_succeed() -> io::Result<String> {
    calls::call("will_succeed", Duration::ZERO).await;
    Ok("성공".into())
}
// ANCHOR_END: given

// ANCHOR: calls
/// What the tests control and see of the given calls: how long each one takes, and which calls
/// were made. Each thread has its own record, so each test has its own (a spawned task runs on
/// the test's thread too).
pub mod calls {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::time::Duration;

    thread_local! {
        static DELAYS: RefCell<HashMap<&'static str, Duration>> = RefCell::default();
        static MADE: RefCell<Vec<&'static str>> = RefCell::default();
    }

    /// Makes every later call to `name` (`"may_fail"`, `"will_succeed"`, `"save_audit_log"`) on
    /// this thread take `delay`.
    pub fn set_delay(name: &'static str, delay: Duration) {
        DELAYS.with_borrow_mut(|delays| delays.insert(name, delay));
    }

    /// The calls made on this thread so far, in the order they started.
    pub fn made() -> Vec<&'static str> {
        MADE.with_borrow(Clone::clone)
    }

    /// Writes down that `name` started, then waits as long as it takes (`usual`, unless set).
    pub(crate) async fn call(name: &'static str, usual: Duration) {
        MADE.with_borrow_mut(|made| made.push(name));
        let delay = DELAYS.with_borrow(|delays| delays.get(name).copied());
        let delay = delay.unwrap_or(usual);
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
    }
}
// ANCHOR_END: calls

// ANCHOR: audit_log
/// A shared log. Cloning it gives another handle to the same entries (an `Arc`), so a clone
/// can be moved into a spawned task.
#[derive(Debug, Clone, Default)]
pub struct AuditLog {
    entries: Arc<Mutex<Vec<String>>>,
    closed: bool,
}

impl AuditLog {
    pub fn new() -> Self {
        Self::default()
    }

    /// A log that refuses every write, like a full disk: saving to it fails after 1 second.
    pub fn closed() -> Self {
        Self {
            closed: true,
            ..Self::default()
        }
    }

    /// What has been written so far.
    pub fn entries(&self) -> Vec<String> {
        self.entries.lock().unwrap().clone()
    }
}

/// The slow sibling: takes 1 second, then writes `"감사 로그 저장"`.
pub async fn save_audit_log(log: &AuditLog) -> io::Result<()> {
    calls::call("save_audit_log", Duration::from_secs(1)).await;
    if log.closed {
        return Err(io::Error::other("감사 로그가 닫혀 있음"));
    }
    log.entries.lock().unwrap().push("감사 로그 저장".into());
    Ok(())
}
// ANCHOR_END: audit_log

// ANCHOR: fail_fast
/// `asyncio.gather(may_fail(), will_succeed(), save_audit_log(log))`: runs the three calls
/// concurrently and returns the first error as soon as it happens. The siblings that have not
/// finished are dropped, so nothing is written to `log`.
pub async fn fail_fast(log: &AuditLog) -> anyhow::Result<(String, String)> {
    // One error type for all three: `?` turns each error into an `anyhow::Error`.
    let (failed, succeeded, ()) = tokio::try_join!(
        async { anyhow::Ok(may_fail().await?) },
        async { anyhow::Ok(will_succeed().await?) },
        async { anyhow::Ok(save_audit_log(log).await?) },
    )?;
    Ok((failed, succeeded))
}
// ANCHOR_END: fail_fast

// ANCHOR: collect_all
/// `asyncio.gather(may_fail(), will_succeed(), return_exceptions=True)`: runs both calls
/// concurrently and returns every result, errors included, in the order they were passed.
pub async fn collect_all() -> Vec<anyhow::Result<String>> {
    // join! waits for both and hands back each Result as it is: the error is just a value.
    let (failed, succeeded) = tokio::join!(may_fail(), will_succeed());
    vec![
        failed.map_err(anyhow::Error::from),
        succeeded.map_err(anyhow::Error::from),
    ]
}
// ANCHOR_END: collect_all

// ANCHOR: fail_fast_spawned
/// Like [`fail_fast`], but each call runs as its own task, as in Python's `gather`: the error
/// comes back at once, and the audit log is still written 1 second later.
///
/// `tokio::spawn` needs a future that is `Send + 'static`: the task may outlive this call, so it
/// cannot borrow `log`. Move a clone of the handle into it; both point at the same entries.
pub async fn fail_fast_spawned(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let log = log.clone();
    let failing = tokio::spawn(may_fail());
    let succeeding = tokio::spawn(will_succeed());
    let saving = tokio::spawn(async move { save_audit_log(&log).await });
    // `??`: the first `?` is the JoinError (the task panicked), the second the task's own error.
    // Returning early drops the handles, and a dropped JoinHandle does not stop its task.
    let (failed, succeeded, ()) = tokio::try_join!(
        async { anyhow::Ok(failing.await??) },
        async { anyhow::Ok(succeeding.await??) },
        async { anyhow::Ok(saving.await??) },
    )?;
    Ok((failed, succeeded))
}
// ANCHOR_END: fail_fast_spawned
