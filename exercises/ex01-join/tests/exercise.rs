//! Tests for exercise 1. Run them with `cargo test -p ex01-join`.
//! Time is paused (`start_paused = true`): a 1-second sleep takes no real time, and
//! `tokio::time::Instant` shows exactly how much simulated time passed.

use ex01_join::{Orders, Products, Users, fetch_all};
use std::time::Duration;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn returns_every_result_in_order() {
    let (users, products, orders) = fetch_all().await;
    assert_eq!(
        users,
        Users {
            users: vec!["홍길동".into(), "김영희".into()]
        }
    );
    assert_eq!(
        products,
        Products {
            products: vec!["노트북".into(), "마우스".into()]
        }
    );
    assert_eq!(
        orders,
        Orders {
            orders: vec!["주문1".into(), "주문2".into()]
        }
    );
}

#[tokio::test(start_paused = true)]
async fn takes_one_second_not_three() {
    let start = Instant::now();
    fetch_all().await;
    let took = start.elapsed();
    assert_eq!(
        took,
        Duration::from_secs(1),
        "fetch_all took {:.1} s of simulated time, expected 1.0 s. \
         If it took 3.0 s, the calls are awaited one after another: start all three with tokio::join!.",
        took.as_secs_f64()
    );
}
