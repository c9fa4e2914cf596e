//! Attack: reads the grader's environment variables (tokens, paths, the home folder).
//! status: failed
//! unsandboxed: passed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let leaked: Vec<String> = std::env::vars()
        .map(|(key, _)| key)
        // What the sandbox sets itself; anything else came from the grader.
        .filter(|key| !["HOME", "TMPDIR", "RUST_BACKTRACE", "PWD"].contains(&key.as_str()))
        .collect();
    if leaked.is_empty() {
        panic!("attack stopped: nothing of the grader's environment is visible");
    }
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
