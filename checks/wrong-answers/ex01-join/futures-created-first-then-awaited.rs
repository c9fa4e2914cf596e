//! Wrong answer: the three futures are created first and then awaited in turn, as if creating one started it.
//! caught-by: exercise::takes_one_second_not_three, hidden::leaves_the_runtime_free_for_other_work
//! cue: one after another

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let users = fetch_users();
    let products = fetch_products();
    let orders = fetch_orders();
    (users.await, products.await, orders.await)
}
// END: fetch_all
