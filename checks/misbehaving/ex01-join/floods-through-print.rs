//! Attack: prints without end through `println!`, which libtest would keep in memory.
//! status: output_limit
//! unsandboxed: output_limit

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    loop {
        println!("flooding the grader's memory through the test harness's capture");
    }
}
// END: fetch_all
