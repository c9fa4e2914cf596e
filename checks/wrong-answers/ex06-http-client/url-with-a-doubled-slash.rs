//! Wrong answer: get_json puts a '/' between the base URL and a path that already starts with one, so it asks the server for //users, which it does not have.
//! caught-by: exercise::decodes_the_three_lists_into_typed_data, exercise::sends_the_three_requests_at_the_same_time, hidden::decodes_other_data
//! cue: no such path

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let url = format!("{}/{}", self.base_url, path);
        let response = self
            .http
            .get(url)
            .timeout(self.timeout)
            .send()
            .await?
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json
