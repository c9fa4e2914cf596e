//! Wrong answer: the requests have no timeout, so a server that never answers makes fetch_all wait forever.
//! caught-by: exercise::a_server_that_never_answers_is_a_timeout_error, exercise::get_json_gives_up_after_its_own_timeout, exercise::a_body_that_stalls_is_a_timeout_error, hidden::every_request_has_the_timeout, hidden::a_body_that_stalls_inside_the_batch_times_out
//! cue: .timeout(self.timeout)

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let response = self
            .http
            .get(format!("{}{path}", self.base_url))
            .send()
            .await?
            // 4xx and 5xx become errors here, before their body is taken for data.
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json
