//! Attack: leaves the given code's text alone but swaps the `sleep` it imports for one that waits
//! only the first time, so that three calls awaited one after another take 1 s instead of 3.
//! compile: failed
//! compile-message: defined multiple times

// REPLACES: imports
use fake::sleep;
use serde::Serialize;
use std::time::Duration;

mod fake {
    use std::sync::atomic::{AtomicBool, Ordering};
    static SLEPT: AtomicBool = AtomicBool::new(false);

    /// Sleeps on the first call only.
    pub async fn sleep(duration: std::time::Duration) {
        if !SLEPT.swap(true, Ordering::SeqCst) {
            tokio::time::sleep(duration).await;
        }
    }
}
// END: imports

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    (fetch_users().await, fetch_products().await, fetch_orders().await)
}
// END: fetch_all
