//! Quiz (ex04): the order of the results of `buffered` and `buffer_unordered`.
#[path = "quiz/measure.rs"]
mod measure;

use futures::stream::{self, StreamExt};
use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: quiz
async fn fetch_from_source(name: &'static str, millis: u64) -> &'static str {
    sleep(Duration::from_millis(millis)).await;
    name
}

async fn run() {
    let sources = [("사용자DB", 300), ("상품DB", 200), ("주문DB", 400)];
    let fetches =
        || stream::iter(sources).map(|(name, ms)| fetch_from_source(name, ms));
    let in_order: Vec<_> = fetches().buffered(3).collect().await;
    println!("buffered: {in_order:?}");
    let as_done: Vec<_> = fetches().buffer_unordered(3).collect().await;
    println!("buffer_unordered: {as_done:?}");
}
// ANCHOR_END: quiz

fn main() {
    measure::output(run());
}
