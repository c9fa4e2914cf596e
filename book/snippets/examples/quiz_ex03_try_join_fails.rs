//! Quiz (ex03): `try_join!` returns when the first call fails.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(seconds: f64, fails: bool) -> Result<f64, String> {
    sleep(Duration::from_secs_f64(seconds)).await;
    if fails {
        return Err("실패!".to_string());
    }
    Ok(seconds)
}

async fn run() -> Result<(f64, f64, f64), String> {
    tokio::try_join!(call(1.0, false), call(0.2, true), call(2.0, false))
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
