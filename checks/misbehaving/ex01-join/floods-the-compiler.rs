//! Attack: a few lines of macros that make hundreds of long compiler errors, to swell the
//! grader's results and the feedback past any size a person can read or a disk should hold.
//! compile: failed
//! compile-message: more compiler errors not shown

// REPLACES: fetch_all
macro_rules! ten {
    ($m:ident) => {
        $m!(0); $m!(1); $m!(2); $m!(3); $m!(4); $m!(5); $m!(6); $m!(7); $m!(8); $m!(9);
    };
}
macro_rules! long_error {
    ($n:expr) => {
        const _: () = {
            ten!(shout);
        };
    };
}
macro_rules! shout {
    ($n:expr) => {
        compile_error!(concat!(
            "0123456789012345678901234567890123456789012345678901234567890123456789",
            "0123456789012345678901234567890123456789012345678901234567890123456789",
            "0123456789012345678901234567890123456789012345678901234567890123456789",
            "0123456789012345678901234567890123456789012345678901234567890123456789",
            "0123456789012345678901234567890123456789012345678901234567890123456789"
        ));
    };
}
ten!(long_error);

/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    tokio::join!(fetch_users(), fetch_products(), fetch_orders())
}
// END: fetch_all
