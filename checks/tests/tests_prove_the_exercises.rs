//! The promises about tests, proven by building every version of every exercise in one lab:
//! solutions pass, shipped stubs fail test by test, each wrong answer is caught, and nothing flakes.

use checks::{StandardLab, standard_lab, version, wrong_answers};
use course::libtest::{Limits, Status};
use course::pool::{default_jobs, map};
use grade::lab::Target;
use sandbox::Sandbox;
use sandbox::launch::run_suite;
use std::path::Path;
use std::time::Duration;

fn lab() -> &'static StandardLab {
    standard_lab(Path::new(env!("CARGO_TARGET_TMPDIR")))
}

/// Lists what went wrong, or passes.
fn assert_none(problems: Vec<String>, what: &str) {
    assert!(problems.is_empty(), "{what}:\n{}", problems.join("\n"));
}

#[test]
fn every_version_compiles() {
    let problems = lab()
        .built
        .iter()
        .filter(|b| !b.compiled())
        .map(|b| {
            format!(
                "{} of {}:\n{}",
                b.variant.owner,
                b.variant.exercise.name,
                b.compile_errors.join("\n")
            )
        })
        .collect();
    assert_none(problems, "these do not compile");
}

#[test]
fn every_solution_test_passes_hidden_ones_included() {
    let problems = lab()
        .outcomes_of(&version("solution"))
        .filter(|o| !o.run.status.passed())
        .map(|o| {
            format!(
                "{} {}: {} {}",
                o.exercise,
                o.id(),
                o.run.status.label(),
                o.run.message
            )
        })
        .collect();
    assert_none(problems, "solution tests that do not pass");
}

#[test]
fn every_test_fails_against_the_shipped_stub() {
    let problems = lab()
        .outcomes_of(&version("stub"))
        .filter(|o| o.run.status.passed())
        .map(|o| {
            format!(
                "{} {} passes before the learner wrote anything",
                o.exercise,
                o.id()
            )
        })
        .collect();
    assert_none(problems, "tests that cannot fail");
}

#[test]
fn every_exercise_has_learner_and_hidden_tests() {
    let lab = lab();
    let mut problems = Vec::new();
    for built in lab
        .built
        .iter()
        .filter(|b| b.variant.owner == version("solution"))
    {
        for target in Target::BOTH {
            let count = lab
                .outcomes_of(&version("solution"))
                .filter(|o| o.exercise == built.variant.exercise.name && o.target == target)
                .count();
            if count < 2 {
                problems.push(format!(
                    "{}: {count} {target} tests, expected 2 or more",
                    built.variant.exercise.name
                ));
            }
        }
    }
    assert_none(problems, "exercises short of tests");
}

#[test]
fn every_wrong_answer_is_caught_by_the_tests_it_names() {
    let lab = lab();
    let mut problems = Vec::new();
    for wrong in wrong_answers().unwrap() {
        let owner = wrong.owner();
        let outcomes: Vec<_> = lab.outcomes_of(&owner).collect();
        for test in &wrong.caught_by {
            match outcomes.iter().find(|o| &o.id() == test) {
                None => problems.push(format!(
                    "{owner}: no test {test} in {}",
                    wrong.exercise.name
                )),
                Some(o) if o.run.status.passed() => problems.push(format!(
                    "{owner} ({}) passes {test}, which should catch it",
                    wrong.mistake
                )),
                Some(_) => {}
            }
        }
        if !wrong.caught_by.iter().any(|t| t.starts_with("exercise::")) {
            problems.push(format!(
                "{owner}: no learner test catches it, only hidden ones"
            ));
        }
    }
    assert_none(problems, "wrong answers the tests let through");
}

