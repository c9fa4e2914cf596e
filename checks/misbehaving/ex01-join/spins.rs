//! Misbehaviour: every function the learner writes spins in a loop that never awaits, so every
//! test hangs. The tests' own real-time deadline fails each one, with a message, long before the
//! grader's timeout.
//! On a loaded machine (a cold CI build beside it), the spinning threads can starve their own
//! deadline past the grader's budget: then the grader's timeout ends it. No points either way.
//! status: failed|timed_out

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    loop {
        std::hint::spin_loop();
    }
}
// END: fetch_all
