//! Hidden tests for exercise 6 (instructor only). A real server on 127.0.0.1, on the real clock;
//! every call is bounded.

use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use ex06_http_client::{Order, Product, ShopClient, User};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(5);
const LIMIT: Duration = Duration::from_secs(5);

#[derive(Clone)]
enum Reply {
    Data(Value),
    Status(StatusCode, Value),
    Never,
}

type Replies = HashMap<&'static str, Reply>;

async fn handle(State(replies): State<Arc<Replies>>, uri: Uri) -> Response {
    match replies.get(uri.path()).cloned() {
        Some(Reply::Data(body)) => Json(body).into_response(),
        Some(Reply::Status(status, body)) => (status, Json(body)).into_response(),
        Some(Reply::Never) => std::future::pending().await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Starts a shop on 127.0.0.1 and returns its base URL. It stops with the test.
async fn start_shop(replies: Replies) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new().fallback(handle).with_state(Arc::new(replies));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    base_url
}

fn lesson_shop() -> Replies {
    HashMap::from([
        (
            "/users",
            Reply::Data(json!([{"id": 1, "name": "홍길동"}, {"id": 2, "name": "김영희"}])),
        ),
        (
            "/products",
            Reply::Data(json!([{"id": 1, "name": "노트북", "price": 1200000}])),
        ),
        (
            "/orders",
            Reply::Data(json!([{"id": 1, "user_id": 1, "product_id": 1}])),
        ),
    ])
}

fn client(base_url: &str, timeout: Duration) -> ShopClient {
    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    ShopClient::new(http, base_url, timeout)
}

async fn fetch_all_within(
    client: &ShopClient,
    limit: Duration,
) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
    tokio::time::timeout(limit, client.fetch_all())
        .await
        .unwrap_or_else(|_| panic!("fetch_all was still running after {limit:?}"))
}

fn reqwest_error(err: &anyhow::Error) -> Option<&reqwest::Error> {
    err.chain().find_map(|e| e.downcast_ref::<reqwest::Error>())
}

#[tokio::test]
async fn decodes_other_data() {
    let replies = HashMap::from([
        (
            "/users",
            Reply::Data(json!([
                {"id": 7, "name": "이철수"},
                {"id": 8, "name": "박민수"},
                {"id": 9, "name": "최지우"},
            ])),
        ),
        (
            "/products",
            Reply::Data(json!([{"id": 3, "name": "키보드", "price": 89000}])),
        ),
        ("/orders", Reply::Data(json!([]))),
    ]);
    let base_url = start_shop(replies).await;
    let (users, products, orders) = fetch_all_within(&client(&base_url, TIMEOUT), LIMIT)
        .await
        .expect("fetch_all failed, but the server answered all three");
    let names: Vec<&str> = users.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(names, ["이철수", "박민수", "최지우"]);
    assert_eq!(
        products,
        [Product {
            id: 3,
            name: "키보드".into(),
            price: 89000
        }]
    );
    assert_eq!(orders, []);
}

#[tokio::test]
async fn every_request_has_the_timeout() {
    let mut replies = lesson_shop();
    replies.insert("/users", Reply::Never);
    let base_url = start_shop(replies).await;
    let client = client(&base_url, Duration::from_millis(300));
    let err = tokio::time::timeout(Duration::from_secs(3), client.fetch_all())
        .await
        .unwrap_or_else(|_| panic!("/users never answers: its request should time out after 0.3 s"))
        .expect_err("fetch_all returned Ok, but /users never answered");
    let timed_out = reqwest_error(&err).is_some_and(reqwest::Error::is_timeout)
        || err.chain().any(|e| e.is::<tokio::time::error::Elapsed>());
    assert!(timed_out, "expected a timeout error, got \"{err:#}\"");
}

#[tokio::test]
async fn a_404_is_an_error_even_when_its_body_looks_like_data() {
    let mut replies = lesson_shop();
    replies.insert("/products", Reply::Status(StatusCode::NOT_FOUND, json!([])));
    let base_url = start_shop(replies).await;
    let result = fetch_all_within(&client(&base_url, TIMEOUT), LIMIT).await;
    let err = match result {
        Err(err) => err,
        Ok(all) => panic!(
            "fetch_all returned Ok({all:?}), but /products answered 404 Not Found \
             (with the body [], which decodes fine: check the status first)"
        ),
    };
    let status = reqwest_error(&err).and_then(reqwest::Error::status);
    assert!(
        status == Some(StatusCode::NOT_FOUND) || format!("{err:#}").contains("404 Not Found"),
        "expected an error about the status 404, got \"{err:#}\""
    );
}
