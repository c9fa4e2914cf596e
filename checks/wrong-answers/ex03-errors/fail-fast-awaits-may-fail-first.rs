//! Wrong answer: fail_fast awaits may_fail with `?` before starting the other two, which is right only while may_fail is the first to fail.
//! caught-by: exercise::fail_fast_returns_the_first_error_when_it_happens
//! cue: waited for may_fail first

// REPLACES: fail_fast
pub async fn fail_fast(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let failed = may_fail().await?;
    let (succeeded, ()) = tokio::try_join!(
        async { anyhow::Ok(will_succeed().await?) },
        async { anyhow::Ok(save_audit_log(log).await?) },
    )?;
    Ok((failed, succeeded))
}
// END: fail_fast
