//! Misbehaviour: every function the learner writes spins in a loop that never awaits, so every
//! test hangs. The tests' own real-time deadline fails each one, with a message, long before the
//! grader's timeout.
//! On a loaded machine (a cold CI build beside it), the spinning threads can starve their own
//! deadline past the grader's budget: then the grader's timeout ends it. No points either way.
//! status: failed|timed_out

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    loop {
        std::hint::spin_loop();
    }
}
// END: aggregate

// REPLACES: app
/// The application: `GET /aggregate`, with `sources` as the router's state.
pub fn app(sources: Sources) -> Router {
    loop {
        std::hint::spin_loop();
    }
}
// END: app
