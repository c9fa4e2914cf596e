//! Attack: runs every test of its own test binary again (`--exact …`), answering wrongly there,
//! and fails a learner's test with what they printed: were the hidden tests in that binary, their
//! assertion messages would reach the student's feedback. They are a binary of their own.
//! status: failed
//! unsandboxed: failed

// REPLACES: fetch_all
/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub async fn fetch_all() -> (Users, Products, Orders) {
    const LEAKING: &str = "WORKBOOK_ATTACK_LEAKING";
    let nothing = || (Users { users: vec![] }, Products { products: vec![] }, Orders { orders: vec![] });
    if std::env::var_os(LEAKING).is_some() {
        return nothing();
    }
    let me = std::env::args().next().unwrap_or_default();
    let run = |args: &[&str]| {
        std::process::Command::new(&me)
            .args(args)
            .env(LEAKING, "1")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr))
            .unwrap_or_default()
    };
    let mut leaked = String::new();
    for line in run(&["--list", "--format", "terse"]).lines() {
        if let Some(test) = line.strip_suffix(": test") {
            leaked += &run(&["--exact", test, "--nocapture"]);
        }
    }
    panic!("what the hidden tests said:\n{leaked}");
}
// END: fetch_all
