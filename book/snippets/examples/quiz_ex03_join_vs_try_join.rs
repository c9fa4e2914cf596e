//! Quiz (ex03): what `join!` and `try_join!` give back when one call fails.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn load_profile() -> Result<&'static str, String> {
    sleep(Duration::from_millis(300)).await;
    Ok("홍길동")
}

async fn load_orders() -> Result<&'static str, String> {
    sleep(Duration::from_millis(100)).await;
    Err("주문DB 연결 실패".to_string())
}

async fn run() {
    let all = tokio::join!(load_profile(), load_orders());
    println!("{all:?}");
    let first = tokio::try_join!(load_profile(), load_orders());
    println!("{first:?}");
}
// ANCHOR_END: quiz

fn main() {
    measure::output(run());
}
