//! The learner's command built cold, as a fresh clone builds it on its first `cargo workbook check`
//! (the light build, `--no-default-features`, in an empty target directory), against the same
//! build of another revision measured in the same run: `--before REV` (default: the last commit
//! before the learner's tool and the grader became crates of their own).
//!
//! `cargo bench -p checks --bench learners_command [-- --before REV]`

use checks::repo;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The last single-crate revision: its light build still carried the grader's code.
const BEFORE_THE_SPLIT: &str = "44da10b";

fn cold_build(root: &Path, target: &Path) -> Duration {
    let _ = std::fs::remove_dir_all(target);
    let started = Instant::now();
    let status = Command::new(course::cargo::cargo())
        .args([
            "build",
            "--quiet",
            "--locked",
            "-p",
            "workbook",
            "--no-default-features",
        ])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .expect("running cargo");
    assert!(status.success(), "the build in {} failed", root.display());
    started.elapsed()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let before = args
        .iter()
        .position(|a| a == "--before")
        .and_then(|i| args.get(i + 1))
        .map_or(BEFORE_THE_SPLIT, String::as_str);
    let root = repo().root;
    let scratch = root.join("target/bench-learners-command");
    let old = scratch.join("before");
    let _ = std::fs::remove_dir_all(&old);
    std::fs::create_dir_all(&old).unwrap();
    let archive = Command::new("git")
        .args(["archive", "--format=tar", before])
        .current_dir(&root)
        .output()
        .expect("running git archive");
    assert!(archive.status.success(), "git archive {before} failed");
    let mut untar = Command::new("tar")
        .args(["-x", "-C"])
        .arg(&old)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("running tar");
    std::io::Write::write_all(&mut untar.stdin.take().unwrap(), &archive.stdout).unwrap();
    assert!(untar.wait().unwrap().success(), "tar failed");
    // Twice each, alternating, so a passing load weighs on both alike; the faster of each counts.
    let mut now = Vec::new();
    let mut then = Vec::new();
    for _ in 0..2 {
        then.push(cold_build(&old, &scratch.join("target-before")));
        now.push(cold_build(&root, &scratch.join("target-now")));
    }
    let (then, now) = (then.iter().min().unwrap(), now.iter().min().unwrap());
    println!(
        "the learner's command, cold: {:.1} s now, {:.1} s at {before}: {:.2} of it",
        now.as_secs_f64(),
        then.as_secs_f64(),
        now.as_secs_f64() / then.as_secs_f64()
    );
}
