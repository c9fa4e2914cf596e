//! Misbehaviour: locks the same mutex twice on one thread. The tests' own 1 s real-time deadline fails it, with a message, long before the grader's timeout.
//! status: failed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let lock = std::sync::Mutex::new(());
    let _first = lock.lock().unwrap();
    let _second = lock.lock();
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
