//! Wrong answer: batch_process_bounded calls forget() on each Semaphore permit, so no place is ever given back and the fourth item waits forever.
//! caught-by: exercise::bounded_returns_every_item_in_input_order, exercise::bounded_takes_two_seconds_for_ten_items_with_limit_three
//! cue: waiting for itself

// REPLACES: batch_process_bounded
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    let semaphore = tokio::sync::Semaphore::new(limit);
    let semaphore = &semaphore;
    let items = ids.iter().map(|&id| async move {
        semaphore.acquire().await.unwrap().forget();
        processor.process_item(id).await
    });
    futures::future::join_all(items).await
}
// END: batch_process_bounded
