//! # Exercise 4: batch processing, all at once and at most `limit` at a time
//!
//! Book chapter: `book/src/ex04-batch.md` ("Batch processing: all at once, and a few at a time").
//!
//! The lesson's `process_item` takes 0.5 s per item. Ten items one after another take 5 s;
//! all at once, 0.5 s. Write two functions:
//!
//! 1. [`batch_process`]: every item at once, like the lesson's `asyncio.gather(*tasks)`. Use
//!    `futures::future::join_all`, the `gather` for a list of any length.
//! 2. [`batch_process_bounded`]: at most `limit` items in flight at any moment (a real service
//!    would not thank you for 10,000 requests at once). Do not wait for a whole group of `limit`
//!    items before starting the next group: a window of `limit` slides along the list.
//!    `futures::stream::iter(..).map(..).buffered(limit)` does this, and so does a
//!    `tokio::sync::Semaphore` with `limit` permits.
//!
//! Both return the results **in the order of the input ids**, whatever order the items finish in.
//!
//! Items are processed by a [`Processor`] (given), which counts how many calls are in flight, so
//! the tests can check your limit. Some tests make a few ids slower than 0.5 s with
//! [`Processor::with_delay`].
//!
//! Check your work with:
//!
//! ```text
//! cargo test -p ex04-batch
//! ```

// ANCHOR: imports
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::time::sleep;
// ANCHOR_END: imports

// ANCHOR: processor
/// Processes items, counts how many calls are in flight (started, not yet finished), and writes
/// down which items were processed.
#[derive(Debug, Default)]
pub struct Processor {
    delays: HashMap<u32, Duration>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    started: Mutex<Vec<u32>>,
}

impl Processor {
    /// Every item takes 0.5 s, as in the lesson.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same, except that item `id` takes `delay`.
    pub fn with_delay(mut self, id: u32, delay: Duration) -> Self {
        self.delays.insert(id, delay);
        self
    }

    /// The most calls that were in flight at the same moment.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }

    /// The ids of every call to `process_item` so far, in the order the calls started.
    pub fn started(&self) -> Vec<u32> {
        self.started.lock().unwrap().clone()
    }
}
// ANCHOR_END: processor

// ANCHOR: given
/// One processed item, serialised like the lesson's dict: `{"id": 1, "result": "처리완료_1"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Processed {
    pub id: u32,
    pub result: String,
}

impl Processor {
    /// The lesson's `process_item`: waits 0.5 s (`asyncio.sleep(0.5)`), then returns the result.
    pub async fn process_item(&self, item_id: u32) -> Processed {
        let _in_flight = self.start_call(item_id); // counted until this call ends
        sleep(self.delay_of(item_id)).await;
        Processed {
            id: item_id,
            result: format!("처리완료_{item_id}"),
        }
    }
}
// ANCHOR_END: given

// ANCHOR: counting
impl Processor {
    fn delay_of(&self, id: u32) -> Duration {
        self.delays
            .get(&id)
            .copied()
            .unwrap_or(Duration::from_millis(500))
    }

    /// Counts a call in; the returned guard counts it out when dropped.
    fn start_call(&self, id: u32) -> InFlight<'_> {
        self.started.lock().unwrap().push(id);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        InFlight(&self.in_flight)
    }
}

/// One call in flight; dropping it (the call ended, or was cancelled) counts it out.
struct InFlight<'a>(&'a AtomicUsize);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}
// ANCHOR_END: counting

// ANCHOR: batch_process
/// Processes every item at once and returns the results in the order of `ids`.
pub async fn batch_process(processor: &Processor, ids: &[u32]) -> Vec<Processed> {
    // join_all is gather for a list: every future polled together, outputs in input order.
    futures::future::join_all(ids.iter().map(|&id| processor.process_item(id))).await
}
// ANCHOR_END: batch_process

// ANCHOR: batch_process_bounded
/// Processes the items with at most `limit` (at least 1) in flight at any moment, and returns the
/// results in the order of `ids`.
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    use futures::StreamExt;
    futures::stream::iter(ids)
        .map(|&id| processor.process_item(id))
        .buffered(limit) // up to `limit` running; outputs come out in input order
        .collect()
        .await
}
// ANCHOR_END: batch_process_bounded
