//! The book's promises: both editions build, English translates every Korean message, no link or
//! anchor is broken, every include names a real, non-empty anchor, and every exercise has exactly
//! one chapter, whose box names a crate that exists.

use checks::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use workbook::book;

/// Both editions, built once for this test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("book-site");
        let _ = std::fs::remove_dir_all(&out);
        book::build(&repo(), &out).expect("building the book");
        out
    })
}

fn chapters() -> Vec<(String, String)> {
    let src = repo().book_dir().join("src");
    let mut pages: Vec<_> = std::fs::read_dir(&src)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    pages.sort();
    pages
}

/// The values of `attr="..."` in an HTML page.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| html[i + needle.len()..].split('"').next())
        .collect()
}

#[test]
fn both_editions_build_with_every_chapter() {
    for lang in ["ko", "en"] {
        for (page, _) in chapters().iter().filter(|(p, _)| p != "SUMMARY.md") {
            let html = site().join(lang).join(page.replace(".md", ".html"));
            assert!(
                html.is_file(),
                "{} is missing from the {lang} edition",
                html.display()
            );
        }
    }
}

#[test]
fn english_translates_every_korean_message() {
    let missing = book::po::missing_translations(&repo()).unwrap();
    let list: Vec<String> = missing
        .iter()
        .map(|m| format!("{} ({}): {}", m.source, m.why, m.msgid))
        .collect();
    assert!(
        list.is_empty(),
        "{} messages lack English; run `cargo workbook po update`, translate book/po/en.po:\n{}",
        list.len(),
        list.join("\n")
    );
}

#[test]
fn no_korean_left_in_english_prose() {
    // Hangul may appear in English pages only inside code and the lesson's own example data.
    let allowed = [
        "홍길동",
        "김영희",
        "노트북",
        "마우스",
        "주문",
        "사용자DB",
        "상품DB",
        "주문DB",
        "실패",
        "성공",
        "한국어",
    ];
    for (page, _) in chapters().iter().filter(|(p, _)| p != "SUMMARY.md") {
        let html =
            std::fs::read_to_string(site().join("en").join(page.replace(".md", ".html"))).unwrap();
        let main = html
            .split("<main>")
            .nth(1)
            .unwrap_or("")
            .split("</main>")
            .next()
            .unwrap_or("");
        let prose: String = main
            .split("<code")
            .map(|part| part.split_once("</code>").map_or(part, |(_, rest)| rest))
            .collect();
        let mut leftover = prose.clone();
        for word in allowed {
            leftover = leftover.replace(word, "");
        }
        let hangul: String = leftover
            .chars()
            .filter(|c| ('\u{AC00}'..='\u{D7A3}').contains(c))
            .take(20)
            .collect();
        assert!(
            hangul.is_empty(),
            "en/{page} still has Korean prose: {hangul}"
        );
    }
}

