//! Where a learner stands: every exercise's tests, built and run in the learner's own workspace
//! (so it reuses what `cargo test` built), never a state file that could go stale.

use crate::run_tests;
use anyhow::Result;
use course::cargo::{BuildReport, build_report};
use course::libtest::Limits;
use course::{Exercise, Lang, Repo};
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
pub struct Checked {
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
pub fn check(repo: &Repo, jobs: usize) -> Result<Vec<Checked>> {
    let workspace = repo.exercises_dir().canonicalize()?;
    let report = build_report(&workspace, &target_dir(&workspace)?, None)?;
    repo.exercises()?
        .into_iter()
        .map(|exercise| state_of(&workspace, &report, exercise, jobs))
        .collect()
}

/// Builds and runs one exercise's tests.
pub fn check_one(repo: &Repo, exercise: &Exercise, jobs: usize) -> Result<Checked> {
    let workspace = repo.exercises_dir().canonicalize()?;
    let report = build_report(&workspace, &target_dir(&workspace)?, Some(&exercise.name))?;
    state_of(&workspace, &report, exercise.clone(), jobs)
}

fn state_of(
    workspace: &Path,
    report: &BuildReport,
    exercise: Exercise,
    jobs: usize,
) -> Result<Checked> {
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
    Ok(Checked { exercise, state })
}

fn run_all(exe: &Path, jobs: usize) -> Result<State> {
    let tests = run_tests::list(exe)?;
    let runs = course::pool::map(&tests, jobs, |test| {
        run_tests::run_one(exe, test, Limits::default())
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

/// The table `workbook check` prints, and the next step, in `lang`.
pub fn render(checked: &[Checked], lang: Lang) -> String {
    let mut out = match lang {
        Lang::Ko => String::from("연습 문제                         상태\n"),
        Lang::En => String::from("exercise                          status\n"),
    };
    for p in checked {
        let status = match (&p.state, lang) {
            (State::Passed { tests }, Lang::Ko) => format!("통과 (테스트 {tests}/{tests})"),
            (State::Passed { tests }, Lang::En) => format!("passed ({tests}/{tests} tests)"),
            (State::Failing { failing, tests, .. }, Lang::Ko) => format!(
                "테스트 {tests}개 중 {}개 실패: {}",
                failing.len(),
                failing.join(", ")
            ),
            (State::Failing { failing, tests, .. }, Lang::En) => format!(
                "{} of {tests} tests failing: {}",
                failing.len(),
                failing.join(", ")
            ),
            (State::DoesNotCompile { .. }, Lang::Ko) => "컴파일되지 않음".to_string(),
            (State::DoesNotCompile { .. }, Lang::En) => "does not compile".to_string(),
        };
        out.push_str(&format!("{:<33} {status}\n", p.exercise.name));
    }
    match checked
        .iter()
        .find(|p| !matches!(p.state, State::Passed { .. }))
    {
        Some(next) => {
            let name = &next.exercise.name;
            let chapter = next.exercise.chapter();
            out.push_str(&match lang {
                Lang::Ko => format!(
                    "\n다음: {name}. book/src/{chapter}(또는 `cargo workbook serve`의 같은 장)을 \
                     읽고, `cargo workbook watch`나 `cargo test -p {name}`을 실행하세요. 막히면 \
                     `cargo workbook hint {name}`.\n"
                ),
                Lang::En => format!(
                    "\nNext: {name}. Read book/src/{chapter} (or the same chapter in `cargo \
                     workbook serve`), then run `cargo workbook watch` or `cargo test -p {name}`. \
                     Stuck? `cargo workbook hint {name}`.\n"
                ),
            });
            if let State::DoesNotCompile { errors } = &next.state {
                let first: Vec<&str> = errors.iter().flat_map(|e| e.lines()).take(15).collect();
                out.push_str(&match lang {
                    Lang::Ko => format!(
                        "\n{name}이(가) 컴파일되지 않습니다:\n{}\n",
                        first.join("\n")
                    ),
                    Lang::En => format!("\n{name} does not compile:\n{}\n", first.join("\n")),
                });
            }
        }
        None => out.push_str(match lang {
            Lang::Ko => "\n모든 연습 문제가 통과합니다. 수고하셨습니다!\n",
            Lang::En => "\nEvery exercise passes. Well done!\n",
        }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(name: &str, state: State) -> Checked {
        Checked {
            exercise: Exercise {
                name: name.into(),
                dir: name.into(),
                solution_dir: name.into(),
            },
            state,
        }
    }

    #[test]
    fn check_speaks_the_learners_language() {
        let class = [
            checked("ex01-join", State::Passed { tests: 4 }),
            checked(
                "ex02-sequential-vs-concurrent",
                State::Failing {
                    failing: vec!["timed_measures".into()],
                    tests: 8,
                    first: String::new(),
                },
            ),
        ];
        let ko = render(&class, Lang::Ko);
        for words in [
            "통과 (테스트 4/4)",
            "테스트 8개 중 1개 실패: timed_measures",
            "다음: ex02-sequential-vs-concurrent",
            "cargo workbook watch",
        ] {
            assert!(ko.contains(words), "no `{words}` in:\n{ko}");
        }
        let en = render(&class, Lang::En);
        for words in [
            "passed (4/4 tests)",
            "1 of 8 tests failing: timed_measures",
            "Next: ex02-sequential-vs-concurrent",
        ] {
            assert!(en.contains(words), "no `{words}` in:\n{en}");
        }
        let done = render(&class[..1], Lang::Ko);
        assert!(done.contains("모든 연습 문제가 통과합니다"), "{done}");
    }
}
