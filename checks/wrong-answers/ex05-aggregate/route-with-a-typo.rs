//! Wrong answer: the router serves the handler at /aggregates, so GET /aggregate finds no route (404).
//! caught-by: exercise::answers_with_all_three_sources_and_the_elapsed_time, exercise::a_source_that_is_down_gives_502_with_its_error
//! cue: 404 Not Found

// REPLACES: app
/// The application: `GET /aggregate`, with `sources` as the router's state.
pub fn app(sources: Sources) -> Router {
    Router::new()
        .route("/aggregates", axum::routing::get(aggregate))
        .with_state(sources)
}
// END: app
