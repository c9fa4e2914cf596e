//! Quiz (ex02): what `join!` prints, and in what order.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(name: &str, seconds: u64) -> &str {
    println!("{name} 시작");
    sleep(Duration::from_secs(seconds)).await;
    println!("{name} 끝");
    name
}

async fn run() {
    let (a, b) = tokio::join!(call("사용자", 2), call("상품", 1));
    println!("{a}, {b}");
}
// ANCHOR_END: quiz

fn main() {
    measure::output(run());
}
