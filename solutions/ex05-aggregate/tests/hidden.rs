//! Hidden tests for exercise 5 (instructor only).

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::Response;
use ex05_aggregate::{Source, Sources, app};
use serde_json::{Value, json};
use std::time::Duration;
use test_support::clock::on_paused_clock;
use tokio::time::Instant;
use tower::ServiceExt;

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// `GET /aggregate` on `app(sources)`; a panicking handler fails the test with an explanation.
async fn send(sources: Sources) -> Response {
    let request = Request::get("/aggregate").body(Body::empty()).unwrap();
    match tokio::spawn(app(sources).oneshot(request)).await {
        Ok(response) => response.expect("a Router never fails"),
        Err(err) => panic!("the handler panicked ({err}): use `?`, not unwrap()"),
    }
}

async fn json_body(response: Response) -> Value {
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).expect("the body should be JSON")
}

#[test]
fn other_delays_report_the_slowest() {
    on_paused_clock(async || {
        let sources = Sources {
            users: Source::new("사용자DB", ms(1000)),
            products: Source::new("상품DB", ms(2500)),
            orders: Source::new("주문DB", ms(500)),
        };
        let start = Instant::now();
        let body = json_body(send(sources).await).await;
        assert_eq!(
            start.elapsed(),
            ms(2500),
            "sources of 1.0, 2.5 and 0.5 s should take 2.5 s together, not 4.0 s"
        );
        assert_eq!(
            body["elapsed_seconds"],
            json!(2.5),
            "elapsed_seconds should be the slowest source's 2.5 s: {body}"
        );
        assert_eq!(body["products"]["source"], json!("상품DB"));
    });
}

#[test]
fn rounds_down_as_well_as_up() {
    on_paused_clock(async || {
        let sources = Sources {
            orders: Source::new("주문DB", ms(1234)),
            ..Sources::lesson()
        };
        let body = json_body(send(sources).await).await;
        assert_eq!(
            body["elapsed_seconds"],
            json!(1.23),
            "1.234 s should be reported as 1.23 (round(elapsed, 2)): {body}"
        );
    });
}

#[test]
fn every_source_that_is_down_is_reported_by_name() {
    on_paused_clock(async || {
        for (name, sources) in [
            (
                "사용자DB",
                Sources {
                    users: Source::new("사용자DB", ms(300)).down(),
                    ..Sources::lesson()
                },
            ),
            (
                "주문DB",
                Sources {
                    orders: Source::new("주문DB", ms(400)).down(),
                    ..Sources::lesson()
                },
            ),
        ] {
            let response = send(sources).await;
            assert_eq!(
                response.status(),
                StatusCode::BAD_GATEWAY,
                "{name} is down: expected 502"
            );
            assert_eq!(
                json_body(response).await,
                json!({"error": format!("{name}: 연결 실패")})
            );
        }
    });
}

#[test]
fn answers_are_json_whether_they_succeed_or_fail() {
    on_paused_clock(async || {
        let down = Sources {
            products: Source::new("상품DB", ms(200)).down(),
            ..Sources::lesson()
        };
        for sources in [Sources::lesson(), down] {
            let response = send(sources).await;
            let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
            assert_eq!(
                content_type.as_ref().map(|v| v.to_str().unwrap()),
                Some("application/json"),
                "a {} answer should have Content-Type: application/json: return Json(...)",
                response.status()
            );
        }
    });
}
