//! The learner's tests, run as plain processes: it is the learner's own code on the learner's own
//! machine, so there is no sandbox here (grading has one, in `crates/sandbox`). Each test runs
//! alone in a process of its own, with a deadline and capped output, and passes only when the
//! process exits cleanly and libtest's log (a file) says `ok`. It runs on Windows, macOS and Linux.

use anyhow::{Context, Result, bail};
use course::capture::{CappedReader, wait_or_stop};
use course::files::unique_number;
use course::libtest::{self, Ended, Exit, Limits, TestRun};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// The names of the tests in a libtest binary.
pub fn list(exe: &Path) -> Result<Vec<String>> {
    let output = Command::new(exe)
        .args(["--list", "--format", "terse"])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("listing the tests of {}", exe.display()))?;
    if !output.status.success() {
        bail!(
            "{} --list failed: {}",
            exe.display(),
            libtest::tail(&String::from_utf8_lossy(&output.stderr))
        );
    }
    Ok(libtest::listed(&String::from_utf8_lossy(&output.stdout)))
}

/// Runs the test `name` of `exe` alone.
pub fn run_one(exe: &Path, name: &str, limits: Limits) -> Result<TestRun> {
    let scratch = Scratch::new()?;
    let log = scratch.0.join("result.log");
    let mut child = Command::new(exe)
        .args(["--nocapture", "--color", "never", "--exact", name])
        .args(["--test-threads", "1", "--logfile"])
        .arg(&log)
        // The message is the panic's, not a backtrace that buries it.
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {}", exe.display()))?;
    let started = Instant::now();
    let flooded = Arc::new(AtomicBool::new(false));
    let stdout = CappedReader::start(child.stdout.take(), 0, limits.output_bytes, &flooded);
    let stderr = CappedReader::start(child.stderr.take(), 0, limits.output_bytes, &flooded);
    let (exit, stopped) = wait_or_stop(&mut child, &flooded, started, limits.timeout)?;
    if stopped.is_some() {
        let _ = child.kill();
        let _ = child.wait();
    }
    // Something the test started may still hold the pipes: wait a little, then go on without it.
    let deadline = Instant::now() + Duration::from_secs(2);
    let ended = Ended {
        exit: exit.map(Exit::of),
        stopped,
        stdout: stdout.finish(deadline),
        stderr: stderr.finish(deadline),
        log: std::fs::read_to_string(&log).unwrap_or_default(),
        duration: started.elapsed(),
    };
    let (status, message) = libtest::verdict(&ended, Some(name), limits);
    Ok(TestRun {
        status,
        message,
        duration: ended.duration,
    })
}

/// A folder of one run's own for libtest's log, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let dir = std::env::temp_dir().join(format!(
            "workbook-learn-{}-{}",
            std::process::id(),
            unique_number()
        ));
        std::fs::create_dir_all(&dir).with_context(|| format!("making {}", dir.display()))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
