//! Wrong answer: each request builds its own reqwest::Client, like `async with httpx.AsyncClient()` inside every call, so no connection is ever reused.
//! caught-by: exercise::reuses_the_shared_clients_connections, exercise::sends_every_request_through_the_client_passed_in, hidden::two_shop_clients_at_once_each_use_their_own_client
//! cue: self.http

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let response = reqwest::Client::new()
            .get(format!("{}{path}", self.base_url))
            .timeout(self.timeout)
            .send()
            .await?
            // 4xx and 5xx become errors here, before their body is taken for data.
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json
