//! Wrong answer: get_json retries a failed request once ("networks are flaky"), so a 500 or a timeout costs two requests and twice the time limit.
//! caught-by: exercise::a_500_is_an_error_with_its_status, exercise::a_404_is_an_error_with_its_status
//! cue: not a reason to ask again

// REPLACES: get_json
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        let url = format!("{}{path}", self.base_url);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let result = async {
                let response = self
                    .http
                    .get(&url)
                    .timeout(self.timeout)
                    .send()
                    .await?
                    .error_for_status()?;
                anyhow::Ok(response.json::<T>().await?)
            }
            .await;
            match result {
                Err(_) if attempt < 2 => continue,
                other => return other,
            }
        }
    }
// END: get_json
