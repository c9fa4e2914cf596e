//! Where a learner stands: every exercise's tests, built and run in the learner's own workspace
//! (so it reuses what `cargo test` built), never a state file that could go stale.

use crate::lab::cargo::build_report;
use crate::repo::{Exercise, Repo};
use crate::run::{self, Limits};
use crate::sandbox::Sandbox;
use anyhow::Result;
use std::path::Path;

#[derive(Debug, Clone)]
pub enum State {
    Passed {
        tests: usize,
    },
    Failing {
        failing: Vec<String>,
        tests: usize,
        /// The first failing test's message, in full.
        first: String,
    },
    DoesNotCompile {
        errors: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Progress {
    pub exercise: Exercise,
    pub state: State,
}

/// Where `cargo test` in `workspace` puts its builds: `CARGO_TARGET_DIR` if set, as cargo does.
fn target_dir(workspace: &Path) -> Result<std::path::PathBuf> {
    Ok(match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => std::env::current_dir()?.join(dir),
        None => workspace.join("target"),
    })
}

/// Builds and runs every exercise's tests in `exercises/`.
pub fn check(repo: &Repo, jobs: usize) -> Result<Vec<Progress>> {
    let workspace = repo.exercises_dir().canonicalize()?;
    let report = build_report(&workspace, &target_dir(&workspace)?, None)?;
    repo.exercises()?
        .into_iter()
        .map(|exercise| state_of(&workspace, &report, exercise, jobs))
        .collect()
}

/// Builds and runs one exercise's tests.
pub fn check_one(repo: &Repo, exercise: &Exercise, jobs: usize) -> Result<Progress> {
    let workspace = repo.exercises_dir().canonicalize()?;
    let report = build_report(&workspace, &target_dir(&workspace)?, Some(&exercise.name))?;
    state_of(&workspace, &report, exercise.clone(), jobs)
}

fn state_of(
    workspace: &Path,
    report: &crate::lab::cargo::BuildReport,
    exercise: Exercise,
    jobs: usize,
) -> Result<Progress> {
    let manifest = workspace.join(&exercise.name).join("Cargo.toml");
    let package = report.packages.get(&manifest);
    let state = match package.and_then(|p| p.test_binaries.get("exercise")) {
        None => State::DoesNotCompile {
            errors: package
                .map(|p| p.compile_errors.clone())
                .filter(|errors| !errors.is_empty())
                .unwrap_or_else(|| vec![report.stderr.clone()]),
        },
        Some(exe) => run_all(exe, jobs)?,
    };
    Ok(Progress { exercise, state })
}

fn run_all(exe: &Path, jobs: usize) -> Result<State> {
    let tests = run::list_tests(exe, &Sandbox::Off)?;
    let runs = crate::pool::map(&tests, jobs, |test| {
        run::run_test(exe, test, &Sandbox::Off, Limits::default())
    });
    let mut failing = Vec::new();
    let mut first = String::new();
    for (test, run) in tests.iter().zip(runs) {
        let run = run?;
        if !run.status.passed() {
            if failing.is_empty() {
                first = run.message;
            }
            failing.push(test.clone());
        }
    }
    Ok(if failing.is_empty() {
        State::Passed { tests: tests.len() }
    } else {
        State::Failing {
            failing,
            tests: tests.len(),
            first,
        }
    })
}

/// The table `workbook check` prints, and the next step.
pub fn render(progress: &[Progress]) -> String {
    let mut out = String::from("exercise                          status\n");
    for p in progress {
        let status = match &p.state {
            State::Passed { tests } => format!("passed ({tests}/{tests} tests)"),
            State::Failing { failing, tests, .. } => {
                format!(
                    "{} of {tests} tests failing: {}",
                    failing.len(),
                    failing.join(", ")
                )
            }
            State::DoesNotCompile { .. } => "does not compile".to_string(),
        };
        out.push_str(&format!("{:<33} {status}\n", p.exercise.name));
    }
    match progress
        .iter()
        .find(|p| !matches!(p.state, State::Passed { .. }))
    {
        Some(next) => {
            let name = &next.exercise.name;
            out.push_str(&format!(
                "\nNext: {name}. Read book/src/{} (or the same chapter in `cargo workbook serve`), \
                 then run `cargo test -p {name}`. Stuck? `cargo workbook hint {name}`.\n",
                next.exercise.chapter()
            ));
            if let State::DoesNotCompile { errors } = &next.state {
                let first: Vec<&str> = errors.iter().flat_map(|e| e.lines()).take(15).collect();
                out.push_str(&format!(
                    "\n{name} does not compile:\n{}\n",
                    first.join("\n")
                ));
            }
        }
        None => out.push_str("\nEvery exercise passes. Well done!\n"),
    }
    out
}
