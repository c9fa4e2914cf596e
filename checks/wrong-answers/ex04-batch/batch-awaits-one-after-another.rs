//! Wrong answer: batch_process awaits each item in a for loop before starting the next, as a synchronous loop would.
//! caught-by: exercise::batch_process_takes_half_a_second_for_ten_items, hidden::batch_process_has_every_item_in_flight_together
//! cue: one after another

// REPLACES: batch_process
/// Processes every item at once and returns the results in the order of `ids`.
pub async fn batch_process(processor: &Processor, ids: &[u32]) -> Vec<Processed> {
    let mut results = Vec::new();
    for &id in ids {
        results.push(processor.process_item(id).await);
    }
    results
}
// END: batch_process
