//! Wrong answer: the three sources are awaited one after another, as in FastAPI code without gather (0.9 s).
//! caught-by: exercise::answers_with_all_three_sources_and_the_elapsed_time, exercise::takes_as_long_as_the_slowest_source_not_the_sum, exercise::rounds_elapsed_seconds_to_two_places, hidden::other_delays_report_the_slowest, hidden::rounds_down_as_well_as_up
//! cue: one after another

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    // tokio's Instant follows the paused clock in tests; std::time::Instant would not.
    let start = tokio::time::Instant::now();
    let users = fetch_from_source(&sources.users).await?;
    let products = fetch_from_source(&sources.products).await?;
    let orders = fetch_from_source(&sources.orders).await?;
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
