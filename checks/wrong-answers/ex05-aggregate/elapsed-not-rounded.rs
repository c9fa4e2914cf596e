//! Wrong answer: elapsed_seconds is the raw f64 from as_secs_f64(), not rounded to 2 places as round(elapsed, 2) does.
//! caught-by: exercise::rounds_elapsed_seconds_to_two_places, hidden::rounds_down_as_well_as_up
//! cue: not rounded

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    // tokio's Instant follows the paused clock in tests; std::time::Instant would not.
    let start = tokio::time::Instant::now();
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
        elapsed_seconds: elapsed,
    }))
}
// END: aggregate
