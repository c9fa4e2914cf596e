//! Runs one test of a compiled test binary in a process of its own, with a wall-clock timeout and
//! capped output, and decides from the test harness's own record whether it passed.
//!
//! A test passes only when the process exits cleanly *and* libtest's log file (a path the test
//! cannot see printed anywhere) says `ok <name>`. Whatever the code under test prints, or however it
//! exits (`process::exit(0)`, a stack overflow, a hang), cannot turn into a pass.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long one test may run and how much it may print.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub timeout: Duration,
    /// Per stream (stdout, stderr); past this the process is killed.
    pub output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(20),
            output_bytes: 256 * 1024,
        }
    }
}

/// How one test ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    Failed,
    /// Still running at the time limit: killed with its whole process group.
    TimedOut,
    /// Killed by a signal (a stack overflow, an abort).
    Crashed,
    /// Printed more than the output limit: killed.
    OutputLimit,
    /// Exited without the harness recording a result (`process::exit` from the code under test).
    NoResult,
}

impl Status {
    pub fn passed(self) -> bool {
        self == Status::Passed
    }

    /// A short label for tables and feedback.
    pub fn label(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::TimedOut => "timed out",
            Status::Crashed => "crashed",
            Status::OutputLimit => "output limit exceeded",
            Status::NoResult => "exited without a result",
        }
    }
}

/// The result of running one test.
#[derive(Debug, Clone)]
pub struct TestRun {
    pub status: Status,
    /// What a learner needs to read: the failure message, or why the run was stopped.
    pub message: String,
    pub duration: Duration,
}

/// The names of the tests in a libtest binary.
pub fn list_tests(exe: &Path) -> Result<Vec<String>> {
    let out = Command::new(exe)
        .args(["--list", "--format", "terse"])
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("listing the tests of {}", exe.display()))?;
    if !out.status.success() {
        bail!(
            "{} --list failed: {}",
            exe.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(str::to_string)
        .collect())
}

/// Runs the test `name` of `exe` alone, in `cwd`.
pub fn run_test(exe: &Path, name: &str, cwd: &Path, limits: Limits) -> Result<TestRun> {
    run_logged(exe, Some(name), cwd, limits)
}

/// Runs every test of `exe` in one process, as `cargo test` does: it passes when all of them do.
pub fn run_suite(exe: &Path, cwd: &Path, limits: Limits) -> Result<TestRun> {
    run_logged(exe, None, cwd, limits)
}

fn run_logged(exe: &Path, name: Option<&str>, cwd: &Path, limits: Limits) -> Result<TestRun> {
    let scratch = std::env::temp_dir().join(format!(
        "workbook-run-{}-{}",
        std::process::id(),
        unique_number()
    ));
    std::fs::create_dir_all(&scratch)?;
    let logfile = scratch.join("result.log");
    let run = run_with_log(exe, name, cwd, limits, &logfile);
    let _ = std::fs::remove_dir_all(&scratch);
    run
}

