//! Tests for exercise 3. Run them with `cargo test -p ex03-errors`.
//! Time is paused (`start_paused = true`): a 1-second sleep takes no real time, and
//! `tokio::time::Instant` shows exactly how much simulated time passed.

use ex03_errors::{AuditLog, ValueError, collect_all, fail_fast, fail_fast_spawned};
use std::time::Duration;
use tokio::time::{Instant, sleep};

/// Well past the audit log's 1-second sleep.
const LATER: Duration = Duration::from_secs(5);

#[tokio::test(start_paused = true)]
async fn fail_fast_returns_the_value_error() {
    let log = AuditLog::new();
    let result = fail_fast(&log).await;
    let err = result.expect_err(
        "fail_fast returned Ok, expected the \"실패!\" error from may_fail: \
         pass every error on with `?` instead of swallowing it",
    );
    assert_eq!(
        err.to_string(),
        "실패!",
        "fail_fast returned the wrong error"
    );
    assert_eq!(
        err.downcast_ref::<ValueError>(),
        Some(&ValueError("실패!".into())),
        "the error should still be may_fail's ValueError inside the anyhow::Error \
         (convert it with `?` or anyhow::Error::from, do not rebuild it from its message)"
    );
}

#[tokio::test(start_paused = true)]
async fn fail_fast_returns_at_once() {
    let log = AuditLog::new();
    let start = Instant::now();
    let _ = fail_fast(&log).await;
    let took = start.elapsed();
    assert_eq!(
        took,
        Duration::ZERO,
        "fail_fast took {:.1} s of simulated time, expected 0.0 s: may_fail fails at once. \
         If it took 1.0 s, it waited for save_audit_log before looking at the errors \
         (tokio::join! then checking): tokio::try_join! returns at the first error.",
        took.as_secs_f64()
    );
}

#[tokio::test(start_paused = true)]
async fn fail_fast_drops_the_unfinished_audit_log() {
    let log = AuditLog::new();
    let _ = fail_fast(&log).await;
    sleep(LATER).await;
    let entries = log.entries();
    assert!(
        entries.is_empty(),
        "the audit log holds {entries:?} 5 s after fail_fast returned, expected nothing: \
         try_join! should drop the unfinished sibling when may_fail errors — did you spawn it? \
         (Python's gather would let it finish; Rust's try_join! does not.)"
    );
}

#[tokio::test(start_paused = true)]
async fn collect_all_keeps_both_results_in_input_order() {
    let results = collect_all().await;
    assert_eq!(
        results.len(),
        2,
        "collect_all returned {} results, expected 2 (may_fail's error, then will_succeed's \
         \"성공\"): keep the errors as values, like return_exceptions=True",
        results.len()
    );
    match &results[0] {
        Err(err) => assert_eq!(err.to_string(), "실패!", "results[0] is the wrong error"),
        Ok(value) => panic!(
            "results[0] is Ok({value:?}), expected may_fail's \"실패!\" error: \
             the results come in the order the calls were passed, may_fail first"
        ),
    }
    match &results[1] {
        Ok(value) => assert_eq!(value, "성공", "results[1] is the wrong value"),
        Err(err) => panic!(
            "results[1] is Err({err}), expected Ok(\"성공\") from will_succeed: \
             the results come in the order the calls were passed, will_succeed second"
        ),
    }
}

#[tokio::test(start_paused = true)]
async fn collect_all_error_is_the_value_error() {
    let results = collect_all().await;
    let err = results
        .into_iter()
        .find_map(Result::err)
        .expect("collect_all returned no error at all: may_fail's error must be kept as a value");
    assert_eq!(
        err.downcast_ref::<ValueError>(),
        Some(&ValueError("실패!".into())),
        "the error should still be may_fail's ValueError inside the anyhow::Error \
         (convert it with anyhow::Error::from, do not rebuild it from its message)"
    );
}

#[tokio::test(start_paused = true)]
async fn fail_fast_spawned_returns_the_error_at_once() {
    let log = AuditLog::new();
    let start = Instant::now();
    let result = fail_fast_spawned(&log).await;
    let took = start.elapsed();
    let err = result.expect_err(
        "fail_fast_spawned returned Ok, expected the \"실패!\" error from may_fail: \
         a JoinHandle gives a Result inside a Result, so look at both (`??`)",
    );
    assert_eq!(
        err.to_string(),
        "실패!",
        "fail_fast_spawned returned the wrong error"
    );
    assert_eq!(
        took,
        Duration::ZERO,
        "fail_fast_spawned took {:.1} s of simulated time, expected 0.0 s. \
         If it took 1.0 s, it waited for every task before checking the errors: \
         use tokio::try_join! over the handles, with `??` inside each branch.",
        took.as_secs_f64()
    );
}

#[tokio::test(start_paused = true)]
async fn fail_fast_spawned_lets_the_audit_log_finish() {
    let log = AuditLog::new();
    let _ = fail_fast_spawned(&log).await;
    sleep(LATER).await;
    assert_eq!(
        log.entries(),
        ["감사 로그 저장"],
        "5 s after fail_fast_spawned returned, the audit log should hold one record, as in \
         Python's gather where the siblings keep running. If it is empty, save_audit_log was \
         not spawned, or its task was aborted (a dropped JoinSet aborts its tasks; a dropped \
         JoinHandle does not)."
    );
}
