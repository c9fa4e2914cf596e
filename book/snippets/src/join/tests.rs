//! Tests for `join.rs`: each proves a claim of its chapter.

use super::*;
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn join_of_two_one_second_calls_takes_one_second() {
    let start = Instant::now();
    let (users, products) = users_and_products().await;
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!(users, ["홍길동", "김영희"]);
    assert_eq!(products, ["노트북", "마우스"]);
}

// ANCHOR: lazy
#[tokio::test]
async fn a_future_does_nothing_until_awaited() {
    let log = Log::default();
    let saving = save(&log, "저장"); // built, not started
    assert!(log.entries().is_empty());
    saving.await; // runs now
    assert_eq!(log.entries(), ["저장"]);
}
// ANCHOR_END: lazy

#[tokio::test(start_paused = true)]
async fn spawned_tasks_run_at_once_so_awaiting_in_turn_takes_one_second() {
    let start = Instant::now();
    let (users, products) = spawn_both().await.unwrap();
    assert_eq!(start.elapsed(), Duration::from_secs(1));
    assert_eq!((users.len(), products.len()), (2, 2));
}

// ANCHOR: spawn_runs_alone
#[tokio::test]
async fn a_spawned_task_runs_even_if_nobody_awaits_it() {
    let log = Log::default();
    drop(save_in_background(&log)); // the handle is gone, the task is not
    tokio::task::yield_now().await; // let the runtime run it
    assert_eq!(log.entries(), ["저장"]);
}
// ANCHOR_END: spawn_runs_alone
