//! The book's promises: both editions build, English translates every Korean message, no link or
//! anchor is broken, every include names a real, non-empty anchor, and every exercise has exactly
//! one chapter, whose box names a crate that exists.

use book_tools as book;
use checks::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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
        // Text only: tags' attributes are not prose (the language switch carries the Korean
        // page's heading ids).
        let mut leftover: String = prose
            .split('<')
            .map(|part| part.split_once('>').map_or(part, |(_, text)| text))
            .collect();
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
            } else if let Some(from_root) = file.strip_prefix('/') {
                // The 404 page's <base href="/ko/">: the site is served at the host's root.
                site().join(from_root)
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
fn the_sequential_vs_concurrent_picture_is_the_measured_timeline_in_each_edition() {
    for (file, args) in [
        ("ex02-timeline.svg", &[][..]),
        ("ex02-en-timeline.svg", &["--", "en"][..]),
    ] {
        let committed = repo().book_dir().join("src/generated").join(file);
        let output = std::process::Command::new(course::cargo::cargo())
            .args([
                "run",
                "--quiet",
                "--package",
                "ex02-sequential-vs-concurrent",
            ])
            .args(["--example", "timeline"])
            .args(args)
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
             (cd solutions && cargo run -q -p ex02-sequential-vs-concurrent --example timeline {}) > book/src/generated/{file}",
            committed.display(),
            args.join(" ")
        );
    }
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

#[test]
fn run_buttons_send_the_edition_the_snippets_compile_with() {
    // mdBook marks each Rust block `edition20xx` from book.toml's [rust] edition (2015 when unset),
    // and the Run button sends that edition to the Playground. It must be the edition in which
    // book/snippets compiles the same programs: 2015 rejects `async fn`.
    let read = |path: &str| -> toml::Table {
        toml::from_str(&std::fs::read_to_string(repo().book_dir().join(path)).unwrap()).unwrap()
    };
    let snippets = read("snippets/Cargo.toml")["package"]["edition"]
        .as_str()
        .expect("book/snippets/Cargo.toml names its edition")
        .to_string();
    let book = read("book.toml");
    let edition = book
        .get("rust")
        .and_then(|r| r.get("edition"))
        .and_then(|e| e.as_str());
    assert_eq!(
        edition,
        Some(snippets.as_str()),
        "book/book.toml must set [rust] edition = \"{snippets}\""
    );
    let mut runnable = 0;
    for lang in ["ko", "en"] {
        for (page, _) in chapters().iter().filter(|(p, _)| p != "SUMMARY.md") {
            let html =
                std::fs::read_to_string(site().join(lang).join(page.replace(".md", ".html")))
                    .unwrap();
            for class in attributes(&html, "class") {
                let classes: Vec<&str> = class.split_whitespace().collect();
                if classes.contains(&"language-rust") && !classes.contains(&"noplayground") {
                    runnable += 1;
                    assert!(
                        classes.contains(&format!("edition{snippets}").as_str()),
                        "{lang}/{page}: a runnable block is `{class}`, not edition {snippets}"
                    );
                }
            }
        }
    }
    assert!(runnable > 0, "no runnable Rust block in the built book");
}

#[test]
fn quotes_come_out_as_written() {
    // Smart punctuation is off (book.toml): it turned `'static` into `’static`, and a closing "
    // after Hangul into an opening “. Korean prose writes its own “ ”.
    let mut problems = Vec::new();
    for lang in ["ko", "en"] {
        for (page, _) in chapters().iter().filter(|(p, _)| p != "SUMMARY.md") {
            let html =
                std::fs::read_to_string(site().join(lang).join(page.replace(".md", ".html")))
                    .unwrap();
            if html.contains("’static") {
                problems.push(format!("{lang}/{page}: ’static"));
            }
            let chars: Vec<char> = html.chars().collect();
            for pair in chars.windows(2) {
                if pair[1] == '“' && ('\u{AC00}'..='\u{D7A3}').contains(&pair[0]) {
                    problems.push(format!(
                        "{lang}/{page}: an opening “ right after {}",
                        pair[0]
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rust_comment_in_the_korean_edition_is_korean() {
    let (missing, unused) = book::code_comments::untranslated(&repo()).unwrap();
    let catalog = book::code_comments::catalog_path(&repo());
    let mut report = String::new();
    if !missing.is_empty() {
        report += &format!(
            "{} comments in the Korean edition's Rust code have no Korean in {}. Add each \
             (msgid exactly as below; msgstr in Korean):\n",
            missing.len(),
            catalog.display()
        );
        for m in &missing {
            report += &format!(
                "\n# {}: {}\nmsgid {:?}\nmsgstr \"\"\n",
                m.chapter, m.line, m.msgid
            );
        }
    }
    if !unused.is_empty() {
        report += &format!(
            "\n{} entries of {} match no comment any more (the code changed?); update or remove \
             them:\n",
            unused.len(),
            catalog.display()
        );
        for msgid in &unused {
            report += &format!("  msgid {msgid:?}\n");
        }
    }
    assert!(report.is_empty(), "{report}");
    // And the built pages show it: the given code of ex01 has its Korean doc comment, the
    // English edition its English one.
    let ko = std::fs::read_to_string(site().join("ko/ex01-join.html")).unwrap();
    let en = std::fs::read_to_string(site().join("en/ex01-join.html")).unwrap();
    let english = "/// A 1-second API call";
    assert!(en.contains(english), "the English edition lost `{english}`");
    assert!(
        !ko.contains(english),
        "the Korean edition shows `{english}` in English"
    );
}

/// The chapters that teach, each with a quiz: the two before the exercises, and every exercise's.
fn teaching_chapters() -> Vec<String> {
    let mut chapters = vec![
        "external-apis.md".to_string(),
        "http-clients.md".to_string(),
    ];
    chapters.extend(repo().exercises().unwrap().iter().map(|e| e.chapter()));
    chapters
}

#[test]
fn every_teaching_chapter_has_a_quiz_whose_answers_are_measured_or_given() {
    use book_tools::quiz::{self, Kind};
    use course::Lang;
    let repo = repo();
    let mut problems = Vec::new();
    let mut ids = BTreeSet::new();
    let teaching = teaching_chapters();
    for (file, text) in chapters() {
        let uses = text.matches("{{#quiz}}").count();
        let expected = usize::from(teaching.contains(&file));
        if uses != expected {
            problems.push(format!(
                "{file} has {uses} {{{{#quiz}}}}, expected {expected}"
            ));
        }
    }
    for chapter in &teaching {
        let path = quiz::file_of(&repo, chapter);
        let quiz = match quiz::load(&path) {
            Ok(quiz) => quiz,
            Err(e) => {
                problems.push(format!("{chapter}: {e:#}"));
                continue;
            }
        };
        if !(3..=5).contains(&quiz.questions.len()) {
            problems.push(format!(
                "{}: {} questions, expected 3 to 5",
                path.display(),
                quiz.questions.len()
            ));
        }
        for question in &quiz.questions {
            let id = &question.id;
            if !ids.insert(id.clone()) {
                problems.push(format!("{id}: the id is used twice"));
            }
            let measured = matches!(question.kind, Kind::Time | Kind::Output);
            if measured {
                match &question.prompt.program {
                    None => problems.push(format!("{id}: a measured answer with no program")),
                    Some(name) => {
                        let (source, stdout) = quiz::program(&repo, name).unwrap();
                        let shown = std::fs::read_to_string(&source)
                            .ok()
                            .and_then(|s| quiz::shown_code(&s));
                        if shown.is_none_or(|s| s.trim().is_empty()) {
                            problems.push(format!(
                                "{id}: {} has no `// ANCHOR: quiz` region",
                                source.display()
                            ));
                        }
                        if !stdout.is_file() {
                            problems.push(format!("{id}: no measured {}", stdout.display()));
                        }
                    }
                }
                if question.answer.is_some() {
                    problems.push(format!("{id}: a measured answer is typed in answer.answer"));
                }
            }
            if question.prompt.message.is_some() != question.prompt.wrong_answer.is_some() {
                problems.push(format!(
                    "{id}: prompt.message quotes what the tests say to prompt.wrong_answer: both or neither"
                ));
            }
            if let Some(wrong) = &question.prompt.wrong_answer {
                let file = checks::wrong_answers_dir().join(format!("{wrong}.rs"));
                if !file.is_file() {
                    problems.push(format!("{id}: no wrong answer {}", file.display()));
                }
            }
            for lang in Lang::ALL {
                let Ok(answer) = quiz::answer(&repo, question, lang) else {
                    problems.push(format!("{id}: no answer in {}", lang.code()));
                    continue;
                };
                let same = |choice: &str| match question.kind {
                    Kind::Time => choice.trim().parse::<f64>().ok() == answer.parse::<f64>().ok(),
                    _ => choice.trim() == answer.trim(),
                };
                let choices: Vec<String> = question
                    .prompt
                    .distractors
                    .iter()
                    .map(|d| d.get(lang).to_string())
                    .collect();
                if choices.iter().any(|c| same(c)) {
                    problems.push(format!(
                        "{id} ({}): the answer {answer:?} is also a distractor",
                        lang.code()
                    ));
                }
                let distinct: BTreeSet<&String> = choices.iter().collect();
                if distinct.len() != choices.len() || choices.len() < 2 {
                    problems.push(format!("{id}: two distractors alike, or fewer than two"));
                }
            }
        }
        // Each edition shows every question.
        for lang in Lang::ALL {
            let page = site()
                .join(lang.code())
                .join(Path::new(chapter).with_extension("html"));
            let html = std::fs::read_to_string(&page).unwrap_or_default();
            let shown = html.matches("<form class=\"quiz-question\"").count();
            if shown != quiz.questions.len() {
                problems.push(format!(
                    "{}: {shown} questions shown of {}",
                    page.display(),
                    quiz.questions.len()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "quizzes:\n{}", problems.join("\n"));
}
