//! What grading writes: `results/<student>.json` (the schema below), `feedback/<student>.md` for
//! the learner, and `gradebook.csv` for the instructor's LMS. Every file is written atomically.
//!
//! `results/<student>.json` (schema version 2):
//!
//! ```text
//! { "schema": 2, "student": "alice", "hash": "<sha-256 of submission + tests>",
//!   "problem": null | "why the submission could not be graded",
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
//! The signature is the grader's, under a key kept in the lab folder (see [`super::signature`]):
//! a rerun reuses only a result it verifies. `workbook merge` copies results as they are.

use super::roster;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::path::Path;

pub const SCHEMA: u32 = 2;

/// What the gradebook and the feedback say of a result graded with `--no-sandbox`.
pub const NOT_SANDBOXED: &str = "NOT SANDBOXED: graded with --no-sandbox; the code ran with the \
                                 grader's rights and could have forged this result";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StudentResult {
    pub schema: u32,
    pub student: String,
    pub hash: String,
    pub problem: Option<String>,
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

#[derive(Debug, Clone, Serialize, Deserialize)]
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
            Compile::Failed if self.tests.iter().any(|t| t.status != "not_built") => {
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TestResult {
    pub target: String,
    pub name: String,
    /// A [`crate::run::Status`] in snake case, or `not_built`.
    pub status: String,
    pub points: u32,
    pub max_points: u32,
    pub message: String,
    pub duration_ms: u64,
}

impl TestResult {
    pub fn hidden(&self) -> bool {
        self.target == "hidden"
    }

    pub fn passed(&self) -> bool {
        self.status == "passed"
    }

    /// The message a learner may read: none for a hidden test, whose messages may quote its code.
    pub fn message_for_learner(&self) -> Option<&str> {
        Some(self.message.as_str()).filter(|m| !self.hidden() && !m.is_empty())
    }

    /// The status in words: "timed out".
    pub fn status_words(&self) -> String {
        self.status.replace('_', " ")
    }
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

/// One row a student: points per exercise, total, and flags. Roster rows with no submission get a
/// row of their own, with no points and their flag (see [`super::roster`]).
pub fn gradebook_csv(
    exercises: &[String],
    results: &[StudentResult],
    roster: &roster::Check,
) -> Result<String> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["student".to_string()];
    header.extend(exercises.iter().cloned());
    header.extend(["total", "max", "flags"].map(String::from));
    csv.write_record(&header)?;
    // Students with alerts first: their points may be forged.
    let mut ordered: Vec<&StudentResult> = results.iter().collect();
    ordered.sort_by_key(|r| r.alerts.is_empty());
    for r in ordered {
        let mut row = vec![spreadsheet_text(&r.student)];
        for name in exercises {
            let points = r
                .exercises
                .iter()
                .find(|e| &e.name == name)
                .map_or(0, |e| e.points);
            row.push(points.to_string());
        }
        let mut flags: Vec<String> = r.alerts.iter().map(|a| format!("ALERT: {a}")).collect();
        flags.extend(r.problem.iter().cloned());
        if !r.sandboxed {
            flags.insert(0, NOT_SANDBOXED.into());
        }
        flags.extend(r.integrity.iter().map(|f| format!("integrity: {f}")));
        flags.extend(r.review.iter().map(|f| format!("review: {f}")));
        flags.extend(roster.flag(&r.student));
        row.extend([r.points.to_string(), r.max_points.to_string()]);
        row.push(spreadsheet_text(&flags.join("; ")));
        csv.write_record(&row)?;
    }
    for missing in &roster.no_submission {
        let mut row = vec![spreadsheet_text(&missing.folder)];
        row.extend(exercises.iter().map(|_| String::new()));
        row.extend([String::new(), String::new()]);
        row.push(spreadsheet_text(&format!(
            "{}: {} ({})",
            roster::NO_SUBMISSION,
            missing.name,
            missing.student_id
        )));
        csv.write_record(&row)?;
    }
    Ok(String::from_utf8(csv.into_inner()?)?)
}

/// A spreadsheet would run a field that starts like a formula: such a field is made text.
pub fn spreadsheet_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The learner's feedback. Hidden tests are named with their status, never their code or messages.
pub fn feedback_md(r: &StudentResult) -> String {
    let mut md = format!(
        "# Feedback for {}\n\n**{} / {} points**\n\n",
        r.student, r.points, r.max_points
    );
    if !r.sandboxed {
        let _ = writeln!(md, "> **{NOT_SANDBOXED}**\n");
    }
    if let Some(problem) = &r.problem {
        let _ = writeln!(md, "Your submission could not be graded: it {problem}.\n");
    }
    if !r.integrity.is_empty() {
        md.push_str("Files you may not edit were changed; the originals were used:\n\n");
        for f in &r.integrity {
            let _ = writeln!(md, "- {f}");
        }
        md.push('\n');
    }
    for e in &r.exercises {
        let _ = writeln!(md, "## {} — {} / {}\n", e.name, e.points, e.max_points);
        if let Some((sentence, errors)) = e.build_problem() {
            let _ = writeln!(md, "{sentence}\n");
            if !errors.is_empty() {
                md.push_str(&code_block(&errors));
                md.push('\n');
            }
        }
        if e.compile == Compile::Missing {
            continue;
        }
        md.push_str("| test | result | points |\n| --- | --- | --- |\n");
        for t in &e.tests {
            let mark = if t.passed() { "✅" } else { "❌" };
            let kind = if t.hidden() { " (hidden)" } else { "" };
            let _ = writeln!(
                md,
                "| `{}`{kind} | {mark} {} | {} / {} |",
                t.name,
                t.status_words(),
                t.points,
                t.max_points
            );
        }
        md.push('\n');
        for t in e.tests.iter().filter(|t| !t.passed()) {
            if let Some(message) = t.message_for_learner() {
                let _ = writeln!(md, "### `{}`\n\n{}", t.name, code_block(message.trim_end()));
            }
        }
    }
    md
}

/// `text` in a fenced block it cannot close: the fence is one backtick longer than the longest run
/// of backticks inside (CommonMark), and at least three.
fn code_block(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}text\n{text}\n{fence}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines of `md` outside fenced code blocks, read as CommonMark reads backtick fences.
    fn outside_code(md: &str) -> Vec<&str> {
        let mut outside = Vec::new();
        let mut open: Option<usize> = None;
        for line in md.lines() {
            let unindented = line.trim_start_matches(' ');
            let fence = if line.len() - unindented.len() <= 3 {
                unindented.len() - unindented.trim_start_matches('`').len()
            } else {
                0
            };
            match open {
                None if fence >= 3 => open = Some(fence),
                None => outside.push(line),
                Some(n) if fence >= n && unindented.trim_end().len() == fence => open = None,
                Some(_) => {}
            }
        }
        outside
    }

    fn result(compile_errors: Vec<String>, message: &str) -> StudentResult {
        let test = TestResult {
            target: "exercise".into(),
            name: "takes_one_second_not_three".into(),
            status: "failed".into(),
            points: 0,
            max_points: 2,
            message: message.into(),
            duration_ms: 1,
        };
        StudentResult {
            schema: SCHEMA,
            student: "alice".into(),
            hash: String::new(),
            sandboxed: true,
            problem: None,
            integrity: Vec::new(),
            review: Vec::new(),
            alerts: Vec::new(),
            points: 0,
            max_points: 2,
            exercises: vec![ExerciseResult {
                name: "ex01-join".into(),
                compile: Compile::Failed,
                compile_errors,
                points: 0,
                max_points: 2,
                tests: vec![test],
            }],
            signature: None,
        }
    }

    #[test]
    fn backticks_in_messages_stay_inside_their_code_blocks() {
        let message = "left != right\n```\n# Injected by the message\n   ````\n`````` `";
        let errors = vec!["error: ```\n## Injected by the compiler\n```".to_string()];
        let md = feedback_md(&result(errors, message));
        let outside = outside_code(&md);
        assert!(
            outside.iter().all(|l| !l.contains("Injected")),
            "text escaped its code block:\n{md}"
        );
        assert!(md.contains(message), "the message is shown whole:\n{md}");
        assert!(outside.contains(&"### `takes_one_second_not_three`"));
    }

    #[test]
    fn plain_messages_keep_the_usual_fence() {
        assert_eq!(code_block("no ticks"), "```text\nno ticks\n```\n");
        assert_eq!(code_block("a `b` c"), "```text\na `b` c\n```\n");
        assert_eq!(code_block("````"), "`````text\n````\n`````\n");
    }
}
