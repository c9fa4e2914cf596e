//! Quiz (ex01): three calls of different lengths in one `join!`.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(seconds: f64) -> f64 {
    sleep(Duration::from_secs_f64(seconds)).await;
    seconds
}

async fn run() -> (f64, f64, f64) {
    tokio::join!(call(1.0), call(2.0), call(1.5))
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
