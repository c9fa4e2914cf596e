//! Wrong answer: joins users and products, then awaits orders after them (2 s).
//! caught-by: exercise::takes_one_second_not_three, hidden::leaves_the_runtime_free_for_other_work
//! cue: some calls wait for others

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let (users, products) = tokio::join!(fetch_users(), fetch_products());
    let orders = fetch_orders().await;
    (users, products, orders)
}
// END: fetch_all
