//! Misbehaviour: every function the learner writes prints to stdout without end.
//! status: output_limit

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        use std::io::Write;
        loop {
            let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
        }
    }
// END: get_json

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        use std::io::Write;
        loop {
            let _ = std::io::stdout().write_all(b"flooding the grader with output\n");
        }
    }
// END: fetch_all
