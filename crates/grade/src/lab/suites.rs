//! Running what the lab built: each exercise's tests in one process, all at once (a suite), in
//! the sandbox when grading.
//!
//! A test the harness recorded keeps its verdict. When the suite ran out of time, the tests it
//! never recorded are the ones that hung: they are timed out, known after one timeout instead of
//! one each. When the process died early (a crash, `process::exit`, too much output), each test
//! it never recorded runs again alone, so the verdict falls on the test that did it. So does each
//! failure recorded before the grader stopped a process for its output: once the grader closes
//! the pipe, any test that prints fails ("Broken pipe"), through no fault of its own.

use super::{Built, Lab, Outcome, Target};
use course::libtest::{self, Limits, Status, TestRun};
use sandbox::Sandbox;
use sandbox::launch as run;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// How long each exercise's tests may run, from `grading.toml`'s `[timeouts]`.
#[derive(Debug, Clone)]
pub struct Budgets {
    pub default: Limits,
    /// Seconds by exercise name, where it differs from the default.
    pub per_exercise: BTreeMap<String, Duration>,
}

impl Budgets {
    /// The same limits for every exercise.
    pub fn uniform(limits: Limits) -> Budgets {
        Budgets {
            default: limits,
            per_exercise: BTreeMap::new(),
        }
    }

    pub fn limits(&self, exercise: &str) -> Limits {
        Limits {
            timeout: self
                .per_exercise
                .get(exercise)
                .copied()
                .unwrap_or(self.default.timeout),
            ..self.default
        }
    }
}

/// One exercise's tests in one of its owner's binaries.
#[derive(Debug, Clone)]
pub(crate) struct Suite {
    pub built: Built,
    pub target: Target,
    /// Cargo's binary.
    pub exe: PathBuf,
}

/// Every suite of `built`.
pub(crate) fn suites(built: &[Built]) -> Vec<Suite> {
    built
        .iter()
        .flat_map(|b| {
            b.binaries().map(|(target, exe)| Suite {
                built: b.clone(),
                target,
                exe: exe.clone(),
            })
        })
        .collect()
}

/// Each binary's runnable copy and its tests, made once however many suites share it.
#[derive(Default)]
pub(crate) struct Binaries {
    ready: Mutex<BTreeMap<PathBuf, Arc<OnceLock<Ready>>>>,
}

/// A binary's runnable copy and its tests' names, or why it cannot be run.
type Ready = Result<(PathBuf, Vec<String>), String>;

impl Binaries {
    fn get(
        &self,
        lab: &Lab,
        exe: &Path,
        sandbox: &Sandbox,
    ) -> Result<(PathBuf, Vec<String>), String> {
        let cell = self
            .ready
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(exe.to_path_buf())
            .or_default()
            .clone();
        cell.get_or_init(|| {
            let runnable = lab.runnable(exe, sandbox).map_err(|e| format!("{e:#}"))?;
            // A copy just written may be held open for writing a moment longer by a child that
            // another thread forked meanwhile (it closes at that child's exec): "Text file busy".
            let mut tries = 0;
            loop {
                match run::list_tests(&runnable, sandbox) {
                    Ok(tests) => return Ok((runnable, tests)),
                    Err(e) if tries < 20 && format!("{e:#}").contains("Text file busy") => {
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    Err(e) => return Err(format!("{e:#}")),
                }
            }
        })
        .clone()
    }
}

/// Runs one suite and returns an outcome for each of its tests.
pub(crate) fn test_suite(
    lab: &Lab,
    suite: &Suite,
    budgets: &Budgets,
    sandbox: &Sandbox,
    binaries: &Binaries,
) -> Vec<Outcome> {
    let b = &suite.built;
    let limits = budgets.limits(&b.variant.exercise.name);
    let outcome = |test: &str, run: TestRun| Outcome {
        owner: b.variant.owner.clone(),
        exercise: b.variant.exercise.name.clone(),
        target: suite.target,
        test: test
            .strip_prefix(&format!("{}::", b.module))
            .unwrap_or(test)
            .to_string(),
        run: TestRun {
            message: as_run_alone(&run.message, &b.module),
            ..run
        },
    };
    let (exe, all) = match binaries.get(lab, &suite.exe, sandbox) {
        Ok(ready) => ready,
        Err(e) => {
            // Unknown tests: one outcome that says why (the report lists the expected ones).
            return vec![outcome(
                &format!("{}::(all)", b.module),
                TestRun {
                    status: Status::NoResult,
                    message: format!("could not run the tests: {e}"),
                    duration: Duration::ZERO,
                },
            )];
        }
    };
    let prefix = format!("{}::", b.module);
    let tests: Vec<String> = all.into_iter().filter(|t| t.starts_with(&prefix)).collect();
    if tests.is_empty() {
        return Vec::new();
    }
    let suite_run = run::run_many(&exe, &tests, &prefix, sandbox, limits);
    let alone = |test: &str| {
        run::run_test(&exe, test, sandbox, limits).unwrap_or_else(|e| TestRun {
            status: Status::NoResult,
            message: format!("could not run the test: {e:#}"),
            duration: Duration::ZERO,
        })
    };
    let (mut recorded, stopped, duration) = match suite_run {
        Ok(r) => (r.recorded, r.stopped, r.duration),
        Err(_) => (BTreeMap::new(), None, Duration::ZERO),
    };
    tests
        .iter()
        .map(|test| {
            let run = match recorded.remove(test) {
                // A failure whose message could not be told apart from the others', or one the
                // grader may have caused by closing the pipe of a process that printed too much.
                Some(run)
                    if run.status == Status::Failed
                        && (run.message.is_empty() || stopped == Some(Status::OutputLimit)) =>
                {
                    alone(test)
                }
                Some(run) => run,
                None if stopped == Some(Status::TimedOut) => TestRun {
                    status: Status::TimedOut,
                    message: libtest::timed_out_message(limits),
                    duration,
                },
                None => alone(test),
            };
            outcome(test, run)
        })
        .collect()
}

/// A message as `cargo test -p` shows it: the test's thread named without the lab's module.
fn as_run_alone(message: &str, module: &str) -> String {
    message.replace(&format!("thread '{module}::"), "thread '")
}
