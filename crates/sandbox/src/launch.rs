//! Runs tests of a compiled test binary (in the [`Sandbox`] when grading): one test alone
//! ([`run_test`]), or many at once in one process ([`run_many`]), with a wall-clock timeout and
//! capped output, and decides from the test harness's own record whether each passed.
//!
//! Run alone, a test passes only when the process exits cleanly *and* libtest's log says
//! `ok <name>`; run with others, when the log says so. The log cannot be forged by the code under
//! test:
//!
//! 1. the log is a FIFO in a folder the test cannot write to, and the test's stdout is a pipe
//!    filled to the brim before it starts: libtest opens its log for writing, then stops at its
//!    first line of output;
//! 2. the grader sees that the FIFO has its writer, and unlinks it: libtest keeps writing to its
//!    open end, but no path leads there any more (and without `/proc` no descriptor can be named);
//! 3. only then does the grader drain the pipe, and the test starts.
//!
//! Whatever the code under test prints, or however it exits (`process::exit(0)`, a stack
//! overflow, a hang), cannot turn into a pass. Tests run with `--nocapture`, so their output goes
//! straight to the grader's capped pipes instead of libtest's unbounded buffer.

use crate::Sandbox;
use crate::cgroup::{Cgroup, GroupLimits};
use crate::limits::{ProcessLimits, SandboxUser, running_as_root};
use anyhow::{Context, Result, bail};
use course::capture::{CappedReader, wait_or_stop};
use course::files::unique_number;
use course::libtest::{self, Ended, Exit, Limits, Status, TestRun, tail};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The names of the tests in a libtest binary.
pub fn list_tests(exe: &Path, sandbox: &Sandbox) -> Result<Vec<String>> {
    let limits = Limits {
        timeout: Duration::from_secs(30),
        ..Limits::default()
    };
    let ended = launch(
        exe,
        &["--list", "--format", "terse"],
        false,
        sandbox,
        limits,
    )
    .with_context(|| format!("listing the tests of {}", exe.display()))?;
    if ended.stopped.is_some() || !ended.exit.is_some_and(|e| e.success) {
        bail!("{} --list failed: {}", exe.display(), tail(&ended.stderr));
    }
    Ok(libtest::listed(&ended.stdout))
}

/// Runs the test `name` of `exe` alone.
pub fn run_test(exe: &Path, name: &str, sandbox: &Sandbox, limits: Limits) -> Result<TestRun> {
    run_logged(exe, Some(name), sandbox, limits)
}

/// Runs every test of `exe` in one process, as `cargo test` does: it passes when all of them do.
pub fn run_suite(exe: &Path, sandbox: &Sandbox, limits: Limits) -> Result<TestRun> {
    run_logged(exe, None, sandbox, limits)
}

/// The tests of one process that ran many, each as the harness recorded it.
#[derive(Debug)]
pub struct SuiteRun {
    /// By full test name: every test the harness recorded as passed or failed.
    pub recorded: BTreeMap<String, TestRun>,
    /// Why the grader stopped the process, if it did (`TimedOut`, `OutputLimit`).
    pub stopped: Option<Status>,
    /// How long the whole process ran.
    pub duration: Duration,
}

/// Runs the `tests` of `exe` (full names) in one process, all at once on threads of their own.
/// A test the harness recorded keeps its verdict, whatever the process did afterwards; the
/// caller decides what to make of the ones it did not record.
pub fn run_many(
    exe: &Path,
    tests: &[String],
    filter: &str,
    sandbox: &Sandbox,
    limits: Limits,
) -> Result<SuiteRun> {
    let threads = tests.len().clamp(1, 64).to_string();
    let args = [
        "--nocapture",
        "--color",
        "never",
        "--test-threads",
        &threads,
        filter,
    ];
    let ended = launch(exe, &args, true, sandbox, limits)?;
    let recorded = libtest::recorded(&ended, tests);
    Ok(SuiteRun {
        recorded,
        stopped: ended.stopped,
        duration: ended.duration,
    })
}

