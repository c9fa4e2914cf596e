//! Attack: every function the learner writes hangs, holding the process's stdout and stderr for
//! good, so the test harness can neither print a failure nor report one: only the grader's timeout
//! ends it, once for the exercise's whole suite.
//! status: timed_out

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        // The harness writes its report and every panic message through these two locks.
        std::thread::spawn(|| {
            let _out = std::io::stdout().lock();
            let _err = std::io::stderr().lock();
            loop {
                std::thread::park();
            }
        });
        loop {
            std::thread::park();
        }
    }
// END: get_json

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        // The harness writes its report and every panic message through these two locks.
        std::thread::spawn(|| {
            let _out = std::io::stdout().lock();
            let _err = std::io::stderr().lock();
            loop {
                std::thread::park();
            }
        });
        loop {
            std::thread::park();
        }
    }
// END: fetch_all
