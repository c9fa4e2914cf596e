//! Quiz (ex01): spawned tasks run on their own, awaited or not.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(seconds: u64) -> u64 {
    sleep(Duration::from_secs(seconds)).await;
    seconds
}

async fn run() -> Result<u64, JoinError> {
    let a = tokio::spawn(call(2));
    sleep(Duration::from_secs(1)).await;
    let b = tokio::spawn(call(1));
    Ok(a.await? + b.await?)
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
