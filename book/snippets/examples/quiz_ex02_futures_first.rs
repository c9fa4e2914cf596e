//! Quiz (ex02): the futures are made first, then awaited one by one.
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
    let a = call(1);
    let b = call(2);
    let c = call(3);
    a.await + b.await + c.await
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
