//! Wrong answer: the handler gathers the three sources with tokio::join! and only then checks them with `?`, so a failure waits for the slowest source.
//! caught-by: exercise::a_failure_is_answered_as_soon_as_it_happens
//! cue: tokio::join! then checking

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    let start = tokio::time::Instant::now();
    let (users, products, orders) = tokio::join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    );
    let elapsed = start.elapsed().as_secs_f64();
    Ok(Json(Aggregate {
        users: users?,
        products: products?,
        orders: orders?,
        elapsed_seconds: (elapsed * 100.0).round() / 100.0,
    }))
}
// END: aggregate
