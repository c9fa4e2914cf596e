//! Wrong answer: batch_process collects the futures into a FuturesUnordered, so the results come back in the order the items finish.
//! caught-by: exercise::batch_process_keeps_the_input_order_when_items_finish_out_of_order, hidden::batch_process_has_every_item_in_flight_together
//! cue: FuturesUnordered

// REPLACES: batch_process
/// Processes every item at once and returns the results in the order of `ids`.
pub async fn batch_process(processor: &Processor, ids: &[u32]) -> Vec<Processed> {
    use futures::StreamExt;
    let pending: futures::stream::FuturesUnordered<_> =
        ids.iter().map(|&id| processor.process_item(id)).collect();
    pending.collect().await
}
// END: batch_process
