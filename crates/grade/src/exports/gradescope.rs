//! Gradescope: a student's `results.json`, in the format its autograder harness uploads from
//! `/autograder/results/results.json` ("Autograder Specifications", Output format:
//! <https://gradescope-autograders.readthedocs.io/en/latest/specs/>).
//!
//! Every test carries its points (`score`, `max_score`) and its `status` (`passed`/`failed`).
//! Outputs are plain text (`"text"`), never rendered as HTML.
//!
//! **Visibility.** Every test, and the results as a whole, are `visible`. The specification's
//! other settings (`hidden`, `after_due_date`, `after_published`) each hide the test's result, and
//! with it the student's total: while any test is hidden from them, students do not see their
//! total score until the grades are published (Autograder Specifications, on test case
//! visibility). A hidden test hides nothing here that the student does not get elsewhere: its name
//! and its result are in the feedback and on every other platform, and its `output` is always
//! empty (never its message or code). So the total is shown at once, as the feedback shows it.
//!
//! **Which file is whose.** The files are `<folder>/results.json`, by submission folder. Beside
//! them, `index.json` lists each with the roster's `student_id` and `name` (the folder's name
//! where there is no roster), for the `run_autograder` script that posts a student's file: it
//! reads `/autograder/submission_metadata.json`, whose `users[]` have `sid` (the student id of
//! Gradescope's roster) and `name`, and looks the student up by `sid`, then by name:
//!
//! ```sh
//! # run_autograder, with the exports/gradescope folder as /autograder/source/graded
//! meta=/autograder/submission_metadata.json
//! sid=$(jq -r '.users[0].sid // ""' "$meta"); name=$(jq -r '.users[0].name // ""' "$meta")
//! file=$(jq -r --arg sid "$sid" --arg name "$name" '(first(.students[]
//!     | select($sid != "" and .student_id == $sid)) // first(.students[]
//!     | select($name != "" and .name == $name)) // empty).results' \
//!   /autograder/source/graded/index.json)
//! cp "/autograder/source/graded/$file" /autograder/results/results.json
//! ```

use super::{explanation, submission_notes, test_name};
use crate::results::{StudentResult, TestStatus, file_name};
use crate::roster;
use anyhow::Result;
use course::Lang;
use serde::{Deserialize, Serialize};

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

/// `index.json`: who each `results.json` is.
#[derive(Debug, Serialize, Deserialize)]
pub struct Index {
    pub students: Vec<Entry>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Entry {
    /// The submission's folder name.
    pub folder: String,
    /// The roster's id; the folder's name when there is no roster; empty for a folder the roster
    /// does not list (its name is the student's choice, never a classmate's id).
    pub student_id: String,
    pub name: String,
    /// The file, from the index's folder: `<folder>/results.json`.
    pub results: String,
}

/// The index of `results`, with the roster's ids and names.
pub fn index_json(results: &[StudentResult], roster: &roster::Check) -> Result<String> {
    let students = results
        .iter()
        .map(|r| {
            let (student_id, name) = match roster.people.get(&r.student) {
                Some(p) if p.in_roster => (p.student_id.clone(), p.name.clone()),
                Some(p) => (String::new(), p.name.clone()),
                None => (r.student.clone(), r.student.clone()),
            };
            Entry {
                folder: r.student.clone(),
                student_id,
                name,
                results: format!("{}/results.json", file_name(&r.student)),
            }
        })
        .collect();
    Ok(serde_json::to_string_pretty(&Index { students })? + "\n")
}

/// The results file of the student of Gradescope's `submission_metadata.json`, as the
/// `run_autograder` of the module's note finds it: a user's `sid` against the roster's id, then
/// their `name` (here compared in NFC). The tests read the index with it.
#[cfg(test)]
fn find<'a>(index: &'a Index, metadata: &serde_json::Value) -> Option<&'a Entry> {
    use unicode_normalization::UnicodeNormalization;
    let users = metadata["users"].as_array()?;
    let nfc = |s: &str| s.trim().nfc().collect::<String>();
    users.iter().find_map(|user| {
        let sid = user["sid"].as_str().map(nfc).filter(|s| !s.is_empty());
        let name = user["name"].as_str().map(nfc).filter(|s| !s.is_empty());
        (index.students.iter())
            .find(|e| sid.as_deref().is_some_and(|sid| nfc(&e.student_id) == sid))
            .or_else(|| {
                (index.students.iter()).find(|e| name.as_deref().is_some_and(|n| nfc(&e.name) == n))
            })
    })
}

