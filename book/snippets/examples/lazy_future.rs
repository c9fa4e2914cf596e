//! A future does nothing until it is awaited. A spawned task starts on its own.
use std::time::Duration;
use tokio::time::sleep;

async fn fetch_users() -> Vec<&'static str> {
    println!("  fetch_users 시작");
    sleep(Duration::from_millis(100)).await; // a 0.1 s API call
    vec!["홍길동", "김영희"]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let users = fetch_users(); // a future: nothing runs yet
    println!("future를 만들었습니다");
    println!("결과: {:?}", users.await); // it runs now

    let task = tokio::spawn(fetch_users()); // a task: runs on its own...
    sleep(Duration::from_millis(10)).await; // ...as soon as main steps aside
    println!("태스크를 만들었습니다");
    println!("결과: {:?}", task.await.unwrap());
}
