//! `results/<student>.json`, what grading keeps of each student (schema version 2), and beside it
//! `feedback/<student>.md` for the learner. Every file is written atomically.
//!
//! ```text
//! { "schema": 2, "student": "alice", "hash": "<sha-256 of submission + tests>",
//!   "problem": null | "why the submission could not be read",
//!   "status": "unreadable",        // only when it could not be read (absent: graded)
//!   "integrity": ["ex01-join/tests/exercise.rs was changed (not used: the original was)"],
//!   "review": ["src/lib.rs:12 calls std::process::exit"],   // static scan, for the instructor
//!   "alerts": ["src/lib.rs:3 has the shape of a compiler soundness hole ..."], // read these first
//!   "sandboxed": true,                                       // false with --no-sandbox
//!   "points": 40, "max_points": 60,
//!   "exercises": [ { "name": "ex01-join", "compile": "ok" | "failed" | "timed_out" | "missing",
//!                    "compile_errors": ["rendered rustc message", ...],
//!                    "points": 3, "max_points": 4,
//!                    "tests": [ { "target": "exercise" | "hidden", "name": "takes_one_second_not_three",
//!                                 "status": "passed" | "failed" | "timed_out" | "crashed"
//!                                           | "output_limit" | "no_result" | "not_built",
//!                                 "points": 2, "max_points": 2, "message": "...", "duration_ms": 12 } ] } ],
//!   "signature": "<hex HMAC-SHA-256 of this JSON without the signature field>" }
//! ```
//!
//! The signature is the grader's, under a key kept in the lab folder (see `signature`):
//! a rerun reuses only a result it verifies. `workbook merge` copies results as they are.
//! `golden/result.json` pins the format: its strings are the enums' serde names.

use anyhow::{Context, Result};
use course::libtest;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const SCHEMA: u32 = 2;

/// What the gradebook and the feedback say of a result graded with `--no-sandbox`.
pub const NOT_SANDBOXED: &str = "NOT SANDBOXED: graded with --no-sandbox; the code ran with the \
                                 grader's rights and could have forged this result";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudentResult {
    pub schema: u32,
    pub student: String,
    pub hash: String,
    pub problem: Option<String>,
    /// Graded, or unreadable (then `problem` says why): absent from the JSON when graded, so that
    /// results written before the field read, and sign, as they were.
    #[serde(default, skip_serializing_if = "Status::is_graded")]
    pub status: Status,
    pub integrity: Vec<String>,
    pub review: Vec<String>,
    /// What could have forged a pass even in the sandbox: read these students' code first.
    #[serde(default)]
    pub alerts: Vec<String>,
    pub points: u32,
    pub max_points: u32,
    pub exercises: Vec<ExerciseResult>,
    /// False when graded with `--no-sandbox`: then nothing stopped the code from forging this.
    pub sandboxed: bool,
    /// The grader's HMAC of this result without the field; `None` before it is signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

impl StudentResult {
    /// Why the submission could not be read, when it could not: then it has no points to post
    /// (not 0), and the class's statistics leave it out.
    pub fn unreadable(&self) -> Option<&str> {
        (self.status == Status::Unreadable)
            .then(|| self.problem.as_deref().unwrap_or("could not be read"))
    }
}

/// Whether a submission was graded: `unreadable` when nothing in it could be (a corrupt zip, an
/// empty folder, no exercises/ in it...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Graded,
    Unreadable,
}

