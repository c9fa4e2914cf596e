//! Wrong answer: fetch_all opens a fresh reqwest::Client for its three requests, a literal translation of the lesson's `async with httpx.AsyncClient() as client:`.
//! caught-by: exercise::reuses_the_shared_clients_connections, exercise::sends_every_request_through_the_client_passed_in, hidden::two_shop_clients_at_once_each_use_their_own_client
//! cue: self.http

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        // Three requests in flight at once, each on its own pooled connection.
        // async with httpx.AsyncClient() as client:
        let client = ShopClient::new(reqwest::Client::new(), &self.base_url, self.timeout);
        tokio::try_join!(
            client.get_json("/users"),
            client.get_json("/products"),
            client.get_json("/orders"),
        )
    }
// END: fetch_all
