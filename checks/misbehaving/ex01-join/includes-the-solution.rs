//! Attack: compiles the instructor's solution into itself with `include_str!`.
//! compile: failed
//! compile-message: Permission denied
//! unsandboxed: passed

// REPLACES: fetch_all
// The repository's path, as the attacker would find it (`@REPO@` is filled in by the checks).
const STOLEN: &str = include_str!("@REPO@/solutions/ex01-join/src/lib.rs");

/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    assert!(STOLEN.contains("tokio::join!"));
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
