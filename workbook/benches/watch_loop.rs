//! `workbook watch`'s loop, timed from outside: from a save in `src/` to the screen that shows its
//! result, for ex01 (paused-clock tests) and ex06 (real sockets), median of 6 saves each (a
//! solution and the stub in turn). The reference, in the same run: the same saves, each followed
//! by `cargo test -p <exercise>` by hand. What the watch adds to the build and the tests is the
//! difference.
//!
//! `cargo bench -p workbook --bench watch_loop` (the first run also builds the dependencies of
//! the learner's copy in target/bench-watch).

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{learner_copy, repo};

/// Everything the watch drew so far, and when each screen came.
type Screens = Arc<Mutex<Vec<(Instant, String)>>>;

/// Waits for a screen drawn after `since` that has `words`; returns when it came.
fn screen_after(screens: &Screens, since: Instant, words: &str) -> Instant {
    let deadline = since + Duration::from_secs(300);
    loop {
        if let Some((at, _)) = screens
            .lock()
            .unwrap()
            .iter()
            .find(|(at, s)| *at >= since && s.contains(words))
        {
            return *at;
        }
        if Instant::now() > deadline {
            let last = screens
                .lock()
                .unwrap()
                .last()
                .cloned()
                .unwrap_or((since, String::new()));
            panic!("no screen with `{words}`; the last one:\n{}", last.1);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn median(mut times: Vec<Duration>) -> (f64, String) {
    times.sort();
    let all: Vec<String> = times
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    let median = times[times.len() / 2].as_secs_f64();
    (
        median,
        format!("median {median:.2} s of [{}]", all.join(", ")),
    )
}

/// The save's contents in `round`: the solution and the stub in turn, with a comment that differs
/// each time, so that every save is a new build; and the words its result shows.
fn save(exercise: &str, round: usize) -> (String, bool) {
    let solution = round.is_multiple_of(2);
    let dir = if solution { "solutions" } else { "exercises" };
    let text = std::fs::read_to_string(repo().join(dir).join(exercise).join("src/lib.rs")).unwrap();
    (format!("{text}\n// save {round}\n"), solution)
}

const EXERCISES: [(&str, &str); 2] = [
    ("ex01-join", "4 of 4 tests fail"),
    ("ex06-http-client", "10 of 10 tests fail"),
];
const ROUNDS: usize = 6;

fn main() {
    let root = repo().join("target/bench-watch");
    let exercises = root.join("exercises");
    learner_copy(&exercises);
    let target = root.join("target");

    let mut watch = Command::new(env!("CARGO_BIN_EXE_workbook"))
        .args(["watch", "--lang", "en"])
        .current_dir(&exercises)
        .env("CARGO_TARGET_DIR", &target)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting workbook watch");
    let screens: Screens = Arc::default();
    let mut stdout = watch.stdout.take().unwrap();
    let drawn = screens.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        let mut text = String::new();
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
            // Each screen starts by clearing the last one.
            while let Some(end) = text[1..].find("\x1b[H").map(|i| i + 1) {
                let screen: String = text.drain(..end).collect();
                drawn.lock().unwrap().push((Instant::now(), screen));
            }
            if !text.is_empty() {
                drawn.lock().unwrap().push((Instant::now(), text.clone()));
            }
        }
    });
    // The first check of every exercise is done: ex01's stub fails.
    screen_after(&screens, Instant::now(), "4 of 4 tests fail");

    let mut watched = Vec::new();
    for (exercise, fail) in EXERCISES {
        let lib = exercises.join(exercise).join("src/lib.rs");
        let mut times = Vec::new();
        for round in 0..ROUNDS {
            let (text, passes) = save(exercise, round);
            let shows = if passes {
                format!("✓ {exercise} passes")
            } else {
                fail.to_string()
            };
            let saved = Instant::now();
            std::fs::write(&lib, text).unwrap();
            let shown = screen_after(&screens, saved, &shows);
            times.push(shown - saved);
            // The poll sees the same save up to a second later: let it pass before the next.
            std::thread::sleep(Duration::from_millis(1500));
        }
        watched.push(median(times));
    }
    let _ = watch.kill();
    let _ = watch.wait();

    // By hand: the same saves, each followed by `cargo test -p`, as a learner without watch.
    for ((exercise, _), (watch_median, watch_times)) in EXERCISES.iter().zip(watched) {
        let lib = exercises.join(exercise).join("src/lib.rs");
        let mut times = Vec::new();
        for round in 0..ROUNDS {
            let (text, passes) = save(exercise, round);
            let saved = Instant::now();
            std::fs::write(&lib, text).unwrap();
            let out = Command::new(env!("CARGO"))
                .args(["test", "--quiet", "-p", exercise])
                .current_dir(&exercises)
                .env("CARGO_TARGET_DIR", &target)
                .output()
                .unwrap();
            times.push(saved.elapsed());
            assert_eq!(out.status.success(), passes, "cargo test -p {exercise}");
        }
        let (hand_median, hand_times) = median(times);
        println!("{exercise}: save -> result on screen in `workbook watch`: {watch_times}");
        println!("{exercise}: save -> `cargo test -p {exercise}` done, by hand: {hand_times}");
        println!(
            "{exercise}: the watch adds {:+.2} s to the build and the tests (ratio {:.2})",
            watch_median - hand_median,
            watch_median / hand_median
        );
    }
}
