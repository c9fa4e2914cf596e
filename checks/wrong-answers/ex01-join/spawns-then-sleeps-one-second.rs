//! Wrong answer: spawns the three calls, then sleeps the lesson's 1 s "so they can finish" before awaiting the handles; the sleep sets a 1 s floor on the total (and a slower call is only waited for by accident).
//! caught-by: exercise::takes_as_long_as_the_slowest_call
//! cue: 1-second sleep of your own

// REPLACES: fetch_all
pub async fn fetch_all() -> (Users, Products, Orders) {
    let users = tokio::spawn(fetch_users());
    let products = tokio::spawn(fetch_products());
    let orders = tokio::spawn(fetch_orders());
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    (
        users.await.unwrap(),
        products.await.unwrap(),
        orders.await.unwrap(),
    )
}
// END: fetch_all
