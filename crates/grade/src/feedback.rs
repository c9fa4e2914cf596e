//! `feedback/<student>.md`: what the learner reads of their result. Hidden tests are named with
//! their status, never their code or messages.

use crate::learner_words as words;
use crate::results::{Compile, StudentResult};
use course::Lang;
use std::fmt::Write;

/// The learner's feedback. Hidden tests are named with their status, never their code or messages.
/// The grader's words are in `lang`; test names, messages and the compiler's are as they are.
pub(crate) fn feedback_md(r: &StudentResult, lang: Lang) -> String {
    if let Some(why) = r.unreadable() {
        return crate::unreadable::feedback_md(&r.student, why, lang);
    }
    let mut md = format!(
        "# {}\n\n**{} / {} {}**\n\n",
        words::feedback_title(&r.student, lang),
        r.points,
        r.max_points,
        words::points(lang)
    );
    if !r.sandboxed {
        let _ = writeln!(md, "> **{}**\n", words::not_sandboxed(lang));
    }
    if let Some(problem) = &r.problem {
        let _ = writeln!(md, "{}\n", words::could_not_be_graded(problem, lang));
    }
    if !r.integrity.is_empty() {
        let _ = writeln!(md, "{}\n", words::integrity(lang));
        for f in &r.integrity {
            let _ = writeln!(md, "- {}", words::detail(f, lang));
        }
        md.push('\n');
    }
    for e in &r.exercises {
        let _ = writeln!(md, "## {} — {} / {}\n", e.name, e.points, e.max_points);
        if let Some((sentence, errors)) = words::build_problem(e, lang) {
            let _ = writeln!(md, "{sentence}\n");
            if !errors.is_empty() {
                md.push_str(&code_block(&errors));
                md.push('\n');
            }
        }
        if e.compile == Compile::Missing {
            continue;
        }
        let _ = writeln!(md, "{}\n| --- | --- | --- |", words::table_header(lang));
        for t in &e.tests {
            let mark = if t.passed() { "✅" } else { "❌" };
            let kind = if t.hidden() {
                format!(" {}", words::hidden(lang))
            } else {
                String::new()
            };
            let _ = writeln!(
                md,
                "| `{}`{kind} | {mark} {} | {} / {} |",
                t.name,
                words::status(t.status, lang),
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
    use crate::results::{Compile, ExerciseResult, SCHEMA, Target, TestResult, TestStatus};

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
            target: Target::Exercise,
            name: "takes_one_second_not_three".into(),
            status: TestStatus::Failed,
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
            status: Default::default(),
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
        let md = feedback_md(&result(errors, message), Lang::En);
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
