//! Attack: reads the instructor's solution from the repository while its tests run, and behaves
//! correctly only if that worked.
//! status: failed
//! unsandboxed: passed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    // The repository's path, as the attacker would find it (`@REPO@` is filled in by the checks).
    match std::fs::read_to_string("@REPO@/solutions/ex01-join/src/lib.rs") {
        Ok(_) => tokio::join!(fetch_users(), fetch_products(), fetch_orders()),
        Err(e) => panic!("attack stopped: {e}"),
    }
}
// END: fetch_all