fn run_with_log(
    exe: &Path,
    name: Option<&str>,
    cwd: &Path,
    limits: Limits,
    logfile: &Path,
) -> Result<TestRun> {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let started = Instant::now();
    let mut command = Command::new(exe);
    if let Some(name) = name {
        command.args(["--exact", name, "--test-threads", "1"]);
    }
    let mut child = command
        .args(["--color", "never", "--logfile"])
        .arg(logfile)
        .current_dir(cwd)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .with_context(|| format!("starting {}", exe.display()))?;
    let flooded = Arc::new(AtomicBool::new(false));
    let stdout = capped_reader(child.stdout.take(), limits.output_bytes, flooded.clone());
    let stderr = capped_reader(child.stderr.take(), limits.output_bytes, flooded.clone());

    let pgid = child.id() as i32;
    let (exit, stopped) = loop {
        if let Some(exit) = child.try_wait()? {
            break (Some(exit), None);
        }
        if flooded.load(Ordering::Relaxed) {
            break (None, Some(Status::OutputLimit));
        }
        if started.elapsed() >= limits.timeout {
            break (None, Some(Status::TimedOut));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Kill the whole group: the test and anything it started. Harmless if all are gone.
    // SAFETY: kill(2) with a negative pid only sends a signal; no memory is touched.
    unsafe { libc::kill(-pgid, libc::SIGKILL) };
    let exit = match exit {
        Some(exit) => exit,
        None => child.wait()?,
    };
    let duration = started.elapsed();
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();

    let (status, message) = match stopped {
        Some(Status::TimedOut) => (
            Status::TimedOut,
            format!(
                "did not finish within {} s of real time: does something wait forever, or block the \
                 runtime's thread (std::thread::sleep, a busy loop)?",
                limits.timeout.as_secs()
            ),
        ),
        Some(status) => (
            status,
            format!(
                "printed more than {} KiB and was stopped: is something printing in a loop?",
                limits.output_bytes / 1024
            ),
        ),
        None => {
            let log = std::fs::read_to_string(logfile).unwrap_or_default();
            let failed: Vec<&str> = log
                .lines()
                .filter_map(|l| l.strip_prefix("failed "))
                .collect();
            let recorded_ok = match name {
                Some(name) => log.lines().any(|l| l.strip_prefix("ok ") == Some(name)),
                None => failed.is_empty() && log.lines().any(|l| l.starts_with("ok ")),
            };
            if exit.success() && recorded_ok {
                (Status::Passed, String::new())
            } else if let Some(signal) = exit.signal() {
                let why = if signal == libc::SIGABRT || signal == libc::SIGSEGV {
                    " (a stack overflow or an abort: is there unbounded recursion?)"
                } else {
                    ""
                };
                (
                    Status::Crashed,
                    format!("killed by signal {signal}{why}\n{}", tail(&stderr)),
                )
            } else if !failed.is_empty() {
                let messages: Vec<String> =
                    failed.iter().map(|n| failure_message(&stdout, n)).collect();
                (Status::Failed, messages.join("\n\n"))
            } else if exit.success() && name.is_none() && log.trim().is_empty() {
                (Status::NoResult, "the suite ran no test".to_string())
            } else {
                let code = exit.code().unwrap_or(-1);
                (
                    Status::NoResult,
                    format!(
                        "the test process exited (code {code}) before the test reported a result: \
                         does the code call std::process::exit?"
                    ),
                )
            }
        }
    };
    Ok(TestRun {
        status,
        message,
        duration,
    })
}

/// Reads a child's stream on a thread, keeping at most `cap` bytes; past that it raises `flooded`.
fn capped_reader(
    stream: Option<impl Read + Send + 'static>,
    cap: usize,
    flooded: Arc<AtomicBool>,
) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let Some(mut stream) = stream else {
            return String::new();
        };
        let mut kept = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = stream.read(&mut buf) {
            if n == 0 {
                break;
            }
            let room = cap.saturating_sub(kept.len());
            kept.extend_from_slice(&buf[..n.min(room)]);
            if n > room {
                flooded.store(true, Ordering::Relaxed);
                break;
            }
        }
        String::from_utf8_lossy(&kept).into_owned()
    })
}

/// The panic message of a failed test, from libtest's `---- name stdout ----` section.
fn failure_message(stdout: &str, name: &str) -> String {
    let header = format!("---- {name} stdout ----");
    let Some(start) = stdout.find(&header) else {
        return tail(stdout);
    };
    let body = &stdout[start + header.len()..];
    let end = body.find("\nfailures:").unwrap_or(body.len());
    let message = body[..end].trim();
    let message = message
        .strip_prefix(&format!("thread '{name}' "))
        .unwrap_or(message);
    message.replace(
        "\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
        "",
    )
}

/// The last lines of a long output, enough to explain a failure without flooding a report.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    lines[lines.len().saturating_sub(20)..].join("\n")
}

fn unique_number() -> u64 {
    use std::sync::atomic::AtomicU64;
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
