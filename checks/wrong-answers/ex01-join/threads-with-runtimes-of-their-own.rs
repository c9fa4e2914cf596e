//! Wrong answer: runs each call on a thread of its own with a runtime of its own and joins the threads, which blocks the test's runtime instead of awaiting.
//! caught-by: exercise::takes_one_second_not_three, exercise::calls_each_service_exactly_once
//! cue: blocks the thread

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    fn on_its_own_thread<T: Send + 'static>(
        call: impl Future<Output = T> + Send + 'static,
    ) -> std::thread::JoinHandle<T> {
        std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_time()
                .build()
                .unwrap()
                .block_on(call)
        })
    }
    let users = on_its_own_thread(fetch_users());
    let products = on_its_own_thread(fetch_products());
    let orders = on_its_own_thread(fetch_orders());
    (
        users.join().unwrap(),
        products.join().unwrap(),
        orders.join().unwrap(),
    )
}
// END: fetch_all
