//! Wrong answer: concurrent awaits the three calls one after another, exactly like the sequential version.
//! caught-by: exercise::concurrent_runs_all_three_calls_at_once, exercise::concurrent_takes_one_second_not_three, hidden::one_timeline_shows_sequential_then_concurrent, hidden::timed_measures_both_versions
//! cue: one after another

// REPLACES: concurrent
/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
    let users = fetch_users(timeline).await;
    let products = fetch_products(timeline).await;
    let orders = fetch_orders(timeline).await;
    (users, products, orders)
}
// END: concurrent
