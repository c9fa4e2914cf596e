//! Wrong answer: batch_process_bounded uses buffer_unordered, so the results come back in the order the items finish.
//! caught-by: exercise::bounded_keeps_the_input_order_when_items_finish_out_of_order, hidden::bounded_fills_each_free_place_at_once
//! cue: not .buffer_unordered(limit)

// REPLACES: batch_process_bounded
/// Processes the items with at most `limit` (at least 1) in flight at any moment, and returns the
/// results in the order of `ids`.
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    use futures::StreamExt;
    futures::stream::iter(ids)
        .map(|&id| processor.process_item(id))
        .buffer_unordered(limit) // up to `limit` running
        .collect()
        .await
}
// END: batch_process_bounded
