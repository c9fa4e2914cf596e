//! Quiz (ex04): `buffered(3)` when the second of seven items is slow.
#[path = "quiz/measure.rs"]
mod measure;

use futures::stream::{self, StreamExt};
use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn process_item(seconds: f64) -> f64 {
    sleep(Duration::from_secs_f64(seconds)).await;
    seconds
}

async fn run() -> Vec<f64> {
    let items = [0.5, 1.5, 0.5, 0.5, 0.5, 0.5, 0.5];
    stream::iter(items.map(process_item))
        .buffered(3)
        .collect()
        .await
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
