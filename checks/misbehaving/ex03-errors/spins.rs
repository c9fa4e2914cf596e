//! Misbehaviour: every function the learner writes spins in a loop that never awaits, so every
//! test hangs. The tests' own real-time deadline fails each one, with a message, long before the
//! grader's timeout.
//! On a loaded machine (a cold CI build beside it), the spinning threads can starve their own
//! deadline past the grader's budget: then the grader's timeout ends it. No points either way.
//! status: failed|timed_out

// REPLACES: fail_fast
/// `asyncio.gather(may_fail(), will_succeed(), save_audit_log(log))`: runs the three calls
/// concurrently and returns the first error as soon as it happens. The siblings that have not
/// finished are dropped, so nothing is written to `log`.
pub async fn fail_fast(log: &AuditLog) -> anyhow::Result<(String, String)> {
    loop {
        std::hint::spin_loop();
    }
}
// END: fail_fast

// REPLACES: collect_all
/// `asyncio.gather(may_fail(), will_succeed(), return_exceptions=True)`: runs both calls
/// concurrently and returns every result, errors included, in the order they were passed.
pub async fn collect_all() -> Vec<anyhow::Result<String>> {
    loop {
        std::hint::spin_loop();
    }
}
// END: collect_all

// REPLACES: fail_fast_spawned
/// Like [`fail_fast`], but each call runs as its own task, as in Python's `gather`: the error
/// comes back at once, and the audit log is still written 1 second later.
///
/// `tokio::spawn` needs a future that is `Send + 'static`: the task may outlive this call, so it
/// cannot borrow `log`. Move a clone of the handle into it; both point at the same entries.
pub async fn fail_fast_spawned(log: &AuditLog) -> anyhow::Result<(String, String)> {
    loop {
        std::hint::spin_loop();
    }
}
// END: fail_fast_spawned