/// The student's `results.json`, in the learner's `lang`.
pub fn results_json(r: &StudentResult, lang: Lang) -> Result<String> {
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
                output: explanation(e, t, lang).unwrap_or_default(),
                output_format: "text",
                tags: vec![
                    e.name.clone(),
                    if t.hidden() { "hidden" } else { "visible" }.into(),
                ],
                // Shown at once, as the feedback shows it (see the module's note).
                visibility: "visible",
                extra_data: TestExtra { status: t.status },
            });
        }
    }
    let results = Results {
        score: r.points,
        execution_time: millis.div_ceil(1000),
        output: submission_notes(r, lang),
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
                // Any other visibility would hide the student's total until publication.
                assert_eq!(test["visibility"], "visible", "{test}");
                if original.hidden() {
                    assert_eq!(test["output"], "", "a hidden test shows no output: {test}");
                }
            }
            assert_eq!(total, u64::from(r.points), "the tests add up to the score");
        }
    }

    #[test]
    fn a_failure_shows_its_message_and_a_broken_build_its_compiler_errors() {
        let class = class();
        let younghee = class.iter().find(|r| r.student == "김영희").unwrap();
        let json: Value = serde_json::from_str(&results_json(younghee, Lang::En).unwrap()).unwrap();
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
    #[test]
    fn the_total_is_shown_at_once_as_in_the_feedback() {
        for (r, json) in exported(results_json) {
            assert_eq!(json["visibility"], "visible", "{}", r.student);
            let hidden: Vec<&Value> = (json["tests"].as_array().unwrap().iter())
                .filter(|t| t["tags"].as_array().unwrap().contains(&"hidden".into()))
                .collect();
            assert!(hidden.iter().all(|t| t["visibility"] == "visible"));
        }
    }

    /// `submission_metadata.json` as Gradescope writes it for `run_autograder` (Autograder
    /// Specifications, "Submission Metadata"): the submitter in `users[]`.
    fn metadata(sid: &str, name: &str) -> Value {
        serde_json::json!({
            "id": 123456,
            "created_at": "2026-12-01T11:02:03.000000-08:00",
            "assignment": { "title": "Async I/O workbook", "total_points": "75.0" },
            "submission_method": "upload",
            "users": [ { "email": "student@example.ac.kr", "id": 1234, "name": name, "sid": sid } ],
            "previous_submissions": []
        })
    }

    #[test]
    fn run_autograder_finds_each_students_file_by_roster_id_or_name() {
        let class = class();
        let folders: Vec<&str> = class.iter().map(|r| r.student.as_str()).collect();
        let dir = std::env::temp_dir().join(format!("workbook-gs-roster-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("roster.csv");
        // The roster an instructor exports: the 김영희 folder is student 2024-0002.
        std::fs::write(
            &path,
            "folder,student_id,name\nalice,2024-0001,Alice Kim\n김영희,2024-0002,김영희\n",
        )
        .unwrap();
        let roster = roster::Roster::load(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        let check = roster::check(Some(&roster), &folders, false);
        let index: Index = serde_json::from_str(&index_json(&class, &check).unwrap()).unwrap();
        assert_eq!(index.students.len(), class.len());
        let file = |meta: &Value| find(&index, meta).map(|e| e.results.clone());
        assert_eq!(
            file(&metadata("2024-0002", "Younghee")),
            Some(format!("{}/results.json", file_name("김영희")))
        );
        assert_eq!(
            file(&metadata("", "Alice Kim")),
            Some("alice/results.json".into())
        );
        // Gradescope's name typed in NFD still matches.
        let nfd: String = {
            use unicode_normalization::UnicodeNormalization;
            "김영희".nfd().collect()
        };
        assert_eq!(
            file(&metadata("", &nfd)),
            Some(format!("{}/results.json", file_name("김영희")))
        );
        assert_eq!(file(&metadata("2099-9999", "Nobody")), None);
        // A folder the roster does not list has no id to be matched by.
        let bora = index.students.iter().find(|e| e.folder == "bora").unwrap();
        assert_eq!(bora.student_id, "");
        // Each entry names a file that `exports::write` writes.
        for e in &index.students {
            assert_eq!(e.results, format!("{}/results.json", file_name(&e.folder)));
        }
    }
}
