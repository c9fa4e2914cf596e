//! Wrong answer: the three GETs are awaited one after another, so only one request is ever in flight.
//! caught-by: exercise::sends_the_three_requests_at_the_same_time, exercise::the_first_error_comes_back_at_once
//! cue: one after another

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        // Three requests in flight at once, each on its own pooled connection.
        let users = self.get_json("/users").await?;
        let products = self.get_json("/products").await?;
        let orders = self.get_json("/orders").await?;
        Ok((users, products, orders))
    }
// END: fetch_all
