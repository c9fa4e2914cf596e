//! Wrong answer: elapsed_seconds is whole hundredths cut from the milliseconds (as_millis() / 10), so 0.457 s becomes 0.45.
//! caught-by: exercise::rounds_elapsed_seconds_to_two_places
//! cue: rounded the wrong way

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    let start = tokio::time::Instant::now();
    let (users, products, orders) = tokio::try_join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    )?;
    let elapsed = start.elapsed().as_millis() / 10;
    Ok(Json(Aggregate {
        users,
        products,
        orders,
        elapsed_seconds: elapsed as f64 / 100.0,
    }))
}
// END: aggregate
