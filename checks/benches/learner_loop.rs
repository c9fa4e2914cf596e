//! The learner's loop: after an edit to `exercises/ex01-join/src/lib.rs`, how long until
//! `cargo test -p ex01-join` shows the result (median of 5). With `--cold`, first the set-up: the
//! whole exercises workspace built from nothing (a fresh target directory).
//!
//! `cargo bench -p checks --bench learner_loop [-- --cold]`

use checks::repo;
use std::process::Command;
use std::time::{Duration, Instant};

fn cargo_test(dir: &std::path::Path, args: &[&str], target: Option<&std::path::Path>) -> Duration {
    let mut command = Command::new(course::cargo::cargo());
    command
        .args(["test", "--quiet"])
        .args(args)
        .current_dir(dir);
    if let Some(target) = target {
        command.env("CARGO_TARGET_DIR", target);
    }
    let started = Instant::now();
    // The stub's tests fail: that is the result the learner waits for, not an error here.
    let _ = command.output().expect("running cargo");
    started.elapsed()
}

fn main() {
    let exercises = repo().exercises_dir();
    if std::env::args().any(|a| a == "--cold") {
        let fresh = repo().root.join("target/bench-cold");
        let _ = std::fs::remove_dir_all(&fresh);
        let took = cargo_test(&exercises, &["--workspace", "--no-run"], Some(&fresh));
        println!(
            "cold set-up (build every exercise and its dependencies): {:.1} s",
            took.as_secs_f64()
        );
    }
    let lib = exercises.join("ex01-join/src/lib.rs");
    let original = std::fs::read_to_string(&lib).unwrap();
    cargo_test(&exercises, &["-p", "ex01-join"], None);
    let mut times: Vec<Duration> = (0..5)
        .map(|i| {
            std::fs::write(&lib, format!("{original}// edit {i}\n")).unwrap();
            cargo_test(&exercises, &["-p", "ex01-join"], None)
        })
        .collect();
    std::fs::write(&lib, original).unwrap();
    times.sort();
    let all: Vec<String> = times
        .iter()
        .map(|t| format!("{:.2}", t.as_secs_f64()))
        .collect();
    println!(
        "edit -> test result (cargo test -p ex01-join): median {:.2} s of [{}]",
        times[2].as_secs_f64(),
        all.join(", ")
    );
}
