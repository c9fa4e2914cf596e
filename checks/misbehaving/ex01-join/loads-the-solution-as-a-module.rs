//! Attack: loads the instructor's solution as a module, hiding `#[path]` behind `cfg_attr`.
//! compile: failed
//! compile-message: Permission denied
//! unsandboxed: passed

// REPLACES: fetch_all
// The repository's path, as the attacker would find it (`@REPO@` is filled in by the checks).
#[cfg_attr(all(), path = "@REPO@/solutions/ex01-join/src/lib.rs")]
#[allow(dead_code, unused_imports)]
mod stolen;

/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let _ = stolen::fetch_all;
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
