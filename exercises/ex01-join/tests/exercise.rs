//! Tests for exercise 1. Run them with `cargo test -p ex01-join`.
//! Time is paused: a 1-second sleep takes no real time, and `tokio::time::Instant` shows exactly
//! how much simulated time passed. Some tests give the three calls other delays than 1 s.

use ex01_join::{Orders, Products, Users, calls, fetch_all};
use std::time::Duration;
use test_support::clock::on_paused_clock;
use tokio::time::Instant;

const CALLS: [&str; 3] = ["fetch_users", "fetch_products", "fetch_orders"];

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Gives the three calls these delays, in the order users, products, orders.
fn set_delays(delays: [Duration; 3]) {
    for (name, delay) in CALLS.into_iter().zip(delays) {
        calls::set_delay(name, delay);
    }
}

/// Why `fetch_all` took `took`, when the calls take `delays`: the likely mistake, in words.
fn why(took: Duration, delays: [Duration; 3]) -> String {
    let sum: Duration = delays.iter().sum();
    let made = calls::made();
    if took.is_zero() {
        format!(
            "no simulated time passed, so the calls did not wait on this runtime's clock (calls \
             made here: {made:?}). Await the given functions; a thread-level wait \
             (std::thread::sleep, thread::join, block_on, a runtime of your own) blocks the \
             thread instead."
        )
    } else if took == sum {
        "that is the sum of the three: the calls are awaited one after another. Creating the \
         futures first and awaiting them in turn is still one after another: pass all three to \
         tokio::join!."
            .into()
    } else if took == Duration::from_secs(1) && delays.iter().all(|d| *d < took) {
        "exactly 1 s, though every call is shorter: is there a 1-second sleep of your own? \
         Wait for the calls themselves, with tokio::join!."
            .into()
    } else if took > delays.into_iter().max().unwrap_or_default() {
        "that is longer than the slowest call, so some calls wait for others: pass all three \
         to the one tokio::join!."
            .into()
    } else {
        "that is shorter than the slowest call, so fetch_all did not wait for every call: \
         return what tokio::join! gives back."
            .into()
    }
}

fn expected() -> (Users, Products, Orders) {
    (
        Users {
            users: vec!["홍길동".into(), "김영희".into()],
        },
        Products {
            products: vec!["노트북".into(), "마우스".into()],
        },
        Orders {
            orders: vec!["주문1".into(), "주문2".into()],
        },
    )
}

#[test]
fn returns_every_result_in_order() {
    on_paused_clock(async || {
        let (users, products, orders) = fetch_all().await;
        let (expected_users, expected_products, expected_orders) = expected();
        let order = "fetch_all should return what fetch_users, fetch_products and fetch_orders \
                     return, in that order";
        assert_eq!(users, expected_users, "{order}");
        assert_eq!(products, expected_products, "{order}");
        assert_eq!(orders, expected_orders, "{order}");
    });
}

#[test]
fn takes_one_second_not_three() {
    on_paused_clock(async || {
        let start = Instant::now();
        fetch_all().await;
        let took = start.elapsed();
        assert_eq!(
            took,
            Duration::from_secs(1),
            "fetch_all took {:.3} s of simulated time, expected 1.000 s: {}",
            took.as_secs_f64(),
            why(took, [Duration::from_secs(1); 3])
        );
    });
}

#[test]
fn takes_as_long_as_the_slowest_call() {
    on_paused_clock(async || {
        // Calls longer than 1 s, then calls all shorter than 1 s.
        for delays in [[ms(370), ms(1730), ms(910)], [ms(250), ms(610), ms(430)]] {
            set_delays(delays);
            let slowest = delays.into_iter().max().unwrap_or_default();
            let start = Instant::now();
            fetch_all().await;
            let took = start.elapsed();
            assert_eq!(
                took,
                slowest,
                "with calls of {:.3}, {:.3} and {:.3} s, fetch_all took {:.3} s of simulated \
                 time, expected {:.3} s (the slowest call): {}",
                delays[0].as_secs_f64(),
                delays[1].as_secs_f64(),
                delays[2].as_secs_f64(),
                took.as_secs_f64(),
                slowest.as_secs_f64(),
                why(took, delays)
            );
        }
    });
}

#[test]
fn calls_each_service_exactly_once() {
    on_paused_clock(async || {
        fetch_all().await;
        let mut made = calls::made();
        made.sort();
        let mut expected = CALLS.to_vec();
        expected.sort();
        assert_eq!(
            made, expected,
            "fetch_all should call fetch_users, fetch_products and fetch_orders once each. \
             A call missing: is its result written out by hand, or fetched on another thread \
             or runtime, instead of awaited here? A call made twice: is a function called again \
             to get its result?"
        );
    });
}
