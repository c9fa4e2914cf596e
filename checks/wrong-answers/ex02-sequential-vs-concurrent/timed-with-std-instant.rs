//! Wrong answer: timed measures with std::time::Instant, like Python's time.time(), so the paused clock reads almost 0 s.
//! caught-by: exercise::timed_passes_the_output_through, exercise::timed_reports_the_simulated_duration, hidden::timed_measures_both_versions
//! cue: std::time::Instant

// REPLACES: timed
/// Awaits `future` and returns its output with the time it took.
///
/// Measured with `tokio::time::Instant`, the runtime's clock: on the paused test clock it sees the
/// simulated seconds, where `std::time::Instant` (the real clock) would see about 0 s.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    let start = std::time::Instant::now();
    let output = future.await;
    (output, start.elapsed())
}
// END: timed
