//! # Exercise 6: one shared HTTP client, `httpx.AsyncClient` in Rust
//!
//! Book chapter: `book/src/ex06-http-client.md` ("Real-world pattern: reusing the client").
//!
//! The lesson's last pattern calls three APIs at once through one `httpx.AsyncClient`. Here the
//! client is [`reqwest::Client`], and the shop's API answers `GET /users`, `GET /products` and
//! `GET /orders` with JSON lists. Write two methods of [`ShopClient`]:
//!
//! 1. [`ShopClient::get_json`]: one `GET` through the shared client, with three safeguards:
//!    - `.timeout(self.timeout)`: a server that never answers becomes an error, not a hang;
//!    - `.error_for_status()`: a `500` or `404` becomes an error, not data;
//!    - `.json::<T>()`: the body is decoded into typed data ([`User`], [`Product`], [`Order`]).
//! 2. [`ShopClient::fetch_all`]: the three `GET`s at the same time, with `tokio::try_join!`
//!    (the lesson's `asyncio.gather(*tasks)`).
//!
//! ## No `async with` for the client, and no async Drop
//!
//! Python opens the client with `async with httpx.AsyncClient() as client:` so that its
//! connections are closed when the block ends. A `reqwest::Client` needs no such block: it is
//! closed when its last clone is dropped (RAII), and that cleanup has nothing to wait for. Rust has
//! no async Drop, though: cleanup that must `.await` (flushing a tokio `BufWriter` or `File`, a
//! server's graceful shutdown) is a call you write before the value goes away.
//!
//! The client is also a cheap handle to a connection pool (cloning it shares the pool), so the
//! idiom is to build **one** client when the program starts and pass it in, as
//! [`ShopClient::new`] does. Its connections are then reused from request to request. Building a
//! new `Client` per request (or per `fetch_all`) opens new connections every time: the tests can
//! see that.
//!
//! ## Real sockets in the tests
//!
//! The tests start a real server on `127.0.0.1` and judge what **it** saw: the data it sent, how
//! many of your requests it held at once, which connections they came on, and what happens when
//! it fails or never answers. These tests run on the real clock, for a second or so at most.
//!
//! Check your work with:
//!
//! ```text
//! cargo test -p ex06-http-client
//! ```

// ANCHOR: imports
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::time::Duration;
// ANCHOR_END: imports

// ANCHOR: data
/// One entry of `GET /users`: `{"id": 1, "name": "홍길동"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct User {
    pub id: u32,
    pub name: String,
}

/// One entry of `GET /products`: `{"id": 1, "name": "노트북", "price": 1200000}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Product {
    pub id: u32,
    pub name: String,
    pub price: u32,
}

/// One entry of `GET /orders`: `{"id": 1, "user_id": 1, "product_id": 2}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Order {
    pub id: u32,
    pub user_id: u32,
    pub product_id: u32,
}
// ANCHOR_END: data

// ANCHOR: client
/// A client of the shop's API. It holds the shared `reqwest::Client`, never one of its own.
#[derive(Debug, Clone)]
pub struct ShopClient {
    http: reqwest::Client,
    base_url: String,
    timeout: Duration,
}

impl ShopClient {
    /// `http` is the program's one client, built once and passed in (a clone shares its pool).
    /// `base_url` is like `"http://127.0.0.1:8000"`; `timeout` bounds each request.
    pub fn new(http: reqwest::Client, base_url: &str, timeout: Duration) -> Self {
        Self {
            http,
            base_url: base_url.trim_end_matches('/').to_string(),
            timeout,
        }
    }
}
// ANCHOR_END: client

impl ShopClient {
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let _ = (&self.http, &self.base_url, self.timeout, path);
        todo!("self.http.get(url) with .timeout(self.timeout), .error_for_status(), .json()")
    }

    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        todo!("run the three get_json calls at once with tokio::try_join!")
    }
}
