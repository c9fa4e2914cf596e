//! Misbehaviour: writes to stdout without end.
//! status: output_limit

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    use std::io::Write;
    loop {
        let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
    }
}
// END: fetch_all
