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
/// [`calls::start`] writes the call down and says how long it takes: 1 s, unless a test chose
/// another time.
pub async fn fetch_users() -> Users {
    sleep(calls::start("fetch_users")).await;
    Users {
        users: vec!["홍길동".into(), "김영희".into()],
    }
}

pub async fn fetch_products() -> Products {
    sleep(calls::start("fetch_products")).await;
    Products {
        products: vec!["노트북".into(), "마우스".into()],
    }
}

pub async fn fetch_orders() -> Orders {
    sleep(calls::start("fetch_orders")).await;
    Orders {
        orders: vec!["주문1".into(), "주문2".into()],
    }
}
// ANCHOR_END: given

// ANCHOR: calls
/// What the tests control and see of the three calls: how long each one takes, and which calls
/// were made. Each thread has its own record, so each test has its own.
pub mod calls {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::time::Duration;

    thread_local! {
        static DELAYS: RefCell<HashMap<&'static str, Duration>> = RefCell::default();
        static MADE: RefCell<Vec<&'static str>> = RefCell::default();
    }

    /// Makes every later call to `name` (`"fetch_users"`, ...) on this thread take `delay`.
    pub fn set_delay(name: &'static str, delay: Duration) {
        DELAYS.with_borrow_mut(|delays| delays.insert(name, delay));
    }

    /// The calls made on this thread so far, in the order they started.
    pub fn made() -> Vec<&'static str> {
        MADE.with_borrow(Clone::clone)
    }

    /// Writes down that `name` started, and returns how long it takes (1 s unless set).
    pub(crate) fn start(name: &'static str) -> Duration {
        MADE.with_borrow_mut(|made| made.push(name));
        DELAYS
            .with_borrow(|delays| delays.get(name).copied())
            .unwrap_or(Duration::from_secs(1))
    }
}
// ANCHOR_END: calls

// ANCHOR: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    // All three futures are polled together: the slowest (1 s) sets the total.
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// ANCHOR_END: fetch_all
