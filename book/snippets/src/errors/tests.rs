//! Tests for `errors.rs`: each proves a claim of its chapter.

use super::*;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn try_join_returns_the_first_error_at_once() {
    let start = Instant::now();
    let result = order_page(&Log::default()).await;
    assert_eq!(start.elapsed(), Duration::ZERO);
    assert_eq!(result, Err(LoadError("주문DB 연결 실패".into())));
}

// ANCHOR: dropped
#[tokio::test(start_paused = true)]
async fn try_join_drops_the_unfinished_sibling() {
    let log = Log::default();
    let _ = order_page(&log).await; // fails at 0 s
    sleep(Duration::from_secs(5)).await; // long after record_visit's 1 s
    assert!(log.entries().is_empty()); // the visit was never written
}
// ANCHOR_END: dropped

#[tokio::test]
async fn anyhow_keeps_the_original_error_inside() {
    let err = profile_and_settings().await.unwrap_err();
    assert_eq!(err.to_string(), "설정 파일 없음");
    // Like `except OSError`: the io::Error is still there.
    assert!(err.downcast_ref::<std::io::Error>().is_some());
}

#[tokio::test(start_paused = true)]
async fn join_keeps_every_result_in_order() {
    let (profile, orders) = order_page_parts().await;
    assert_eq!(profile, Ok("홍길동".to_string()));
    assert_eq!(orders, Err(LoadError("주문DB 연결 실패".into())));
}

#[tokio::test(start_paused = true)]
async fn join_waits_for_the_slow_sibling() {
    let log = Log::default();
    let start = Instant::now();
    let (orders, visit) = tokio::join!(load_orders(), record_visit(&log));
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert!(orders.is_err() && visit.is_ok());
    assert_eq!(log.entries(), ["방문 기록"]);
}
