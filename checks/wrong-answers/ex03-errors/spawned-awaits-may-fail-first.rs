//! Wrong answer: fail_fast_spawned spawns the three tasks but awaits may_fail's handle first, so an earlier error from another task waits for it.
//! caught-by: exercise::fail_fast_spawned_returns_the_first_error_when_it_happens
//! cue: waited for may_fail first

// REPLACES: fail_fast_spawned
pub async fn fail_fast_spawned(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let log = log.clone();
    let failing = tokio::spawn(may_fail());
    let succeeding = tokio::spawn(will_succeed());
    let saving = tokio::spawn(async move { save_audit_log(&log).await });
    let failed = failing.await??;
    let (succeeded, ()) = tokio::try_join!(
        async { anyhow::Ok(succeeding.await??) },
        async { anyhow::Ok(saving.await??) },
    )?;
    Ok((failed, succeeded))
}
// END: fail_fast_spawned
