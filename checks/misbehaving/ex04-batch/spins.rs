//! Misbehaviour: every function the learner writes spins in a loop that never awaits, so every
//! test hangs. The tests' own real-time deadline fails each one, with a message, long before the
//! grader's timeout.
//! On a loaded machine (a cold CI build beside it), the spinning threads can starve their own
//! deadline past the grader's budget: then the grader's timeout ends it. No points either way.
//! status: failed|timed_out

// REPLACES: batch_process
/// Processes every item at once and returns the results in the order of `ids`.
pub async fn batch_process(processor: &Processor, ids: &[u32]) -> Vec<Processed> {
    loop {
        std::hint::spin_loop();
    }
}
// END: batch_process

// REPLACES: batch_process_bounded
/// Processes the items with at most `limit` (at least 1) in flight at any moment, and returns the
/// results in the order of `ids`.
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    loop {
        std::hint::spin_loop();
    }
}
// END: batch_process_bounded
