//! Hidden tests for exercise 4 (instructor only).

use ex04_batch::{Processor, batch_process, batch_process_bounded};
use std::time::Duration;
use test_support::clock::on_paused_clock;
use tokio::time::Instant;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn results_serialise_like_the_lesson() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let results = batch_process(&processor, &[1, 2]).await;
        assert_eq!(
            serde_json::to_value(&results).unwrap(),
            serde_json::json!([
                {"id": 1, "result": "처리완료_1"},
                {"id": 2, "result": "처리완료_2"},
            ])
        );
    });
}

#[test]
fn batch_process_has_every_item_in_flight_together() {
    on_paused_clock(async || {
        // Items 1 to 5 take 1 s, so they finish last; the results still follow the input.
        let processor = (1..=5).fold(Processor::new(), |p, id| p.with_delay(id, ms(1000)));
        let ids: Vec<u32> = (1..=25).collect();
        let start = Instant::now();
        let results = batch_process(&processor, &ids).await;
        let got: Vec<u32> = results.iter().map(|r| r.id).collect();
        assert_eq!(got, ids, "results in input order, 1 to 25");
        assert_eq!(
            (start.elapsed(), processor.max_in_flight()),
            (ms(1000), 25),
            "25 items all at once: the slowest (1.0 s) sets the total, 25 in flight"
        );
    });
}

#[test]
fn bounded_keeps_the_limit_over_a_hundred_items() {
    on_paused_clock(async || {
        let processor = Processor::new();
        let ids: Vec<u32> = (1..=100).rev().collect();
        let start = Instant::now();
        let results = batch_process_bounded(&processor, &ids, 7).await;
        let got: Vec<u32> = results.iter().map(|r| r.id).collect();
        assert_eq!(got, ids, "results in input order (100 down to 1)");
        assert_eq!(
            (start.elapsed(), processor.max_in_flight()),
            (ms(7500), 7),
            "100 items, 7 at a time: 15 rounds of 0.5 s = 7.5 s, 7 in flight"
        );
    });
}

#[test]
fn bounded_fills_each_free_place_at_once() {
    on_paused_clock(async || {
        // Limit 3: 1 (0.5 s), 2 (1.0 s), 3 (1.5 s) start at 0 s; 4 takes 1's place at 0.5 s,
        // 5 takes 2's (or 4's) at 1.0 s; everything ends at 1.5 s. Chunks of 3 would take 2.0 s.
        let processor = Processor::new()
            .with_delay(2, ms(1000))
            .with_delay(3, ms(1500));
        let start = Instant::now();
        let results = batch_process_bounded(&processor, &[1, 2, 3, 4, 5], 3).await;
        let got: Vec<u32> = results.iter().map(|r| r.id).collect();
        assert_eq!(got, [1, 2, 3, 4, 5]);
        assert_eq!(
            (start.elapsed(), processor.max_in_flight()),
            (ms(1500), 3),
            "a sliding window of 3 finishes at 1.5 s; chunks of 3 would take 2.0 s"
        );
    });
}
