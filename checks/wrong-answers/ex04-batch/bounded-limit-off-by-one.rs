//! Wrong answer: batch_process_bounded passes limit + 1 to buffered, as if the limit counted the places besides the first.
//! caught-by: exercise::bounded_has_exactly_limit_items_in_flight, exercise::bounded_takes_two_seconds_for_ten_items_with_limit_three, exercise::bounded_with_limit_one_is_one_after_another
//! cue: off by one

// REPLACES: batch_process_bounded
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    use futures::StreamExt;
    futures::stream::iter(ids)
        .map(|&id| processor.process_item(id))
        .buffered(limit + 1)
        .collect()
        .await
}
// END: batch_process_bounded
