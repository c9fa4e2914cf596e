//! Attack: reads the hidden tests from the repository and prints them into its own failure
//! message, which is the part of the feedback a student gets back.
//! status: failed
//! unsandboxed: failed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    // The repository's path, as the attacker would find it (`@REPO@` is filled in by the checks).
    match std::fs::read_to_string("@REPO@/solutions/ex01-join/tests/hidden.rs") {
        Ok(text) => panic!("the hidden tests:\n{text}"),
        Err(e) => panic!("attack stopped: {e}"),
    }
}
// END: fetch_all
