//! Quiz (ex04): seven 1-second items through a `Semaphore` of three permits.
#[path = "quiz/measure.rs"]
mod measure;

use futures::future::join_all;
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::sleep;

// ANCHOR: quiz
async fn process_item(id: u32) -> u32 {
    sleep(Duration::from_secs(1)).await;
    id
}

async fn run() -> Vec<u32> {
    let permits = &Semaphore::new(3);
    join_all((1..=7).map(|id| async move {
        let _permit = permits.acquire().await.expect("never closed");
        process_item(id).await
    }))
    .await
}
// ANCHOR_END: quiz

fn main() {
    measure::time(run());
}
