//! Misbehaviour: every function the learner writes spins in a loop that never awaits, so every
//! test hangs. The tests' own real-time deadline fails each one, with a message, long before the
//! grader's timeout.
//! On a loaded machine (a cold CI build beside it), the spinning threads can starve their own
//! deadline past the grader's budget: then the grader's timeout ends it. No points either way.
//! status: failed|timed_out

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    loop {
        std::hint::spin_loop();
    }
}
// END: sequential

// REPLACES: concurrent
/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
    loop {
        std::hint::spin_loop();
    }
}
// END: concurrent

// REPLACES: timed
/// Awaits `future` and returns its output with the time it took.
///
/// Measured with `tokio::time::Instant`, the runtime's clock: on the paused test clock it sees the
/// simulated seconds, where `std::time::Instant` (the real clock) would see about 0 s.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    loop {
        std::hint::spin_loop();
    }
}
// END: timed
