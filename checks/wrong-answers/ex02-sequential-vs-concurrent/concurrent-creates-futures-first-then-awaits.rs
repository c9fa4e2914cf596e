//! Wrong answer: concurrent creates the three futures first and then awaits them in turn, as if creating a future started it.
//! caught-by: exercise::concurrent_runs_all_three_calls_at_once, exercise::concurrent_takes_one_second_not_three, hidden::one_timeline_shows_sequential_then_concurrent, hidden::timed_measures_both_versions
//! cue: does nothing until it is awaited

// REPLACES: concurrent
/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
    let users = fetch_users(timeline);
    let products = fetch_products(timeline);
    let orders = fetch_orders(timeline);
    (users.await, products.await, orders.await)
}
// END: concurrent
