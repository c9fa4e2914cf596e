//! join! gives results in the order written; JoinSet, as they finish.
use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep};

async fn fetch_from_source(name: &'static str, millis: u64) -> &'static str {
    sleep(Duration::from_millis(millis)).await;
    name
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let all = tokio::join!(
        fetch_from_source("사용자DB", 300),
        fetch_from_source("상품DB", 200),
        fetch_from_source("주문DB", 400),
    );
    println!("join!: {all:?}");

    let start = Instant::now();
    let mut set = JoinSet::new();
    set.spawn(fetch_from_source("사용자DB", 300));
    set.spawn(fetch_from_source("상품DB", 200));
    set.spawn(fetch_from_source("주문DB", 400));
    while let Some(done) = set.join_next().await {
        let name = done.unwrap();
        println!("JoinSet: {:.1}초 {name}", start.elapsed().as_secs_f64());
    }
}
