//! Attack: every function the learner writes hangs, and so does every panic (in a hook that never
//! returns), while a thread holds the process's stdout for good: the test harness can neither
//! record a failure nor report one. Only the grader's timeout ends it, once for the exercise's
//! whole suite.
//! status: timed_out

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        Self::hang_the_harness()
    }

    /// Hangs this thread and every panic to come, and holds stdout: nothing can be recorded.
    fn hang_the_harness() -> ! {
        // A failing test runs the panic hook before the harness may record it: this one never
        // returns. The harness prints its report through stdout's lock: this thread keeps it.
        std::panic::set_hook(Box::new(|_| {
            loop {
                std::thread::park();
            }
        }));
        std::thread::spawn(|| {
            let _out = std::io::stdout().lock();
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
        Self::hang_the_harness()
    }
// END: fetch_all
