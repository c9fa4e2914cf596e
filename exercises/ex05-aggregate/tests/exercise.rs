//! Tests for exercise 5. Run them with `cargo test -p ex05-aggregate`.
//! The router is called directly (`oneshot`, no socket) with time paused
//! (`start_paused = true`): a 0.4 s sleep takes no real time, and `tokio::time::Instant` shows
//! exactly how much simulated time passed.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use ex05_aggregate::{Source, Sources, app};
use serde_json::{Value, json};
use std::time::Duration;
use test_support::clock::on_paused_clock;
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
    match status {
        StatusCode::NOT_FOUND => panic!(
            "GET /aggregate answered 404 Not Found: the router has no route for the path \
             /aggregate. Add it: .route(\"/aggregate\", get(aggregate))."
        ),
        StatusCode::METHOD_NOT_ALLOWED => panic!(
            "GET /aggregate answered 405 Method Not Allowed: the path is routed, but not for GET. \
             Use get(aggregate) in .route(...)."
        ),
        _ => {}
    }
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "GET /aggregate answered {status} with a body that is not JSON: {:?}. Return \
             Json(...) from the handler.",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, body)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The likely mistake behind `elapsed_seconds` = `got`, when the slowest source takes `raw`
/// seconds, the answer is `expected`, and the sources one after another would take `sum`.
fn why_elapsed(got: f64, raw: f64, expected: f64, sum: f64) -> &'static str {
    let near = |a: f64, b: f64, by: f64| (a - b).abs() < by;
    if got == 0.0 {
        "0.0 means the time came from std::time::Instant, which ignores the paused clock \
         (use tokio::time::Instant), or was read when nothing had been awaited yet."
    } else if near(got, sum, 0.005) {
        "that is the sum of the delays: the sources were awaited one after another (gather \
         them with tokio::try_join!)."
    } else if near(got, raw, 1e-9) && raw != expected {
        "that is the time itself, not rounded: round it like Python's round(elapsed, 2), \
         (elapsed * 100.0).round() / 100.0."
    } else if near(got, expected, 1e-6) {
        "it is off by a tiny amount, the mark of f32 arithmetic: keep the seconds an f64 from \
         as_secs_f64() to the end."
    } else if near((got * 10.0).fract(), 0.0, 1e-9) && raw != expected {
        "it has one decimal place: round to two, (elapsed * 100.0).round() / 100.0."
    } else if near(got, expected, 0.0105) {
        "it is rounded the wrong way: round(elapsed, 2) is (elapsed * 100.0).round() / 100.0; \
         floor, ceil, or cutting off the milliseconds round some numbers wrong."
    } else {
        "it should be the slowest source's time, rounded to 2 places like round(elapsed, 2)."
    }
}

fn source_json(name: &str) -> Value {
    json!({"source": name, "data": format!("{name}에서 가져온 데이터")})
}

#[test]
fn answers_with_all_three_sources_and_the_elapsed_time() {
    on_paused_clock(async || {
        let (status, body) = get_aggregate(Sources::lesson()).await;
        assert_eq!(status, StatusCode::OK, "GET /aggregate answered {body}");
        let expected = json!({
            "users": source_json("사용자DB"),
            "products": source_json("상품DB"),
            "orders": source_json("주문DB"),
            "elapsed_seconds": 0.4,
        });
        let got = body["elapsed_seconds"].as_f64().unwrap_or(f64::NAN);
        let why = if got == 0.4 {
            "compare the other fields: each source's own data, under its own name."
        } else {
            why_elapsed(got, 0.4, 0.4, 0.9)
        };
        assert_eq!(
            body, expected,
            "GET /aggregate answered\n  {body}\nexpected\n  {expected}\n{why}"
        );
    });
}

