//! Quiz (ex05): `try_join!` over the three sources when 사용자DB is down.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn fetch_from_source(
    name: &str,
    seconds: f64,
    down: bool,
) -> Result<String, String> {
    sleep(Duration::from_secs_f64(seconds)).await;
    if down {
        return Err(format!("{name}: 연결 실패"));
    }
    Ok(format!("{name}에서 가져온 데이터"))
}

async fn run() -> Result<(String, String, String), String> {
    tokio::try_join!(
        fetch_from_source("사용자DB", 0.3, true),
        fetch_from_source("상품DB", 0.2, false),
        fetch_from_source("주문DB", 0.4, false),
    )
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
