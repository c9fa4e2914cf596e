//! Hidden tests for exercise 3 (instructor only).

use ex03_errors::{AuditLog, ValueError, fail_fast, fail_fast_spawned};
use std::time::Duration;
use test_support::clock::on_paused_clock;
use tokio::time::{Instant, sleep};

#[test]
fn fail_fast_spawned_writes_the_record_one_second_later() {
    on_paused_clock(async || {
        let log = AuditLog::new();
        let _ = fail_fast_spawned(&log).await;
        // Just before and just after the 1 s mark (at exactly 1 s, which task runs first is the
        // scheduler's choice).
        sleep(Duration::from_millis(999)).await;
        assert_eq!(
            log.entries(),
            Vec::<String>::new(),
            "at 0.999 s the spawned save_audit_log should still be sleeping"
        );
        sleep(Duration::from_millis(2)).await;
        assert_eq!(
            log.entries(),
            ["감사 로그 저장"],
            "at 1.001 s the spawned save_audit_log should have written exactly one record"
        );
    });
}

#[test]
fn fail_fast_spawned_error_is_the_value_error() {
    on_paused_clock(async || {
        let log = AuditLog::new();
        let err = fail_fast_spawned(&log)
            .await
            .expect_err("fail_fast_spawned returned Ok, expected may_fail's error");
        assert_eq!(
            err.downcast_ref::<ValueError>(),
            Some(&ValueError("실패!".into())),
            "the error from the task's JoinHandle should still be may_fail's ValueError \
             (unwrap both layers with `??`, do not rebuild it from its message)"
        );
    });
}

#[test]
fn the_first_error_wins_when_the_log_fails_too() {
    on_paused_clock(async || {
        // A closed log makes save_audit_log fail as well, but only after 1 s: may_fail's error
        // comes first, at 0 s, and that is the one both variants must return.
        for (name, spawned) in [("fail_fast", false), ("fail_fast_spawned", true)] {
            let log = AuditLog::closed();
            let start = Instant::now();
            let result = if spawned {
                fail_fast_spawned(&log).await
            } else {
                fail_fast(&log).await
            };
            let took = start.elapsed();
            let err = result.expect_err(&format!("{name} returned Ok with a closed log"));
            assert!(
                err.downcast_ref::<ValueError>().is_some(),
                "{name} returned {err:?}, expected may_fail's ValueError, the error that happens first"
            );
            assert_eq!(
                took,
                Duration::ZERO,
                "{name} took {:.1} s with a closed log, expected 0.0 s",
                took.as_secs_f64()
            );
        }
    });
}
