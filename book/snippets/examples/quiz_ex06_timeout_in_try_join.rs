//! Quiz (ex06): three requests with a 1-second timeout each, one server never answers in time.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::{sleep, timeout};

// ANCHOR: quiz
async fn get(path: &str, seconds: f64) -> &str {
    sleep(Duration::from_secs_f64(seconds)).await;
    path
}

async fn get_with_timeout(path: &str, seconds: f64) -> Result<&str, String> {
    timeout(Duration::from_secs(1), get(path, seconds))
        .await
        .map_err(|_| format!("{path}: 시간 초과"))
}

async fn run() -> Result<(&'static str, &'static str, &'static str), String> {
    tokio::try_join!(
        get_with_timeout("/users", 0.2),
        get_with_timeout("/products", 5.0),
        get_with_timeout("/orders", 0.3),
    )
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
