//! Wrong answer: get_json sends through one program-wide client kept in a `static` (built with reqwest::Client::new()), not through the client passed to ShopClient::new.
//! caught-by: exercise::sends_every_request_through_the_client_passed_in, hidden::two_shop_clients_at_once_each_use_their_own_client
//! cue: self.http

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        // Build the client once for the whole program, and reuse its connections.
        static CLIENT: std::sync::LazyLock<reqwest::Client> =
            std::sync::LazyLock::new(reqwest::Client::new);
        let response = CLIENT
            .get(format!("{}{path}", self.base_url))
            .timeout(self.timeout)
            .send()
            .await?
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json
