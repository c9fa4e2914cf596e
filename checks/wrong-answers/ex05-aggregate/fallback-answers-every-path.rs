//! Wrong answer: also installs the aggregate handler as the router's fallback "so nothing 404s", so every path and method answers with the aggregate.
//! caught-by: exercise::only_get_aggregate_is_answered
//! cue: answered 200 OK

// REPLACES: app
pub fn app(sources: Sources) -> Router {
    Router::new()
        .route("/aggregate", axum::routing::get(aggregate))
        .fallback(aggregate)
        .with_state(sources)
}
// END: app
