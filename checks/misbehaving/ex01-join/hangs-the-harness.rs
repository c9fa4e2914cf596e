//! Attack: every function the learner writes hangs, holding the process's stdout and stderr for
//! good, so the test harness can neither print a failure nor report one: only the grader's timeout
//! ends it, once for the exercise's whole suite.
//! status: timed_out

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    // The harness writes its report and every panic message through these two locks.
    std::thread::spawn(|| {
        let _out = std::io::stdout().lock();
        let _err = std::io::stderr().lock();
        loop {
            std::thread::park();
        }
    });
    loop {
        std::thread::park();
    }
}
// END: fetch_all
