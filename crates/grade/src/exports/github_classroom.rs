//! GitHub Classroom: a student's autograding result, as a runner step hands it to GitHub
//! Classroom's grading reporter (`education/autograding-grading-reporter`), base64-encoded in
//! `<RUNNER>_RESULTS`. The fields are those the runners write and the reporter reads:
//! `education/autograding-command-grader` `src/main.js` (`generateResult`: `version`, `status`,
//! `max_score`, `tests[]` with `name`, `status`, `score`, `message`, `test_code`, `filename`,
//! `line_no`) and the reporter's `src/console-results.js` (`status` `pass`/`fail`/`error`,
//! `line_no` shown unless 0, `message` shown for an error, `test_code` when there is one),
//! `src/notify-classroom.js` (the points are the sum of `tests[].score` out of `max_score`), and
//! its tests' `execution_time` (`"5ms"`).
//!
//! A hidden test has no message, code or file: the reporter shows its name and result only.

use super::{explanation, test_command, test_file, test_name};
use crate::results::{StudentResult, TestStatus};
use anyhow::Result;
use serde::Serialize;

#[derive(Serialize)]
struct RunnerResult {
    version: u32,
    status: &'static str,
    max_score: u32,
    tests: Vec<Test>,
}

#[derive(Serialize)]
struct Test {
    name: String,
    status: &'static str,
    score: u32,
    message: Option<String>,
    test_code: String,
    filename: String,
    line_no: u32,
    execution_time: String,
}

/// The student's result, as JSON (encode it in base64 for the reporter).
pub fn result_json(r: &StudentResult) -> Result<String> {
    let mut tests = Vec::new();
    for e in &r.exercises {
        for t in &e.tests {
            tests.push(Test {
                name: test_name(e, t),
                status: match t.status {
                    TestStatus::Passed => "pass",
                    TestStatus::Failed => "fail",
                    // It never ran to a verdict: timed out, crashed, not built.
                    _ => "error",
                },
                score: t.points,
                message: explanation(e, t),
                test_code: test_command(e, t).unwrap_or_default(),
                filename: test_file(e, t).unwrap_or_default(),
                // The reporter prints "- line N" unless it is 0; libtest does not say.
                line_no: 0,
                execution_time: format!("{}ms", t.duration_ms),
            });
        }
    }
    let status = if r.problem.is_some() {
        "error"
    } else if tests.iter().all(|t| t.status == "pass") {
        "pass"
    } else {
        "fail"
    };
    let result = RunnerResult {
        version: 1,
        status,
        max_score: r.max_points,
        tests,
    };
    Ok(serde_json::to_string_pretty(&result)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_fields, exported, tests_of};
    use super::*;
    use crate::sample_class::class;
    use serde_json::Value;

    const TOP: [(&str, &str); 4] = [
        ("version", "number"),
        ("status", "string"),
        ("max_score", "number"),
        ("tests", "array"),
    ];
    const TEST: [(&str, &str); 8] = [
        ("name", "string"),
        ("status", "string"),
        ("score", "number"),
        ("message", "string|null"),
        ("test_code", "string"),
        ("filename", "string"),
        ("line_no", "number"),
        ("execution_time", "string"),
    ];

    #[test]
    fn the_result_has_every_field_the_reporter_reads_and_hides_hidden_tests() {
        for (r, json) in exported(result_json) {
            assert_fields(&json, &TOP, "result");
            assert!(["pass", "fail", "error"].contains(&json["status"].as_str().unwrap()));
            assert_eq!(json["max_score"], r.max_points);
            let mut points = 0;
            for (test, original) in tests_of(&json, &r) {
                assert_fields(test, &TEST, "test");
                points += test["score"].as_u64().unwrap();
                let status = test["status"].as_str().unwrap();
                assert_eq!(status == "pass", original.passed(), "{test}");
                assert!(["pass", "fail", "error"].contains(&status));
                assert!(test["execution_time"].as_str().unwrap().ends_with("ms"));
                if original.hidden() {
                    assert_eq!(test["message"], Value::Null, "{test}");
                    assert_eq!(test["test_code"], "", "{test}");
                    assert_eq!(test["filename"], "", "{test}");
                } else {
                    assert!(
                        test["test_code"]
                            .as_str()
                            .unwrap()
                            .starts_with("cargo test -p ")
                    );
                }
            }
            // What the reporter sends GitHub Classroom: the sum of the tests' scores.
            assert_eq!(points, u64::from(r.points));
        }
    }

    #[test]
    fn statuses_say_pass_fail_or_error_as_the_reporter_expects() {
        let class = class();
        let status = |name: &str| {
            let r = class.iter().find(|r| r.student == name).unwrap();
            serde_json::from_str::<Value>(&result_json(r).unwrap()).unwrap()
        };
        assert_eq!(status("alice")["status"], "pass");
        let bora = status("bora");
        assert_eq!(bora["status"], "fail");
        // Timed out: an error, with the learner's message.
        assert_eq!(bora["tests"][0]["status"], "error");
        assert!(
            bora["tests"][0]["message"]
                .as_str()
                .unwrap()
                .contains("did not finish")
        );
        assert_eq!(status("eve<b>&co")["status"], "error");
    }
}
