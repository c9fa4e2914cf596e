//! Chapter `ex01-join.md`: `tokio::join!`, lazy futures, `tokio::spawn`.

use crate::Log;
use std::time::Duration;
use tokio::task::{JoinError, JoinHandle};
use tokio::time::sleep;

// ANCHOR: fetch
/// A 1-second API call, simulated (Python: `await asyncio.sleep(1)`).
pub async fn fetch_users() -> Vec<String> {
    sleep(Duration::from_secs(1)).await;
    vec!["홍길동".to_string(), "김영희".to_string()]
}

pub async fn fetch_products() -> Vec<String> {
    sleep(Duration::from_secs(1)).await;
    vec!["노트북".to_string(), "마우스".to_string()]
}
// ANCHOR_END: fetch

// ANCHOR: join_two
pub async fn users_and_products() -> (Vec<String>, Vec<String>) {
    // Both futures are polled together, on this one task.
    // The tuple comes back when both are done.
    tokio::join!(fetch_users(), fetch_products())
}
// ANCHOR_END: join_two

// ANCHOR: save
/// Writes `entry` to `log`. Calling it only builds a future:
/// the write happens when the future is awaited.
pub async fn save(log: &Log, entry: &str) {
    log.push(entry);
}
// ANCHOR_END: save

// ANCHOR: spawn
pub async fn spawn_both() -> Result<(Vec<String>, Vec<String>), JoinError> {
    // Each task starts now, on its own (asyncio.create_task).
    let users = tokio::spawn(fetch_users());
    let products = tokio::spawn(fetch_products());
    // Both already run: awaiting them in turn takes 1 s, not 2.
    // A handle gives Err(JoinError) if its task panicked.
    Ok((users.await?, products.await?))
}
// ANCHOR_END: spawn

// ANCHOR: spawn_move
pub fn save_in_background(log: &Log) -> JoinHandle<()> {
    // The task may outlive this call: it cannot borrow `log`.
    let log = log.clone(); // its own handle to the same log
    tokio::spawn(async move { save(&log, "저장").await })
}
// ANCHOR_END: spawn_move

// The code the book shows as compile errors, proven to fail (doc tests).

/// A spawned future may not borrow from the caller: it must be `'static`.
#[doc = "```compile_fail,E0597"]
#[doc = include_str!("../compile_fail/spawn_borrows.rs")]
#[doc = "```"]
///
/// It must be `Send` too: at any `.await` it may move to another thread.
#[doc = "```compile_fail"]
#[doc = include_str!("../compile_fail/spawn_not_send.rs")]
#[doc = "```"]
pub fn spawn_needs_static_and_send() {}

#[cfg(test)]
mod tests;
