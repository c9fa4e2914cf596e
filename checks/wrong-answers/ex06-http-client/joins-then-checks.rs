//! Wrong answer: fetch_all uses tokio::join! and applies `?` afterwards, so an error that comes at once is returned only when the slowest request has finished or timed out.
//! caught-by: exercise::the_first_error_comes_back_at_once
//! cue: tokio::try_join!

// REPLACES: fetch_all
    /// Fetches `/users`, `/products` and `/orders` concurrently; the first error wins.
    pub async fn fetch_all(&self) -> anyhow::Result<(Vec<User>, Vec<Product>, Vec<Order>)> {
        // Three requests in flight at once, like asyncio.gather.
        let (users, products, orders) = tokio::join!(
            self.get_json("/users"),
            self.get_json("/products"),
            self.get_json("/orders"),
        );
        Ok((users?, products?, orders?))
    }
// END: fetch_all
