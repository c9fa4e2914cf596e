//! Wrong answer: timed truncates the elapsed time to whole milliseconds (Duration::from_millis(elapsed.as_millis() as u64)).
//! caught-by: exercise::timed_reports_the_simulated_duration
//! cue: rounded or truncated

// REPLACES: timed
pub async fn timed<T>(future: impl Future<Output = T>) -> (T, Duration) {
    let start = tokio::time::Instant::now();
    let output = future.await;
    (output, std::time::Duration::from_millis(start.elapsed().as_millis() as u64))
}
// END: timed