#[test]
fn takes_as_long_as_the_slowest_source_not_the_sum() {
    on_paused_clock(async || {
        let sources = Sources::lesson();
        let start = Instant::now();
        get_aggregate(sources.clone()).await;
        let took = start.elapsed();
        let why = match took.as_millis() {
            0 => {
                "no simulated time passed: the handler answered without awaiting the sources \
                  (or blocked the thread instead of awaiting)."
            }
            900 => {
                "that is 0.3 + 0.2 + 0.4 s: the sources are awaited one after another. \
                    Gather them with tokio::try_join!."
            }
            _ => "gather the three with tokio::try_join!: the slowest one sets the time.",
        };
        assert_eq!(
            took,
            ms(400),
            "GET /aggregate took {:.3} s of simulated time, expected 0.400 s (the slowest source, \
             주문DB): {why}",
            took.as_secs_f64()
        );
        let calls = [&sources.users, &sources.products, &sources.orders].map(|s| s.calls());
        assert_eq!(
            calls,
            [1, 1, 1],
            "fetch_from_source was called {calls:?} times for 사용자DB, 상품DB and 주문DB, \
             expected once each per request"
        );
    });
}

#[test]
fn rounds_elapsed_seconds_to_two_places() {
    on_paused_clock(async || {
        for (slowest, expected) in [(457, 0.46), (1234, 1.23)] {
            let sources = Sources {
                users: Source::new("사용자DB", ms(slowest)),
                ..Sources::lesson()
            };
            let (status, body) = get_aggregate(sources).await;
            assert_eq!(status, StatusCode::OK, "GET /aggregate answered {body}");
            let got = body["elapsed_seconds"].as_f64().unwrap_or(f64::NAN);
            let sum = (slowest + 600) as f64 / 1000.0;
            assert_eq!(
                body["elapsed_seconds"],
                json!(expected),
                "the slowest source takes {:.3} s, so elapsed_seconds should be {expected}, like \
                 Python's round(elapsed, 2), but it is {got}: {}",
                slowest as f64 / 1000.0,
                why_elapsed(got, slowest as f64 / 1000.0, expected, sum)
            );
        }
    });
}

#[test]
fn a_source_that_is_down_gives_502_with_its_error() {
    on_paused_clock(async || {
        let sources = Sources {
            products: Source::new("상품DB", ms(200)).down(),
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
    });
}

#[test]
fn a_failure_is_answered_as_soon_as_it_happens() {
    on_paused_clock(async || {
        // 사용자DB answers first, at 0.15 s; 상품DB fails at 0.27 s; 주문DB would answer at 0.4 s.
        let sources = Sources {
            users: Source::new("사용자DB", ms(150)),
            products: Source::new("상품DB", ms(270)).down(),
            ..Sources::lesson()
        };
        let start = Instant::now();
        let (status, body) = get_aggregate(sources).await;
        let took = start.elapsed();
        assert_eq!(
            status,
            StatusCode::BAD_GATEWAY,
            "상품DB is down: expected 502, got {body}"
        );
        let why = match took.as_millis() {
            400 => {
                "that is when the last source answers: every source was awaited before the \
                    errors were looked at (tokio::join! then checking). tokio::try_join! answers \
                    at the first error."
            }
            420 => "that is 0.15 + 0.27 s: the sources are awaited one after another.",
            _ => "the error should be answered at the moment it happens.",
        };
        assert_eq!(
            took,
            ms(270),
            "상품DB fails at 0.270 s, and the 502 came at {:.3} s, expected 0.270 s: {why}",
            took.as_secs_f64()
        );
    });
}

#[test]
fn only_get_aggregate_is_answered() {
    on_paused_clock(async || {
        for (method, path, expected, why) in [
            (
                "POST",
                "/aggregate",
                StatusCode::METHOD_NOT_ALLOWED,
                "route it for GET only: get(aggregate), not any(aggregate) or post(aggregate)",
            ),
            (
                "GET",
                "/nothing",
                StatusCode::NOT_FOUND,
                "a path with no route should be a 404: is a .fallback(...) answering every path?",
            ),
        ] {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .body(Body::empty())
                .unwrap();
            let status = match tokio::spawn(app(Sources::lesson()).oneshot(request)).await {
                Ok(response) => response.expect("a Router never fails").status(),
                Err(err) => panic!("{method} {path}: the request task failed: {err}"),
            };
            assert_eq!(
                status, expected,
                "{method} {path} answered {status}, expected {expected}: {why}"
            );
        }
    });
}
