//! The grades where students and LMSs look for them, written next to the gradebook from every
//! result in the `--out` folder:
//!
//! | file | for |
//! | --- | --- |
//! | `exports/gradescope/<student>/results.json` | Gradescope's autograder results ([`gradescope`]) |
//! | `exports/gradescope/index.json` | which results file is whose, for `run_autograder` ([`gradescope`]) |
//! | `exports/github-classroom/<student>.json` | GitHub Classroom's grading reporter ([`github_classroom`]) |
//! | `exports/junit/<student>.xml` | JUnit XML: CodeGrade's unit-test step, CI systems ([`junit`]) |
//! | `exports/canvas.csv` | Canvas's gradebook import ([`canvas`]) |
//!
//! Each follows the feedback's policy: a hidden test shows its name and its result, never its
//! messages or code.

pub mod canvas;
pub mod github_classroom;
pub mod gradescope;
pub mod junit;

use crate::learner_words as words;
use crate::results::{ExerciseResult, StudentResult, TestResult, TestStatus, file_name};
use crate::roster;
use anyhow::Result;
use course::Lang;
use course::files::write_atomic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Writes every export of `results` under `out/exports/`, replacing what an earlier run left.
/// Each file is replaced atomically, never removed first, so a reader (an upload running beside a
/// rerun) never finds one missing.
pub fn write(
    out: &Path,
    results: &[StudentResult],
    roster: &roster::Check,
    lang: Lang,
) -> Result<()> {
    let dir = out.join("exports");
    // Under each platform's folder, the entry of each student.
    let mut kept: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for r in results {
        let file = file_name(&r.student);
        write_atomic(
            &dir.join("gradescope").join(&file).join("results.json"),
            &gradescope::results_json(r, lang)?,
        )?;
        write_atomic(
            &dir.join("github-classroom").join(format!("{file}.json")),
            &github_classroom::result_json(r, lang)?,
        )?;
        write_atomic(
            &dir.join("junit").join(format!("{file}.xml")),
            &junit::xml(r, lang)?,
        )?;
        kept.entry("gradescope").or_default().insert(file.clone());
        kept.entry("github-classroom")
            .or_default()
            .insert(format!("{file}.json"));
        kept.entry("junit")
            .or_default()
            .insert(format!("{file}.xml"));
    }
    write_atomic(&dir.join("canvas.csv"), &canvas::csv(results, roster)?)?;
    write_atomic(
        &dir.join("gradescope").join("index.json"),
        &gradescope::index_json(results, roster)?,
    )?;
    kept.entry("gradescope")
        .or_default()
        .insert("index.json".into());
    // A student no longer in the results leaves no export behind.
    for platform in ["gradescope", "github-classroom", "junit"] {
        let Ok(entries) = std::fs::read_dir(dir.join(platform)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            // `.name.tmp`: a file being written (by `write_atomic`), not an old export.
            if name.starts_with('.') || kept.get(platform).is_some_and(|k| k.contains(&name)) {
                continue;
            }
            let path = entry.path();
            if path.is_dir() {
                std::fs::remove_dir_all(&path)?;
            } else {
                std::fs::remove_file(&path)?;
            }
        }
    }
    Ok(())
}

/// A test as the platforms list it: `ex01-join / takes_one_second_not_three (hidden)`.
fn test_name(exercise: &ExerciseResult, test: &TestResult) -> String {
    // The platforms' own words are English; the name stays as the grader wrote it.
    let hidden = if test.hidden() { " (hidden)" } else { "" };
    format!("{} / {}{hidden}", exercise.name, test.name)
}

/// What a learner may read of a test that did not pass: its message, or what happened when there
/// is none. Nothing for a hidden test (its result alone shows) or a passed one.
fn explanation(exercise: &ExerciseResult, test: &TestResult, lang: Lang) -> Option<String> {
    if test.passed() || test.hidden() {
        return None;
    }
    if test.status == TestStatus::NotBuilt {
        return Some(words::not_run(exercise, lang));
    }
    Some(
        test.message_for_learner()
            .map_or_else(|| words::status(test.status, lang), str::to_string),
    )
}

/// The learner-facing notes on the whole submission: the sandbox, why it could not be graded,
/// files that may not be changed, and each exercise that did not build with the compiler's words.
fn submission_notes(r: &StudentResult, lang: Lang) -> String {
    let mut notes = vec![whole_submission_notes(r, lang)];
    notes.retain(|n| !n.is_empty());
    for e in &r.exercises {
        if let Some((sentence, errors)) = words::build_problem(e, lang) {
            notes.push(
                format!("{}: {sentence}\n{errors}", e.name)
                    .trim_end()
                    .into(),
            );
        }
    }
    notes.join("\n\n")
}

