//! Tests for exercise 5. Run them with `cargo test -p ex05-aggregate`.
//! The router is called directly (`oneshot`, no socket) with time paused
//! (`start_paused = true`): a 0.4 s sleep takes no real time, and `tokio::time::Instant` shows
//! exactly how much simulated time passed.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use ex05_aggregate::{Source, Sources, app};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::time::Instant;
use tower::ServiceExt;

/// Sends `GET /aggregate` to `app(sources)` and returns the status and the JSON body.
/// The request runs as its own task, so a panicking handler fails the test with an explanation.
async fn get_aggregate(sources: Sources) -> (StatusCode, Value) {
    let request = Request::get("/aggregate").body(Body::empty()).unwrap();
    let response = match tokio::spawn(app(sources).oneshot(request)).await {
        Ok(response) => response.expect("a Router never fails"),
        Err(err) if err.is_panic() => panic!(
            "the handler panicked instead of answering (its message is above): a todo!() left \
             in aggregate, or an unwrap() on a source's Result? A source that fails must become \
             an error response: pass its SourceError on with `?` (AppError makes it a 502)."
        ),
        Err(err) => panic!("the request task failed: {err}"),
    };
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "the body is not JSON: {:?}. Return Json(...) from the handler.",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, body)
}

fn source_json(name: &str) -> Value {
    json!({"source": name, "data": format!("{name}에서 가져온 데이터")})
}

#[tokio::test(start_paused = true)]
async fn answers_with_all_three_sources_and_the_elapsed_time() {
    let (status, body) = get_aggregate(Sources::lesson()).await;
    assert_eq!(status, StatusCode::OK, "GET /aggregate answered {body}");
    let expected = json!({
        "users": source_json("사용자DB"),
        "products": source_json("상품DB"),
        "orders": source_json("주문DB"),
        "elapsed_seconds": 0.4,
    });
    assert_eq!(
        body, expected,
        "GET /aggregate answered\n  {body}\nexpected\n  {expected}\n\
         elapsed_seconds 0.9 means the sources were awaited one after another (gather them with \
         tokio::try_join!); 0.0 means the time came from std::time::Instant, which ignores the \
         paused clock (use tokio::time::Instant)."
    );
}

#[tokio::test(start_paused = true)]
async fn takes_as_long_as_the_slowest_source_not_the_sum() {
    let start = Instant::now();
    get_aggregate(Sources::lesson()).await;
    let took = start.elapsed();
    assert_eq!(
        took,
        Duration::from_millis(400),
        "GET /aggregate took {:.1} s of simulated time, expected 0.4 s (the slowest source, \
         주문DB). If it took 0.9 s (0.3 + 0.2 + 0.4), the sources are awaited one after another: \
         gather them with tokio::try_join!.",
        took.as_secs_f64()
    );
}

#[tokio::test(start_paused = true)]
async fn rounds_elapsed_seconds_to_two_places() {
    let sources = Sources {
        users: Source::new("사용자DB", Duration::from_millis(457)),
        ..Sources::lesson()
    };
    let (status, body) = get_aggregate(sources).await;
    assert_eq!(status, StatusCode::OK, "GET /aggregate answered {body}");
    assert_eq!(
        body["elapsed_seconds"],
        json!(0.46),
        "the slowest source takes 0.457 s, so elapsed_seconds should be 0.46, \
         like Python's round(elapsed, 2): multiply by 100, round, divide by 100."
    );
}

#[tokio::test(start_paused = true)]
async fn a_source_that_is_down_gives_502_with_its_error() {
    let sources = Sources {
        products: Source::new("상품DB", Duration::from_millis(200)).down(),
        ..Sources::lesson()
    };
    let (status, body) = get_aggregate(sources).await;
    assert_eq!(
        status,
        StatusCode::BAD_GATEWAY,
        "상품DB is down, so GET /aggregate should answer 502 Bad Gateway, but it answered \
         {status} with {body}. Pass the SourceError on with `?`: AppError makes the 502."
    );
    assert_eq!(
        body,
        json!({"error": "상품DB: 연결 실패"}),
        "the 502's body should carry the source's error"
    );
}
