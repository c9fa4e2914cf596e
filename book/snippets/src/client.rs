//! Chapters `http-clients.md` and `ex06-http-client.md`: reqwest's async
//! client, made once and shared; a timeout; HTTP errors as `Err`. The tests
//! run a small axum server on 127.0.0.1 and count the connections it
//! accepts and closes.

use reqwest::Client;
use std::time::Duration;

// ANCHOR: get_json
/// `GET url`, then decode the JSON body.
/// httpx: `(await client.get(url)).json()`
pub async fn get_names(
    client: &Client,
    url: &str,
) -> reqwest::Result<Vec<String>> {
    client
        .get(url)
        .send()
        .await? // the status and headers arrived (or the connection failed)
        .error_for_status()? // 4xx/5xx become Err (httpx: raise_for_status)
        .json()
        .await // read the whole body and decode it
}
// ANCHOR_END: get_json

// ANCHOR: build
/// Made once, at startup. A `Client` is a handle to a connection pool:
/// a clone is cheap and shares the pool, which closes with the last clone.
pub fn build_client() -> reqwest::Result<Client> {
    Client::builder()
        .timeout(Duration::from_secs(5)) // each whole request, connect to end
        .build()
}
// ANCHOR_END: build

// ANCHOR: two_at_once
pub async fn users_and_products(
    client: &Client,
    base: &str,
) -> reqwest::Result<(Vec<String>, Vec<String>)> {
    let (users, products) =
        (format!("{base}/users"), format!("{base}/products"));
    // Two requests in flight at once, through the same pool.
    tokio::try_join!(get_names(client, &users), get_names(client, &products))
}
// ANCHOR_END: two_at_once

#[cfg(test)]
mod tests;
