//! Wrong answer: fail_fast returns a ValueError("실패!") it makes itself, since may_fail always fails, and calls nothing.
//! caught-by: exercise::fail_fast_returns_the_first_error_when_it_happens
//! cue: made by hand

// REPLACES: fail_fast
pub async fn fail_fast(log: &AuditLog) -> anyhow::Result<(String, String)> {
    let _ = log;
    Err(ValueError("실패!".into()).into())
}
// END: fail_fast
