//! # Exercise 1: `tokio::join!`, the heart of concurrency
//!
//! Book chapter: `book/src/ex01-join.md` ("tokio::join! — the heart of concurrent execution").
//!
//! `fetch_users`, `fetch_products` and `fetch_orders` each stand for a 1-second call to another
//! service. Write [`fetch_all`] so that the three calls run **at the same time**: the whole thing
//! must take 1 second, not 3.
//!
//! Check your work with:
//!
//! ```text
//! cargo test -p ex01-join
//! ```

// ANCHOR: imports
use serde::Serialize;
use std::time::Duration;
use tokio::time::sleep;
// ANCHOR_END: imports

// ANCHOR: given
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Users {
    pub users: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Products {
    pub products: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Orders {
    pub orders: Vec<String>,
}

/// A 1-second API call, simulated with `sleep` (the lesson's `asyncio.sleep(1)`).
pub async fn fetch_users() -> Users {
    sleep(Duration::from_secs(1)).await;
    Users {
        users: vec!["홍길동".into(), "김영희".into()],
    }
}

pub async fn fetch_products() -> Products {
    sleep(Duration::from_secs(1)).await;
    Products {
        products: vec!["노트북".into(), "마우스".into()],
    }
}

pub async fn fetch_orders() -> Orders {
    sleep(Duration::from_secs(1)).await;
    Orders {
        orders: vec!["주문1".into(), "주문2".into()],
    }
}
// ANCHOR_END: given

// ANCHOR: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    // All three futures are polled together: the slowest (1 s) sets the total.
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// ANCHOR_END: fetch_all
