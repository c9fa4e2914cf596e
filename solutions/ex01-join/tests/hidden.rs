//! Hidden tests for exercise 1 (instructor only).

use ex01_join::{calls, fetch_all};
use std::time::Duration;
use test_support::clock::on_paused_clock;
use tokio::time::{Instant, sleep};

#[test]
fn leaves_the_runtime_free_for_other_work() {
    on_paused_clock(async || {
        let start = Instant::now();
        let ((), _) = tokio::join!(sleep(Duration::from_secs(1)), fetch_all());
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(1),
            "fetch_all next to a 1 s sleep should still finish at 1.0 s"
        );
    });
}

#[test]
fn the_fastest_call_does_not_set_the_time() {
    on_paused_clock(async || {
        calls::set_delay("fetch_users", Duration::from_millis(2050));
        calls::set_delay("fetch_products", Duration::from_millis(10));
        calls::set_delay("fetch_orders", Duration::from_millis(640));
        let start = Instant::now();
        fetch_all().await;
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(2050),
            "calls of 2.05, 0.01 and 0.64 s should take 2.05 s together"
        );
        assert_eq!(calls::made().len(), 3, "three calls, once each");
    });
}

#[test]
fn results_serialise_like_the_lesson() {
    on_paused_clock(async || {
        let (users, products, orders) = fetch_all().await;
        let json = serde_json::json!([users, products, orders]);
        assert_eq!(
            json,
            serde_json::json!([
                {"users": ["홍길동", "김영희"]},
                {"products": ["노트북", "마우스"]},
                {"orders": ["주문1", "주문2"]},
            ])
        );
    });
}
