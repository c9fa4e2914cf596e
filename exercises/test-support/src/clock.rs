//! Runs a test with deadlines, so that code which never finishes fails with a message instead of
//! hanging `cargo test`. Each test file uses it with `use test_support::clock::on_paused_clock;`
//! (or `on_real_clock`).
//!
//! The test runs on a tokio runtime on a thread of its own, and the test's thread waits for it
//! with a real-time deadline: code that blocks the thread (a busy loop, `std::thread::sleep`,
//! `block_on`) stops every tokio timer, so only a deadline kept outside its thread can see it.
//!
//! On the paused clock a second, simulated deadline catches deadlocks: when every task is waiting,
//! the clock jumps to the next timer, so code that waits for something that never comes lets it
//! jump straight to the 60 s deadline, at once in real time.

use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::pin::Pin;
use std::sync::mpsc;
use std::time::Duration;

const SIMULATED_LIMIT: Duration = Duration::from_secs(60);
/// A correct answer needs a few milliseconds of real time on the paused clock.
const PAUSED_REAL_LIMIT: Duration = Duration::from_secs(1);

/// Runs `test` on a fresh current-thread runtime whose clock starts paused, like
/// `#[tokio::test(start_paused = true)]`, and fails if it has not finished within 60 s of
/// simulated time or 1 s of real time. A failure points at the test that called it.
#[track_caller]
pub fn on_paused_clock(test: impl AsyncFnOnce() + Send + 'static) {
    let finished = run_on_own_thread(true, PAUSED_REAL_LIMIT, test);
    match finished {
        Some(true) => {}
        Some(false) => panic!(
            "the test was still waiting after {} s of simulated time, with nothing left to run: \
             is something waiting for itself? A permit never given back, a channel whose sender \
             is never dropped, a task that awaits its own handle, or a future nobody wakes.",
            SIMULATED_LIMIT.as_secs()
        ),
        None => panic!(
            "the test was still running after {} s of real time. On the paused clock a 1-second \
             sleep takes no real time, so something blocks the thread instead of awaiting: a \
             loop that never awaits a timer (a busy loop, or yield_now in a loop), \
             std::thread::sleep, a std Mutex held while waiting, futures::executor::block_on, or a \
             second runtime.",
            PAUSED_REAL_LIMIT.as_secs()
        ),
    }
}

/// Runs `test` on a fresh current-thread runtime on the real clock, like `#[tokio::test]`, and
/// fails if it has not finished within `deadline` of real time. Give every wait inside the test a
/// tokio timeout of its own, adding up to less than `deadline`: then reaching the deadline means
/// the thread was blocked, and the message says so.
#[track_caller]
pub fn on_real_clock(deadline: Duration, test: impl AsyncFnOnce() + Send + 'static) {
    if run_on_own_thread(false, deadline, test).is_none() {
        panic!(
            "the test was still running after {} s of real time, though each of its waits has a \
             tokio timeout and they add up to less: something blocks the thread (a blocking call \
             such as std::thread::sleep, or a busy loop inside async code?), so no timeout can \
             fire.",
            deadline.as_secs()
        );
    }
}

/// Runs `test` on a runtime on a thread of its own and waits for it up to `real_limit`.
/// `Some(true)`: it finished; `Some(false)`: it reached the simulated deadline (paused clock
/// only); `None`: the real-time limit passed first. A panic in the test is passed on as it is.
fn run_on_own_thread(
    paused: bool,
    real_limit: Duration,
    test: impl AsyncFnOnce() + Send + 'static,
) -> Option<bool> {
    // Boxed at once, so the runtime code below is compiled once, not once per test.
    run_boxed(paused, real_limit, Box::new(move || Box::pin(test())))
}

/// Makes a test's future on the thread that runs it (the future itself need not be `Send`).
type MakeTest = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = ()>>> + Send>;

/// A thread that never finishes is left behind; it ends with the test process.
fn run_boxed(paused: bool, real_limit: Duration, make_test: MakeTest) -> Option<bool> {
    let name = std::thread::current().name().unwrap_or("test").to_string();
    let (finished, outcome) = mpsc::channel();
    std::thread::Builder::new()
        .name(name)
        .spawn(move || {
            let run = catch_unwind(AssertUnwindSafe(|| {
                let test = make_test();
                tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .start_paused(paused)
                    .build()
                    .expect("a tokio runtime")
                    .block_on(async {
                        if paused {
                            tokio::time::timeout(SIMULATED_LIMIT, test).await.is_ok()
                        } else {
                            test.await;
                            true
                        }
                    })
            }));
            let _ = finished.send(run);
        })
        .expect("a thread for the test");
    match outcome.recv_timeout(real_limit) {
        Ok(Ok(finished)) => Some(finished),
        Ok(Err(panic)) => resume_unwind(panic),
        Err(_) => None,
    }
}
