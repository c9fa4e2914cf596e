//! Tests for exercise 2. Run them with `cargo test -p ex02-sequential-vs-concurrent`.
//! Time is paused (`start_paused = true`): a 1-second sleep takes no real time, and
//! `tokio::time::Instant` shows exactly how much simulated time passed.

use ex02_sequential_vs_concurrent::{
    Orders, Products, Span, Timeline, Users, concurrent, sequential, timed,
};
use std::time::Duration;
use tokio::time::{Instant, sleep};

const CALLS: [&str; 3] = ["fetch_users", "fetch_products", "fetch_orders"];

fn expected_results() -> (Users, Products, Orders) {
    (
        Users {
            users: vec!["홍길동".into(), "김영희".into()],
        },
        Products {
            products: vec!["노트북".into(), "마우스".into()],
        },
        Orders {
            orders: vec!["주문1".into(), "주문2".into()],
        },
    )
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The span of the call `name`, or a failure that says the call never finished.
fn span_of<'a>(spans: &'a [Span], name: &str, version: &str) -> &'a Span {
    let found: Vec<&Span> = spans.iter().filter(|s| s.name == name).collect();
    assert_eq!(
        found.len(),
        1,
        "{version} should call {name} exactly once, the timeline shows it finishing {} times \
         (spans: {spans:?})",
        found.len()
    );
    found[0]
}

#[tokio::test(start_paused = true)]
async fn sequential_returns_every_result_in_order() {
    let timeline = Timeline::new();
    assert_eq!(sequential(&timeline).await, expected_results());
}

#[tokio::test(start_paused = true)]
async fn sequential_takes_three_seconds() {
    let timeline = Timeline::new();
    let start = Instant::now();
    sequential(&timeline).await;
    let took = start.elapsed();
    assert_eq!(
        took,
        Duration::from_secs(3),
        "sequential took {:.1} s of simulated time, expected 3.0 s. It is the lesson's slow \
         version on purpose: await each call before starting the next. If it took 1.0 s, \
         the calls ran at the same time (that is `concurrent`'s job).",
        secs(took)
    );
}

#[tokio::test(start_paused = true)]
async fn sequential_runs_the_calls_back_to_back() {
    let timeline = Timeline::new();
    sequential(&timeline).await;
    let spans = timeline.spans();
    for (i, name) in CALLS.into_iter().enumerate() {
        let span = span_of(&spans, name, "sequential");
        let (start, end) = (
            Duration::from_secs(i as u64),
            Duration::from_secs(i as u64 + 1),
        );
        assert_eq!(
            (span.start, span.end),
            (start, end),
            "{name} ran from {:.1} s to {:.1} s, expected {:.1} s to {:.1} s: sequential awaits \
             users, then products, then orders, each starting when the previous one ends \
             (timeline: {spans:?})",
            secs(span.start),
            secs(span.end),
            secs(start),
            secs(end),
        );
    }
}

#[tokio::test(start_paused = true)]
async fn concurrent_returns_every_result_in_order() {
    let timeline = Timeline::new();
    assert_eq!(concurrent(&timeline).await, expected_results());
}

#[tokio::test(start_paused = true)]
async fn concurrent_takes_one_second_not_three() {
    let timeline = Timeline::new();
    let start = Instant::now();
    concurrent(&timeline).await;
    let took = start.elapsed();
    assert_eq!(
        took,
        Duration::from_secs(1),
        "concurrent took {:.1} s of simulated time, expected 1.0 s. If it took 3.0 s (or 2.0 s), \
         some calls are awaited one after another: start all three with tokio::join!.",
        secs(took)
    );
}

#[tokio::test(start_paused = true)]
async fn concurrent_runs_all_three_calls_at_once() {
    let timeline = Timeline::new();
    concurrent(&timeline).await;
    let spans = timeline.spans();
    for name in CALLS {
        let span = span_of(&spans, name, "concurrent");
        let before = spans
            .iter()
            .find(|other| other.end == span.start)
            .map_or("another call", |other| other.name);
        assert_eq!(
            span.start,
            Duration::ZERO,
            "{name} started at {:.1} s, expected 0.0 s: is it awaited after {before}? \
             A future does nothing until it is awaited, so creating the three first and then \
             awaiting them in turn is still sequential. Pass all three to tokio::join! \
             (timeline: {spans:?})",
            secs(span.start)
        );
        assert_eq!(
            span.end,
            Duration::from_secs(1),
            "{name} ended at {:.1} s, expected 1.0 s (timeline: {spans:?})",
            secs(span.end)
        );
    }
}

#[tokio::test(start_paused = true)]
async fn timed_reports_the_simulated_duration() {
    let ((), took) = timed(sleep(Duration::from_millis(2500))).await;
    assert_eq!(
        took,
        Duration::from_millis(2500),
        "timed(sleep(2.5 s)) reported {took:?}, expected 2.5 s. If it reported almost 0 s, it \
         reads std::time::Instant, the real clock, which does not move while tokio's paused \
         clock skips ahead: use tokio::time::Instant. If it reported 0 s exactly, it took \
         .elapsed() before awaiting the future."
    );
}

#[tokio::test(start_paused = true)]
async fn timed_passes_the_output_through() {
    let future = async {
        sleep(Duration::from_secs(1)).await;
        "홍길동"
    };
    let (output, took) = timed(future).await;
    assert_eq!(
        output, "홍길동",
        "timed should return the future's own output, unchanged"
    );
    assert_eq!(
        took,
        Duration::from_secs(1),
        "timed reported {took:?} for a 1 s future, expected 1 s: measure with \
         tokio::time::Instant around the .await"
    );
}
