//! Checkpoint quizzes: `{{#quiz}}` in a chapter becomes the questions of
//! `book/quizzes/<chapter>.toml`, answered and scored in the browser (`theme/quiz.js`), with no
//! server, so they work on the static site and in a handout too.
//!
//! The format borrows mdbook-quiz's names where they mean the same (`[[questions]]`, `type`,
//! `prompt.prompt`, `prompt.distractors`, `answer.answer`, `context`), with two changes: every
//! text has both languages (`{ ko = "…", en = "…" }`), and the answer of a `Time` or `Output`
//! question is never typed: it is what the question's program prints, measured on tokio's paused
//! clock (`book/snippets/examples/<program>.rs` and its `.stdout`, which the snippets' tests
//! prove).
//!
//! ```toml
//! [[questions]]
//! id = "ex02-three-awaits"
//! type = "Time"                                 # or "Output", "MultipleChoice"
//! prompt.prompt = { ko = "몇 초 걸릴까요?", en = "How long does it take?" }
//! prompt.program = "quiz_ex02_three_awaits"     # its `// ANCHOR: quiz` region is shown
//! prompt.distractors = ["1", "2", "6"]          # Time: seconds; Output: printed text
//! context = { ko = "…", en = "…" }              # why, shown once answered
//! link = { ko = "ex02-sequential-vs-concurrent.md#…", en = "…" }   # the section that teaches it
//! ```
//!
//! A `MultipleChoice` question has `answer.answer` and `prompt.distractors` in both languages,
//! and may quote a test's failure message (`prompt.message`): the message that the exercise's
//! tests give the wrong answer `prompt.wrong_answer` of `checks/wrong-answers/` (a check proves
//! it).

use anyhow::{Context, Result, bail};
use course::{Lang, Repo, Text};
use serde::Deserialize;
use std::fmt::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Kind,
    pub prompt: Prompt,
    #[serde(default)]
    pub answer: Option<Answer>,
    pub context: Text,
    pub link: Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Kind {
    /// How long does the program take? The answer is the seconds it prints.
    Time,
    /// What does the program print, in what order? The answer is its output.
    Output,
    /// A typed answer: the right fix, the blocking call.
    MultipleChoice,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prompt {
    pub prompt: Text,
    /// An example of `book/snippets/examples/`, whose `quiz` anchor is shown.
    #[serde(default)]
    pub program: Option<String>,
    /// A test's failure message, quoted: part of what the tests say to `wrong_answer`.
    #[serde(default)]
    pub message: Option<String>,
    /// The wrong answer in `checks/wrong-answers/` (`<exercise>/<name>`) that gets `message`.
    #[serde(default)]
    pub wrong_answer: Option<String>,
    pub distractors: Vec<Choice>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub answer: Choice,
}

/// A choice: the same in both languages (seconds, printed text, code), or one text each.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Choice {
    Same(String),
    Both(Text),
}

impl Choice {
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            Choice::Same(text) => text,
            Choice::Both(text) => text.get(lang),
        }
    }
}

/// The quiz file of a chapter (`ex02-sequential-vs-concurrent.md` → its `.toml`).
pub fn file_of(repo: &Repo, chapter: &str) -> PathBuf {
    repo.book_dir()
        .join("quizzes")
        .join(Path::new(chapter).with_extension("toml"))
}

pub fn load(path: &Path) -> Result<Quiz> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

/// A quiz program's source and its measured output.
pub fn program(repo: &Repo, name: &str) -> Result<(PathBuf, PathBuf)> {
    let dir = repo.book_dir().join("snippets/examples");
    Ok((
        dir.join(format!("{name}.rs")),
        dir.join(format!("{name}.stdout")),
    ))
}

/// The lines between `// ANCHOR: quiz` and `// ANCHOR_END: quiz`.
pub fn shown_code(source: &str) -> Option<String> {
    let start = source.find("// ANCHOR: quiz\n")? + "// ANCHOR: quiz\n".len();
    let end = start + source[start..].find("// ANCHOR_END: quiz")?;
    Some(source[start..end].trim_end().to_string())
}

/// The right answer of `question`, in `lang`: measured for `Time` and `Output`, typed otherwise.
pub fn answer(repo: &Repo, question: &Question, lang: Lang) -> Result<String> {
    match question.kind {
        Kind::Time | Kind::Output => {
            let name =
                question.prompt.program.as_deref().with_context(|| {
                    format!("{}: a measured answer needs a program", question.id)
                })?;
            let (_, stdout) = program(repo, name)?;
            let printed = std::fs::read_to_string(&stdout).with_context(|| {
                format!("{}: reading the measured {}", question.id, stdout.display())
            })?;
            Ok(match question.kind {
                Kind::Time => printed.trim().to_string(),
                _ => printed.trim_end().to_string(),
            })
        }
        Kind::MultipleChoice => match &question.answer {
            Some(answer) => Ok(answer.answer.get(lang).to_string()),
            None => bail!(
                "{}: a MultipleChoice question needs answer.answer",
                question.id
            ),
        },
    }
}

/// How a choice reads: seconds as "3초" or "3 s".
fn shown_choice(kind: Kind, choice: &str, lang: Lang) -> String {
    match (kind, lang) {
        (Kind::Time, Lang::Ko) => format!("{}초", seconds(choice)),
        (Kind::Time, Lang::En) => format!("{} s", seconds(choice)),
        _ => choice.to_string(),
    }
}

/// `3.0` → `3`, `0.50` → `0.5`.
fn seconds(text: &str) -> String {
    match text.trim().parse::<f64>() {
        Ok(s) => format!("{}", (s * 1000.0).round() / 1000.0),
        Err(_) => text.trim().to_string(),
    }
}

