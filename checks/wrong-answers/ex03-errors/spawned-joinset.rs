//! Wrong answer: fail_fast_spawned spawns the calls into a JoinSet and returns at the first error, but dropping the JoinSet aborts the audit log task.
//! caught-by: exercise::fail_fast_spawned_lets_the_audit_log_finish, hidden::fail_fast_spawned_writes_the_record_one_second_later
//! cue: JoinSet

// REPLACES: fail_fast_spawned
/// Like [`fail_fast`], but each call runs as its own task, as in Python's `gather`: the error
/// comes back at once, and the audit log is still written 1 second later.
///
/// `tokio::spawn` needs a future that is `Send + 'static`: the task may outlive this call, so it
/// cannot borrow `log`. Move a clone of the handle into it; both point at the same entries.
pub async fn fail_fast_spawned(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let log = log.clone();
    let mut tasks = tokio::task::JoinSet::new();
    tasks.spawn(async { anyhow::Ok((0, may_fail().await?)) });
    tasks.spawn(async { anyhow::Ok((1, will_succeed().await?)) });
    tasks.spawn(async move {
        save_audit_log(&log).await?;
        anyhow::Ok((2, String::new()))
    });
    let mut results = [String::new(), String::new()];
    while let Some(joined) = tasks.join_next().await {
        let (index, value) = joined??;
        if index < results.len() {
            results[index] = value;
        }
    }
    let [failed, succeeded] = results;
    Ok((failed, succeeded))
}
// END: fail_fast_spawned
