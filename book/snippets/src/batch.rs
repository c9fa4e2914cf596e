//! Chapter `ex04-batch.md`: many items at once with `join_all`, at most
//! `n` at a time with `buffered(n)` or a `Semaphore`, and results in
//! completion order with `JoinSet`.

use futures::future::join_all;
use futures::stream::{self, StreamExt};
use serde::Serialize;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::sleep;

// ANCHOR: check_stock
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stock {
    pub id: u32,
    pub count: u32,
}

/// One item: a 0.5-second call to the stock service.
pub async fn check_stock(id: u32) -> Stock {
    sleep(Duration::from_millis(500)).await;
    Stock { id, count: id * 10 }
}
// ANCHOR_END: check_stock

// ANCHOR: join_all
pub async fn check_all(ids: &[u32]) -> Vec<Stock> {
    // One future per item, all polled together.
    // The Vec keeps the order of `ids`.
    join_all(ids.iter().map(|&id| check_stock(id))).await
}
// ANCHOR_END: join_all

// ANCHOR: buffered
pub async fn check_all_buffered(ids: &[u32], n: usize) -> Vec<Stock> {
    stream::iter(ids.iter().map(|&id| check_stock(id)))
        .buffered(n) // at most n futures in flight; output in input order
        .collect()
        .await
}
// ANCHOR_END: buffered

// ANCHOR: semaphore
pub async fn check_all_with_permits(ids: &[u32], n: usize) -> Vec<Stock> {
    let permits = &Semaphore::new(n); // one semaphore, borrowed by every future
    join_all(ids.iter().map(|&id| async move {
        // Wait for one of n permits; dropping `_permit` gives it back.
        let _permit = permits.acquire().await.expect("never closed");
        check_stock(id).await
    }))
    .await
}
// ANCHOR_END: semaphore

// ANCHOR: joinset
/// Each source answers after its own delay.
/// The names come back in the order the sources finish.
pub async fn in_completion_order(
    sources: &[(&'static str, u64)],
) -> Vec<&'static str> {
    let mut set = JoinSet::new();
    for &(name, millis) in sources {
        set.spawn(async move {
            sleep(Duration::from_millis(millis)).await;
            name
        });
    }
    let mut finished = Vec::new();
    while let Some(done) = set.join_next().await {
        finished.push(done.expect("the task panicked"));
    }
    finished
}
// ANCHOR_END: joinset

#[cfg(test)]
mod tests;
