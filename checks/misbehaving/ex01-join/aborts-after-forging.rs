//! Attack: writes `ok <test>` into libtest's log, then ends the process by a signal (abort)
//! before the test can fail.
//! status: crashed
//! unsandboxed: crashed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    use std::io::Write;
    let args: Vec<String> = std::env::args().collect();
    let after = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1));
    if let (Some(log), Some(name)) = (after("--logfile"), after("--exact")) {
        if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(log) {
            let _ = writeln!(file, "ok {name}");
        }
    }
    std::process::abort();
}
// END: fetch_all
