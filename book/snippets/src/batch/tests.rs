//! Tests for `batch.rs`: each proves a claim of its chapter.

use super::*;
use tokio::time::Instant;

fn ten() -> Vec<u32> {
    (1..=10).collect()
}

#[tokio::test(start_paused = true)]
async fn join_all_takes_as_long_as_one_item_and_keeps_order() {
    let start = Instant::now();
    let stocks = check_all(&ten()).await;
    assert_eq!(start.elapsed(), Duration::from_millis(500));
    let ids: Vec<u32> = stocks.iter().map(|s| s.id).collect();
    assert_eq!(ids, ten());
}

#[tokio::test(start_paused = true)]
async fn one_by_one_ten_items_take_five_seconds() {
    let start = Instant::now();
    for id in ten() {
        check_stock(id).await;
    }
    assert_eq!(start.elapsed(), Duration::from_secs(5));
}

// 10 items, 3 at a time: 4 rounds (3 + 3 + 3 + 1) of 0.5 s.
#[tokio::test(start_paused = true)]
async fn buffered_three_takes_four_rounds_and_keeps_order() {
    let start = Instant::now();
    let stocks = check_all_buffered(&ten(), 3).await;
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    let ids: Vec<u32> = stocks.iter().map(|s| s.id).collect();
    assert_eq!(ids, ten());
}

#[tokio::test(start_paused = true)]
async fn a_semaphore_of_three_takes_four_rounds_and_keeps_order() {
    let start = Instant::now();
    let stocks = check_all_with_permits(&ten(), 3).await;
    assert_eq!(start.elapsed(), Duration::from_secs(2));
    let ids: Vec<u32> = stocks.iter().map(|s| s.id).collect();
    assert_eq!(ids, ten());
}

// ANCHOR: order_test
const SOURCES: [(&str, u64); 3] =
    [("사용자DB", 300), ("상품DB", 200), ("주문DB", 400)];

#[tokio::test(start_paused = true)]
async fn join_set_yields_in_completion_order() {
    let start = Instant::now();
    let names = in_completion_order(&SOURCES).await;
    assert_eq!(names, ["상품DB", "사용자DB", "주문DB"]); // 0.2 s, 0.3 s, 0.4 s
    assert_eq!(start.elapsed(), Duration::from_millis(400));
}

#[tokio::test(start_paused = true)]
async fn join_all_yields_in_input_order() {
    let names = join_all(SOURCES.iter().map(|&(name, millis)| async move {
        sleep(Duration::from_millis(millis)).await;
        name
    }))
    .await;
    assert_eq!(names, ["사용자DB", "상품DB", "주문DB"]); // as written
}
// ANCHOR_END: order_test

#[tokio::test(start_paused = true)]
async fn buffer_unordered_yields_in_completion_order() {
    let futures = SOURCES.iter().map(|&(name, millis)| async move {
        sleep(Duration::from_millis(millis)).await;
        name
    });
    let names: Vec<_> =
        stream::iter(futures).buffer_unordered(3).collect().await;
    assert_eq!(names, ["상품DB", "사용자DB", "주문DB"]);
}

/// Five items, n = 2. Item 2 takes 2 s, the others 0.5 s.
const SLOW_SECOND: [u64; 5] = [500, 2000, 500, 500, 500];

async fn item(millis: u64) -> u64 {
    sleep(Duration::from_millis(millis)).await;
    millis
}

async fn took<T>(work: impl Future<Output = T>) -> Duration {
    let start = Instant::now();
    work.await;
    start.elapsed()
}

#[tokio::test(start_paused = true)]
async fn a_slow_item_costs_each_way_of_limiting_differently() {
    let in_chunks = took(async {
        for chunk in SLOW_SECOND.chunks(2) {
            join_all(chunk.iter().map(|&ms| item(ms))).await;
        }
    });
    let buffered = took(
        stream::iter(SLOW_SECOND.map(item))
            .buffered(2)
            .collect::<Vec<_>>(),
    );
    let unordered = took(
        stream::iter(SLOW_SECOND.map(item))
            .buffer_unordered(2)
            .collect::<Vec<_>>(),
    );
    let permits = &Semaphore::new(2);
    let semaphore = took(join_all(SLOW_SECOND.iter().map(|&ms| async move {
        let _permit = permits.acquire().await.unwrap();
        item(ms).await
    })));
    // Each measured alone, one after another, on the paused clock.
    assert_eq!(in_chunks.await, Duration::from_millis(3000));
    assert_eq!(buffered.await, Duration::from_millis(2500));
    assert_eq!(unordered.await, Duration::from_millis(2000));
    assert_eq!(semaphore.await, Duration::from_millis(2000));
}
