//! Tests for exercise 2. Run them with `cargo test -p ex02-sequential-vs-concurrent`.
//! Time is paused: a 1-second sleep takes no real time, and `tokio::time::Instant` shows exactly
//! how much simulated time passed. Some tests give the three calls other delays than 1 s.

use ex02_sequential_vs_concurrent::{
    Orders, Products, Span, Timeline, Users, concurrent, sequential, timed,
};
use std::time::Duration;
use test_support::clock::on_paused_clock;
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

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Delays off the whole-second grid: users 0.370 s, products 1.730 s, orders 0.910 s.
const OFF_GRID: [Duration; 3] = [
    Duration::from_millis(370),
    Duration::from_millis(1730),
    Duration::from_millis(910),
];

/// A timeline on which the three calls take `delays` (users, products, orders).
fn timeline_with(delays: [Duration; 3]) -> Timeline {
    CALLS
        .into_iter()
        .zip(delays)
        .fold(Timeline::new(), |timeline, (name, delay)| {
            timeline.with_delay(name, delay)
        })
}

/// What a total of `took` says about how the calls of `delays` ran.
fn what_took_says(took: Duration, delays: [Duration; 3]) -> &'static str {
    let sum: Duration = delays.iter().sum();
    let slowest = delays.into_iter().max().unwrap_or_default();
    if took.is_zero() {
        "no simulated time passed, so the calls did not wait on this runtime's clock: await the \
         given functions here. A thread-level wait (std::thread::sleep, block_on, a runtime of \
         your own) blocks the thread instead."
    } else if took == sum {
        "that is the sum of the three: they ran one after another."
    } else if took == slowest {
        "that is the slowest call alone: the three ran at the same time."
    } else if took > slowest && took < sum {
        "that is more than the slowest call and less than the sum: some calls ran together, \
         others one after another."
    } else {
        "that matches no way of running the three calls once each: is a call made twice, or \
         is a call's result not awaited?"
    }
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

#[test]
fn sequential_returns_every_result_in_order() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        assert_eq!(sequential(&timeline).await, expected_results());
    });
}

#[test]
fn sequential_takes_three_seconds() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        let start = Instant::now();
        sequential(&timeline).await;
        let took = start.elapsed();
        assert_eq!(
            took,
            Duration::from_secs(3),
            "sequential took {:.3} s of simulated time, expected 3.000 s: {} It is the lesson's \
             slow version on purpose: await each call before starting the next.",
            secs(took),
            what_took_says(took, [Duration::from_secs(1); 3])
        );
    });
}

#[test]
fn sequential_runs_the_calls_back_to_back() {
    on_paused_clock(async || {
        let timeline = timeline_with(OFF_GRID);
        sequential(&timeline).await;
        let spans = timeline.spans();
        let mut start = Duration::ZERO;
        for (name, delay) in CALLS.into_iter().zip(OFF_GRID) {
            let span = span_of(&spans, name, "sequential");
            let end = start + delay;
            assert_eq!(
                (span.start, span.end),
                (start, end),
                "with calls of 0.370, 1.730 and 0.910 s, {name} ran from {:.3} s to {:.3} s, \
                 expected {:.3} s to {:.3} s: sequential awaits users, then products, then \
                 orders, each starting when the previous one ends (timeline: {spans:?})",
                secs(span.start),
                secs(span.end),
                secs(start),
                secs(end),
            );
            start = end;
        }
    });
}

#[test]
fn concurrent_returns_every_result_in_order() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        assert_eq!(concurrent(&timeline).await, expected_results());
    });
}

#[test]
fn concurrent_takes_one_second_not_three() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        let start = Instant::now();
        concurrent(&timeline).await;
        let took = start.elapsed();
        assert_eq!(
            took,
            Duration::from_secs(1),
            "concurrent took {:.3} s of simulated time, expected 1.000 s: {} Start all three \
             with tokio::join!.",
            secs(took),
            what_took_says(took, [Duration::from_secs(1); 3])
        );
    });
}

#[test]
fn concurrent_runs_all_three_calls_at_once() {
    on_paused_clock(async || {
        let timeline = timeline_with(OFF_GRID);
        let start = Instant::now();
        concurrent(&timeline).await;
        let took = start.elapsed();
        let spans = timeline.spans();
        for (name, delay) in CALLS.into_iter().zip(OFF_GRID) {
            let span = span_of(&spans, name, "concurrent");
            let before = spans
                .iter()
                .find(|other| other.end == span.start)
                .map_or("another call", |other| other.name);
            assert_eq!(
                span.start,
                Duration::ZERO,
                "{name} started at {:.3} s, expected 0.000 s: is it awaited after {before}? \
                 A future does nothing until it is awaited, so creating the three first and \
                 then awaiting them in turn is still sequential. Pass all three to tokio::join! \
                 (timeline: {spans:?})",
                secs(span.start)
            );
            assert_eq!(
                span.end,
                delay,
                "{name} ended at {:.3} s, expected {:.3} s (timeline: {spans:?})",
                secs(span.end),
                secs(delay)
            );
        }
        assert_eq!(
            took,
            OFF_GRID[1],
            "with calls of 0.370, 1.730 and 0.910 s, concurrent took {:.3} s, expected 1.730 s \
             (the slowest call): {}",
            secs(took),
            what_took_says(took, OFF_GRID)
        );
    });
}

#[test]
fn timed_reports_the_simulated_duration() {
    on_paused_clock(async || {
        let ((), took) = timed(sleep(ms(2437))).await;
        let hint = if took.is_zero() {
            "0 s exactly: is .elapsed() taken before the future is awaited?"
        } else if took < ms(100) {
            "almost 0 s: it reads std::time::Instant, the real clock, which does not move \
             while tokio's paused clock skips ahead. Use tokio::time::Instant."
        } else if took > ms(2437) {
            "longer than the future: is the clock read before something else that waits?"
        } else {
            "shorter than the future, but not 0: is the duration rounded or truncated (to \
             whole seconds, or tenths)? Return start.elapsed() as it is."
        };
        assert_eq!(
            took,
            ms(2437),
            "timed(sleep(2.437 s)) reported {took:?}, expected 2.437 s: {hint}"
        );
        // A future that moves the clock by a time finer than a millisecond.
        let exact = Duration::from_micros(1_234_567);
        let ((), took) = timed(tokio::time::advance(exact)).await;
        assert_eq!(
            took, exact,
            "timed(a future that takes 1.234567 s) reported {took:?}, expected 1.234567 s: is \
             the duration rounded or truncated (to milliseconds, or tenths)? Return \
             start.elapsed() as it is."
        );
    });
}

#[test]
fn timed_passes_the_output_through() {
    on_paused_clock(async || {
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
    });
}
