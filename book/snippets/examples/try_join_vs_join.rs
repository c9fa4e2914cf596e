//! try_join! stops at the first error; join! waits and keeps every Result.
use std::time::Duration;
use tokio::time::{Instant, sleep};

async fn load_profile() -> Result<&'static str, String> {
    sleep(Duration::from_millis(300)).await;
    Ok("홍길동")
}

async fn load_orders() -> Result<Vec<&'static str>, String> {
    sleep(Duration::from_millis(100)).await;
    Err("주문DB 연결 실패".to_string())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    match tokio::try_join!(load_profile(), load_orders()) {
        Ok((profile, orders)) => println!("성공: {profile} {orders:?}"),
        Err(e) => println!("try_join!: 에러: {e}"),
    }
    println!("  {:.1}초 만에 끝남", start.elapsed().as_secs_f64());

    let start = Instant::now();
    let (profile, orders) = tokio::join!(load_profile(), load_orders());
    println!("join!: {profile:?}, {orders:?}");
    println!("  {:.1}초 만에 끝남", start.elapsed().as_secs_f64());
}
