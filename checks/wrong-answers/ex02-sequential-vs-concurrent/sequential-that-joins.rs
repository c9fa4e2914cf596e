//! Wrong answer: sequential is written with tokio::join! too, so the "slow" version is concurrent.
//! caught-by: exercise::sequential_runs_the_calls_back_to_back, exercise::sequential_takes_three_seconds, hidden::one_timeline_shows_sequential_then_concurrent, hidden::timed_measures_both_versions
//! cue: ran at the same time

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    tokio::join!(
        fetch_users(timeline),
        fetch_products(timeline),
        fetch_orders(timeline),
    )
}
// END: sequential
