//! Wrong answer: batch_process_bounded joins chunks of limit items one chunk after another, so each chunk waits for its slowest item.
//! caught-by: exercise::bounded_starts_the_next_item_as_soon_as_one_finishes, hidden::bounded_fills_each_free_place_at_once
//! cue: chunks of

// REPLACES: batch_process_bounded
/// Processes the items with at most `limit` (at least 1) in flight at any moment, and returns the
/// results in the order of `ids`.
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    let mut results = Vec::new();
    for chunk in ids.chunks(limit) {
        let futures = chunk.iter().map(|&id| processor.process_item(id));
        results.extend(futures::future::join_all(futures).await);
    }
    results
}
// END: batch_process_bounded
