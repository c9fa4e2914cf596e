//! Wrong answer: the elapsed time is measured with std::time::Instant, like Python's time.time(), so the paused clock reads 0.0.
//! caught-by: exercise::answers_with_all_three_sources_and_the_elapsed_time, exercise::rounds_elapsed_seconds_to_two_places, hidden::other_delays_report_the_slowest, hidden::rounds_down_as_well_as_up
//! cue: std::time::Instant

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    // tokio's Instant follows the paused clock in tests; std::time::Instant would not.
    let start = std::time::Instant::now();
    let (users, products, orders) = tokio::try_join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    )?;
    let elapsed = start.elapsed().as_secs_f64();
    Ok(Json(Aggregate {
        users,
        products,
        orders,
        // round(elapsed, 2)
        elapsed_seconds: (elapsed * 100.0).round() / 100.0,
    }))
}
// END: aggregate
