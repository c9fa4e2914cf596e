//! Wrong answer: batch_process_bounded uses buffer_unordered and then sorts the results by id, which is not the input order.
//! caught-by: exercise::bounded_keeps_the_input_order_when_items_finish_out_of_order, hidden::bounded_keeps_the_limit_over_a_hundred_items
//! cue: nor sorted by id

// REPLACES: batch_process_bounded
/// Processes the items with at most `limit` (at least 1) in flight at any moment, and returns the
/// results in the order of `ids`.
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    use futures::StreamExt;
    let mut results: Vec<Processed> = futures::stream::iter(ids)
        .map(|&id| processor.process_item(id))
        .buffer_unordered(limit)
        .collect()
        .await;
    results.sort_by_key(|r| r.id);
    results
}
// END: batch_process_bounded
