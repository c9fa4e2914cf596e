//! Wrong answer: sequential awaits the calls one after another but fetches orders before products.
//! caught-by: exercise::sequential_runs_the_calls_back_to_back, hidden::one_timeline_shows_sequential_then_concurrent
//! cue: users, then products, then orders

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    let users = fetch_users(timeline).await; // 0 s → 1 s
    let orders = fetch_orders(timeline).await; // 1 s → 2 s
    let products = fetch_products(timeline).await; // 2 s → 3 s
    (users, products, orders)
}
// END: sequential
