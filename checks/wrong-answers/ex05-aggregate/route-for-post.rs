//! Wrong answer: the router sends POST /aggregate to the handler, so GET /aggregate is not allowed (405).
//! caught-by: exercise::answers_with_all_three_sources_and_the_elapsed_time, exercise::a_source_that_is_down_gives_502_with_its_error
//! cue: 405 Method Not Allowed

// REPLACES: app
/// The application: `GET /aggregate`, with `sources` as the router's state.
pub fn app(sources: Sources) -> Router {
    Router::new()
        .route("/aggregate", axum::routing::post(aggregate))
        .with_state(sources)
}
// END: app
