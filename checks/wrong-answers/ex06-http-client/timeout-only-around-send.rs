//! Wrong answer: tokio::time::timeout bounds only send(), which ends with the headers, so a body that stalls makes .json() wait forever.
//! caught-by: exercise::a_body_that_stalls_is_a_timeout_error, hidden::a_body_that_stalls_inside_the_batch_times_out
//! cue: reading the body included

// REPLACES: get_json
    /// `GET {base_url}{path}` through the shared client, bounded by `self.timeout`; a non-2xx
    /// status is an error; the body is decoded as JSON into `T`.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let request = self.http.get(format!("{}{path}", self.base_url)).send();
        let response = tokio::time::timeout(self.timeout, request)
            .await??
            .error_for_status()?;
        Ok(response.json().await?)
    }
// END: get_json
