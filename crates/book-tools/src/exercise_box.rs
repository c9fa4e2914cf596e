//! `{{#exercise ex01-join}}` becomes the chapter's exercise box: the task, the crate, the command,
//! hints behind `<details>`, and what success looks like, from `exercises/<name>/hints.toml` (the
//! same hints `workbook hint` prints). `{{#progress}}` becomes the table of every exercise on the
//! status page, and `{{#quiz}}` the chapter's checkpoint questions ([`super::quiz`]). Both carry a `.live-status` element that `theme/live-status.js` fills in when
//! `workbook serve` serves the book (see `serve/live.rs`).

use anyhow::Result;
use course::{Lang, Repo};
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::fmt::Write;

pub struct ExerciseBox {
    pub repo: Repo,
    pub lang: Lang,
}

const DIRECTIVE: &str = "{{#exercise ";
const PROGRESS: &str = "{{#progress}}";
const QUIZ: &str = "{{#quiz}}";

impl Preprocessor for ExerciseBox {
    fn name(&self) -> &str {
        "exercise-box"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let mut error = None;
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            if error.is_some()
                || ![DIRECTIVE, PROGRESS, QUIZ]
                    .iter()
                    .any(|d| chapter.content.contains(d))
            {
                return;
            }
            let file = chapter
                .source_path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            match expand(&self.repo, self.lang, &file, &chapter.content) {
                Ok(content) => chapter.content = content,
                Err(e) => error = Some(e.context(format!("in {}", chapter.name))),
            }
        });
        error.map_or(Ok(book), Err)
    }
}

fn expand(repo: &Repo, lang: Lang, chapter: &str, content: &str) -> Result<String> {
    let mut out = String::new();
    for line in content.lines() {
        if line.trim() == PROGRESS {
            out.push_str(&progress_table(repo, lang)?);
            out.push('\n');
            continue;
        }
        if line.trim() == QUIZ {
            out.push_str(&super::quiz::render(repo, lang, chapter)?);
            out.push('\n');
            continue;
        }
        match line
            .trim()
            .strip_prefix(DIRECTIVE)
            .and_then(|l| l.strip_suffix("}}"))
        {
            Some(name) => out.push_str(&render(repo, lang, name.trim())?),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Ok(out)
}

/// The box, as Markdown inside HTML (blank lines keep the Markdown alive).
pub fn render(repo: &Repo, lang: Lang, name: &str) -> Result<String> {
    let exercise = repo.exercise(name)?;
    let info = exercise.info()?;
    let ko = lang == Lang::Ko;
    let label = |k: &'static str, e: &'static str| if ko { k } else { e };
    let mut html = String::new();
    writeln!(html, "<div class=\"exercise\" id=\"exercise\">\n")?;
    writeln!(
        html,
        "## {}: {}\n",
        label("연습 문제", "Exercise"),
        info.title.get(lang)
    )?;
    writeln!(
        html,
        "- {}: `exercises/{name}/src/lib.rs` ({})",
        label("코드", "Code"),
        label("`todo!()`를 채우세요", "fill in the `todo!()`s")
    )?;
    writeln!(
        html,
        "- {}: `cd exercises && cargo test -p {name}`",
        label("테스트", "Test")
    )?;
    writeln!(
        html,
        "- {}: `cargo workbook hint {name}`\n",
        label("힌트 보기", "Hints")
    )?;
    for (i, hint) in info.hints.iter().enumerate() {
        let summary = format!("{} {}", label("힌트", "Hint"), i + 1);
        writeln!(
            html,
            "<details>\n<summary>{summary}</summary>\n\n{}\n\n</details>\n",
            hint.get(lang)
        )?;
    }
    writeln!(
        html,
        "**{}** {}\n",
        label("성공하면:", "Success:"),
        info.success.get(lang)
    )?;
    // Hidden until `workbook serve` sends this exercise's status.
    writeln!(
        html,
        "<div class=\"live-status\" data-exercise=\"{name}\" role=\"status\" hidden></div>\n"
    )?;
    writeln!(html, "</div>")?;
    Ok(html)
}

/// The status page's table: every exercise, its chapter, and its live status (a dash until
/// `workbook serve` sends one).
fn progress_table(repo: &Repo, lang: Lang) -> Result<String> {
    let ko = lang == Lang::Ko;
    // In mdBook's wrapper, as its own tables are: it scrolls where a phone is too narrow.
    let mut html =
        String::from("<div class=\"table-wrapper\">\n<table class=\"live-progress\">\n<thead><tr>");
    write!(
        html,
        "<th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        if ko { "연습 문제" } else { "Exercise" },
        if ko { "지금 상태" } else { "Status now" }
    )?;
    for exercise in repo.exercises()? {
        let info = exercise.info()?;
        let name = &exercise.name;
        writeln!(
            html,
            "<tr><td><a href=\"{name}.html\"><code>{name}</code></a><br>{}</td>\
             <td><div class=\"live-status\" data-exercise=\"{name}\" role=\"status\">—</div></td></tr>",
            info.title.get(lang)
        )?;
    }
    html.push_str("</tbody>\n</table>\n</div>\n");
    // Why the checks could not run at all (cargo missing...), from the same events.
    html.push_str("<p class=\"live-error\" role=\"alert\" hidden></p>\n");
    Ok(html)
}
