//! Wrong answer: get_json keeps the first ShopClient's client in a `static` OnceLock, so every later ShopClient sends through a client that is not its own.
//! caught-by: exercise::sends_every_request_through_the_client_passed_in, hidden::two_shop_clients_at_once_each_use_their_own_client
//! cue: static

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        // One client for the whole program: the first one we are given.
        static SHARED: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
        let http = SHARED.get_or_init(|| self.http.clone());
        let response = http
            .get(format!("{}{path}", self.base_url))
            .timeout(self.timeout)
            .send()
            .await?
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json
