//! What libtest says, read the same way by the learner's plain runs and the grader's sandboxed
//! ones: the test list, libtest's log (`ok name` / `failed name`), the panic messages in a
//! test's stderr, and the verdict on a finished (or stopped) test process.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::process::ExitStatus;
use std::time::Duration;

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

/// How a test process ended, as the platform tells it.
#[derive(Debug, Clone, Copy)]
pub struct Exit {
    pub success: bool,
    pub code: Option<i32>,
    /// The signal that killed it (only on Unix).
    pub signal: Option<i32>,
}

impl Exit {
    pub fn of(status: ExitStatus) -> Exit {
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&status);
        #[cfg(not(unix))]
        let signal = None;
        Exit {
            success: status.success(),
            code: status.code(),
            signal,
        }
    }
}

/// What a finished (or stopped) test process left behind.
#[derive(Debug, Default)]
pub struct Ended {
    /// `None` when it was stopped, or could not be waited for.
    pub exit: Option<Exit>,
    /// Why the runner stopped it, if it did (`TimedOut`, `OutputLimit`).
    pub stopped: Option<Status>,
    pub stdout: String,
    pub stderr: String,
    /// libtest's log (`--logfile`).
    pub log: String,
    pub duration: Duration,
}

// The signals a verdict explains: the same numbers on Linux and macOS.
const SIGABRT: i32 = 6;
const SIGSEGV: i32 = 11;
const SIGXCPU: i32 = 24;
const SIGXFSZ: i32 = 25;

/// The test names in the output of `--list --format terse`.
pub fn listed(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| l.strip_suffix(": test"))
        .map(str::to_string)
        .collect()
}

/// Every one of `tests` (full names) that libtest's log records as passed or failed, with its
/// failure message: a recorded test keeps its verdict, whatever the process did afterwards.
pub fn recorded(ended: &Ended, tests: &[String]) -> BTreeMap<String, TestRun> {
    let mut recorded = BTreeMap::new();
    for line in ended.log.lines() {
        let (status, name) = if let Some(name) = line.strip_prefix("ok ") {
            (Status::Passed, name)
        } else if let Some(name) = line.strip_prefix("failed ") {
            (Status::Failed, name)
        } else {
            continue;
        };
        if !tests.iter().any(|t| t == name) {
            continue;
        }
        let message = match status {
            Status::Failed => panic_of(&ended.stderr, name),
            _ => String::new(),
        };
        recorded.insert(
            name.to_string(),
            TestRun {
                status,
                message,
                duration: ended.duration,
            },
        );
    }
    recorded
}

/// The message a test that timed out gets.
pub fn timed_out_message(limits: Limits) -> String {
    format!(
        "did not finish within {} s of real time: does something wait forever, or block the \
         runtime's thread (std::thread::sleep, a busy loop)?",
        limits.timeout.as_secs()
    )
}

/// What the thread of test `name` printed when it panicked (its thread has the test's name),
/// up to the next panic; empty when it cannot be told apart.
pub fn panic_of(stderr: &str, name: &str) -> String {
    let mut lines = stderr
        .lines()
        .skip_while(|line| panicked_thread(line) != Some(name));
    let Some(first) = lines.next() else {
        return String::new();
    };
    let mut message = without_thread_id(first);
    message.push('\n');
    for line in lines.take_while(|line| !line.starts_with("thread '")) {
        if line.starts_with("note: run with `RUST_BACKTRACE=1`") {
            continue;
        }
        message.push_str(line);
        message.push('\n');
    }
    tail(message.trim())
}

/// The thread named in a panic's first line: `thread 'name' panicked at …`, or since Rust 1.89
/// `thread 'name' (12345) panicked at …`.
fn panicked_thread(line: &str) -> Option<&str> {
    let (name, rest) = line.strip_prefix("thread '")?.split_once("' ")?;
    let rest = match rest.strip_prefix('(') {
        Some(id) => {
            let (digits, rest) = id.split_once(") ")?;
            digits.bytes().all(|b| b.is_ascii_digit()).then_some(rest)?
        }
        None => rest,
    };
    rest.starts_with("panicked at").then_some(name)
}

