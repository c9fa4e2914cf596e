//! Wrong answer: routes /aggregate with axum::routing::any, so POST, DELETE and the rest are answered too instead of 405.
//! caught-by: exercise::only_get_aggregate_is_answered
//! cue: not any(aggregate)

// REPLACES: app
pub fn app(sources: Sources) -> Router {
    Router::new()
        .route("/aggregate", axum::routing::any(aggregate))
        .with_state(sources)
}
// END: app
