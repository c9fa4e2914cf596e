//! Wrong answer: the timeout wraps the whole batch in fetch_all, and get_json has none, so a lone get_json against a server that never answers waits forever.
//! caught-by: exercise::get_json_gives_up_after_its_own_timeout, exercise::a_body_that_stalls_is_a_timeout_error
//! cue: only around the batch

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let response = self
            .http
            .get(format!("{}{path}", self.base_url))
            .send()
            .await?
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        // One deadline for the whole batch.
        let all = async {
            tokio::try_join!(
                self.get_json("/users"),
                self.get_json("/products"),
                self.get_json("/orders"),
            )
        };
        tokio::time::timeout(self.timeout, all).await?
    }
// END: fetch_all
