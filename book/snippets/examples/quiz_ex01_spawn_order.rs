//! Quiz (ex01): what two spawned tasks print, and when their results come.
#[path = "quiz/measure.rs"]
mod measure;

use std::time::Duration;
use tokio::task::JoinError;
use tokio::time::sleep;

// ANCHOR: quiz
async fn call(name: &'static str, seconds: u64) -> &'static str {
    sleep(Duration::from_secs(seconds)).await;
    println!("{name} 끝");
    name
}

async fn run() -> Result<(), JoinError> {
    let users = tokio::spawn(call("사용자", 2));
    let products = tokio::spawn(call("상품", 1));
    println!("기다리기 시작");
    println!("{} 받음", users.await?);
    println!("{} 받음", products.await?);
    Ok(())
}
// ANCHOR_END: quiz

fn main() {
    measure::output(run());
}
