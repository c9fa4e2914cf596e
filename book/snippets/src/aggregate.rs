//! Chapter `ex05-aggregate.md`: an axum handler that gathers two calls,
//! its router, and how to serve it on a real port.

use crate::join::{fetch_products, fetch_users};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::time::Instant;

// ANCHOR: handler
#[derive(Debug, Serialize)]
pub struct Dashboard {
    pub users: Vec<String>,
    pub products: Vec<String>,
    pub elapsed_seconds: f64,
}

/// Python's `round(seconds, 2)`.
pub fn round2(elapsed: Duration) -> f64 {
    (elapsed.as_secs_f64() * 100.0).round() / 100.0
}

/// `GET /dashboard`: two 1-second calls at once.
pub async fn dashboard() -> Json<Dashboard> {
    let start = Instant::now(); // tokio's Instant (paused clock in tests)
    let (users, products) = tokio::join!(fetch_users(), fetch_products());
    Json(Dashboard {
        users,
        products,
        elapsed_seconds: round2(start.elapsed()),
    })
}
// ANCHOR_END: handler

// ANCHOR: router
/// FastAPI's `@app.get("/dashboard")`: here the router, not the
/// function, says which path goes where.
pub fn app() -> Router {
    Router::new().route("/dashboard", get(dashboard))
}
// ANCHOR_END: router

// ANCHOR: state
/// Data every request may read, given to the router once.
#[derive(Debug, Clone)]
pub struct Shop {
    pub name: &'static str,
}

/// The handler asks for the state by its type: `State<Shop>`.
pub async fn about(State(shop): State<Shop>) -> String {
    format!("{} API", shop.name)
}

pub fn app_with_state(shop: Shop) -> Router {
    Router::new().route("/about", get(about)).with_state(shop)
}
// ANCHOR_END: state

// ANCHOR: serve
/// What `main` does: answer requests on `listener` until the process
/// ends (FastAPI: `uvicorn main:app`).
pub async fn serve(listener: TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app()).await
}
// ANCHOR_END: serve

#[cfg(test)]
mod tests;
