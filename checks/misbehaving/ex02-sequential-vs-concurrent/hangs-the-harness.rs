//! Attack: every function the learner writes hangs, and so does every panic (in a hook that never
//! returns), while a thread holds the process's stdout for good: the test harness can neither
//! record a failure nor report one. Only the grader's timeout ends it, once for the exercise's
//! whole suite.
//! status: timed_out

// REPLACES: sequential
/// ❌ The slow way, on purpose: each call starts only when the previous one has finished (3 s).
pub async fn sequential(timeline: &Timeline) -> (Users, Products, Orders) {
    hang_the_harness()
}

/// Hangs this thread and every panic to come, and holds stdout: nothing can be recorded.
fn hang_the_harness() -> ! {
    // A failing test runs the panic hook before the harness may record it: this one never
    // returns. The harness prints its report through stdout's lock: this thread keeps it.
    std::panic::set_hook(Box::new(|_| {
        loop {
            std::thread::park();
        }
    }));
    std::thread::spawn(|| {
        let _out = std::io::stdout().lock();
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
    hang_the_harness()
}
// END: concurrent

// REPLACES: timed
/// Awaits `future` and returns its output with the time it took.
///
/// Measured with `tokio::time::Instant`, the runtime's clock: on the paused test clock it sees the
/// simulated seconds, where `std::time::Instant` (the real clock) would see about 0 s.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    hang_the_harness()
}
// END: timed
