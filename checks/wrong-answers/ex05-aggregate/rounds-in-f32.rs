//! Wrong answer: the elapsed time is rounded in f32 (as_secs_f32), so 0.46 comes out as 0.46000000834465027.
//! caught-by: exercise::rounds_elapsed_seconds_to_two_places, exercise::answers_with_all_three_sources_and_the_elapsed_time
//! cue: f32

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    let start = tokio::time::Instant::now();
    let (users, products, orders) = tokio::try_join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    )?;
    let elapsed = start.elapsed().as_secs_f32();
    Ok(Json(Aggregate {
        users,
        products,
        orders,
        elapsed_seconds: ((elapsed * 100.0).round() / 100.0) as f64,
    }))
}
// END: aggregate
