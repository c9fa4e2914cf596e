//! Misbehaviour: waits forever on a future that never completes. Nothing is left to run, so the paused clock jumps to the tests' 60 s simulated deadline: it fails at once, with a message.
//! status: failed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    std::future::pending::<()>().await;
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
