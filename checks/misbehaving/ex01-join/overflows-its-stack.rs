//! Misbehaviour: recurses without end.
//! status: crashed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    fn depth(n: u64) -> u64 {
        let frame = [n; 64];
        depth(std::hint::black_box(frame)[0] + 1) + 1
    }
    std::hint::black_box(depth(0));
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
