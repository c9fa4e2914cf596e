//! Wrong answer: elapsed_seconds is rounded to one decimal place, so 0.457 s becomes 0.5.
//! caught-by: exercise::rounds_elapsed_seconds_to_two_places, hidden::rounds_down_as_well_as_up
//! cue: one decimal place

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
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
        elapsed_seconds: (elapsed * 10.0).round() / 10.0,
    }))
}
// END: aggregate
