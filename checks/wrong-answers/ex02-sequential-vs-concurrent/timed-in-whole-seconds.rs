//! Wrong answer: timed returns the elapsed time in whole seconds, as `int(time.time() - start)` would, so 2.437 s becomes 2 s.
//! caught-by: exercise::timed_reports_the_simulated_duration
//! cue: rounded or truncated

// REPLACES: timed
/// Awaits `future` and returns its output with the time it took.
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    let start = Instant::now();
    let output = future.await;
    (output, Duration::from_secs(start.elapsed().as_secs()))
}
// END: timed
