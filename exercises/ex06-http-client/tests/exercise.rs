//! Tests for exercise 6. Run them with `cargo test -p ex06-http-client`.
//! Each test starts a small shop server on 127.0.0.1 (a real socket, on the real clock) and judges
//! what the server saw. Every call is bounded, so a wrong answer fails with an explanation instead
//! of hanging.

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use ex06_http_client::{Order, Product, ShopClient, User};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// How long the server holds a request while it waits for the other two to arrive.
const GATE: Duration = Duration::from_secs(1);
/// The client's timeout per request, where the server does answer.
const TIMEOUT: Duration = Duration::from_secs(5);
/// How long a test waits for `fetch_all` (three requests one after another take 3 × GATE).
const LIMIT: Duration = Duration::from_secs(10);

/// What the server answers on a path.
#[derive(Clone)]
enum Reply {
    Data(Value),
    Status(StatusCode, Value),
    Never,
}

/// What the server saw.
#[derive(Default)]
struct Seen {
    in_flight: usize,
    /// The client's address and port of each request, in order of arrival.
    peers: Vec<SocketAddr>,
}

struct Shop {
    replies: HashMap<&'static str, Reply>,
    seen: Mutex<Seen>,
    /// The most requests ever in flight at once.
    max_in_flight: watch::Sender<usize>,
}

async fn handle(
    State(shop): State<Arc<Shop>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    uri: Uri,
) -> Response {
    let now = {
        let mut seen = shop.seen.lock().unwrap();
        seen.in_flight += 1;
        seen.peers.push(peer);
        seen.in_flight
    };
    shop.max_in_flight.send_if_modified(|max| {
        let higher = now > *max;
        *max = (*max).max(now);
        higher
    });
    // Hold the request until 3 have been in flight at once, or GATE has passed.
    let mut max_in_flight = shop.max_in_flight.subscribe();
    let _ = tokio::time::timeout(GATE, max_in_flight.wait_for(|max| *max >= 3)).await;
    shop.seen.lock().unwrap().in_flight -= 1;
    match shop.replies.get(uri.path()).cloned() {
        Some(Reply::Data(body)) => Json(body).into_response(),
        Some(Reply::Status(status, body)) => (status, Json(body)).into_response(),
        Some(Reply::Never) => std::future::pending().await,
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Starts the shop on 127.0.0.1 (a free port) and returns its base URL. It stops with the test.
async fn start_shop(replies: HashMap<&'static str, Reply>) -> (String, Arc<Shop>) {
    let shop = Arc::new(Shop {
        replies,
        seen: Mutex::default(),
        max_in_flight: watch::Sender::new(0),
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    let app = Router::new().fallback(handle).with_state(shop.clone());
    let service = app.into_make_service_with_connect_info::<SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, service).await.unwrap() });
    (base_url, shop)
}

fn users_json() -> Value {
    json!([{"id": 1, "name": "홍길동"}, {"id": 2, "name": "김영희"}])
}

fn products_json() -> Value {
    json!([
        {"id": 1, "name": "노트북", "price": 1200000},
        {"id": 2, "name": "마우스", "price": 25000},
    ])
}

fn orders_json() -> Value {
    json!([
        {"id": 1, "user_id": 1, "product_id": 1},
        {"id": 2, "user_id": 2, "product_id": 2},
    ])
}

/// The shop's three lists, with `orders` answered by `orders`.
fn shop_with_orders(orders: Reply) -> HashMap<&'static str, Reply> {
    HashMap::from([
        ("/users", Reply::Data(users_json())),
        ("/products", Reply::Data(products_json())),
        ("/orders", orders),
    ])
}

/// The program's one client. `no_proxy`: an HTTP_PROXY setting must not catch calls to 127.0.0.1.
fn shared_http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

type All = (Vec<User>, Vec<Product>, Vec<Order>);

/// `client.fetch_all()`, failing the test if it runs longer than `limit` (real time).
async fn fetch_all_within(client: &ShopClient, limit: Duration, hint: &str) -> anyhow::Result<All> {
    match tokio::time::timeout(limit, client.fetch_all()).await {
        Ok(result) => result,
        Err(_) => panic!(
            "fetch_all was still running after {} s: {hint}",
            limit.as_secs()
        ),
    }
}

const STUCK: &str = "the server answers every request within 1 s.";

