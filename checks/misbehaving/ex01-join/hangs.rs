//! Misbehaviour: waits forever on a future that never completes.
//! status: timed_out

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    std::future::pending::<()>().await;
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
