//! Wrong answer: the three calls are awaited one after another, as in the lesson's ❌ sequential version.
//! caught-by: exercise::takes_one_second_not_three, hidden::leaves_the_runtime_free_for_other_work
//! cue: one after another

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let users = fetch_users().await;
    let products = fetch_products().await;
    let orders = fetch_orders().await;
    (users, products, orders)
}
// END: fetch_all
