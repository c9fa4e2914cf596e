//! Gradescope: a student's `results.json`, in the format its autograder harness uploads from
//! `/autograder/results/results.json` ("Autograder Specifications", Output format:
//! <https://gradescope-autograders.readthedocs.io/en/latest/specs/>).
//!
//! Every test carries its points (`score`, `max_score`) and its `status` (`passed`/`failed`).
//! A hidden test is `after_published` (students see it once the grades are published) and its
//! `output` is always empty. Outputs are plain text (`"text"`), never rendered as HTML.

use super::{explanation, submission_notes, test_name};
use crate::results::{StudentResult, TestStatus};
use anyhow::Result;
use serde::Serialize;

#[derive(Serialize)]
struct Results {
    score: u32,
    /// Seconds.
    execution_time: u64,
    output: String,
    output_format: &'static str,
    test_output_format: &'static str,
    test_name_format: &'static str,
    visibility: &'static str,
    stdout_visibility: &'static str,
    extra_data: Extra,
    tests: Vec<Test>,
}

#[derive(Serialize)]
struct Extra {
    student: String,
    max_points: u32,
    sandboxed: bool,
}

#[derive(Serialize)]
struct Test {
    score: u32,
    max_score: u32,
    status: &'static str,
    name: String,
    name_format: &'static str,
    number: String,
    output: String,
    output_format: &'static str,
    tags: Vec<String>,
    visibility: &'static str,
    extra_data: TestExtra,
}

#[derive(Serialize)]
struct TestExtra {
    /// The grader's own status: `timed_out`, `crashed`, `not_built`...
    status: TestStatus,
}

/// The student's `results.json`.
pub fn results_json(r: &StudentResult) -> Result<String> {
    let mut tests = Vec::new();
    let mut millis = 0;
    for (i, e) in r.exercises.iter().enumerate() {
        for (j, t) in e.tests.iter().enumerate() {
            millis += t.duration_ms;
            tests.push(Test {
                score: t.points,
                max_score: t.max_points,
                status: if t.passed() { "passed" } else { "failed" },
                name: test_name(e, t),
                name_format: "text",
                number: format!("{}.{}", i + 1, j + 1),
                output: explanation(e, t).unwrap_or_default(),
                output_format: "text",
                tags: vec![
                    e.name.clone(),
                    if t.hidden() { "hidden" } else { "visible" }.into(),
                ],
                visibility: if t.hidden() {
                    "after_published"
                } else {
                    "visible"
                },
                extra_data: TestExtra { status: t.status },
            });
        }
    }
    let results = Results {
        score: r.points,
        execution_time: millis.div_ceil(1000),
        output: submission_notes(r),
        output_format: "text",
        test_output_format: "text",
        test_name_format: "text",
        visibility: "visible",
        // What the grader printed is the instructor's, never the student's.
        stdout_visibility: "hidden",
        extra_data: Extra {
            student: r.student.clone(),
            max_points: r.max_points,
            sandboxed: r.sandboxed,
        },
        tests,
    };
    Ok(serde_json::to_string_pretty(&results)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_fields, exported, tests_of};
    use super::*;
    use crate::sample_class::class;
    use serde_json::Value;

    /// Every field the specification's example names, with its type.
    const TOP: [(&str, &str); 10] = [
        ("score", "number"),
        ("execution_time", "number"),
        ("output", "string"),
        ("output_format", "string"),
        ("test_output_format", "string"),
        ("test_name_format", "string"),
        ("visibility", "string"),
        ("stdout_visibility", "string"),
        ("extra_data", "object"),
        ("tests", "array"),
    ];
    const TEST: [(&str, &str); 11] = [
        ("score", "number"),
        ("max_score", "number"),
        ("status", "string"),
        ("name", "string"),
        ("name_format", "string"),
        ("number", "string"),
        ("output", "string"),
        ("output_format", "string"),
        ("tags", "array"),
        ("visibility", "string"),
        ("extra_data", "object"),
    ];
    const VISIBILITIES: [&str; 4] = ["hidden", "after_due_date", "after_published", "visible"];
    const FORMATS: [&str; 5] = ["text", "simple_format", "html", "md", "ansi"];

    #[test]
    fn results_json_has_every_field_of_the_specification_and_hides_hidden_tests() {
        for (r, json) in exported(results_json) {
            assert_fields(&json, &TOP, "results");
            assert_eq!(json["score"], r.points);
            assert!(VISIBILITIES.contains(&json["stdout_visibility"].as_str().unwrap()));
            for format in ["output_format", "test_output_format", "test_name_format"] {
                assert!(
                    FORMATS.contains(&json[format].as_str().unwrap()),
                    "{format}"
                );
            }
            let mut total = 0;
            for (test, original) in tests_of(&json, &r) {
                assert_fields(test, &TEST, "test");
                assert!(
                    test["tags"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(Value::is_string)
                );
                total += test["score"].as_u64().unwrap();
                let status = test["status"].as_str().unwrap();
                assert_eq!(status == "passed", original.passed(), "{test}");
                assert!(["passed", "failed"].contains(&status));
                if original.hidden() {
                    assert_eq!(test["visibility"], "after_published", "{test}");
                    assert_eq!(test["output"], "", "a hidden test shows no output: {test}");
                } else {
                    assert_eq!(test["visibility"], "visible");
                }
            }
            assert_eq!(total, u64::from(r.points), "the tests add up to the score");
        }
    }

    #[test]
    fn a_failure_shows_its_message_and_a_broken_build_its_compiler_errors() {
        let class = class();
        let younghee = class.iter().find(|r| r.student == "김영희").unwrap();
        let json: Value = serde_json::from_str(&results_json(younghee).unwrap()).unwrap();
        assert_eq!(json["extra_data"]["student"], "김영희");
        assert!(json["output"].as_str().unwrap().contains("error[E0308]"));
        let failed = &json["tests"][1];
        assert_eq!(failed["status"], "failed");
        assert!(failed["output"].as_str().unwrap().contains("took 3.000 s"));
        let not_built = &json["tests"][3];
        assert!(
            not_built["output"]
                .as_str()
                .unwrap()
                .contains("does not build")
        );
    }
}
