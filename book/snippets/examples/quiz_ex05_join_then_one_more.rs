//! Quiz (ex05): two sources joined, then a third awaited after them.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn fetch_from_source(name: &str, seconds: f64) -> String {
    sleep(Duration::from_secs_f64(seconds)).await;
    format!("{name}에서 가져온 데이터")
}

async fn run() -> (String, String, String) {
    let (users, products) = tokio::join!(
        fetch_from_source("사용자DB", 0.3),
        fetch_from_source("상품DB", 0.2),
    );
    let orders = fetch_from_source("주문DB", 0.4).await;
    (users, products, orders)
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
