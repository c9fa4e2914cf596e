//! Misbehaviour: every function the learner writes prints to stdout without end.
//! status: output_limit

// REPLACES: batch_process
/// Processes every item at once and returns the results in the order of `ids`.
pub async fn batch_process(processor: &Processor, ids: &[u32]) -> Vec<Processed> {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
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
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: batch_process_bounded
