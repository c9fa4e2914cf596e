//! Wrong answer: runs the three calls with tokio::join! but ignores what it returns, then calls each function again to get its result.
//! caught-by: exercise::takes_one_second_not_three, exercise::calls_each_service_exactly_once, hidden::the_fastest_call_does_not_set_the_time
//! cue: called again

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    tokio::join!(fetch_users(), fetch_products(), fetch_orders());
    (
        fetch_users().await,
        fetch_products().await,
        fetch_orders().await,
    )
}
// END: fetch_all
