//! How the quiz programs (`quiz_*.rs`) are measured: on tokio's paused clock, so a time is exact
//! and costs no real time. A `Time` question's program prints only how long it took, in seconds;
//! an `Output` question's prints what the program prints. The `.stdout` next to each program is
//! the quiz's answer, and `tests/examples.rs` proves it.

use std::future::Future;
use tokio::time::Instant;

fn paused_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("a paused-clock runtime")
}

/// Runs `program` and prints how long it took: `3.0`.
#[allow(dead_code)]
pub fn time<T>(program: impl Future<Output = T>) {
    paused_runtime().block_on(async {
        let start = Instant::now();
        program.await;
        println!("{:.1}", start.elapsed().as_secs_f64());
    });
}

/// Runs `program`, which prints its own output.
#[allow(dead_code)]
pub fn output<T>(program: impl Future<Output = T>) {
    paused_runtime().block_on(program);
}
