//! Hidden tests for exercise 1 (instructor only).

use ex01_join::fetch_all;
use std::time::Duration;
use tokio::time::{Instant, sleep};

#[tokio::test(start_paused = true)]
async fn leaves_the_runtime_free_for_other_work() {
    let start = Instant::now();
    let ((), _) = tokio::join!(sleep(Duration::from_secs(1)), fetch_all());
    assert_eq!(
        start.elapsed(),
        Duration::from_secs(1),
        "fetch_all next to a 1 s sleep should still finish at 1.0 s"
    );
}

#[tokio::test(start_paused = true)]
async fn results_serialise_like_the_lesson() {
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
}