/// The words around the questions, in each language.
struct Words {
    heading: &'static str,
    check: &'static str,
    right: &'static str,
    wrong: &'static str,
    choose: &'static str,
    score: &'static str,
    read_more: &'static str,
    message: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ko => Words {
            heading: "확인 문제",
            check: "확인",
            right: "맞았습니다!",
            wrong: "아닙니다. 맞는 답과 그 이유:",
            choose: "답을 하나 고르세요.",
            score: "점수: {total}문제 중 {right}문제 맞음",
            read_more: "다시 읽기",
            message: "테스트 실패 메시지:",
        },
        Lang::En => Words {
            heading: "Check your understanding",
            check: "Check",
            right: "Right!",
            wrong: "Not quite. The right answer, and why:",
            choose: "Choose an answer first.",
            score: "Score: {right} of {total} right",
            read_more: "Read again",
            message: "The failing test says:",
        },
    }
}

/// The quiz of `chapter` as the chapter's Markdown shows it (HTML, with fenced code blocks).
pub fn render(repo: &Repo, lang: Lang, chapter: &str) -> Result<String> {
    let quiz = load(&file_of(repo, chapter))?;
    let w = words(lang);
    let mut out = String::new();
    writeln!(out, "## {}\n", w.heading)?;
    writeln!(
        out,
        "<section class=\"quiz\" data-right=\"{}\" data-wrong=\"{}\" data-choose=\"{}\" \
         data-score=\"{}\">\n",
        escape(w.right),
        escape(w.wrong),
        escape(w.choose),
        escape(w.score)
    )?;
    for (number, question) in quiz.questions.iter().enumerate() {
        let right = answer(repo, question, lang)?;
        // Each choice with the key the reader's browser keeps it by: its place in the quiz file,
        // the same in both editions and whatever order the choices are shown in.
        let mut choices: Vec<(String, String)> = question
            .prompt
            .distractors
            .iter()
            .enumerate()
            .map(|(i, d)| (format!("distractor-{i}"), d.get(lang).to_string()))
            .collect();
        // The right answer at a place of its own per question, the same in every build (and with
        // every compiler: the id's bytes, not a hasher whose algorithm may change).
        let at = question.id.bytes().map(usize::from).sum::<usize>() % (choices.len() + 1);
        choices.insert(at, ("answer".to_string(), right));
        writeln!(
            out,
            "<form class=\"quiz-question\" data-id=\"{}\" data-answer=\"{at}\">\n<fieldset>\n\
             <legend><span class=\"quiz-number\">{}.</span> {}</legend>\n",
            escape(&question.id),
            number + 1,
            inline_markdown(question.prompt.prompt.get(lang))
        )?;
        if let Some(name) = &question.prompt.program {
            let (source, _) = program(repo, name)?;
            let text = std::fs::read_to_string(&source)
                .with_context(|| format!("reading {}", source.display()))?;
            let code = shown_code(&text)
                .with_context(|| format!("{} has no `// ANCHOR: quiz` region", source.display()))?;
            writeln!(out, "```rust,noplayground\n{code}\n```\n")?;
        }
        if let Some(message) = &question.prompt.message {
            writeln!(
                out,
                "<p class=\"quiz-message-label\">{}</p>\n\n```text\n{message}\n```\n",
                w.message
            )?;
        }
        writeln!(out, "<div class=\"quiz-choices\">")?;
        for (i, (key, choice)) in choices.iter().enumerate() {
            let shown = shown_choice(question.kind, choice, lang);
            let body = if question.kind == Kind::Output {
                // Printed output: data, the same in both editions (as in code).
                format!("<pre><code>{}</code></pre>", escape(&shown))
            } else {
                inline_markdown(&shown)
            };
            writeln!(
                out,
                "<label><input type=\"radio\" name=\"{}\" value=\"{i}\" data-key=\"{}\"> \
                 <span>{body}</span></label>",
                escape(&question.id),
                key
            )?;
        }
        writeln!(out, "</div>\n</fieldset>")?;
        let link = question.link.get(lang).replacen(".md", ".html", 1);
        writeln!(
            out,
            "<button type=\"submit\">{}</button>\n\
             <p class=\"quiz-verdict\" role=\"status\" aria-live=\"polite\"></p>\n\
             <div class=\"quiz-why\" hidden>{} <a href=\"{}\">{} →</a></div>\n</form>\n",
            w.check,
            inline_markdown(question.context.get(lang)),
            escape(&link),
            w.read_more
        )?;
    }
    writeln!(
        out,
        "<p class=\"quiz-score\" aria-live=\"polite\"></p>\n</section>"
    )?;
    Ok(out)
}

/// A line of Markdown (`code`, **bold**, links) as HTML, for places Markdown does not reach.
fn inline_markdown(text: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(text));
    let html = html.trim();
    // One paragraph: without its <p>, it fits in a <legend> or a <span>.
    match html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}

/// `text` safe in HTML text and in quoted attributes, as the Markdown renderer escapes it.
fn escape(text: &str) -> String {
    let mut escaped = String::new();
    pulldown_cmark_escape::escape_html(&mut escaped, text).expect("writing to a String");
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shown_code_is_the_quiz_anchor_and_seconds_read_naturally() {
        let source =
            "use x;\n// ANCHOR: quiz\nasync fn run() {}\n// ANCHOR_END: quiz\nfn main() {}\n";
        assert_eq!(shown_code(source).as_deref(), Some("async fn run() {}"));
        assert_eq!(shown_choice(Kind::Time, "3.0", Lang::Ko), "3초");
        assert_eq!(shown_choice(Kind::Time, "0.50", Lang::En), "0.5 s");
        assert_eq!(
            inline_markdown("`join!` is **one** task"),
            "<code>join!</code> is <strong>one</strong> task"
        );
    }
}
