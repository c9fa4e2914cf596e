//! Quiz (ex03): `try_join!` drops the sibling that has not finished.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn load_orders() -> Result<(), String> {
    sleep(Duration::from_millis(100)).await;
    Err("주문DB 연결 실패".to_string())
}

async fn record_visit() -> Result<(), String> {
    sleep(Duration::from_secs(1)).await;
    println!("방문 기록");
    Ok(())
}

async fn run() {
    let result = tokio::try_join!(load_orders(), record_visit());
    println!("{result:?}");
    sleep(Duration::from_secs(5)).await;
    println!("끝");
}
// ANCHOR_END: quiz

fn main() {
    measure::output(run());
}
