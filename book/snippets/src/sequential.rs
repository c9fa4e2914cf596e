//! Chapter `ex02-sequential-vs-concurrent.md`: what awaiting one after
//! another costs, how to measure it, and what a blocking call does.

use crate::Log;
use crate::join::{fetch_products, fetch_users};
use std::time::Duration;

// ANCHOR: one_by_one
pub async fn one_by_one() -> (Vec<String>, Vec<String>) {
    let users = fetch_users().await; // 1 s
    let products = fetch_products().await; // starts only now: 1 s more
    (users, products)
}
// ANCHOR_END: one_by_one

// ANCHOR: created_first
pub async fn created_first_then_awaited() -> (Vec<String>, Vec<String>) {
    let users = fetch_users(); // nothing runs yet
    let products = fetch_products(); // nothing runs yet
    (users.await, products.await) // still one after another: 2 s
}
// ANCHOR_END: created_first

// ANCHOR: blocking
/// Stops the whole thread: every future on it waits too.
pub async fn blocking_wait(log: &Log) {
    std::thread::sleep(Duration::from_millis(50)); // wrong in async code
    log.push("A 끝");
}

/// Steps aside while waiting: the other futures keep running.
pub async fn async_wait(log: &Log) {
    tokio::time::sleep(Duration::from_millis(50)).await;
    log.push("A 끝");
}

pub async fn quick(log: &Log) {
    log.push("B 실행");
}
// ANCHOR_END: blocking

// ANCHOR: spawn_blocking
/// The blocking call runs on tokio's blocking-thread pool; this future
/// waits for it without holding up the others.
pub async fn blocking_elsewhere(log: &Log) {
    let wait = || std::thread::sleep(Duration::from_millis(50));
    tokio::task::spawn_blocking(wait).await.expect("no panic");
    log.push("A 끝");
}
// ANCHOR_END: spawn_blocking

#[cfg(test)]
mod tests;
