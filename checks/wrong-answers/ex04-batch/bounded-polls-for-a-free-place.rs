//! Wrong answer: batch_process_bounded counts the items in flight itself and, while the window is full, checks again every 10 ms.
//! caught-by: exercise::bounded_keeps_the_window_full_at_any_time
//! cue: now and then

// REPLACES: batch_process_bounded
pub async fn batch_process_bounded(
    processor: &Processor,
    ids: &[u32],
    limit: usize,
) -> Vec<Processed> {
    let running = std::sync::atomic::AtomicUsize::new(0);
    let running = &running;
    let items = ids.iter().map(|&id| async move {
        loop {
            let now = running.load(Ordering::SeqCst);
            if now < limit
                && running
                    .compare_exchange(now, now + 1, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
            {
                break;
            }
            sleep(Duration::from_millis(10)).await;
        }
        let processed = processor.process_item(id).await;
        running.fetch_sub(1, Ordering::SeqCst);
        processed
    });
    futures::future::join_all(items).await
}
// END: batch_process_bounded
