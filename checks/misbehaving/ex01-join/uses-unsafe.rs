//! Attack: exports an unmangled symbol (`#[unsafe(no_mangle)]`), the way to replace a C library
//! function such as `_exit` in the whole test binary (here under a harmless name).
//! compile: failed
//! compile-message: unsafe
//! unsandboxed: passed

// REPLACES: fetch_all
/// Named `_exit`, it would take the C library's place.
#[unsafe(no_mangle)]
pub extern "C" fn workbook_attack_exit(_code: i32) {}

/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
