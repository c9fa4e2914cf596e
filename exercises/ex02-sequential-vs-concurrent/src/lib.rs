//! # Exercise 2: sequential vs concurrent, measured
//!
//! Book chapter: `book/src/ex02-sequential-vs-concurrent.md` ("Sequential vs concurrent execution").
//!
//! The lesson's three 1-second calls again, each now writing down on a [`Timeline`] when it
//! started and when it ended. Write three functions:
//!
//! 1. [`sequential`]: the lesson's ❌ version, on purpose: await the three calls one after
//!    another. It takes 3 seconds.
//! 2. [`concurrent`]: the ✅ version: the three calls at once with `tokio::join!`. It takes 1 second.
//! 3. [`timed`]: runs any future and returns its output together with how long it took, like
//!    Python's `start = time.time(); ...; time.time() - start`.
//!
//! ## Which clock? `tokio::time::Instant`, not `std::time::Instant`
//!
//! The tests run on tokio's paused clock (a runtime built with `start_paused(true)`): a 1-second
//! `sleep` takes no real time, because tokio moves its own clock forward instead of waiting.
//! `std::time::Instant` reads the computer's real clock, which has barely moved, so it would report
//! about 0 s. `tokio::time::Instant` reads the runtime's clock, the one `sleep` uses, and reports
//! exactly the simulated time. On a normal runtime the two agree, so `timed` loses nothing.
//!
//! Check your work with:
//!
//! ```text
//! cargo test -p ex02-sequential-vs-concurrent
//! ```

// ANCHOR: imports
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;
use tokio::time::{Instant, sleep};
// ANCHOR_END: imports

// ANCHOR: timeline
/// One call on a [`Timeline`]: when it started and ended, counted from the timeline's creation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub name: &'static str,
    pub start: Duration,
    pub end: Duration,
}

/// Writes down when each call starts and ends. It reads `tokio::time::Instant`, so on the paused
/// clock the times are exact simulated seconds. It also says how long each call takes: 1 s, as in
/// the lesson, unless a test chose another time with [`Timeline::with_delay`].
#[derive(Debug)]
pub struct Timeline {
    origin: Instant,
    spans: Mutex<Vec<Span>>,
    delays: HashMap<&'static str, Duration>,
}

impl Timeline {
    /// A timeline whose 0 s is now.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
            spans: Mutex::new(Vec::new()),
            delays: HashMap::new(),
        }
    }

    /// The same timeline, on which the call `name` takes `delay` instead of 1 s.
    pub fn with_delay(mut self, name: &'static str, delay: Duration) -> Self {
        self.delays.insert(name, delay);
        self
    }

    /// How long the call `name` takes.
    fn delay(&self, name: &str) -> Duration {
        self.delays
            .get(name)
            .copied()
            .unwrap_or(Duration::from_secs(1))
    }

    /// The finished calls, sorted by start time.
    pub fn spans(&self) -> Vec<Span> {
        let mut spans = self.spans.lock().unwrap().clone();
        spans.sort_by_key(|span| span.start);
        spans
    }

    /// Runs `call`, writing down when it started and ended under `name`.
    async fn record<T>(&self, name: &'static str, call: impl Future<Output = T>) -> T {
        let start = self.origin.elapsed();
        let output = call.await;
        let end = self.origin.elapsed();
        self.spans.lock().unwrap().push(Span { name, start, end });
        output
    }
}

impl Default for Timeline {
    fn default() -> Self {
        Self::new()
    }
}
// ANCHOR_END: timeline

// ANCHOR: given
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Users {
    pub users: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Products {
    pub products: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Orders {
    pub orders: Vec<String>,
}

/// A 1-second API call (`asyncio.sleep(1)` in the lesson), written down on the timeline.
/// It takes as long as the timeline says: 1 s, unless a test chose another time.
pub async fn fetch_users(timeline: &Timeline) -> Users {
    let call = async {
        sleep(timeline.delay("fetch_users")).await;
        Users {
            users: vec!["홍길동".into(), "김영희".into()],
        }
    };
    timeline.record("fetch_users", call).await
}

pub async fn fetch_products(timeline: &Timeline) -> Products {
    let call = async {
        sleep(timeline.delay("fetch_products")).await;
        Products {
            products: vec!["노트북".into(), "마우스".into()],
        }
    };
    timeline.record("fetch_products", call).await
}

pub async fn fetch_orders(timeline: &Timeline) -> Orders {
    let call = async {
        sleep(timeline.delay("fetch_orders")).await;
        Orders {
            orders: vec!["주문1".into(), "주문2".into()],
        }
    };
    timeline.record("fetch_orders", call).await
}
// ANCHOR_END: given

/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    let _ = timeline;
    todo!("await fetch_users, then fetch_products, then fetch_orders, one after another")
}

/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
    let _ = timeline;
    todo!("start the three calls together with tokio::join!")
}

/// Awaits `future` and returns its output with the time it took.
///
/// Measured with `tokio::time::Instant`, the runtime's clock: on the paused test clock it sees the
/// simulated seconds, where `std::time::Instant` (the real clock) would see about 0 s.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    drop(future);
    todo!("read tokio::time::Instant::now(), await the future, then take .elapsed()")
}