impl Status {
    fn is_graded(&self) -> bool {
        *self == Status::Graded
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExerciseResult {
    pub name: String,
    pub compile: Compile,
    pub compile_errors: Vec<String>,
    pub points: u32,
    pub max_points: u32,
    pub tests: Vec<TestResult>,
}

impl ExerciseResult {
    /// What the learner is told when the exercise did not build: a sentence, and the compiler's
    /// messages (already free of the hidden tests' text), empty when there are none.
    pub fn build_problem(&self) -> Option<(&'static str, String)> {
        let sentence = match self.compile {
            Compile::Ok => return None,
            Compile::Missing => "Not submitted.",
            Compile::Failed if self.tests.iter().any(|t| t.status != TestStatus::NotBuilt) => {
                "Your tests build, but not all of the instructor's:"
            }
            Compile::Failed => "Does not compile. The compiler said:",
            Compile::TimedOut => "Compiling took longer than the grader allows:",
        };
        Some((
            sentence,
            self.compile_errors.join("\n").trim_end().to_string(),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compile {
    Ok,
    Failed,
    /// Still compiling at the compile deadline: stopped.
    TimedOut,
    Missing,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub target: Target,
    pub name: String,
    pub status: TestStatus,
    pub points: u32,
    pub max_points: u32,
    pub message: String,
    pub duration_ms: u64,
}

impl TestResult {
    pub fn hidden(&self) -> bool {
        self.target == Target::Hidden
    }

    pub fn passed(&self) -> bool {
        self.status == TestStatus::Passed
    }

    /// The message a learner may read: none for a hidden test, whose messages may quote its code.
    pub fn message_for_learner(&self) -> Option<&str> {
        Some(self.message.as_str()).filter(|m| !self.hidden() && !m.is_empty())
    }
}

/// Which tests a test is of: the learner's (`tests/exercise.rs`) or the instructor's hidden ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Exercise,
    Hidden,
}

impl Target {
    pub const BOTH: [Target; 2] = [Target::Exercise, Target::Hidden];

    /// The serde name: `exercise`, `hidden`.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Exercise => "exercise",
            Target::Hidden => "hidden",
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a test ended, as results say it: the runner's [`libtest::Status`], or `NotBuilt` for a
/// test that never ran because its binary was not built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    Passed,
    Failed,
    TimedOut,
    Crashed,
    OutputLimit,
    NoResult,
    NotBuilt,
}

impl From<libtest::Status> for TestStatus {
    fn from(status: libtest::Status) -> TestStatus {
        match status {
            libtest::Status::Passed => TestStatus::Passed,
            libtest::Status::Failed => TestStatus::Failed,
            libtest::Status::TimedOut => TestStatus::TimedOut,
            libtest::Status::Crashed => TestStatus::Crashed,
            libtest::Status::OutputLimit => TestStatus::OutputLimit,
            libtest::Status::NoResult => TestStatus::NoResult,
        }
    }
}

impl TestStatus {
    pub const ALL: [TestStatus; 7] = [
        TestStatus::Passed,
        TestStatus::Failed,
        TestStatus::TimedOut,
        TestStatus::Crashed,
        TestStatus::OutputLimit,
        TestStatus::NoResult,
        TestStatus::NotBuilt,
    ];

    /// The serde name: `timed_out`.
    pub fn as_str(self) -> &'static str {
        match self {
            TestStatus::Passed => "passed",
            TestStatus::Failed => "failed",
            TestStatus::TimedOut => "timed_out",
            TestStatus::Crashed => "crashed",
            TestStatus::OutputLimit => "output_limit",
            TestStatus::NoResult => "no_result",
            TestStatus::NotBuilt => "not_built",
        }
    }

    /// In words: `timed out`.
    pub fn words(self) -> String {
        self.as_str().replace('_', " ")
    }

    /// Stopped by the grader or dead before its verdict (timed out, crashed, flooded its output,
    /// no result), rather than passed, failed or never run.
    pub fn stopped(self) -> bool {
        matches!(
            self,
            TestStatus::TimedOut
                | TestStatus::Crashed
                | TestStatus::OutputLimit
                | TestStatus::NoResult
        )
    }
}

impl std::fmt::Display for TestStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A student's name as a file name, one to one: letters and digits of any script, `-`, `_` and `.`
/// (but not a leading `.`) are kept; every other byte is percent-encoded, `%` included.
pub fn file_name(student: &str) -> String {
    let mut name = String::new();
    for (i, c) in student.char_indices() {
        if c.is_alphanumeric() || c == '-' || c == '_' || (c == '.' && i > 0) {
            name.push(c);
        } else {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                name.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    name
}

/// `out/results/<student>.json`.
pub(crate) fn path_of(out: &Path, student: &str) -> PathBuf {
    out.join("results")
        .join(format!("{}.json", file_name(student)))
}

/// Writes a student's `results/<student>.json` and `feedback/<student>.md` in `out`.
pub(crate) fn write(out: &Path, result: &StudentResult, feedback: &str) -> Result<()> {
    course::files::write_atomic(
        &path_of(out, &result.student),
        &serde_json::to_string_pretty(result)?,
    )?;
    course::files::write_atomic(&feedback_path(out, &result.student), feedback)
}

/// `out/feedback/<student>.md`.
pub(crate) fn feedback_path(out: &Path, student: &str) -> PathBuf {
    out.join("feedback")
        .join(format!("{}.md", file_name(student)))
}

/// Every result in `out/results/`, by student name.
pub fn read_results(out: &Path) -> Result<Vec<StudentResult>> {
    let mut results = Vec::new();
    let dir = out.join("results");
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        // Nothing graded yet.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(results),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    for entry in entries {
        let path = entry
            .with_context(|| format!("reading {}", dir.display()))?
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("reading {}", path.display()))?;
            results.push(
                serde_json::from_str(&text)
                    .with_context(|| format!("reading {}", path.display()))?,
            );
        }
    }
    results.sort_by(|a: &StudentResult, b| a.student.cmp(&b.student));
    Ok(results)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// `golden/result.json`, as the grader of schema 2 wrote it, signed under the key of 32
    /// bytes 7 (see `signature`'s tests).
    pub(crate) const GOLDEN: &str = include_str!("golden/result.json");

    fn test(
        target: Target,
        name: &str,
        status: TestStatus,
        (points, max_points): (u32, u32),
        message: &str,
        duration_ms: u64,
    ) -> TestResult {
        TestResult {
            target,
            name: name.into(),
            status,
            points,
            max_points,
            message: message.into(),
            duration_ms,
        }
    }

    fn exercise(
        name: &str,
        compile: Compile,
        errors: &[&str],
        tests: Vec<TestResult>,
    ) -> ExerciseResult {
        ExerciseResult {
            name: name.into(),
            compile,
            compile_errors: errors.iter().map(|e| e.to_string()).collect(),
            points: tests.iter().map(|t| t.points).sum(),
            max_points: tests.iter().map(|t| t.max_points).sum(),
            tests,
        }
    }

    /// ex01 of `golden/result.json`: a test of each status that ran.
    fn golden_ex01() -> ExerciseResult {
        use {Target::*, TestStatus::*};
        let tests = vec![
            test(
                Exercise,
                "takes_one_second_not_three",
                Passed,
                (2, 2),
                "",
                12,
            ),
            test(
                Exercise,
                "returns_results_in_order",
                Failed,
                (0, 1),
                "assertion `left == right` failed",
                3,
            ),
            test(
                Exercise,
                "prints_a_lot",
                OutputLimit,
                (0, 1),
                "printed more than 256 KiB",
                40,
            ),
            test(
                Exercise,
                "exits_early",
                NoResult,
                (0, 1),
                "the test process exited without a result",
                5,
            ),
            test(
                Hidden,
                "joins_a_hundred_calls",
                TimedOut,
                (0, 2),
                "did not finish within 10 s",
                10_000,
            ),
            test(
                Hidden,
                "survives_a_panic",
                Crashed,
                (0, 1),
                "killed by signal 11 (SIGSEGV)",
                7,
            ),
        ];
        exercise("ex01-join", Compile::Ok, &[], tests)
    }

    /// The value `golden/result.json` holds, unsigned: every status, target and compile verdict.
    pub(crate) fn golden_unsigned() -> StudentResult {
        use {Target::*, TestStatus::*};
        let exercises = vec![
            golden_ex01(),
            exercise(
                "ex02-sequential-vs-concurrent",
                Compile::Failed,
                &["error[E0308]: mismatched types"],
                vec![
                    test(Exercise, "spawned_tasks_overlap", NotBuilt, (0, 2), "", 0),
                    test(Hidden, "spawned_tasks_are_awaited", NotBuilt, (0, 1), "", 0),
                ],
            ),
            exercise(
                "ex03-errors",
                Compile::TimedOut,
                &["compiling took longer than 120 s"],
                Vec::new(),
            ),
            exercise("ex04-batch", Compile::Missing, &[], Vec::new()),
        ];
        StudentResult {
            schema: SCHEMA,
            student: "김영희".into(),
            hash: "0123abcd".into(),
            problem: None,
            status: Status::Graded,
            integrity: vec![
                "ex01-join/tests/exercise.rs was changed (not used: the original was)".into(),
            ],
            review: vec!["ex01-join/src/lib.rs:12 calls std::process::exit".into()],
            alerts: Vec::new(),
            points: exercises.iter().map(|e| e.points).sum(),
            max_points: exercises.iter().map(|e| e.max_points).sum(),
            exercises,
            sandboxed: true,
            signature: None,
        }
    }

    fn golden_signature() -> String {
        let json: serde_json::Value = serde_json::from_str(GOLDEN).unwrap();
        json["signature"].as_str().unwrap().to_string()
    }

    #[test]
    fn a_result_is_written_as_the_golden_file_says() {
        let signed = StudentResult {
            signature: Some(golden_signature()),
            ..golden_unsigned()
        };
        assert_eq!(
            serde_json::to_string_pretty(&signed).unwrap() + "\n",
            GOLDEN
        );
    }

    #[test]
    fn the_golden_file_reads_back_as_the_same_result() {
        let read: StudentResult = serde_json::from_str(GOLDEN).unwrap();
        assert_eq!(read.signature, Some(golden_signature()));
        assert_eq!(
            StudentResult {
                signature: None,
                ..read
            },
            golden_unsigned()
        );
    }

    #[test]
    fn an_unreadable_result_says_so_and_a_graded_one_is_written_as_before() {
        let unreadable = StudentResult {
            problem: Some("is not a readable zip".into()),
            status: Status::Unreadable,
            ..golden_unsigned()
        };
        let json = serde_json::to_value(&unreadable).unwrap();
        assert_eq!(json["status"], "unreadable");
        assert_eq!(unreadable.unreadable(), Some("is not a readable zip"));
        let read: StudentResult = serde_json::from_value(json).unwrap();
        assert_eq!(read, unreadable);
        // A graded result has no `status`: the golden file, written before it, is what it writes.
        let graded = serde_json::to_value(golden_unsigned()).unwrap();
        assert!(graded.get("status").is_none(), "{graded}");
        assert_eq!(golden_unsigned().unreadable(), None);
    }

    #[test]
    fn names_are_the_serde_names() {
        for status in TestStatus::ALL {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
            assert_eq!(status.to_string(), status.as_str());
        }
        for target in Target::BOTH {
            assert_eq!(serde_json::to_value(target).unwrap(), target.as_str());
        }
        assert_eq!(TestStatus::TimedOut.words(), "timed out");
    }

    #[test]
    fn the_runners_statuses_keep_their_names() {
        use course::libtest::Status;
        for status in [
            Status::Passed,
            Status::Failed,
            Status::TimedOut,
            Status::Crashed,
            Status::OutputLimit,
            Status::NoResult,
        ] {
            assert_eq!(
                serde_json::to_value(TestStatus::from(status)).unwrap(),
                serde_json::to_value(status).unwrap()
            );
        }
    }

    #[test]
    fn file_names_keep_letters_and_encode_the_rest() {
        assert_eq!(file_name("김영희-2_b.c"), "김영희-2_b.c");
        assert_eq!(file_name("n x"), "n%20x");
        assert_eq!(file_name("a/b"), "a%2Fb");
        assert_eq!(file_name("100%"), "100%25");
        assert_eq!(file_name(".hidden"), "%2Ehidden");
        assert_eq!(file_name("odd-\u{fffd}"), "odd-%EF%BF%BD");
    }

    #[test]
    fn different_names_never_share_a_file() {
        let names = [
            "n x", "n_x", "n-x", "n.x", "n%20x", "n%x", "a/b", "a_b", "a%2Fb", ".x", "%2Ex", "x",
            "ñ", "n\u{303}",
        ];
        let files: std::collections::BTreeSet<String> =
            names.iter().map(|n| file_name(n)).collect();
        assert_eq!(files.len(), names.len(), "{files:?}");
    }
}
