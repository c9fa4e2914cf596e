//! The same two calls, one after another and then at once.
use std::time::Duration;
use tokio::time::{Instant, sleep};

async fn fetch_users() -> Vec<&'static str> {
    sleep(Duration::from_millis(200)).await; // a 0.2 s API call
    vec!["홍길동", "김영희"]
}

async fn fetch_products() -> Vec<&'static str> {
    sleep(Duration::from_millis(200)).await;
    vec!["노트북", "마우스"]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    let users = fetch_users().await;
    let products = fetch_products().await;
    println!(
        "순차: {:.1}초 {users:?} {products:?}",
        start.elapsed().as_secs_f64()
    );

    let start = Instant::now();
    let (users, products) = tokio::join!(fetch_users(), fetch_products());
    println!(
        "동시: {:.1}초 {users:?} {products:?}",
        start.elapsed().as_secs_f64()
    );
}
