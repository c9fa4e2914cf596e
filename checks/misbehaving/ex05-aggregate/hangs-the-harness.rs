//! Attack: every function the learner writes hangs, holding the process's stdout and stderr for
//! good, so the test harness can neither print a failure nor report one: only the grader's timeout
//! ends it, once for the exercise's whole suite.
//! status: timed_out

// REPLACES: aggregate
/// `GET /aggregate`: fetches the three sources concurrently and reports how long it took.
pub async fn aggregate(State(sources): State<Sources>) -> Result<Json<Aggregate>, AppError> {
    // The harness writes its report and every panic message through these two locks.
    std::thread::spawn(|| {
        let _out = std::io::stdout().lock();
        let _err = std::io::stderr().lock();
        loop {
            std::thread::park();
        }
    });
    loop {
        std::thread::park();
    }
}
// END: aggregate

// REPLACES: app
/// The application: `GET /aggregate`, with `sources` as the router's state.
pub fn app(sources: Sources) -> Router {
    // The harness writes its report and every panic message through these two locks.
    std::thread::spawn(|| {
        let _out = std::io::stdout().lock();
        let _err = std::io::stderr().lock();
        loop {
            std::thread::park();
        }
    });
    loop {
        std::thread::park();
    }
}
// END: app
