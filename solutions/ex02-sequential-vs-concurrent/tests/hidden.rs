//! Hidden tests for exercise 2 (instructor only).

use ex02_sequential_vs_concurrent::{Span, Timeline, concurrent, sequential, timed};
use std::time::Duration;
use test_support::clock::on_paused_clock;

fn span(name: &'static str, start: u64, end: u64) -> Span {
    Span {
        name,
        start: Duration::from_secs(start),
        end: Duration::from_secs(end),
    }
}

#[test]
fn timed_measures_both_versions() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        let (seq_results, seq_took) = timed(sequential(&timeline)).await;
        let (con_results, con_took) = timed(concurrent(&timeline)).await;
        assert_eq!(
            (seq_took, con_took),
            (Duration::from_secs(3), Duration::from_secs(1)),
            "timed(sequential) and timed(concurrent) should report 3 s and 1 s"
        );
        assert_eq!(
            seq_results, con_results,
            "both versions return the same results"
        );
    });
}

#[test]
fn one_timeline_shows_sequential_then_concurrent() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        sequential(&timeline).await;
        concurrent(&timeline).await;
        let mut spans = timeline.spans();
        // The three concurrent calls tie on start time; compare them by name.
        spans[3..].sort_by_key(|s| s.name);
        assert_eq!(
            spans,
            vec![
                span("fetch_users", 0, 1),
                span("fetch_products", 1, 2),
                span("fetch_orders", 2, 3),
                span("fetch_orders", 3, 4),
                span("fetch_products", 3, 4),
                span("fetch_users", 3, 4),
            ],
            "sequential fills 0-3 s back to back, then concurrent runs all three from 3 s to 4 s"
        );
    });
}

#[test]
fn results_serialise_like_the_lesson() {
    on_paused_clock(async || {
        let timeline = Timeline::new();
        let (users, products, orders) = concurrent(&timeline).await;
        assert_eq!(
            serde_json::json!([users, products, orders]),
            serde_json::json!([
                {"users": ["홍길동", "김영희"]},
                {"products": ["노트북", "마우스"]},
                {"orders": ["주문1", "주문2"]},
            ])
        );
    });
}
