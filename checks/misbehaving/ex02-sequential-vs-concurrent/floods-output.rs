//! Misbehaviour: every function the learner writes prints to stdout without end.
//! status: output_limit

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: sequential

// REPLACES: concurrent
/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: concurrent

// REPLACES: timed
/// Awaits `future` and returns its output with the time it took.
///
/// Measured with `tokio::time::Instant`, the runtime's clock: on the paused test clock it sees the
/// simulated seconds, where `std::time::Instant` (the real clock) would see about 0 s.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: timed
