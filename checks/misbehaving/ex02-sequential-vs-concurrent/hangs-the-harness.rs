//! Attack: every function the learner writes hangs, holding the process's stdout and stderr for
//! good, so the test harness can neither print a failure nor report one: only the grader's timeout
//! ends it, once for the exercise's whole suite.
//! status: timed_out

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
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
// END: sequential

// REPLACES: concurrent
/// ✅ The three calls at once: the slowest one sets the total (1 s).
pub async fn concurrent(timeline: &Timeline) -> (Users, Products, Orders) {
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
// END: concurrent

// REPLACES: timed
/// Awaits `future` and returns its output with the time it took.
///
/// Measured with `tokio::time::Instant`, the runtime's clock: on the paused test clock it sees the
/// simulated seconds, where `std::time::Instant` (the real clock) would see about 0 s.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
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
// END: timed
