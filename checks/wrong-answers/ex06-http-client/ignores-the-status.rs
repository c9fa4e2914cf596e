//! Wrong answer: the response is decoded without checking its status, so a 500 or 404 is taken for data (or fails as a decoding error).
//! caught-by: exercise::a_500_is_an_error_with_its_status, exercise::a_404_is_an_error_with_its_status, exercise::the_first_error_comes_back_at_once, hidden::a_404_is_an_error_even_when_its_body_looks_like_data, hidden::a_404_with_a_text_body_is_an_error_about_its_status
//! cue: .error_for_status()

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
        Ok(response.json().await?)
    }
// END: get_json
