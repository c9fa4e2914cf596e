//! Quiz (ex02): three calls awaited one after another.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(seconds: u64) -> u64 {
    sleep(Duration::from_secs(seconds)).await;
    seconds
}

async fn run() -> u64 {
    let a = call(1).await;
    let b = call(2).await;
    let c = call(3).await;
    a + b + c
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
