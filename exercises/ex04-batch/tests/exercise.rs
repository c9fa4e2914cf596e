//! Tests for exercise 4. Run them with `cargo test -p ex04-batch`.
//! Time is paused: a 0.5-second sleep takes no real time, and `tokio::time::Instant` shows
//! exactly how much simulated time passed. Some tests give items other delays than 0.5 s.

use ex04_batch::{Processed, Processor, batch_process, batch_process_bounded};
use std::time::Duration;
use test_support::clock::on_paused_clock;
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

#[test]
fn batch_process_returns_every_item_in_input_order() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let results = batch_process(&processor, &TEN).await;
        assert_eq!(results, expected(&TEN));
    });
}

#[test]
fn batch_process_takes_half_a_second_for_ten_items() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let start = Instant::now();
        batch_process(&processor, &TEN).await;
        let took = start.elapsed();
        let why = if took.is_zero() {
            "no simulated time passed: are the results made by hand instead of awaited from \
             process_item? (A thread-level wait, such as block_on, also stops the clock.)"
        } else if took == ms(5000) {
            "10 × 0.5 s: the items are awaited one after another."
        } else {
            "some items waited for others."
        };
        assert_eq!(
            took,
            ms(500),
            "batch_process took {:.3} s of simulated time for 10 items, expected 0.500 s: {why} \
             Pass all the futures to futures::future::join_all.",
            secs(took)
        );
    });
}

#[test]
fn batch_process_processes_each_item_once() {
    on_paused_clock(async || {
        let processor = Processor::new().with_delay(4, ms(1370));
        let ids = [8, 4, 6];
        let start = Instant::now();
        batch_process(&processor, &ids).await;
        let took = start.elapsed();
        assert_eq!(
            (processor.started(), took),
            (ids.to_vec(), ms(1370)),
            "for ids [8, 4, 6] (item 4 takes 1.370 s), process_item should be called once per \
             id, in the order of the ids, all at once: 1.370 s. It was called for {:?} and took \
             {:.3} s. Call processor.process_item(id) for each id, and nothing else.",
            processor.started(),
            secs(took)
        );
    });
}

#[test]
fn batch_process_keeps_the_input_order_when_items_finish_out_of_order() {
    on_paused_clock(async || {
        let (processor, ids) = finishing_out_of_order();
        let results = batch_process(&processor, &ids).await;
        assert_eq!(
            ids_of(&results),
            ids,
            "the items finish in the order 1, 9, 3, 5, but the results must follow the input \
             [5, 3, 9, 1]: join_all keeps the input order, FuturesUnordered does not"
        );
        assert_eq!(results, expected(&ids));
    });
}

#[test]
fn batch_process_of_no_items_is_empty_and_immediate() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let start = Instant::now();
        let results = batch_process(&processor, &[]).await;
        assert_eq!(results, [], "no ids, no results");
        assert_eq!(start.elapsed(), Duration::ZERO, "no ids, no waiting");
    });
}

#[test]
fn bounded_returns_every_item_in_input_order() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let results = batch_process_bounded(&processor, &TEN, 3).await;
        assert_eq!(results, expected(&TEN));
    });
}

#[test]
fn bounded_takes_two_seconds_for_ten_items_with_limit_three() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let start = Instant::now();
        batch_process_bounded(&processor, &TEN, 3).await;
        let took = start.elapsed();
        let why = match took.as_millis() {
            0 => "no simulated time passed: are the results made by hand instead of awaited?",
            500 => "all 10 at once: the limit is ignored.",
            5000 => "one item at a time: the limit is not used.",
            _ => "with 3 in flight at every moment, 10 items take 4 rounds of 0.5 s.",
        };
        assert_eq!(
            took,
            ms(2000),
            "10 items, 3 at a time, took {:.3} s of simulated time, expected 2.000 s \
             (3 + 3 + 3 + 1 items, 0.5 s each round): {why}",
            secs(took)
        );
    });
}

#[test]
fn bounded_has_exactly_limit_items_in_flight() {
    on_paused_clock(async || {
        let processor = Processor::new();
        batch_process_bounded(&processor, &TEN, 3).await;
        let max = processor.max_in_flight();
        let why = match max {
            10 => {
                "all 10 at once: nothing held them back. With .buffered, pass it the limit. \
                   With a Semaphore: one semaphore shared by every item, a permit acquired before \
                   process_item starts and kept until it ends (`let _permit = ...` keeps it, \
                   `let _ = ...` drops it at once)."
            }
            4..=9 => {
                "more than the limit, but not all: is the limit off by one, or are the \
                      permits or places more than `limit`?"
            }
            0 => "process_item was never called.",
            _ => {
                "fewer than the limit: the limit is not used in full (off by one, or one \
                  item at a time?)."
            }
        };
        assert_eq!(
            max, 3,
            "with limit 3, up to {max} items were in flight at once, expected exactly 3: {why}"
        );
    });
}

#[test]
fn bounded_keeps_the_input_order_when_items_finish_out_of_order() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn bounded_starts_the_next_item_as_soon_as_one_finishes() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn bounded_with_limit_one_is_one_after_another() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn bounded_of_no_items_is_empty_and_immediate() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let start = Instant::now();
        let results = batch_process_bounded(&processor, &[], 3).await;
        assert_eq!(results, [], "no ids, no results");
        assert_eq!(start.elapsed(), Duration::ZERO, "no ids, no waiting");
    });
}

/// Seven items whose delays are off the 0.1 s grid, chosen so that with a window of 3 they also
/// finish in input order: 0.233, 0.415, 0.671 s, then items 4 to 7 start as 1, 2, 3 and 4 end.
fn seven_off_the_grid() -> (Processor, [u32; 7]) {
    let delays = [233, 415, 671, 522, 371, 193, 337];
    let processor = (1..)
        .zip(delays)
        .fold(Processor::new(), |p, (id, d)| p.with_delay(id, ms(d)));
    (processor, [1, 2, 3, 4, 5, 6, 7])
}

#[test]
fn bounded_keeps_the_window_full_at_any_time() {
    on_paused_clock(async || {
        let (processor, ids) = seven_off_the_grid();
        let start = Instant::now();
        let results = batch_process_bounded(&processor, &ids, 3).await;
        let took = start.elapsed();
        assert_eq!(results, expected(&ids));
        let why = if took == ms(1530) {
            "that is chunks of 3, each waiting for its slowest item: let a new item start as \
             soon as one finishes (.buffered(limit) and a Semaphore both do)."
        } else if took > ms(1092) && took < ms(1530) {
            "a little late, so something looks for a free place now and then (a loop with \
             sleep): wait for the place itself, with .buffered(limit) or a Semaphore's permit."
        } else {
            "with limit 3, item 4 starts when item 1 ends (0.233 s), item 5 when item 2 ends, \
             and so on."
        };
        assert_eq!(
            took,
            ms(1092),
            "items of 0.233, 0.415, 0.671, 0.522, 0.371, 0.193 and 0.337 s, 3 at a time, took \
             {:.3} s, expected 1.092 s: {why}",
            secs(took)
        );
        assert_eq!(
            (processor.started(), processor.max_in_flight()),
            (ids.to_vec(), 3),
            "each item should be processed once, in input order, with 3 in flight at most"
        );
    });
}
