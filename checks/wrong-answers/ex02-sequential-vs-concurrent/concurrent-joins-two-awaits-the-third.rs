//! Wrong answer: concurrent joins users and products, then awaits orders after them.
//! caught-by: exercise::concurrent_takes_one_second_not_three, exercise::concurrent_runs_all_three_calls_at_once, hidden::timed_measures_both_versions
//! cue: some calls ran together, others one after another

// REPLACES: concurrent
/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
    let (users, products) = tokio::join!(fetch_users(timeline), fetch_products(timeline));
    let orders = fetch_orders(timeline).await;
    (users, products, orders)
}
// END: concurrent
