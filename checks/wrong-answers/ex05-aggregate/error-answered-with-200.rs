//! Wrong answer: a failing source is caught and reported as {"error": ...} in a 200 OK answer, so clients think it worked.
//! caught-by: exercise::a_source_that_is_down_gives_502_with_its_error, hidden::every_source_that_is_down_is_reported_by_name
//! cue: 502 Bad Gateway

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Json<serde_json::Value> {
    // tokio's Instant follows the paused clock in tests; std::time::Instant would not.
    let start = tokio::time::Instant::now();
    let gathered = tokio::try_join!(
        fetch_from_source(&sources.users),
        fetch_from_source(&sources.products),
        fetch_from_source(&sources.orders),
    );
    let (users, products, orders) = match gathered {
        Ok(all) => all,
        Err(err) => return Json(serde_json::json!({ "error": err.to_string() })),
    };
    let elapsed = start.elapsed().as_secs_f64();
    Json(serde_json::json!(Aggregate {
        users,
        products,
        orders,
        // round(elapsed, 2)
        elapsed_seconds: (elapsed * 100.0).round() / 100.0,
    }))
}
// END: aggregate
