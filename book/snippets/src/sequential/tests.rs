//! Tests for `sequential.rs`: each proves a claim of its chapter.

use super::*;
use crate::join::users_and_products;

// ANCHOR: measure
// tokio's Instant follows the paused clock (std's would not move).
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn one_by_one_takes_two_seconds_joined_takes_one() {
    let start = Instant::now();
    one_by_one().await;
    assert_eq!(start.elapsed(), Duration::from_secs(2));

    let start = Instant::now();
    users_and_products().await;
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}
// ANCHOR_END: measure

#[tokio::test(start_paused = true)]
async fn futures_created_first_still_run_one_after_another() {
    let start = Instant::now();
    let (users, products) = created_first_then_awaited().await;
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    assert_eq!((users.len(), products.len()), (2, 2));
}

// ANCHOR: blocking_test
// Real time (50 ms), judged by the order of events, not by a clock.
#[tokio::test]
async fn a_blocking_sleep_holds_up_the_other_future() {
    let log = Log::default();
    tokio::join!(blocking_wait(&log), quick(&log));
    assert_eq!(log.entries(), ["A 끝", "B 실행"]); // B waited for A
}

#[tokio::test]
async fn an_async_sleep_lets_the_other_future_run() {
    let log = Log::default();
    tokio::join!(async_wait(&log), quick(&log));
    assert_eq!(log.entries(), ["B 실행", "A 끝"]); // B ran while A waited
}
// ANCHOR_END: blocking_test

#[tokio::test]
async fn spawn_blocking_keeps_the_other_future_running() {
    let log = Log::default();
    tokio::join!(blocking_elsewhere(&log), quick(&log));
    assert_eq!(log.entries(), ["B 실행", "A 끝"]);
}
