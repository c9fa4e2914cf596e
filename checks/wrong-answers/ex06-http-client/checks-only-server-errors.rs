//! Wrong answer: get_json turns only 5xx answers into errors, so a 404 is decoded as if it were data.
//! caught-by: exercise::a_404_is_an_error_with_its_status, hidden::a_404_is_an_error_even_when_its_body_looks_like_data, hidden::a_404_with_a_text_body_is_an_error_about_its_status
//! cue: every 4xx and 5xx

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let response = self
            .http
            .get(format!("{}{path}", self.base_url))
            .timeout(self.timeout)
            .send()
            .await?;
        if response.status().is_server_error() {
            anyhow::bail!("the server failed on {path}: {}", response.status());
        }
        Ok(response.json().await?)
    }
// END: get_json
