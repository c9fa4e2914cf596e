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
//! The reporter reads the tests its own way (`src/console-results.js`, `src/helpers/test-helpers.js`
//! at commit `1a54efb`), and this file is written for that reading:
//!
//! - It prints `message` only for a test whose status is `error`, and for `fail` only the name. So a
//!   learner's test that did not pass is an `error` whose message names it and says why (the
//!   panic, the timeout, the exercise that does not build, with the compiler's errors); a hidden
//!   test that did not pass is a `fail`: its name and ❌, nothing else.
//! - The compiler's errors of an exercise, and the notes on the whole submission (could not be
//!   graded, files that may not be changed, not sandboxed), are in the `message` of the first
//!   test of it that did not pass (an `error`). When every test passed, nothing needs explaining.
//! - Its log's points are `passed / tests.length × max_score` (`getTestScore`): every test counts
//!   the same. Classroom records `Σ tests[].score` (`src/notify-classroom.js`). For the two to
//!   agree, a test worth `n` points is `n` entries of 1 point each (`name [1/2]`, `name [2/2]`):
//!   then `passed / length` is `points / max_score`, and the log's `score.toFixed(2)` is the whole
//!   number Classroom records (`63.00/75`, never `63.85/75`). The summary table prints
//!   JavaScript's unrounded product, which for a few totals is a float's last digit off (21 of 75
//!   is `20.999999999999996`): it rounds to the same whole number. A test worth 0 points adds
//!   nothing to either sum and is left out (the feedback lists it).
//!
//! A hidden test has no message, code or file: the reporter shows its name and result only.

use super::{explanation, test_command, test_file, test_name, whole_submission_notes};
use crate::learner_words as words;
use crate::results::StudentResult;
use anyhow::Result;
use course::Lang;
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

