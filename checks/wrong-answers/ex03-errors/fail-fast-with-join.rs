//! Wrong answer: fail_fast runs the three calls with tokio::join! and checks the errors afterwards, so it waits 1 s for the audit log, which gets written.
//! caught-by: exercise::fail_fast_returns_at_once, exercise::fail_fast_drops_the_unfinished_audit_log, hidden::the_first_error_wins_when_the_log_fails_too
//! cue: tokio::join! then checking

// REPLACES: fail_fast
/// `asyncio.gather(may_fail(), will_succeed(), save_audit_log(log))`: runs the three calls
/// concurrently and returns the first error as soon as it happens. The siblings that have not
/// finished are dropped, so nothing is written to `log`.
pub async fn fail_fast(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let (failed, succeeded, saved) = tokio::join!(may_fail(), will_succeed(), save_audit_log(log));
    saved?;
    Ok((failed?, succeeded?))
}
// END: fail_fast
