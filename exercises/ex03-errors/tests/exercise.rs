//! Tests for exercise 3. Run them with `cargo test -p ex03-errors`.
//! Time is paused: a 1-second sleep takes no real time, and `tokio::time::Instant` shows exactly
//! how much simulated time passed. Some tests give the calls other delays, and make the audit log
//! fail first.

use ex03_errors::{AuditLog, ValueError, calls, collect_all, fail_fast, fail_fast_spawned};
use std::time::Duration;
use test_support::clock::on_paused_clock;
use tokio::time::{Instant, sleep};

/// Well past the audit log's 1-second sleep.
const LATER: Duration = Duration::from_secs(5);

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// A late race: the closed audit log fails at 0.3 s, may_fail fails at 0.6 s, will_succeed
/// answers at 0.9 s. The first error is the audit log's, at 0.3 s.
fn audit_log_fails_first() -> AuditLog {
    calls::set_delay("will_succeed", ms(900));
    calls::set_delay("save_audit_log", ms(300));
    calls::set_delay("may_fail", ms(600));
    AuditLog::closed()
}

/// The calls made so far, sorted by name.
fn calls_made() -> Vec<&'static str> {
    let mut made = calls::made();
    made.sort();
    made
}

/// Checks that `function` returned the audit log's error at 0.3 s in [`audit_log_fails_first`].
fn assert_first_error_wins(
    function: &str,
    result: anyhow::Result<(String, String)>,
    took: Duration,
) {
    let err = match result {
        Err(err) => err,
        Ok(values) => panic!(
            "{function} returned Ok({values:?}), but may_fail and the audit log both failed: \
             pass every error on with `?`"
        ),
    };
    let from_the_log = err.downcast_ref::<std::io::Error>().is_some();
    let why = if calls::made().is_empty() {
        "none of the given functions was called: is the error made by hand instead of \
         returned by the calls?"
    } else if err.downcast_ref::<ValueError>().is_some() && took == ms(600) {
        "it waited for may_fail first: may_fail is awaited before the other errors are looked \
         at. Run the three together with tokio::try_join!, which returns whichever error \
         happens first."
    } else if took >= ms(900) {
        "it waited for every call before looking at the errors (tokio::join! then checking, \
         or awaiting the handles one by one): tokio::try_join! returns at the first error."
    } else {
        "the first error to happen is the one to return."
    };
    assert!(
        from_the_log && took == ms(300),
        "the closed audit log fails at 0.300 s, may_fail fails at 0.600 s, will_succeed \
         answers at 0.900 s. {function} returned \"{err}\" at {:.3} s, expected the audit log's error at \
         0.300 s: {why}",
        secs(took)
    );
}

#[test]
fn fail_fast_returns_the_value_error() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn fail_fast_returns_at_once() {
    on_paused_clock(async || {
        let log = AuditLog::new();
        let start = Instant::now();
        let _ = fail_fast(&log).await;
        let took = start.elapsed();
        assert_eq!(
            took,
            Duration::ZERO,
            "fail_fast took {:.1} s of simulated time, expected 0.0 s: may_fail fails at once. \
             It waited for save_audit_log before looking at the errors (tokio::join! then \
             checking?): tokio::try_join! returns at the first error.",
            took.as_secs_f64()
        );
    });
}

#[test]
fn fail_fast_drops_the_unfinished_audit_log() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn collect_all_keeps_both_results_in_input_order() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn collect_all_error_is_the_value_error() {
    on_paused_clock(async || {
        let results = collect_all().await;
        let err = results.into_iter().find_map(Result::err).expect(
            "collect_all returned no error at all: may_fail's error must be kept as a value",
        );
        assert_eq!(
            err.downcast_ref::<ValueError>(),
            Some(&ValueError("실패!".into())),
            "the error should still be may_fail's ValueError inside the anyhow::Error \
             (convert it with anyhow::Error::from, do not rebuild it from its message)"
        );
    });
}

#[test]
fn fail_fast_spawned_returns_the_error_at_once() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn fail_fast_spawned_lets_the_audit_log_finish() {
    on_paused_clock(async || {
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
    });
}

#[test]
fn fail_fast_returns_the_first_error_when_it_happens() {
    on_paused_clock(async || {
        let log = audit_log_fails_first();
        let start = Instant::now();
        let result = fail_fast(&log).await;
        assert_first_error_wins("fail_fast", result, start.elapsed());
        assert_eq!(
            calls_made(),
            ["may_fail", "save_audit_log", "will_succeed"],
            "fail_fast should call may_fail, will_succeed and save_audit_log once each"
        );
    });
}

#[test]
fn fail_fast_spawned_returns_the_first_error_when_it_happens() {
    on_paused_clock(async || {
        let log = audit_log_fails_first();
        let start = Instant::now();
        let result = fail_fast_spawned(&log).await;
        assert_first_error_wins("fail_fast_spawned", result, start.elapsed());
        assert_eq!(
            calls_made(),
            ["may_fail", "save_audit_log", "will_succeed"],
            "fail_fast_spawned should spawn may_fail, will_succeed and save_audit_log once each"
        );
    });
}

#[test]
fn collect_all_runs_both_calls_together_once_each() {
    on_paused_clock(async || {
        calls::set_delay("may_fail", ms(450));
        calls::set_delay("will_succeed", ms(300));
        let start = Instant::now();
        let results = collect_all().await;
        let took = start.elapsed();
        let why = match took.as_millis() {
            0 => "no time passed: are the results written out by hand instead of awaited?",
            750 => "that is 0.450 + 0.300 s: the two calls ran one after another.",
            _ => "run both with tokio::join!, which waits for the slower one.",
        };
        assert_eq!(
            took,
            ms(450),
            "may_fail takes 0.450 s and will_succeed 0.300 s, and collect_all took {:.3} s, \
             expected 0.450 s: {why}",
            secs(took)
        );
        assert_eq!(
            calls_made(),
            ["may_fail", "will_succeed"],
            "collect_all should call may_fail and will_succeed once each"
        );
        assert_eq!(results.len(), 2, "two calls, two results");
    });
}