/// The notes on the whole submission alone: the sandbox, why it could not be graded, files that
/// may not be changed.
fn whole_submission_notes(r: &StudentResult, lang: Lang) -> String {
    let mut notes = Vec::new();
    if !r.sandboxed {
        notes.push(words::not_sandboxed(lang).to_string());
    }
    if let Some(problem) = &r.problem {
        notes.push(words::could_not_be_graded(problem, lang));
    }
    if !r.integrity.is_empty() {
        notes.push(format!(
            "{}\n{}",
            words::integrity(lang),
            (r.integrity.iter())
                .map(|f| words::detail(f, lang))
                .collect::<Vec<_>>()
                .join("\n")
        ));
    }
    notes.join("\n\n")
}

/// The command that runs a learner's test in their copy of `exercises/`; none for a hidden one.
fn test_command(exercise: &ExerciseResult, test: &TestResult) -> Option<String> {
    (!test.hidden()).then(|| {
        format!(
            "cargo test -p {} --test {} -- --exact {}",
            exercise.name, test.target, test.name
        )
    })
}

/// The file of a learner's test, from `exercises/`; none for a hidden one.
fn test_file(exercise: &ExerciseResult, test: &TestResult) -> Option<String> {
    (!test.hidden()).then(|| format!("{}/tests/{}.rs", exercise.name, test.target))
}

/// What the exports' tests share: the sample class exported and read back, a JSON field's type as
/// the platforms' documentation names it.
#[cfg(test)]
mod test_support {
    use crate::results::{StudentResult, TestResult};
    use crate::sample_class::{SECRET, class};
    use course::Lang;
    use serde_json::Value;

    /// Each student of the sample class through `export`, read back as JSON; fails where the
    /// hidden test's message shows.
    pub fn exported(
        export: fn(&StudentResult, Lang) -> anyhow::Result<String>,
    ) -> Vec<(StudentResult, Value)> {
        class()
            .into_iter()
            .map(|r| {
                let text = export(&r, Lang::En).unwrap();
                assert!(
                    !text.contains(SECRET),
                    "{}: the hidden message leaked",
                    r.student
                );
                let json = serde_json::from_str(&text).unwrap();
                (r, json)
            })
            .collect()
    }

    /// The document's `tests[]`, each beside the result it was made from.
    pub fn tests_of<'a>(json: &'a Value, r: &'a StudentResult) -> Vec<(&'a Value, &'a TestResult)> {
        let tests = json["tests"].as_array().expect("a tests array");
        let originals: Vec<&TestResult> = r.exercises.iter().flat_map(|e| &e.tests).collect();
        assert_eq!(tests.len(), originals.len(), "a test for each test");
        tests.iter().zip(originals).collect()
    }

    pub fn type_of(v: &Value) -> &'static str {
        match v {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// Asserts that `object` has each of `fields` with its type (`"string|null"`: either).
    pub fn assert_fields(object: &Value, fields: &[(&str, &str)], what: &str) {
        for (field, kinds) in fields {
            let value = object
                .get(field)
                .unwrap_or_else(|| panic!("{what} has no `{field}`: {object}"));
            assert!(
                kinds.split('|').any(|kind| kind == type_of(value)),
                "{what}.{field} is a {}, not a {kinds}: {value}",
                type_of(value)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_class::class;

    #[test]
    fn a_rerun_replaces_each_export_and_drops_only_students_who_left() {
        let out = std::env::temp_dir().join(format!("workbook-exports-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        let everyone = class();
        let check = roster::check(None, &[], false);
        write(&out, &everyone, &check, Lang::En).unwrap();
        let junit = out.join("exports/junit");
        let leaving = file_name(&everyone[0].student);
        assert!(junit.join(format!("{leaving}.xml")).is_file());
        // A file another writer has not renamed yet is not an old export.
        std::fs::write(junit.join(".someone.xml.tmp"), "").unwrap();

        write(&out, &everyone[1..], &check, Lang::Ko).unwrap();
        let left: Vec<String> = std::fs::read_dir(&junit)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        let _ = std::fs::remove_dir_all(&out);
        assert!(!left.contains(&format!("{leaving}.xml")), "{left:?}");
        assert!(left.contains(&".someone.xml.tmp".to_string()), "{left:?}");
        assert_eq!(left.len(), everyone.len(), "{left:?}");
    }
}
