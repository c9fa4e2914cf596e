//! Misbehaviour: calls process::exit(0) so the test never reports.
//! status: no_result

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    std::process::exit(0);
}
// END: fetch_all
