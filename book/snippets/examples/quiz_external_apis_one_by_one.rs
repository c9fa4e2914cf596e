//! Quiz (external-apis): three services called one after another.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(service: &str, seconds: f64) -> String {
    sleep(Duration::from_secs_f64(seconds)).await;
    format!("{service} 응답")
}

async fn run() -> Vec<String> {
    let users = call("사용자 DB", 1.0).await;
    let products = call("상품 DB", 1.0).await;
    let payment = call("결제 서비스", 0.5).await;
    vec![users, products, payment]
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