/// The student's result, as JSON (encode it in base64 for the reporter), in the learner's `lang`.
pub fn result_json(r: &StudentResult, lang: Lang) -> Result<String> {
    let mut tests = Vec::new();
    // The submission's notes go with the first explanation shown.
    let mut notes = Some(whole_submission_notes(r, lang)).filter(|n| !n.is_empty());
    for e in &r.exercises {
        let mut build = words::build_problem(e, lang)
            .map(|(sentence, errors)| format!("{sentence}\n{errors}").trim_end().to_string());
        for t in &e.tests {
            let name = test_name(e, t);
            let n = t.max_points;
            for point in 1..=n {
                let name = if n == 1 {
                    name.clone()
                } else {
                    format!("{name} [{point}/{n}]")
                };
                let (status, message) = if t.passed() {
                    ("pass", None)
                } else if point > 1 {
                    // Said once, at the test's first point.
                    let status = if t.hidden() { "fail" } else { "error" };
                    (status, Some(format!("❌ {name}")).filter(|_| !t.hidden()))
                } else {
                    let mut parts: Vec<String> = notes.take().into_iter().collect();
                    parts.extend(build.take());
                    if let Some(why) = explanation(e, t, lang) {
                        parts.push(format!("❌ {name}\n{why}"));
                    }
                    if parts.is_empty() {
                        ("fail", None)
                    } else {
                        if t.hidden() {
                            parts.push(format!("❌ {name}"));
                        }
                        ("error", Some(parts.join("\n\n")))
                    }
                };
                let first = point == 1;
                tests.push(Test {
                    name,
                    status,
                    score: u32::from(t.passed()),
                    message,
                    test_code: test_command(e, t).filter(|_| first).unwrap_or_default(),
                    filename: test_file(e, t).unwrap_or_default(),
                    // The reporter prints "- line N" unless it is 0; libtest does not say.
                    line_no: 0,
                    execution_time: format!("{}ms", if first { t.duration_ms } else { 0 }),
                });
            }
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
    use super::super::test_support::{assert_fields, exported};
    use super::*;
    use crate::results::TestStatus;
    use crate::sample_class::{SECRET, class};
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

    /// What the reporter does with a runner's result, mirrored from its code at commit `1a54efb`
    /// of `education/autograding-grading-reporter`: the log of `src/console-results.js`
    /// (`ConsoleResults`), the score of `src/helpers/test-helpers.js` (`getTestScore`,
    /// `getMaxScoreForTest`), the summary table's total of `src/aggregate-results.js`, and the
    /// points sent to Classroom by `src/notify-classroom.js`.
    struct Reporter {
        log: String,
        /// `score.toFixed(2)` in "Total points for <runner>: <score>/<max>".
        log_score: String,
        /// The summary table's unrounded total (`getTestScore`).
        table_total: f64,
        /// What `NotifyClassroom` posts: `Σ tests[].score` of `max_score`.
        classroom: (f64, f64),
    }

    fn reporter(json: &Value) -> Reporter {
        let tests = json["tests"].as_array().unwrap();
        let max_score = json["max_score"].as_f64().unwrap_or(0.0);
        let mut log = String::new();
        for test in tests {
            let name = test["name"].as_str().unwrap();
            let line = test["line_no"].as_u64().unwrap();
            let at = if line != 0 {
                format!(" - line {line}")
            } else {
                String::new()
            };
            match test["status"].as_str().unwrap() {
                "pass" => log += &format!("✅ {name}{at}\n"),
                "error" => {
                    let message = test["message"].as_str().filter(|m| !m.is_empty());
                    let message = message
                        .map_or_else(|| format!("Failed to run test '{name}'"), str::to_string);
                    log += &format!("Error: {message}\n\n");
                }
                _ => log += &format!("❌ {name}{at}\n"),
            }
            if let Some(code) = test["test_code"].as_str().filter(|c| !c.is_empty()) {
                log += &format!("Test code:\n{code}\n\n");
            }
        }
        let passed = tests.iter().filter(|t| t["status"] == "pass").count() as f64;
        let score = passed / tests.len() as f64 * max_score;
        let classroom = (
            tests.iter().map(|t| t["score"].as_f64().unwrap()).sum(),
            max_score,
        );
        Reporter {
            log,
            log_score: format!("{score:.2}"),
            table_total: score,
            classroom,
        }
    }

    #[test]
    fn the_reporters_log_shows_the_points_classroom_records() {
        for (r, json) in exported(result_json) {
            let reporter = reporter(&json);
            let points = f64::from(r.points);
            assert_eq!(reporter.classroom, (points, f64::from(r.max_points)));
            assert_eq!(reporter.log_score, format!("{points:.2}"), "{}", r.student);
            assert!(
                (reporter.table_total - points).abs() < 1e-9,
                "{}",
                r.student
            );
        }
        // Unequal weights, as `grading.toml` gives them: 3 points of 5, one test of two.
        let mut r = class().remove(0);
        r.exercises[0].tests[0].status = TestStatus::Failed;
        r.exercises[0].tests[0].points = 0;
        r.points -= 2;
        r.exercises[0].points -= 2;
        let json: Value = serde_json::from_str(&result_json(&r, Lang::En).unwrap()).unwrap();
        let reporter = reporter(&json);
        assert_eq!(reporter.log_score, format!("{}.00", r.points));
        assert_eq!(reporter.classroom.0, f64::from(r.points));
    }

    #[test]
    fn failures_and_compile_errors_are_in_the_log_hidden_messages_are_not() {
        let class = class();
        let log = |name: &str, lang: Lang| {
            let r = class.iter().find(|r| r.student == name).unwrap();
            reporter(&serde_json::from_str(&result_json(r, lang).unwrap()).unwrap()).log
        };
        let younghee = log("김영희", Lang::En);
        // The failure's message, under its test's name.
        assert!(
            younghee.contains("❌ ex01-join / returns_results_in_order"),
            "{younghee}"
        );
        assert!(younghee.contains("took 3.000 s"), "{younghee}");
        // The compiler's errors of ex02.
        assert!(
            younghee.contains("error[E0308]: mismatched types"),
            "{younghee}"
        );
        assert!(younghee.contains("Does not compile"), "{younghee}");
        assert_eq!(
            younghee.matches("error[E0308]").count(),
            1,
            "said once: {younghee}"
        );
        // A hidden test: its name and ❌, never its message.
        assert!(
            younghee.contains("joins_a_hundred_calls (hidden)"),
            "{younghee}"
        );
        assert!(!younghee.contains(SECRET));
        // Timed out, crashed; the files that may not be changed.
        let bora = log("bora", Lang::En);
        assert!(bora.contains("did not finish within 10 s"), "{bora}");
        assert!(bora.contains("killed by signal 11"), "{bora}");
        assert!(
            bora.contains("ex01-join/tests/exercise.rs was changed"),
            "{bora}"
        );
        // A submission that could not be graded says why.
        let eve = log("eve<b>&co", Lang::En);
        assert!(eve.contains("is a .zip that cannot be read"), "{eve}");
        // In Korean, the grader's words are Korean; the compiler's stay as they are.
        let ko = log("김영희", Lang::Ko);
        assert!(ko.contains("컴파일되지 않습니다"), "{ko}");
        assert!(ko.contains("error[E0308]: mismatched types"), "{ko}");
        assert!(!ko.contains("Does not compile"), "{ko}");
    }

    #[test]
    fn the_result_has_every_field_the_reporter_reads_and_hides_hidden_tests() {
        for (r, json) in exported(result_json) {
            assert_fields(&json, &TOP, "result");
            assert!(["pass", "fail", "error"].contains(&json["status"].as_str().unwrap()));
            assert_eq!(json["max_score"], r.max_points);
            let mut points = 0;
            // A test worth n points is n entries of one point each.
            let originals = (r.exercises.iter()).flat_map(|e| {
                (e.tests.iter()).flat_map(move |t| (0..t.max_points).map(move |_| t))
            });
            let tests = json["tests"].as_array().unwrap();
            assert_eq!(tests.len() as u32, r.max_points, "an entry a point");
            for (test, original) in tests.iter().zip(originals) {
                assert_fields(test, &TEST, "test");
                points += test["score"].as_u64().unwrap();
                let status = test["status"].as_str().unwrap();
                assert_eq!(status == "pass", original.passed(), "{test}");
                assert!(["pass", "fail", "error"].contains(&status));
                assert!(test["execution_time"].as_str().unwrap().ends_with("ms"));
                assert!(test["name"].as_str().unwrap().contains(&original.name));
                if original.hidden() {
                    assert_eq!(test["test_code"], "", "{test}");
                    assert_eq!(test["filename"], "", "{test}");
                } else if test["test_code"] != "" {
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
            serde_json::from_str::<Value>(&result_json(r, Lang::En).unwrap()).unwrap()
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
