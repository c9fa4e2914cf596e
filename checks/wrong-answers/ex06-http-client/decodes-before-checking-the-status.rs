//! Wrong answer: get_json decodes the body first and checks the status afterwards, so a 500 whose body is not a list fails as a decoding error, not as a status error.
//! caught-by: exercise::a_500_is_an_error_with_its_status, exercise::a_404_is_an_error_with_its_status, exercise::the_first_error_comes_back_at_once, hidden::a_404_with_a_text_body_is_an_error_about_its_status
//! cue: before its status was checked

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
        let status = response.status();
        let data = response.json::<T>().await?;
        if !status.is_success() {
            anyhow::bail!("GET {path} failed: {status}");
        }
        Ok(data)
    }
// END: get_json