fn run_logged(
    exe: &Path,
    name: Option<&str>,
    sandbox: &Sandbox,
    limits: Limits,
) -> Result<TestRun> {
    let mut args = vec!["--nocapture", "--color", "never"];
    if let Some(name) = name {
        args.extend(["--exact", name, "--test-threads", "1"]);
    }
    let ended = launch(exe, &args, true, sandbox, limits)?;
    let (status, message) = libtest::verdict(&ended, name, limits);
    Ok(TestRun {
        status,
        message,
        duration: ended.duration,
    })
}

/// Runs `exe args` (in `sandbox`), with libtest's log secured first when `logged`.
fn launch(
    exe: &Path,
    args: &[&str],
    logged: bool,
    sandbox: &Sandbox,
    limits: Limits,
) -> Result<Ended> {
    use std::os::unix::process::CommandExt;
    // As root, a user of its own for this sandbox, held until every process of it is killed.
    let user = (sandbox.is_on() && running_as_root()).then(SandboxUser::take);
    let mut scratch = Scratch::new(logged)?;
    let (mut command, result_inside) =
        sandbox.command(exe, logged.then_some(scratch.result.as_path()));
    command.args(args);
    let mut prefill = 0;
    let mut stdout_read = None;
    if let Some(inside) = &result_inside {
        command.arg("--logfile").arg(inside.join(LOG));
        let (read, write) = std::io::pipe()?;
        prefill = fill(&write)?;
        command.stdout(Stdio::from(write));
        stdout_read = Some(read);
    } else {
        command.stdout(Stdio::piped());
    }
    command
        .stdin(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0);
    // As root, one memory, process and CPU budget for the whole sandbox, fork bombs included.
    let group = user.as_ref().and_then(|u| {
        let name = format!("workbook-{}-{}", u.id, unique_number());
        Cgroup::create(&name, GroupLimits::default()).map(Arc::new)
    });
    if sandbox.is_on() {
        let process_limits = ProcessLimits {
            user: user.as_ref().map(|u| u.id),
            ..ProcessLimits::for_timeout(limits.timeout)
        };
        crate::with_limits(&mut command, process_limits, group.clone());
    }
    let started = Instant::now();
    let mut child = command
        .spawn()
        .with_context(|| format!("starting {}", exe.display()))?;
    drop(command); // our copy of the pipe's write end: the test must hold the only one
    let flooded = Arc::new(AtomicBool::new(false));
    let stderr = CappedReader::start(child.stderr.take(), 0, limits.output_bytes, &flooded);

    let mut log = Vec::new();
    let stdout = if let Some(reader) = &mut scratch.log {
        secure_log(
            &mut child,
            reader,
            &scratch.result.join(LOG),
            started,
            limits.timeout,
            &mut log,
        )?;
        CappedReader::start(stdout_read, prefill, limits.output_bytes, &flooded)
    } else {
        CappedReader::start(child.stdout.take(), 0, limits.output_bytes, &flooded)
    };

    let (exit, stopped) = wait_or_stop(&mut child, &flooded, started, limits.timeout)?;
    // Kill the whole group: the sandbox, the test and anything it started. (In the sandbox, the
    // pid namespace dies with it, `setsid` children included.) Harmless if all are gone.
    let leader = rustix::process::Pid::from_child(&child);
    let _ = rustix::process::kill_process_group(leader, rustix::process::Signal::KILL);
    let exit = match exit {
        Some(exit) => Some(exit),
        None => child.wait().ok(),
    };
    let duration = started.elapsed();
    let stopped = stopped.or(flooded
        .load(Ordering::Relaxed)
        .then_some(Status::OutputLimit));
    // A child outside the sandbox may still hold the pipes: wait a little, then go on without it.
    let deadline = Instant::now() + Duration::from_secs(2);
    let stdout = stdout.finish(deadline);
    let stderr = stderr.finish(deadline);
    if let Some(reader) = &mut scratch.log {
        read_available(reader, &mut log)?;
    }
    let log = String::from_utf8_lossy(&log).into_owned();
    drop(group);
    drop(user);
    Ok(Ended {
        exit: exit.filter(|_| stopped.is_none()).map(Exit::of),
        stopped,
        stdout,
        stderr,
        log,
        duration,
    })
}

