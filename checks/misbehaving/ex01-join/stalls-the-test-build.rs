//! Attack: a generic whose constant is evaluated only where the instructor's test crate uses it,
//! so that the test build, not the student's, runs (almost) forever and holds up the class.
//! compile: timed_out

// REPLACES: fetch_all
const fn spin<T>(n: usize) -> u64 {
    let mut i = 0;
    let mut acc = 0u64;
    while i < n {
        let a = [i as u8; 1 << 20];
        acc = acc.wrapping_add(a[12345] as u64 + std::mem::size_of::<T>() as u64);
        i += 1;
    }
    acc
}

/// A future that evaluates `spin` for its type parameter wherever it is polled.
pub struct Slow<T>(
    std::pin::Pin<Box<dyn std::future::Future<Output = (Users, Products, Orders)> + Send>>,
    std::marker::PhantomData<T>,
);

impl<T: Unpin> std::future::Future for Slow<T> {
    type Output = (Users, Products, Orders);
    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let _ = const { spin::<T>(100_000_000) };
        self.get_mut().0.as_mut().poll(cx)
    }
}

/// Calls the three services concurrently and returns their results in the order
/// users, products, orders.
pub fn fetch_all() -> Slow<u8> {
    Slow(
        Box::pin(async { tokio::join!(fetch_users(), fetch_products(), fetch_orders()) }),
        std::marker::PhantomData,
    )
}
// END: fetch_all
