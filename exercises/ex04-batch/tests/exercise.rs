//! Tests for exercise 4. Run them with `cargo test -p ex04-batch`.
//! Time is paused (`start_paused = true`): a 0.5-second sleep takes no real time, and
//! `tokio::time::Instant` shows exactly how much simulated time passed.

use ex04_batch::{Processed, Processor, batch_process, batch_process_bounded};
use std::time::Duration;
use tokio::time::Instant;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// What processing `ids` must return: one result per id, in the same order.
fn expected(ids: &[u32]) -> Vec<Processed> {
    ids.iter()
        .map(|&id| Processed {
            id,
            result: format!("처리완료_{id}"),
        })
        .collect()
}

fn ids_of(results: &[Processed]) -> Vec<u32> {
    results.iter().map(|r| r.id).collect()
}

/// Four items that finish in the reverse of their input order when run all at once:
/// 1 after 0.25 s, 9 after 0.5 s, 3 after 0.75 s, 5 after 1 s.
fn finishing_out_of_order() -> (Processor, [u32; 4]) {
    let processor = Processor::new()
        .with_delay(5, ms(1000))
        .with_delay(3, ms(750))
        .with_delay(1, ms(250));
    (processor, [5, 3, 9, 1])
}

const TEN: [u32; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

#[tokio::test(start_paused = true)]
async fn batch_process_returns_every_item_in_input_order() {
    let processor = Processor::new();
    let results = batch_process(&processor, &TEN).await;
    assert_eq!(results, expected(&TEN));
}

#[tokio::test(start_paused = true)]
async fn batch_process_takes_half_a_second_for_ten_items() {
    let processor = Processor::new();
    let start = Instant::now();
    batch_process(&processor, &TEN).await;
    let took = start.elapsed();
    assert_eq!(
        took,
        ms(500),
        "batch_process took {:.1} s of simulated time for 10 items, expected 0.5 s. \
         If it took 5.0 s, the items are awaited one after another: \
         pass all the futures to futures::future::join_all.",
        secs(took)
    );
}

#[tokio::test(start_paused = true)]
async fn batch_process_keeps_the_input_order_when_items_finish_out_of_order() {
    let (processor, ids) = finishing_out_of_order();
    let results = batch_process(&processor, &ids).await;
    assert_eq!(
        ids_of(&results),
        ids,
        "the items finish in the order 1, 9, 3, 5, but the results must follow the input \
         [5, 3, 9, 1]: join_all keeps the input order, FuturesUnordered does not"
    );
    assert_eq!(results, expected(&ids));
}

#[tokio::test(start_paused = true)]
async fn batch_process_of_no_items_is_empty_and_immediate() {
    let processor = Processor::new();
    let start = Instant::now();
    let results = batch_process(&processor, &[]).await;
    assert_eq!(results, [], "no ids, no results");
    assert_eq!(start.elapsed(), Duration::ZERO, "no ids, no waiting");
}

#[tokio::test(start_paused = true)]
async fn bounded_returns_every_item_in_input_order() {
    let processor = Processor::new();
    let results = batch_process_bounded(&processor, &TEN, 3).await;
    assert_eq!(results, expected(&TEN));
}

#[tokio::test(start_paused = true)]
async fn bounded_takes_two_seconds_for_ten_items_with_limit_three() {
    let processor = Processor::new();
    let start = Instant::now();
    batch_process_bounded(&processor, &TEN, 3).await;
    let took = start.elapsed();
    assert_eq!(
        took,
        ms(2000),
        "10 items, 3 at a time, took {:.1} s of simulated time, expected 2.0 s \
         (3 + 3 + 3 + 1 items, 0.5 s each round). 0.5 s means the limit is ignored; \
         5.0 s means one item at a time.",
        secs(took)
    );
}

#[tokio::test(start_paused = true)]
async fn bounded_has_exactly_limit_items_in_flight() {
    let processor = Processor::new();
    batch_process_bounded(&processor, &TEN, 3).await;
    let max = processor.max_in_flight();
    assert_eq!(
        max, 3,
        "with limit 3, up to {max} items were in flight at once, expected exactly 3. \
         More than 3: the limit is not applied (with a Semaphore, keep the permit alive while \
         the item runs: `let _permit = ...`, not `let _ = ...`, which drops it at once). \
         Fewer: the limit is not used in full."
    );
}

#[tokio::test(start_paused = true)]
async fn bounded_keeps_the_input_order_when_items_finish_out_of_order() {
    let (processor, ids) = finishing_out_of_order();
    let results = batch_process_bounded(&processor, &ids, 2).await;
    assert_eq!(
        ids_of(&results),
        ids,
        "the results must follow the input order [5, 3, 9, 1], not the order the items \
         finish in (nor sorted by id): use .buffered(limit), not .buffer_unordered(limit) \
         (or a Semaphore with join_all, which keeps the input order)"
    );
    assert_eq!(results, expected(&ids));
}

#[tokio::test(start_paused = true)]
async fn bounded_starts_the_next_item_as_soon_as_one_finishes() {
    // Limit 2: items 1 and 2 start at 0 s. Item 1 finishes at 0.5 s, so item 3 starts
    // then and finishes at 1.0 s, together with the slow item 2.
    let processor = Processor::new().with_delay(2, ms(1000));
    let start = Instant::now();
    let results = batch_process_bounded(&processor, &[1, 2, 3], 2).await;
    let took = start.elapsed();
    assert_eq!(results, expected(&[1, 2, 3]));
    assert_eq!(
        took,
        ms(1000),
        "[1, 2, 3] with limit 2 (item 2 takes 1.0 s, the others 0.5 s) took {:.1} s, expected \
         1.0 s: item 3 should start at 0.5 s, when item 1 frees its place. 1.5 s means the items \
         run in chunks of `limit`, each chunk waiting for its slowest item: \
         let a new item start as soon as one finishes (.buffered(limit) and a Semaphore both do).",
        secs(took)
    );
}

#[tokio::test(start_paused = true)]
async fn bounded_with_limit_one_is_one_after_another() {
    let processor = Processor::new();
    let start = Instant::now();
    let results = batch_process_bounded(&processor, &TEN, 1).await;
    let took = start.elapsed();
    assert_eq!(results, expected(&TEN));
    assert_eq!(
        (took, processor.max_in_flight()),
        (ms(5000), 1),
        "limit 1 means one item at a time: 10 × 0.5 s = 5.0 s with 1 in flight; \
         it took {:.1} s with up to {} in flight",
        secs(took),
        processor.max_in_flight()
    );
}

#[tokio::test(start_paused = true)]
async fn bounded_of_no_items_is_empty_and_immediate() {
    let processor = Processor::new();
    let start = Instant::now();
    let results = batch_process_bounded(&processor, &[], 3).await;
    assert_eq!(results, [], "no ids, no results");
    assert_eq!(start.elapsed(), Duration::ZERO, "no ids, no waiting");
}