#[tokio::test]
async fn decodes_the_three_lists_into_typed_data() {
    let (base_url, _shop) = start_shop(shop_with_orders(Reply::Data(orders_json()))).await;
    let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
    let (users, products, orders) = fetch_all_within(&client, LIMIT, STUCK)
        .await
        .expect("fetch_all failed, but the server answered all three");
    let user = |id, name: &str| User {
        id,
        name: name.into(),
    };
    assert_eq!(users, [user(1, "홍길동"), user(2, "김영희")]);
    let product = |id, name: &str, price| Product {
        id,
        name: name.into(),
        price,
    };
    assert_eq!(
        products,
        [
            product(1, "노트북", 1_200_000),
            product(2, "마우스", 25_000)
        ]
    );
    let order = |id, user_id, product_id| Order {
        id,
        user_id,
        product_id,
    };
    assert_eq!(orders, [order(1, 1, 1), order(2, 2, 2)]);
}

#[tokio::test]
async fn sends_the_three_requests_at_the_same_time() {
    let (base_url, shop) = start_shop(shop_with_orders(Reply::Data(orders_json()))).await;
    let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
    fetch_all_within(&client, LIMIT, STUCK)
        .await
        .expect("fetch_all failed, but the server answered all three");
    let max = *shop.max_in_flight.borrow();
    assert_eq!(
        max, 3,
        "the server saw at most {max} request(s) at a time, expected all 3 at once. \
         If 1: are the three GETs awaited one after another? Start them together with \
         tokio::try_join!."
    );
}

#[tokio::test]
async fn reuses_the_shared_clients_connections() {
    let (base_url, shop) = start_shop(shop_with_orders(Reply::Data(orders_json()))).await;
    let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
    fetch_all_within(&client, LIMIT, STUCK)
        .await
        .expect("the first fetch_all failed, but the server answered all three");
    let first: Vec<SocketAddr> = shop.seen.lock().unwrap().peers.clone();
    // A moment for the client to put its connections back in its pool.
    tokio::time::sleep(Duration::from_millis(100)).await;
    fetch_all_within(&client, LIMIT, STUCK)
        .await
        .expect("the second fetch_all failed, but the server answered all three");
    let second: BTreeSet<SocketAddr> = shop.seen.lock().unwrap().peers[first.len()..]
        .iter()
        .copied()
        .collect();
    let new = second.iter().filter(|peer| !first.contains(peer)).count();
    assert_eq!(
        new, 0,
        "the second fetch_all came in on {new} new connection(s), expected it to reuse the \
         first one's. A new connection per call means a new reqwest::Client per call: send every \
         request through self.http, the one client passed to ShopClient::new (Rust needs no \
         `async with`: build the client once and share it)."
    );
}

/// The `reqwest::Error` inside `err`, if any.
fn reqwest_error(err: &anyhow::Error) -> Option<&reqwest::Error> {
    err.chain().find_map(|e| e.downcast_ref::<reqwest::Error>())
}

#[tokio::test]
async fn a_server_that_never_answers_is_a_timeout_error() {
    let (base_url, _shop) = start_shop(shop_with_orders(Reply::Never)).await;
    let client = ShopClient::new(shared_http(), &base_url, Duration::from_millis(200));
    let err = fetch_all_within(
        &client,
        Duration::from_secs(3),
        "/orders never answers, and the client's timeout is 0.2 s. \
         Give each request .timeout(self.timeout), or it waits forever.",
    )
    .await
    .expect_err("fetch_all returned Ok, but /orders never answered");
    let timed_out = reqwest_error(&err).is_some_and(reqwest::Error::is_timeout)
        || err.chain().any(|e| e.is::<tokio::time::error::Elapsed>());
    assert!(
        timed_out,
        "fetch_all failed with \"{err:#}\", expected a timeout (reqwest::Error::is_timeout): \
         give each request .timeout(self.timeout)."
    );
}

#[tokio::test]
async fn a_500_is_an_error_with_its_status() {
    let failing = Reply::Status(
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({"error": "주문DB 연결 실패"}),
    );
    let (base_url, _shop) = start_shop(shop_with_orders(failing)).await;
    let client = ShopClient::new(shared_http(), &base_url, TIMEOUT);
    let result = fetch_all_within(&client, LIMIT, STUCK).await;
    let err = match result {
        Err(err) => err,
        Ok(all) => {
            panic!("fetch_all returned Ok({all:?}), but /orders answered 500 Internal Server Error")
        }
    };
    let status = reqwest_error(&err).and_then(reqwest::Error::status);
    assert!(
        status == Some(StatusCode::INTERNAL_SERVER_ERROR)
            || format!("{err:#}").contains("500 Internal Server Error"),
        "fetch_all failed with \"{err:#}\", expected an error about the status 500. \
         Call .error_for_status() on the response before .json(): a 500's body is not data."
    );
}
