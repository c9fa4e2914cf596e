//! Wrong answer: the sources are gathered with join! and each result is unwrapped, so a source that is down panics the handler.
//! caught-by: exercise::a_source_that_is_down_gives_502_with_its_error, hidden::every_source_that_is_down_is_reported_by_name, hidden::answers_are_json_whether_they_succeed_or_fail
//! cue: unwrap()

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    // tokio's Instant follows the paused clock in tests; std::time::Instant would not.
    let start = tokio::time::Instant::now();
    let (users, products, orders) = tokio::join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    );
    let (users, products, orders) = (users.unwrap(), products.unwrap(), orders.unwrap());
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