/// The log's file name in the result folder.
const LOG: &str = "result.log";

/// Fills a new pipe to its capacity, so the next write to it blocks; returns how much was written.
#[cfg(target_os = "linux")]
fn fill(write: &std::io::PipeWriter) -> Result<usize> {
    let size = rustix::pipe::fcntl_getpipe_size(write)?;
    write.try_clone()?.write_all(&vec![b'\n'; size])?;
    Ok(size)
}

/// Elsewhere a pipe's capacity cannot be read: nothing is filled, and the log is not secured
/// before the test starts. Only grading needs that, and grading needs Linux.
#[cfg(not(target_os = "linux"))]
fn fill(_write: &std::io::PipeWriter) -> Result<usize> {
    Ok(0)
}

/// Waits until libtest holds the log FIFO open for writing, then unlinks it. Anything already
/// written is added to `log`. Returns early, the log unsecured, when the process ended or ran out
/// of time first (it then ran no test code: the stdout pipe was still full).
fn secure_log(
    child: &mut Child,
    reader: &mut std::fs::File,
    path: &Path,
    started: Instant,
    timeout: Duration,
    log: &mut Vec<u8>,
) -> Result<()> {
    let mut buf = [0u8; 4096];
    loop {
        match reader.read(&mut buf) {
            // End of file: no writer yet.
            Ok(0) => {}
            Ok(n) => {
                log.extend_from_slice(&buf[..n]);
                break;
            }
            // No data, but a writer: libtest has opened its log.
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => break,
            Err(e) => return Err(e.into()),
        }
        if child.try_wait()?.is_some() || started.elapsed() >= timeout {
            return Ok(());
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    std::fs::remove_file(path).context("unlinking the log")?;
    Ok(())
}

/// Adds what the FIFO holds now to `log` (the writer is gone or has nothing more yet).
fn read_available(reader: &mut std::fs::File, log: &mut Vec<u8>) -> Result<()> {
    let mut buf = [0u8; 4096];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) if log.len() < 1 << 20 => log.extend_from_slice(&buf[..n]),
            Ok(_) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(()),
            Err(e) => return Err(e.into()),
        }
    }
}

/// A private folder for one run: `result/` holds libtest's log, a FIFO, when the run is logged.
/// Removed when dropped.
struct Scratch {
    dir: PathBuf,
    result: PathBuf,
    /// The grader's end of the log FIFO (non-blocking).
    log: Option<std::fs::File>,
}

impl Scratch {
    fn new(logged: bool) -> Result<Scratch> {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
        let dir = std::env::temp_dir().join(format!(
            "workbook-run-{}-{}",
            std::process::id(),
            unique_number()
        ));
        let result = dir.join("result");
        // Traversable by the sandbox's user; bound read-only into the sandbox.
        std::fs::DirBuilder::new()
            .mode(0o711)
            .recursive(true)
            .create(&result)?;
        let mut scratch = Scratch {
            dir,
            result,
            log: None,
        };
        if logged {
            let fifo = scratch.result.join(LOG);
            make_fifo(&fifo)?;
            // Any sandbox user may open it for writing: no one else can reach the folder.
            std::fs::set_permissions(&fifo, std::fs::Permissions::from_mode(0o622))?;
            scratch.log = Some(
                std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_NONBLOCK)
                    .open(&fifo)?,
            );
        }
        Ok(scratch)
    }
}

/// Makes a FIFO at `path`, for its owner only (the caller sets the mode it needs).
fn make_fifo(path: &Path) -> Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let path = std::ffi::CString::new(path.as_os_str().as_bytes())?;
    // SAFETY: mkfifo reads the NUL-terminated path, which lives until the call returns.
    if unsafe { libc::mkfifo(path.as_ptr(), 0o600) } != 0 {
        return Err(std::io::Error::last_os_error()).context("making the log FIFO");
    }
    Ok(())
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
