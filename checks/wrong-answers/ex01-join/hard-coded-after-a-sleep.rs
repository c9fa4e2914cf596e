//! Wrong answer: sleeps 1 s and writes the three results out by hand instead of calling the given functions.
//! caught-by: exercise::takes_as_long_as_the_slowest_call, exercise::calls_each_service_exactly_once, hidden::the_fastest_call_does_not_set_the_time
//! cue: written out by hand

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    sleep(std::time::Duration::from_secs(1)).await;
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
// END: fetch_all
