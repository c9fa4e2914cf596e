//! What grading writes: `results/<student>.json` (the schema below), `feedback/<student>.md` for
//! the learner, and `gradebook.csv` for the instructor's LMS. Every file is written atomically.
//!
//! `results/<student>.json` (schema version 1):
//!
//! ```text
//! { "schema": 1, "student": "alice", "hash": "<sha-256 of submission + tests>",
//!   "problem": null | "why the submission could not be graded",
//!   "integrity": ["ex01-join/tests/exercise.rs was changed (not used: the original was)"],
//!   "review": ["src/lib.rs:12 calls std::process::exit"],   // static scan, for the instructor
//!   "points": 40, "max_points": 60,
//!   "exercises": [ { "name": "ex01-join", "compile": "ok" | "failed" | "missing",
//!                    "compile_errors": ["rendered rustc message", ...],
//!                    "points": 3, "max_points": 4,
//!                    "tests": [ { "target": "exercise" | "hidden", "name": "takes_one_second_not_three",
//!                                 "status": "passed" | "failed" | "timed_out" | "crashed"
//!                                           | "output_limit" | "no_result" | "not_built",
//!                                 "points": 2, "max_points": 2, "message": "...", "duration_ms": 12 } ] } ] }
//! ```

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::fmt::Write;
use std::path::Path;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StudentResult {
    pub schema: u32,
    pub student: String,
    pub hash: String,
    pub problem: Option<String>,
    pub integrity: Vec<String>,
    pub review: Vec<String>,
    pub points: u32,
    pub max_points: u32,
    pub exercises: Vec<ExerciseResult>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Compile {
    Ok,
    Failed,
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
}

/// Writes `text` to `path` through a temporary file and a rename: a reader never sees half a file.
pub fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().context("no parent folder")?;
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name().unwrap_or_default().to_string_lossy()
    ));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}

/// Every result in `out/results/`, by student name.
pub fn read_results(out: &Path) -> Result<Vec<StudentResult>> {
    let mut results = Vec::new();
    let Ok(entries) = std::fs::read_dir(out.join("results")) else {
        return Ok(results);
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)?;
            results.push(
                serde_json::from_str(&text)
                    .with_context(|| format!("reading {}", path.display()))?,
            );
        }
    }
    results.sort_by(|a: &StudentResult, b| a.student.cmp(&b.student));
    Ok(results)
}

/// One row a student: points per exercise, total, and flags.
pub fn gradebook_csv(exercises: &[String], results: &[StudentResult]) -> String {
    let mut csv = String::from("student");
    for name in exercises {
        let _ = write!(csv, ",{name}");
    }
    csv.push_str(",total,max,flags\n");
    for r in results {
        csv.push_str(&csv_field(&r.student));
        for name in exercises {
            let points = r
                .exercises
                .iter()
                .find(|e| &e.name == name)
                .map_or(0, |e| e.points);
            let _ = write!(csv, ",{points}");
        }
        let mut flags: Vec<String> = r.problem.iter().cloned().collect();
        flags.extend(r.integrity.iter().map(|f| format!("integrity: {f}")));
        flags.extend(r.review.iter().map(|f| format!("review: {f}")));
        let _ = writeln!(
            csv,
            ",{},{},{}",
            r.points,
            r.max_points,
            csv_field(&flags.join("; "))
        );
    }
    csv
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
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
        match e.compile {
            Compile::Missing => md.push_str("Not submitted.\n\n"),
            Compile::Failed => {
                let built_any = e.tests.iter().any(|t| t.status != "not_built");
                md.push_str(if built_any {
                    "Your tests build, but not all of the instructor's:\n\n```text\n"
                } else {
                    "Does not compile. The compiler said:\n\n```text\n"
                });
                md.push_str(e.compile_errors.join("\n").trim_end());
                md.push_str("\n```\n\n");
            }
            Compile::Ok => {}
        }
        if e.compile == Compile::Missing {
            continue;
        }
        md.push_str("| test | result | points |\n| --- | --- | --- |\n");
        for t in &e.tests {
            let mark = if t.status == "passed" { "✅" } else { "❌" };
            let kind = if t.hidden() { " (hidden)" } else { "" };
            let _ = writeln!(
                md,
                "| `{}`{kind} | {mark} {} | {} / {} |",
                t.name,
                t.status.replace('_', " "),
                t.points,
                t.max_points
            );
        }
        md.push('\n');
        for t in e
            .tests
            .iter()
            .filter(|t| t.status != "passed" && !t.hidden() && !t.message.is_empty())
        {
            let _ = writeln!(
                md,
                "### `{}`\n\n```text\n{}\n```\n",
                t.name,
                t.message.trim_end()
            );
        }
    }
    md
}
