//! Quiz (external-apis): calling an `async fn` only makes a future.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn fetch_users() -> Vec<&'static str> {
    println!("사용자 DB 호출");
    sleep(Duration::from_secs(1)).await;
    vec!["홍길동", "김영희"]
}

async fn run() {
    let users = fetch_users();
    println!("주문 확인");
    let users = users.await;
    println!("{users:?}");
}
// ANCHOR_END: quiz

fn main() {
    measure::output(run());
}
