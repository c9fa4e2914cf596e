//! A small synthetic class graded by hand: the exports' unit tests (`grade::exports`) and the class
//! report's browser test share it. Whoever includes this file provides `super::results` (the
//! crate's `grade::results`).
//!
//! It has one student of each kind a report must show: full marks, a hidden test that fails with
//! a message no export may show, a crate that does not compile, a test that timed out and one that
//! crashed, integrity and review flags, an alert, a submission that could not be graded, a Korean
//! name and a name that HTML must escape.
#![allow(dead_code)]

use super::results::TestStatus::{Crashed, Failed, NotBuilt, Passed, TimedOut};
use super::results::{
    Compile, ExerciseResult, SCHEMA, StudentResult, Target, TestResult, TestStatus,
};

/// The message of the failing hidden test: no export and no report may show it.
pub const SECRET: &str = "SECRET-7f3a: the instructor's fixture expected 42";

/// The exercises of the class, in order.
pub const EXERCISES: [&str; 2] = ["ex01-join", "ex02-sequential-vs-concurrent"];

fn test(
    target: Target,
    name: &str,
    status: TestStatus,
    max_points: u32,
    message: &str,
) -> TestResult {
    TestResult {
        target,
        name: name.into(),
        status,
        points: if status == TestStatus::Passed {
            max_points
        } else {
            0
        },
        max_points,
        message: message.into(),
        duration_ms: if status == TestStatus::TimedOut {
            10_000
        } else {
            12
        },
    }
}

/// ex01's tests: `[visible, visible, hidden]` with these statuses and messages.
fn ex01(statuses: [(TestStatus, &str); 3]) -> ExerciseResult {
    let [(a, ma), (b, mb), (c, mc)] = statuses;
    exercise(
        "ex01-join",
        Compile::Ok,
        Vec::new(),
        vec![
            test(Target::Exercise, "takes_one_second_not_three", a, 2, ma),
            test(Target::Exercise, "returns_results_in_order", b, 1, mb),
            test(Target::Hidden, "joins_a_hundred_calls", c, 2, mc),
        ],
    )
}

/// ex02's tests: one visible, one hidden, both with `status`.
fn ex02(compile: Compile, errors: &[&str], status: TestStatus, message: &str) -> ExerciseResult {
    exercise(
        "ex02-sequential-vs-concurrent",
        compile,
        errors.iter().map(|e| e.to_string()).collect(),
        vec![
            test(
                Target::Exercise,
                "spawned_tasks_overlap",
                status,
                2,
                message,
            ),
            test(Target::Hidden, "spawned_tasks_are_awaited", status, 1, ""),
        ],
    )
}

fn exercise(
    name: &str,
    compile: Compile,
    compile_errors: Vec<String>,
    tests: Vec<TestResult>,
) -> ExerciseResult {
    ExerciseResult {
        name: name.into(),
        compile,
        compile_errors,
        points: tests.iter().map(|t| t.points).sum(),
        max_points: tests.iter().map(|t| t.max_points).sum(),
        tests,
    }
}

fn student(name: &str, exercises: Vec<ExerciseResult>) -> StudentResult {
    StudentResult {
        schema: SCHEMA,
        student: name.into(),
        hash: String::new(),
        problem: None,
        status: Default::default(),
        integrity: Vec::new(),
        review: Vec::new(),
        alerts: Vec::new(),
        points: exercises.iter().map(|e| e.points).sum(),
        max_points: exercises.iter().map(|e| e.max_points).sum(),
        exercises,
        sandboxed: true,
        signature: None,
    }
}

const PASSED: (TestStatus, &str) = (Passed, "");
const TOOK_THREE: &str = "thread 'takes_one_second_not_three' panicked at \
    /work/grading-lab/student-김영희/ex01-join/tests/exercise.rs:87:9:\n\
    assertion `left == right` failed: fetch_all took 3.000 s of simulated time, expected 1.000 s";
const COMPILE_ERROR: &str = "error[E0308]: mismatched types\n \
    --> exercises/ex02-sequential-vs-concurrent/src/lib.rs:14:5\n   |\n14 |     3\n   |     ^ expected `Vec<u32>`, found integer";

/// The class, sorted by name as `read_results` returns it.
pub fn class() -> Vec<StudentResult> {
    let alice = student(
        "alice",
        vec![
            ex01([PASSED, PASSED, PASSED]),
            ex02(Compile::Ok, &[], Passed, ""),
        ],
    );
    // A Korean name; the hidden test fails with the secret; ex02 does not compile.
    let younghee = student(
        "김영희",
        vec![
            ex01([PASSED, (Failed, TOOK_THREE), (Failed, SECRET)]),
            ex02(Compile::Failed, &[COMPILE_ERROR], NotBuilt, ""),
        ],
    );
    // A test that timed out and one that crashed; flags for review and integrity.
    let mut bora = student(
        "bora",
        vec![
            ex01([
                (
                    TimedOut,
                    "did not finish within 10 s of real time: does something wait forever?",
                ),
                (
                    Crashed,
                    "the test process was killed by signal 11 (SIGSEGV)",
                ),
                (TimedOut, SECRET),
            ]),
            ex02(Compile::Failed, &[COMPILE_ERROR], NotBuilt, ""),
        ],
    );
    bora.integrity =
        vec!["ex01-join/tests/exercise.rs was changed (not used: the original was)".into()];
    bora.review = vec!["ex01-join/src/lib.rs:12 calls std::process::exit".into()];
    // Same failure as 김영희, with other numbers: one group in the report.
    let mut chul = student(
        "chul",
        vec![
            ex01([
                (
                    Failed,
                    "thread 'takes_one_second_not_three' panicked at \
                     /work/grading-lab/student-chul/ex01-join/tests/exercise.rs:87:9:\n\
                     assertion `left == right` failed: fetch_all took 2.500 s of simulated time, \
                     expected 1.000 s",
                ),
                PASSED,
                PASSED,
            ]),
            ex02(Compile::Ok, &[], Passed, ""),
        ],
    );
    // As `scan::alerts` words it.
    chul.alerts = vec![
        "ex01-join/src/lib.rs:3 has the shape of a compiler soundness hole (two lifetime \
         parameters or a `for<'a> fn` pointer; rust-lang/rust#25860, cve-rs) with which safe code \
         can forge a pass: read it before trusting its points"
            .into(),
    ];
    // Could not be graded, and graded without the sandbox; a name HTML must escape.
    let mut eve = student(
        "eve<b>&co",
        vec![
            ex01([(NotBuilt, ""), (NotBuilt, ""), (NotBuilt, "")]),
            ex02(Compile::Missing, &[], NotBuilt, ""),
        ],
    );
    eve.exercises[0].compile = Compile::Missing;
    eve.problem = Some("is a .zip that cannot be read".into());
    eve.status = super::results::Status::Unreadable;
    eve.sandboxed = false;
    let mut class = vec![alice, younghee, bora, chul, eve];
    class.sort_by(|a, b| a.student.cmp(&b.student));
    class
}
