//! Tests for `aggregate.rs`: each proves a claim of its chapter.

use super::*;
use serde_json::{Value, json};

// ANCHOR: oneshot
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use tower::ServiceExt; // `oneshot`: one request into the router, no socket

#[tokio::test(start_paused = true)]
async fn dashboard_answers_in_one_second() {
    let request = Request::get("/dashboard").body(Body::empty()).unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["elapsed_seconds"], json!(1.0)); // not 2.0
    assert_eq!(body["users"], json!(["홍길동", "김영희"]));
}
// ANCHOR_END: oneshot

#[test]
fn round2_rounds_to_two_decimals() {
    assert_eq!(round2(Duration::from_millis(401)), 0.4);
    assert_eq!(round2(Duration::from_millis(1234)), 1.23);
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let request = Request::get("/nope").body(Body::empty()).unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn state_reaches_the_handler() {
    let app = app_with_state(Shop {
        name: "홍길동 상점",
    });
    let request = Request::get("/about").body(Body::empty()).unwrap();
    let response = app.oneshot(request).await.unwrap();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    assert_eq!(bytes, "홍길동 상점 API");
}

// ANCHOR: real_port
// A real port and a real HTTP client (real time: 1 s).
#[tokio::test]
async fn serve_answers_on_a_real_port() {
    // Port 0: the system picks a free one.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve(listener)); // the server runs as its own task
    let body: Value = reqwest::get(format!("{base}/dashboard"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["products"], json!(["노트북", "마우스"]));
}
// ANCHOR_END: real_port

#[tokio::test(start_paused = true)]
async fn json_answers_say_so_in_their_content_type() {
    let request = Request::get("/dashboard").body(Body::empty()).unwrap();
    let response = app().oneshot(request).await.unwrap();
    let content_type = &response.headers()["content-type"];
    assert_eq!(content_type, "application/json");
}