#[test]
fn every_wrong_answer_is_told_its_mistake() {
    let lab = lab();
    let mut problems = Vec::new();
    for wrong in wrong_answers().unwrap() {
        let owner = wrong.owner();
        let messages: Vec<(&str, &str)> = lab
            .outcomes_of(&owner)
            .filter(|o| !o.run.status.passed() && o.target == Target::Exercise)
            .filter(|o| wrong.caught_by.contains(&o.id()))
            .map(|o| (o.test.as_str(), o.run.message.as_str()))
            .collect();
        let cue = wrong.cue.to_lowercase();
        if !messages
            .iter()
            .any(|(_, m)| m.to_lowercase().contains(&cue))
        {
            problems.push(format!(
                "{owner} ({}): no learner test that catches it says \"{}\":\n{}",
                wrong.mistake,
                wrong.cue,
                messages
                    .iter()
                    .map(|(test, m)| format!("  {test}: {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
        }
    }
    assert_none(
        problems,
        "wrong answers whose failure messages miss their cue",
    );
}

#[test]
fn no_test_hangs_on_the_paused_clock() {
    // A test on the paused clock that cannot finish fails within 1 s of real time (5 s leaves room
    // for a loaded machine); a test on the real clock has deadlines of its own. None may reach the
    // lab's 20 s limit.
    let lab = lab();
    let on_paused_clock: Vec<String> = checks::repo()
        .exercises()
        .unwrap()
        .into_iter()
        .filter(|e| {
            let tests = std::fs::read_to_string(e.test_file()).unwrap();
            tests.contains("on_paused_clock(")
        })
        .map(|e| e.name)
        .collect();
    let too_long = |o: &&grade::lab::Outcome| {
        o.run.status == Status::TimedOut
            || (on_paused_clock.contains(&o.exercise) && o.run.duration > Duration::from_secs(5))
    };
    let problems = lab
        .outcomes
        .iter()
        .filter(too_long)
        .map(|o| {
            format!(
                "{} of {}: {} {} after {:.1} s",
                o.owner,
                o.exercise,
                o.id(),
                o.run.status.label(),
                o.run.duration.as_secs_f64()
            )
        })
        .collect();
    assert_none(
        problems,
        "tests that ran into the time limit instead of failing",
    );
}

#[test]
fn every_exercise_keeps_six_or_more_wrong_answers() {
    let wrong = wrong_answers().unwrap();
    let problems = checks::repo()
        .exercises()
        .unwrap()
        .iter()
        .filter(|e| wrong.iter().filter(|w| w.exercise.name == e.name).count() < 6)
        .map(|e| {
            format!(
                "{}: fewer than 6 in checks/wrong-answers/{}/",
                e.name, e.name
            )
        })
        .collect();
    assert_none(problems, "exercises without a wrong-answer collection");
}

#[test]
fn solution_suites_pass_twenty_times_in_a_row() {
    // The solutions' two binaries (every exercise's learner's tests, and the hidden ones), each
    // run whole in one process as `cargo test` runs it, twenty times.
    let mut suites: Vec<_> = lab()
        .built
        .iter()
        .filter(|b| b.variant.owner == version("solution"))
        .flat_map(|b| b.binaries())
        .collect();
    suites.sort();
    suites.dedup();
    let reports = map(&suites, default_jobs(), |(target, exe)| {
        let failures: Vec<String> = (1..=20)
            .filter_map(|round| {
                let run = run_suite(exe, &Sandbox::Off, Limits::default()).unwrap();
                (!run.status.passed())
                    .then(|| format!("  round {round}: {} {}", run.status.label(), run.message))
            })
            .collect();
        (!failures.is_empty()).then(|| format!("the {target} tests:\n{}", failures.join("\n")))
    });
    assert_none(
        reports.into_iter().flatten().collect(),
        "flaky solution suites (same code, different results)",
    );
}

#[test]
fn every_failure_message_a_quiz_quotes_is_what_the_tests_say() {
    use book_tools::quiz;
    let lab = lab();
    let repo = checks::repo();
    let mut quoted = 0;
    let mut problems = Vec::new();
    let quizzes = std::fs::read_dir(repo.book_dir().join("quizzes")).unwrap();
    for file in quizzes.flatten() {
        for question in quiz::load(&file.path()).unwrap().questions {
            let (Some(message), Some(named)) =
                (&question.prompt.message, &question.prompt.wrong_answer)
            else {
                continue;
            };
            quoted += 1;
            let wrong = wrong_answers().unwrap().into_iter().find(|w| {
                let stem = w.file.file_stem().unwrap().to_string_lossy();
                format!("{}/{stem}", w.exercise.name) == *named
            });
            let Some(wrong) = wrong else {
                problems.push(format!("{}: no wrong answer {named}", question.id));
                continue;
            };
            let owner = wrong.owner();
            let said: Vec<&str> = lab
                .outcomes_of(&owner)
                .filter(|o| !o.run.status.passed() && o.target == Target::Exercise)
                .map(|o| o.run.message.as_str())
                .collect();
            if !said.iter().any(|m| m.contains(message.as_str())) {
                problems.push(format!(
                    "{}: the tests never say\n  {message}\nto {named}; they say:\n  {}",
                    question.id,
                    said.join("\n  ")
                ));
            }
        }
    }
    assert!(quoted > 0, "no quiz quotes a failure message");
    assert_none(problems, "quiz questions that misquote the tests");
}
