//! Wrong answer: batch_process sleeps 0.5 s once and builds the results itself instead of calling process_item.
//! caught-by: exercise::batch_process_processes_each_item_once, hidden::batch_process_has_every_item_in_flight_together
//! cue: call processor.process_item(id) for each id

// REPLACES: batch_process
pub async fn batch_process(processor: &Processor, ids: &[u32]) -> Vec<Processed> {
    let _ = processor;
    if !ids.is_empty() {
        sleep(Duration::from_millis(500)).await;
    }
    ids.iter()
        .map(|&id| Processed {
            id,
            result: format!("처리완료_{id}"),
        })
        .collect()
}
// END: batch_process
