//! Wrong answer: fail_fast_spawned runs try_join! on the bare JoinHandles, which only stops at a JoinError, so it waits 1 s for every task before checking their errors.
//! caught-by: exercise::fail_fast_spawned_returns_the_error_at_once, hidden::fail_fast_spawned_writes_the_record_one_second_later, hidden::the_first_error_wins_when_the_log_fails_too
//! cue: waited for every task

// REPLACES: fail_fast_spawned
/// Like [`fail_fast`], but each call runs as its own task, as in Python's `gather`: the error
/// comes back at once, and the audit log is still written 1 second later.
///
/// `tokio::spawn` needs a future that is `Send + 'static`: the task may outlive this call, so it
/// cannot borrow `log`. Move a clone of the handle into it; both point at the same entries.
pub async fn fail_fast_spawned(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let log = log.clone();
    let failing = tokio::spawn(may_fail());
    let succeeding = tokio::spawn(will_succeed());
    let saving = tokio::spawn(async move { save_audit_log(&log).await });
    let (failed, succeeded, saved) = tokio::try_join!(failing, succeeding, saving)?;
    saved?;
    Ok((failed?, succeeded?))
}
// END: fail_fast_spawned
