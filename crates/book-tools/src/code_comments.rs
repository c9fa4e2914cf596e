//! Korean comments in the Korean edition's Rust code, with one source of the code.
//!
//! The code the book shows is included from `exercises/`, `solutions/` and `book/snippets/`,
//! whose comments are English (they are real crates, read by both editions). The Korean edition
//! translates them at build time, after mdBook's `links` preprocessor has expanded the includes,
//! through the catalog `book/po/ko-comments.po`:
//!
//! ```text
//! msgid "Calls the three services concurrently and returns their results in the order users, products, orders."
//! msgstr "세 서비스를 동시에 호출하고, 결과를 users, products, orders 순서로 돌려줍니다."
//! ```
//!
//! - A msgid is one comment as a reader sees it: consecutive lines of the same kind (`//`, `///`
//!   or `//!`, same indentation), joined with single spaces; an empty comment line starts a new
//!   one. A comment after code on the same line is one by itself.
//! - The msgstr replaces it. It is wrapped again at 80 columns (a Hangul syllable counts two), or
//!   kept line by line if it contains `\n`.
//! - The English edition is not touched. Only ```` ```rust ```` blocks are, and only comments:
//!   `"http://…"` in a string is not a comment.
//!
//! [`untranslated`] lists the comments the Korean edition shows that the catalog lacks, and the
//! catalog's entries no comment uses any more; `checks/tests/book_is_complete_and_linked.rs` fails
//! on either. A comment without a translation is shown in English, so the book still builds while
//! someone is changing the code.

use super::Lang;
use anyhow::{Context, Result, anyhow};
use course::Repo;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use ra_ap_rustc_lexer::{FrontmatterAllowed, TokenKind, tokenize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// English comment → Korean comment.
pub type Catalog = BTreeMap<String, String>;

pub fn catalog_path(repo: &Repo) -> PathBuf {
    repo.book_dir().join("po/ko-comments.po")
}

pub fn read_catalog(repo: &Repo) -> Result<Catalog> {
    let path = catalog_path(repo);
    let po = polib::po_file::parse(&path)
        .map_err(|e| anyhow!("{e}"))
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(po
        .messages()
        .filter(|m| !m.is_fuzzy())
        .filter_map(|m| {
            let korean = m.msgstr().ok().filter(|s| !s.is_empty())?;
            Some((m.msgid().to_string(), korean.to_string()))
        })
        .collect())
}

/// The preprocessor: translates the comments of every Rust code block, in the Korean edition.
pub struct CodeComments {
    pub catalog: Catalog,
}

impl Preprocessor for CodeComments {
    fn name(&self) -> &str {
        "code-comments"
    }

    fn run(&self, _ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item {
                chapter.content = translate(&chapter.content, &self.catalog);
            }
        });
        Ok(book)
    }
}

/// A comment the Korean edition shows in English.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Untranslated {
    /// The chapter's file, as `src/ex01-join.md`.
    pub chapter: String,
    /// The comment's first line as the code has it, to find it with grep.
    pub line: String,
    /// The catalog's msgid for it.
    pub msgid: String,
}

/// What the catalog lacks, and what it has that no comment uses (after the code changed, the
/// old text of a comment).
pub fn untranslated(repo: &Repo) -> Result<(Vec<Untranslated>, Vec<String>)> {
    let catalog = read_catalog(repo)?;
    let book = super::load_untranslated(repo, Lang::Ko)?;
    let (book, _) = book.preprocess_book(&MarkdownRenderer::new())?;
    let mut missing = BTreeSet::new();
    let mut used = BTreeSet::new();
    for item in book.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        for (line, msgid) in comments(&chapter.content) {
            if catalog.contains_key(&msgid) {
                used.insert(msgid);
            } else {
                let chapter = chapter
                    .source_path
                    .as_ref()
                    .map_or_else(|| chapter.name.clone(), |p| format!("src/{}", p.display()));
                missing.insert(Untranslated {
                    chapter,
                    line: line.trim().to_string(),
                    msgid,
                });
            }
        }
    }
    let unused = catalog.into_keys().filter(|k| !used.contains(k)).collect();
    Ok((missing.into_iter().collect(), unused))
}

