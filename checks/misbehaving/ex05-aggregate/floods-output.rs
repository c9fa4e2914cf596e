//! Misbehaviour: every function the learner writes prints to stdout without end.
//! status: output_limit

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: aggregate

// REPLACES: app
/// The application: `GET /aggregate`, with `sources` as the router's state.
pub fn app(sources: Sources) -> Router {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: app
