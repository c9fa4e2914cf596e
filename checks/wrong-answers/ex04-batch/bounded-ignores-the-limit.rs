//! Wrong answer: batch_process_bounded starts every item at once with join_all and never uses limit.
//! caught-by: exercise::bounded_has_exactly_limit_items_in_flight, exercise::bounded_takes_two_seconds_for_ten_items_with_limit_three, exercise::bounded_with_limit_one_is_one_after_another, hidden::bounded_fills_each_free_place_at_once, hidden::bounded_keeps_the_limit_over_a_hundred_items
//! cue: the limit is ignored

// REPLACES: batch_process_bounded
/// Processes the items with at most `limit` (at least 1) in flight at any moment, and returns the
/// results in the order of `ids`.
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    let _ = limit;
    futures::future::join_all(ids.iter().map(|&id| processor.process_item(id))).await
}
// END: batch_process_bounded