/// One comment of a Rust block, found by [`comments`].
#[derive(Debug, PartialEq, Eq)]
struct Comment<'a> {
    /// Its lines as the code has them.
    lines: &'a [&'a str],
    /// What comes before the `//` on its first line: indentation, or code.
    before: &'a str,
    /// `//`, `///` or `//!`.
    marker: &'static str,
    /// Its text as a msgid.
    msgid: String,
}

/// The comments of every Rust block of `markdown`, as (first line, msgid).
fn comments(markdown: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for_each_comment(markdown, |comment| {
        found.push((comment.lines[0].to_string(), comment.msgid.clone()));
        None
    });
    found
}

/// `markdown` with the comments of its Rust blocks translated by `catalog` (those it lacks stay).
pub fn translate(markdown: &str, catalog: &Catalog) -> String {
    for_each_comment(markdown, |comment| {
        let korean = catalog.get(&comment.msgid)?;
        Some(render(comment, korean))
    })
}

/// The Korean lines that replace a comment's `lines`: same indentation, same `//`, `///` or `//!`.
fn render(comment: &Comment, korean: &str) -> Vec<String> {
    let (before, marker) = (comment.before, comment.marker);
    if !before.trim().is_empty() {
        // After code: one line.
        let one_line = korean.split('\n').collect::<Vec<_>>().join(" ");
        return vec![format!("{before}{marker} {one_line}")];
    }
    let lines: Vec<String> = if korean.contains('\n') {
        korean.split('\n').map(String::from).collect()
    } else {
        wrap(
            korean,
            80usize.saturating_sub(width(before) + marker.len() + 1),
        )
    };
    lines
        .iter()
        .map(|l| format!("{before}{marker} {l}").trim_end().to_string())
        .collect()
}

/// `//!`, `///` or `//` at the start of `comment`.
fn marker(comment: &str) -> &'static str {
    if comment.starts_with("//!") {
        "//!"
    } else if comment.starts_with("///") && !comment.starts_with("////") {
        "///"
    } else {
        "//"
    }
}

/// Display columns: a Hangul syllable (or other wide character) counts two.
fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FF60}')
}

/// Breaks `text` at spaces into lines of at most `columns` (a longer word gets a line to itself).
fn wrap(text: &str, columns: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && width(&line) + 1 + width(word) > columns {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Calls `f` with every comment of every Rust block of `markdown`; where `f` returns lines, they
/// replace the comment's. Returns the markdown.
fn for_each_comment(markdown: &str, mut f: impl FnMut(&Comment) -> Option<Vec<String>>) -> String {
    let mut out: Vec<String> = Vec::new();
    let lines: Vec<&str> = markdown.split('\n').collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        out.push(line.to_string());
        i += 1;
        let Some((fence, info)) = fence_open(line) else {
            continue;
        };
        let rust = info.split([',', ' ']).next() == Some("rust");
        let end = (i..lines.len())
            .find(|&j| lines[j].trim_start().starts_with(&fence) && lines[j].trim() == fence)
            .unwrap_or(lines.len());
        if rust {
            out.extend(code_block(&lines[i..end], &mut f));
        } else {
            out.extend(lines[i..end].iter().map(|l| l.to_string()));
        }
        // The closing fence.
        out.extend(lines.get(end).map(|l| l.to_string()));
        i = end + 1;
    }
    out.join("\n")
}

/// ```` ```rust,noplayground ```` → (```` ``` ````, `rust,noplayground`).
fn fence_open(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start();
    let ch = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = trimmed.chars().take_while(|&c| c == ch).count();
    (n >= 3).then(|| (ch.to_string().repeat(n), trimmed[n..].trim()))
}

/// The lines of one Rust block, with its comments given to `f`.
fn code_block(lines: &[&str], f: &mut impl FnMut(&Comment) -> Option<Vec<String>>) -> Vec<String> {
    let starts = comment_starts(lines);
    let own_line = |j: usize| starts[j].filter(|&s| lines[j][..s].trim().is_empty());
    let mut out = Vec::new();
    let mut j = 0;
    while j < lines.len() {
        let Some(start) = starts[j] else {
            out.push(lines[j].to_string());
            j += 1;
            continue;
        };
        let (before, comment) = lines[j].split_at(start);
        let kind = (before, marker(comment));
        // A comment after code, or the run of comment lines of the same kind from here to an
        // empty comment line.
        let mut end = j + 1;
        if own_line(j).is_some() && !text_of(comment).is_empty() {
            while end < lines.len()
                && own_line(end).is_some_and(|s| {
                    let (b, c) = lines[end].split_at(s);
                    (b, marker(c)) == kind && !text_of(c).is_empty()
                })
            {
                end += 1;
            }
        }
        let text = lines[j..end]
            .iter()
            .zip(&starts[j..end])
            .map(|(l, s)| text_of(&l[s.unwrap_or(0)..]))
            .collect::<Vec<_>>()
            .join(" ");
        if needs_translation(&text) {
            let comment = Comment {
                lines: &lines[j..end],
                before,
                marker: kind.1,
                msgid: text,
            };
            match f(&comment) {
                Some(new) => out.extend(new),
                None => out.extend(lines[j..end].iter().map(|l| l.to_string())),
            }
        } else {
            out.extend(lines[j..end].iter().map(|l| l.to_string()));
        }
        j = end;
    }
    out
}

/// The words of a comment, without its `//`, `///` or `//!` and the space after it.
fn text_of(comment: &str) -> &str {
    comment[marker(comment).len()..].trim()
}

/// A comment is text to translate if it has a word of two or more letters (`// 1`, `// ...` and
/// empty comment lines are not).
fn needs_translation(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 2)
}

