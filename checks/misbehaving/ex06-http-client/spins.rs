//! Misbehaviour: every function the learner writes spins in a loop that never awaits, so every
//! test hangs. The tests' own real-time deadline fails each one, with a message, long before the
//! grader's timeout.
//! status: failed

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        loop {
            std::hint::spin_loop();
        }
    }
// END: get_json

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        loop {
            std::hint::spin_loop();
        }
    }
// END: fetch_all