/// A panic's first line without the thread's id, which differs from run to run.
fn without_thread_id(line: &str) -> String {
    match (panicked_thread(line), line.find("panicked at")) {
        (Some(name), Some(at)) => format!("thread '{name}' {}", &line[at..]),
        _ => line.to_string(),
    }
}

/// The verdict on one run, from the log, the exit and the output.
pub fn verdict(ended: &Ended, name: Option<&str>, limits: Limits) -> (Status, String) {
    match ended.stopped {
        Some(Status::TimedOut) => return (Status::TimedOut, timed_out_message(limits)),
        Some(status) => {
            return (
                status,
                format!(
                    "printed more than {} KiB and was stopped: is something printing in a loop?",
                    limits.output_bytes / 1024
                ),
            );
        }
        None => {}
    }
    let Some(exit) = ended.exit else {
        return (
            Status::NoResult,
            "the test process could not be waited for".into(),
        );
    };
    let log = &ended.log;
    let failed: Vec<&str> = log
        .lines()
        .filter_map(|l| l.strip_prefix("failed "))
        .collect();
    let recorded_ok = match name {
        Some(name) => log.lines().any(|l| l.strip_prefix("ok ") == Some(name)),
        None => failed.is_empty() && log.lines().any(|l| l.starts_with("ok ")),
    };
    // bubblewrap reports a test killed by signal N as its own exit code 128 + N.
    let signal = exit.signal.or(exit
        .code
        .filter(|c| (129..=192).contains(c))
        .map(|c| c - 128));
    if exit.success && recorded_ok {
        (Status::Passed, String::new())
    } else if let Some(signal) = signal {
        let why = match signal {
            SIGABRT | SIGSEGV => {
                " (a stack overflow or an abort: is there unbounded recursion, or memory without end?)"
            }
            SIGXCPU => " (its CPU time ran out: a busy loop?)",
            SIGXFSZ => " (it wrote a file past the size limit)",
            _ => "",
        };
        (
            Status::Crashed,
            format!("killed by signal {signal}{why}\n{}", tail(&ended.stderr)),
        )
    } else if !failed.is_empty() {
        (
            Status::Failed,
            failure_message(&ended.stderr, &ended.stdout),
        )
    } else if exit.success && name.is_none() && log.trim().is_empty() {
        (Status::NoResult, "the suite ran no test".to_string())
    } else {
        let code = exit.code.unwrap_or(-1);
        (
            Status::NoResult,
            format!(
                "the test process exited (code {code}) before the test reported a result: does the \
                 code call std::process::exit?"
            ),
        )
    }
}

/// The panic messages of a failed test, from its stderr (tests run with `--nocapture`).
fn failure_message(stderr: &str, stdout: &str) -> String {
    let Some(start) = stderr.find("thread '") else {
        return tail(if stderr.trim().is_empty() {
            stdout
        } else {
            stderr
        });
    };
    let mut message = String::new();
    for line in stderr[start..].lines() {
        if line.starts_with("note: run with `RUST_BACKTRACE=1`") {
            continue;
        }
        message.push_str(&without_thread_id(line));
        message.push('\n');
    }
    tail(message.trim())
}

/// The last lines of a long output, enough to explain a failure without flooding a report.
pub fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const STDERR: &str = "\
thread 'm::first' (4711) panicked at tests/exercise.rs:10:5:
took 3 s
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace
thread 'm::second' panicked at tests/exercise.rs:20:5:
took 2 s
";

    #[test]
    fn a_panic_is_found_with_or_without_the_thread_id() {
        assert_eq!(
            panic_of(STDERR, "m::first"),
            "thread 'm::first' panicked at tests/exercise.rs:10:5:\ntook 3 s"
        );
        assert_eq!(
            panic_of(STDERR, "m::second"),
            "thread 'm::second' panicked at tests/exercise.rs:20:5:\ntook 2 s"
        );
        assert_eq!(panic_of(STDERR, "m::third"), "");
        assert_eq!(panic_of(STDERR, "m::fir"), "");
    }

    #[test]
    fn a_failure_message_has_no_thread_id() {
        assert!(!failure_message(STDERR, "").contains("4711"));
    }
}