/// For each line, the byte where its `//` comment starts, if it has one. rustc's own lexer tells
/// a comment from `//` inside a string, a raw string or a character, across lines too.
fn comment_starts(lines: &[&str]) -> Vec<Option<usize>> {
    let text = lines.join("\n");
    let line_starts: Vec<usize> = lines
        .iter()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len() + 1;
            Some(start)
        })
        .collect();
    let mut starts = vec![None; lines.len()];
    let mut at = 0;
    for token in tokenize(&text, FrontmatterAllowed::No) {
        if let TokenKind::LineComment { .. } = token.kind {
            let line = line_starts.partition_point(|&s| s <= at) - 1;
            starts[line] = Some(at - line_starts[line]);
        }
        at += token.len as usize;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(pairs: &[(&str, &str)]) -> Catalog {
        pairs
            .iter()
            .map(|(e, k)| (e.to_string(), k.to_string()))
            .collect()
    }

    #[test]
    fn comments_are_found_outside_strings_only() {
        let starts = comment_starts(&[
            r#"let u = "http://x"; // a"#,
            r#"let c = '"'; // a"#,
            "fn f<'a>(x: &'a str) // a",
            r##"r#"// no"#; // yes"##,
            r#"let s = "one"#,
            r#"// still the string"; // now"#,
        ]);
        assert_eq!(
            starts,
            [Some(20), Some(13), Some(21), Some(12), None, Some(22)]
        );
    }

    #[test]
    fn runs_of_comment_lines_are_one_message_and_an_empty_line_splits_them() {
        let md = "```rust\n// first\n```\ntext // not code\n```rust,noplayground\n/// Calls the three\n/// services.\n///\n/// Second.\nfn f() {\n    let x = 1; // one\n    // an example\n    f(); // 1\n}\n```\n```python\n# no\n// no\n```\n";
        let found: Vec<_> = comments(md).into_iter().map(|c| c.1).collect();
        assert_eq!(
            found,
            [
                "first",
                "Calls the three services.",
                "Second.",
                "one",
                "an example"
            ]
        );
    }

    #[test]
    fn translations_keep_indentation_and_kind_and_wrap_at_80_columns() {
        let md = "```rust\n    /// Calls the three\n    /// services.\n    let x = 1; // one\n// untranslated\n```";
        let long = "가나다 ".repeat(20);
        let ko = catalog(&[("Calls the three services.", long.trim()), ("one", "하나")]);
        let out = translate(md, &ko);
        let lines: Vec<_> = out.lines().collect();
        assert_eq!(lines[0], "```rust");
        assert!(lines[1].starts_with("    /// 가나다 가나다"), "{out}");
        assert!(lines[1..3].iter().all(|l| width(l) <= 80), "{out}");
        assert_eq!(lines.len(), 6, "{out}");
        assert_eq!(lines[3], "    let x = 1; // 하나");
        assert_eq!(lines[4], "// untranslated");
        assert_eq!(
            translate(md, &catalog(&[("one", "첫 줄\n둘째 줄")]))
                .lines()
                .nth(3),
            Some("    let x = 1; // 첫 줄 둘째 줄")
        );
    }
}