#[test]
fn no_broken_links_or_anchors() {
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut pages = Vec::new();
    for lang in ["ko", "en"] {
        for entry in std::fs::read_dir(site().join(lang)).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "html") {
                let html = std::fs::read_to_string(&path).unwrap();
                ids.insert(
                    path.clone(),
                    attributes(&html, "id")
                        .into_iter()
                        .map(String::from)
                        .collect(),
                );
                pages.push((path, html));
            }
        }
    }
    let mut broken = Vec::new();
    for (page, html) in &pages {
        for href in attributes(html, "href")
            .into_iter()
            .chain(attributes(html, "src"))
        {
            if href.contains("://")
                || href.starts_with("mailto:")
                || href.starts_with("javascript:")
            {
                continue;
            }
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target = if file.is_empty() {
                page.clone()
            } else {
                page.parent().unwrap().join(file)
            };
            let target = normalize(&target);
            if !target.exists() {
                broken.push(format!("{}: {href} (no such file)", page.display()));
            } else if !fragment.is_empty()
                && ids.get(&target).is_some_and(|set| !set.contains(fragment))
            {
                broken.push(format!("{}: {href} (no such anchor)", page.display()));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[test]
fn every_include_names_a_real_non_empty_anchor() {
    let src = repo().book_dir().join("src");
    let mut problems = Vec::new();
    for (page, text) in chapters() {
        for directive in text.split("{{#include ").skip(1) {
            let target = directive.split("}}").next().unwrap().trim();
            let (file, anchor) = target.split_once(':').unwrap_or((target, ""));
            let path = src.join(file);
            if file.contains("/solutions/") {
                problems.push(format!(
                    "{page}: includes {file}: solutions are not in the learner's book"
                ));
            }
            let Ok(code) = std::fs::read_to_string(&path) else {
                problems.push(format!("{page}: {file} does not exist"));
                continue;
            };
            if anchor.is_empty() || anchor.chars().all(|c| c.is_ascii_digit() || c == ':') {
                continue;
            }
            let start = format!("ANCHOR: {anchor}");
            let end = format!("ANCHOR_END: {anchor}");
            let inside: Vec<&str> = code
                .lines()
                .skip_while(|l| !l.trim_end().ends_with(&start))
                .skip(1)
                .take_while(|l| !l.trim_end().ends_with(&end))
                .filter(|l| !l.trim().is_empty())
                .collect();
            if inside.is_empty() {
                problems.push(format!("{page}: {file} has no non-empty anchor `{anchor}`"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "includes that show nothing:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_exercise_has_exactly_one_chapter_and_its_box_names_a_real_crate() {
    let exercises: BTreeSet<String> = repo()
        .exercises()
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    let mut boxes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (page, text) in chapters() {
        for line in text.lines() {
            if let Some(name) = line
                .trim()
                .strip_prefix("{{#exercise ")
                .and_then(|l| l.strip_suffix("}}"))
            {
                boxes
                    .entry(name.trim().to_string())
                    .or_default()
                    .push(page.clone());
            }
        }
    }
    for (name, pages) in &boxes {
        assert!(
            exercises.contains(name),
            "{pages:?} box the exercise {name}, which does not exist"
        );
        assert_eq!(
            pages,
            &[format!("{name}.md")],
            "{name} must be boxed once, in book/src/{name}.md"
        );
    }
    for name in &exercises {
        assert!(
            boxes.contains_key(name),
            "no chapter has the exercise box of {name}"
        );
    }
}

#[test]
fn the_sequential_vs_concurrent_picture_is_the_measured_timeline() {
    let committed = repo().book_dir().join("src/generated/ex02-timeline.svg");
    let output = std::process::Command::new(workbook::lab::cargo())
        .args([
            "run",
            "--quiet",
            "--package",
            "ex02-sequential-vs-concurrent",
            "--example",
            "timeline",
        ])
        .current_dir(repo().solutions_dir())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the timeline example failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let measured = String::from_utf8(output.stdout).unwrap();
    let on_disk = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        measured == on_disk,
        "{} is not what ex02's timeline measures; regenerate it:\n  \
         (cd solutions && cargo run -q -p ex02-sequential-vs-concurrent --example timeline) > book/src/generated/ex02-timeline.svg",
        committed.display()
    );
}

#[test]
fn only_whole_tokio_programs_get_a_playground_button() {
    // A plain ```rust block is runnable in the Rust Playground: it must be a whole example program
    // from book/snippets/examples (tokio only). Every other Rust block is marked noplayground.
    let mut problems = Vec::new();
    for (page, text) in chapters() {
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            let Some(info) = line.trim().strip_prefix("```") else {
                continue;
            };
            let body: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.trim().starts_with("```"))
                .collect();
            if !info.starts_with("rust") {
                continue;
            }
            let runnable = !info.contains("noplayground") && !info.contains("ignore");
            let whole_example = matches!(body.as_slice(), [one] if one.starts_with("{{#include ../snippets/examples/") && !one.contains(".rs:"));
            if runnable != whole_example {
                problems.push(format!("{page}: ```{info} {}", body.first().unwrap_or(&"")));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "Rust blocks whose Run button is wrong:\n{}",
        problems.join("\n")
    );
}
