//! Attack: links another build from the lab's shared target folder (the reference solution, or
//! another student's) with `extern crate`, and calls its code.
//! compile: failed
//! compile-message: ex01_join

// REPLACES: sequential
extern crate ex01_join as borrowed;

/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    let _ = borrowed::fetch_all;
    let users = fetch_users(timeline).await;
    let products = fetch_products(timeline).await;
    let orders = fetch_orders(timeline).await;
    (users, products, orders)
}
// END: sequential
