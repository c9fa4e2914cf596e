//! Wrong answer: batch_process_bounded waits for a free place with yield_now in a loop, which never lets the paused clock move, so no item ever ends.
//! caught-by: exercise::bounded_returns_every_item_in_input_order, exercise::bounded_takes_two_seconds_for_ten_items_with_limit_three
//! cue: yield_now in a loop

// REPLACES: batch_process_bounded
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    let running = std::sync::atomic::AtomicUsize::new(0);
    let running = &running;
    let items = ids.iter().map(|&id| async move {
        while running.fetch_add(1, Ordering::SeqCst) >= limit {
            running.fetch_sub(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
        }
        let processed = processor.process_item(id).await;
        running.fetch_sub(1, Ordering::SeqCst);
        processed
    });
    futures::future::join_all(items).await
}
// END: batch_process_bounded
