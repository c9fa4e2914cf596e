//! # Exercise 5: the `/aggregate` endpoint, gathering inside an axum handler
//!
//! Book chapter: `book/src/ex05-aggregate.md` ("Data aggregation example: axum /aggregate").
//!
//! The lesson's FastAPI example, in axum. `GET /aggregate` fetches from three data sources at
//! once (사용자DB 0.3 s, 상품DB 0.2 s, 주문DB 0.4 s) and answers:
//!
//! ```text
//! {
//!   "users":    {"source": "사용자DB", "data": "사용자DB에서 가져온 데이터"},
//!   "products": {"source": "상품DB",   "data": "상품DB에서 가져온 데이터"},
//!   "orders":   {"source": "주문DB",   "data": "주문DB에서 가져온 데이터"},
//!   "elapsed_seconds": 0.4
//! }
//! ```
//!
//! Write two functions:
//!
//! 1. [`aggregate`], the handler: fetch the three sources of its [`Sources`] state concurrently
//!    with `tokio::try_join!`, time it with `tokio::time::Instant`, and return an [`Aggregate`].
//!    `elapsed_seconds` is rounded to 2 decimal places, like Python's `round(elapsed, 2)`
//!    (halves round away from zero, as `f64::round` does; the tests never land on a half).
//! 2. [`app`], the router: `GET /aggregate` goes to [`aggregate`], with the sources as state.
//!
//! ## When a source fails
//!
//! FastAPI would turn an exception into a `500 Internal Server Error`. Here a source returns a
//! [`SourceError`], and the handler passes it on with `?`: [`AppError`] (given) turns it into
//! `502 Bad Gateway` with a JSON body such as `{"error": "상품DB: 연결 실패"}`. No `unwrap`: a
//! panic is not an answer.
//!
//! ## Time in the tests
//!
//! The tests call the router directly (no socket) on tokio's paused clock: a 0.4 s sleep takes no
//! real time, and `tokio::time::Instant` sees exactly 0.4 s. `std::time::Instant` reads the real
//! clock, which barely moves, so it would report 0.0.
//!
//! Check your work with:
//!
//! ```text
//! cargo test -p ex05-aggregate
//! ```

// ANCHOR: imports
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use serde::Serialize;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::time::sleep;
// ANCHOR_END: imports

// ANCHOR: source
/// One external data source: its name, how long a call takes, and whether it is down. It counts
/// its calls; a clone shares the count.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: &'static str,
    pub delay: Duration,
    pub down: bool,
    calls: Arc<AtomicUsize>,
}

impl Source {
    pub fn new(name: &'static str, delay: Duration) -> Self {
        Self {
            name,
            delay,
            down: false,
            calls: Arc::default(),
        }
    }

    /// The same source, out of order: every call fails after its delay.
    pub fn down(self) -> Self {
        Self { down: true, ..self }
    }

    /// How many times [`fetch_from_source`] has been called on this source (and its clones).
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

/// What a source returns, serialised as `{"source": ..., "data": ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceData {
    pub source: String,
    pub data: String,
}

/// A failed call: `"상품DB: 연결 실패"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    pub name: &'static str,
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for SourceError {}

/// The lesson's `fetch_from_source`: waits `source.delay`, then answers (or fails, if it is down).
pub async fn fetch_from_source(source: &Source) -> Result<SourceData, SourceError> {
    source.calls.fetch_add(1, Ordering::SeqCst);
    sleep(source.delay).await;
    if source.down {
        return Err(SourceError {
            name: source.name,
            message: "연결 실패".into(),
        });
    }
    Ok(SourceData {
        source: source.name.into(),
        data: format!("{}에서 가져온 데이터", source.name),
    })
}
// ANCHOR_END: source

// ANCHOR: sources
/// The router's state: the three sources the handler gathers. Tests swap in other delays or a
/// source that is down.
#[derive(Debug, Clone)]
pub struct Sources {
    pub users: Source,
    pub products: Source,
    pub orders: Source,
}

impl Sources {
    /// The lesson's three: 사용자DB 0.3 s, 상품DB 0.2 s, 주문DB 0.4 s.
    pub fn lesson() -> Self {
        Self {
            users: Source::new("사용자DB", Duration::from_millis(300)),
            products: Source::new("상품DB", Duration::from_millis(200)),
            orders: Source::new("주문DB", Duration::from_millis(400)),
        }
    }
}
// ANCHOR_END: sources

// ANCHOR: aggregate_type
/// The body of a successful `GET /aggregate`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Aggregate {
    pub users: SourceData,
    pub products: SourceData,
    pub orders: SourceData,
    /// Seconds the three fetches took together, rounded to 2 decimal places.
    pub elapsed_seconds: f64,
}
// ANCHOR_END: aggregate_type

// ANCHOR: app_error
/// The handler's error. A source failed, so the gateway answers `502 Bad Gateway`
/// with `{"error": "<what failed>"}`.
#[derive(Debug)]
pub struct AppError(SourceError);

/// Lets `?` turn a [`SourceError`] into an [`AppError`] inside the handler.
impl From<SourceError> for AppError {
    fn from(err: SourceError) -> Self {
        Self(err)
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let body = Json(serde_json::json!({ "error": self.0.to_string() }));
        (StatusCode::BAD_GATEWAY, body).into_response()
    }
}
// ANCHOR_END: app_error

// ANCHOR: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    // tokio's Instant follows the paused clock in tests; std::time::Instant would not.
    let start = tokio::time::Instant::now();
    let (users, products, orders) = tokio::try_join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    )?;
    let elapsed = start.elapsed().as_secs_f64();
    Ok(Json(Aggregate {
        users,
        products,
        orders,
        // round(elapsed, 2)
        elapsed_seconds: (elapsed * 100.0).round() / 100.0,
    }))
}
// ANCHOR_END: aggregate

// ANCHOR: app
/// The application: `GET /aggregate`, with `sources` as the router's state.
pub fn app(sources: Sources) -> Router {
    Router::new()
        .route("/aggregate", axum::routing::get(aggregate))
        .with_state(sources)
}
// ANCHOR_END: app
